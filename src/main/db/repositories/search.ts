// Full-text search over the FTS5 index inside the encrypted vault, restricted in SQL to what the
// person may read (the same rules as reading a case).
import type { Conn } from '../sqlite';

/** Who is searching: the safeguarding team reads everything; others only what they may. */
export type SearchScope =
  { kind: 'team' } | { kind: 'slt'; accountId: string } | { kind: 'own'; accountId: string };

export interface SearchRow {
  record_id: string;
  case_id: string;
  kind: string;
  ref: string;
  title: string;
  snip: string;
}

function restriction(scope: SearchScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'team':
      return { sql: '', params: [] };
    case 'slt':
      return {
        sql: 'AND (f.case_id IN (SELECT case_id FROM case_people WHERE account_id = ?) OR f.signer_id = ?)',
        params: [scope.accountId, scope.accountId],
      };
    case 'own':
      return { sql: 'AND f.signer_id = ?', params: [scope.accountId] };
  }
}

/**
 * `match` is an FTS5 expression built from quoted terms by the caller (never user syntax).
 * Newest first: FTS5 walks its doclists in rowid order and stops at the limit, so the cost does not
 * grow with the number of matches (ranking every match by bm25 did: see docs/performance.md).
 */
export function searchIndex(
  db: Conn,
  match: string,
  scope: SearchScope,
  limit: number,
): Promise<SearchRow[]> {
  const restrict = restriction(scope);
  return db.all<SearchRow>(
    `SELECT h.record_id, h.case_id, r.kind, c.ref, c.title, h.snip
       FROM (SELECT f.rowid AS rid, f.record_id, f.case_id, snippet(record_fts, 0, '[', ']', '…', 12) AS snip
               FROM record_fts f
              WHERE record_fts MATCH ? ${restrict.sql}
              ORDER BY f.rowid DESC LIMIT ?) h
       JOIN records r ON r.id = h.record_id JOIN cases c ON c.id = h.case_id
      ORDER BY h.rid DESC`,
    [match, ...restrict.params, Math.min(Math.max(limit, 1), 200)],
  );
}
