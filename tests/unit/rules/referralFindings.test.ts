// The referral rules (R11–R17) as the DSL reads them on the forms: the whole finding — rule, whether
// it blocks, at which stage, the field and the words — for each answer that should or should not
// stop a record. Each test names the bug it catches.
import { describe, expect, it } from 'vitest';
import { emptyFacts, type CaseFacts } from '../../../src/shared/records/facts';
import type { ReferralCheckFact, ReferralFact } from '../../../src/shared/records/referralFacts';
import {
  childAgeOn,
  criterionShort,
  r12ConsultedFindings,
  r12Findings,
  r13Findings,
  r16Findings,
  r17Findings,
  referralCheckFindings,
  referralCheckHints,
  referralDeadline,
  referralDefaults,
  referralDueItems,
} from '../../../src/shared/rules/referral';

const NOW = '2026-12-01T10:30:00.000Z';
const facts = (extra: Partial<CaseFacts> = {}): CaseFacts => ({
  ...emptyFacts('33333333-3333-4333-8333-333333333333'),
  status: 'open',
  children: [{ id: 'c1', name: 'Ava', sex: 'female', send: false, dateOfBirth: '2010-05-10' }],
  ...extra,
});
const check = (caseSeq: number, extra: Partial<ReferralCheckFact> = {}): ReferralCheckFact => ({
  recordId: `check-${caseSeq}`,
  caseSeq,
  signedAt: '2026-12-01T10:00:00.000Z',
  yes: ['coercion'],
  decision: 'refer',
  ...extra,
});
const ref = (caseSeq: number, agency: ReferralFact['agency']): ReferralFact => ({
  recordId: `ref-${caseSeq}`,
  caseSeq,
  signedAt: '2026-12-01T11:00:00.000Z',
  agency,
  madeAt: '2026-12-01T11:00:00.000Z',
});
const NO = {
  adultInvolved: false,
  coercion: false,
  unusualOrViolent: false,
  under13SexualActs: false,
  immediateRisk: false,
};
const staffCase = facts({ others: [{ kind: 'staff', name: 'A teacher' }] } as Partial<CaseFacts>);

