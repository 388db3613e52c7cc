// "Viewing decision withdrawn": a decision to view that can never be witnessed (the named witness
// left the school, or is long-term absent) is withdrawn with its reason. It stays in the log,
// marked withdrawn; it no longer waits for a witness or blocks closing; a new decision can be made.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields } from '../formSchema';
import { viewingDecisionsOf } from '../imageryFacts';

const fields: readonly FieldSpec[] = [
  {
    name: 'decision',
    label: 'The decision to view that is withdrawn',
    type: 'record',
    kinds: ['viewing-decision'],
  },
  {
    name: 'reason',
    label: 'Why it is withdrawn',
    type: 'textarea',
    maxLength: 4000,
    help: 'For example: the witness left the school before countersigning. If viewing took place, say so and record a new decision with a witness who was present.',
  },
];

export const viewingWithdrawn: RecordKindDef = {
  kind: 'viewing-decision-withdrawn',
  label: 'Viewing decision withdrawn',
  description:
    'Withdraw a decision to view that its witness can no longer countersign. The decision stays in the log, marked withdrawn.',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: false,
  fields,
  schema: bodySchemaFromFields(fields),
  summary: (b) => `Viewing decision withdrawn: ${String(b.reason).slice(0, 80)}`,
  check(b, ctx): Finding[] {
    const target = viewingDecisionsOf(ctx.facts).find((d) => d.recordId === b.decision);
    if (!target || target.decision !== 'view') {
      return [
        {
          rule: 'R5',
          status: 'blocks',
          stage: 'sign',
          field: 'decision',
          message: 'Choose a decision to view on this case.',
        },
      ];
    }
    if (target.final) {
      return [
        {
          rule: 'R5',
          status: 'blocks',
          stage: 'sign',
          field: 'decision',
          message:
            'That decision has been witnessed and is final: a signed, final record is never withdrawn. Add a note or a correction instead.',
        },
      ];
    }
    if (target.withdrawn) {
      return [
        {
          rule: 'R5',
          status: 'blocks',
          stage: 'sign',
          field: 'decision',
          message: 'That decision has already been withdrawn.',
        },
      ];
    }
    return [
      {
        rule: 'R5',
        status: 'met',
        stage: 'sign',
        message: 'The decision is awaiting a witness and can be withdrawn with a reason.',
      },
    ];
  },
  reduce(facts, env, b) {
    const target = viewingDecisionsOf(facts).find((d) => d.recordId === b.decision);
    if (!target || target.final || target.withdrawn) return;
    target.withdrawn = {
      recordId: env.id,
      byId: env.signer.accountId,
      at: env.signedAt,
      reason: String(b.reason),
    };
    target.awaitingWitness = false;
    facts.withdrawnRecords = [...(facts.withdrawnRecords ?? []), target.recordId];
  },
};
