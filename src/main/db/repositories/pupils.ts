// All SQL for pupils: the `pupils` projection and its full-text index, the pupil <-> case links,
// pupil <-> pupil and case <-> case relations, and the records read for a pupil's chronology.
import type { Conn } from '../sqlite';
import type { RecordRow } from '../../core/log/recordLog';

export interface PupilRow {
  id: string;
  legal_name: string;
  known_as: string | null;
  year_group: string;
  tutor_group: string | null;
  date_of_birth: string | null;
  sex: string | null;
  upn: string | null;
  details: string;
  record_id: string;
  created_at: string;
  updated_at: string;
}

export async function savePupil(conn: Conn, p: PupilRow, searchText: string): Promise<void> {
  await conn.run(
    `INSERT INTO pupils (id, legal_name, known_as, year_group, tutor_group, date_of_birth, sex, upn, details, record_id, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
     ON CONFLICT(id) DO UPDATE SET legal_name = excluded.legal_name, known_as = excluded.known_as,
       year_group = excluded.year_group, tutor_group = excluded.tutor_group,
       date_of_birth = excluded.date_of_birth, sex = excluded.sex, upn = excluded.upn,
       details = excluded.details, updated_at = excluded.updated_at`,
    [
      p.id,
      p.legal_name,
      p.known_as,
      p.year_group,
      p.tutor_group,
      p.date_of_birth,
      p.sex,
      p.upn,
      p.details,
      p.record_id,
      p.created_at,
      p.updated_at,
    ],
  );
  await conn.run('DELETE FROM pupil_fts WHERE pupil_id = ?', [p.id]);
  await conn.run('INSERT INTO pupil_fts (text, pupil_id) VALUES (?, ?)', [searchText, p.id]);
}

export async function getPupil(conn: Conn, id: string): Promise<PupilRow | undefined> {
  return conn.get<PupilRow>('SELECT * FROM pupils WHERE id = ?', [id]);
}

/** `?,?,?` for an IN list: SQLite then uses the index for each value (an IN over json_each() scans). */
function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

export async function getPupils(conn: Conn, ids: readonly string[]): Promise<PupilRow[]> {
  if (ids.length === 0) return [];
  return conn.all<PupilRow>(`SELECT * FROM pupils WHERE id IN (${marks(ids.length)})`, [...ids]);
}

/** Newest-registered first is not useful for a list of children: alphabetical by legal name. */
export async function listPupils(conn: Conn, limit: number): Promise<PupilRow[]> {
  return conn.all<PupilRow>('SELECT * FROM pupils ORDER BY legal_name COLLATE NOCASE LIMIT ?', [
    limit,
  ]);
}

/** `match` is an FTS5 expression built from quoted words (never raw user text). */
export async function searchPupils(conn: Conn, match: string, limit: number): Promise<PupilRow[]> {
  return conn.all<PupilRow>(
    `SELECT p.* FROM (SELECT pupil_id FROM pupil_fts WHERE pupil_fts MATCH ? LIMIT ?) f
       JOIN pupils p ON p.id = f.pupil_id
      ORDER BY p.legal_name COLLATE NOCASE`,
    [match, limit],
  );
}

export async function pupilChain(conn: Conn, pupilId: string): Promise<RecordRow[]> {
  return conn.all<RecordRow>('SELECT * FROM records WHERE case_id = ? ORDER BY case_seq', [
    pupilId,
  ]);
}

/** The chains of several pupils, each in chain order. */
export async function pupilChains(conn: Conn, pupilIds: readonly string[]): Promise<RecordRow[]> {
  if (pupilIds.length === 0) return [];
  return conn.all<RecordRow>(
    `SELECT * FROM records WHERE case_id IN (${marks(pupilIds.length)}) ORDER BY case_id, case_seq`,
    [...pupilIds],
  );
}

// ------------------------------------------------------------------ links (projections of case facts)

export interface CaseLinkProjection {
  pupilId: string;
  role: string;
  recordId: string;
  linkedAt: string;
}

/** Replaces a case's pupil links with those its records now add up to (links can be removed). */
export async function setCasePupilLinks(
  conn: Conn,
  caseId: string,
  links: readonly CaseLinkProjection[],
): Promise<void> {
  await conn.run('DELETE FROM pupil_case_links WHERE case_id = ?', [caseId]);
  for (const l of links) {
    await conn.run(
      'INSERT OR REPLACE INTO pupil_case_links (pupil_id, case_id, role, record_id, linked_at) VALUES (?,?,?,?,?)',
      [l.pupilId, caseId, l.role, l.recordId, l.linkedAt],
    );
  }
}

export async function setCaseRelations(
  conn: Conn,
  caseId: string,
  rels: ReadonlyArray<{ otherCaseId: string; relation: string; recordId: string }>,
): Promise<void> {
  await conn.run('DELETE FROM case_relations WHERE case_id = ?', [caseId]);
  for (const r of rels) {
    await conn.run(
      'INSERT OR REPLACE INTO case_relations (case_id, other_case_id, relation, record_id) VALUES (?,?,?,?)',
      [caseId, r.otherCaseId, r.relation, r.recordId],
    );
  }
}

