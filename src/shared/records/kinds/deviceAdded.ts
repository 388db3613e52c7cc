// "Device recorded as an exhibit" (R9, R10): the seizure in four answers — what it is, whose it
// is, the bag or seal number, where it is locked — for which main gives a device id and a unique
// exhibit reference (CS-<URN>-<year>-<NNN>). The rest of the description (make, model, colour,
// condition, state when seized) is described from the outside only (R2) and may follow later.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec, Option } from '../fields';
import type { CaseFacts } from '../facts';
import type { Finding } from '../../rules/finding';
import { deviceBodySchema, devicesMap } from './deviceShared';
import { optionLabel } from './options';

export const DEVICE_TYPES: readonly Option[] = [
  { value: 'phone', label: 'Phone' },
  { value: 'tablet', label: 'Tablet' },
  { value: 'laptop', label: 'Laptop' },
  { value: 'games-console', label: 'Games console' },
  { value: 'other', label: 'Other' },
];

export const OWNER_KINDS: readonly Option[] = [
  { value: 'child', label: 'A child on this case' },
  { value: 'staff', label: 'A member of staff' },
  { value: 'other', label: 'Someone else' },
];

const ON_OFF: readonly Option[] = [
  { value: 'on', label: 'On' },
  { value: 'off', label: 'Off' },
  { value: 'not-known', label: 'Could not tell' },
];

const INDICATOR: readonly Option[] = [
  { value: 'on', label: 'Shown as on' },
  { value: 'off', label: 'Shown as off' },
  { value: 'not-visible', label: 'Not visible without using the device' },
];

export const NO_BROWSING_GUIDANCE =
  'Describe the device from the outside only. Do not unlock, browse or search it, and never copy, photograph, forward or save anything on it — doing so may be an offence (R2). Note only what can be seen on the lock screen or the case.';

const ifOn = { field: 'powerState', equals: 'on' } as const;

/**
 * The seizure in four answers (what it is, whose it is, the bag or seal number, where it is
 * locked): enough for a DSL with the phone in hand to get the exhibit reference at once (R10).
 */
export const SEIZURE_FIELDS: readonly FieldSpec[] = [
  { name: 'deviceType', label: 'What it is', type: 'radio', options: DEVICE_TYPES },
  {
    name: 'deviceTypeOther',
    label: 'What kind of device',
    type: 'text',
    maxLength: 120,
    showIf: { field: 'deviceType', equals: 'other' },
  },
  { name: 'ownerKind', label: 'Whose it is', type: 'radio', options: OWNER_KINDS },
  {
    name: 'ownerChildId',
    label: 'The child',
    type: 'child',
    showIf: { field: 'ownerKind', equals: 'child' },
  },
  {
    name: 'ownerName',
    label: 'Owner’s name',
    type: 'text',
    maxLength: 200,
    showIf: { field: 'ownerKind', equals: ['staff', 'other'] },
  },
  {
    name: 'ownerRelationship',
    label: 'Who they are',
    type: 'text',
    maxLength: 200,
    optional: true,
    showIf: { field: 'ownerKind', equals: 'other' },
    help: 'For example a parent, or a pupil at another school.',
  },
  {
    name: 'sealNumber',
    label: 'Seal or evidence bag number',
    type: 'text',
    maxLength: 120,
    help: 'The number printed on the evidence bag or seal the device is in.',
  },
  {
    name: 'lockedIn',
    label: 'Where it is locked',
    type: 'text',
    maxLength: 200,
    help: 'Which locked cupboard or safe, for example "Safe in the DSL office (room 14)".',
  },
];

const NEEDED = 'needed to complete the description';

/**
 * The rest of the description (R9 "Describe the device"), completed later in the device's
 * checklist by "device-described" records, one or several: each field may be given in any of them
 * (the latest wins), and `requiredNote` marks what a complete description needs — the same items as
 * DESCRIPTION_REQUIRED in rules/custody.ts, which lists what is still missing.
 */
