// The issue-6 record kinds as data: registered, conditional fields required only when shown, and
// their facts reduced from the effective (corrected) bodies — so a correction can re-open a due item.
import { describe, expect, it } from 'vitest';
import { kindDef, RECORD_KINDS } from '../../../src/shared/records/registry';
import { deriveCaseFacts, type FactsInput } from '../../../src/shared/records/deriveFacts';
import { pruneBody } from '../../../src/shared/records/formSchema';
import type { Envelope } from '../../../src/shared/records/envelope';

const ISSUE6_KINDS = [
  'initial-review',
  'assessment',
  'referral-check',
  'referral',
  'parents',
  'deletion-instruction',
  'deletion-confirmed',
  'device-search',
  'support-offered',
  'outcome',
];
const CASE = '33333333-3333-4333-8333-333333333333';
const CHILD = '11111111-1111-4111-8111-111111111111';
const ACCOUNT = '44444444-4444-4444-8444-444444444444';

function parse(kind: string, body: Record<string, unknown>) {
  const def = kindDef(kind)!;
  return def.schema.safeParse(pruneBody(def.fields, body));
}

let seq = 0;
function env(
  kind: string,
  body: Record<string, unknown>,
  signedAt = '2026-12-01T10:00:00.000Z',
): FactsInput {
  seq += 1;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  const envelope: Envelope = {
    v: 1,
    id,
    caseId: CASE,
    kind,
    seq,
    prev: null,
    caseSeq: seq,
    casePrev: null,
    signedAt,
    signer: { accountId: ACCOUNT, name: 'Q', role: 'dsl', keyId: 'a'.repeat(64) },
    body,
  };
  return { envelope, hash: String(seq).padStart(64, '0') };
}

