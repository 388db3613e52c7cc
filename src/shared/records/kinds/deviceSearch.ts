// "Search of a device" (R18; DfE "Searching, screening and confiscation"): the grounds, who searched,
// who was present, what was found. A suspected indecent image is not looked at further or forwarded:
// the device is confiscated and the record leads straight to the device-seizure checklist (R9).
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields } from '../formSchema';
import type { DeviceSearchFact } from '../referralFacts';
import { futureFinding, push } from './referralOptions';

export const R18_STOP_MESSAGE =
  'Stop looking. Do not view any further, copy, forward or save the image (R2). Confiscate the device, turn it off and go to the device-seizure checklist: add the device to this case (R18, R9).';

const fields: readonly FieldSpec[] = [
  { name: 'searchedAt', label: 'When the search took place', type: 'datetime' },
  { name: 'device', label: 'The device (type, make, colour)', type: 'text', maxLength: 300 },
  { name: 'owner', label: 'Whose device it is', type: 'text', maxLength: 200 },
  {
    name: 'grounds',
    label: 'Grounds for the search',
    type: 'textarea',
    maxLength: 8000,
    help: 'Why there were reasonable grounds to search, and under what authority.',
  },
  { name: 'searchedBy', label: 'Who searched (name and role)', type: 'text', maxLength: 300 },
  { name: 'present', label: 'Who was present (names and roles)', type: 'text', maxLength: 500 },
  {
    name: 'found',
    label: 'What was found (in words)',
    type: 'textarea',
    maxLength: 8000,
    guidance:
      'Describe in words only. Never copy, forward, screenshot or save anything from the device (R2).',
  },
  {
    name: 'suspectedImage',
    label: 'Is an indecent image of a child suspected?',
    type: 'yesno',
    guidance:
      'If yes: stop looking at once. The device is confiscated and passed to the DSL; it is not viewed further or forwarded (R18).',
  },
  {
    name: 'actionTaken',
    label: 'What was done next',
    type: 'textarea',
    optional: true,
    maxLength: 8000,
  },
];

export const deviceSearch: RecordKindDef = {
  kind: 'device-search',
  label: 'Search of a device',
  description:
    'A search of a device: the grounds, who searched, who was present and what was found (R18).',
  mayCreate: ['dsl', 'deputy', 'slt'],
  userForm: true,
  correctable: true,
  fields,
  schema: bodySchemaFromFields(fields),
  summary: (b) =>
    b.suspectedImage === true
      ? 'Search of a device — indecent image suspected: stop and follow the device-seizure checklist'
      : 'Search of a device',
  check(b, ctx) {
    const out: Finding[] = [
      ...futureFinding(b.searchedAt, ctx.now, 'searchedAt', 'The search time'),
    ];
    if (b.suspectedImage === true)
      out.push({
        rule: 'R18',
        status: 'advice',
        stage: 'sign',
        field: 'suspectedImage',
        message: R18_STOP_MESSAGE,
      });
    return out;
  },
  reduce(facts, env, b) {
    const suspected = b.suspectedImage === true;
    const fact: DeviceSearchFact = {
      recordId: env.id,
      caseSeq: env.caseSeq,
      signedAt: env.signedAt,
      suspectedImage: suspected,
    };
    push(facts, 'deviceSearches', fact);
    if (suspected) facts.seizureSuggested = true;
  },
};
