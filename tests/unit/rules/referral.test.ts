// The referral rules (R11–R17) as pure functions: table-driven, every rule both ways,
// including same-day deadlines across GMT, BST and both clock-change days.
import { describe, expect, it } from 'vitest';
import { emptyFacts, type CaseFacts } from '../../../src/shared/records/facts';
import type {
  R11Key,
  ReferralCheckFact,
  ReferralFact,
} from '../../../src/shared/records/referralFacts';
import {
  adultsInvolved,
  childAgeOn,
  childrenUnder13,
  clearsDueItem,
  hasPoliceReferral,
  isOverdue,
  r11Evaluate,
  r12Findings,
  r13Findings,
  r16Findings,
  r17Findings,
  R17_EVIDENCE_MESSAGE,
  referralCheckFindings,
  referralCheckHints,
  referralDeadline,
  referralDefaults,
  referralDueItems,
  REFERRAL_CLOSURE_CHECKS,
  updateReferralFlag,
} from '../../../src/shared/rules/referral';
import { closureFindings } from '../../../src/shared/rules/closure';
import type { Finding } from '../../../src/shared/rules/finding';

const CHILD = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Ava',
  dateOfBirth: '2014-05-10',
  sex: 'female',
  send: false,
};
const CHILD2 = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Ben',
  yearGroup: 'Year 9',
  sex: 'male',
  send: true,
};

function facts(extra: Partial<CaseFacts> = {}): CaseFacts {
  return { ...emptyFacts('33333333-3333-4333-8333-333333333333'), children: [CHILD], ...extra };
}

function check(
  caseSeq: number,
  yes: R11Key[],
  extra: Partial<ReferralCheckFact> = {},
): ReferralCheckFact {
  return {
    recordId: `check-${caseSeq}`,
    caseSeq,
    signedAt: '2026-12-01T10:00:00.000Z',
    yes,
    decision: yes.length ? 'refer' : 'manage-in-school',
    ...extra,
  };
}

function ref(caseSeq: number, agency: ReferralFact['agency']): ReferralFact {
  return {
    recordId: `ref-${caseSeq}`,
    caseSeq,
    signedAt: '2026-12-01T11:00:00.000Z',
    agency,
    madeAt: '2026-12-01T11:00:00.000Z',
  };
}

const ALL_NO = {
  adultInvolved: false,
  coercion: false,
  unusualOrViolent: false,
  under13SexualActs: false,
  immediateRisk: false,
};

describe('R11: the five criteria', () => {
  it.each([
    ['adultInvolved', ['adultInvolved']],
    ['coercion', ['coercion']],
    ['unusualOrViolent', ['unusualOrViolent']],
    ['under13SexualActs', ['under13SexualActs']],
    ['immediateRisk', ['immediateRisk']],
  ] as const)('a "yes" to %s makes a referral due', (key, yes) => {
    const r = r11Evaluate({ ...ALL_NO, [key]: true });
    expect(r).toEqual({ yes, anyYes: true, allAnswered: true });
  });

  it('all "no" means no criterion applies', () => {
    expect(r11Evaluate(ALL_NO)).toEqual({ yes: [], anyYes: false, allAnswered: true });
  });

  it('an unanswered criterion is not "all answered"', () => {
    const { immediateRisk: _omit, ...partial } = ALL_NO;
    expect(r11Evaluate(partial).allAnswered).toBe(false);
  });
});