describe('record kinds', () => {
  it('are all registered, with user forms, correctable, and creatable by the safeguarding team only (device search: SLT too)', () => {
    for (const k of ISSUE6_KINDS) {
      const def = kindDef(k);
      expect(def, k).toBeDefined();
      expect(def!.userForm).toBe(true);
      expect(def!.correctable).toBe(true);
      expect(def!.mayCreate).not.toContain('staff');
    }
    expect(kindDef('device-search')!.mayCreate).toContain('slt');
    expect(new Set(RECORD_KINDS.map((k) => k.kind)).size).toBe(RECORD_KINDS.length);
  });

  it.each([
    [
      'parents informed needs who, when, by whom, how',
      'parents',
      { child: CHILD, informed: true, consultedFirst: 'no' },
      false,
    ],
    [
      'parents informed, complete',
      'parents',
      {
        child: CHILD,
        informed: true,
        who: 'Mother',
        when: '2026-12-01T09:00',
        informedBy: { accountId: ACCOUNT, name: 'Q' },
        how: 'phone',
        consultedFirst: 'no',
      },
      true,
    ],
    [
      'parents not informed, reasons left to R13',
      'parents',
      { child: CHILD, informed: false, consultedFirst: 'police' },
      true,
    ],
    [
      'parents: R12 answer required',
      'parents',
      { child: CHILD, informed: false, reasons: 'r' },
      false,
    ],
    [
      'referral to "other" needs the agency named',
      'referral',
      {
        agency: 'other',
        madeAt: '2026-12-01T10:00',
        method: 'phone',
        contact: 'c',
        shared: 's',
        advice: 'a',
        nextSteps: 'n',
      },
      false,
    ],
    [
      'referral, reference optional',
      'referral',
      {
        agency: 'csc',
        madeAt: '2026-12-01T10:00',
        method: 'phone',
        contact: 'c',
        shared: 's',
        advice: 'a',
        nextSteps: 'n',
      },
      true,
    ],
    [
      'deletion "somewhere else" needs where',
      'deletion-instruction',
      {
        child: CHILD,
        what: 'w',
        where: ['devices', 'other'],
        instructedAt: '2026-12-01T10:00',
        deadline: '2026-12-02T10:00',
        presentOthers: [{ name: 'n', role: 'r' }],
      },
      false,
    ],
    [
      'deletion needs someone present',
      'deletion-instruction',
      {
        child: CHILD,
        what: 'w',
        where: ['devices'],
        instructedAt: '2026-12-01T10:00',
        deadline: '2026-12-02T10:00',
      },
      false,
    ],
    [
      'deletion, complete',
      'deletion-instruction',
      {
        child: CHILD,
        what: 'w',
        where: ['cloud'],
        instructedAt: '2026-12-01T10:00',
        deadline: '2026-12-02T10:00',
        present: [{ accountId: ACCOUNT, name: 'Q' }],
      },
      true,
    ],
    [
      'initial review needs attendees',
      'initial-review',
      { meetingAt: '2026-12-01T09:00', known: 'k', decisions: 'd', reasons: 'r' },
      false,
    ],
    [
      'referral check: every criterion answered',
      'referral-check',
      { adultInvolved: false, decision: 'refer' },
      false,
    ],
    [
      'support "other" needs details',
      'support-offered',
      { child: CHILD, offered: ['other'] },
      false,
    ],
    [
      'outcome "other" needs a description',
      'outcome',
      { policeOutcome: 'other', schoolActions: 's' },
      false,
    ],
    ['outcome, Outcome 21', 'outcome', { policeOutcome: 'outcome-21', schoolActions: 's' }, true],
  ])('%s', (_what, kind, body, ok) => {
    expect(parse(kind, body).success).toBe(ok);
  });

  it('a correction to the clearing referral puts the same-day referral back on the case', () => {
    seq = 0;
    const opened = env('case-opened', {
      title: 't',
      incidentKind: 'nudes',
      categories: ['content'],
      children: [{ id: CHILD, name: 'Ava', dateOfBirth: '2014-05-10', sex: 'female', send: false }],
    });
    const check = env('referral-check', {
      adultInvolved: false,
      coercion: false,
      unusualOrViolent: false,
      under13SexualActs: true,
      immediateRisk: false,
      decision: 'refer',
    });
    const ref = env('referral', {
      agency: 'police',
      madeAt: '2026-12-01T10:30',
      method: 'phone',
      contact: 'c',
      shared: 's',
      advice: 'a',
      nextSteps: 'n',
    });
    const cleared = deriveCaseFacts(CASE, [opened, check, ref]);
    expect(cleared.flags).not.toContain('referral-due');
    expect(cleared.referrals).toEqual([
      expect.objectContaining({ agency: 'police', madeAt: '2026-12-01T10:30:00.000Z' }),
    ]);

    const fix = env('correction', {
      correctsId: ref.envelope.id,
      correctsHash: ref.hash,
      reason: 'It was the LADO, not the police.',
      corrected: { ...ref.envelope.body, agency: 'lado' },
    });
    const reopened = deriveCaseFacts(CASE, [opened, check, ref, fix]);
    expect(reopened.flags).toContain('referral-due');
    expect(reopened.referrals).toEqual([expect.objectContaining({ agency: 'lado' })]);
  });

  it('a confirmation attaches to its instruction; a device search suspecting an image suggests seizure', () => {
    seq = 0;
    const instr = env('deletion-instruction', {
      child: CHILD,
      what: 'w',
      where: ['devices'],
      instructedAt: '2026-12-01T10:00',
      deadline: '2026-12-02T10:00',
      presentOthers: [{ name: 'n', role: 'r' }],
    });
    const conf = env('deletion-confirmed', {
      instruction: instr.envelope.id,
      confirmedBy: 'Ava',
      confirmedAt: '2026-12-02T09:00',
      how: 'h',
    });
    const clean = env('device-search', { suspectedImage: false });
    const before = deriveCaseFacts(CASE, [instr, clean]);
    expect(before.deletionInstructions![0]!.confirmedBy).toBeUndefined();
    expect(before.seizureSuggested).toBeUndefined();
    const after = deriveCaseFacts(CASE, [
      instr,
      clean,
      conf,
      env('device-search', { suspectedImage: true }),
    ]);
    expect(after.deletionInstructions![0]!.confirmedBy).toBe(conf.envelope.id);
    expect(after.deletionInstructions![0]!.deadline).toBe('2026-12-02T10:00:00.000Z');
    expect(after.seizureSuggested).toBe(true);
  });
});
