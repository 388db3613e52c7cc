// "Device recorded as an exhibit" (docs/rules.md "Describe the device"): type, make, model,
// colour, owner, identifiers visible without using it, condition, seal or bag number, and its state
// when seized — all recorded from the outside, without unlocking or browsing it (R2, R9). Main gives
// it a device id and a unique exhibit reference (CS-<URN>-<year>-<NNN>).
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

const fields: readonly FieldSpec[] = [
  { name: 'deviceType', label: 'Type of device', type: 'radio', options: DEVICE_TYPES },
  {
    name: 'deviceTypeOther',
    label: 'What kind of device',
    type: 'text',
    maxLength: 120,
    showIf: { field: 'deviceType', equals: 'other' },
  },
  {
    name: 'make',
    label: 'Make',
    type: 'text',
    maxLength: 120,
    help: 'For example Apple, Samsung, Nintendo. "Not known" if there is no marking.',
  },
  { name: 'model', label: 'Model, if known', type: 'text', maxLength: 120, optional: true },
  {
    name: 'colour',
    label: 'Colour',
    type: 'text',
    maxLength: 120,
    help: 'Of the device, and of any case or cover.',
  },
  { name: 'ownerKind', label: 'Whose device', type: 'radio', options: OWNER_KINDS },
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
    help: 'For example: cracked screen, scratches, in a blue case, SIM card present.',
  },
  {
    name: 'sealNumber',
    label: 'Seal or evidence bag number',
    type: 'text',
    maxLength: 120,
    optional: true,
    help: 'If it has been sealed in a bag. Can be given later when it is secured.',
  },
  {
    name: 'powerState',
    label: 'On or off when seized',
    type: 'radio',
    options: ON_OFF,
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
  { name: 'wifi', label: 'Wi-Fi indicator', type: 'radio', options: INDICATOR, showIf: ifOn },
  {
    name: 'mobileData',
    label: 'Mobile data indicator',
    type: 'radio',
    options: INDICATOR,
    showIf: ifOn,
  },
  {
    name: 'flightMode',
    label: 'Flight mode indicator',
    type: 'radio',
    options: INDICATOR,
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
    name: 'notBrowsed',
    label: 'Recorded without using the device',
    type: 'checkbox',
    statement:
      'I recorded this from what could be seen without unlocking, browsing or searching the device.',
  },
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
    'Record a device that may hold evidence: what it is, whose it is and its state when seized. CaseSeal gives it an exhibit reference.',
  mayCreate: ['dsl', 'deputy'],
  // Only app:devices.add creates it: main fixes the device id and the exhibit reference (R10).
  userForm: false,
  correctable: true,
  fields,
  guidance: NO_BROWSING_GUIDANCE,
  schema: deviceBodySchema(fields),
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
    if (!b.sealNumber) {
      out.push({
        rule: 'R10',
        status: 'advice',
        stage: 'sign',
        field: 'sealNumber',
        message:
          'If you can, seal the device in an evidence bag and note the seal number (it can be given when it is secured).',
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
      body: b,
      events: [],
    };
  },
};
