// The chain of custody as a person reads it (R9 the checklist, R10 the chain): the exact flags,
// messages, times and state for disordered, late and gapped timelines. Each test names the bug it
// catches: a wrong message on the receipt is as misleading as a missing flag.
import { describe, expect, it } from 'vitest';
import {
  custodyClosureCheck,
  custodyState,
  deriveCustody,
  isCustodyKind,
  ongoingFlags,
  stepLabel,
  type CustodyKind,
  type CustodyStep,
  type DeviceFacts,
} from '../../../src/shared/rules/custody';
import { emptyFacts } from '../../../src/shared/records/facts';
import { ukLocalToUtc } from '../../../src/shared/ukTime';

/** kind, UK time on 23/11/2026 (GMT), body, signing time (default two minutes later), case seq. */
type Ev = [CustodyKind, string, Record<string, unknown>?, string?, number?];

function device(events: readonly Ev[]): DeviceFacts {
  return {
    deviceId: 'dev-1',
    exhibitRef: 'CS-123456-2026-001',
    addedRecordId: 'added',
    addedAt: '2026-11-23T09:00:00.000Z',
    addedBy: 'Quentin Marlowe-Dsl',
    addedHash: 'a'.repeat(64),
    description: 'Phone',
    body: {},
    events: events.map(([kind, hm, body, signedAt, seq], i) => {
      const at = `2026-11-23T${hm}`;
      return {
        recordId: `r${i + 1}`,
        kind,
        caseSeq: seq ?? i + 2,
        at,
        signedAt: signedAt ?? new Date(Date.parse(ukLocalToUtc(at)) + 2 * 60000).toISOString(),
        signerId: 'signer',
        signerName: 'Quentin Marlowe-Dsl',
        hash: 'h',
        body: body ?? {},
        corrected: false,
      };
    }),
  };
}

const T = (hm: string) => `2026-11-23T${hm}:00.000Z`;
const order = (recordId: string, message: string, hm: string) => ({
  code: 'ORDER',
  message,
  since: T(hm),
  recordId,
});

describe('a disordered chain ending in a handover', () => {
  const chain = deriveCustody(
    device([
      ['custody-confiscated', '10:00'],
      ['custody-taken-out', '10:30'],
      ['custody-put-back', '13:00'],
      ['custody-secured', '13:10'],
      ['custody-handed-over', '14:00'],
      ['custody-put-back', '14:30'],
      ['custody-confiscated', '15:00'],
    ]),
  );

  it('bug: out-of-order steps, a 2½-hour gap out of the safe, and events after the handover flagged wrongly or not at all', () => {
    expect(chain.flags).toEqual([
      order(
        'r2',
        'Taken out of its secure place (23/11/2026 at 10:30): taken out while not recorded as in its secure place.',
        '10:30',
      ),
      {
        code: 'GAP',
        message:
          'Nothing recorded for 2 h 30 min between 23/11/2026 at 10:30 and 23/11/2026 at 13:00 while the device was out of its secure place (more than 120 minutes).',
        since: T('10:30'),
        recordId: 'r3',
      },
      order(
        'r4',
        'Secured (23/11/2026 at 13:10): already in a secure place: record taking it out before moving it.',
        '13:10',
      ),
      order(
        'r6',
        'Put back in its secure place (23/11/2026 at 14:30): recorded as happening after the school’s custody had ended.',
        '14:30',
      ),
      order(
        'r7',
        'Confiscated (23/11/2026 at 15:00): recorded as happening after the school’s custody had ended.',
        '15:00',
      ),
      {
        code: 'MISSING-STEPS',
        message:
          'Handed to the police with steps not recorded: Nothing deleted, nothing copied; Isolated: flight mode and turned off (or as the police instructed); Police called.',
        since: T('14:00'),
      },
    ]);
  });

  it('bug: an event after the handover reopens custody or moves its end', () => {
    expect(chain.status).toBe('handed-over');
    expect(chain.ended).toBe(true);
    expect(chain.endedAt).toBe(T('14:00'));
    expect(chain.heldSince).toBe(T('10:00'));
    expect(chain.outsideSince).toBeNull();
    expect(chain.lastTouchAt).toBe(T('15:00'));
    expect(chain.recorded).toEqual({
      recordId: 'added',
      signedAt: '2026-11-23T09:00:00.000Z',
      signerName: 'Quentin Marlowe-Dsl',
      hash: 'a'.repeat(64),
    });
  });
});

