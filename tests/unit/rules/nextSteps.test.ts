// The next steps the guidance requires on a case (R1, R11, R17) and the sharer hint (R17): each
// test names the bug it catches — a step hidden from the dashboard, a missed deadline not shown red,
// a closed case kept waiting — so mutation testing can tell when the lists are wrong.
import { describe, expect, it } from 'vitest';
import { emptyFacts, type CaseFacts } from '../../../src/shared/records/facts';
import type { ViewingDecisionFact } from '../../../src/shared/records/imageryFacts';
import type { DeletionInstructionFact } from '../../../src/shared/records/referralFacts';
import type { PupilLinkFact } from '../../../src/shared/records/kinds/pupilLink';
import {
  DELETION_DEADLINES_SOURCE,
  IMAGERY_STEPS_SOURCE,
  imagerySteps,
  missedDeletions,
  openDeletions,
  triageRows,
} from '../../../src/shared/rules/nextSteps';
import { sharerAdvice } from '../../../src/shared/rules/pupilRules';

const CASE = '33333333-3333-4333-8333-333333333333';

function facts(extra: Partial<CaseFacts> = {}): CaseFacts {
  return { ...emptyFacts(CASE), status: 'open', ...extra };
}

const imageryCase = (extra: Partial<CaseFacts> = {}): CaseFacts =>
  facts({ imageryReported: true, ...extra } as Partial<CaseFacts>);

function decision(extra: Partial<ViewingDecisionFact> = {}): ViewingDecisionFact {
  return {
    recordId: 'vd-1',
    decision: 'not-view',
    decidedById: 'dsl',
    signedAt: '2026-12-01T10:00:00.000Z',
    viewerId: null,
    witnessId: null,
    final: true,
    awaitingWitness: false,
    ...extra,
  };
}

function deletion(extra: Partial<DeletionInstructionFact> = {}): DeletionInstructionFact {
  return {
    recordId: 'del-1',
    caseSeq: 3,
    signedAt: '2026-12-01T10:00:00.000Z',
    childId: 'child-1',
    deadline: '2026-12-02T17:00:00.000Z',
    ...extra,
  };
}

const referral = (caseSeq: number, agency: 'police' | 'ceop' | 'csc') => ({
  recordId: `ref-${caseSeq}`,
  caseSeq,
  signedAt: '2026-12-01T11:00:00.000Z',
  agency,
  madeAt: '2026-12-01T11:00:00.000Z',
});

const record = (id: string, signedAt: string) => ({
  id,
  kind: 'concern',
  caseSeq: 1,
  signerId: 'dsl',
  signerName: 'D',
  signedAt,
  hash: 'h',
  correctedBy: [],
  countersignatures: [],
});

describe('imagery steps (R11 same day, then R1)', () => {
  it('bug: a case without imagery is given imagery steps — none are listed', () => {
    expect(imagerySteps(facts())).toEqual([]);
  });

  it('bug: an imagery case reported as "nudes" only by its incident kind loses its steps (R1, R11)', () => {
    const steps = imagerySteps(facts({ incidentKind: 'nudes' }));
    expect(steps.map((s) => [s.kind, s.rule, s.done])).toEqual([
      ['referral-check', 'R11', false],
      ['viewing-decision', 'R1', false],
    ]);
    expect(steps[0]!.label).toBe('Immediate referral check (R11, the same day)');
    expect(steps[1]!.label).toContain('not to view (the default)');
  });

  it('bug: the R11 step shown done before any referral check is recorded, or left open after one', () => {
    expect(imagerySteps(imageryCase({ referralChecks: [] }))[0]!.done).toBe(false);
    const checked = imageryCase({
      referralChecks: [
        {
          recordId: 'c',
          caseSeq: 2,
          signedAt: '2026-12-01T10:00:00.000Z',
          yes: [],
          decision: 'manage-in-school',
        },
      ],
    });
    expect(imagerySteps(checked)[0]!.done).toBe(true);
  });

  it('attack: a withdrawn viewing decision counts as the R1 decision, so the case leaves the dashboard', () => {
    const withdrawn = decision({
      withdrawn: { recordId: 'w', byId: 'dsl', at: '2026-12-01T11:00:00.000Z', reason: 'wrong' },
    });
    expect(imagerySteps(imageryCase({ viewingDecisions: [withdrawn] }))[1]!.done).toBe(false);
    expect(
      imagerySteps(
        imageryCase({ viewingDecisions: [withdrawn, decision({ recordId: 'vd-2' })] }),
      )[1]!.done,
    ).toBe(true);
  });
});

describe('open and missed deletion instructions (R17)', () => {
  it('bug: a confirmed or followed-up deletion still shown as open', () => {
    const open = deletion({ recordId: 'open' });
    const confirmed = deletion({ recordId: 'confirmed', confirmedBy: 'x' });
    const followed = deletion({ recordId: 'followed', followedUpBy: 'y' });
    expect(
      openDeletions(facts({ deletionInstructions: [open, confirmed, followed] })).map(
        (d) => d.recordId,
      ),
    ).toEqual(['open']);
  });

  it('the open list carries the record and its deadline (what the dashboard shows red)', () => {
    expect(openDeletions(facts({ deletionInstructions: [deletion()] }))).toEqual([
      { recordId: 'del-1', deadline: '2026-12-02T17:00:00.000Z' },
    ]);
  });

  it('bug: a police referral made BEFORE the instruction silences it; only a later one does (the police then advise)', () => {
    const inst = deletion({ caseSeq: 5 });
    expect(
      openDeletions(facts({ deletionInstructions: [inst], referrals: [referral(4, 'police')] })),
    ).toHaveLength(1);
    expect(
      openDeletions(facts({ deletionInstructions: [inst], referrals: [referral(5, 'police')] })),
    ).toHaveLength(1);
    expect(
      openDeletions(facts({ deletionInstructions: [inst], referrals: [referral(6, 'ceop')] })),
    ).toEqual([]);
  });

  it('bug: a later referral to children’s social care (not the police) silences the deletion deadline', () => {
    const inst = deletion({ caseSeq: 5 });
    expect(
      openDeletions(facts({ deletionInstructions: [inst], referrals: [referral(6, 'csc')] })),
    ).toHaveLength(1);
  });

  it('bug: a deadline not yet passed shown red, or one passed by a second not shown', () => {
    const open = [{ recordId: 'a', deadline: '2026-12-02T17:00:00.000Z' }];
    expect(missedDeletions(open, '2026-12-02T16:59:59.000Z')).toEqual([]);
    expect(missedDeletions(open, '2026-12-02T17:00:00.000Z')).toEqual([]);
    expect(missedDeletions(open, '2026-12-02T17:00:01.000Z')).toEqual(open);
  });
});

