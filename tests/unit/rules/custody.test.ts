// Unit tests of the chain of custody (rules/custody.ts, R9 R10): status, steps done and missing, and
// every flag (GAP, OUT, ORDER, MISSING-STEPS) both ways, table-driven; plus the closure check.
import { describe, expect, it } from 'vitest';
import {
  currentFlags,
  custodyClosureCheck,
  custodyState,
  deriveCustody,
  exhibitRef,
  EXHIBIT_REF_PATTERN,
  ongoingFlags,
  type CustodyFlagCode,
  type CustodyKind,
  type CustodyStatus,
  type DeviceFacts,
} from '../../../src/shared/rules/custody';
import { emptyFacts } from '../../../src/shared/records/facts';
import { ukLocalToUtc } from '../../../src/shared/ukTime';

const DEVICE = '6f1d7c2e-1111-4a5b-9c3d-000000000001';

/** One event: kind, UK time typed (on 23/11/2026, GMT), optional body, optional signing time (default: a few minutes later). */
type Ev = [CustodyKind, string, Record<string, unknown>?, string?];

function device(events: readonly Ev[]): DeviceFacts {
  return {
    deviceId: DEVICE,
    exhibitRef: 'CS-123456-2026-001',
    addedRecordId: 'added',
    addedAt: '2026-11-23T09:00:00.000Z',
    addedBy: 'Quentin Marlowe-Dsl',
    addedHash: 'a'.repeat(64),
    description: 'Phone — Apple iPhone 13, black; owner: Tallulah Vance',
    body: {},
    events: events.map(([kind, hm, body, signedAt], i) => {
      const at = hm.includes('T') ? hm : `2026-11-23T${hm}`;
      return {
        recordId: `r${i + 1}`,
        kind,
        caseSeq: i + 2,
        at,
        signedAt: signedAt ?? new Date(Date.parse(ukLocalToUtc(at)) + 2 * 60000).toISOString(),
        signerId: 'signer',
        signerName: 'Quentin Marlowe-Dsl',
        hash: String(i).repeat(64).slice(0, 64),
        body: body ?? {},
        corrected: false,
      };
    }),
  };
}

const codes = (evs: readonly Ev[]): CustodyFlagCode[] =>
  deriveCustody(device(evs)).flags.map((f) => f.code);

const FULL: Ev[] = [
  ['custody-confiscated', '10:00'],
  ['custody-isolated', '10:05'],
  ['custody-declaration', '10:10'],
  ['custody-secured', '10:20', { location: 'DSL office safe', keyHolder: 'Q. Marlowe' }],
  ['custody-police-called', '10:30', { policeReference: 'KB-2611-0042' }],
];

