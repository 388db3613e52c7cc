// Appends signed records to the log and reads them back. Main fixes the signer, the time and the
// content: canonical JSON (RFC 8785) -> SHA-256 -> Ed25519, chained to the previous record of the
// vault and of the case (docs/design.md). Nothing here updates or deletes a record.
import { randomUUID, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/records/canonical';
import {
  RECORD_ENVELOPE_VERSION,
  recordSigningMessage,
  type Envelope,
  type Signer,
  type SignedRecord,
} from '../../../shared/records/envelope';
import type { Conn } from '../../db/sqlite';
import { sha256Hex } from '../crypto/hash';
import { signMessage } from '../crypto/ed25519';

export interface AppendInput {
  caseId: string;
  kind: string;
  body: Record<string, unknown>;
  signer: Signer;
  privateKey: KeyObject;
  now: Date;
  /** The record this one points at (correction target, countersigned record). */
  subjectId?: string | null;
  /** Fixed id (tests and flows that must know it in advance); random otherwise. */
  id?: string;
}

export interface AppendResult {
  record: SignedRecord;
  /** The computer's clock was earlier than the last record's time ("The clock"). */
  clockAnomaly: { lastSignedAt: string } | null;
}

export async function appendRecord(conn: Conn, input: AppendInput): Promise<AppendResult> {
  // Both chain tips in one round trip (each call into the driver costs a thread-pool hop).
  const tips = await conn.get<{
    seq: number | null;
    hash: string | null;
    signed_at: string | null;
    case_seq: number | null;
    case_hash: string | null;
  }>(
    `SELECT l.seq, l.hash, l.signed_at, c.case_seq, c.hash AS case_hash
       FROM (SELECT 1) AS one
       LEFT JOIN (SELECT seq, hash, signed_at FROM records ORDER BY seq DESC LIMIT 1) AS l
       LEFT JOIN (SELECT case_seq, hash FROM records WHERE case_id = ? ORDER BY case_seq DESC LIMIT 1) AS c`,
    [input.caseId],
  );
  const last = tips?.seq
    ? { seq: tips.seq, hash: tips.hash!, signed_at: tips.signed_at! }
    : undefined;
  const caseLast = tips?.case_seq ? { case_seq: tips.case_seq, hash: tips.case_hash! } : undefined;
  const signedAt = input.now.toISOString();
  const clockAnomaly = last && signedAt < last.signed_at ? { lastSignedAt: last.signed_at } : null;
  const envelope: Envelope = {
    v: RECORD_ENVELOPE_VERSION,
    id: input.id ?? randomUUID(),
    caseId: input.caseId,
    kind: input.kind,
    seq: (last?.seq ?? 0) + 1,
    prev: last?.hash ?? null,
    caseSeq: (caseLast?.case_seq ?? 0) + 1,
    casePrev: caseLast?.hash ?? null,
    signedAt,
    signer: input.signer,
    body: input.body,
  };
  const canonical = canonicalJson(envelope);
  const hash = sha256Hex(canonical);
  const signature = signMessage(input.privateKey, recordSigningMessage(hash));
  await conn.run(
    `INSERT INTO records (seq, id, case_id, case_seq, kind, signer_id, key_id, signed_at, subject_id, envelope, hash, signature)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      envelope.seq,
      envelope.id,
      envelope.caseId,
      envelope.caseSeq,
      envelope.kind,
      input.signer.accountId,
      input.signer.keyId,
      signedAt,
      input.subjectId ?? null,
      canonical,
      hash,
      signature,
    ],
  );
  // The full-text index is written by the records_fts_index trigger (migration 0030).
  return { record: { envelope, canonical, hash, signature }, clockAnomaly };
}

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

export function signedRecordFromRow(r: RecordRow): SignedRecord {
  return {
    envelope: JSON.parse(r.envelope) as Envelope,
    canonical: r.envelope,
    hash: r.hash,
    signature: r.signature,
  };
}

export async function readCaseRecords(conn: Conn, caseId: string): Promise<SignedRecord[]> {
  const rows = await conn.all<RecordRow>(
    'SELECT * FROM records WHERE case_id = ? ORDER BY case_seq',
    [caseId],
  );
  return rows.map(signedRecordFromRow);
}

export async function readRecord(conn: Conn, id: string): Promise<SignedRecord | undefined> {
  const row = await conn.get<RecordRow>('SELECT * FROM records WHERE id = ?', [id]);
  return row ? signedRecordFromRow(row) : undefined;
}
