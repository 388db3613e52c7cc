// The device-seizure checklist as record kinds (docs/rules.md steps 1–6, R9) and the custody movements
// while the school holds the device (R10): each a signed record quoting the device's exhibit
// reference, with the time it happened typed by the user and main's own signing time.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec, Option } from '../fields';
import type { Role } from '../../roles';
import type { Finding } from '../../rules/finding';
import {
  CUSTODY_KIND_LABELS,
  descriptionMissing,
  deriveCustody,
  isEnded,
  stepLabel,
  type CustodyKind,
} from '../../rules/custody';
import { ukLocalDisplay } from '../../ukTime';
import { deviceRecordKind, eventTimeFindings } from './deviceShared';

export const CUSTODY_FLAG_LABELS: Record<string, string> = {
  'device-evidence-deleted':
    'Something was deleted from a seized device before it was secured. Tell the police (docs/rules.md).',
  'device-evidence-copied':
    'Something on a seized device was copied. Contact the police for advice and explain the circumstances (R2).',
};

const when = (label: string): FieldSpec => ({ name: 'when', label, type: 'datetime' });

const ISOLATION_METHODS: readonly Option[] = [
  {
    value: 'flight-mode-off',
    label: 'Flight mode switched on, then the device turned off (school guidance)',
  },
  {
    value: 'police-instruction',
    label: 'As the police instructed (for example: isolate it but leave it on)',
  },
  { value: 'not-possible', label: 'It could not be isolated' },
];

interface StepSpec {
  kind: CustodyKind;
  description: string;
  guidance?: string;
  mayCreate: readonly Role[];
  fields: readonly FieldSpec[];
  summary: (b: Record<string, unknown>) => string;
  extraCheck?: (b: Record<string, unknown>) => Finding[];
}

const TEAM_AND_SLT: readonly Role[] = ['dsl', 'deputy', 'slt'];