describe('status and steps', () => {
  const cases: Array<[string, Ev[], CustodyStatus]> = [
    ['recorded only', [], 'held'],
    ['confiscated', [['custody-confiscated', '10:00']], 'held'],
    [
      'secured',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:20'],
      ],
      'secured',
    ],
    [
      'taken out',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:20'],
        ['custody-taken-out', '11:00'],
      ],
      'out-of-safe',
    ],
    [
      'put back',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:20'],
        ['custody-taken-out', '11:00'],
        ['custody-put-back', '11:30'],
      ],
      'secured',
    ],
    ['handed over', [...FULL, ['custody-handed-over', '15:00']], 'handed-over'],
    ['returned', [...FULL, ['custody-returned', '15:00']], 'returned'],
  ];
  it.each(cases.map(([n, evs, st]) => [n, st, evs] as const))('%s → %s', (_n, status, evs) => {
    expect(deriveCustody(device(evs)).status).toBe(status);
  });

  it('lists steps done and missing in the guided order, and the end step while custody continues', () => {
    const c = deriveCustody(
      device([
        ['custody-secured', '10:20'],
        ['custody-confiscated', '10:00'],
      ]),
    );
    expect(c.stepsDone).toEqual(['confiscated', 'secured']);
    expect(c.stepsMissing).toEqual(['declaration', 'isolated', 'police-called', 'ended']);
    expect(c.missingAtEnd).toEqual([]);
    const all = deriveCustody(device([...FULL, ['custody-handed-over', '15:00']]));
    expect(all.stepsMissing).toEqual([]);
    expect(all.stepsDone).toEqual([
      'confiscated',
      'declaration',
      'isolated',
      'secured',
      'police-called',
      'ended',
    ]);
  });

  it('places events in the order they happened, not the order recorded', () => {
    // The police collected before the call was logged: the call (10:30) is recorded last.
    const c = deriveCustody(
      device([
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:20'],
        ['custody-handed-over', '11:00'],
        ['custody-police-called', '10:30'],
      ]),
    );
    expect(c.events.map((e) => e.kind)).toEqual([
      'custody-confiscated',
      'custody-secured',
      'custody-police-called',
      'custody-handed-over',
    ]);
    expect(c.policeCalled).toEqual({ at: '2026-11-23T10:30', reference: '' });
  });

  it('keeps the secure place and key holder, and custody times', () => {
    const c = deriveCustody(device(FULL));
    expect(c.location).toBe('DSL office safe');
    expect(c.keyHolder).toBe('Q. Marlowe');
    expect(c.heldSince).toBe('2026-11-23T10:00:00.000Z');
    expect(c.endedAt).toBeNull();
    expect(deriveCustody(device([...FULL, ['custody-returned', '15:00']])).endedAt).toBe(
      '2026-11-23T15:00:00.000Z',
    );
  });
});

