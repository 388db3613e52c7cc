// "Initial review meeting" (R15): the DSL meets appropriate staff — when, who attended, what is
// known, the decisions and their reasons. A case cannot be closed without one.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';
import { futureFinding, hasPeople, peopleFields, push } from './referralOptions';
import { R2_GUIDANCE } from './concern';

const fields: readonly FieldSpec[] = [
  { name: 'meetingAt', label: 'Date and time of the meeting', type: 'datetime' },
  ...peopleFields('attendees', 'Who attended'),
  { name: 'known', label: 'What is known', type: 'textarea', guidance: R2_GUIDANCE },
  { name: 'decisions', label: 'Decisions made', type: 'textarea' },
  { name: 'reasons', label: 'Reasons for the decisions', type: 'textarea' },
];

export const initialReview: RecordKindDef = {
  kind: 'initial-review',
  label: 'Initial review meeting',
  description:
    'The DSL’s initial review with appropriate staff: who attended, what is known, the decisions and why (R15).',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields,
  schema: bodySchemaFromFields(fields).superRefine((b, ctx) => {
    if (!hasPeople(b, 'attendees'))
      ctx.addIssue({
        code: 'custom',
        path: ['attendees'],
        message: 'Say who attended the meeting.',
      });
  }),
  summary: () => 'Initial review meeting',
  check: (b, ctx) => futureFinding(b.meetingAt, ctx.now, 'meetingAt', 'The meeting time'),
  reduce(facts, env) {
    push(facts, 'initialReviews', env.id);
  },
};
