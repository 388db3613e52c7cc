// SQL for the append-only `records` table (the signed log): the chain tips an append links to, the
// insert itself, and the reads of the log, a case's chronology and one record. Triggers refuse any
// UPDATE or DELETE, so nothing here changes a stored record.
import type { Conn } from '../sqlite';

export interface RecordRow {
  seq: number;
  id: string;
  case_id: string;
  case_seq: number;
  kind: string;
  signer_id: string;
  key_id: string;
  signed_at: string;
  subject_id: string | null;
  envelope: string;
  hash: string;
  signature: string;
}

export interface ChainTips {
  seq: number | null;
  hash: string | null;
  signed_at: string | null;
  case_seq: number | null;
  case_hash: string | null;
}

/** Both chain tips (the vault's last record and the case's) in one statement. */
export async function chainTips(conn: Conn, caseId: string): Promise<ChainTips | undefined> {
  return conn.get<ChainTips>(
    `SELECT l.seq, l.hash, l.signed_at, c.case_seq, c.hash AS case_hash
       FROM (SELECT 1) AS one
       LEFT JOIN (SELECT seq, hash, signed_at FROM records ORDER BY seq DESC LIMIT 1) AS l
       LEFT JOIN (SELECT case_seq, hash FROM records WHERE case_id = ? ORDER BY case_seq DESC LIMIT 1) AS c`,
    [caseId],
  );
}

export async function insertRecord(conn: Conn, r: RecordRow): Promise<void> {
  await conn.run(
    `INSERT INTO records (seq, id, case_id, case_seq, kind, signer_id, key_id, signed_at, subject_id, envelope, hash, signature)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      r.seq,
      r.id,
      r.case_id,
      r.case_seq,
      r.kind,
      r.signer_id,
      r.key_id,
      r.signed_at,
      r.subject_id,
      r.envelope,
      r.hash,
      r.signature,
    ],
  );
}

/** A case's records in chain order. */
export async function recordRowsOfCase(conn: Conn, caseId: string): Promise<RecordRow[]> {
  return conn.all<RecordRow>('SELECT * FROM records WHERE case_id = ? ORDER BY case_seq', [caseId]);
}

export async function recordRowById(conn: Conn, id: string): Promise<RecordRow | undefined> {
  return conn.get<RecordRow>('SELECT * FROM records WHERE id = ?', [id]);
}

export async function recordRowAtSeq(conn: Conn, seq: number): Promise<RecordRow | undefined> {
  return conn.get<RecordRow>('SELECT * FROM records WHERE seq = ?', [seq]);
}

export async function countRecordsAfter(conn: Conn, seq: number): Promise<number> {
  return (
    (await conn.get<{ n: number }>('SELECT count(*) AS n FROM records WHERE seq > ?', [seq]))?.n ??
    0
  );
}

/** The next page of the log after `seq`, in log order. */
export async function recordRowsAfter(
  conn: Conn,
  seq: number,
  limit: number,
): Promise<RecordRow[]> {
  return conn.all<RecordRow>('SELECT * FROM records WHERE seq > ? ORDER BY seq LIMIT ?', [
    seq,
    limit,
  ]);
}

/** The hash of a case's record at one position of its chain, if there is one. */
export async function caseRecordHash(
  conn: Conn,
  caseId: string,
  caseSeq: number,
): Promise<string | undefined> {
  return (
    await conn.get<{ hash: string }>(
      'SELECT hash FROM records WHERE case_id = ? AND case_seq = ?',
      [caseId, caseSeq],
    )
  )?.hash;
}

export async function recordLinkAtSeq(
  conn: Conn,
  seq: number,
): Promise<{ seq: number; hash: string } | undefined> {
  return conn.get<{ seq: number; hash: string }>('SELECT seq, hash FROM records WHERE seq = ?', [
    seq,
  ]);
}

/** Whether this person signed any record in the case (staff read their own records only). */
export async function signedInCase(conn: Conn, caseId: string, signerId: string): Promise<boolean> {
  const row = await conn.get(
    'SELECT 1 AS x FROM records WHERE case_id = ? AND signer_id = ? LIMIT 1',
    [caseId, signerId],
  );
  return row !== undefined;
}