describe('flags', () => {
  // [name, events, flag codes expected]
  const table: Array<[string, Ev[], CustodyFlagCode[]]> = [
    // GAP: outside a secure place for longer than the window with nothing recorded
    [
      'GAP: confiscated 10:00, secured only at 14:00',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '14:00'],
      ],
      ['GAP'],
    ],
    [
      'no GAP: confiscated, isolated, secured within the hour each',
      [
        ['custody-confiscated', '10:00'],
        ['custody-isolated', '10:50'],
        ['custody-secured', '11:45'],
      ],
      [],
    ],
    [
      'no GAP: secured exactly 60 minutes after',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '11:00'],
      ],
      [],
    ],
    [
      'GAP: secured 61 minutes after',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '11:01'],
      ],
      ['GAP'],
    ],
    [
      'no GAP: out of the safe for 2 hours',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-taken-out', '11:00'],
        ['custody-put-back', '13:00'],
      ],
      [],
    ],
    [
      'GAP: out of the safe for 2 h 01',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-taken-out', '11:00'],
        ['custody-put-back', '13:01'],
      ],
      ['GAP'],
    ],
    [
      'no GAP: days in the safe, then handed over',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-handed-over', '2026-11-27T09:00'],
      ],
      ['MISSING-STEPS'],
    ],
    [
      'no GAP: a declaration does not account for the device, but is not hands-on either',
      [
        ['custody-confiscated', '10:00'],
        ['custody-declaration', '10:30'],
        ['custody-secured', '10:55'],
      ],
      [],
    ],
    // OUT: out of its secure place now
    [
      'OUT: taken out and not put back',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-taken-out', '11:00'],
      ],
      ['OUT'],
    ],
    [
      'no OUT: taken out and put back',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-taken-out', '11:00'],
        ['custody-put-back', '11:20'],
      ],
      [],
    ],
    [
      'no OUT: taken out to hand to the police',
      [...FULL, ['custody-taken-out', '14:50'], ['custody-handed-over', '15:00']],
      [],
    ],
    // ORDER: events out of time order
    [
      'ORDER: put back without being taken out',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-put-back', '10:30'],
      ],
      ['ORDER'],
    ],
    [
      'ORDER: secured before the confiscation time',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '09:30'],
      ],
      ['ORDER'],
    ],
    [
      'ORDER: taken out while not in the safe',
      [
        ['custody-confiscated', '10:00'],
        ['custody-taken-out', '10:30'],
        ['custody-put-back', '10:40'],
      ],
      ['ORDER'],
    ],
    [
      'ORDER: secured twice without being taken out',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-secured', '10:30'],
      ],
      ['ORDER'],
    ],
    [
      'ORDER: confiscated twice',
      [
        ['custody-confiscated', '10:00'],
        ['custody-confiscated', '10:05'],
        ['custody-secured', '10:10'],
      ],
      ['ORDER'],
    ],
    [
      'ORDER: taken out after the handover',
      [...FULL, ['custody-handed-over', '15:00'], ['custody-taken-out', '15:30']],
      ['ORDER'],
    ],
    [
      'ORDER: handed over, then returned',
      [...FULL, ['custody-handed-over', '15:00'], ['custody-returned', '15:30']],
      ['ORDER'],
    ],
    [
      'no ORDER: the police call logged after the handover, with its real earlier time',
      [
        ['custody-confiscated', '10:00'],
        ['custody-isolated', '10:05'],
        ['custody-declaration', '10:06'],
        ['custody-secured', '10:10'],
        ['custody-handed-over', '15:00'],
        ['custody-police-called', '10:30'],
      ],
      [],
    ],
    [
      'no ORDER: a declaration made after the handover',
      [
        ['custody-confiscated', '10:00'],
        ['custody-isolated', '10:05'],
        ['custody-secured', '10:10'],
        ['custody-police-called', '10:30'],
        ['custody-handed-over', '15:00'],
        ['custody-declaration', '15:10'],
      ],
      [],
    ],
    [
      'ORDER: the time typed is later than when it was signed',
      [['custody-confiscated', '10:00', {}, '2026-11-23T09:30:00.000Z']],
      ['ORDER'],
    ],
    [
      'no ORDER: the time typed is within 5 minutes of signing',
      [['custody-confiscated', '10:00', {}, '2026-11-23T09:56:00.000Z']],
      [],
    ],
    // MISSING-STEPS at the end
    [
      'no MISSING-STEPS: every step before the handover',
      [...FULL, ['custody-handed-over', '15:00']],
      [],
    ],
    [
      'MISSING-STEPS: handed over without declaration or police call',
      [
        ['custody-confiscated', '10:00'],
        ['custody-isolated', '10:05'],
        ['custody-secured', '10:10'],
        ['custody-handed-over', '15:00'],
      ],
      ['MISSING-STEPS'],
    ],
    [
      'MISSING-STEPS: returned with only the confiscation recorded',
      [
        ['custody-confiscated', '10:00'],
        ['custody-returned', '10:30'],
      ],
      ['MISSING-STEPS'],
    ],
    [
      'no MISSING-STEPS while custody continues',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
      ],
      [],
    ],
  ];
  it.each(table)('%s', (_name, evs, expected) => {
    expect(codes(evs).sort()).toEqual([...expected].sort());
  });

  it('names the gap, its times and the window in the message', () => {
    const f = deriveCustody(
      device([
        ['custody-confiscated', '10:00'],
        ['custody-secured', '14:00'],
      ]),
    ).flags[0]!;
    expect(f.message).toContain('4 h 00 min');
    expect(f.message).toContain('23/11/2026 at 10:00');
    expect(f.message).toContain('23/11/2026 at 14:00');
    expect(f.message).toContain('60 minutes');
    expect(f.since).toBe('2026-11-23T10:00:00.000Z');
  });

  it('lists the missing steps by name at the end', () => {
    const c = deriveCustody(
      device([
        ['custody-confiscated', '10:00'],
        ['custody-isolated', '10:05'],
        ['custody-secured', '10:10'],
        ['custody-handed-over', '15:00'],
      ]),
    );
    expect(c.missingAtEnd).toEqual(['declaration', 'police-called']);
    expect(c.flags[0]!.message).toBe(
      'Handed to the police with steps not recorded: Nothing deleted, nothing copied; Police called.',
    );
  });
});

