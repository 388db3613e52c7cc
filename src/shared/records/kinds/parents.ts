// "Parents or carers" (R12, R13): for one child, either informed — who, when, by whom, how — or not
// informed, with the reasons (required, R13); and whether the police or social care were consulted
// before the family (R12: where an adult may destroy evidence, they are consulted first).
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields } from '../formSchema';
import type { ParentsFact } from '../referralFacts';
import { r12ConsultedFindings, r12Findings, r13Findings } from '../../rules/referral';
import {
  childFinding,
  CONSULTED_OPTIONS,
  CONTACT_METHODS,
  futureFinding,
  push,
} from './referralOptions';

const fields: readonly FieldSpec[] = [
  { name: 'child', label: 'Child', type: 'child' },
  { name: 'informed', label: 'Have the parents or carers been informed?', type: 'yesno' },
  {
    name: 'who',
    label: 'Who was informed (name and relationship to the child)',
    type: 'text',
    maxLength: 300,
    showIf: { field: 'informed', equals: true },
  },
  { name: 'when', label: 'When', type: 'datetime', showIf: { field: 'informed', equals: true } },
  {
    name: 'informedBy',
    label: 'By whom',
    type: 'account',
    showIf: { field: 'informed', equals: true },
  },
  {
    name: 'how',
    label: 'How',
    type: 'radio',
    options: CONTACT_METHODS,
    showIf: { field: 'informed', equals: true },
  },
  // Optional in the schema: R13 requires it (rules/referral.ts), so the refusal cites the rule.
  {
    name: 'reasons',
    label: 'Reasons for not informing them',
    type: 'textarea',
    optional: true,
    rule: 'R13',
    maxLength: 8000,
    showIf: { field: 'informed', equals: false },
    help: 'For example: informing them would put the child at risk of harm, or the police or social care asked you not to yet.',
  },
  {
    name: 'consultedFirst',
    label: 'Were the police or children’s social care consulted before the family (R12)?',
    type: 'radio',
    options: CONSULTED_OPTIONS,
  },
  // R12: a claim of consultation is tied to the record of that contact, or shown as the DSL's statement.
  {
    name: 'consultedRecord',
    label: 'The referral that records this contact',
    type: 'record',
    kinds: ['referral'],
    optional: true,
    rule: 'R12',
    showIf: { field: 'consultedFirst', equals: ['police', 'csc', 'both'] },
    help: 'If no referral records it, leave this empty: your answer is then kept as your own statement, not as a recorded contact.',
  },
  {
    name: 'consultedNotes',
    label: 'Notes on consulting the police or social care',
    type: 'textarea',
    optional: true,
    rule: 'R12',
    maxLength: 8000,
    help: 'Required when an adult is involved and neither was consulted first: say why.',
  },
  { name: 'notes', label: 'Other notes', type: 'textarea', optional: true, maxLength: 8000 },
];

export const parents: RecordKindDef = {
  kind: 'parents',
  label: 'Parents or carers',
  description:
    'Whether a child’s parents or carers were informed — or why not (R13), and whether the police or social care were consulted first (R12).',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields,
  guidance:
    'Parents or carers are informed unless that would put the child at risk. Where an adult may destroy evidence, consult the police and social care before the family.',
  schema: bodySchemaFromFields(fields),
  summary: (b) =>
    (b.informed === true
      ? 'Parents or carers informed'
      : 'Parents or carers not informed (reasons recorded)') +
    (b.consultedFirst && b.consultedFirst !== 'no' && !b.consultedRecord
      ? '; police or social care consulted first (the DSL’s statement: no contact record linked)'
      : ''),
  check(b, ctx) {
    const out: Finding[] = [
      ...childFinding(ctx.facts, b.child),
      ...r13Findings(b),
      ...r12Findings(b, ctx.facts),
      ...r12ConsultedFindings(b, ctx.facts),
    ];
    if (b.informed === true)
      out.push(...futureFinding(b.when, ctx.now, 'when', 'The time they were informed'));
    return out;
  },
  reduce(facts, env, b) {
    const fact: ParentsFact = {
      recordId: env.id,
      caseSeq: env.caseSeq,
      childId: String(b.child),
      informed: b.informed === true,
    };
    push(facts, 'parentsDecisions', fact);
  },
};
