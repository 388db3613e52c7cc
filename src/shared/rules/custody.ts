// A device's chain of custody (docs/rules.md "Device seizure checklist", R9 the checklist, R10 the
// chain): a pure function from a device's signed records to its status, timeline, steps done and
// missing, and flags (gaps, out of its secure place, out of time order, steps missing at the end).
// Used by main (projection, dashboard, receipt, closure) and by the renderer (live guidance).
import type { CaseFacts } from '../records/facts';
import type { Finding } from './finding';
import type { DisplayRow } from '../records/fields';
import { humanDuration, ukLocalDisplay, ukLocalToUtc, UK_LOCAL_PATTERN } from '../ukTime';

// ------------------------------------------------------------------ kinds and steps

export const DEVICE_ADDED = 'device-added';
/** The rest of a device's description, given after the four-answer seizure (R9). */
export const DEVICE_DESCRIBED = 'device-described';

/** What app:devices.step may sign for a device: the checklist steps, movements and the description. */
export type DeviceStepKind = CustodyKind | typeof DEVICE_DESCRIBED;

export const CUSTODY_KINDS = [
  'custody-confiscated',
  'custody-declaration',
  'custody-isolated',
  'custody-secured',
  'custody-police-called',
  'custody-handed-over',
  'custody-returned',
  'custody-taken-out',
  'custody-put-back',
] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

export function isCustodyKind(k: string): k is CustodyKind {
  return (CUSTODY_KINDS as readonly string[]).includes(k);
}

export const DEVICE_STEP_KINDS = [...CUSTODY_KINDS, DEVICE_DESCRIBED] as const;

export function isDeviceStepKind(k: string): k is DeviceStepKind {
  return (DEVICE_STEP_KINDS as readonly string[]).includes(k);
}

// ------------------------------------------------------------------ the description (R9)

/**
 * What a complete description of a seized device needs ("Describe the device": make, colour,
 * condition, its state when seized — the indicators only when it was on — and the statement that it
 * was described without using it, R2). Model, serial and IMEI are "if known / if visible".
 */
export const DESCRIPTION_REQUIRED: ReadonlyArray<{ name: string; label: string; ifOn?: true }> = [
  { name: 'make', label: 'Make' },
  { name: 'colour', label: 'Colour' },
  { name: 'condition', label: 'Condition' },
  { name: 'powerState', label: 'On or off when seized' },
  { name: 'lockState', label: 'Locked or not', ifOn: true },
  { name: 'wifi', label: 'Wi-Fi indicator', ifOn: true },
  { name: 'mobileData', label: 'Mobile data indicator', ifOn: true },
  { name: 'flightMode', label: 'Flight mode indicator', ifOn: true },
  { name: 'notBrowsed', label: 'Statement that it was recorded without using the device' },
];

/** The labels of the description items still missing from a device's effective body. */
export function descriptionMissing(body: Record<string, unknown>): string[] {
  return DESCRIPTION_REQUIRED.filter((r) => !r.ifOn || body.powerState === 'on')
    .filter((r) => {
      const v = body[r.name];
      return r.name === 'notBrowsed' ? v !== true : typeof v !== 'string' || v.trim() === '';
    })
    .map((r) => r.label);
}

/** The guided order of the checklist (docs/rules.md steps 1–6). Not forced: reality may differ. */
export const CUSTODY_STEPS = [
  { step: 'confiscated', label: 'Confiscated, use stopped', kinds: ['custody-confiscated'] },
  { step: 'declaration', label: 'Nothing deleted, nothing copied', kinds: ['custody-declaration'] },
  {
    step: 'isolated',
    label: 'Isolated: flight mode and turned off (or as the police instructed)',
    kinds: ['custody-isolated'],
  },
  { step: 'secured', label: 'Secured in a locked cupboard or safe', kinds: ['custody-secured'] },
  { step: 'police-called', label: 'Police called', kinds: ['custody-police-called'] },
  {
    step: 'ended',
    label: 'Handed to the police, or returned to its owner',
    kinds: ['custody-handed-over', 'custody-returned'],
  },
] as const;
export type CustodyStep = (typeof CUSTODY_STEPS)[number]['step'];

/** Steps that should be done before custody ends; any still missing is listed at handover/return. */
export const STEPS_BEFORE_END: readonly CustodyStep[] = [
  'confiscated',
  'declaration',
  'isolated',
  'secured',
  'police-called',
];

