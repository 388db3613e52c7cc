// Reduces a case's signed records, in case order, to its CaseFacts. Corrections replace the
// effective body of the record they correct (the original stays in the log); countersignatures
// attach to the record whose hash they cover.
import type { Envelope } from './envelope';
import { emptyFacts, type CaseFacts, type PendingCountersignature } from './facts';
import { kindDef } from './registry';
import { collectAccountIds } from './display';
import { applyPupilLinks } from '../pupils/caseChildren';
import type { PupilSnapshot } from './kinds/pupilLink';

export interface FactsInput {
  envelope: Envelope;
  hash: string;
}

/** `pupils`: each linked pupil's current record, where main knows it (R7, R11 use the latest). */
export function deriveCaseFacts(
  caseId: string,
  records: readonly FactsInput[],
  pupils?: ReadonlyMap<string, PupilSnapshot>,
): CaseFacts {
  const facts = emptyFacts(caseId);
  const sorted = [...records].sort((a, b) => a.envelope.caseSeq - b.envelope.caseSeq);
  const participants = new Set<string>();

  for (const { envelope: env, hash } of sorted) {
    facts.records[env.id] = {
      id: env.id,
      kind: env.kind,
      caseSeq: env.caseSeq,
      signerId: env.signer.accountId,
      signerName: env.signer.name,
      signedAt: env.signedAt,
      hash,
      correctedBy: [],
      countersignatures: [],
    };
    facts.effective[env.id] = env.body;
    participants.add(env.signer.accountId);
    if (env.kind === 'correction') {
      const target = String(env.body.correctsId);
      if (facts.records[target]) {
        facts.records[target].correctedBy.push(env.id);
        facts.effective[target] = env.body.corrected as Record<string, unknown>;
      }
    }
  }

  const byId = new Map(sorted.map((r) => [r.envelope.id, r.envelope]));
  for (const { envelope: env } of sorted) {
    const body = facts.effective[env.id]!;
    collectAccountIds(body, participants);
    if (env.kind === 'countersignature') {
      const targetId = String(body.recordId);
      const target = byId.get(targetId);
      const summary = facts.records[targetId];
      // Only a countersignature over the target's actual hash counts (the verifier checks this too).
      if (target && summary && summary.hash === body.recordHash) {
        summary.countersignatures.push({
          recordId: env.id,
          accountId: env.signer.accountId,
          name: env.signer.name,
          purpose: String(body.purpose),
          signedAt: env.signedAt,
        });
        kindDef(target.kind)?.onCountersigned?.(
          facts,
          target,
          facts.effective[targetId]!,
          String(body.purpose),
          env,
        );
      }
      continue;
    }
    if (env.kind === 'correction') continue;
    kindDef(env.kind)?.reduce?.(facts, env, body);
  }
  applyPupilLinks(facts, pupils);

  const pending: PendingCountersignature[] = [];
  for (const { envelope: env } of sorted) {
    const def = kindDef(env.kind);
    if (!def?.countersignatures) continue;
    if (facts.withdrawnRecords?.includes(env.id)) continue;
    const done = facts.records[env.id]!.countersignatures;
    for (const req of def.countersignatures(facts.effective[env.id]!, env)) {
      const met = done.some(
        (c) => c.purpose === req.purpose && (!req.accountId || c.accountId === req.accountId),
      );
      if (!met)
        pending.push({
          ...req,
          recordId: env.id,
          kind: env.kind,
          requestedAt: env.signedAt,
          authorId: env.signer.accountId,
        });
    }
  }
  facts.pendingCountersignatures = pending;
  facts.participants = [...participants];
  facts.lastSignedAt = sorted.at(-1)?.envelope.signedAt;
  return facts;
}
