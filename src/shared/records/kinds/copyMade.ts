// "A copy was made" and "Police advice about a copy" (R2): when someone has already copied,
// printed, shared, stored or saved imagery, the case records it — described in words — and flags it
// ("copy-made", shown on the case and in every export); the police's advice may come later, in its
// own signed record, and until then no decision to view on the case can be finalised.
//
// Why a separate advice kind rather than a correction: the first record was not wrong — the advice
// simply came later. A record of its own keeps who obtained the advice and when, reads naturally in
// the chronology, and leaves "who made the copy and where it is" unchangeable once signed.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields } from '../formSchema';
import { copiesMadeOf, syncCopyFlags, type CopyMadeFact } from '../imageryFacts';

export const COPY_GUIDANCE =
  'Never copy, print, share, store or save imagery — it is illegal, even with good intent. If it has already happened, ' +
  'contact your local police for advice and explain the circumstances (R2). Do not delete, move or forward the copy unless ' +
  'the police tell you to. Describe it in words only. This record flags the case; the flag appears in every export.';

export const COPY_ACTIONS = [
  { value: 'copied', label: 'Copied (including a screenshot or a photo of a screen)' },
  { value: 'printed', label: 'Printed' },
  { value: 'shared', label: 'Shared or forwarded' },
  { value: 'stored', label: 'Stored (for example, in cloud storage)' },
  { value: 'saved', label: 'Saved to a device' },
] as const;

const POLICE = { field: 'policeContacted', equals: true };

const copyFields: readonly FieldSpec[] = [
  {
    name: 'who',
    label: 'Who made or holds the copy',
    type: 'text',
    maxLength: 200,
    help: 'For example: a teacher, a pupil (initials and year group).',
  },
  {
    name: 'what',
    label: 'What happened to the imagery',
    type: 'multiselect',
    options: COPY_ACTIONS,
  },
  {
    name: 'description',
    label: 'The copy, described in words only',
    type: 'textarea',
    maxLength: 4000,
    guidance:
      'Say what the copy is and how it was made, never what it shows in detail and never how to find it online.',
  },
  {
    name: 'whereNow',
    label: 'Where it is now',
    type: 'textarea',
    maxLength: 2000,
    help: 'For example: on a teacher’s phone, now switched off in the school safe; a print-out in a sealed envelope in the safe.',
  },
  { name: 'when', label: 'When the copy was made (or when you learned of it)', type: 'datetime' },
  {
    name: 'policeContacted',
    label: 'Have the police been contacted for advice yet?',
    type: 'yesno',
  },
  {
    name: 'policeContactedAt',
    label: 'When the police were contacted',
    type: 'datetime',
    showIf: POLICE,
  },
  {
    name: 'policeReference',
    label: 'Police reference',
    type: 'text',
    maxLength: 100,
    showIf: POLICE,
    help: 'If none was given, write “none given”.',
  },
  {
    name: 'policeAdvice',
    label: 'The advice given',
    type: 'textarea',
    maxLength: 4000,
    showIf: POLICE,
  },
];

export const copyMade: RecordKindDef = {
  kind: 'copy-made',
  label: 'A copy was made',
  description:
    'Someone has already copied, printed, shared, stored or saved imagery: record it and the police’s advice (R2).',
  mayCreate: ['dsl', 'deputy', 'slt'],
  userForm: true,
  correctable: false,
  fields: copyFields,
  guidance: COPY_GUIDANCE,
  schema: bodySchemaFromFields(copyFields),
  summary: () => 'A copy of the imagery was made',
  check(b): Finding[] {
    return b.policeContacted === true
      ? [
          {
            rule: 'R2',
            status: 'met',
            stage: 'sign',
            message: 'The copy is recorded with the police’s advice.',
          },
        ]
      : [
          {
            rule: 'R2',
            status: 'advice',
            stage: 'sign',
            message:
              'Contact the police for advice now and record it (“Police advice about a copy”). Until then no decision to view on this case can be finalised.',
            field: 'policeContacted',
          },
        ];
  },
  reduce(facts, env, b) {
    const withAdvice = b.policeContacted === true;
    const entry: CopyMadeFact = {
      recordId: env.id,
      recordedById: env.signer.accountId,
      recordedAt: env.signedAt,
      adviceRecordIds: withAdvice ? [env.id] : [],
      adviceMissing: !withAdvice,
    };
    facts.copiesMade = [...copiesMadeOf(facts), entry];
    syncCopyFlags(facts);
  },
};

const adviceFields: readonly FieldSpec[] = [
  {
    name: 'copyRecord',
    label: 'The copy this advice is about',
    type: 'record',
    kinds: ['copy-made'],
  },
  { name: 'contactedAt', label: 'When the police were contacted', type: 'datetime' },
  {
    name: 'reference',
    label: 'Police reference',
    type: 'text',
    maxLength: 100,
    help: 'If none was given, write “none given”.',
  },
  {
    name: 'officer',
    label: 'Who gave the advice (name and collar number, if given)',
    type: 'text',
    maxLength: 200,
    optional: true,
  },
  { name: 'advice', label: 'The advice given', type: 'textarea', maxLength: 4000 },
];

export const copyMadeAdvice: RecordKindDef = {
  kind: 'copy-made-advice',
  label: 'Police advice about a copy',
  description: 'Record the police’s advice about a copy of imagery recorded earlier (R2).',
  mayCreate: ['dsl', 'deputy', 'slt'],
  userForm: true,
  correctable: false,
  fields: adviceFields,
  guidance: COPY_GUIDANCE,
  schema: bodySchemaFromFields(adviceFields),
  summary: () => 'Police advice about a copy of the imagery',
  check(b, ctx): Finding[] {
    const target = copiesMadeOf(ctx.facts).find((c) => c.recordId === b.copyRecord);
    if (!target)
      return [
        {
          rule: 'R2',
          status: 'blocks',
          stage: 'sign',
          message: 'Choose a “copy was made” record on this case.',
          field: 'copyRecord',
        },
      ];
    if (!target.adviceMissing)
      return [
        {
          rule: 'R2',
          status: 'advice',
          stage: 'sign',
          message: 'Advice about this copy is already recorded; this adds further advice.',
        },
      ];
    return [
      {
        rule: 'R2',
        status: 'met',
        stage: 'sign',
        message: 'The police’s advice about the copy is recorded.',
      },
    ];
  },
  reduce(facts, env, b) {
    const target = copiesMadeOf(facts).find((c) => c.recordId === b.copyRecord);
    if (!target) return;
    target.adviceRecordIds.push(env.id);
    target.adviceMissing = false;
    syncCopyFlags(facts);
  },
};