describe('R11: the same-day deadline (end of the school day, UK time)', () => {
  it.each([
    // [what, checkedAt (UTC), schoolDayEnd, deadline (UTC), afterSchoolDay, ukDay]
    [
      'winter (GMT) morning',
      '2026-12-01T10:00:00.000Z',
      '16:00',
      '2026-12-01T16:00:00.000Z',
      false,
      '2026-12-01',
    ],
    [
      'summer (BST) morning',
      '2026-07-01T10:00:00.000Z',
      '16:00',
      '2026-07-01T15:00:00.000Z',
      false,
      '2026-07-01',
    ],
    [
      'BST just after UK midnight (UTC date is the day before)',
      '2026-07-01T23:30:00.000Z',
      '16:00',
      '2026-07-02T15:00:00.000Z',
      false,
      '2026-07-02',
    ],
    [
      'exactly at the end of the school day',
      '2026-12-01T16:00:00.000Z',
      '16:00',
      '2026-12-01T16:00:00.000Z',
      false,
      '2026-12-01',
    ],
    [
      'a configured 15:20 end, BST',
      '2026-06-15T08:00:00.000Z',
      '15:20',
      '2026-06-15T14:20:00.000Z',
      false,
      '2026-06-15',
    ],
    [
      'after the school day, GMT: due by 23:59 the same day',
      '2026-12-01T16:00:01.000Z',
      '16:00',
      '2026-12-01T23:59:59.999Z',
      true,
      '2026-12-01',
    ],
    [
      'after the school day, BST: due by 23:59 UK time',
      '2026-07-01T15:30:00.000Z',
      '16:00',
      '2026-07-01T22:59:59.999Z',
      true,
      '2026-07-01',
    ],
    [
      'spring clocks-forward day: checked in GMT, due in BST',
      '2026-03-29T00:30:00.000Z',
      '16:00',
      '2026-03-29T15:00:00.000Z',
      false,
      '2026-03-29',
    ],
    [
      'autumn clocks-back day: checked in BST, due in GMT',
      '2026-10-25T00:30:00.000Z',
      '16:00',
      '2026-10-25T16:00:00.000Z',
      false,
      '2026-10-25',
    ],
    [
      'the day before the clocks go back, late evening BST',
      '2026-10-24T21:00:00.000Z',
      '16:00',
      '2026-10-24T22:59:59.999Z',
      true,
      '2026-10-24',
    ],
  ])('%s', (_what, checkedAt, end, deadline, afterSchoolDay, ukDay) => {
    expect(referralDeadline(checkedAt, end)).toEqual({ deadline, afterSchoolDay, ukDay });
  });

  it('refuses a malformed end of school day', () => {
    expect(() => referralDeadline('2026-12-01T10:00:00.000Z', '4pm')).toThrow();
  });

  it.each([
    ['before the deadline', '2026-12-01T15:59:59.000Z', false],
    ['at the deadline', '2026-12-01T16:00:00.000Z', false],
    ['after the deadline', '2026-12-01T16:00:00.001Z', true],
  ])('overdue %s: %s', (_what, now, overdue) => {
    expect(isOverdue('2026-12-01T16:00:00.000Z', now)).toBe(overdue);
  });
});

describe('what clears a due referral', () => {
  it.each([
    ['police, recorded after the check', ref(5, 'police'), true],
    ['CSC/MASH, recorded after the check', ref(5, 'csc'), true],
    ['the LADO only', ref(5, 'lado'), false],
    ['CEOP only', ref(5, 'ceop'), false],
    ['IWF / Report Remove only', ref(5, 'iwf'), false],
    ['Prevent only', ref(5, 'prevent'), false],
    ['police, recorded before the check', ref(3, 'police'), false],
  ])('%s', (_what, referral, clears) => {
    expect(clearsDueItem(check(4, ['adultInvolved']), referral)).toBe(clears);
  });

  it('lists uncleared items with deadline and overdue flag, and none once cleared', () => {
    const f = facts({ referralChecks: [check(4, ['under13SexualActs'])] });
    const before = referralDueItems(f, '16:00', '2026-12-01T12:00:00.000Z');
    expect(before).toEqual([
      expect.objectContaining({
        checkRecordId: 'check-4',
        criteria: ['under13SexualActs'],
        deadline: '2026-12-01T16:00:00.000Z',
        overdue: false,
        afterSchoolDay: false,
      }),
    ]);
    expect(before[0]!.reasons).toEqual(['sexual acts and a child under 13']);
    expect(referralDueItems(f, '16:00', '2026-12-01T16:30:00.000Z')[0]!.overdue).toBe(true);
    expect(
      referralDueItems(
        facts({ referralChecks: [check(4, ['coercion'])], referrals: [ref(6, 'csc')] }),
        '16:00',
        '2026-12-02T00:00:00.000Z',
      ),
    ).toEqual([]);
    expect(
      referralDueItems(
        facts({ referralChecks: [check(4, [])] }),
        '16:00',
        '2026-12-01T12:00:00.000Z',
      ),
    ).toEqual([]);
  });

  it('keeps the referral-due flag in step, both ways', () => {
    const f = facts({ referralChecks: [check(4, ['immediateRisk'])], flags: ['copy-made'] });
    updateReferralFlag(f);
    expect(f.flags).toEqual(['copy-made', 'referral-due']);
    updateReferralFlag(f);
    expect(f.flags).toEqual(['copy-made', 'referral-due']);
    f.referrals = [ref(5, 'police')];
    updateReferralFlag(f);
    expect(f.flags).toEqual(['copy-made']);
  });
});

