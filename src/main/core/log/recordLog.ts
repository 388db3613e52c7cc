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
import {
  chainTips,
  insertRecord,
  recordRowById,
  recordRowsOfCase,
  type RecordRow,
} from '../../db/repositories/records';
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
  // Both chain tips in one round trip.
  const tips = await chainTips(conn, input.caseId);
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
  await insertRecord(conn, {
    seq: envelope.seq,
    id: envelope.id,
    case_id: envelope.caseId,
    case_seq: envelope.caseSeq,
    kind: envelope.kind,
    signer_id: input.signer.accountId,
    key_id: input.signer.keyId,
    signed_at: signedAt,
    subject_id: input.subjectId ?? null,
    envelope: canonical,
    hash,
    signature,
  });
  // The full-text index is written by the records_fts_index trigger (migration 0030).
  return { record: { envelope, canonical, hash, signature }, clockAnomaly };
}

export type { RecordRow };

export function signedRecordFromRow(r: RecordRow): SignedRecord {
  return {
    envelope: JSON.parse(r.envelope) as Envelope,
    canonical: r.envelope,
    hash: r.hash,
    signature: r.signature,
  };
}

export async function readCaseRecords(conn: Conn, caseId: string): Promise<SignedRecord[]> {
  return (await recordRowsOfCase(conn, caseId)).map(signedRecordFromRow);
}

export async function readRecord(conn: Conn, id: string): Promise<SignedRecord | undefined> {
  const row = await recordRowById(conn, id);
  return row ? signedRecordFromRow(row) : undefined;
}
