// The rules checked at the right moment, through the real record kinds and the facts they reduce
// to: R4 authority covering the viewing's start, R3 discussion before viewing, R1 a decision on
// every imagery case, R12 claims tied to a record, R17 the person who shared, and R14's questions.
// Dates are in December: UK time equals UTC, so "08:30" below is 08:30Z.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kindDef } from '../../../src/shared/records/registry';
import { deriveCaseFacts } from '../../../src/shared/records/deriveFacts';
import type { Envelope } from '../../../src/shared/records/envelope';
import type { CaseFacts } from '../../../src/shared/records/facts';
import type { AccountSummary, CheckContext } from '../../../src/shared/records/kindDef';
import type { Role } from '../../../src/shared/roles';
import { VIEWED_WITHOUT_AUTHORITY_FLAG } from '../../../src/shared/records/imageryFacts';
import { blockingFindings, type Finding } from '../../../src/shared/rules/finding';
import { closureFindings } from '../../../src/shared/rules/closure';

const CASE = randomUUID();
const CHILD = randomUUID();
const person = (name: string, role: Role) => ({ accountId: randomUUID(), name, role });
const people = {
  dsl: person('Dana Dsl', 'dsl'),
  deputy: person('Devi Deputy', 'deputy'),
  slt: person('Sam Senior', 'slt'),
  staff: person('Stef Staff', 'staff'),
};
const ref = (p: { accountId: string; name: string }) => ({ accountId: p.accountId, name: p.name });
const summary = (p: (typeof people)[keyof typeof people]): AccountSummary => ({
  id: p.accountId,
  name: p.name,
  role: p.role,
  active: true,
});
const ACCOUNTS = Object.values(people).map(summary);

let seq = 0;
function env(
  kind: string,
  by: (typeof people)[keyof typeof people],
  signedAt: string,
  body: Record<string, unknown>,
): { envelope: Envelope; hash: string } {
  seq += 1;
  return {
    envelope: {
      v: 1,
      id: randomUUID(),
      caseId: CASE,
      kind,
      seq,
      prev: null,
      caseSeq: seq,
      casePrev: null,
      signedAt,
      signer: { ...by, keyId: 'a'.repeat(64) },
      body,
    },
    hash: seq.toString(16).padStart(64, '0'),
  };
}

const opened = () =>
  env('case-opened', people.dsl, '2026-12-01T07:00:00.000Z', {
    title: 'Image shared in Year 9 group chat',
    incidentKind: 'nudes',
    categories: ['conduct'],
    children: [{ id: CHILD, name: 'Ava', yearGroup: 'Year 9', sex: 'female', send: false }],
    others: [{ name: 'Year 11 boy', kind: 'pupil' }],
  });

const delegation = (signedAt: string, body: Record<string, unknown> = {}) =>
  env('delegation', people.slt, signedAt, {
    delegate: ref(people.deputy),
    authority: true,
    reason: 'Trained and knows the family.',
    ...body,
  });

/** A deputy's decision to view, viewed 08:30–08:35, the senior leader consulted at 08:15. */
function viewBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    decision: 'view',
    knownAboutImagery: 'Ava said a photo of her was shared in the group chat.',
    reason: 'The police asked the school to confirm who is shown.',
    necessary: true,
    sltConsulted: 'account',
    sltAccount: ref(people.slt),
    sltConsultedAt: '2026-12-01T08:15',
    sltView: 'Agrees, with a witness.',
    viewer: ref(people.deputy),
    witness: ref(people.slt),
    witnessViewed: false,
    onPremises: true,
    room: 'SLT office',
    sameSex: true,
    viewingStarted: '2026-12-01T08:30',
    viewingEnded: '2026-12-01T08:35',
    whatSeen: 'One photograph of a girl in school uniform.',
    noCopyDeclaration: true,
    subsequentActions: 'Police told; phone in the safe.',
    ...over,
  };
}

function ctx(facts: CaseFacts, actor: AccountSummary, now: string): CheckContext {
  return { actor, accounts: ACCOUNTS, facts, now };
}

const facts = (...records: Array<{ envelope: Envelope; hash: string }>) =>
  deriveCaseFacts(CASE, records);

function check(kind: string, body: Record<string, unknown>, c: CheckContext): Finding[] {
  return kindDef(kind)!.check!(body, c);
}

const ruleOf = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);