describe('people and ages', () => {
  it.each([
    ['no others', [], { adult: false, staff: false }],
    ['a pupil', [{ kind: 'pupil' }], { adult: false, staff: false }],
    ['an adult', [{ kind: 'adult' }], { adult: true, staff: false }],
    ['a member of staff', [{ kind: 'staff' }], { adult: true, staff: true }],
  ])('%s', (_what, others, expected) => {
    expect(adultsInvolved(facts({ others }))).toEqual(expected);
  });

  it.each([
    ['the day before the 13th birthday', '2027-05-09T12:00:00.000Z', 12],
    ['on the 13th birthday', '2027-05-10T12:00:00.000Z', 13],
    [
      'the birthday starts at UK midnight in BST (23:30 UTC the day before)',
      '2027-05-09T23:30:00.000Z',
      13,
    ],
  ])('age %s', (_what, at, age) => {
    expect(childAgeOn('2014-05-10', at)).toBe(age);
  });

  it('finds children under 13 by date of birth only', () => {
    expect(
      childrenUnder13(facts({ children: [CHILD, CHILD2] }), '2026-12-01T10:00:00.000Z'),
    ).toEqual([{ id: CHILD.id, age: 12 }]);
    expect(childrenUnder13(facts({ children: [CHILD] }), '2027-06-01T10:00:00.000Z')).toEqual([]);
    expect(childAgeOn('not a date', '2027-06-01T10:00:00.000Z')).toBeNull();
  });

  it('turns the case details into hints, never answers', () => {
    const hints = referralCheckHints(
      facts({ children: [CHILD, CHILD2], others: [{ kind: 'adult' }] }),
      '2026-12-01T10:00:00.000Z',
    );
    expect(hints.map((h) => h.criterion).sort()).toEqual([
      'adultInvolved',
      'coercion',
      'under13SexualActs',
    ]);
    expect(
      referralCheckHints(
        facts({ children: [{ ...CHILD, dateOfBirth: '2010-01-01' }] }),
        '2026-12-01T10:00:00.000Z',
      ),
    ).toEqual([]);
    const fromAssessment = referralCheckHints(
      facts({
        children: [],
        assessments: [
          {
            recordId: 'a',
            caseSeq: 2,
            childId: CHILD.id,
            pressure: 'coerced',
            anyUnder13: 'yes',
            actsUnexpectedForAge: 'yes',
          },
        ],
      }),
      '2026-12-01T10:00:00.000Z',
    );
    expect(fromAssessment.map((h) => h.criterion).sort()).toEqual([
      'coercion',
      'under13SexualActs',
      'unusualOrViolent',
    ]);
  });
});

/** What the person reads: a plain sentence, and (where the finding is about one answer) the form
 * field its error-summary item links to — never blank. */
