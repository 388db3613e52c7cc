// "Concern": anyone's account of what they saw, heard or were sent, in the words used (KCSIE:
// record the facts; docs/rules.md: write down what has been seen — never copy it).
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';

export const R2_GUIDANCE =
  'Describe what you saw, heard or were sent in words only, using the words that were used. ' +
  'Never copy, forward, screenshot, print or save an image or video, and never ask anyone to send it to you: ' +
  'doing so may be an offence, even with good intent (R2). Do not describe how to find imagery online.';

const fields: readonly FieldSpec[] = [
  {
    name: 'childrenConcerned',
    label: 'Child or children concerned',
    type: 'text',
    maxLength: 200,
    help: 'Names, or initials and year group.',
  },
  {
    name: 'account',
    label: 'What was seen, heard or sent — in the words used',
    type: 'textarea',
    guidance: R2_GUIDANCE,
  },
  { name: 'when', label: 'When it happened (or when you learned of it)', type: 'datetime' },
  { name: 'where', label: 'Where (place, or app/platform)', type: 'text', maxLength: 200 },
  { name: 'involved', label: 'Who was involved', type: 'textarea', maxLength: 4000 },
  {
    name: 'actionTaken',
    label: 'What you did',
    type: 'textarea',
    maxLength: 4000,
    help: 'For example: listened, reassured the child, came straight to the DSL. Not: looked at or copied the image.',
  },
  { name: 'imagery', label: 'Does this involve nude or semi-nude imagery?', type: 'yesno' },
];

export const concern: RecordKindDef = {
  kind: 'concern',
  label: 'Concern',
  description: 'An account of what was seen, heard or sent, in the words used.',
  mayCreate: ['dsl', 'deputy', 'slt', 'staff'],
  userForm: true,
  correctable: true,
  fields,
  guidance: R2_GUIDANCE,
  schema: bodySchemaFromFields(fields),
  summary: (b) => `Concern about ${String(b.childrenConcerned)}`,
  reduce(facts, _env, b) {
    // A staff concern starts its own case, titled from the concern until the DSL opens it.
    facts.title ??= `Concern about ${String(b.childrenConcerned)}`;
    if (b.imagery === true) facts.imageryReported = true;
  },
};
