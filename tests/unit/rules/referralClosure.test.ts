// The referral items of the closing checklist (R11, R13, R15, R16, R17, R18) as the DSL reads them
// when closing: for each, the case that may close and the cases that may not, with the exact words.
// Each test names the bug it catches: a case closed with a referral, a parent decision, a deletion
// confirmation or a device seizure still owed.
import { describe, expect, it } from 'vitest';
import { emptyFacts, type CaseFacts, type RecordSummary } from '../../../src/shared/records/facts';
import type { ReferralCheckFact, ReferralFact } from '../../../src/shared/records/referralFacts';
import { closureFindings } from '../../../src/shared/rules/closure';

const CHILD = (id: string) => ({ id, name: id, sex: 'female', send: false });
const facts = (extra: Partial<CaseFacts> = {}): CaseFacts => ({
  ...emptyFacts('33333333-3333-4333-8333-333333333333'),
  status: 'open',
  children: [CHILD('c1')],
  ...extra,
});
const item = (f: CaseFacts, rule: string) => {
  const found = closureFindings(f).filter((x) => x.rule === rule);
  return found.map((x) => `${x.status} ${x.stage}: ${x.message}`);
};
const check = (caseSeq: number, extra: Partial<ReferralCheckFact> = {}): ReferralCheckFact => ({
  recordId: `check-${caseSeq}`,
  caseSeq,
  signedAt: '2026-12-01T10:00:00.000Z',
  yes: [],
  decision: 'manage-in-school',
  ...extra,
});
const ref = (caseSeq: number, agency: ReferralFact['agency']): ReferralFact => ({
  recordId: `ref-${caseSeq}`,
  caseSeq,
  signedAt: '2026-12-01T11:00:00.000Z',
  agency,
  madeAt: '2026-12-01T11:00:00.000Z',
});
const parents = (childId: string) => ({
  recordId: `p-${childId}`,
  caseSeq: 5,
  childId,
  informed: true,
});
const deletion = (caseSeq: number, extra: Record<string, unknown> = {}) => ({
  recordId: `del-${caseSeq}`,
  caseSeq,
  signedAt: '2026-12-01T10:00:00.000Z',
  childId: 'c1',
  deadline: '2026-12-02T17:00:00.000Z',
  ...extra,
});
const search = (caseSeq: number, suspectedImage: boolean) => ({
  recordId: `s-${caseSeq}`,
  caseSeq,
  signedAt: '2026-12-01T10:00:00.000Z',
  suspectedImage,
});

describe('CLOSE-REVIEW (R15)', () => {
  it('attack: closing without the initial review meeting', () => {
    expect(item(facts(), 'CLOSE-REVIEW')).toEqual([
      'blocks sign: Record the initial review meeting (R15).',
    ]);
    expect(item(facts({ initialReviews: ['r'] }), 'CLOSE-REVIEW')).toEqual([
      'met sign: The initial review meeting is recorded (R15).',
    ]);
  });
});

describe('CLOSE-REFERRAL (R11, R16)', () => {
  it('attack: closing with no referral decision at all', () => {
    expect(item(facts(), 'CLOSE-REFERRAL')).toMatchInlineSnapshot(`
      [
        "blocks sign: Record the referral decision: the immediate-referral check (R11), then a referral or the reasons for managing the incident in school (R16).",
      ]
    `);
  });
  it('attack: closing "managed in school" without the reasons (R16)', () => {
    expect(item(facts({ referralChecks: [check(2)] }), 'CLOSE-REFERRAL')).toMatchInlineSnapshot(`
      [
        "blocks sign: The referral check records a decision to refer: record the referral.",
      ]
    `);
    expect(
      item(
        facts({
          referralChecks: [
            check(2, { reasons: 'Low risk; parents support.' } as Partial<ReferralCheckFact>),
          ],
        }),
        'CLOSE-REFERRAL',
      ),
    ).toMatchInlineSnapshot(`
      [
        "met sign: The decision to manage the incident in school is recorded with its reasons (R16).",
      ]
    `);
  });
  it('attack: closing when the check said refer and no referral was made (R11)', () => {
    expect(
      item(
        facts({
          referralChecks: [
            check(2, { yes: ['coercion'] as ReferralCheckFact['yes'], decision: 'refer' }),
          ],
        }),
        'CLOSE-REFERRAL',
      ),
    ).toMatchInlineSnapshot(`
      [
        "blocks sign: A same-day referral to the police or children’s social care is still due (R11): record the referral.",
      ]
    `);
    expect(
      item(
        facts({ referralChecks: [check(2, { decision: 'refer' })], referrals: [ref(3, 'csc')] }),
        'CLOSE-REFERRAL',
      ),
    ).toMatchInlineSnapshot(`
      [
        "met sign: A referral is recorded.",
      ]
    `);
  });
});

