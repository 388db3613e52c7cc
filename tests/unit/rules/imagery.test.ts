// The imagery rules R1–R8, table-driven: every rule met and not met, for a decision to
// view and a decision not to view, at the 'sign' and 'finalise' stages.
import { describe, expect, it } from 'vitest';
import {
  IMAGERY_RULES,
  IMAGERY_RULE_IDS,
  AWAITING_WITNESS,
  evaluateViewingDecision,
  viewingClosureCheck,
  type ImageryRuleId,
} from '../../../src/shared/rules/imagery';
import { blockingFindings, type Finding } from '../../../src/shared/rules/finding';
import { kindDef } from '../../../src/shared/records/registry';
import { emptyFacts, type CaseFacts } from '../../../src/shared/records/facts';
import type { AccountSummary, CheckContext } from '../../../src/shared/records/kindDef';
import type { CopyMadeFact, DelegationFact } from '../../../src/shared/records/imageryFacts';

const DSL: AccountSummary = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Dana Dsl',
  role: 'dsl',
  active: true,
};
const DEPUTY: AccountSummary = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Devi Deputy',
  role: 'deputy',
  active: true,
};
const SLT: AccountSummary = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Sam Senior',
  role: 'slt',
  active: true,
};
const STAFF: AccountSummary = {
  id: '44444444-4444-4444-8444-444444444444',
  name: 'Stef Staff',
  role: 'staff',
  active: true,
};
const GONE: AccountSummary = {
  id: '55555555-5555-4555-8555-555555555555',
  name: 'Gone Away',
  role: 'slt',
  active: false,
};
const ACCOUNTS = [DSL, DEPUTY, SLT, STAFF, GONE];
const RECORD_ID = '99999999-9999-4999-8999-999999999999';

const refOf = (a: AccountSummary) => ({ accountId: a.id, name: a.name });

function facts(extra: Partial<CaseFacts> = {}): CaseFacts {
  return {
    ...emptyFacts('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'),
    children: [{ id: 'c1', name: 'Child A', sex: 'female', send: false }],
    ...extra,
  };
}

function ctx(over: { actor?: AccountSummary; facts?: CaseFacts } = {}): CheckContext {
  return {
    actor: over.actor ?? DSL,
    accounts: ACCOUNTS,
    facts: over.facts ?? facts(),
    now: '2026-11-21T12:00:00.000Z',
  };
}

/** A decision to view that meets every sign-stage rule when the DSL signs it. */
function viewDraft(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    decision: 'view',
    knownAboutImagery: 'The child said a photo of her was shared in a group chat.',
    reason:
      'The child cannot say whether the image shows her face; the police asked the school to confirm before they attend.',
    necessary: true,
    sltConsulted: 'account',
    sltAccount: refOf(SLT),
    sltConsultedAt: '2026-11-21T09:45',
    sltView: 'Agrees viewing is necessary, with a witness.',
    viewer: refOf(DSL),
    witness: refOf(SLT),
    witnessViewed: false,
    onPremises: true,
    room: 'Headteacher’s office',
    sameSex: true,
    viewingStarted: '2026-11-21T10:00',
    viewingEnded: '2026-11-21T10:05',
    whatSeen: 'One photograph of a girl in school uniform, partly undressed.',
    noCopyDeclaration: true,
    subsequentActions: 'Police informed; device kept in the safe.',
    ...over,
  };
}

function notViewDraft(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    decision: 'not-view',
    knownAboutImagery: 'Two pupils describe the same image.',
    reason: 'Their accounts agree; nothing is gained by viewing.',
    ...over,
  };
}

const without = (key: string) => (d: Record<string, unknown>) => {
  const c = { ...d };
  delete c[key];
  return c;
};

const delegationFor = (who: AccountSummary, revoked = false): DelegationFact => ({
  recordId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  delegateId: who.id,
  delegateName: who.name,
  grantedById: SLT.id,
  grantedByName: SLT.name,
  grantedAt: '2026-11-21T09:00:00.000Z',
  revoked,
});
const copy = (adviceMissing: boolean): CopyMadeFact => ({
  recordId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  recordedById: DSL.id,
  recordedAt: '2026-11-21T09:00:00.000Z',
  adviceRecordIds: adviceMissing ? [] : ['x'],
  adviceMissing,
});

