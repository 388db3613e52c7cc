// The school key (Ed25519): made at set-up, its private half wrapped for each DSL and the recovery
// slot only; its fingerprint is printed on the set-up sheet and every export. Loads the vault's
// certificates through the school key a person's own key slot trusts.
import type { KeyObject } from 'node:crypto';
import type { Conn } from '../../db/sqlite';
import { listCertificates, listSchoolKeys } from '../../db/repositories/trustKeys';
import { generateSigningKeyPair } from '../crypto/ed25519';
import { CertificateBook } from './certificates';

export interface SchoolKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

export function generateSchoolKey(): SchoolKey {
  const k = generateSigningKeyPair();
  return { privateKey: k.privateKey, publicKeyPem: k.publicKeyPem, fingerprint: k.keyId };
}

export type TrustLoad =
  | { ok: true; book: CertificateBook }
  | { ok: false; reason: 'no-school-key' | 'school-key-replaced'; message: string };

/**
 * The certificates, checked against the school key that `trusted` names (the fingerprint sealed in
 * the signed-in person's key slot). A vault whose school key differs from the trusted one has been
 * re-keyed by someone: that is reported, never silently accepted.
 */
export async function loadCertificateBook(conn: Conn, trusted: string | null): Promise<TrustLoad> {
  const keys = await listSchoolKeys(conn);
  if (keys.length === 0)
    return {
      ok: false,
      reason: 'no-school-key',
      message: 'This vault has no school key yet: it is made at the next DSL sign-in.',
    };
  const key = trusted ? keys.find((k) => k.fingerprint === trusted) : keys[0];
  if (!key || (!trusted && keys.length > 1))
    return {
      ok: false,
      reason: 'school-key-replaced',
      message:
        'The school key stored in the vault is not the one your key slot trusts: someone has replaced it. No signature can be trusted until the DSL has checked the vault against the set-up sheet.',
    };
  const certs = await listCertificates(conn);
  return {
    ok: true,
    book: new CertificateBook(
      certs.map((c) => ({ canonical: c.body, signature: c.signature, serial: c.serial })),
      key.publicKeyPem,
    ),
  };
}

/**
 * What the checks trust: the certificate book, or why there is none. A vault from before the
 * school key (no certificates yet) is checked as it was then (`null` overall).
 */
export async function loadTrust(
  conn: Conn,
  trusted: string | null,
): Promise<{ book: CertificateBook | null; problem: string | null } | undefined> {
  const t = await loadCertificateBook(conn, trusted);
  const book = t.ok ? t.book : null;
  const problem = t.ok ? null : t.reason === 'no-school-key' ? null : t.message;
  return book || problem ? { book, problem } : undefined;
}
