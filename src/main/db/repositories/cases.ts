// The cases table (one row per case: its reference, status, title and the projected details the
// list shows), and the access clause that limits a list to the cases a person may see.
import type { Conn } from '../sqlite';

export interface CaseDbRow {
  id: string;
  ref: string;
  status: string;
  title: string;
  incident_kind: string | null;
  category: string | null;
  children: string;
  created_at: string;
  opened_at: string | null;
  updated_at: string;
  flags: string;
}

export async function insertCase(
  conn: Conn,
  c: {
    id: string;
    ref: string;
    status: string;
    title: string;
    createdAt: string;
    createdBy: string;
    updatedAt: string;
  },
): Promise<void> {
  await conn.run(
    'INSERT INTO cases (id, ref, status, title, created_at, created_by, updated_at) VALUES (?,?,?,?,?,?,?)',
    [c.id, c.ref, c.status, c.title, c.createdAt, c.createdBy, c.updatedAt],
  );
}

export function getCaseRow(conn: Conn, caseId: string): Promise<CaseDbRow | undefined> {
  return conn.get<CaseDbRow>('SELECT * FROM cases WHERE id = ?', [caseId]);
}

export async function caseRefOf(conn: Conn, caseId: string): Promise<string | undefined> {
  return (await conn.get<{ ref: string }>('SELECT ref FROM cases WHERE id = ?', [caseId]))?.ref;
}

/** Every case's reference by id (audit trail labels). */
export async function allCaseRefs(conn: Conn): Promise<Map<string, string>> {
  const rows = await conn.all<{ id: string; ref: string }>('SELECT id, ref FROM cases');
  return new Map(rows.map((r) => [r.id, r.ref]));
}

/** The references of the given cases, sorted (export file names). */
export async function caseRefsOf(conn: Conn, caseIds: readonly string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await conn.all<{ ref: string }>(
    `SELECT ref FROM cases WHERE id IN (${caseIds.map(() => '?').join(',')}) ORDER BY ref`,
    [...caseIds],
  );
  return rows.map((r) => r.ref);
}

/** Cases started by a staff concern that the DSL has not yet opened. */
export function concernCases(
  conn: Conn,
): Promise<
  Array<{ id: string; ref: string; title: string; created_at: string; created_by: string }>
> {
  return conn.all(
    "SELECT id, ref, title, created_at, created_by FROM cases WHERE status = 'concern'",
  );
}

/** Who may see which cases in a list: the team all; a senior leader those they take part in or
 * signed in; staff those they signed in. */
export type CaseListScope =
  { kind: 'team' } | { kind: 'slt'; accountId: string } | { kind: 'own'; accountId: string };

export interface CaseListQuery {
  scope: CaseListScope;
  status?: string;
  incidentKind?: string;
  child?: string;
  from?: string;
  to?: string;
  sort: 'updated-desc' | 'updated-asc' | 'created-desc' | 'created-asc' | 'ref';
  limit: number;
  offset: number;
}

const SORTS: Record<CaseListQuery['sort'], string> = {
  'updated-desc': 'updated_at DESC',
  'updated-asc': 'updated_at ASC',
  'created-desc': 'created_at DESC',
  'created-asc': 'created_at ASC',
  ref: 'ref ASC',
};

function scopeClause(scope: CaseListScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'team':
      return { sql: '1', params: [] };
    case 'slt':
      return {
        sql: '(id IN (SELECT case_id FROM case_people WHERE account_id = ?) OR id IN (SELECT case_id FROM records WHERE signer_id = ?))',
        params: [scope.accountId, scope.accountId],
      };
    case 'own':
      return {
        sql: 'id IN (SELECT case_id FROM records WHERE signer_id = ?)',
        params: [scope.accountId],
      };
  }
}

/** The cases a reader may read in full: the team all; a senior leader those they take part in;
 * staff none (they see only their own records). */
function fullReadClause(scope: CaseListScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'team':
      return { sql: '1', params: [] };
    case 'slt':
      return {
        sql: 'id IN (SELECT case_id FROM case_people WHERE account_id = ?)',
        params: [scope.accountId],
      };
    case 'own':
      return { sql: '0', params: [] };
  }
}

