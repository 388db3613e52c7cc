// The audit trail (domain.md, "Access is audited"): who did what, when, to which case — hash-chained
// like the records so that a third party can follow and repeat it. Details never hold passphrases.
import { canonicalJson } from '../../../shared/records/canonical';
import type { Conn } from '../../db/sqlite';
import { sha256Hex } from '../crypto/hash';

export const AUDIT_ACTIONS = [
  'setup',
  'sign-in',
  'sign-in-failed',
  'lock',
  'account-created',
  'account-disabled',
  'passphrase-changed',
  'passphrase-reset',
  'recovery-key-used',
  'settings-changed',
  'case-viewed',
  'record-viewed',
  'search',
  'record-signed',
  'record-refused',
  'clock-anomaly',
  'integrity-checked',
  'integrity-alarm',
  'export',
  'export-verified',
  'receipt-printed',
  'clock-anomaly-acknowledged',
  'backup-folder-added',
  'backup-folder-removed',
  'backup-settings-changed',
  'backup-started',
  'vault-restored',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  at: string;
  actorId: string | null;
  action: AuditAction;
  caseId?: string | null;
  recordId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: AuditAction;
  caseId: string | null;
  recordId: string | null;
  detail: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

/** The hashed form of an entry: everything but its own hash, canonicalised (RFC 8785). */
export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      seq: e.seq,
      at: e.at,
      actorId: e.actorId,
      action: e.action,
      caseId: e.caseId,
      recordId: e.recordId,
      detail: e.detail,
      prev: e.prevHash,
    }),
  );
}

export async function appendAudit(conn: Conn, input: AuditInput): Promise<AuditEntry> {
  const last = await conn.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  );
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actorId: input.actorId,
    action: input.action,
    caseId: input.caseId ?? null,
    recordId: input.recordId ?? null,
    detail: input.detail ?? {},
    prevHash: last?.hash ?? null,
  };
  const entry: AuditEntry = { ...base, hash: auditHash(base) };
  await conn.run(
    'INSERT INTO audit (seq, at, actor_id, action, case_id, record_id, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)',
    [
      entry.seq,
      entry.at,
      entry.actorId,
      entry.action,
      entry.caseId,
      entry.recordId,
      canonicalJson(entry.detail),
      entry.prevHash,
      entry.hash,
    ],
  );
  return entry;
}

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  case_id: string | null;
  record_id: string | null;
  detail: string;
  prev_hash: string | null;
  hash: string;
}

export function auditFromRow(r: AuditRow): AuditEntry {
  let detail: Record<string, unknown>;
  try {
    detail = JSON.parse(r.detail) as Record<string, unknown>;
  } catch {
    detail = { unreadable: true };
  }
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    action: r.action as AuditAction,
    caseId: r.case_id,
    recordId: r.record_id,
    detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditFilter {
  actorId?: string;
  caseId?: string;
  action?: AuditAction;
  beforeSeq?: number;
  limit?: number;
}

export async function listAudit(conn: Conn, f: AuditFilter = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (f.actorId) add('actor_id = ?', f.actorId);
  if (f.caseId) add('case_id = ?', f.caseId);
  if (f.action) add('action = ?', f.action);
  if (f.beforeSeq) add('seq < ?', f.beforeSeq);
  const sql = `SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ?`;
  params.push(Math.min(Math.max(f.limit ?? 200, 1), 5000));
  return (await conn.all<AuditRow>(sql, params)).map(auditFromRow);
}

export interface AuditBreak {
  seq: number;
  problem: 'hash' | 'link' | 'gap';
}

/** Verify the audit chain from `fromSeq` (exclusive) with the expected previous hash. */
export async function verifyAuditChain(
  conn: Conn,
  fromSeq = 0,
  fromHash: string | null = null,
): Promise<{ checked: number; lastSeq: number; lastHash: string | null; breaks: AuditBreak[] }> {
  const rows = await conn.all<AuditRow>('SELECT * FROM audit WHERE seq > ? ORDER BY seq', [
    fromSeq,
  ]);
  const breaks: AuditBreak[] = [];
  let prevSeq = fromSeq;
  let prevHash = fromHash;
  for (const r of rows) {
    const e = auditFromRow(r);
    if (e.seq !== prevSeq + 1) breaks.push({ seq: e.seq, problem: 'gap' });
    if (e.prevHash !== prevHash) breaks.push({ seq: e.seq, problem: 'link' });
    const { hash, ...rest } = e;
    if (auditHash(rest) !== hash) breaks.push({ seq: e.seq, problem: 'hash' });
    prevSeq = e.seq;
    prevHash = e.hash;
  }
  return { checked: rows.length, lastSeq: prevSeq, lastHash: prevHash, breaks };
}