describe('the dashboard rows a case projects', () => {
  it('bug: an imagery case with steps missing not kept on the dashboard, since its first record', () => {
    const f = imageryCase({
      records: {
        b: record('b', '2026-12-01T12:00:00.000Z'),
        a: record('a', '2026-12-01T09:00:00.000Z'),
      },
      deletionInstructions: [
        deletion({ recordId: 'late', deadline: '2026-12-05T17:00:00.000Z' }),
        deletion({ recordId: 'soon', deadline: '2026-12-03T17:00:00.000Z' }),
      ],
    });
    const [steps, deletions] = triageRows(f);
    expect(steps).toEqual({
      source: IMAGERY_STEPS_SOURCE,
      since: '2026-12-01T09:00:00.000Z',
      payload: {
        steps: [
          { kind: 'referral-check', label: 'Immediate referral check (R11, the same day)' },
          {
            kind: 'viewing-decision',
            label: 'Decision about viewing imagery: not to view (the default), or to view (R1)',
          },
        ],
      },
    });
    expect(deletions!.source).toBe(DELETION_DEADLINES_SOURCE);
    expect(deletions!.since).toBe('2026-12-03T17:00:00.000Z');
    expect((deletions!.payload as unknown[]).length).toBe(2);
  });

  it('bug: a step already done still listed as waiting', () => {
    const f = imageryCase({ viewingDecisions: [decision()] });
    const [steps] = triageRows(f);
    expect((steps!.payload as { steps: { kind: string }[] }).steps.map((s) => s.kind)).toEqual([
      'referral-check',
    ]);
    expect(steps!.since).toBeNull(); // no record yet to date it from
  });

  it('bug: a closed case kept waiting on the dashboard — both rows are cleared', () => {
    const f = imageryCase({ status: 'closed', deletionInstructions: [deletion()] });
    expect(triageRows(f)).toEqual([
      { source: IMAGERY_STEPS_SOURCE, since: null, payload: null },
      { source: DELETION_DEADLINES_SOURCE, since: null, payload: null },
    ]);
  });

  it('a case with nothing waiting clears both rows (so an old row cannot linger)', () => {
    expect(triageRows(facts())).toEqual([
      { source: IMAGERY_STEPS_SOURCE, since: null, payload: null },
      { source: DELETION_DEADLINES_SOURCE, since: null, payload: null },
    ]);
  });
});

describe('R17 sharer advice', () => {
  const link = (pupilId: string, role: PupilLinkFact['role'], knownAs?: string): PupilLinkFact => ({
    recordId: `link-${pupilId}`,
    pupilId,
    role,
    pupil: { legalName: `Pupil ${pupilId}`, yearGroup: 'Year 9', ...(knownAs ? { knownAs } : {}) },
  });
  const withLinks = (links: PupilLinkFact[]) =>
    facts({
      children: [
        { id: 'c-sharer', name: 'S', sex: 'male', send: false, pupilId: 'p1' },
        { id: 'c-other', name: 'O', sex: 'female', send: false, pupilId: 'p2' },
        { id: 'c-unlinked', name: 'U', sex: 'female', send: false },
      ],
      pupilLinks: links,
    } as Partial<CaseFacts>);

  it('bug: advice shown when no pupil is linked as having shared', () => {
    expect(sharerAdvice(withLinks([link('p2', 'child-concerned')]), 'c-other')).toEqual([]);
  });

  it('bug: advice shown when the chosen child IS the sharer', () => {
    expect(sharerAdvice(withLinks([link('p1', 'shared')]), 'c-sharer')).toEqual([]);
  });

  it('bug: no advice when the deletion names a different young person from the linked sharer', () => {
    const out = sharerAdvice(withLinks([link('p1', 'shared', 'Sam')]), 'c-other');
    expect(out).toEqual([
      {
        rule: 'R17',
        status: 'advice',
        stage: 'sign',
        field: 'child',
        message:
          'Linked to this case as the person who shared: Pupil p1 (Sam). Check you have chosen the right young person.',
      },
    ]);
    // A child with no pupil record is not the sharer either.
    expect(sharerAdvice(withLinks([link('p1', 'shared')]), 'c-unlinked')).toHaveLength(1);
  });

  it('hostile payload: a child id that is not a string gives no advice (the form check refuses it)', () => {
    expect(sharerAdvice(withLinks([link('p1', 'shared')]), 42)).toEqual([]);
  });

  it('every sharer is named, not only the first', () => {
    const out = sharerAdvice(withLinks([link('p1', 'shared'), link('p3', 'shared')]), 'c-other');
    expect(out[0]!.message).toContain('Pupil p1, Pupil p3.');
  });
});