export const DESCRIPTION_FIELDS: readonly FieldSpec[] = [
  {
    name: 'make',
    label: 'Make',
    type: 'text',
    maxLength: 120,
    optional: true,
    requiredNote: NEEDED,
    help: 'For example Apple, Samsung, Nintendo. "Not known" if there is no marking.',
  },
  { name: 'model', label: 'Model, if known', type: 'text', maxLength: 120, optional: true },
  {
    name: 'colour',
    label: 'Colour',
    type: 'text',
    maxLength: 120,
    optional: true,
    requiredNote: NEEDED,
    help: 'Of the device, and of any case or cover.',
  },
  {
    name: 'serialNumber',
    label: 'Serial number, if visible',
    type: 'text',
    maxLength: 120,
    optional: true,
    help: 'Only if printed on the outside (back, case, SIM tray label). Do not switch on, unlock or open settings to find it.',
  },
  {
    name: 'imei',
    label: 'IMEI, if visible',
    type: 'text',
    maxLength: 60,
    optional: true,
    help: 'Only if printed on the outside or the SIM tray. Never dial codes or open settings to find it.',
  },
  {
    name: 'condition',
    label: 'Condition',
    type: 'textarea',
    maxLength: 2000,
    optional: true,
    requiredNote: NEEDED,
    help: 'For example: cracked screen, scratches, in a blue case, SIM card present.',
  },
  {
    name: 'powerState',
    label: 'On or off when seized',
    type: 'radio',
    options: ON_OFF,
    optional: true,
    requiredNote: NEEDED,
    guidance: NO_BROWSING_GUIDANCE,
  },
  {
    name: 'lockState',
    label: 'Locked?',
    type: 'radio',
    options: [
      { value: 'locked', label: 'Locked (lock screen shown)' },
      { value: 'unlocked', label: 'Unlocked' },
      { value: 'not-known', label: 'Could not tell' },
    ],
    optional: true,
    requiredNote: NEEDED,
    showIf: ifOn,
  },
  {
    name: 'battery',
    label: 'Battery level shown',
    type: 'text',
    maxLength: 60,
    optional: true,
    showIf: ifOn,
    help: 'As shown on the lock screen, e.g. "about 40%", or "not shown".',
  },
  {
    name: 'wifi',
    label: 'Wi-Fi indicator',
    type: 'radio',
    options: INDICATOR,
    optional: true,
    requiredNote: NEEDED,
    showIf: ifOn,
  },
  {
    name: 'mobileData',
    label: 'Mobile data indicator',
    type: 'radio',
    options: INDICATOR,
    optional: true,
    requiredNote: NEEDED,
    showIf: ifOn,
  },
  {
    name: 'flightMode',
    label: 'Flight mode indicator',
    type: 'radio',
    options: INDICATOR,
    optional: true,
    requiredNote: NEEDED,
    showIf: ifOn,
  },
  {
    name: 'stateNotes',
    label: 'Anything else seen about its state',
    type: 'textarea',
    maxLength: 2000,
    optional: true,
    help: 'For example: notifications arriving on the lock screen (describe, do not read further).',
  },
  {
    // Every description record attests it was made without using the device (R2).
    name: 'notBrowsed',
    label: 'Recorded without using the device',
    type: 'checkbox',
    statement:
      'I recorded this from what could be seen without unlocking, browsing or searching the device.',
  },
];

/**
 * The device-added record: the four seizure answers, and optionally the description given at
 * once (records signed before the four-answer form carry the whole description here).
 */
const fields: readonly FieldSpec[] = [
  ...SEIZURE_FIELDS,
  ...DESCRIPTION_FIELDS.map((f): FieldSpec => ({ ...f, optional: true, requiredNote: undefined })),
];

/** "Phone — Apple iPhone 13, black; owner: Tallulah Vance" */
export function describeDevice(
  b: Record<string, unknown>,
  facts?: Pick<CaseFacts, 'children'>,
): string {
  const type =
    b.deviceType === 'other' && typeof b.deviceTypeOther === 'string'
      ? b.deviceTypeOther
      : optionLabel(DEVICE_TYPES, b.deviceType);
  const what = [b.make, b.model].filter((x) => typeof x === 'string' && x.trim() !== '').join(' ');
  return `${type} — ${what}${typeof b.colour === 'string' ? `, ${b.colour}` : ''}; owner: ${ownerName(b, facts)}`;
}

export function ownerName(b: Record<string, unknown>, facts?: Pick<CaseFacts, 'children'>): string {
  if (b.ownerKind === 'child')
    return facts?.children.find((c) => c.id === b.ownerChildId)?.name ?? 'a child on this case';
  const name = typeof b.ownerName === 'string' ? b.ownerName : 'not given';
  if (b.ownerKind === 'staff') return `${name} (staff)`;
  return typeof b.ownerRelationship === 'string' ? `${name} (${b.ownerRelationship})` : name;
}

export const deviceAdded: RecordKindDef = {
  kind: 'device-added',
  label: 'Device recorded as an exhibit',
  description:
    'Record a device that may hold evidence: what it is, whose it is, its bag or seal number and where it is locked. CaseSeal gives it an exhibit reference at once; the rest of the description is completed in its checklist.',
  mayCreate: ['dsl', 'deputy'],
  // Only app:devices.add creates it: main fixes the device id and the exhibit reference (R10).
  userForm: false,
  correctable: true,
  fields,
  guidance: NO_BROWSING_GUIDANCE,
  // The statement is optional here (the description may come later), but never given as false:
  // a device described by using it is refused (R2).
  schema: deviceBodySchema(fields, (b, ctx) => {
    if (b.notBrowsed === false)
      ctx.addIssue({
        code: 'custom',
        path: ['notBrowsed'],
        message: 'Describe the device only from what can be seen without using it.',
      });
  }),
  summary: (b) => `${String(b.exhibitRef)}: ${describeDevice(b)}`,
  check(b, ctx): Finding[] {
    const out: Finding[] = [];
    if (b.ownerKind === 'child' && !ctx.facts.children.some((c) => c.id === b.ownerChildId)) {
      out.push({
        rule: 'R10',
        status: 'blocks',
        stage: 'sign',
        field: 'ownerChildId',
        message: 'Choose one of the children named on this case, or say the owner is someone else.',
      });
    }
    return out;
  },
  reduce(facts, env, b) {
    // Identity comes from the original record: a correction may fix the description, never the device.
    const deviceId = String(env.body.deviceId);
    devicesMap(facts)[deviceId] = {
      deviceId,
      exhibitRef: String(env.body.exhibitRef),
      addedRecordId: env.id,
      addedAt: env.signedAt,
      addedBy: env.signer.name,
      addedHash: facts.records[env.id]?.hash ?? '',
      description: describeDevice(b, facts),
      // A copy: later description records add their answers over it (device-described).
      body: { ...b },
      events: [],
      descriptions: [],
    };
  },
};