function rule(findings: Finding[], id: ImageryRuleId, stage: 'sign' | 'finalise'): Finding[] {
  return findings.filter((f) => f.rule === id && f.stage === stage);
}

interface Case {
  name: string;
  rule: ImageryRuleId;
  stage?: 'sign' | 'finalise';
  draft: Record<string, unknown>;
  actor?: AccountSummary;
  facts?: CaseFacts;
  opts?: { recordId?: string; countersignerId?: string };
  /** The worst status expected for that rule and stage. */
  expect: Finding['status'];
  field?: string;
  /** A fragment of the message. */
  says?: RegExp;
}

const worst = (fs: Finding[]): Finding['status'] | 'none' => {
  for (const s of ['blocks', 'needs-reason', 'advice', 'met'] as const)
    if (fs.some((f) => f.status === s)) return s;
  return 'none';
};

const CASES: Case[] = [
  // R1: the default is not to view
  { name: 'a full decision to view', rule: 'R1', draft: viewDraft(), expect: 'met' },
  {
    name: 'a decision not to view with its reason',
    rule: 'R1',
    draft: notViewDraft(),
    expect: 'met',
    says: /no witness/,
  },
  {
    name: 'no decision chosen',
    rule: 'R1',
    draft: without('decision')(viewDraft()),
    expect: 'blocks',
    field: 'decision',
  },
  {
    name: 'a decision to view without the reason',
    rule: 'R1',
    draft: without('reason')(viewDraft()),
    expect: 'needs-reason',
    field: 'reason',
    says: /good and clear reason/,
  },
  {
    name: 'a decision not to view without the reason',
    rule: 'R1',
    draft: without('reason')(notViewDraft()),
    expect: 'needs-reason',
    field: 'reason',
  },
  {
    name: 'viewing said not to be necessary',
    rule: 'R1',
    draft: viewDraft({ necessary: false }),
    expect: 'blocks',
    field: 'necessary',
  },
  {
    name: 'necessity not answered',
    rule: 'R1',
    draft: without('necessary')(viewDraft()),
    expect: 'blocks',
    field: 'necessary',
  },
  // R2: no copies
  { name: 'the no-copy declaration given', rule: 'R2', draft: viewDraft(), expect: 'met' },
  {
    name: 'the no-copy declaration missing',
    rule: 'R2',
    draft: without('noCopyDeclaration')(viewDraft()),
    expect: 'blocks',
    field: 'noCopyDeclaration',
  },
  {
    name: 'the no-copy declaration unticked',
    rule: 'R2',
    draft: viewDraft({ noCopyDeclaration: false }),
    expect: 'blocks',
    field: 'noCopyDeclaration',
  },
  {
    name: 'no copy recorded on the case',
    rule: 'R2',
    stage: 'finalise',
    draft: viewDraft(),
    expect: 'met',
  },
  {
    name: 'a copy recorded without police advice',
    rule: 'R2',
    stage: 'finalise',
    draft: viewDraft(),
    facts: facts({ copiesMade: [copy(true)] }),
    expect: 'blocks',
    says: /police’s advice/,
  },
  {
    name: 'a copy recorded with police advice',
    rule: 'R2',
    stage: 'finalise',
    draft: viewDraft(),
    facts: facts({ copiesMade: [copy(false)] }),
    expect: 'met',
  },
  {
    name: 'not viewing, with a copy lacking advice: advice only',
    rule: 'R2',
    stage: 'finalise',
    draft: notViewDraft(),
    facts: facts({ copiesMade: [copy(true)] }),
    expect: 'advice',
  },
  // R3: a senior leader consulted
  { name: 'a senior leader account consulted', rule: 'R3', draft: viewDraft(), expect: 'met' },
  {
    name: 'a named senior leader without an account',
    rule: 'R3',
    draft: viewDraft({
      sltConsulted: 'named',
      sltAccount: undefined,
      sltName: 'Pat Governor',
      sltRole: 'Deputy head',
    }),
    expect: 'met',
  },
  {
    name: 'nobody consulted',
    rule: 'R3',
    draft: without('sltConsulted')(viewDraft()),
    expect: 'blocks',
    field: 'sltConsulted',
    says: /senior leadership team/,
  },
  {
    name: 'the account consulted is not a senior leader',
    rule: 'R3',
    draft: viewDraft({ sltAccount: refOf(STAFF) }),
    expect: 'blocks',
    field: 'sltAccount',
  },
  {
    name: 'a deputy DSL chosen as the senior leader consulted is not accepted',
    rule: 'R3',
    draft: viewDraft({ sltAccount: refOf(DEPUTY) }),
    expect: 'blocks',
    field: 'sltAccount',
    says: /not a senior leader/,
  },
  {
    name: 'the DSL chosen as the senior leader consulted (consulting themselves) is not accepted',
    rule: 'R3',
    draft: viewDraft({ sltAccount: refOf(DSL) }),
    expect: 'blocks',
    field: 'sltAccount',
    says: /not a senior leader/,
  },
  {
    name: 'a named senior leader whose name and role are only spaces is not accepted',
    rule: 'R3',
    draft: viewDraft({
      sltConsulted: 'named',
      sltAccount: undefined,
      sltName: '   ',
      sltRole: ' \t ',
    }),
    expect: 'blocks',
    field: 'sltName',
  },
  {
    name: 'the senior leader account is disabled',
    rule: 'R3',
    draft: viewDraft({ sltAccount: refOf(GONE) }),
    expect: 'blocks',
    field: 'sltAccount',
  },
  {
    name: 'a named senior leader without their role',
    rule: 'R3',
    draft: viewDraft({ sltConsulted: 'named', sltAccount: undefined, sltName: 'Pat Governor' }),
    expect: 'blocks',
    field: 'sltRole',
  },
  {
    name: 'the senior leader’s view missing',
    rule: 'R3',
    draft: without('sltView')(viewDraft()),
    expect: 'blocks',
    field: 'sltView',
  },
  { name: 'not viewing: no consultation needed', rule: 'R3', draft: notViewDraft(), expect: 'met' },
  // R4: an authorised viewer, who signs
  { name: 'the DSL views and signs', rule: 'R4', draft: viewDraft(), expect: 'met' },
  {
    name: 'a deputy with an active delegation',
    rule: 'R4',
    draft: viewDraft({ viewer: refOf(DEPUTY) }),
    actor: DEPUTY,
    facts: facts({ delegations: [delegationFor(DEPUTY)] }),
    expect: 'met',
  },
  {
    name: 'a deputy without a delegation',
    rule: 'R4',
    draft: viewDraft({ viewer: refOf(DEPUTY) }),
    actor: DEPUTY,
    expect: 'blocks',
    field: 'viewer',
    says: /delegation of authority/,
  },
  {
    name: 'a deputy whose delegation was revoked',
    rule: 'R4',
    draft: viewDraft({ viewer: refOf(DEPUTY) }),
    actor: DEPUTY,
    facts: facts({ delegations: [delegationFor(DEPUTY, true)] }),
    expect: 'blocks',
    field: 'viewer',
  },
  {
    name: 'a delegation held by someone else',
    rule: 'R4',
    draft: viewDraft({ viewer: refOf(DEPUTY) }),
    actor: DEPUTY,
    facts: facts({ delegations: [delegationFor(STAFF)] }),
    expect: 'blocks',
  },
  {
    name: 'a senior leader as viewer',
    rule: 'R4',
    draft: viewDraft({ viewer: refOf(SLT), witness: refOf(STAFF), witnessNotSltReason: 'x' }),
    actor: SLT,
    expect: 'blocks',
  },
  {
    name: 'a viewer other than the signer',
    rule: 'R4',
    draft: viewDraft({ viewer: refOf(DEPUTY) }),
    expect: 'blocks',
    field: 'viewer',
    says: /viewer must sign/,
  },
  {
    name: 'the viewer not confirmed',
    rule: 'R4',
    draft: without('viewer')(viewDraft()),
    expect: 'blocks',
    field: 'viewer',
  },
  {
    name: 'not viewing: nobody views',
    rule: 'R4',
    draft: notViewDraft(),
    actor: DEPUTY,
    expect: 'met',
  },
  // R5: a witness, who countersigns
  { name: 'a senior leader witness', rule: 'R5', draft: viewDraft(), expect: 'met' },
  {
    name: 'a staff witness with the reason',
    rule: 'R5',
    draft: viewDraft({ witness: refOf(STAFF), witnessNotSltReason: 'The head was off site.' }),
    expect: 'met',
  },
  {
    name: 'a staff witness without the reason',
    rule: 'R5',
    draft: viewDraft({ witness: refOf(STAFF) }),
    expect: 'needs-reason',
    field: 'witnessNotSltReason',
  },
  {
    name: 'no witness',
    rule: 'R5',
    draft: without('witness')(viewDraft()),
    expect: 'blocks',
    field: 'witness',
  },
  {
    name: 'the viewer as their own witness',
    rule: 'R5',
    draft: viewDraft({ witness: refOf(DSL) }),
    expect: 'blocks',
    field: 'witness',
    says: /another person/,
  },
  {
    name: 'a disabled witness',
    rule: 'R5',
    draft: viewDraft({ witness: refOf(GONE) }),
    expect: 'blocks',
    field: 'witness',
  },
  {
    name: 'whether the witness viewed not answered',
    rule: 'R5',
    draft: without('witnessViewed')(viewDraft()),
    expect: 'blocks',
    field: 'witnessViewed',
  },
  {
    name: 'the witness also viewed: advice',
    rule: 'R5',
    draft: viewDraft({ witnessViewed: true }),
    expect: 'advice',
    field: 'witnessViewed',
  },
  {
    name: 'a draft awaits the witness',
    rule: 'R5',
    stage: 'finalise',
    draft: viewDraft(),
    expect: 'blocks',
    says: new RegExp(AWAITING_WITNESS),
  },
  {
    name: 'a signed record the witness countersigned',
    rule: 'R5',
    stage: 'finalise',
    draft: viewDraft(),
    opts: { recordId: RECORD_ID },
    facts: facts({
      records: {
        [RECORD_ID]: {
          id: RECORD_ID,
          kind: 'viewing-decision',
          caseSeq: 3,
          signerId: DSL.id,
          signerName: DSL.name,
          signedAt: '',
          hash: 'h',
          correctedBy: [],
          countersignatures: [
            { recordId: 'cs', accountId: SLT.id, name: SLT.name, purpose: 'witness', signedAt: '' },
          ],
        },
      },
    }),
    expect: 'met',
  },
  {
    name: 'a countersignature by someone other than the witness does not count',
    rule: 'R5',
    stage: 'finalise',
    draft: viewDraft(),
    opts: { recordId: RECORD_ID },
    facts: facts({
      records: {
        [RECORD_ID]: {
          id: RECORD_ID,
          kind: 'viewing-decision',
          caseSeq: 3,
          signerId: DSL.id,
          signerName: DSL.name,
          signedAt: '',
          hash: 'h',
          correctedBy: [],
          countersignatures: [
            {
              recordId: 'cs',
              accountId: STAFF.id,
              name: STAFF.name,
              purpose: 'witness',
              signedAt: '',
            },
          ],
        },
      },
    }),
    expect: 'blocks',
  },
  {
    name: 'the named witness countersigning now',
    rule: 'R5',
    stage: 'finalise',
    draft: viewDraft(),
    opts: { countersignerId: SLT.id },
    expect: 'met',
  },
  {
    name: 'someone else countersigning as witness',
    rule: 'R5',
    stage: 'finalise',
    draft: viewDraft(),
    opts: { countersignerId: STAFF.id },
    expect: 'blocks',
    says: /Only the witness named/,
  },
  {
    name: 'not viewing: final without a witness',
    rule: 'R5',
    stage: 'finalise',
    draft: notViewDraft(),
    expect: 'met',
  },
  // R6: on premises
  { name: 'on premises, room given', rule: 'R6', draft: viewDraft(), expect: 'met' },
  {
    name: 'on premises, no room',
    rule: 'R6',
    draft: without('room')(viewDraft()),
    expect: 'blocks',
    field: 'room',
  },
  {
    name: 'off premises without the reason',
    rule: 'R6',
    draft: viewDraft({ onPremises: false, room: undefined }),
    expect: 'needs-reason',
    field: 'notOnPremisesReason',
  },
  {
    name: 'off premises with the reason',
    rule: 'R6',
    draft: viewDraft({
      onPremises: false,
      room: undefined,
      notOnPremisesReason: 'Police station, at the police’s request.',
    }),
    expect: 'met',
  },
  {
    name: 'off premises with a reason made only of spaces is not accepted',
    rule: 'R6',
    draft: viewDraft({ onPremises: false, room: undefined, notOnPremisesReason: '  \n\t  ' }),
    expect: 'needs-reason',
    field: 'notOnPremisesReason',
  },
  {
    name: 'on premises with a room made only of spaces is not accepted',
    rule: 'R6',
    draft: viewDraft({ room: '     ' }),
    expect: 'blocks',
    field: 'room',
  },
  {
    name: 'premises not answered',
    rule: 'R6',
    draft: without('onPremises')(viewDraft()),
    expect: 'blocks',
    field: 'onPremises',
  },
  // R7: same sex
  { name: 'same sex', rule: 'R7', draft: viewDraft(), expect: 'met' },
  {
    name: 'not the same sex, no reason',
    rule: 'R7',
    draft: viewDraft({ sameSex: false }),
    expect: 'needs-reason',
    field: 'notSameSexReason',
  },
  {
    name: 'not the same sex, with the reason',
    rule: 'R7',
    draft: viewDraft({
      sameSex: false,
      notSameSexReason: 'No female member of the team was in school.',
    }),
    expect: 'met',
  },
  {
    name: 'same sex not answered',
    rule: 'R7',
    draft: without('sameSex')(viewDraft()),
    expect: 'blocks',
    field: 'sameSex',
  },
  {
    name: 'children of different sexes: advice',
    rule: 'R7',
    draft: viewDraft(),
    facts: facts({
      children: [
        { id: 'a', name: 'A', sex: 'female', send: false },
        { id: 'b', name: 'B', sex: 'male', send: false },
      ],
    }),
    expect: 'advice',
  },
  // R8: signed and dated record
  { name: 'a complete record', rule: 'R8', draft: viewDraft(), expect: 'met' },
  {
    name: 'what was seen missing',
    rule: 'R8',
    draft: without('whatSeen')(viewDraft()),
    expect: 'blocks',
    field: 'whatSeen',
  },
  {
    name: 'start missing',
    rule: 'R8',
    draft: without('viewingStarted')(viewDraft()),
    expect: 'blocks',
    field: 'viewingStarted',
  },
  {
    name: 'end missing',
    rule: 'R8',
    draft: without('viewingEnded')(viewDraft()),
    expect: 'blocks',
    field: 'viewingEnded',
  },
  {
    name: 'end before start',
    rule: 'R8',
    draft: viewDraft({ viewingEnded: '2026-11-21T09:59' }),
    expect: 'blocks',
    field: 'viewingEnded',
    says: /end after/,
  },
  {
    name: 'end equal to start',
    rule: 'R8',
    draft: viewDraft({ viewingEnded: '2026-11-21T10:00' }),
    expect: 'blocks',
    field: 'viewingEnded',
  },
  {
    name: 'viewing in the future',
    rule: 'R8',
    draft: viewDraft({ viewingEnded: '2026-11-21T12:30' }),
    expect: 'blocks',
    says: /future/,
  },
  {
    name: 'subsequent actions missing',
    rule: 'R8',
    draft: without('subsequentActions')(viewDraft()),
    expect: 'blocks',
    field: 'subsequentActions',
  },
  {
    name: 'not viewing, what is known recorded',
    rule: 'R8',
    draft: notViewDraft({ subsequentActions: 'Parents informed.' }),
    expect: 'met',
  },
  {
    name: 'not viewing, no subsequent actions: advice',
    rule: 'R8',
    draft: notViewDraft(),
    expect: 'advice',
    field: 'subsequentActions',
  },
  {
    name: 'not viewing, nothing known recorded',
    rule: 'R8',
    draft: without('knownAboutImagery')(notViewDraft()),
    expect: 'blocks',
    field: 'knownAboutImagery',
  },
];

