// The log's integrity check ("Integrity"): incremental at every sign-in from the last
// verified checkpoint, or the whole log on demand with progress. Any break is reported with the
// records affected and recorded in the audit trail; it never stops anyone reading the log.
import type { Conn, Sqlite } from '../../db/sqlite';
import {
  checkCaseChains,
  checkVaultChain,
  parseEnvelopeLight,
  verdictProblem,
  type CheckableRecord,
  type Problem,
} from '../verify/chainChecks';
import { KeyRing, verifyItemSync } from '../verify/recordCrypto';
import { VerifyPool, verifyAll, type VerifyItem } from './verifyPool';
import type { RecordRow } from './recordLog';
import {
  caseRecordHash,
  countRecordsAfter,
  recordLinkAtSeq,
  recordRowAtSeq,
  recordRowsAfter,
} from '../../db/repositories/records';
import {
  readIntegrityCheckpoint,
  writeIntegrityCheckpoint,
} from '../../db/repositories/integrityCheckpoint';
import { lastAuditLink } from '../../db/repositories/audit';
import { listPublicKeys } from '../../db/repositories/accounts';
import { verifyAuditChain, type AuditBreak } from '../audit/auditLog';
import { auditKeyInfo } from '../audit/auditKeys';
import { auditSigningFrom, listAuditKeys } from '../../db/repositories/auditSigning';
import type { CertificateBook } from '../accounts/certificates';
import {
  bookProblems,
  certifiedKeyMaps,
  recordSignerProblem,
  wholeLogSignerProblems,
} from '../accounts/signerCheck';
import { auditSignerProblems } from '../accounts/auditSignerCheck';

export interface IntegrityReport {
  mode: 'incremental' | 'full';
  ok: boolean;
  checked: number;
  lastSeq: number;
  problems: Problem[];
  auditChecked: number;
  /** Audit entries checked that were made before audit signing existed (reported, not failures). */
  auditUnsigned: number;
  at: string;
}

const CHUNK = 5000;
/** Below this many records the thread pool costs more than it saves. */
const POOL_THRESHOLD = 3000;

async function loadKeys(
  conn: Conn,
): Promise<{ pems: Map<string, string>; owner: Map<string, string> }> {
  const rows = await listPublicKeys(conn);
  return {
    pems: new Map(rows.map((r) => [r.keyId, r.publicKeyPem])),
    owner: new Map(rows.map((r) => [r.keyId, r.accountId])),
  };
}

function columnProblems(
  row: RecordRow,
  rec: CheckableRecord,
  owner: Map<string, string>,
): Problem[] {
  const env = rec.envelope;
  if (!env) return [];
  const out: Problem[] = [];
  const differs =
    row.id !== env.id ||
    row.case_id !== env.caseId ||
    row.case_seq !== env.caseSeq ||
    row.kind !== env.kind ||
    row.signer_id !== env.signer.accountId ||
    row.key_id !== env.signer.keyId ||
    row.signed_at !== env.signedAt;
  if (differs) {
    out.push({
      problem: 'columns-differ',
      recordId: env.id,
      caseId: env.caseId,
      seq: row.seq,
      message: `The stored details of record ${env.id} (${env.kind}) — time, signer, kind or case — no longer match what was signed.`,
    });
  }
  const keyOwner = owner.get(env.signer.keyId);
  if (keyOwner && keyOwner !== env.signer.accountId) {
    out.push({
      problem: 'key-not-signers',
      recordId: env.id,
      caseId: env.caseId,
      seq: row.seq,
      message: `Record ${env.id} is signed with a key that belongs to another account.`,
    });
  }
  return out;
}

export interface CheckOptions {
  mode: 'incremental' | 'full';
  now: Date;
  onProgress?: (checked: number, total: number) => void;
  /** Abort a long full check (the report then says so and nothing is recorded). */
  signal?: { aborted: boolean };
  /**
   * The certificates, checked against the school key the signed-in person trusts. When given, only
   * certified keys verify signatures and every signer must be certified at its time; `undefined`
   * only for a vault made before the school key (until its upgrade at the next DSL sign-in).
   */
  trust?: { book: CertificateBook | null; problem: string | null };
}

