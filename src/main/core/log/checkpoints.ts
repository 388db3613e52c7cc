// Signed checkpoints (docs/design.md, "Trust model"): at every sign-in and lock the person's
// session signs the heads of both chains (records and audit). A later sign-in by anyone compares
// the vault with every person's latest checkpoint, from the vault and from the key-slot file: a
// log shorter than, or different from, what someone signed is an alarm that names what is missing.
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/records/canonical';
import type { Conn } from '../../db/sqlite';
import { sha256Hex } from '../crypto/hash';
import { signMessage } from '../crypto/ed25519';
import { appendAudit } from '../audit/auditLog';
import type { AuditKeyInfo } from '../audit/auditLog';
import {
  accountNames,
  auditHashAt,
  auditHead,
  insertCheckpoint,
  latestCheckpointEntries,
  latestCheckpointPerAccount,
  recordHashAt,
  recordHead,
} from '../../db/repositories/checkpoints';
import type { Problem } from '../verify/chainChecks';
import type { SignedCheckpointText } from './checkpointStore';

export const CHECKPOINT_SIGNATURE_PREFIX = 'caseseal:checkpoint:v1:';

const head = z.object({ seq: z.number().int().min(0), hash: z.string().nullable() }).strict();
const bodySchema = z
  .object({
    v: z.literal(1),
    type: z.literal('caseseal-checkpoint'),
    vaultId: z.string(),
    accountId: z.string(),
    keyId: z.string(),
    purpose: z.enum(['sign-in', 'lock']),
    at: z.string(),
    records: head,
    audit: head,
  })
  .strict();
export type CheckpointBody = z.infer<typeof bodySchema>;

export interface CheckpointSigner {
  accountId: string;
  keyId: string;
  privateKey: KeyObject;
}

export function checkpointMessage(body: string): string {
  return CHECKPOINT_SIGNATURE_PREFIX + sha256Hex(body);
}

/**
 * Signs the current heads, stores the checkpoint in the vault and announces it with a signed
 * `checkpoint` audit entry in the same transaction (so removing the checkpoint later is visible).
 * Returns the signed text for the key-slot copy.
 */
export async function signCheckpoint(
  conn: Conn,
  input: { vaultId: string; signer: CheckpointSigner; purpose: 'sign-in' | 'lock'; at: string },
): Promise<SignedCheckpointText> {
  const body: CheckpointBody = {
    v: 1,
    type: 'caseseal-checkpoint',
    vaultId: input.vaultId,
    accountId: input.signer.accountId,
    keyId: input.signer.keyId,
    purpose: input.purpose,
    at: input.at,
    records: await recordHead(conn),
    audit: await auditHead(conn),
  };
  const text = canonicalJson(body);
  const signature = signMessage(input.signer.privateKey, checkpointMessage(text));
  await insertCheckpoint(conn, {
    accountId: body.accountId,
    keyId: body.keyId,
    body: text,
    signature,
  });
  await appendAudit(conn, {
    at: input.at,
    actorId: body.accountId,
    action: 'checkpoint',
    detail: {
      purpose: body.purpose,
      recordSeq: body.records.seq,
      recordHash: body.records.hash,
      auditSeq: body.audit.seq,
    },
  });
  return { body: text, signature };
}

interface Candidate {
  accountId: string;
  place: 'vault' | 'key-slot file';
  checkpoint: SignedCheckpointText;
}

/**
 * Compares the vault with every person's latest checkpoint. `keys` verifies signatures and names
 * each key's owner; a checkpoint whose signature fails, or that is signed with someone else's key
 * or for another vault, is itself an alarm (someone edited it).
 */
