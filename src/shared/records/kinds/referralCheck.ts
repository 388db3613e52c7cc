// "Immediate referral check" (R11, R16): the five criteria of docs/rules.md, each answered yes
// or no with notes, and the decision. Any "yes" makes a referral to the police and/or children's
// social care due the same day (rules/referral.ts); all "no" lets the DSL manage the incident in
// school, with reasons, revisited if new information emerges (R16).
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';
import { R11_KEYS, type ReferralCheckDecision, type ReferralCheckFact } from '../referralFacts';
import {
  R11_CRITERIA,
  criterionShort,
  r11Evaluate,
  referralCheckFindings,
  updateReferralFlag,
} from '../../rules/referral';
import { push } from './referralOptions';

export const REFERRAL_DECISIONS = [
  { value: 'refer', label: 'Refer to the police and/or children’s social care' },
  { value: 'manage-in-school', label: 'Manage the incident in school (R16)' },
] as const;

const criterionFields: FieldSpec[] = R11_CRITERIA.flatMap((c): FieldSpec[] => [
  { name: c.key, label: c.label, type: 'yesno' },
  { name: `${c.key}Notes`, label: 'Notes', type: 'textarea', optional: true, maxLength: 8000 },
]);

const fields: readonly FieldSpec[] = [
  ...criterionFields,
  {
    name: 'decision',
    label: 'Your decision',
    type: 'radio',
    options: REFERRAL_DECISIONS,
    help: 'If any answer is yes, the referral must be made today. If every answer is no, you may manage the incident in school.',
  },
  // Optional in the schema: R16 (rules/referral.ts) requires them, so the refusal cites the rule.
  {
    name: 'reasons',
    label: 'Reasons for managing the incident in school',
    type: 'textarea',
    optional: true,
    rule: 'R16',
    maxLength: 8000,
    showIf: { field: 'decision', equals: 'manage-in-school' },
  },
  {
    name: 'revisit',
    label: 'Revisiting the decision',
    type: 'checkbox',
    optional: true,
    rule: 'R16',
    statement: 'This decision will be revisited if new information emerges.',
    showIf: { field: 'decision', equals: 'manage-in-school' },
  },
];

export const referralCheck: RecordKindDef = {
  kind: 'referral-check',
  label: 'Immediate referral check',
  description:
    'The five criteria for an immediate, same-day referral to the police and/or children’s social care (R11), and your decision.',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields,
  guidance:
    'Answer each question from what you know now. Any “yes” means a referral to the police and/or children’s social care (through the MASH) must be made today.',
  schema: bodySchemaFromFields(fields),
  summary(b) {
    const { yes } = r11Evaluate(b);
    return yes.length > 0
      ? `Referral check: referral due today (${yes.map(criterionShort).join('; ')})`
      : b.decision === 'manage-in-school'
        ? 'Referral check: no criterion applies; managed in school'
        : 'Referral check: no criterion applies; referral to be made';
  },
  check: (b, ctx) => referralCheckFindings(b, ctx.facts, ctx.now),
  reduce(facts, env, b) {
    const fact: ReferralCheckFact = {
      recordId: env.id,
      caseSeq: env.caseSeq,
      signedAt: env.signedAt,
      yes: R11_KEYS.filter((k) => b[k] === true),
      decision: b.decision as ReferralCheckDecision,
      ...(typeof b.reasons === 'string' ? { reasons: b.reasons } : {}),
    };
    push(facts, 'referralChecks', fact);
    updateReferralFlag(facts);
  },
};