/** Runs the check; does not write. `recordCheckpoint` saves the result when it is clean. */
export async function checkIntegrity(db: Sqlite, opts: CheckOptions): Promise<IntegrityReport> {
  const keys = opts.trust?.book
    ? certifiedKeyMaps(opts.trust.book)
    : await db.exclusive((c) => loadKeys(c));
  const ring = new KeyRing(keys.pems);
  const cp = await readIntegrityCheckpoint(db);
  const problems: Problem[] = [];
  let startSeq = 0;
  let startHash: string | null = null;
  if (opts.mode === 'incremental' && cp) {
    // The record at the checkpoint must still be the one that was verified: its stored text must
    // hash to the checkpoint's hash and its signature must still verify.
    // (A checkpoint at position 0 has no row to read back: `atOk` below is true without it.)
    const at = await recordRowAtSeq(db, cp.verified_seq);
    const atOk =
      cp.verified_seq === 0 ||
      (at !== undefined &&
        at.hash === cp.verified_hash &&
        verifyItemSync(
          {
            canonical: at.envelope,
            // Stryker disable next-line StringLiteral: reached only when at.hash === cp.verified_hash, so the hash is never null here
            hash: cp.verified_hash ?? '',
            signature: at.signature,
            keyId: at.key_id,
          },
          ring,
        ) === 0);
    if (!atOk) {
      problems.push({
        problem: at ? 'content-changed' : 'missing-record',
        seq: cp.verified_seq,
        ...(at ? { recordId: at.id, caseId: at.case_id } : {}),
        message: `The record at log position ${cp.verified_seq}, verified at an earlier sign-in, has been changed or removed since.`,
      });
    } else {
      startSeq = cp.verified_seq;
      startHash = cp.verified_hash;
    }
  }
  const total = await countRecordsAfter(db, startSeq);
  // Stryker disable next-line EqualityOperator,ConditionalExpression: the pool changes only the speed; its verdicts equal the in-thread ones (tested)
  const pool = total >= POOL_THRESHOLD ? new VerifyPool(keys.pems) : null;
  const all: Array<CheckableRecord & { storedSeq: number }> = [];
  let checked = 0;
  let lastSeq = startSeq;
  try {
    let cursor = startSeq;
    // Stryker disable next-line ArrayDeclaration: Promise.all passes a non-promise straight through
    const jobs: Promise<void>[] = [];
    for (;;) {
      if (opts.signal?.aborted) break;
      const rows = await recordRowsAfter(db, cursor, CHUNK);
      if (rows.length === 0) break;
      cursor = rows.at(-1)!.seq;
      const recs = rows.map((row) => {
        const { envelope, problem } = parseEnvelopeLight(row.envelope);
        const rec = {
          canonical: row.envelope,
          hash: row.hash,
          signature: row.signature,
          envelope,
          storedSeq: row.seq,
        };
        if (problem)
          problems.push({
            problem,
            recordId: envelope?.id ?? row.id,
            seq: row.seq,
            message: `Record ${row.id} is not stored in its signed form (${problem}).`,
          });
        problems.push(...columnProblems(row, rec, keys.owner));
        const uncertified =
          opts.trust?.book && envelope
            ? recordSignerProblem(opts.trust.book, envelope, row.seq)
            : null;
        if (uncertified) problems.push(uncertified);
        return rec;
      });
      all.push(...recs);
      const items: VerifyItem[] = recs.map((r, i) => ({
        canonical: r.canonical,
        hash: r.hash,
        signature: r.signature,
        keyId: r.envelope?.signer.keyId ?? rows[i]!.key_id,
      }));
      const report = (verdicts: Uint8Array) => {
        verdicts.forEach((v, i) => {
          const p = verdictProblem(v, recs[i]!.envelope, rows[i]!.id);
          if (p) problems.push({ ...p, seq: rows[i]!.seq });
        });
        checked += recs.length;
        opts.onProgress?.(checked, total);
      };
      if (pool) jobs.push(verifyAll(pool, items).then(report));
      else report(Uint8Array.from(items.map((it) => verifyItemSync(it, ring))));
      lastSeq = cursor;
    }
    await Promise.all(jobs);
  } finally {
    await pool?.close();
  }
  problems.push(...checkVaultChain(all, startSeq, startHash));
  // The per-case chains need each case's earlier records too when checking incrementally. A full
  // check, and a first check with no checkpoint, start at 0 with every case's records in hand.
  if (startSeq === 0) problems.push(...checkCaseChains(all));
  else problems.push(...(await incrementalCaseChains(db, all)));
  if (opts.trust) {
    problems.push(...bookProblems(opts.trust.book, opts.trust.problem));
    if (opts.trust.book && opts.mode === 'incremental')
      problems.push(...(await wholeLogSignerProblems(db, opts.trust.book)));
    // Audit entries: every signer against the certificates, in both modes (one grouped query).
    if (opts.trust.book) problems.push(...(await auditSignerProblems(db, opts.trust.book)));
  }
  const audit = await db.exclusive(async (c) =>
    verifyAuditChain(
      c,
      opts.mode === 'incremental' && cp ? cp.audit_seq : 0,
      opts.mode === 'incremental' && cp ? cp.audit_hash : null,
      { keys: auditKeyInfo(await listAuditKeys(c)), signingFrom: await auditSigningFrom(c) },
    ),
  );
  for (const b of audit.breaks) problems.push(auditProblem(b));
  return {
    mode: opts.mode,
    ok: problems.length === 0,
    checked,
    lastSeq,
    problems: dedupe(problems),
    auditChecked: audit.checked,
    auditUnsigned: audit.unsignedBefore,
    at: opts.now.toISOString(),
  };
}