describe('R4: the authority must cover the moment the viewing started', () => {
  const viewerCtx = (f: CaseFacts) => ctx(f, summary(people.deputy), '2026-12-01T10:00:00.000Z');

  it('a deputy who viewed at 08:30 cannot be made compliant by a delegation signed at 09:30 (R4)', () => {
    const f = facts(
      opened(),
      delegation('2026-12-01T09:30:00.000Z', { startsAt: '2026-12-01T09:30' }),
    );
    const r4 = ruleOf(check('viewing-decision', viewBody(), viewerCtx(f)), 'R4');
    expect(r4).toHaveLength(1);
    expect(r4[0]).toMatchObject({ status: 'needs-reason', field: 'noAuthorityReason' });
    expect(r4[0]!.message).toMatch(/No delegation of authority was in force/);
    // With the reason written, it is recorded as it happened: never "met".
    const withReason = viewBody({
      noAuthorityReason: 'The DSL was off site; the police needed it.',
    });
    const after = ruleOf(check('viewing-decision', withReason, viewerCtx(f)), 'R4');
    expect(after.map((x) => x.status)).toEqual(['advice']);
    // The signed decision flags the case: every export shows the flag.
    const signed = env('viewing-decision', people.deputy, '2026-12-01T10:00:00.000Z', withReason);
    const g = facts(
      opened(),
      delegation('2026-12-01T09:30:00.000Z', { startsAt: '2026-12-01T09:30' }),
      signed,
    );
    expect(g.flags).toContain(VIEWED_WITHOUT_AUTHORITY_FLAG);
    expect(g.viewingDecisions!.at(-1)).toMatchObject({ authorityCovered: false });
  });

  it('a senior leader who signs at 09:30 a delegation “starting” at 08:00 does not authorise a viewing at 08:30 (R4)', () => {
    const grant = delegation('2026-12-01T09:30:00.000Z', { startsAt: '2026-12-01T08:00' });
    // Refused at signing: the start is before the signature…
    const sign = check(
      'delegation',
      grant.envelope.body,
      ctx(facts(opened()), summary(people.slt), '2026-12-01T09:30:00.000Z'),
    );
    expect(blockingFindings(sign, 'sign').map((x) => x.field)).toEqual(['startsAt']);
    // …and even as a crafted signed record, its authority starts at its signature.
    const f = facts(opened(), grant);
    expect(f.delegations![0]!.startsAt).toBe('2026-12-01T09:30:00.000Z');
    const r4 = ruleOf(check('viewing-decision', viewBody(), viewerCtx(f)), 'R4');
    expect(r4[0]!.status).toBe('needs-reason');
  });

  it('a delegation window that ended at 08:20 does not cover a viewing that started at 08:30 (R4)', () => {
    const f = facts(
      opened(),
      delegation('2026-12-01T07:55:00.000Z', {
        startsAt: '2026-12-01T08:00',
        endsAt: '2026-12-01T08:20',
      }),
    );
    const r4 = ruleOf(check('viewing-decision', viewBody(), viewerCtx(f)), 'R4');
    expect(r4).toEqual([expect.objectContaining({ status: 'blocks', field: 'viewer' })]);
  });

  it('a delegation signed at 08:00 but starting at 10:00 does not cover a viewing at 08:30 (R4)', () => {
    const f = facts(
      opened(),
      delegation('2026-12-01T08:00:00.000Z', { startsAt: '2026-12-01T10:00' }),
    );
    const r4 = ruleOf(check('viewing-decision', viewBody(), viewerCtx(f)), 'R4');
    expect(r4[0]).toMatchObject({ status: 'needs-reason', field: 'noAuthorityReason' });
  });

  it('a delegation in force at 08:30 covers the viewing, even if revoked afterwards (R4)', () => {
    const grant = delegation('2026-12-01T08:00:00.000Z', { startsAt: '2026-12-01T08:00' });
    const revoke = env('delegation-revoked', people.dsl, '2026-12-01T09:00:00.000Z', {
      delegation: grant.envelope.id,
      reason: 'Done.',
    });
    const f = facts(opened(), grant, revoke);
    const r4 = ruleOf(check('viewing-decision', viewBody(), viewerCtx(f)), 'R4');
    expect(r4).toEqual([expect.objectContaining({ status: 'met' })]);
    const signed = env('viewing-decision', people.deputy, '2026-12-01T10:00:00.000Z', viewBody());
    const g = facts(opened(), grant, revoke, signed);
    expect(g.flags).not.toContain(VIEWED_WITHOUT_AUTHORITY_FLAG);
  });

  it('a delegation revoked at 08:10 refuses a viewing at 08:30 outright, with no reason to write (R4)', () => {
    const grant = delegation('2026-12-01T08:00:00.000Z', { startsAt: '2026-12-01T08:00' });
    const revoke = env('delegation-revoked', people.dsl, '2026-12-01T08:10:00.000Z', {
      delegation: grant.envelope.id,
      reason: 'On leave.',
    });
    const f = facts(opened(), grant, revoke);
    const body = viewBody({ noAuthorityReason: 'Trying to get it recorded anyway.' });
    const r4 = ruleOf(check('viewing-decision', body, viewerCtx(f)), 'R4');
    expect(r4).toEqual([expect.objectContaining({ status: 'blocks' })]);
  });

  it('a new delegation must name its start, and an end after it (R4)', () => {
    const c = ctx(facts(opened()), summary(people.slt), '2026-12-01T09:00:00.000Z');
    const base = { delegate: ref(people.deputy), authority: true, reason: 'r' };
    expect(blockingFindings(check('delegation', base, c), 'sign').map((x) => x.field)).toEqual([
      'startsAt',
    ]);
    const backwards = { ...base, startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T08:59' };
    expect(blockingFindings(check('delegation', backwards, c), 'sign').map((x) => x.field)).toEqual(
      ['endsAt'],
    );
    const good = { ...base, startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T17:00' };
    expect(blockingFindings(check('delegation', good, c), 'sign')).toEqual([]);
  });
});

describe('R3: the senior leader is consulted before the viewing', () => {
  const dslCtx = (f: CaseFacts) => ctx(f, summary(people.dsl), '2026-12-01T10:00:00.000Z');
  const dslView = (over: Record<string, unknown>) => viewBody({ viewer: ref(people.dsl), ...over });

  it('a viewer cannot record the senior leader consulted at 08:40, after viewing started at 08:30 (R3)', () => {
    const r3 = ruleOf(
      check(
        'viewing-decision',
        dslView({ sltConsultedAt: '2026-12-01T08:40' }),
        dslCtx(facts(opened())),
      ),
      'R3',
    );
    expect(r3).toEqual([expect.objectContaining({ status: 'blocks', field: 'sltConsultedAt' })]);
  });

  it('a viewer cannot leave out when the senior leader was consulted (R3)', () => {
    const body = dslView({});
    delete body.sltConsultedAt;
    const r3 = ruleOf(check('viewing-decision', body, dslCtx(facts(opened()))), 'R3');
    expect(r3).toEqual([expect.objectContaining({ status: 'blocks', field: 'sltConsultedAt' })]);
  });

  it('a discussion at 08:15 before a viewing at 08:30 meets R3', () => {
    const r3 = ruleOf(check('viewing-decision', dslView({}), dslCtx(facts(opened()))), 'R3');
    expect(r3.map((x) => x.status)).toEqual(['met']);
  });

  it('a decision not to view needs no discussion time (R3)', () => {
    const r3 = ruleOf(
      check(
        'viewing-decision',
        { decision: 'not-view', knownAboutImagery: 'k', reason: 'r' },
        dslCtx(facts(opened())),
      ),
      'R3',
    );
    expect(r3.map((x) => x.status)).toEqual(['met']);
  });
});

describe('R1: every imagery case records a viewing decision before it closes', () => {
  const viewing = (f: CaseFacts) => closureFindings(f).filter((x) => x.rule === 'CLOSE-VIEWING');

  it('a DSL cannot close an imagery case that has no viewing decision at all (R1)', () => {
    const concern = env('concern', people.staff, '2026-12-01T07:30:00.000Z', {
      childrenConcerned: 'Ava',
      account: 'Ava said a photo was shared.',
      when: '2026-12-01T07:00',
      where: 'Library',
      involved: 'Ava',
      actionTaken: 'Came to the DSL.',
      imagery: true,
    });
    const f = facts(concern);
    expect(viewing(f)).toEqual([expect.objectContaining({ status: 'blocks' })]);
    expect(viewing(f)[0]!.message).toMatch(/R1/);
  });

  it('a decision not to view is enough to meet it (R1)', () => {
    const notView = env('viewing-decision', people.dsl, '2026-12-01T09:00:00.000Z', {
      decision: 'not-view',
      knownAboutImagery: 'Described by Ava.',
      reason: 'Nothing gained by viewing.',
    });
    expect(viewing(facts(opened(), notView))).toEqual([expect.objectContaining({ status: 'met' })]);
  });

  it('a case with no imagery needs no viewing decision (R1)', () => {
    const other = env('case-opened', people.dsl, '2026-12-01T07:00:00.000Z', {
      ...opened().envelope.body,
      incidentKind: 'bullying',
    });
    expect(viewing(facts(other))).toEqual([]);
  });
});

describe('R12: a claim that the police were consulted is tied to a record', () => {
  const parentsBody = (over: Record<string, unknown> = {}) => ({
    child: CHILD,
    informed: true,
    who: 'Mother',
    when: '2026-12-01T09:00',
    informedBy: ref(people.dsl),
    how: 'phone',
    consultedFirst: 'police',
    ...over,
  });
  const dslCtx = (f: CaseFacts) => ctx(f, summary(people.dsl), '2026-12-01T10:00:00.000Z');
  const referralTo = (agency: string) =>
    env('referral', people.dsl, '2026-12-01T08:45:00.000Z', {
      agency,
      madeAt: '2026-12-01T08:40',
      method: 'phone',
      contact: 'PC Smith',
      shared: 'Described in words.',
      advice: 'Secure the phone.',
      nextSteps: 'Police to visit.',
    });

  it('a DSL claiming the police were consulted first, with no police contact recorded, is shown as making a statement (R12)', () => {
    const r12 = ruleOf(check('parents', parentsBody(), dslCtx(facts(opened()))), 'R12');
    expect(r12).toEqual([expect.objectContaining({ status: 'advice', field: 'consultedRecord' })]);
    expect(r12[0]!.message).toMatch(/your own statement/);
    expect(kindDef('parents')!.summary(parentsBody())).toMatch(/the DSL’s statement/);
  });

  it('a DSL cannot support “the police were consulted” with a referral to social care (R12)', () => {
    const csc = referralTo('csc');
    const f = facts(opened(), csc);
    const r12 = ruleOf(
      check('parents', parentsBody({ consultedRecord: csc.envelope.id }), dslCtx(f)),
      'R12',
    );
    expect(r12).toEqual([expect.objectContaining({ status: 'blocks', field: 'consultedRecord' })]);
  });

  it('a police referral on the case supports the claim (R12)', () => {
    const police = referralTo('police');
    const f = facts(opened(), police);
    const body = parentsBody({ consultedRecord: police.envelope.id });
    expect(ruleOf(check('parents', body, dslCtx(f)), 'R12').map((x) => x.status)).toEqual(['met']);
    expect(kindDef('parents')!.summary(body)).not.toMatch(/statement/);
  });
});

describe('R17: the person who shared can be asked to delete', () => {
  const instruction = (over: Record<string, unknown>) => ({
    what: 'The photo of Ava.',
    where: ['devices'],
    instructedAt: '2026-12-01T09:00',
    deadline: '2026-12-02T09:00',
    present: [ref(people.dsl)],
    ...over,
  });
  const dslCtx = (f: CaseFacts) => ctx(f, summary(people.dsl), '2026-12-01T10:00:00.000Z');
  const def = kindDef('deletion-instruction')!;

  it('the sharer, entered as another person involved, is selectable (R17)', () => {
    const body = instruction({ otherPerson: 'Year 11 boy' });
    expect(def.schema.safeParse(body).success).toBe(true);
    expect(blockingFindings(def.check!(body, dslCtx(facts(opened()))), 'sign')).toEqual([]);
    const signed = env('deletion-instruction', people.dsl, '2026-12-01T10:00:00.000Z', body);
    expect(facts(opened(), signed).deletionInstructions![0]).toMatchObject({
      personName: 'Year 11 boy',
      childId: '',
    });
  });

  it('a name that is not a person on the case is refused (R17)', () => {
    const body = instruction({ otherPerson: 'Someone made up' });
    expect(
      blockingFindings(def.check!(body, dslCtx(facts(opened()))), 'sign').map((x) => x.field),
    ).toEqual(['otherPerson']);
  });

  it('an instruction names exactly one young person (R17)', () => {
    expect(def.schema.safeParse(instruction({})).success).toBe(false);
    expect(
      def.schema.safeParse(instruction({ child: CHILD, otherPerson: 'Year 11 boy' })).success,
    ).toBe(false);
    // Instructions signed before "another person" existed name a child, and stay valid.
    expect(def.schema.safeParse(instruction({ child: CHILD })).success).toBe(true);
  });
});

describe('R14: the assessment asks the Appendix 1 questions', () => {
  it('every R14 question has a field on the assessment form (R14)', () => {
    const names = kindDef('assessment')!.fields.map((f) => f.name);
    // vulnerability, coercion or consent, shared beyond the intended recipient, ages (under 13),
    // more than one recipient, understanding of implications, concerns about informing parents.
    for (const q of [
      'vulnerable',
      'pressure',
      'sharedBeyond',
      'anyUnder13',
      'moreThanOne',
      'understands',
      'parentConcerns',
    ])
      expect(names).toContain(q);
  });

  it('a vulnerable child’s assessment advises a referral to social care (R14)', () => {
    const f = facts(opened());
    const out = kindDef('assessment')!.check!(
      { child: CHILD, vulnerable: 'yes' },
      ctx(f, summary(people.dsl), '2026-12-01T10:00:00.000Z'),
    );
    expect(out).toContainEqual(
      expect.objectContaining({ rule: 'R14', status: 'advice', field: 'vulnerable' }),
    );
  });
});
