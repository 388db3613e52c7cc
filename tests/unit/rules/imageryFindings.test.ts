// The imagery rules R1–R8 as the person signing reads them: for whole decisions (to view and not
// to view, by the DSL and by a deputy), the exact list of findings — rule, whether it blocks, at
// which stage, the field it points to and the plain-English message. Each test names the bug it
// catches; a finding that silently changes status or wording changes what the DSL is told to do.
import { describe, expect, it } from 'vitest';
import type { AccountSummary, CheckContext } from '../../../src/shared/records/kindDef';
import { emptyFacts, type CaseFacts, type RecordSummary } from '../../../src/shared/records/facts';
import type { DelegationFact } from '../../../src/shared/records/imageryFacts';
import {
  evaluateViewingDecision,
  imageryRule,
  viewingAuthorityCovered,
  viewingClosureCheck,
} from '../../../src/shared/rules/imagery';
import type { Finding } from '../../../src/shared/rules/finding';

const acc = (id: string, name: string, role: AccountSummary['role']): AccountSummary => ({
  id,
  name,
  role,
  active: true,
});
const DSL = acc('11111111-1111-4111-8111-111111111111', 'Dana Dsl', 'dsl');
const DEPUTY = acc('22222222-2222-4222-8222-222222222222', 'Devi Deputy', 'deputy');
const SLT = acc('33333333-3333-4333-8333-333333333333', 'Sam Senior', 'slt');
const STAFF = acc('44444444-4444-4444-8444-444444444444', 'Stef Staff', 'staff');
const refOf = (a: AccountSummary) => ({ accountId: a.id, name: a.name });
const RECORD = '99999999-9999-4999-8999-999999999999';

function facts(extra: Partial<CaseFacts> = {}): CaseFacts {
  return {
    ...emptyFacts('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'),
    children: [{ id: 'c1', name: 'Child A', sex: 'female', send: false }],
    ...extra,
  };
}
const ctx = (actor: AccountSummary = DSL, f: CaseFacts = facts()): CheckContext => ({
  actor,
  accounts: [DSL, DEPUTY, SLT, STAFF],
  facts: f,
  now: '2026-11-21T12:00:00.000Z',
});

function viewDraft(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    decision: 'view',
    knownAboutImagery: 'The child said a photo of her was shared in a group chat.',
    reason: 'The police asked the school to confirm before they attend.',
    necessary: true,
    sltConsulted: 'account',
    sltAccount: refOf(SLT),
    sltConsultedAt: '2026-11-21T09:45',
    sltView: 'Agrees, with a witness.',
    viewer: refOf(DSL),
    witness: refOf(SLT),
    witnessViewed: false,
    onPremises: true,
    room: 'Headteacher’s office',
    sameSex: true,
    viewingStarted: '2026-11-21T10:00',
    viewingEnded: '2026-11-21T10:05',
    whatSeen: 'One photograph.',
    noCopyDeclaration: true,
    subsequentActions: 'Police informed.',
    ...over,
  };
}

/** Compact: one line per finding, "R5 blocks finalise [witness] message". */
const lines = (fs: Finding[]) =>
  fs.map((f) => `${f.rule} ${f.status} ${f.stage}${f.field ? ` [${f.field}]` : ''} ${f.message}`);
const of = (fs: Finding[], rule: string) => lines(fs.filter((f) => f.rule === rule));

