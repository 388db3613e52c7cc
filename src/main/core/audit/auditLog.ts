// The audit trail ("Access is audited"): who did what, when, to which case — hash-chained like the
// records and signed by the person who acted (or the system key), so that a third party can follow
// and repeat it and nobody can rewrite it unnoticed. Details never hold passphrases.
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/records/canonical';
import type { Conn } from '../../db/sqlite';
import {
  auditRowsAfter,
  insertAuditRow,
  lastAuditLink,
  listAuditRows,
  type AuditRow,
} from '../../db/repositories/audit';
import { sha256Hex } from '../crypto/hash';
import { signMessage } from '../crypto/ed25519';
import { auditSignerFor, SYSTEM_SIGNED_ACTIONS } from './auditSigner';

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
  'integrity-alarm-acknowledged',
  // Keys and people (docs/design.md, "Trust model").
  'account-role-changed',
  'dsl-appointed-with-recovery-key',
  'trust-upgraded',
  'concern-imported',
  'concern-refused',
  // Pupils and their chronology.
  'pupil-viewed',
  'chronology-printed',
  // The log's checkpoints, seals and page check.
  'checkpoint',
  'log-seal',
  'log-seal-checked',
  'page-check',
  // Backups and restore.
  'backup-folder-added',
  'backup-folder-removed',
  'backup-settings-changed',
  'backup-started',
  'vault-restored',
  // The school's own kinds of incident.
  'category-added',
  'category-retired',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  at: string;
  actorId: string | null;
  action: AuditAction;
  caseId?: string | null;
  recordId?: string | null;
  detail?: Record<string, unknown>;
  /**
   * The actor's own key, when the actor is not the signed-in person (a witness or countersigner
   * signing at the same PC with their passphrase): their entry is signed with their key too.
   */
  signWith?: { keyId: string; privateKey: KeyObject };
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
  /** Key that signed the entry (an account key or the system key); null before audit signing. */
  signerKeyId: string | null;
  /** base64 Ed25519 over `AUDIT_SIGNATURE_PREFIX + hash`; null before audit signing. */
  signature: string | null;
}

/** Domain separation: an audit signature can never be replayed as a record or manifest signature. */
export const AUDIT_SIGNATURE_PREFIX = 'caseseal:audit:v1:';

export function auditSigningMessage(hash: string): string {
  return AUDIT_SIGNATURE_PREFIX + hash;
}

/**
 * The hashed form of an entry: everything but its own hash and signature, canonicalised (RFC
 * 8785). Signed entries (v2) also bind the signer's key id; unsigned entries from before audit
 * signing keep their v1 form so that existing vaults still verify.
 */
export function auditHash(
  e: Omit<AuditEntry, 'hash' | 'signature' | 'signerKeyId'> & { signerKeyId?: string | null },
): string {
  const base = {
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    caseId: e.caseId,
    recordId: e.recordId,
    detail: e.detail,
    prev: e.prevHash,
  };
  return sha256Hex(
    canonicalJson(
      e.signerKeyId ? { v: 2, ...base, signerKeyId: e.signerKeyId } : { v: 1, ...base },
    ),
  );
}

export async function appendAudit(conn: Conn, input: AuditInput): Promise<AuditEntry> {
  const last = await lastAuditLink(conn);
  const signer = input.signWith ?? auditSignerFor(conn, input.actorId);
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actorId: input.actorId,
    action: input.action,
    caseId: input.caseId ?? null,
    recordId: input.recordId ?? null,
    detail: input.detail ?? {},
    prevHash: last?.hash ?? null,
    signerKeyId: signer.keyId,
  };
  const hash = auditHash(base);
  const entry: AuditEntry = {
    ...base,
    hash,
    signature: signMessage(signer.privateKey, auditSigningMessage(hash)),
  };
  await insertAuditRow(conn, {
    seq: entry.seq,
    at: entry.at,
    actor_id: entry.actorId,
    action: entry.action,
    case_id: entry.caseId,
    record_id: entry.recordId,
    detail: canonicalJson(entry.detail),
    prev_hash: entry.prevHash,
    hash: entry.hash,
    signer_key_id: entry.signerKeyId,
    signature: entry.signature,
  });
  return entry;
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
    signerKeyId: r.signer_key_id ?? null,
    signature: r.signature ?? null,
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
  const rows = await listAuditRows(conn, {
    ...f,
    limit: Math.min(Math.max(f.limit ?? 200, 1), 5000),
  });
  return rows.map(auditFromRow);
}

