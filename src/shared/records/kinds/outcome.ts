// "Outcome": the police outcome where known (e.g. Outcome 21, further investigation, NFA, charged),
// the social care outcome and the school's own actions.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';
import { optionLabel } from './options';
import { POLICE_OUTCOMES, push } from './referralOptions';

const fields: readonly FieldSpec[] = [
  { name: 'policeOutcome', label: 'Police outcome', type: 'select', options: POLICE_OUTCOMES },
  {
    name: 'policeOutcomeOther',
    label: 'Describe the police outcome',
    type: 'text',
    maxLength: 300,
    showIf: { field: 'policeOutcome', equals: 'other' },
  },
  {
    name: 'policeReference',
    label: 'Police reference',
    type: 'text',
    maxLength: 120,
    optional: true,
  },
  {
    name: 'socialCareOutcome',
    label: 'Children’s social care outcome',
    type: 'textarea',
    optional: true,
    maxLength: 8000,
  },
  { name: 'schoolActions', label: 'The school’s actions', type: 'textarea', maxLength: 8000 },
  { name: 'notes', label: 'Notes', type: 'textarea', optional: true, maxLength: 8000 },
];

export const outcome: RecordKindDef = {
  kind: 'outcome',
  label: 'Outcome',
  description: 'The police outcome where known, the social care outcome and the school’s actions.',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields,
  schema: bodySchemaFromFields(fields),
  summary: (b) =>
    `Outcome — police: ${b.policeOutcome === 'other' ? String(b.policeOutcomeOther) : optionLabel(POLICE_OUTCOMES, b.policeOutcome)}`,
  reduce(facts, env) {
    push(facts, 'outcomes', env.id);
  },
};