export async function compareWithCheckpoints(
  conn: Conn,
  input: {
    vaultId: string;
    keys: AuditKeyInfo;
    slotCheckpoints: ReadonlyArray<{ accountId: string; checkpoint: SignedCheckpointText }>;
  },
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const names = await accountNames(conn);
  const nameOf = (id: string) => names.get(id) ?? 'an account that is not in the vault';
  const candidates: Candidate[] = [
    ...(await latestCheckpointPerAccount(conn)).map((c) => ({
      accountId: c.accountId,
      place: 'vault' as const,
      checkpoint: { body: c.body, signature: c.signature },
    })),
    ...input.slotCheckpoints.map((c) => ({ ...c, place: 'key-slot file' as const })),
  ];
  const valid: Array<Candidate & { body: CheckpointBody }> = [];
  for (const c of candidates) {
    const body = parseBody(c.checkpoint.body);
    const ok =
      body !== null &&
      body.accountId === c.accountId &&
      body.vaultId === input.vaultId &&
      input.keys.ownerOf(body.keyId) === body.accountId &&
      input.keys.verify(
        body.keyId,
        checkpointMessage(c.checkpoint.body),
        c.checkpoint.signature,
      ) === true;
    if (!ok) {
      problems.push({
        problem: 'checkpoint-invalid',
        message: `The checkpoint of the log kept for ${nameOf(c.accountId)} in the ${c.place} has been altered: its signature does not verify.`,
      });
      continue;
    }
    valid.push({ ...c, body: body! });
  }
  // Newest first per chain, so the first difference found is the most complete description.
  for (const c of valid) {
    const who = `${nameOf(c.accountId)}'s checkpoint of ${c.body.at} (${c.place})`;
    problems.push(
      ...(await compareHead(conn, 'records', c.body.records, who)),
      // Stryker disable next-line StringLiteral: compareHead tells 'records' from anything else, so any other word means the audit trail
      ...(await compareHead(conn, 'audit', c.body.audit, who)),
    );
  }
  // Every checkpoint announced in the (signed, chained) audit trail must still exist somewhere, and
  // the record head it announces must still be in the log.
  for (const e of await latestCheckpointEntries(conn)) {
    const d = parseDetail(e.detail);
    const kept = valid.some((c) => c.accountId === e.actorId && c.body.audit.seq >= d.auditSeq);
    if (!kept)
      problems.push({
        problem: 'checkpoint-missing',
        seq: e.seq,
        message: `${nameOf(e.actorId)} signed a checkpoint of the log at ${e.at} (audit entry ${e.seq}), but it is missing from both the vault and the key-slot file: someone has removed it.`,
      });
    problems.push(
      ...(await compareHead(
        conn,
        'records',
        { seq: d.recordSeq, hash: d.recordHash },
        `${nameOf(e.actorId)}'s checkpoint of ${e.at} (audit entry ${e.seq})`,
      )),
    );
  }
  return dedupeMessages(problems);
}

async function compareHead(
  conn: Conn,
  chain: 'records' | 'audit',
  cp: { seq: number; hash: string | null },
  who: string,
): Promise<Problem[]> {
  if (cp.seq === 0) return [];
  const now = chain === 'records' ? await recordHead(conn) : await auditHead(conn);
  const noun = chain === 'records' ? 'record' : 'audit entry';
  const nouns = chain === 'records' ? 'records' : 'audit entries';
  if (now.seq < cp.seq) {
    return [
      {
        problem: 'log-cut-short',
        seq: now.seq + 1,
        message: `The ${chain === 'records' ? 'case log' : 'audit trail'} ends at ${noun} ${now.seq}, but ${who} covers ${nouns} up to ${cp.seq}: ${nouns} ${now.seq + 1}–${cp.seq} are missing.`,
      },
    ];
  }
  const hash =
    chain === 'records' ? await recordHashAt(conn, cp.seq) : await auditHashAt(conn, cp.seq);
  if (hash !== cp.hash) {
    return [
      {
        problem: hash === undefined ? 'log-cut-short' : 'chain-broken',
        seq: cp.seq,
        message: `The ${noun} at position ${cp.seq} is not the one ${who} covers: the ${chain === 'records' ? 'case log' : 'audit trail'} has been rewritten at or before that position.`,
      },
    ];
  }
  return [];
}

function parseDetail(text: string): {
  auditSeq: number;
  recordSeq: number;
  recordHash: string | null;
} {
  try {
    const d = JSON.parse(text) as Record<string, unknown>;
    return {
      auditSeq: typeof d.auditSeq === 'number' ? d.auditSeq : 0,
      recordSeq: typeof d.recordSeq === 'number' ? d.recordSeq : 0,
      recordHash: typeof d.recordHash === 'string' ? d.recordHash : null,
    };
  } catch {
    return { auditSeq: 0, recordSeq: 0, recordHash: null };
  }
}

function parseBody(text: string): CheckpointBody | null {
  try {
    const raw: unknown = JSON.parse(text);
    const res = bodySchema.safeParse(raw);
    return res.success && canonicalJson(raw) === text ? res.data : null;
  } catch {
    return null;
  }
}

function dedupeMessages(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}