export const CUSTODY_KIND_LABELS: Record<DeviceStepKind | typeof DEVICE_ADDED, string> = {
  'device-added': 'Device recorded as an exhibit',
  'device-described': 'Device description',
  'custody-confiscated': 'Confiscated',
  'custody-declaration': 'Declaration: nothing deleted, nothing copied',
  'custody-isolated': 'Isolated from networks',
  'custody-secured': 'Secured',
  'custody-police-called': 'Police called',
  'custody-handed-over': 'Handed to the police',
  'custody-returned': 'Returned to its owner',
  'custody-taken-out': 'Taken out of its secure place',
  'custody-put-back': 'Put back in its secure place',
};

/** Kinds that put hands on the device: they account for where it was at that time (gap checks). */
const TOUCHES: ReadonlySet<string> = new Set([
  'custody-confiscated',
  'custody-isolated',
  'custody-secured',
  'custody-handed-over',
  'custody-returned',
  'custody-taken-out',
  'custody-put-back',
]);

/** May still be logged after custody ended (the call or declaration logged late). */
const LATE_OK: ReadonlySet<string> = new Set(['custody-police-called', 'custody-declaration']);

/**
 * The reasonable windows (documented in docs/design.md, "Devices and custody"). While the school
 * holds a device outside a secure place, each custody event must follow the last within:
 * - 60 minutes from confiscation until it is secured (the guidance says "immediately");
 * - 120 minutes while it is out of its secure place (time for a meeting or a viewing decision).
 * Longer, with nothing recorded between, is a GAP.
 */
export const HELD_WINDOW_MINUTES = 60;
export const OUT_WINDOW_MINUTES = 120;
/** A typed event time more than this after the record was signed is "recorded before it happened". */
export const FUTURE_TOLERANCE_MINUTES = 5;

export const EXHIBIT_REF_PATTERN = /^CS-\d{6}-\d{4}-\d{3,}$/;

export function exhibitRef(urn: string, year: number, n: number): string {
  return `CS-${urn}-${year}-${String(n).padStart(3, '0')}`;
}

// ------------------------------------------------------------------ facts (what records add up to)

export interface CustodyEventFact {
  recordId: string;
  kind: CustodyKind;
  caseSeq: number;
  /** The event time the user typed, UK wall-clock "YYYY-MM-DDTHH:mm". */
  at: string;
  /** Main's signing time (UTC ISO). */
  signedAt: string;
  signerId: string;
  signerName: string;
  hash: string;
  /** The effective body (after corrections). */
  body: Record<string, unknown>;
  corrected: boolean;
}

export interface DeviceFacts {
  deviceId: string;
  exhibitRef: string;
  addedRecordId: string;
  addedAt: string;
  addedBy: string;
  addedHash: string;
  /** One line: "Phone — Apple iPhone 13, black; owner: Tallulah Vance". */
  description: string;
  /** The effective device-added body, with every later description record's answers over it. */
  body: Record<string, unknown>;
  events: CustodyEventFact[];
  /** The device-described records, in case order (each a signed addition, never an edit). */
  descriptions?: DescriptionFact[];
}

export interface DescriptionFact {
  recordId: string;
  signedAt: string;
  signerName: string;
  hash: string;
  /** The description fields this record gave. */
  given: string[];
}

// ------------------------------------------------------------------ the derived chain

export type CustodyStatus = 'held' | 'secured' | 'out-of-safe' | 'handed-over' | 'returned';

export const CUSTODY_STATUS_LABELS: Record<CustodyStatus, string> = {
  held: 'Held by the school (not yet in a secure place)',
  secured: 'Secured',
  'out-of-safe': 'Out of its secure place',
  'handed-over': 'Handed to the police',
  returned: 'Returned to its owner',
};

export type CustodyFlagCode = 'GAP' | 'OUT' | 'ORDER' | 'MISSING-STEPS';

export interface CustodyFlag {
  code: CustodyFlagCode;
  message: string;
  /** UTC ISO: when the problem began (for "oldest first" on the dashboard). */
  since: string;
  recordId?: string;
  /** True when the flag depends on the current time (an open gap). */
  ongoing?: boolean;
}

export interface CustodyTimelineEvent {
  recordId: string;
  kind: CustodyKind;
  label: string;
  /** UK wall-clock as typed, and its UTC instant. */
  at: string;
  atUtc: string;
  signedAt: string;
  signerId: string;
  signerName: string;
  hash: string;
  corrected: boolean;
  body: Record<string, unknown>;
}