export interface AuditBreak {
  seq: number;
  problem: 'hash' | 'link' | 'gap' | 'unsigned' | 'bad-signature' | 'unknown-key' | 'wrong-signer';
  /** For wrong-signer: who the entry says acted, and whose key signed it. */
  detail?: string;
}

/** What the audit check needs to know about signing keys (account keys and system keys). */
export interface AuditKeyInfo {
  verify(keyId: string, message: string, signature: string): boolean | null;
  /** Owner account of a key; null for a system key; undefined if unknown. */
  ownerOf(keyId: string): string | null | undefined;
}

/** One entry's signature: the rules of docs/design.md, "Trust model" (audit signing). */
export function auditSignatureBreak(
  e: AuditEntry,
  keys: AuditKeyInfo,
  signingFrom: number,
): AuditBreak | null {
  if (!e.signature || !e.signerKeyId) {
    return e.seq >= signingFrom ? { seq: e.seq, problem: 'unsigned' } : null;
  }
  const ok = keys.verify(e.signerKeyId, auditSigningMessage(e.hash), e.signature);
  if (ok === null) return { seq: e.seq, problem: 'unknown-key' };
  if (!ok) return { seq: e.seq, problem: 'bad-signature' };
  const owner = keys.ownerOf(e.signerKeyId);
  if (owner === null) {
    // The system key may only sign what nobody proved they did (failed sign-ins) or what had no actor.
    if (e.actorId !== null && !SYSTEM_SIGNED_ACTIONS.has(e.action))
      return { seq: e.seq, problem: 'wrong-signer', detail: 'system' };
  } else if (owner !== e.actorId) {
    return { seq: e.seq, problem: 'wrong-signer', detail: 'other-account' };
  }
  return null;
}

/**
 * Verify the audit chain from `fromSeq` (exclusive) with the expected previous hash: sequence,
 * links, hashes, and (with `keys`) every signature from `signingFrom` on.
 */
export async function verifyAuditChain(
  conn: Conn,
  fromSeq = 0,
  fromHash: string | null = null,
  signing?: { keys: AuditKeyInfo; signingFrom: number },
): Promise<{
  checked: number;
  lastSeq: number;
  lastHash: string | null;
  breaks: AuditBreak[];
  unsignedBefore: number;
}> {
  const rows = await auditRowsAfter(conn, fromSeq);
  const breaks: AuditBreak[] = [];
  let prevSeq = fromSeq;
  let prevHash = fromHash;
  let unsignedBefore = 0;
  for (const r of rows) {
    const e = auditFromRow(r);
    if (e.seq !== prevSeq + 1) breaks.push({ seq: e.seq, problem: 'gap' });
    if (e.prevHash !== prevHash) breaks.push({ seq: e.seq, problem: 'link' });
    if (auditHash(e) !== e.hash) breaks.push({ seq: e.seq, problem: 'hash' });
    else if (signing) {
      const b = auditSignatureBreak(e, signing.keys, signing.signingFrom);
      if (b) breaks.push(b);
      else if (!e.signature) unsignedBefore++;
    }
    prevSeq = e.seq;
    prevHash = e.hash;
  }
  return { checked: rows.length, lastSeq: prevSeq, lastHash: prevHash, breaks, unsignedBefore };
}
