// "Support offered" to one child (docs/rules.md: young people who shared, or whose images
// were shared, are offered support, including help removing content — Report Remove, Childline …).
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';
import type { SupportFact } from '../referralFacts';
import { childFinding, push, SUPPORT_OPTIONS } from './referralOptions';
import { optionLabel } from './options';

const fields: readonly FieldSpec[] = [
  { name: 'child', label: 'Child', type: 'child' },
  { name: 'offered', label: 'Support offered', type: 'multiselect', options: SUPPORT_OPTIONS },
  {
    name: 'otherDetails',
    label: 'Other support',
    type: 'text',
    maxLength: 300,
    showIf: { field: 'offered', equals: 'other' },
  },
  {
    name: 'notes',
    label: 'Notes (accepted, declined, follow-up)',
    type: 'textarea',
    optional: true,
    maxLength: 8000,
  },
];

export const supportOffered: RecordKindDef = {
  kind: 'support-offered',
  label: 'Support offered',
  description:
    'The support offered to a child: Report Remove, Childline, counselling, the school nurse, early help …',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields,
  schema: bodySchemaFromFields(fields),
  summary: (b) =>
    `Support offered: ${((b.offered ?? []) as string[]).map((o) => optionLabel(SUPPORT_OPTIONS, o)).join('; ')}`,
  check: (b, ctx) => childFinding(ctx.facts, b.child),
  reduce(facts, env, b) {
    const fact: SupportFact = {
      recordId: env.id,
      childId: String(b.child),
      offered: [...((b.offered ?? []) as string[])],
    };
    push(facts, 'supportOffered', fact);
  },
};