const STEPS: readonly StepSpec[] = [
  {
    kind: 'custody-confiscated',
    description: 'Step 1: the device was confiscated and its use stopped.',
    guidance: 'Stop the device being used if it is safe to do so. Do not look through it (R2, R9).',
    mayCreate: TEAM_AND_SLT,
    fields: [
      when('When it was confiscated'),
      {
        name: 'confiscatedBy',
        label: 'Confiscated by (name and role)',
        type: 'text',
        maxLength: 200,
      },
      { name: 'confiscatedFrom', label: 'Taken from (name)', type: 'text', maxLength: 200 },
      { name: 'where', label: 'Where', type: 'text', maxLength: 200 },
      { name: 'useStopped', label: 'Was its use stopped?', type: 'yesno' },
      {
        name: 'useNotStoppedReason',
        label: 'Why its use could not be stopped',
        type: 'textarea',
        maxLength: 2000,
        showIf: { field: 'useStopped', equals: false },
      },
      { name: 'notes', label: 'Notes', type: 'textarea', maxLength: 4000, optional: true },
    ],
    summary: (b) =>
      `taken from ${String(b.confiscatedFrom)} by ${String(b.confiscatedBy)}, ${String(b.where)}`,
  },
  {
    kind: 'custody-declaration',
    description: 'Step 2: nothing on the device was deleted and nothing was copied.',
    guidance:
      'Do not delete anything and do not copy anything — copying imagery may be an offence even with good intent (R2).',
    mayCreate: TEAM_AND_SLT,
    fields: [
      when('When this declaration is made'),
      {
        name: 'nothingDeleted',
        label: 'Nothing on the device has been deleted since it came to the school’s attention',
        type: 'yesno',
      },
      {
        name: 'deletedDetails',
        label: 'What was deleted, by whom and when',
        type: 'textarea',
        maxLength: 4000,
        showIf: { field: 'nothingDeleted', equals: false },
      },
      {
        name: 'nothingCopied',
        label:
          'Nothing on the device has been copied, forwarded, photographed, screenshotted, printed or saved',
        type: 'yesno',
      },
      {
        name: 'copiedDetails',
        label: 'What was copied, by whom, how and where the copy is — in words only',
        type: 'textarea',
        maxLength: 4000,
        showIf: { field: 'nothingCopied', equals: false },
      },
    ],
    summary: (b) =>
      b.nothingDeleted === true && b.nothingCopied === true
        ? 'nothing deleted, nothing copied'
        : 'declaration with exceptions: see record',
    extraCheck: (b) => {
      const out: Finding[] = [];
      if (b.nothingCopied === false) {
        out.push({
          rule: 'R2',
          status: 'advice',
          stage: 'sign',
          field: 'copiedDetails',
          message:
            'A copy was made: do not open, move or share it. Contact the police for advice and explain the circumstances, and record their advice (R2).',
        });
      }
      if (b.nothingDeleted === false) {
        out.push({
          rule: 'R9',
          status: 'advice',
          stage: 'sign',
          field: 'deletedDetails',
          message: 'Tell the police what was deleted when you call them.',
        });
      }
      return out;
    },
  },
  {
    kind: 'custody-isolated',
    description:
      'Step 3: disconnected from Wi-Fi and mobile data (flight mode) and turned off — or as the police instructed.',
    guidance:
      'Isolate it at once so that imagery cannot be removed remotely through a cloud service. Police first responders sometimes ask for a device to be isolated but left on: follow their instruction and record it.',
    mayCreate: TEAM_AND_SLT,
    fields: [
      { name: 'method', label: 'How it was isolated', type: 'radio', options: ISOLATION_METHODS },
      when('When it was done'),
      {
        name: 'flightModeOn',
        label: 'Flight mode',
        type: 'checkbox',
        statement: 'Flight mode was switched on (Wi-Fi and mobile data off).',
        showIf: { field: 'method', equals: 'flight-mode-off' },
      },
      {
        name: 'turnedOff',
        label: 'Turned off',
        type: 'checkbox',
        statement: 'The device was then turned off.',
        showIf: { field: 'method', equals: 'flight-mode-off' },
      },
      {
        name: 'instruction',
        label: 'The police’s instruction',
        type: 'textarea',
        maxLength: 2000,
        showIf: { field: 'method', equals: 'police-instruction' },
      },
      {
        name: 'officer',
        label: 'Officer who gave it (name, collar or warrant number, force)',
        type: 'text',
        maxLength: 300,
        showIf: { field: 'method', equals: 'police-instruction' },
      },
      {
        name: 'instructionAt',
        label: 'When the instruction was given',
        type: 'datetime',
        showIf: { field: 'method', equals: 'police-instruction' },
      },
      {
        name: 'whatWasDone',
        label: 'What was done',
        type: 'textarea',
        maxLength: 2000,
        showIf: { field: 'method', equals: 'police-instruction' },
      },
      {
        name: 'notPossibleReason',
        label: 'Why it could not be isolated',
        type: 'textarea',
        maxLength: 2000,
        showIf: { field: 'method', equals: 'not-possible' },
      },
    ],
    summary: (b) =>
      b.method === 'police-instruction'
        ? `as instructed by ${String(b.officer)}`
        : b.method === 'not-possible'
          ? 'could not be isolated'
          : 'flight mode on, turned off',
    extraCheck: (b) =>
      b.method === 'not-possible'
        ? [
            {
              rule: 'R9',
              status: 'advice',
              stage: 'sign',
              field: 'notPossibleReason',
              message: 'Tell the police the device could not be isolated, and ask their advice.',
            },
          ]
        : [],
  },
  {
    kind: 'custody-secured',
    description:
      'Step 4: placed in a secure place — which locked cupboard or safe, and who holds the key.',
    mayCreate: TEAM_AND_SLT,
    fields: [
      when('When it was secured'),
      {
        name: 'location',
        label: 'Which locked cupboard or safe',
        type: 'text',
        maxLength: 200,
        help: 'For example: "Safe in the DSL office (room 14)".',
      },
      {
        name: 'keyHolder',
        label: 'Who holds the key or combination',
        type: 'text',
        maxLength: 200,
      },
      {
        name: 'sealNumber',
        label: 'Seal or evidence bag number',
        type: 'text',
        maxLength: 120,
        optional: true,
      },
    ],
    summary: (b) => `in ${String(b.location)}; key held by ${String(b.keyHolder)}`,
  },
  {
    kind: 'custody-police-called',
    description:
      'Step 5: the police were called — when, their reference number, who you spoke to and their advice.',
    mayCreate: TEAM_AND_SLT,
    fields: [
      when('When the police were called'),
      { name: 'policeReference', label: 'Police reference number', type: 'text', maxLength: 120 },
      { name: 'officer', label: 'Officer or call handler spoken to', type: 'text', maxLength: 300 },
      { name: 'advice', label: 'Their advice', type: 'textarea', maxLength: 8000 },
      {
        name: 'collection',
        label: 'When they expect to collect the device',
        type: 'text',
        maxLength: 200,
        optional: true,
      },
    ],
    summary: (b) => `reference ${String(b.policeReference)}; spoke to ${String(b.officer)}`,
  },
  {
    kind: 'custody-handed-over',
    description:
      'Step 6: handed to the police — the officer’s name, collar or warrant number, force, date and time. Print the receipt for both of you to sign.',
    guidance:
      'Check the officer’s warrant card. Print the handover receipt; you and the officer sign it.',
    mayCreate: ['dsl', 'deputy'],
    fields: [
      when('When it was handed over'),
      { name: 'officerName', label: 'Officer’s name', type: 'text', maxLength: 200 },
      { name: 'officerNumber', label: 'Collar or warrant number', type: 'text', maxLength: 60 },
      { name: 'force', label: 'Police force', type: 'text', maxLength: 200 },
      {
        name: 'policeReference',
        label: 'Police reference (crime or incident number)',
        type: 'text',
        maxLength: 120,
        optional: true,
      },
      {
        name: 'sealNumber',
        label: 'Seal or evidence bag number at handover',
        type: 'text',
        maxLength: 120,
        optional: true,
      },
      { name: 'notes', label: 'Notes', type: 'textarea', maxLength: 4000, optional: true },
    ],
    summary: (b) => `to ${String(b.officerName)} (${String(b.officerNumber)}), ${String(b.force)}`,
  },
  {
    kind: 'custody-returned',
    description: 'Or step 6: returned to its owner — to whom, when and why.',
    mayCreate: TEAM_AND_SLT,
    fields: [
      when('When it was returned'),
      {
        name: 'returnedTo',
        label: 'Returned to (name, and who they are)',
        type: 'text',
        maxLength: 300,
      },
      {
        name: 'reason',
        label: 'Why',
        type: 'textarea',
        maxLength: 4000,
        help: 'For example: the police advised no further action (give their reference).',
      },
    ],
    summary: (b) => `to ${String(b.returnedTo)}`,
  },
  {
    kind: 'custody-taken-out',
    description: 'The device was taken out of its secure place: why, by whom and when.',
    mayCreate: TEAM_AND_SLT,
    fields: [
      when('When it was taken out'),
      { name: 'takenBy', label: 'Taken out by (name and role)', type: 'text', maxLength: 200 },
      { name: 'reason', label: 'Why', type: 'textarea', maxLength: 2000 },
    ],
    summary: (b) => `by ${String(b.takenBy)}: ${String(b.reason).slice(0, 80)}`,
  },
  {
    kind: 'custody-put-back',
    description: 'The device was put back in a secure place: where and when.',
    mayCreate: TEAM_AND_SLT,
    fields: [
      when('When it was put back'),
      { name: 'location', label: 'Where it was put back', type: 'text', maxLength: 200 },
      {
        name: 'putBackBy',
        label: 'Put back by (name and role)',
        type: 'text',
        maxLength: 200,
        optional: true,
      },
    ],
    summary: (b) => `in ${String(b.location)}`,
  },
];