export async function addPupilRelation(
  conn: Conn,
  r: { pupilId: string; otherPupilId: string; relation: string; recordId: string },
): Promise<void> {
  await conn.run(
    'INSERT OR REPLACE INTO pupil_relations (pupil_id, other_pupil_id, relation, record_id) VALUES (?,?,?,?)',
    [r.pupilId, r.otherPupilId, r.relation, r.recordId],
  );
}

export interface PupilCaseRow {
  case_id: string;
  role: string;
  record_id: string;
  linked_at: string;
  ref: string;
  title: string;
  status: string;
}

export async function casesOfPupil(conn: Conn, pupilId: string): Promise<PupilCaseRow[]> {
  return conn.all<PupilCaseRow>(
    `SELECT l.case_id, l.role, l.record_id, l.linked_at, c.ref, c.title, c.status
       FROM pupil_case_links l JOIN cases c ON c.id = l.case_id
      WHERE l.pupil_id = ? ORDER BY c.created_at, l.role`,
    [pupilId],
  );
}

export interface CasePupilRow {
  pupil_id: string;
  role: string;
  legal_name: string;
  known_as: string | null;
  year_group: string;
}

export async function pupilsOfCase(conn: Conn, caseId: string): Promise<CasePupilRow[]> {
  return conn.all<CasePupilRow>(
    `SELECT l.pupil_id, l.role, p.legal_name, p.known_as, p.year_group
       FROM pupil_case_links l JOIN pupils p ON p.id = l.pupil_id
      WHERE l.case_id = ? ORDER BY p.legal_name COLLATE NOCASE`,
    [caseId],
  );
}

export interface RelatedPupilRow {
  pupil_id: string;
  relation: string;
  legal_name: string;
  known_as: string | null;
  year_group: string;
}

/** Both sides: links this pupil made and links other pupils made to this one. */
export async function relatedPupils(conn: Conn, pupilId: string): Promise<RelatedPupilRow[]> {
  return conn.all<RelatedPupilRow>(
    `SELECT r.other_id AS pupil_id, r.relation, p.legal_name, p.known_as, p.year_group
       FROM (SELECT other_pupil_id AS other_id, relation FROM pupil_relations WHERE pupil_id = ?
             UNION
             SELECT pupil_id AS other_id, relation FROM pupil_relations WHERE other_pupil_id = ?) r
       JOIN pupils p ON p.id = r.other_id
      ORDER BY p.legal_name COLLATE NOCASE`,
    [pupilId, pupilId],
  );
}

export interface RelatedCaseRow {
  case_id: string;
  relation: string;
  ref: string;
  title: string;
  status: string;
}

/** Both sides: links this case made and links other cases made to this one. */
export async function relatedCases(conn: Conn, caseId: string): Promise<RelatedCaseRow[]> {
  return conn.all<RelatedCaseRow>(
    `SELECT r.other_id AS case_id, r.relation, c.ref, c.title, c.status
       FROM (SELECT other_case_id AS other_id, relation FROM case_relations WHERE case_id = ?
             UNION
             SELECT case_id AS other_id, relation FROM case_relations WHERE other_case_id = ?) r
       JOIN cases c ON c.id = r.other_id
      ORDER BY c.ref`,
    [caseId, caseId],
  );
}

export async function caseByRef(conn: Conn, ref: string): Promise<{ id: string } | undefined> {
  return conn.get<{ id: string }>('SELECT id FROM cases WHERE ref = ?', [ref]);
}

export async function caseHeads(
  conn: Conn,
  ids: readonly string[],
): Promise<Array<{ id: string; ref: string; title: string; status: string }>> {
  if (ids.length === 0) return [];
  return conn.all(`SELECT id, ref, title, status FROM cases WHERE id IN (${marks(ids.length)})`, [
    ...ids,
  ]);
}

// ------------------------------------------------------------------ chronology

export interface ChronologyFilter {
  kinds?: readonly string[];
  from?: string;
  to?: string;
}

/** Every record of the given chains (cases the reader may see, and the pupil's own), oldest first. */
export async function chronologyRecords(
  conn: Conn,
  chainIds: readonly string[],
  f: ChronologyFilter,
): Promise<RecordRow[]> {
  if (chainIds.length === 0) return [];
  // One placeholder per chain, so SQLite walks the (case_id, case_seq) index of each chain.
  const where = [`case_id IN (${marks(chainIds.length)})`];
  const params: unknown[] = [...chainIds];
  if (f.kinds && f.kinds.length > 0) {
    where.push('kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.kinds));
  }
  if (f.from) {
    where.push('signed_at >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('signed_at < ?');
    params.push(f.to);
  }
  return conn.all<RecordRow>(
    `SELECT * FROM records WHERE ${where.join(' AND ')} ORDER BY signed_at, seq`,
    params,
  );
}