/** Everything but the timeline: what the `devices` projection stores as its JSON `state`. */
export interface CustodyState {
  deviceId: string;
  exhibitRef: string;
  description: string;
  status: CustodyStatus;
  ended: boolean;
  /** UTC ISO: when the school's custody began (confiscation, else the first hands-on event). */
  heldSince: string | null;
  endedAt: string | null;
  /** UTC ISO of the last hands-on event (for open gaps). */
  lastTouchAt: string | null;
  /** UTC ISO since when it has been outside a secure place while held (null when secured or ended). */
  outsideSince: string | null;
  location: string | null;
  keyHolder: string | null;
  policeCalled: { at: string; reference: string } | null;
  stepsDone: CustodyStep[];
  /** Steps of the checklist not yet recorded (including the end while custody continues). */
  stepsMissing: CustodyStep[];
  /** Steps missing when custody ended (listed on the receipt and the case); [] while it continues. */
  missingAtEnd: CustodyStep[];
  /** Description items still missing (labels), from descriptionMissing(); [] when complete. */
  descriptionMissing: string[];
  /** Where the device was locked, as given when it was recorded (the four-answer seizure). */
  lockedIn: string | null;
  /** Flags that do not depend on the current time. */
  flags: CustodyFlag[];
  /** The device-added record: when and by whom the exhibit was recorded. */
  recorded: { recordId: string; signedAt: string; signerName: string; hash: string };
}

export interface CustodyChain extends CustodyState {
  events: CustodyTimelineEvent[];
}

/** A timeline event with its label/value rows (its form fields), for the device view and the receipt. */
export interface DeviceTimelineEntry extends CustodyTimelineEvent {
  rows: DisplayRow[];
}

/** What app:devices.list gives for each device of a case. */
export interface DeviceView {
  deviceId: string;
  caseId: string;
  exhibitRef: string;
  description: string;
  /** The effective device-added body and its display rows. */
  body: Record<string, unknown>;
  rows: DisplayRow[];
  /** Who described the device, when (each a signed record). */
  descriptions: DescriptionFact[];
  chain: Omit<CustodyChain, 'events'> & { events: DeviceTimelineEntry[] };
  /** Static flags plus those that depend on the time now (an open gap). */
  flags: CustodyFlag[];
}

export function stepLabel(step: CustodyStep): string {
  return CUSTODY_STEPS.find((s) => s.step === step)?.label ?? step;
}

function safeUtc(local: string): string | null {
  return UK_LOCAL_PATTERN.test(local) ? ukLocalToUtc(local) : null;
}

function minutesBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 60000;
}

function shortTime(utc: string, local?: string): string {
  return local && UK_LOCAL_PATTERN.test(local) ? ukLocalDisplay(local) : utc;
}

/**
 * Derive the chain from the device's facts. Events are placed in the order they happened (the
 * times typed), not the order they were recorded: the police may collect before the call is logged.
 */