describe('ongoing flags (depend on the time now)', () => {
  const table: Array<[string, Ev[], string, CustodyFlagCode[]]> = [
    [
      'confiscated, not secured, 59 minutes on',
      [['custody-confiscated', '10:00']],
      '2026-11-23T10:59:00.000Z',
      [],
    ],
    [
      'confiscated, not secured, 61 minutes on',
      [['custody-confiscated', '10:00']],
      '2026-11-23T11:01:00.000Z',
      ['GAP'],
    ],
    [
      'taken out, not put back, 1 hour on',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-taken-out', '11:00'],
      ],
      '2026-11-23T12:00:00.000Z',
      [],
    ],
    [
      'taken out, not put back, 3 hours on',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
        ['custody-taken-out', '11:00'],
      ],
      '2026-11-23T14:00:00.000Z',
      ['GAP'],
    ],
    [
      'secured, days later',
      [
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:10'],
      ],
      '2026-11-30T10:00:00.000Z',
      [],
    ],
    [
      'handed over, days later',
      [...FULL, ['custody-handed-over', '15:00']],
      '2026-11-30T10:00:00.000Z',
      [],
    ],
    ['recorded only (no confiscation yet)', [], '2026-11-30T10:00:00.000Z', []],
  ];
  it.each(table)('%s', (_n, evs, now, expected) => {
    const state = custodyState(deriveCustody(device(evs)));
    expect(ongoingFlags(state, now).map((f) => f.code)).toEqual(expected);
    for (const f of ongoingFlags(state, now)) expect(f.ongoing).toBe(true);
  });

  it('currentFlags adds the open gap to the OUT flag of a device taken out and not put back', () => {
    const state = custodyState(
      deriveCustody(
        device([
          ['custody-confiscated', '10:00'],
          ['custody-secured', '10:10'],
          ['custody-taken-out', '11:00'],
        ]),
      ),
    );
    expect(currentFlags(state, '2026-11-23T14:00:00.000Z').map((f) => f.code)).toEqual([
      'OUT',
      'GAP',
    ]);
    // the projection's state is plain JSON and survives a round trip
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('exhibit references', () => {
  it('are CS-<URN>-<year>-<NNN>, padded to three digits and growing past them', () => {
    expect(exhibitRef('123456', 2026, 7)).toBe('CS-123456-2026-007');
    expect(exhibitRef('123456', 2026, 1234)).toBe('CS-123456-2026-1234');
    for (const ok of ['CS-123456-2026-007', 'CS-000001-2030-1000'])
      expect(EXHIBIT_REF_PATTERN.test(ok)).toBe(true);
    for (const bad of [
      'CS-12345-2026-007',
      'cs-123456-2026-007',
      'CS-123456-26-007',
      'CS-123456-2026-07',
      'CS-123456-2026-007 ',
    ])
      expect(EXHIBIT_REF_PATTERN.test(bad)).toBe(false);
  });
});

describe('closure check: every device’s custody ended', () => {
  const withDevices = (...ds: DeviceFacts[]) => ({
    ...emptyFacts('c'),
    devices: Object.fromEntries(
      ds.map((d, i) => [`${i}`, { ...d, exhibitRef: `CS-123456-2026-00${i + 1}` }]),
    ),
  });
  const table: Array<[string, 'met' | 'blocks', ReturnType<typeof withDevices>]> = [
    ['no devices', 'met', withDevices()],
    ['one handed over', 'met', withDevices(device([...FULL, ['custody-handed-over', '15:00']]))],
    ['one returned', 'met', withDevices(device([...FULL, ['custody-returned', '15:00']]))],
    ['one still secured', 'blocks', withDevices(device(FULL))],
    [
      'one handed over, one still held',
      'blocks',
      withDevices(
        device([...FULL, ['custody-handed-over', '15:00']]),
        device([['custody-confiscated', '10:00']]),
      ),
    ],
  ];
  it.each(table)('%s → %s', (_n, status, facts) => {
    const f = custodyClosureCheck(facts)!;
    expect(f.rule).toBe('CLOSE-CUSTODY');
    expect(f.status).toBe(status);
  });
  it('names the devices still held', () => {
    const f = custodyClosureCheck(
      withDevices(device([...FULL, ['custody-handed-over', '15:00']]), device(FULL)),
    )!;
    expect(f.message).toContain('CS-123456-2026-002');
    expect(f.message).not.toContain('CS-123456-2026-001');
  });
});
