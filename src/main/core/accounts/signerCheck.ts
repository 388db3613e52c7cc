// The certificate check of signed records, shared by the sign-in check, the full check and the
// export verifier: a signature counts only if the school key certified its key for that person at
// the time it claims, and every failure names the record.
import type { Envelope } from '../../../shared/records/envelope';
import type { Sqlite } from '../../db/sqlite';
import { recordsBySignerKey, signerKeySpans } from '../../db/repositories/trustKeys';
import type { Problem } from '../verify/chainChecks';
import type { CertificateBook } from './certificates';
import { canonicalJson } from '../../../shared/records/canonical';
import { sealedPartSchema } from '../../../shared/records/kinds/sealedConcern';
import { sha256Hex } from '../crypto/hash';
import { parseStatement, statementSignatureValid } from '../intake/sealedConcern';

/** The keys the checks may verify with: only certified ones (an inserted key is never trusted). */
export function certifiedKeyMaps(book: CertificateBook): {
  pems: Map<string, string>;
  owner: Map<string, string>;
} {
  const keys = book.certifiedKeys();
  return {
    pems: new Map([...keys].map(([id, k]) => [id, k.pem])),
    owner: new Map([...keys].map(([id, k]) => [id, k.accountId])),
  };
}

export function recordSignerProblem(
  book: CertificateBook,
  env: Envelope,
  seq?: number,
): Problem | null {
  const why = book.problemWith({
    accountId: env.signer.accountId,
    keyId: env.signer.keyId,
    at: env.signedAt,
    role: env.signer.role,
  });
  const sealed = why ? null : sealedConcernProblem(book, env);
  if (sealed)
    return {
      problem: 'uncertified-signer',
      recordId: env.id,
      caseId: env.caseId,
      ...(seq !== undefined ? { seq } : {}),
      message: sealed,
    };
  return why
    ? {
        problem: 'uncertified-signer',
        recordId: env.id,
        caseId: env.caseId,
        ...(seq !== undefined ? { seq } : {}),
        message: `Record ${env.id} (${env.kind}, signed ${env.signedAt} as ${env.signer.name}) ${why}.`,
      }
    : null;
}

/** Problems with the certificates themselves, or with the trust in the school key. */
export function bookProblems(book: CertificateBook | null, trustProblem: string | null): Problem[] {
  const out: Problem[] = [];
  if (trustProblem) out.push({ problem: 'uncertified-signer', message: trustProblem });
  for (const serial of book?.forged ?? [])
    out.push({
      problem: 'uncertified-signer',
      message: `Certificate ${serial} is not signed by the school key: someone has added or changed it.`,
    });
  return out;
}

/**
 * The sign-in check looks at new records in full, but a key holder could rewrite an older record and
 * move the checkpoint back: so every (signer, key) pair in the whole log is checked against the
 * certificates by its first and last signing time (one grouped query), and any pair not covered
 * throughout is checked record by record, naming each record.
 */
export async function wholeLogSignerProblems(
  db: Sqlite,
  book: CertificateBook,
): Promise<Problem[]> {
  const spans = await db.exclusive((c) => signerKeySpans(c));
  const out: Problem[] = [];
  for (const s of spans) {
    const first = book.problemWith({ accountId: s.accountId, keyId: s.keyId, at: s.first });
    const last = book.problemWith({ accountId: s.accountId, keyId: s.keyId, at: s.last });
    const inForce = (at: string) => book.inForce(s.accountId, at)?.body.serial;
    // One certificate in force from first to last: every record between is covered by it.
    if (!first && !last && inForce(s.first) === inForce(s.last)) continue;
    const rows = await db.exclusive((c) => recordsBySignerKey(c, s.accountId, s.keyId));
    for (const r of rows) {
      let env: Envelope;
      try {
        env = JSON.parse(r.envelope) as Envelope;
      } catch {
        continue; // reported by the envelope checks
      }
      const p = recordSignerProblem(book, env, r.seq);
      if (p) out.push(p);
    }
  }
  return out;
}

/**
 * A staff member's sealed concern carries their own signed statement: it must verify with a key
 * the school key certified for them at the time they sealed it, and the concern the record shows
 * must be exactly what they signed (the importer cannot change their words).
 */
export function sealedConcernProblem(book: CertificateBook, env: Envelope): string | null {
  if (env.kind !== 'sealed-concern') return null;
  const { sealed, ...shown } = env.body as { sealed?: Record<string, unknown> };
  const parsed = sealedPartSchema.safeParse(sealed);
  if (!parsed.success)
    return `Record ${env.id} (a sealed concern) does not carry its author’s signed statement.`;
  const s = parsed.data;
  const statement = parseStatement(s.statement);
  const label = `Record ${env.id} (a concern sealed by ${s.author.name})`;
  if (!statement || sha256Hex(s.statement) !== s.hash)
    return `${label}: its author’s signed statement has been altered.`;
  if (
    statement.signer.accountId !== s.author.accountId ||
    statement.signer.keyId !== s.author.keyId ||
    statement.sealedAt !== s.sealedAt ||
    canonicalJson(statement.body) !== canonicalJson(shown)
  )
    return `${label}: what the record shows differs from what its author signed.`;
  const why = book.problemWith({
    accountId: s.author.accountId,
    keyId: s.author.keyId,
    at: s.sealedAt,
    role: s.author.role,
  });
  if (why) return `${label}: the author’s signature ${why}.`;
  const pem = book.certifiedKeys().get(s.author.keyId)?.pem;
  if (
    !pem ||
    !statementSignatureValid({ statement: s.statement, hash: s.hash, signature: s.signature }, pem)
  )
    return `${label}: its author’s signature does not verify.`;
  return null;
}