describe('R11: the immediate-referral check', () => {
  it('attack: a "yes" answered but the incident managed in school; or all "no" and nothing said', () => {
    const f = facts();
    expect(
      referralCheckFindings(
        { ...NO, coercion: true, immediateRisk: true, decision: 'manage-in-school' },
        f,
        NOW,
      ),
    ).toMatchInlineSnapshot(`
      [
        {
          "field": "decision",
          "message": "At least one immediate-referral criterion applies, so a referral to the police and/or children’s social care must be made today. The incident cannot be managed in school alone.",
          "rule": "R11",
          "stage": "sign",
          "status": "blocks",
        },
      ]
    `);
    expect(referralCheckFindings({ ...NO, coercion: true, decision: 'refer' }, f, NOW))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "decision",
          "message": "A referral to the police and/or children’s social care is due today, by the end of the school day (coercion, blackmail, grooming or capacity to consent).",
          "rule": "R11",
          "stage": "sign",
          "status": "advice",
        },
      ]
    `);
    expect(referralCheckFindings({ ...NO, decision: 'manage-in-school' }, f, NOW))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "reasons",
          "message": "No criterion applies and you decided to manage the incident in school: record your reasons (R16).",
          "rule": "R16",
          "stage": "sign",
          "status": "needs-reason",
        },
        {
          "field": "revisit",
          "message": "Confirm that this decision will be revisited if new information emerges (R16).",
          "rule": "R16",
          "stage": "sign",
          "status": "needs-reason",
        },
      ]
    `);
    expect(referralCheckFindings({ coercion: false }, f, NOW)).toMatchInlineSnapshot(`[]`);
  });

  it('bug: the hints that point at a criterion are lost or misworded (staff, SEND, pressure, under 13, acts)', () => {
    const f = facts({
      ...staffCase,
      children: [
        { id: 'c1', name: 'Ava', sex: 'female', send: true, dateOfBirth: '2014-05-10' },
        { id: 'c2', name: 'Ben', sex: 'male', send: false, dateOfBirth: '2015-12-02' },
      ],
      assessments: [
        {
          recordId: 'a',
          caseSeq: 3,
          childId: 'c1',
          pressure: 'coerced',
          actsUnexpectedForAge: 'yes',
        },
      ],
    });
    expect(referralCheckHints(f, NOW)).toMatchInlineSnapshot(`
      [
        {
          "criterion": "adultInvolved",
          "message": "The case details name a member of staff or volunteer: an adult is involved, and the allegation goes to the LADO.",
        },
        {
          "criterion": "coercion",
          "message": "A child on this case has special educational needs or a disability: consider their capacity to consent.",
        },
        {
          "criterion": "coercion",
          "message": "An assessment records that a young person was put under pressure, coerced or blackmailed.",
        },
        {
          "criterion": "under13SexualActs",
          "message": "A child on this case is under 13 (age 12, 10). If the imagery involves sexual acts, this criterion applies.",
        },
        {
          "criterion": "unusualOrViolent",
          "message": "An assessment records acts that would not be expected of a young person of that age.",
        },
      ]
    `);
    const adultOnly = facts({
      others: [{ kind: 'adult' }],
      assessments: [
        { recordId: 'a', caseSeq: 3, childId: 'c1', pressure: 'pressure', anyUnder13: 'yes' },
      ],
    } as Partial<CaseFacts>);
    expect(referralCheckHints(adultOnly, NOW)).toMatchInlineSnapshot(`
      [
        {
          "criterion": "adultInvolved",
          "message": "The case details name an adult involved in the incident.",
        },
        {
          "criterion": "coercion",
          "message": "An assessment records that a young person was put under pressure, coerced or blackmailed.",
        },
        {
          "criterion": "under13SexualActs",
          "message": "An assessment records that someone involved is under 13. If the imagery involves sexual acts, this criterion applies.",
        },
      ]
    `);
    expect(
      referralCheckHints(
        facts({ assessments: [{ recordId: 'a', caseSeq: 3, childId: 'c1', pressure: 'none' }] }),
        NOW,
      ),
    ).toEqual([]);
  });

  it('criteria are shown by their short names; an unknown key by itself', () => {
    expect(criterionShort('coercion')).not.toBe('coercion');
    expect(criterionShort('nope' as never)).toBe('nope');
  });

  it('bug: a school day end that is not HH:mm accepted', () => {
    expect(() => referralDeadline('2026-12-01T10:00:00.000Z', '25:00')).toThrow(
      'schoolDayEnd must be HH:mm',
    );
    expect(() => referralDeadline('2026-12-01T10:00:00.000Z', 'x15:30')).toThrow(
      'schoolDayEnd must be HH:mm',
    );
    expect(() => referralDeadline('2026-12-01T10:00:00.000Z', '15:30x')).toThrow(
      'schoolDayEnd must be HH:mm',
    );
    expect(() => referralDeadline('2026-12-01T10:00:00.000Z', '29:30')).toThrow(
      'schoolDayEnd must be HH:mm',
    );
  });

  it('bug: a child is counted a year older the day before their birthday; a malformed date gives an age', () => {
    expect(childAgeOn('2013-12-02', NOW)).toBe(12);
    expect(childAgeOn('2013-12-01', NOW)).toBe(13);
    expect(childAgeOn('2013-11-30', NOW)).toBe(13);
    expect(childAgeOn('x2013-12-01', NOW)).toBeNull();
    expect(childAgeOn('2013-12-01x', NOW)).toBeNull();
  });

  it('bug: the due items listed out of order, or a referral made before the check clearing it', () => {
    const f = facts({
      referralChecks: [check(7), check(5), check(3)],
      referrals: [ref(4, 'police')],
    });
    expect(referralDueItems(f, '15:30', NOW).map((d) => d.checkRecordId)).toEqual([
      'check-5',
      'check-7',
    ]);
    const same = facts({ referralChecks: [check(5)], referrals: [ref(5, 'police')] });
    expect(referralDueItems(same, '15:30', NOW)).toHaveLength(1);
  });
});

