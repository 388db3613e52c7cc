// What a sealed export carries of the trust model: the school key the exporter's own key slot
// trusts, and every certificate of the accounts that signed something in the bundle.
import { CaseSealError } from '../../../shared/errors';
import type { Conn } from '../../db/sqlite';
import { loadCertificateBook } from '../accounts/schoolKey';
import { certificatesFile, type CertificatesFile } from '../verify/exportCertificates';

/** The author of a sealed concern's body (their own signature is inside it), if it is one. */
export function sealedAuthor(body: Record<string, unknown>): { keyId: string } | null {
  const sealed = body.sealed as { author?: { keyId?: unknown } } | undefined;
  return typeof sealed?.author?.keyId === 'string' ? { keyId: sealed.author.keyId } : null;
}

export async function exportCertificates(
  conn: Conn,
  trustedSchool: string | null,
  accountIds: readonly string[],
): Promise<CertificatesFile> {
  const trust = await loadCertificateBook(conn, trustedSchool);
  if (!trust.ok)
    throw new CaseSealError(
      'EXPORT_FAILED',
      trust.reason === 'no-school-key'
        ? 'This vault has no school key yet: the DSL must sign in once before anything is exported.'
        : 'The school key in the vault is not the one your key slot trusts. Nothing was exported: ask the DSL to run the full check.',
    );
  const wanted = new Set(accountIds);
  const book = trust.book;
  return certificatesFile(
    { publicKeyPem: book.schoolPublicKeyPem, fingerprint: book.schoolFingerprint },
    book.certificates().filter((c) => wanted.has(c.body.accountId)),
  );
}