describe('a chain that starts with securing and ends in a return', () => {
  const chain = deriveCustody(
    device([
      ['custody-secured', '10:00', { location: 'Safe', keyHolder: 'K. Holder' }],
      ['custody-confiscated', '10:05'],
      ['custody-confiscated', '10:06'],
      ['custody-secured', '10:10', { location: '  ', keyHolder: '' }],
      ['custody-put-back', '10:20', { location: 'Cupboard' }],
      ['custody-taken-out', '11:00'],
      ['custody-taken-out', '11:30'],
      ['custody-returned', '12:00'],
      ['custody-police-called', '12:30', { policeReference: ' ' }],
    ]),
  );

  it('bug: securing before confiscation, a second confiscation, a put-back never taken out, a double take-out pass unflagged', () => {
    expect(chain.flags).toEqual([
      order(
        'r1',
        'Secured (23/11/2026 at 10:00): secured before any confiscation was recorded.',
        '10:00',
      ),
      order(
        'r3',
        'Confiscated (23/11/2026 at 10:06): the device was already in the school’s custody.',
        '10:06',
      ),
      order(
        'r4',
        'Secured (23/11/2026 at 10:10): already in a secure place: record taking it out before moving it.',
        '10:10',
      ),
      order(
        'r5',
        'Put back in its secure place (23/11/2026 at 10:20): put back without being taken out.',
        '10:20',
      ),
      order(
        'r7',
        'Taken out of its secure place (23/11/2026 at 11:30): taken out while not recorded as in its secure place.',
        '11:30',
      ),
      {
        code: 'MISSING-STEPS',
        message:
          'Returned with steps not recorded: Nothing deleted, nothing copied; Isolated: flight mode and turned off (or as the police instructed).',
        since: T('12:00'),
      },
    ]);
  });

  it('bug: a blank place or key holder overwrites the one recorded; the police call logged late is not a flag', () => {
    expect(chain.location).toBe('Cupboard');
    expect(chain.keyHolder).toBe('K. Holder');
    expect(chain.policeCalled).toEqual({ at: '2026-11-23T12:30', reference: '' });
    expect(chain.status).toBe('returned');
    expect(chain.heldSince).toBe(T('10:00'));
  });
});

describe('times typed and the order of events', () => {
  it('attack: a confiscation backdated into the future of its signature is flagged "later than recorded"; an unreadable time is left out', () => {
    const chain = deriveCustody(
      device([
        ['custody-confiscated', '10:00', {}, '2026-11-23T09:00:00.000Z'],
        ['custody-isolated', 'bad', {}, '2026-11-23T10:00:00.000Z'],
        ['custody-secured', '10:10', {}, undefined, 9],
        ['custody-isolated', '10:10', {}, undefined, 3],
      ]),
    );
    expect(chain.flags).toEqual([
      {
        code: 'ORDER',
        message:
          'Confiscated: the time given (23/11/2026 at 10:00) is later than when it was recorded.',
        since: '2026-11-23T09:00:00.000Z',
        recordId: 'r1',
      },
    ]);
    // Same minute: the record signed first in the case comes first.
    expect(chain.events.map((e) => e.recordId)).toEqual(['r1', 'r4', 'r3']);
    expect(chain.stepsDone).toEqual(['confiscated', 'isolated', 'secured']);
    expect(chain.status).toBe('secured');
    expect(chain.outsideSince).toBeNull();
  });

  it('bug: an event typed exactly five minutes after signing is flagged (the tolerance is five minutes)', () => {
    const chain = deriveCustody(
      device([['custody-confiscated', '10:05', {}, '2026-11-23T10:00:00.000Z']]),
    );
    expect(chain.flags).toEqual([]);
  });

  it('bug: events sorted backwards or by record when their times differ', () => {
    const chain = deriveCustody(
      device([
        ['custody-secured', '10:30', {}, undefined, 2],
        ['custody-confiscated', '10:00', {}, undefined, 3],
      ]),
    );
    expect(chain.events.map((e) => e.recordId)).toEqual(['r2', 'r1']);
    expect(chain.flags).toEqual([]);
  });

  it('bug: the held-since time taken from a police call or a later event rather than the first hands-on one', () => {
    const chain = deriveCustody(
      device([
        ['custody-police-called', '09:30'],
        ['custody-declaration', '09:40'],
        ['custody-confiscated', '10:00'],
        ['custody-secured', '10:20'],
      ]),
    );
    expect(chain.heldSince).toBe(T('10:00'));
    expect(chain.lastTouchAt).toBe(T('10:20'));
  });

  it('bug: a declaration logged later resets the gap clock (only hands-on events account for the device)', () => {
    const chain = deriveCustody(
      device([
        ['custody-confiscated', '10:00'],
        ['custody-declaration', '10:50'],
        ['custody-secured', '11:30'],
      ]),
    );
    expect(chain.flags.map((f) => f.code)).toEqual(['GAP']);
    expect(chain.flags[0]!.message).toContain(
      'while the device was held outside a secure place (more than 60 minutes)',
    );
  });
});