function expectPlainFindings(findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(f.message).toMatch(/^[A-Z“"][^]{14,}[.)”]$/);
    if (f.field !== undefined) expect(f.field).toMatch(/^[a-z][A-Za-z0-9.]*$/);
  }
}

describe('the referral check: R11 and R16 findings', () => {
  const now = '2026-12-01T10:00:00.000Z';
  it.each([
    [
      'a yes and "manage in school" is refused',
      { ...ALL_NO, coercion: true, decision: 'manage-in-school', reasons: 'x', revisit: true },
      [['R11', 'blocks']],
    ],
    [
      'a yes and "refer" is advised the deadline',
      { ...ALL_NO, coercion: true, decision: 'refer' },
      [['R11', 'advice']],
    ],
    [
      'all no, manage in school, no reasons and not revisited',
      { ...ALL_NO, decision: 'manage-in-school' },
      [
        ['R16', 'needs-reason'],
        ['R16', 'needs-reason'],
      ],
    ],
    [
      'all no, manage in school, reasons but not revisited',
      { ...ALL_NO, decision: 'manage-in-school', reasons: 'Consensual, same age, deleted.' },
      [
        ['R16', 'met'],
        ['R16', 'needs-reason'],
      ],
    ],
    [
      'all no, manage in school, reasons and revisited',
      { ...ALL_NO, decision: 'manage-in-school', reasons: 'Consensual, same age.', revisit: true },
      [['R16', 'met']],
    ],
    ['all no, refer anyway', { ...ALL_NO, decision: 'refer' }, []],
  ])('%s', (_what, body, expected) => {
    const findings = referralCheckFindings(body, facts({ children: [] }), now);
    expectPlainFindings(findings);
    expect(findings.map((f) => [f.rule, f.status])).toEqual(expected);
  });

  it('advises where a "no" contradicts what the case says (a child of 12)', () => {
    const found = referralCheckFindings(
      { ...ALL_NO, decision: 'manage-in-school', reasons: 'r', revisit: true },
      facts(),
      now,
    );
    expect(found).toContainEqual(
      expect.objectContaining({ rule: 'R11', status: 'advice', field: 'under13SexualActs' }),
    );
    const yes = referralCheckFindings(
      { ...ALL_NO, under13SexualActs: true, decision: 'refer' },
      facts(),
      now,
    );
    expect(yes.some((f) => f.field === 'under13SexualActs')).toBe(false);
  });

  it('r16Findings is silent unless the decision is to manage in school', () => {
    expect(r16Findings({ decision: 'refer' })).toEqual([]);
  });
});

describe('parents: R13 and R12', () => {
  it.each([
    ['informed', { informed: true }, []],
    ['not informed, no reasons', { informed: false }, [['R13', 'needs-reason']]],
    ['not informed, blank reasons', { informed: false, reasons: '   ' }, [['R13', 'needs-reason']]],
    [
      'not informed, with reasons',
      { informed: false, reasons: 'Risk of harm at home.' },
      [['R13', 'met']],
    ],
  ])('R13 %s', (_what, body, expected) => {
    expectPlainFindings(r13Findings(body));
    expect(r13Findings(body).map((f) => [f.rule, f.status])).toEqual(expected);
  });

  it.each([
    [
      'adult involved, informed, nobody consulted, no notes',
      [{ kind: 'adult' }],
      { informed: true, consultedFirst: 'no' },
      [['R12', 'needs-reason']],
    ],
    [
      'adult involved, informed, nobody consulted, with notes',
      [{ kind: 'adult' }],
      {
        informed: true,
        consultedFirst: 'no',
        consultedNotes: 'Police unreachable; parent already aware.',
      },
      [['R12', 'met']],
    ],
    [
      'adult involved, informed, police consulted first',
      [{ kind: 'adult' }],
      { informed: true, consultedFirst: 'police' },
      [],
    ],
    [
      'no adult, informed, nobody consulted',
      [{ kind: 'pupil' }],
      { informed: true, consultedFirst: 'no' },
      [],
    ],
    [
      'adult involved, not informed',
      [{ kind: 'staff' }],
      { informed: false, consultedFirst: 'no' },
      [],
    ],
  ])('R12 %s', (_what, others, body, expected) => {
    expectPlainFindings(r12Findings(body, facts({ others })));
    expect(r12Findings(body, facts({ others })).map((f) => [f.rule, f.status])).toEqual(expected);
  });

  it('R12 also applies when the referral check said an adult is involved', () => {
    expect(
      r12Findings(
        { informed: true, consultedFirst: 'no' },
        facts({ referralChecks: [check(3, ['adultInvolved'])] }),
      ),
    ).toHaveLength(1);
  });
});

describe('R17: deletion is never suggested where a police referral exists', () => {
  it.each([
    ['no referral at all', {}, null],
    ['a police referral', { referrals: [ref(3, 'police')] }, R17_EVIDENCE_MESSAGE],
    ['a CEOP report', { referrals: [ref(3, 'ceop')] }, R17_EVIDENCE_MESSAGE],
    ['a CSC referral only', { referrals: [ref(3, 'csc')] }, null],
    ['a same-day referral still due', { referralChecks: [check(3, ['coercion'])] }, 'due'],
    [
      'a due referral cleared by CSC',
      { referralChecks: [check(3, ['coercion'])], referrals: [ref(4, 'csc')] },
      null,
    ],
  ] as const)('%s', (_what, extra, expected) => {
    const f = facts(extra as Partial<CaseFacts>);
    const found = r17Findings(f);
    if (expected === null) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]!.status).toBe('blocks');
      if (expected === 'due') expect(found[0]!.message).toMatch(/due/);
      else expect(found[0]!.message).toBe(expected);
    }
  });

  it('hasPoliceReferral both ways', () => {
    expect(hasPoliceReferral(facts({ referrals: [ref(3, 'lado')] }))).toBe(false);
    expect(hasPoliceReferral(facts({ referrals: [ref(3, 'lado'), ref(4, 'police')] }))).toBe(true);
  });
});