describe('imagery rules as data', () => {
  it('lists R1–R8, each with a title, plain-English text and what it requires', () => {
    expect(IMAGERY_RULES.map((r) => r.id)).toEqual([...IMAGERY_RULE_IDS]);
    for (const r of IMAGERY_RULES) {
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.text.length).toBeGreaterThan(40);
      expect(r.requires.length).toBeGreaterThan(0);
    }
  });
});

describe('evaluateViewingDecision', () => {
  it.each(CASES)('$rule: $name → $expect', (c) => {
    const findings = evaluateViewingDecision(
      c.draft,
      ctx({ ...(c.actor ? { actor: c.actor } : {}), ...(c.facts ? { facts: c.facts } : {}) }),
      c.opts,
    );
    const mine = rule(findings, c.rule, c.stage ?? 'sign');
    expect(worst(mine)).toBe(c.expect);
    if (c.field) expect(mine.find((f) => f.status === c.expect)?.field).toBe(c.field);
    if (c.says)
      expect(
        mine
          .filter((f) => f.status === c.expect)
          .map((f) => f.message)
          .join(' '),
      ).toMatch(c.says);
  });

  it('every finding, in every case above, is a plain sentence that links to a real field of the form', () => {
    const fieldNames = new Set(kindDef('viewing-decision')!.fields.map((f) => f.name));
    for (const c of CASES) {
      const findings = evaluateViewingDecision(
        c.draft,
        ctx({ ...(c.actor ? { actor: c.actor } : {}), ...(c.facts ? { facts: c.facts } : {}) }),
        c.opts,
      );
      for (const f of findings) {
        // A blank or clipped message would leave the person with an empty error summary item.
        expect(f.message, `${c.rule} ${c.name}`).toMatch(/^[A-Z][^]{14,}[.)]$/);
        expect(IMAGERY_RULE_IDS as readonly string[]).toContain(f.rule);
        expect(['sign', 'finalise']).toContain(f.stage);
        // The GOV.UK error summary links each item to its field: it must be one the form shows.
        if (f.field !== undefined) expect(fieldNames, `${c.name}: ${f.field}`).toContain(f.field);
      }
    }
  });

  it.each([
    ['a full decision to view', viewDraft()],
    ['a decision not to view', notViewDraft()],
    ['an empty draft', {}],
  ])('gives a finding for every rule R1–R8: %s', (_n, draft) => {
    const findings = evaluateViewingDecision(draft, ctx());
    for (const id of IMAGERY_RULE_IDS) expect(findings.some((f) => f.rule === id)).toBe(true);
  });

  it('a full decision to view can be signed but not finalised until the witness countersigns', () => {
    const findings = evaluateViewingDecision(viewDraft(), ctx());
    expect(blockingFindings(findings, 'sign')).toEqual([]);
    expect(blockingFindings(findings, 'finalise').map((f) => f.rule)).toEqual(['R5']);
  });

  it('a decision not to view is signable and final at once: nothing blocks either stage', () => {
    const findings = evaluateViewingDecision(notViewDraft(), ctx({ actor: DEPUTY }));
    expect(blockingFindings(findings, 'finalise')).toEqual([]);
  });

  it('an empty decision to view lists every unmet rule', () => {
    const findings = evaluateViewingDecision({ decision: 'view' }, ctx());
    const rules = new Set(blockingFindings(findings, 'sign').map((f) => f.rule));
    expect([...rules].sort()).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
  });

  it('keeps names and case details out of its messages (they travel in errors)', () => {
    const findings = evaluateViewingDecision(
      viewDraft({ witness: refOf(STAFF) }),
      ctx({ facts: facts({ copiesMade: [copy(true)] }) }),
    );
    const all = findings.map((f) => f.message).join(' ');
    for (const name of [DSL.name, SLT.name, STAFF.name, 'Child A', 'Headteacher’s office'])
      expect(all).not.toContain(name);
  });
});

describe('closure check: every viewing decision finalised', () => {
  const vd = (final: boolean) => ({
    recordId: RECORD_ID,
    decision: 'view' as const,
    decidedById: DSL.id,
    signedAt: '',
    viewerId: DSL.id,
    witnessId: SLT.id,
    final,
    awaitingWitness: !final,
  });
  it.each([
    ['no viewing decision', [], null],
    ['all final', [vd(true)], 'met'],
    ['one awaiting its witness', [vd(true), vd(false)], 'blocks'],
  ] as const)('%s', (_n, decisions, status) => {
    const r = viewingClosureCheck(facts({ viewingDecisions: [...decisions] }));
    expect(r?.status ?? null).toBe(status);
  });
});