describe('CLOSE-PARENTS (R13)', () => {
  it('attack: closing with one child’s parents decision missing', () => {
    const two = facts({
      children: [CHILD('c1'), CHILD('c2'), CHILD('c3')],
      parentsDecisions: [parents('c1')],
    });
    expect(item(two, 'CLOSE-PARENTS')).toMatchInlineSnapshot(`
      [
        "blocks sign: Record the decision about informing parents or carers for 2 of 3 children (R13).",
      ]
    `);
    expect(item(facts({ parentsDecisions: [parents('other')] }), 'CLOSE-PARENTS'))
      .toMatchInlineSnapshot(`
      [
        "blocks sign: Record the decision about informing parents or carers for 1 of 1 child (R13).",
      ]
    `);
    expect(item(facts({ parentsDecisions: [parents('c1')] }), 'CLOSE-PARENTS'))
      .toMatchInlineSnapshot(`
      [
        "met sign: The decision about informing parents or carers is recorded for every child (R13).",
      ]
    `);
  });
  it('a case with no child named still needs the decision recorded once', () => {
    expect(item(facts({ children: [] }), 'CLOSE-PARENTS')).toMatchInlineSnapshot(`
      [
        "blocks sign: Record the decision about informing parents or carers (R13).",
      ]
    `);
    expect(item(facts({ children: [], parentsDecisions: [parents('')] }), 'CLOSE-PARENTS'))
      .toMatchInlineSnapshot(`
      [
        "met sign: The decision about informing parents or carers is recorded (R13).",
      ]
    `);
  });
});

describe('CLOSE-DELETION (R17)', () => {
  it('attack: closing while a deletion confirmation is owed; a police referral made before it does not excuse it', () => {
    const f = facts({
      deletionInstructions: [deletion(4), deletion(6), deletion(7, { confirmedBy: 'x' })],
      referrals: [ref(5, 'police'), ref(9, 'csc')],
    });
    expect(item(f, 'CLOSE-DELETION')).toMatchInlineSnapshot(`
      [
        "blocks sign: Record the confirmation of 1 deletion instruction (R17).",
      ]
    `);
    expect(item(facts({ deletionInstructions: [deletion(4), deletion(6)] }), 'CLOSE-DELETION'))
      .toMatchInlineSnapshot(`
      [
        "blocks sign: Record the confirmation of 2 deletion instructions (R17).",
      ]
    `);
    expect(
      item(
        facts({ deletionInstructions: [deletion(4)], referrals: [ref(5, 'ceop')] }),
        'CLOSE-DELETION',
      ),
    ).toMatchInlineSnapshot(`
      [
        "met sign: Every deletion instruction has its confirmation recorded (R17).",
      ]
    `);
    expect(item(facts(), 'CLOSE-DELETION')).toMatchInlineSnapshot(`
      [
        "met sign: No deletion was asked for.",
      ]
    `);
  });
});

describe('CLOSE-SEIZURE (R18)', () => {
  const record = (id: string, caseSeq: number) => ({ id, caseSeq }) as unknown as RecordSummary;
  it('attack: closing after a search suspected an indecent image, with no device or police referral after it', () => {
    expect(item(facts({ deviceSearches: [search(3, false)] }), 'CLOSE-SEIZURE')).toEqual([]);
    expect(item(facts({ deviceSearches: [search(3, true), search(8, true)] }), 'CLOSE-SEIZURE'))
      .toMatchInlineSnapshot(`
      [
        "blocks sign: 2 device searches suspected an indecent image: add the device and follow the seizure checklist, or record the police referral (R18).",
      ]
    `);
    const deviceBefore = facts({
      deviceSearches: [search(3, true)],
      records: { added: record('added', 2) },
      // A device as the facts hold it (its signed description in `body`).
      devices: {
        d: { addedRecordId: 'added', events: [], body: {} },
      } as unknown as CaseFacts['devices'],
      referrals: [ref(2, 'police'), ref(4, 'csc')],
    });
    expect(item(deviceBefore, 'CLOSE-SEIZURE')).toMatchInlineSnapshot(`
      [
        "blocks sign: 1 device search suspected an indecent image: add the device and follow the seizure checklist, or record the police referral (R18).",
      ]
    `);
    const deviceAfter = { ...deviceBefore, records: { added: record('added', 4) } };
    expect(item(deviceAfter, 'CLOSE-SEIZURE')).toMatchInlineSnapshot(`
      [
        "met sign: Every search that suspected an indecent image led to the device-seizure checklist or a police referral (R18).",
      ]
    `);
    const policeAfter = { ...deviceBefore, referrals: [ref(4, 'police')] };
    expect(item(policeAfter, 'CLOSE-SEIZURE')).toMatchInlineSnapshot(`
      [
        "met sign: Every search that suspected an indecent image led to the device-seizure checklist or a police referral (R18).",
      ]
    `);
  });
});