describe('the referral form defaults', () => {
  it.each([
    ['nobody else involved', [], [], {}, []],
    ['an adult pre-selects the police', [{ kind: 'adult' }], [], { agency: 'police' }, ['police']],
    [
      'a member of staff pre-selects the LADO, police suggested too',
      [{ kind: 'staff' }],
      [],
      { agency: 'lado' },
      ['lado', 'police'],
    ],
    [
      'staff, LADO already referred: police next',
      [{ kind: 'staff' }],
      [ref(5, 'lado')],
      { agency: 'police' },
      ['police'],
    ],
    [
      'an adult, police already referred: nothing pre-selected',
      [{ kind: 'adult' }],
      [ref(5, 'police')],
      {},
      [],
    ],
  ] as const)('%s', (_what, others, referrals, pre, suggested) => {
    const d = referralDefaults(facts({ others: [...others], referrals: [...referrals] }));
    expect(d.agency).toBe((pre as { agency?: string }).agency);
    expect(d.suggested).toEqual(suggested);
    expect(d.reasons).toHaveLength(suggested.length);
  });

  it('a due referral with no adult suggests children’s social care (MASH)', () => {
    const d = referralDefaults(facts({ referralChecks: [check(3, ['under13SexualActs'])] }));
    expect(d).toMatchObject({ agency: 'csc', suggested: ['csc'] });
  });
});