/** The ids of the cases an account takes part in (those a senior leader may read in full). */
export async function caseIdsTakingPart(conn: Conn, accountId: string): Promise<Set<string>> {
  const rows = await conn.all<{ case_id: string }>(
    'SELECT case_id FROM case_people WHERE account_id = ?',
    [accountId],
  );
  return new Set(rows.map((r) => r.case_id));
}

/** One page of cases and the total that match; every value is a bound parameter. */
export async function listCasePage(
  conn: Conn,
  q: CaseListQuery,
): Promise<{ rows: CaseDbRow[]; total: number }> {
  const acc = scopeClause(q.scope);
  const where = [acc.sql];
  const params: unknown[] = [...acc.params];
  const add = (clause: string, value: unknown): void => {
    where.push(clause);
    params.push(value);
  };
  // Details withheld from a reader (child, incident kind) must not be revealed by a filter's count
  // either: such filters match only the cases the reader may read in full (docs/design.md, "Access").
  const full = fullReadClause(q.scope);
  const addWithheld = (clause: string, value: unknown): void => {
    where.push(`(${clause} AND ${full.sql})`);
    params.push(value, ...full.params);
  };
  if (q.status) add('status = ?', q.status);
  if (q.incidentKind) addWithheld('incident_kind = ?', q.incidentKind);
  if (q.child)
    addWithheld("children LIKE ? ESCAPE '\\'", `%${q.child.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  if (q.from) add('created_at >= ?', q.from);
  if (q.to) add('created_at < ?', q.to);
  const rows = await conn.all<CaseDbRow>(
    `SELECT * FROM cases WHERE ${where.join(' AND ')} ORDER BY ${SORTS[q.sort]} LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  const total =
    (
      await conn.get<{ n: number }>(
        `SELECT count(*) AS n FROM cases WHERE ${where.join(' AND ')}`,
        params,
      )
    )?.n ?? 0;
  return { rows, total };
}

/** A case's id, reference and stored title, if the case exists. */
export async function caseRefRow(
  conn: Conn,
  id: string,
): Promise<{ id: string; ref: string; title: string } | undefined> {
  return conn.get<{ id: string; ref: string; title: string }>(
    'SELECT id, ref, title FROM cases WHERE id = ?',
    [id],
  );
}

export async function caseExists(conn: Conn, id: string): Promise<boolean> {
  return (await conn.get('SELECT id FROM cases WHERE id = ?', [id])) !== undefined;
}

/** The projected columns of a case, rewritten from its records after each append. */
export async function updateCaseProjection(
  conn: Conn,
  p: {
    id: string;
    status: string;
    title: string;
    incidentKind: string | null;
    category: string | null;
    children: string;
    openedAt: string | null;
    updatedAt: string;
    flags: string;
  },
): Promise<void> {
  await conn.run(
    `UPDATE cases SET status = ?, title = ?, incident_kind = ?, category = ?, children = ?, opened_at = ?, updated_at = ?, flags = ? WHERE id = ?`,
    [
      p.status,
      p.title,
      p.incidentKind,
      p.category,
      p.children,
      p.openedAt,
      p.updatedAt,
      p.flags,
      p.id,
    ],
  );
}

/** Open cases whose projected flags include `flagJson` (a JSON string, as stored). */
export async function openCasesFlagged(
  conn: Conn,
  flagJson: string,
): Promise<Array<{ id: string; ref: string; title: string }>> {
  return conn.all<{ id: string; ref: string; title: string }>(
    `SELECT id, ref, title FROM cases WHERE instr(flags, ?) > 0 AND status <> 'closed'`,
    [flagJson],
  );
}

/** `case_people`: who takes part in a case (a senior leader reads the cases they take part in). */
export async function addCasePerson(conn: Conn, caseId: string, accountId: string): Promise<void> {
  await conn.run('INSERT OR IGNORE INTO case_people (case_id, account_id) VALUES (?, ?)', [
    caseId,
    accountId,
  ]);
}

export async function isCasePerson(
  conn: Conn,
  caseId: string,
  accountId: string,
): Promise<boolean> {
  const row = await conn.get(
    'SELECT 1 AS x FROM case_people WHERE case_id = ? AND account_id = ?',
    [caseId, accountId],
  );
  return row !== undefined;
}
