// SQL for the certificate check at sign-in: every (person, signing key) pair in a table with the
// first and last time it signed, found by seeking in the covering indexes of migration 0100 (a
// "loose index scan"): a handful of seeks per pair, never a read of the whole index, so sign-in
// costs the same on a vault of 100,000 records as on one of 100 (docs/design.md, "Trust model").
import type { Conn } from '../sqlite';

export interface SignerPairSpan {
  personId: string;
  keyId: string;
  first: string;
  last: string;
}

/** One indexed table: (person column, key column, time column), in the index's column order. */
export interface PairIndex {
  /** The statements, each answered by a seek in the index (tests check the query plans). */
  firstPerson: string;
  nextPerson: string;
  firstKey: string;
  nextKey: string;
  firstTime: string;
  lastTime: string;
}

function pairIndex(table: string, person: string, key: string, time: string): PairIndex {
  return {
    firstPerson: `SELECT ${person} AS v FROM ${table} WHERE ${person} IS NOT NULL ORDER BY ${person} LIMIT 1`,
    nextPerson: `SELECT ${person} AS v FROM ${table} WHERE ${person} > ? ORDER BY ${person} LIMIT 1`,
    firstKey: `SELECT ${key} AS v FROM ${table} WHERE ${person} = ? AND ${key} IS NOT NULL ORDER BY ${key} LIMIT 1`,
    nextKey: `SELECT ${key} AS v FROM ${table} WHERE ${person} = ? AND ${key} > ? ORDER BY ${key} LIMIT 1`,
    firstTime: `SELECT ${time} AS v FROM ${table} WHERE ${person} = ? AND ${key} = ? ORDER BY ${time} LIMIT 1`,
    lastTime: `SELECT ${time} AS v FROM ${table} WHERE ${person} = ? AND ${key} = ? ORDER BY ${time} DESC LIMIT 1`,
  };
}

/** records_by_signer_key: every record's signer, key and signing time. */
export const RECORD_PAIRS = pairIndex('records', 'signer_id', 'key_id', 'signed_at');
/** audit_by_signer_key: every signed audit entry's actor, key and time (unsigned ones have no key). */
export const AUDIT_PAIRS = pairIndex('audit', 'actor_id', 'signer_key_id', 'at');

async function value(conn: Conn, sql: string, params: unknown[]): Promise<string | undefined> {
  return (await conn.get<{ v: string }>(sql, params))?.v;
}

/**
 * Every pair with a person and a key, in index order. Rows with no person or no key (audit entries
 * from before audit signing) are skipped by the seeks themselves, not read one by one.
 */
export async function signerPairSpans(conn: Conn, ix: PairIndex): Promise<SignerPairSpan[]> {
  const out: SignerPairSpan[] = [];
  let person = await value(conn, ix.firstPerson, []);
  while (person !== undefined) {
    let key = await value(conn, ix.firstKey, [person]);
    while (key !== undefined) {
      const first = (await value(conn, ix.firstTime, [person, key]))!;
      const last = (await value(conn, ix.lastTime, [person, key]))!;
      out.push({ personId: person, keyId: key, first, last });
      key = await value(conn, ix.nextKey, [person, key]);
    }
    person = await value(conn, ix.nextPerson, [person]);
  }
  return out;
}