describe('closure items', () => {
  const complete = (): CaseFacts =>
    facts({
      initialReviews: ['rev'],
      referralChecks: [check(3, ['under13SexualActs'])],
      referrals: [ref(4, 'police')],
      parentsDecisions: [{ recordId: 'p', caseSeq: 5, childId: CHILD.id, informed: false }],
    });

  it('a complete case meets every item', () => {
    const found = REFERRAL_CLOSURE_CHECKS.map((c) => c(complete()));
    // CLOSE-SEIZURE only applies once a device search suspected an indecent image (R18).
    expect(found.filter((f) => f !== null).map((f) => [f.rule, f.status])).toEqual([
      ['CLOSE-REVIEW', 'met'],
      ['CLOSE-REFERRAL', 'met'],
      ['CLOSE-PARENTS', 'met'],
      ['CLOSE-DELETION', 'met'],
    ]);
  });

  describe('R18: a search that suspected an indecent image', () => {
    const search = (caseSeq: number, suspectedImage: boolean) => ({
      recordId: `s${caseSeq}`,
      caseSeq,
      signedAt: 'x',
      suspectedImage,
    });
    const seizure = (f: CaseFacts) =>
      REFERRAL_CLOSURE_CHECKS.map((c) => c(f)).find((x) => x?.rule === 'CLOSE-SEIZURE');
    const withDevice = (f: CaseFacts, addedSeq: number) => {
      f.records['dev'] = {
        id: 'dev',
        kind: 'device-added',
        caseSeq: addedSeq,
        signerId: 'a',
        signerName: 'A',
        signedAt: 'x',
        hash: 'h',
        correctedBy: [],
        countersignatures: [],
      };
      f.devices = {
        d1: {
          deviceId: 'd1',
          exhibitRef: 'CS-123456-2026-001',
          addedRecordId: 'dev',
          addedAt: 'x',
          addedBy: 'a',
          addedHash: 'h',
          description: 'Phone',
          body: {},
          events: [],
        },
      };
    };
    it.each([
      ['no search at all', () => complete(), undefined],
      [
        'a search that found nothing',
        () => Object.assign(complete(), { deviceSearches: [search(6, false)] }),
        undefined,
      ],
    ])('does not apply: %s', (_w, make, expected) => {
      expect(seizure(make())).toBe(expected);
    });
    it('blocks while no device was added and no police referral followed the search', () => {
      const f = Object.assign(complete(), { deviceSearches: [search(6, true)] });
      expect(seizure(f)).toMatchObject({
        status: 'blocks',
        message: expect.stringMatching(/add the device.*R18/),
      });
    });
    it('is met once a device is added after the search', () => {
      const f = Object.assign(complete(), { deviceSearches: [search(6, true)] });
      withDevice(f, 7);
      expect(seizure(f)).toMatchObject({ status: 'met' });
    });
    it('is not met by a device added before the search', () => {
      const f = Object.assign(complete(), { deviceSearches: [search(6, true)] });
      withDevice(f, 2);
      expect(seizure(f)).toMatchObject({ status: 'blocks' });
    });
    it('is met by a police referral after the search (the police advise about the device)', () => {
      const f = Object.assign(complete(), {
        deviceSearches: [search(6, true)],
        referrals: [ref(4, 'police'), ref(8, 'police')],
      });
      expect(seizure(f)).toMatchObject({ status: 'met' });
    });
  });

  it('an empty case lists every missing item at once', () => {
    const blocking = closureFindings(facts())
      .filter((f) => f.status === 'blocks')
      .map((f) => f.rule);
    expect(blocking).toEqual(
      expect.arrayContaining(['CLOSE-REVIEW', 'CLOSE-REFERRAL', 'CLOSE-PARENTS']),
    );
    expect(blocking).not.toContain('CLOSE-DELETION');
  });

  it.each([
    ['no initial review', (f: CaseFacts) => void (f.initialReviews = []), 'CLOSE-REVIEW'],
    [
      'a referral still due',
      (f: CaseFacts) => void (f.referrals = [ref(2, 'police')]),
      'CLOSE-REFERRAL',
    ],
    [
      'a referral to the LADO only, R11 due',
      (f: CaseFacts) => void (f.referrals = [ref(6, 'lado')]),
      'CLOSE-REFERRAL',
    ],
    [
      '"refer" decided but no referral',
      (f: CaseFacts) =>
        void ((f.referralChecks = [check(3, [], { decision: 'refer' })]), (f.referrals = [])),
      'CLOSE-REFERRAL',
    ],
    [
      'no check and no referral',
      (f: CaseFacts) => void ((f.referralChecks = []), (f.referrals = [])),
      'CLOSE-REFERRAL',
    ],
    [
      'a second child with no parents decision',
      (f: CaseFacts) => void (f.children = [CHILD, CHILD2]),
      'CLOSE-PARENTS',
    ],
    [
      'a deletion instruction not confirmed',
      (f: CaseFacts) =>
        void (
          (f.referrals = [ref(4, 'csc')]),
          (f.deletionInstructions = [
            { recordId: 'd', caseSeq: 6, signedAt: 'x', childId: CHILD.id, deadline: 'y' },
          ])
        ),
      'CLOSE-DELETION',
    ],
  ])('blocks: %s', (_what, mutate, rule) => {
    const f = complete();
    mutate(f);
    const found = REFERRAL_CLOSURE_CHECKS.map((c) => c(f)!).find((x) => x.rule === rule)!;
    expect(found.status).toBe('blocks');
  });

  it.each([
    [
      'all no, managed in school with reasons',
      (f: CaseFacts) =>
        void (
          (f.referralChecks = [check(3, [], { reasons: 'Consensual, same age.' })]),
          (f.referrals = [])
        ),
      'CLOSE-REFERRAL',
    ],
    [
      'a deletion confirmed',
      (f: CaseFacts) =>
        void (f.deletionInstructions = [
          {
            recordId: 'd',
            caseSeq: 6,
            signedAt: 'x',
            childId: CHILD.id,
            deadline: 'y',
            confirmedBy: 'c',
          },
        ]),
      'CLOSE-DELETION',
    ],
    [
      'a deletion overtaken by a later police referral',
      (f: CaseFacts) =>
        void (f.deletionInstructions = [
          { recordId: 'd', caseSeq: 2, signedAt: 'x', childId: CHILD.id, deadline: 'y' },
        ]),
      'CLOSE-DELETION',
    ],
  ])('met: %s', (_what, mutate, rule) => {
    const f = complete();
    mutate(f);
    expect(REFERRAL_CLOSURE_CHECKS.map((c) => c(f)!).find((x) => x.rule === rule)!.status).toBe(
      'met',
    );
  });

  it('counts the children without a parents decision, without naming them', () => {
    const f = complete();
    f.children = [CHILD, CHILD2];
    const found = REFERRAL_CLOSURE_CHECKS.map((c) => c(f)!).find(
      (x) => x.rule === 'CLOSE-PARENTS',
    )!;
    expect(found.message).toContain('1 of 2 children');
    expect(found.message).not.toContain('Ben');
  });
});
