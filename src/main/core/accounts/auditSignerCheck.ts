// The certificate check of signed audit entries, for the sign-in check and the full check: an
// entry signed with an account key counts only if the school key certified that key for the person
// it names as acting, at the entry's time — so a key holder who inserts a key for someone else's
// account and re-signs a rewritten trail is named entry by entry (docs/design.md, "Trust model").
import type { Sqlite } from '../../db/sqlite';
import { auditEntriesBySignerKey, auditSignerSpans } from '../../db/repositories/auditSigners';
import type { Problem } from '../verify/chainChecks';
import type { CertificateBook } from './certificates';

/** Entries named one by one per (person, key); the rest are counted, so the alarm stays readable. */
export const AUDIT_ENTRIES_NAMED_PER_KEY = 50;

/**
 * Every (actor, key) pair in the whole trail is checked at its first and last time (one grouped
 * query, cheap enough for every sign-in); a pair not covered by one certificate throughout is
 * read entry by entry, and each entry that fails is named with why.
 */
export async function auditSignerProblems(db: Sqlite, book: CertificateBook): Promise<Problem[]> {
  const spans = await db.exclusive((c) => auditSignerSpans(c));
  const out: Problem[] = [];
  for (const s of spans) {
    const claim = (at: string) => ({ accountId: s.actorId, keyId: s.keyId, at });
    const inForce = (at: string) => book.inForce(s.actorId, at)?.body.serial;
    if (
      !book.problemWith(claim(s.first)) &&
      !book.problemWith(claim(s.last)) &&
      inForce(s.first) === inForce(s.last)
    )
      continue;
    const rows = await db.exclusive((c) => auditEntriesBySignerKey(c, s.actorId, s.keyId));
    const name = personName(book, s.actorId);
    let named = 0;
    let more = 0;
    for (const r of rows) {
      const why = book.problemWith(claim(r.at));
      if (!why) continue;
      if (named >= AUDIT_ENTRIES_NAMED_PER_KEY) {
        more++;
        continue;
      }
      named++;
      out.push({
        problem: 'uncertified-signer',
        seq: r.seq,
        message: `Audit entry ${r.seq} (${r.action}, ${r.at}, in the name of ${name}) ${why}.`,
      });
    }
    if (more > 0)
      out.push({
        problem: 'uncertified-signer',
        message: `${more} more audit ${more === 1 ? 'entry' : 'entries'} in the name of ${name} ${more === 1 ? 'is' : 'are'} signed with the same uncertified key.`,
      });
  }
  return out;
}

function personName(book: CertificateBook, accountId: string): string {
  const cert = book.certificates().find((c) => c.body.accountId === accountId);
  return cert ? cert.body.name : 'an account the school key never certified';
}