export function deriveCustody(d: DeviceFacts): CustodyChain {
  const events: CustodyTimelineEvent[] = [];
  const flags: CustodyFlag[] = [];
  for (const e of d.events) {
    const atUtc = safeUtc(e.at);
    if (!atUtc) continue;
    events.push({
      recordId: e.recordId,
      kind: e.kind,
      label: CUSTODY_KIND_LABELS[e.kind],
      at: e.at,
      atUtc,
      signedAt: e.signedAt,
      signerId: e.signerId,
      signerName: e.signerName,
      hash: e.hash,
      corrected: e.corrected,
      body: e.body,
    });
    if (minutesBetween(e.signedAt, atUtc) > FUTURE_TOLERANCE_MINUTES) {
      flags.push({
        code: 'ORDER',
        message: `${CUSTODY_KIND_LABELS[e.kind]}: the time given (${ukLocalDisplay(e.at)}) is later than when it was recorded.`,
        since: e.signedAt,
        recordId: e.recordId,
      });
    }
  }
  events.sort((a, b) =>
    a.atUtc < b.atUtc
      ? -1
      : a.atUtc > b.atUtc
        ? 1
        : recordOrder(d, a.recordId) - recordOrder(d, b.recordId),
  );

  type Loc = 'none' | 'held' | 'secured' | 'out' | 'ended';
  let loc: Loc = 'none';
  let heldSince: string | null = null;
  let endedAt: string | null = null;
  let endKind: 'handed-over' | 'returned' | null = null;
  let lastTouch: { utc: string; local: string } | null = null;
  let outsideSince: string | null = null;
  let outsideLocal = '';
  let confiscatedSeen = false;
  let location: string | null = null;
  let keyHolder: string | null = null;
  let policeCalled: CustodyState['policeCalled'] = null;
  const order = (e: CustodyTimelineEvent, message: string): void => {
    flags.push({
      code: 'ORDER',
      message: `${e.label} (${ukLocalDisplay(e.at)}): ${message}`,
      since: e.atUtc,
      recordId: e.recordId,
    });
  };

  for (const e of events) {
    if (loc === 'ended' && !LATE_OK.has(e.kind))
      order(e, 'recorded as happening after the school’s custody had ended.');
    if (TOUCHES.has(e.kind) && (loc === 'held' || loc === 'out') && lastTouch) {
      const window = loc === 'held' ? HELD_WINDOW_MINUTES : OUT_WINDOW_MINUTES;
      const gap = minutesBetween(lastTouch.utc, e.atUtc);
      if (gap > window) {
        flags.push({
          code: 'GAP',
          message: `Nothing recorded for ${humanDuration(gap * 60000)} between ${ukLocalDisplay(lastTouch.local)} and ${ukLocalDisplay(e.at)} while the device was ${loc === 'held' ? 'held outside a secure place' : 'out of its secure place'} (more than ${window} minutes).`,
          since: lastTouch.utc,
          recordId: e.recordId,
        });
      }
    }
    if (TOUCHES.has(e.kind) && heldSince === null && loc === 'none') heldSince = e.atUtc;
    switch (e.kind) {
      case 'custody-confiscated':
        if (loc === 'none') {
          loc = 'held';
          outsideSince = e.atUtc;
          outsideLocal = e.at;
        } else if (confiscatedSeen && loc !== 'ended')
          order(e, 'the device was already in the school’s custody.');
        // (a confiscation timed after another custody event was already flagged by that event)
        confiscatedSeen = true;
        break;
      case 'custody-secured':
        if (loc === 'none') order(e, 'secured before any confiscation was recorded.');
        else if (loc === 'secured')
          order(e, 'already in a secure place: record taking it out before moving it.');
        if (loc !== 'ended') {
          loc = 'secured';
          outsideSince = null;
        }
        location = str(e.body.location) ?? location;
        keyHolder = str(e.body.keyHolder) ?? keyHolder;
        break;
      case 'custody-taken-out':
        if (loc !== 'secured' && loc !== 'ended')
          order(e, 'taken out while not recorded as in its secure place.');
        if (loc !== 'ended') {
          if (loc !== 'out') {
            outsideSince = e.atUtc;
            outsideLocal = e.at;
          }
          loc = 'out';
        }
        break;
      case 'custody-put-back':
        if (loc !== 'out' && loc !== 'ended') order(e, 'put back without being taken out.');
        if (loc !== 'ended') {
          loc = 'secured';
          outsideSince = null;
        }
        location = str(e.body.location) ?? location;
        break;
      case 'custody-handed-over':
      case 'custody-returned':
        // A second end is flagged once, by the "after custody had ended" check above.
        if (loc !== 'ended') {
          loc = 'ended';
          endedAt = e.atUtc;
          endKind = e.kind === 'custody-handed-over' ? 'handed-over' : 'returned';
          outsideSince = null;
        }
        break;
      case 'custody-police-called':
        policeCalled ??= { at: e.at, reference: str(e.body.policeReference) ?? '' };
        break;
      default:
        break;
    }
    if (TOUCHES.has(e.kind)) lastTouch = { utc: e.atUtc, local: e.at };
  }

  const done = new Set<CustodyStep>();
  for (const s of CUSTODY_STEPS)
    if (events.some((e) => (s.kinds as readonly string[]).includes(e.kind))) done.add(s.step);
  const stepsDone = CUSTODY_STEPS.map((s) => s.step).filter((s) => done.has(s));
  const stepsMissing = CUSTODY_STEPS.map((s) => s.step).filter((s) => !done.has(s));
  const ended = loc === 'ended';
  const missingAtEnd = ended ? STEPS_BEFORE_END.filter((s) => !done.has(s)) : [];
  if (ended && missingAtEnd.length > 0) {
    flags.push({
      code: 'MISSING-STEPS',
      message: `${endKind === 'handed-over' ? 'Handed to the police' : 'Returned'} with steps not recorded: ${missingAtEnd.map(stepLabel).join('; ')}.`,
      since: endedAt!,
    });
  }
  if (loc === 'out') {
    flags.push({
      code: 'OUT',
      message: `Out of its secure place since ${shortTime(outsideSince!, outsideLocal)} and not yet put back.`,
      since: outsideSince!,
    });
  }

  const status: CustodyStatus =
    loc === 'ended'
      ? endKind!
      : loc === 'secured'
        ? 'secured'
        : loc === 'out'
          ? 'out-of-safe'
          : 'held';
  return {
    deviceId: d.deviceId,
    exhibitRef: d.exhibitRef,
    description: d.description,
    status,
    ended,
    heldSince,
    endedAt,
    lastTouchAt: lastTouch?.utc ?? null,
    outsideSince: loc === 'held' || loc === 'out' ? outsideSince : null,
    location,
    keyHolder,
    policeCalled,
    stepsDone,
    stepsMissing,
    missingAtEnd,
    descriptionMissing: descriptionMissing(d.body),
    lockedIn: str(d.body.lockedIn),
    flags,
    recorded: {
      recordId: d.addedRecordId,
      signedAt: d.addedAt,
      signerName: d.addedBy,
      hash: d.addedHash,
    },
    events,
  };
}