/** May still be recorded once custody has ended: a late-logged call or declaration. */
const AFTER_END_OK: ReadonlySet<string> = new Set(['custody-police-called', 'custody-declaration']);

function stepKind(s: StepSpec): RecordKindDef {
  const label = CUSTODY_KIND_LABELS[s.kind];
  return deviceRecordKind({
    kind: s.kind,
    label,
    description: s.description,
    mayCreate: s.mayCreate,
    fields: s.fields,
    guidance: s.guidance,
    summary: (b) => `${label}: ${s.summary(b)}`,
    check(b, ctx, d): Finding[] {
      const out: Finding[] = [...eventTimeFindings(b.when, ctx.now, 'when', 'The time given')];
      if (s.kind === 'custody-isolated')
        out.push(
          ...eventTimeFindings(
            b.instructionAt,
            ctx.now,
            'instructionAt',
            'The time of the instruction',
          ),
        );
      if (isEnded(d) && !AFTER_END_OK.has(s.kind)) {
        out.push({
          rule: 'R10',
          status: 'blocks',
          stage: 'sign',
          message: `The school’s custody of ${d.exhibitRef} has ended (handed over or returned): this cannot be recorded now. Add a note instead.`,
        });
      }
      if (s.kind === 'custody-handed-over' || s.kind === 'custody-returned') {
        const missing = deriveCustody(d).stepsMissing.filter((x) => x !== 'ended');
        if (missing.length > 0) {
          out.push({
            rule: 'R9',
            status: 'advice',
            stage: 'sign',
            message: `Steps not recorded yet: ${missing.map(stepLabel).join('; ')}. They will be listed as missing on the receipt and the case; you can still record them afterwards.`,
          });
        }
        // R9: never a reason to keep the device from the police; the receipt lists what is missing.
        const notDescribed = descriptionMissing(d.body);
        if (notDescribed.length > 0) {
          out.push({
            rule: 'R9',
            status: 'advice',
            stage: 'sign',
            message: `The description is not complete (${notDescribed.join('; ')}). It will be listed as not described on the receipt; complete it in the checklist before the case is closed.`,
          });
        }
      }
      if (s.kind === 'custody-put-back' && deriveCustody(d).status !== 'out-of-safe') {
        out.push({
          rule: 'R10',
          status: 'advice',
          stage: 'sign',
          message:
            'This device is not recorded as taken out of its secure place. Record when it was taken out too.',
        });
      }
      if (s.kind === 'custody-taken-out' && deriveCustody(d).status !== 'secured') {
        out.push({
          rule: 'R10',
          status: 'advice',
          stage: 'sign',
          message:
            'This device is not recorded as being in a secure place. Record when it was secured too.',
        });
      }
      out.push(...(s.extraCheck?.(b) ?? []));
      return out;
    },
    reduce(facts, env, b) {
      // Identity comes from the original record: a correction may fix the time or the details, never the device.
      const d = facts.devices?.[String(env.body.deviceId)];
      if (!d) return;
      d.events.push({
        recordId: env.id,
        kind: s.kind,
        caseSeq: env.caseSeq,
        at: String(b.when),
        signedAt: env.signedAt,
        signerId: env.signer.accountId,
        signerName: env.signer.name,
        hash: facts.records[env.id]?.hash ?? '',
        body: b,
        corrected: (facts.records[env.id]?.correctedBy.length ?? 0) > 0,
      });
      if (s.kind === 'custody-declaration') {
        if (b.nothingDeleted === false && !facts.flags.includes('device-evidence-deleted'))
          facts.flags.push('device-evidence-deleted');
        if (b.nothingCopied === false && !facts.flags.includes('device-evidence-copied'))
          facts.flags.push('device-evidence-copied');
      }
    },
  });
}

export const CUSTODY_KIND_DEFS: readonly RecordKindDef[] = STEPS.map(stepKind);

function byKind(k: CustodyKind): RecordKindDef {
  return CUSTODY_KIND_DEFS.find((d) => d.kind === k)!;
}

export const custodyConfiscated = byKind('custody-confiscated');
export const custodyDeclaration = byKind('custody-declaration');
export const custodyIsolated = byKind('custody-isolated');
export const custodySecured = byKind('custody-secured');
export const custodyPoliceCalled = byKind('custody-police-called');
export const custodyHandedOver = byKind('custody-handed-over');
export const custodyReturned = byKind('custody-returned');
export const custodyTakenOut = byKind('custody-taken-out');
export const custodyPutBack = byKind('custody-put-back');

/** "Secured on 21/11/2026 at 10:20" for timelines. */
export function custodyEventLine(kind: CustodyKind, at: string): string {
  return `${CUSTODY_KIND_LABELS[kind]} on ${ukLocalDisplay(at)}`;
}
