// "Device description" (R9 "Describe the device"): the make, model, colour, condition and state
// when seized of a device already recorded by its four seizure answers. Each is a new signed record
// (records are never edited); later answers stand over earlier ones, and what is still missing is
// listed on the device's checklist. Described from the outside only (R2).
import type { RecordKindDef } from '../kindDef';
import type { Finding } from '../../rules/finding';
import { DEVICE_DESCRIBED, descriptionMissing } from '../../rules/custody';
import { deviceRecordKind } from './deviceShared';
import { DESCRIPTION_FIELDS, NO_BROWSING_GUIDANCE, describeDevice } from './deviceAdded';

/** The description answers a body gives (the attestation aside). */
function given(b: Record<string, unknown>): string[] {
  return DESCRIPTION_FIELDS.map((f) => f.name).filter((n) => {
    if (n === 'notBrowsed') return false;
    const v = b[n];
    return typeof v === 'string' ? v.trim() !== '' : v !== undefined;
  });
}

export const deviceDescribed: RecordKindDef = deviceRecordKind({
  kind: DEVICE_DESCRIBED,
  label: 'Device description',
  description:
    'Complete the description of a device: make, model, colour, condition and its state when seized. Give what you can now; the checklist lists what is still missing.',
  mayCreate: ['dsl', 'deputy'],
  fields: DESCRIPTION_FIELDS,
  guidance: NO_BROWSING_GUIDANCE,
  summary: (b) => `description: ${given(b).length} detail(s) given`,
  check(b, _ctx, d): Finding[] {
    if (given(b).length === 0)
      return [
        {
          rule: 'R9',
          status: 'blocks',
          stage: 'sign',
          field: 'make',
          message: 'Give at least one detail of the description.',
        },
      ];
    const left = descriptionMissing({ ...d.body, ...b });
    return left.length > 0
      ? [
          {
            rule: 'R9',
            status: 'advice',
            stage: 'sign',
            message: `Still to describe after this: ${left.join('; ')}. You can add them later.`,
          },
        ]
      : [];
  },
  reduce(facts, env, b) {
    // The device comes from the original record: a correction may fix the answers, never the device.
    const d = facts.devices?.[String(env.body.deviceId)];
    if (!d) return;
    const answers = given(b);
    for (const n of answers) d.body[n] = b[n];
    if (b.notBrowsed === true) d.body.notBrowsed = true;
    // A device switched off when seized shows no indicators: drop any given while it was "on".
    if (d.body.powerState !== 'on')
      for (const n of ['lockState', 'battery', 'wifi', 'mobileData', 'flightMode'])
        delete d.body[n];
    d.description = describeDevice(d.body, facts);
    (d.descriptions ??= []).push({
      recordId: env.id,
      signedAt: env.signedAt,
      signerName: env.signer.name,
      hash: facts.records[env.id]?.hash ?? '',
      given: answers,
    });
  },
});