describe('R12, R13, R16, R17 on the forms', () => {
  it('attack: managing in school with no reasons, or with spaces only (R16)', () => {
    expect(r16Findings({ decision: 'manage-in-school', reasons: '   ' })).toMatchInlineSnapshot(`
      [
        {
          "field": "reasons",
          "message": "No criterion applies and you decided to manage the incident in school: record your reasons (R16).",
          "rule": "R16",
          "stage": "sign",
          "status": "needs-reason",
        },
        {
          "field": "revisit",
          "message": "Confirm that this decision will be revisited if new information emerges (R16).",
          "rule": "R16",
          "stage": "sign",
          "status": "needs-reason",
        },
      ]
    `);
    expect(r16Findings({ decision: 'manage-in-school', reasons: 'Low risk.' }))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "reasons",
          "message": "The reasons for managing the incident in school are recorded.",
          "rule": "R16",
          "stage": "sign",
          "status": "met",
        },
        {
          "field": "revisit",
          "message": "Confirm that this decision will be revisited if new information emerges (R16).",
          "rule": "R16",
          "stage": "sign",
          "status": "needs-reason",
        },
      ]
    `);
    expect(r16Findings({ decision: 'refer' })).toEqual([]);
  });

  it('attack: parents not informed with no reason recorded (R13)', () => {
    expect(r13Findings({ informed: false, reasons: ' ' })).toMatchInlineSnapshot(`
      [
        {
          "field": "reasons",
          "message": "Parents or carers are informed unless that would put the child at risk: record the reasons for not informing them (R13).",
          "rule": "R13",
          "stage": "sign",
          "status": "needs-reason",
        },
      ]
    `);
    expect(r13Findings({ informed: false, reasons: 'Informing would put the child at risk.' }))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "reasons",
          "message": "The reasons for not informing the parents or carers are recorded.",
          "rule": "R13",
          "stage": "sign",
          "status": "met",
        },
      ]
    `);
    expect(r13Findings({ informed: true })).toEqual([]);
  });

  it('attack: parents informed before the police or social care were consulted, when an adult is involved (R12)', () => {
    expect(r12Findings({ informed: true, consultedFirst: 'no', consultedNotes: ' ' }, staffCase))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "consultedNotes",
          "message": "An adult is involved and may destroy evidence: the police and social care should be consulted before the family is told (R12). Record why they were not.",
          "rule": "R12",
          "stage": "sign",
          "status": "needs-reason",
        },
      ]
    `);
    expect(
      r12Findings(
        { informed: true, consultedFirst: 'no', consultedNotes: 'Police could not be reached.' },
        staffCase,
      ),
    ).toMatchInlineSnapshot(`
      [
        {
          "field": "consultedNotes",
          "message": "The reason the police and social care were not consulted first is recorded.",
          "rule": "R12",
          "stage": "sign",
          "status": "met",
        },
      ]
    `);
    expect(
      r12Findings(
        { informed: true, consultedFirst: 'no' },
        facts({ referralChecks: [check(2, { yes: ['adultInvolved'] })] }),
      ),
    ).toHaveLength(1);
    expect(r12Findings({ informed: true, consultedFirst: 'no' }, facts())).toEqual([]);
  });

  it('attack: claiming the police were consulted first while pointing at a social-care referral, or at none (R12)', () => {
    const f = facts({ referrals: [ref(3, 'csc'), ref(4, 'ceop')] });
    expect(r12ConsultedFindings({ consultedFirst: 'police', consultedRecord: 'ref-3' }, f))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "consultedRecord",
          "message": "Choose a referral on this case to the police or social care, as your answer says. The referral chosen is not one.",
          "rule": "R12",
          "stage": "sign",
          "status": "blocks",
        },
      ]
    `);
    expect(r12ConsultedFindings({ consultedFirst: 'police', consultedRecord: 'ref-4' }, f))
      .toMatchInlineSnapshot(`
      [
        {
          "field": "consultedRecord",
          "message": "The consultation before the family is tied to the referral that records it.",
          "rule": "R12",
          "stage": "sign",
          "status": "met",
        },
      ]
    `);
    expect(r12ConsultedFindings({ consultedFirst: 'police' }, f)).toMatchInlineSnapshot(`
      [
        {
          "field": "consultedRecord",
          "message": "Choose the referral that records this contact; otherwise this answer will be shown as your own statement.",
          "rule": "R12",
          "stage": "sign",
          "status": "advice",
        },
      ]
    `);
    expect(r12ConsultedFindings({ consultedFirst: 'police' }, facts())).toMatchInlineSnapshot(`
      [
        {
          "field": "consultedRecord",
          "message": "No referral to the police or social care is recorded on this case, so this answer will be shown as your own statement, not as a recorded contact. Record the referral to support it.",
          "rule": "R12",
          "stage": "sign",
          "status": "advice",
        },
      ]
    `);
    expect(r12ConsultedFindings({ consultedFirst: 'no' }, f)).toEqual([]);
    expect(r12ConsultedFindings({ consultedFirst: 42 }, f)).toEqual([]);
  });

  it('attack: asking for deletion when the imagery is police evidence, or a same-day referral is still due (R17)', () => {
    expect(r17Findings(facts({ referrals: [ref(3, 'police')] }))).toMatchInlineSnapshot(`
      [
        {
          "message": "A police referral exists on this case, so the imagery is evidence: nobody may be asked to delete it. Ask the police for advice instead (R17).",
          "rule": "R17",
          "stage": "sign",
          "status": "blocks",
        },
      ]
    `);
    expect(r17Findings(facts({ referralChecks: [check(2)] }))).toMatchInlineSnapshot(`
      [
        {
          "message": "A same-day referral to the police or children’s social care is due on this case: do not ask for deletion until they have advised (R11, R17).",
          "rule": "R17",
          "stage": "sign",
          "status": "blocks",
        },
      ]
    `);
    expect(r17Findings(facts({ referralChecks: [check(2)], referrals: [ref(3, 'csc')] }))).toEqual(
      [],
    );
  });
});

describe('the referral form’s defaults', () => {
  it('bug: an allegation about staff not pointed at the LADO and the police; an agency already referred to suggested again', () => {
    expect(referralDefaults(staffCase)).toMatchInlineSnapshot(`
      {
        "agency": "lado",
        "reasons": [
          "An allegation about a member of staff or volunteer goes to the LADO.",
          "An adult is involved: refer to the police (R11).",
        ],
        "suggested": [
          "lado",
          "police",
        ],
      }
    `);
    expect(referralDefaults({ ...staffCase, referrals: [ref(3, 'lado')] })).toMatchInlineSnapshot(`
      {
        "agency": "police",
        "reasons": [
          "An adult is involved: refer to the police (R11).",
        ],
        "suggested": [
          "police",
        ],
      }
    `);
    expect(referralDefaults(facts({ referralChecks: [check(2)] }))).toMatchInlineSnapshot(`
      {
        "agency": "csc",
        "reasons": [
          "A same-day referral is due: refer to children’s social care through the MASH, and/or the police (R11).",
        ],
        "suggested": [
          "csc",
        ],
      }
    `);
    expect(referralDefaults(facts())).toEqual({ suggested: [], reasons: [] });
  });
});