function recordOrder(d: DeviceFacts, recordId: string): number {
  return d.events.find((e) => e.recordId === recordId)?.caseSeq ?? 0;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** The chain without its timeline: the projection's `state`. */
export function custodyState(c: CustodyChain): CustodyState {
  const { events: _e, ...state } = c;
  return state;
}

/**
 * Flags that depend on the current time: the device is outside a secure place and nothing has been
 * recorded for longer than the window (confiscated but never secured; taken out and not put back).
 */
export function ongoingFlags(s: CustodyState, now: string): CustodyFlag[] {
  if (s.ended || !s.lastTouchAt || !s.outsideSince) return [];
  const window = s.status === 'out-of-safe' ? OUT_WINDOW_MINUTES : HELD_WINDOW_MINUTES;
  const gap = minutesBetween(s.lastTouchAt, now);
  if (gap <= window) return [];
  const where =
    s.status === 'out-of-safe' ? 'out of its secure place' : 'held outside a secure place';
  return [
    {
      code: 'GAP',
      message: `Still ${where}: nothing recorded for ${humanDuration(gap * 60000)} (more than ${window} minutes). ${s.status === 'out-of-safe' ? 'Put it back, or record where it is.' : 'Secure it and record where.'}`,
      since: s.lastTouchAt,
      ongoing: true,
    },
  ];
}

/** Every flag that applies now. */
export function currentFlags(s: CustodyState, now: string): CustodyFlag[] {
  return [...s.flags, ...ongoingFlags(s, now)];
}

export function isEnded(d: DeviceFacts): boolean {
  return d.events.some((e) => e.kind === 'custody-handed-over' || e.kind === 'custody-returned');
}

// ------------------------------------------------------------------ closure (the checklist)

export function devicesOf(facts: CaseFacts): DeviceFacts[] {
  return Object.values((facts.devices ?? {}) as Record<string, DeviceFacts>);
}

/** CLOSURE_CHECKS item: every device's custody ended (handed over or returned). */
export function custodyClosureCheck(facts: CaseFacts): Finding | null {
  const open = devicesOf(facts).filter((d) => !isEnded(d));
  if (open.length > 0) {
    return {
      rule: 'CLOSE-CUSTODY',
      status: 'blocks',
      stage: 'sign',
      message: `Custody has not ended for ${open.map((d) => d.exhibitRef).join(', ')}: hand each device to the police or return it to its owner first.`,
    };
  }
  return {
    rule: 'CLOSE-CUSTODY',
    status: 'met',
    stage: 'sign',
    message:
      devicesOf(facts).length === 0
        ? 'No devices were held on this case.'
        : 'Every device has been handed over or returned.',
  };
}

/**
 * CLOSURE_CHECKS item: every device is fully described (R9). The four-answer seizure lets the
 * exhibit reference come first; the description must still be complete before the case closes,
 * because the sealed export and the chain of custody describe the exhibit by it. Handing a device
 * to the police is never blocked by it (the police must not be kept from evidence): the receipt
 * lists what was not described.
 */
export function descriptionClosureCheck(facts: CaseFacts): Finding | null {
  const devices = devicesOf(facts);
  if (devices.length === 0) return null;
  const open = devices.filter((d) => descriptionMissing(d.body).length > 0);
  if (open.length > 0) {
    return {
      rule: 'CLOSE-DESCRIPTION',
      status: 'blocks',
      stage: 'sign',
      message: `The description is not complete for ${open.map((d) => d.exhibitRef).join(', ')}: complete it in each device’s checklist first.`,
    };
  }
  return {
    rule: 'CLOSE-DESCRIPTION',
    status: 'met',
    stage: 'sign',
    message: 'Every device is fully described.',
  };
}