const AUDIT_BREAK_WORDS: Record<
  AuditBreak['problem'],
  { code: Problem['problem']; words: string }
> = {
  hash: { code: 'content-changed', words: 'has been changed' },
  gap: { code: 'missing-record', words: 'follows missing entries' },
  link: { code: 'chain-broken', words: 'does not link to the entry before it' },
  unsigned: {
    code: 'unsigned',
    words: 'has no signature, but it was written after audit signing began',
  },
  'bad-signature': {
    code: 'bad-signature',
    words: "has a signature that does not verify with its signer's key",
  },
  'unknown-key': { code: 'unknown-key', words: 'is signed with a key that is not known' },
  'wrong-signer': {
    code: 'wrong-signer',
    words: 'is signed with a key that is not the key of the person it names as acting',
  },
};

export function auditProblem(b: AuditBreak): Problem {
  const w = AUDIT_BREAK_WORDS[b.problem];
  return { problem: w.code, seq: b.seq, message: `Audit entry ${b.seq} ${w.words}.` };
}

/** For new records only: their case predecessors are read from the log. */
async function incrementalCaseChains(
  db: Sqlite,
  recs: ReadonlyArray<CheckableRecord & { storedSeq: number }>,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const r of recs) {
    const env = r.envelope;
    if (!env) continue;
    if (env.caseSeq === 1) {
      if (env.casePrev !== null)
        problems.push({
          problem: 'chain-broken',
          recordId: env.id,
          caseId: env.caseId,
          message: `Record ${env.id} claims a predecessor but is first in its case.`,
        });
      continue;
    }
    const prev = await caseRecordHash(db, env.caseId, env.caseSeq - 1);
    if (prev === undefined)
      problems.push({
        problem: 'missing-record',
        recordId: env.id,
        caseId: env.caseId,
        message: `The record before ${env.id} in its case is missing.`,
      });
    else if (prev !== env.casePrev)
      problems.push({
        problem: 'chain-broken',
        recordId: env.id,
        caseId: env.caseId,
        message: `Record ${env.id} does not link to the record before it in the case.`,
      });
  }
  return problems;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = JSON.stringify([p.problem, p.recordId, p.seq]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Saves a clean result as the new checkpoint (mutable table; the records themselves never change). */
export async function recordCheckpoint(conn: Conn, report: IntegrityReport): Promise<void> {
  if (!report.ok) return;
  const last = await recordLinkAtSeq(conn, report.lastSeq);
  const audit = await lastAuditLink(conn);
  await writeIntegrityCheckpoint(conn, {
    verified_seq: last?.seq ?? 0,
    verified_hash: last?.hash ?? null,
    audit_seq: audit?.seq ?? 0,
    audit_hash: audit?.hash ?? null,
    at: report.at,
  });
}