describe('a complete decision to view, by the DSL', () => {
  it('bug: a met rule reported with the wrong words or stage — the whole list is what the DSL reads', () => {
    expect(lines(evaluateViewingDecision(viewDraft(), ctx()))).toMatchInlineSnapshot(`
      [
        "R1 met sign Viewing is recorded as necessary, with the reason.",
        "R2 met sign The viewer declares that nothing was copied, printed, shared, stored or saved.",
        "R2 met finalise No copy of the imagery is recorded on this case.",
        "R3 met sign A named senior leader was consulted before the viewing and their view is recorded.",
        "R4 met sign The viewer is the DSL.",
        "R5 met sign The witness is a senior leader, present in the room.",
        "R5 blocks finalise [witness] Awaiting witness: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.",
        "R6 met sign Viewed on the school premises; the room is recorded.",
        "R7 met sign The viewer is the same sex as the child or children in the imagery.",
        "R8 met sign What was seen (in words), when, who was present and the subsequent actions are recorded; the viewer signs and CaseSeal dates it.",
      ]
    `);
  });

  it('bug: the witness countersignature looked up on another record, or from someone other than the named witness (R5)', () => {
    const record = (purpose: string, accountId: string): RecordSummary =>
      ({
        id: RECORD,
        kind: 'viewing-decision',
        caseSeq: 3,
        signerId: DSL.id,
        signerName: DSL.name,
        signedAt: '2026-11-21T11:00:00.000Z',
        hash: 'h',
        correctedBy: [],
        countersignatures: [{ purpose, accountId }],
      }) as unknown as RecordSummary;
    const withCs = (r: RecordSummary) => ctx(DSL, facts({ records: { [RECORD]: r } }));
    const finalise = (c: CheckContext, recordId?: string) =>
      of(evaluateViewingDecision(viewDraft(), c, { recordId }), 'R5').filter((l) =>
        l.includes('finalise'),
      );
    expect(finalise(withCs(record('witness', SLT.id)), RECORD)).toMatchInlineSnapshot(`
      [
        "R5 met finalise The witness has countersigned with their own passphrase: the decision is final.",
      ]
    `);
    expect(finalise(withCs(record('witness', STAFF.id)), RECORD)).toMatchInlineSnapshot(`
      [
        "R5 blocks finalise [witness] Awaiting witness: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.",
      ]
    `);
    expect(finalise(withCs(record('second-opinion', SLT.id)), RECORD)).toMatchInlineSnapshot(`
      [
        "R5 blocks finalise [witness] Awaiting witness: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.",
      ]
    `);
    expect(finalise(withCs(record('witness', SLT.id)), undefined)).toMatchInlineSnapshot(`
      [
        "R5 blocks finalise [witness] Awaiting witness: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.",
      ]
    `);
    expect(finalise(ctx(), RECORD)).toMatchInlineSnapshot(`
      [
        "R5 blocks finalise [witness] Awaiting witness: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft(), ctx(), { countersignerId: STAFF.id }), 'R5'))
      .toMatchInlineSnapshot(`
      [
        "R5 met sign The witness is a senior leader, present in the room.",
        "R5 blocks finalise [witness] Only the witness named in the record can countersign as witness, with their own passphrase.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft(), ctx(), { countersignerId: SLT.id }), 'R5'))
      .toMatchInlineSnapshot(`
      [
        "R5 met sign The witness is a senior leader, present in the room.",
        "R5 met finalise The named witness is countersigning with their own passphrase.",
      ]
    `);
  });
});

describe('decisions that break the rules', () => {
  it('attack: viewing times in the future, ending before they start, no description, no actions (R8)', () => {
    const future = viewDraft({
      viewingStarted: '2026-11-21T13:00',
      viewingEnded: '2026-11-21T12:30',
    });
    expect(of(evaluateViewingDecision(future, ctx()), 'R8')).toMatchInlineSnapshot(`
      [
        "R8 blocks sign [viewingEnded] Viewing must end after it started. Check both times.",
        "R8 blocks sign [viewingEnded] The viewing times cannot be in the future: this record is signed after the viewing.",
      ]
    `);
    const startFuture = viewDraft({ viewingStarted: '2026-11-21T12:30', viewingEnded: undefined });
    expect(of(evaluateViewingDecision(startFuture, ctx()), 'R8')).toMatchInlineSnapshot(`
      [
        "R8 blocks sign [viewingEnded] Give the date and time viewing ended.",
        "R8 blocks sign [viewingStarted] The viewing times cannot be in the future: this record is signed after the viewing.",
      ]
    `);
    const endFuture = viewDraft({ viewingEnded: '2026-11-21T12:30' });
    expect(of(evaluateViewingDecision(endFuture, ctx()), 'R8')).toMatchInlineSnapshot(`
      [
        "R8 blocks sign [viewingEnded] The viewing times cannot be in the future: this record is signed after the viewing.",
      ]
    `);
    const exactlyNow = viewDraft({
      viewingEnded: '2026-11-21T12:00',
      viewingStarted: '2026-11-21T12:00',
    });
    expect(of(evaluateViewingDecision(exactlyNow, ctx()), 'R8')).toMatchInlineSnapshot(`
      [
        "R8 blocks sign [viewingEnded] Viewing must end after it started. Check both times.",
      ]
    `);
    const empty = viewDraft({
      knownAboutImagery: ' ',
      whatSeen: '',
      subsequentActions: undefined,
      viewingStarted: 'soon',
    });
    expect(of(evaluateViewingDecision(empty, ctx()), 'R8')).toMatchInlineSnapshot(`
      [
        "R8 blocks sign [knownAboutImagery] Record what is known about the imagery from what the child and others said, in words only.",
        "R8 blocks sign [whatSeen] Describe what was seen, in words only.",
        "R8 blocks sign [viewingStarted] Give the date and time viewing started.",
        "R8 blocks sign [subsequentActions] Record the subsequent actions.",
      ]
    `);
  });

  it('attack: R3 — no senior leader chosen, the discussion timed after viewing started, or not timed', () => {
    expect(of(evaluateViewingDecision(viewDraft({ sltAccount: undefined }), ctx()), 'R3'))
      .toMatchInlineSnapshot(`
      [
        "R3 blocks sign [sltAccount] Choose the senior leader you consulted.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft({ sltAccount: 'Sam' }), ctx()), 'R3'))
      .toMatchInlineSnapshot(`
      [
        "R3 blocks sign [sltAccount] Choose the senior leader you consulted.",
      ]
    `);
    expect(
      of(evaluateViewingDecision(viewDraft({ sltConsultedAt: '2026-11-21T10:01' }), ctx()), 'R3'),
    ).toMatchInlineSnapshot(`
      [
        "R3 blocks sign [sltConsultedAt] The senior leader must be consulted before the viewing: the discussion is recorded after viewing started. Check both times.",
      ]
    `);
    expect(
      of(evaluateViewingDecision(viewDraft({ sltConsultedAt: '2026-11-21T10:00' }), ctx()), 'R3'),
    ).toMatchInlineSnapshot(`
      [
        "R3 met sign A named senior leader was consulted before the viewing and their view is recorded.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft({ sltConsultedAt: undefined }), ctx()), 'R3'))
      .toMatchInlineSnapshot(`
      [
        "R3 blocks sign [sltConsultedAt] Give the date and time you discussed the decision with the senior leader.",
      ]
    `);
  });

  it('attack: R5 — a staff witness, a witness who also viewed, no witness, the viewer as witness', () => {
    const staff = viewDraft({
      witness: refOf(STAFF),
      witnessNotSltReason: 'No senior leader on site.',
      witnessViewed: true,
    });
    expect(of(evaluateViewingDecision(staff, ctx()), 'R5')).toMatchInlineSnapshot(`
      [
        "R5 advice sign [witnessViewed] The witness does not need to view. Make sure the reason the witness also viewed is in the record.",
        "R5 met sign The witness is another member of staff, present in the room; the reason they are not a senior leader is recorded.",
        "R5 blocks finalise [witness] Awaiting witness: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft({ witness: undefined }), ctx()), 'R5'))
      .toMatchInlineSnapshot(`
      [
        "R5 blocks sign [witness] Name the witness: another member of staff present in the room, ideally a senior leader.",
        "R5 blocks finalise [witness] Awaiting witness: no witness is named, so this decision cannot be finalised.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft({ witness: refOf(DSL) }), ctx()), 'R5'))
      .toMatchInlineSnapshot(`
      [
        "R5 blocks sign [witness] The witness must be another person, not the viewer.",
        "R5 blocks finalise [witness] Awaiting witness: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.",
      ]
    `);
  });

  it('attack: R1/R2/R6/R7 — viewing not necessary, no reason, no declaration, off premises, sex not recorded', () => {
    const bad = viewDraft({
      necessary: false,
      reason: '  ',
      noCopyDeclaration: false,
      onPremises: false,
      sameSex: undefined,
    });
    const c = ctx(
      DSL,
      facts({ children: [{ id: 'c1', name: 'A', sex: 'not-known', send: false }] }),
    );
    expect(
      lines(
        evaluateViewingDecision(bad, c).filter((f) => ['R1', 'R2', 'R6', 'R7'].includes(f.rule)),
      ),
    ).toMatchInlineSnapshot(`
      [
        "R1 blocks sign [necessary] Imagery is viewed only when it is necessary. If the facts can be established without viewing, record a decision not to view.",
        "R1 needs-reason sign [reason] A decision to view needs a good and clear reason. Write it down.",
        "R2 blocks sign [noCopyDeclaration] Confirm the no-copy declaration: nothing was copied, printed, shared, stored or saved. If a copy was made, record “A copy was made” and contact the police for advice.",
        "R2 met finalise No copy of the imagery is recorded on this case.",
        "R6 needs-reason sign [notOnPremisesReason] Viewing did not take place on the school premises. Give the reason.",
        "R7 blocks sign [sameSex] Say whether the viewer is the same sex as the child or children in the imagery.",
        "R7 advice sign [sameSex] The sex of the children on this case is not recorded. Check it before answering.",
      ]
    `);
    const mixed = ctx(
      DSL,
      facts({
        children: [
          { id: 'c1', name: 'A', sex: 'female', send: false },
          { id: 'c2', name: 'B', sex: 'male', send: false },
        ],
      }),
    );
    expect(of(evaluateViewingDecision(viewDraft(), mixed), 'R7')).toMatchInlineSnapshot(`
      [
        "R7 met sign The viewer is the same sex as the child or children in the imagery.",
        "R7 advice sign [sameSex] The children on this case are recorded as of different sexes. Make sure the answer is about the child or children in the imagery.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft({ sameSex: false }), ctx()), 'R7'))
      .toMatchInlineSnapshot(`
      [
        "R7 needs-reason sign [notSameSexReason] The viewer is not the same sex as the child or children in the imagery. Give the reason.",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft({ necessary: 'maybe' }), ctx()), 'R1'))
      .toMatchInlineSnapshot(`
      [
        "R1 blocks sign [necessary] Say whether viewing is necessary: whether the facts cannot be established from what the children and others have said.",
      ]
    `);
  });

  it('bug: a copy made without the police’s advice not blocking finalising, or miscounted (R2)', () => {
    const copy = (id: string, adviceMissing: boolean) => ({
      recordId: id,
      recordedById: DSL.id,
      recordedAt: '2026-11-21T09:00:00.000Z',
      adviceRecordIds: [],
      adviceMissing,
    });
    const two = ctx(DSL, facts({ copiesMade: [copy('a', true), copy('b', true)] }));
    const one = ctx(DSL, facts({ copiesMade: [copy('a', true), copy('b', false)] }));
    const advised = ctx(DSL, facts({ copiesMade: [copy('b', false)] }));
    expect(of(evaluateViewingDecision(viewDraft(), two), 'R2')).toMatchInlineSnapshot(`
      [
        "R2 met sign The viewer declares that nothing was copied, printed, shared, stored or saved.",
        "R2 blocks finalise A copy of the imagery is recorded on this case (2 copies) and the police’s advice about it is missing. A decision to view cannot be finalised until that advice is recorded (“Police advice about a copy”).",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft(), one), 'R2')).toMatchInlineSnapshot(`
      [
        "R2 met sign The viewer declares that nothing was copied, printed, shared, stored or saved.",
        "R2 blocks finalise A copy of the imagery is recorded on this case (one copy) and the police’s advice about it is missing. A decision to view cannot be finalised until that advice is recorded (“Police advice about a copy”).",
      ]
    `);
    expect(of(evaluateViewingDecision(viewDraft(), advised), 'R2')).toMatchInlineSnapshot(`
      [
        "R2 met sign The viewer declares that nothing was copied, printed, shared, stored or saved.",
        "R2 met finalise The police’s advice is recorded for every copy made.",
      ]
    `);
    expect(
      of(
        evaluateViewingDecision({ decision: 'not-view', reason: 'x', knownAboutImagery: 'y' }, one),
        'R2',
      ),
    ).toMatchInlineSnapshot(`
      [
        "R2 met sign Nothing is to be viewed. Never copy, print, share, store or save imagery.",
        "R2 advice finalise A copy of the imagery is recorded on this case without the police’s advice. Contact the police for advice and record it.",
      ]
    `);
    expect(
      of(
        evaluateViewingDecision(
          { decision: 'not-view', reason: 'x', knownAboutImagery: 'y' },
          advised,
        ),
        'R2',
      ),
    ).toMatchInlineSnapshot(`
      [
        "R2 met sign Nothing is to be viewed. Never copy, print, share, store or save imagery.",
      ]
    `);
  });

  it('a decision not to view: the whole list, with what is missing (R1–R8)', () => {
    expect(
      lines(evaluateViewingDecision({ decision: 'not-view', reason: 'Accounts agree.' }, ctx())),
    ).toMatchInlineSnapshot(`
      [
        "R1 met sign Not viewing is the default. The decision and its reason are recorded; no witness is needed.",
        "R2 met sign Nothing is to be viewed. Never copy, print, share, store or save imagery.",
        "R3 met sign A senior leader needs to be consulted only before a decision to view.",
        "R4 met sign Nobody is to view the imagery.",
        "R5 met sign A decision not to view needs no witness.",
        "R5 met finalise A decision not to view is final when signed.",
        "R6 met sign Nothing is to be viewed.",
        "R7 met sign Nothing is to be viewed.",
        "R8 blocks sign [knownAboutImagery] Record what is known about the imagery from what the child and others said, in words only.",
        "R8 advice sign [subsequentActions] Record any subsequent actions (for example, the next steps agreed).",
      ]
    `);
  });
});

describe('R4: a deputy viewing', () => {
  const delegation = (over: Partial<DelegationFact> = {}): DelegationFact => ({
    recordId: 'del',
    delegateId: DEPUTY.id,
    delegateName: DEPUTY.name,
    grantedById: SLT.id,
    grantedByName: SLT.name,
    grantedAt: '2026-11-21T08:00:00.000Z',
    revoked: false,
    ...over,
  });
  const deputyDraft = (over: Record<string, unknown> = {}) =>
    viewDraft({ viewer: refOf(DEPUTY), ...over });
  const r4 = (d: DelegationFact[], over: Record<string, unknown> = {}) =>
    of(evaluateViewingDecision(deputyDraft(over), ctx(DEPUTY, facts({ delegations: d }))), 'R4');

  it('attack: a deputy with another deputy’s delegation, or none, views', () => {
    expect(r4([delegation({ delegateId: STAFF.id })])).toMatchInlineSnapshot(`
      [
        "R4 blocks sign [viewer] A deputy DSL may view only with a delegation of authority for this case, signed by a senior leader. None is recorded for the viewer: ask a senior leader to sign one.",
      ]
    `);
  });

  it('bug: a deputy without a start time passes R4', () => {
    expect(r4([delegation()], { viewingStarted: undefined })).toMatchInlineSnapshot(`
      [
        "R4 blocks sign [viewingStarted] Give when viewing started: the delegation of authority must have been in force at that moment.",
      ]
    `);
  });

  it('a delegation in force when viewing started meets R4', () => {
    expect(r4([delegation()])).toMatchInlineSnapshot(`
      [
        "R4 met sign A delegation of authority from a senior leader for this case was in force when viewing started.",
      ]
    `);
    expect(
      viewingAuthorityCovered(deputyDraft(), facts({ delegations: [delegation()] }), DEPUTY.id),
    ).toBe(true);
    expect(
      viewingAuthorityCovered(
        deputyDraft({ viewingStarted: 'x' }),
        facts({ delegations: [delegation()] }),
        DEPUTY.id,
      ),
    ).toBe(false);
  });

  it('attack: a delegation signed a minute after viewing started is recorded as viewing without authority, never as covered', () => {
    const late = delegation({ grantedAt: '2026-11-21T10:01:00.000Z' });
    expect(r4([late])).toMatchInlineSnapshot(`
      [
        "R4 needs-reason sign [noAuthorityReason] No delegation of authority was in force when viewing started (21/11/2026 at 10:00). A delegation signed or starting afterwards does not authorise it. This decision will be recorded as a viewing without delegated authority, and every export will show it: say why the viewing happened without authority.",
      ]
    `);
    expect(r4([late], { noAuthorityReason: 'The police were on their way.' }))
      .toMatchInlineSnapshot(`
      [
        "R4 advice sign [noAuthorityReason] Recorded as it happened: no delegation of authority was in force when viewing started (21/11/2026 at 10:00). The case is flagged, and every export shows it.",
      ]
    `);
    expect(viewingAuthorityCovered(deputyDraft(), facts({ delegations: [late] }), DEPUTY.id)).toBe(
      false,
    );
    // Signed within the same minute (the times typed have minutes only): not "afterwards".
    expect(r4([delegation({ grantedAt: '2026-11-21T10:00:59.000Z' })])).toMatchInlineSnapshot(`
      [
        "R4 met sign A delegation of authority from a senior leader for this case was in force when viewing started.",
      ]
    `);
  });

  it('attack: a delegation revoked before the viewing refuses outright', () => {
    expect(
      r4([
        delegation({ revoked: true, revokedAt: '2026-11-21T09:00:00.000Z', revokedById: SLT.id }),
      ]),
    ).toMatchInlineSnapshot(`
      [
        "R4 blocks sign [viewer] The viewer’s delegation of authority was revoked or had ended before viewing started (21/11/2026 at 10:00). A deputy DSL may view only while a delegation is in force.",
      ]
    `);
  });

  it('attack: a member of staff (not DSL or deputy) records themselves as the viewer', () => {
    expect(of(evaluateViewingDecision(viewDraft({ viewer: refOf(STAFF) }), ctx(STAFF)), 'R4'))
      .toMatchInlineSnapshot(`
      [
        "R4 blocks sign [viewer] Only the DSL, or a deputy DSL with delegated authority for this case, may view imagery.",
      ]
    `);
  });
});

describe('the rule texts and the closing item', () => {
  it('each imagery rule is found by its id', () => {
    expect(imageryRule('R5').id).toBe('R5');
    expect(imageryRule('R2').id).toBe('R2');
  });

  it('bug: the closing item for viewing decisions says the wrong thing (R1, R5)', () => {
    const d = (over: Record<string, unknown>) => ({
      recordId: 'vd',
      decision: 'view',
      decidedById: DSL.id,
      signedAt: '2026-11-21T11:00:00.000Z',
      viewerId: DSL.id,
      witnessId: SLT.id,
      final: false,
      awaitingWitness: true,
      ...over,
    });
    expect(
      viewingClosureCheck(
        facts({ viewingDecisions: [d({}), d({ recordId: 'v2' })] } as Partial<CaseFacts>),
      ),
    ).toMatchInlineSnapshot(`
      {
        "message": "2 decision(s) to view imagery are awaiting witness: every viewing decision must be finalised before the case is closed.",
        "rule": "CLOSE-VIEWING",
        "stage": "sign",
        "status": "blocks",
      }
    `);
    expect(
      viewingClosureCheck(
        facts({
          viewingDecisions: [d({ final: true, awaitingWitness: false })],
        } as Partial<CaseFacts>),
      ),
    ).toMatchInlineSnapshot(`
      {
        "message": "Every viewing decision is finalised.",
        "rule": "CLOSE-VIEWING",
        "stage": "sign",
        "status": "met",
      }
    `);
    expect(
      viewingClosureCheck(
        facts({
          imageryReported: true,
          viewingDecisions: [
            d({ withdrawn: { recordId: 'w', byId: DSL.id, at: 'x', reason: 'r' } }),
          ],
        } as Partial<CaseFacts>),
      ),
    ).toMatchInlineSnapshot(`
      {
        "message": "This case involves nude or semi-nude imagery: record the decision about viewing it — not to view (the default) or to view — before the case is closed (R1).",
        "rule": "CLOSE-VIEWING",
        "stage": "sign",
        "status": "blocks",
      }
    `);
  });
});