describe('an open gap right now (ongoing)', () => {
  it('bug: a confiscated phone left unsecured 90 minutes not flagged, or told to "put it back"', () => {
    const held = custodyState(deriveCustody(device([['custody-confiscated', '10:00']])));
    expect(held.outsideSince).toBe(T('10:00'));
    expect(ongoingFlags(held, '2026-11-23T11:30:00.000Z')).toEqual([
      {
        code: 'GAP',
        message:
          'Still held outside a secure place: nothing recorded for 1 h 30 min (more than 60 minutes). Secure it and record where.',
        since: T('10:00'),
        ongoing: true,
      },
    ]);
    expect(ongoingFlags(held, '2026-11-23T11:00:00.000Z')).toEqual([]);
  });

  it('bug: a phone out of the safe for three hours not flagged, or given the 60-minute window', () => {
    const out = custodyState(
      deriveCustody(
        device([
          ['custody-confiscated', '10:00'],
          ['custody-secured', '10:10'],
          ['custody-taken-out', '11:00'],
        ]),
      ),
    );
    expect(out.outsideSince).toBe(T('11:00'));
    expect(ongoingFlags(out, '2026-11-23T14:00:00.000Z')).toEqual([
      {
        code: 'GAP',
        message:
          'Still out of its secure place: nothing recorded for 3 h 00 min (more than 120 minutes). Put it back, or record where it is.',
        since: T('11:00'),
        ongoing: true,
      },
    ]);
    expect(ongoingFlags(out, '2026-11-23T12:30:00.000Z')).toEqual([]);
  });

  it('bug: a phone recorded but never in the school’s hands shown as an open gap', () => {
    const recorded = custodyState(deriveCustody(device([['custody-police-called', '10:00']])));
    expect(ongoingFlags(recorded, '2026-11-30T10:00:00.000Z')).toEqual([]);
    const ended = custodyState(
      deriveCustody(
        device([
          ['custody-confiscated', '10:00'],
          ['custody-returned', '10:30'],
        ]),
      ),
    );
    expect(
      ongoingFlags({ ...ended, outsideSince: T('10:00') }, '2026-11-30T10:00:00.000Z'),
    ).toEqual([]);
  });
});

describe('labels and the closure item', () => {
  it('custody kinds are recognised and nothing else is', () => {
    expect(isCustodyKind('custody-secured')).toBe(true);
    expect(isCustodyKind('device-added')).toBe(false);
    expect(isCustodyKind('note')).toBe(false);
  });

  it('an unknown step is shown by its own name rather than crashing the receipt', () => {
    expect(stepLabel('secured')).toBe('Secured in a locked cupboard or safe');
    expect(stepLabel('lost' as CustodyStep)).toBe('lost');
  });

  it('bug: the closure item says the wrong thing about devices, or loses its stage', () => {
    const none = custodyClosureCheck(emptyFacts('c'));
    expect(none).toEqual({
      rule: 'CLOSE-CUSTODY',
      status: 'met',
      stage: 'sign',
      message: 'No devices were held on this case.',
    });
    const held = device([['custody-confiscated', '10:00']]);
    const ended = {
      ...device([
        ['custody-confiscated', '10:00'],
        ['custody-handed-over', '11:00'],
      ]),
      deviceId: 'dev-2',
      exhibitRef: 'CS-123456-2026-002',
    };
    const all = { ...emptyFacts('c'), devices: { [ended.deviceId]: ended } };
    expect(custodyClosureCheck(all)).toEqual({
      rule: 'CLOSE-CUSTODY',
      status: 'met',
      stage: 'sign',
      message: 'Every device has been handed over or returned.',
    });
    const open = {
      ...emptyFacts('c'),
      devices: { a: held, b: { ...held, exhibitRef: 'CS-123456-2026-003' } },
    };
    expect(custodyClosureCheck(open)).toEqual({
      rule: 'CLOSE-CUSTODY',
      status: 'blocks',
      stage: 'sign',
      message:
        'Custody has not ended for CS-123456-2026-001, CS-123456-2026-003: hand each device to the police or return it to its owner first.',
    });
  });
});
