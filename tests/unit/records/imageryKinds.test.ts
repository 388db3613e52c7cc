// The imagery record kinds as data: schemas (the short form of a decision not to view,
// hidden leftovers pruned), what they add to the case's facts, and the witness requirement.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kindDef } from '../../../src/shared/records/registry';
import { deriveCaseFacts } from '../../../src/shared/records/deriveFacts';
import type { Envelope } from '../../../src/shared/records/envelope';
import { pruneBody } from '../../../src/shared/records/formSchema';
import { emptyFacts } from '../../../src/shared/records/facts';
import type { Role } from '../../../src/shared/roles';
import { COPY_ADVICE_MISSING_FLAG, COPY_MADE_FLAG } from '../../../src/shared/records/imageryFacts';
import { WITNESS_STATEMENT } from '../../../src/shared/rules/imagery';

const CASE = randomUUID();
const people = {
  dsl: { accountId: randomUUID(), name: 'Dana Dsl', role: 'dsl' as Role },
  deputy: { accountId: randomUUID(), name: 'Devi Deputy', role: 'deputy' as Role },
  slt: { accountId: randomUUID(), name: 'Sam Senior', role: 'slt' as Role },
};
const ref = (p: { accountId: string; name: string }) => ({ accountId: p.accountId, name: p.name });

let seq = 0;
function env(
  kind: string,
  by: (typeof people)[keyof typeof people],
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
      signedAt: new Date(Date.UTC(2026, 10, 21, 9, seq)).toISOString(),
      signer: { ...by, keyId: 'a'.repeat(64) },
      body,
    },
    hash: seq.toString(16).padStart(64, '0'),
  };
}
function countersig(
  target: { envelope: Envelope; hash: string },
  by: (typeof people)[keyof typeof people],
  purpose = 'witness',
) {
  return env('countersignature', by, {
    recordId: target.envelope.id,
    recordHash: target.hash,
    purpose,
    statement: WITNESS_STATEMENT,
  });
}

const viewBody = {
  decision: 'view',
  knownAboutImagery: 'Described by the child.',
  reason: 'Needed to confirm who is shown.',
  necessary: true,
  sltConsulted: 'account',
  sltAccount: ref(people.slt),
  sltView: 'Agrees.',
  viewer: ref(people.dsl),
  witness: ref(people.slt),
  witnessViewed: false,
  onPremises: true,
  room: 'SLT office',
  sameSex: true,
  viewingStarted: '2026-11-21T10:00',
  viewingEnded: '2026-11-21T10:05',
  whatSeen: 'One photograph.',
  noCopyDeclaration: true,
  subsequentActions: 'Police informed.',
};

describe('viewing-decision schema', () => {
  const def = kindDef('viewing-decision')!;
  const parse = (b: Record<string, unknown>) => def.schema.safeParse(pruneBody(def.fields, b));

  it('accepts the short form of a decision not to view', () => {
    const r = parse({
      decision: 'not-view',
      knownAboutImagery: 'Two pupils describe it.',
      reason: 'Their accounts agree.',
    });
    expect(r.success).toBe(true);
  });

  it('drops what was filled for "view" when the decision changes to "not view", nested conditions included', () => {
    const r = parse({
      ...viewBody,
      decision: 'not-view',
      notSameSexReason: 'left over',
      sameSex: false,
    });
    expect(r.success).toBe(true);
    expect(Object.keys(r.data!).sort()).toEqual([
      'decision',
      'knownAboutImagery',
      'reason',
      'subsequentActions',
    ]);
  });

  it('accepts a full decision to view', () => {
    const r = parse(viewBody);
    expect(r.success).toBe(true);
    expect(r.data!.witness).toEqual(ref(people.slt));
  });

  it('refuses unknown keys and a decision that is neither', () => {
    expect(parse({ ...viewBody, imageBytes: 'x' }).success).toBe(false);
    expect(parse({ ...viewBody, decision: 'maybe' }).success).toBe(false);
    expect(parse({ decision: 'not-view', reason: 'no known text' }).success).toBe(false);
  });

  it('asks the named witness — and only for a decision to view — to countersign', () => {
    const e = env('viewing-decision', people.dsl, viewBody).envelope;
    expect(def.countersignatures!(viewBody, e)).toEqual([
      { purpose: 'witness', accountId: people.slt.accountId, statement: WITNESS_STATEMENT },
    ]);
    expect(def.countersignatures!({ decision: 'not-view' }, e)).toEqual([]);
  });

  it('cannot be corrected (the witness countersigned exactly this content)', () => {
    expect(def.correctable).toBe(false);
  });
});

describe('facts from the imagery records', () => {
  it('a decision to view awaits its witness, and is final once the named witness countersigns', () => {
    const opened = env('case-opened', people.dsl, {
      title: 't',
      incidentKind: 'nudes',
      categories: ['content'],
      children: [],
    });
    const notView = env('viewing-decision', people.deputy, {
      decision: 'not-view',
      knownAboutImagery: 'k',
      reason: 'r',
    });
    const view = env('viewing-decision', people.dsl, viewBody);
    let facts = deriveCaseFacts(CASE, [opened, notView, view]);
    expect(facts.viewingDecisions).toEqual([
      expect.objectContaining({
        recordId: notView.envelope.id,
        decision: 'not-view',
        viewerId: null,
        witnessId: null,
        final: true,
        awaitingWitness: false,
      }),
      expect.objectContaining({
        recordId: view.envelope.id,
        decision: 'view',
        viewerId: people.dsl.accountId,
        witnessId: people.slt.accountId,
        final: false,
        awaitingWitness: true,
      }),
    ]);
    expect(facts.pendingCountersignatures).toEqual([
      expect.objectContaining({
        recordId: view.envelope.id,
        purpose: 'witness',
        accountId: people.slt.accountId,
      }),
    ]);

    // someone else's "witness" signature does not finalise it
    facts = deriveCaseFacts(CASE, [opened, notView, view, countersig(view, people.deputy)]);
    expect(facts.viewingDecisions![1]!.final).toBe(false);

    facts = deriveCaseFacts(CASE, [opened, notView, view, countersig(view, people.slt)]);
    expect(facts.viewingDecisions![1]).toMatchObject({ final: true, awaitingWitness: false });
    expect(facts.pendingCountersignatures).toEqual([]);
  });

  it('a delegation is active until revoked', () => {
    const grant = env('delegation', people.slt, {
      delegate: ref(people.deputy),
      authority: true,
      reason: 'r',
    });
    let facts = deriveCaseFacts(CASE, [grant]);
    expect(facts.delegations).toEqual([
      expect.objectContaining({
        recordId: grant.envelope.id,
        delegateId: people.deputy.accountId,
        grantedById: people.slt.accountId,
        revoked: false,
      }),
    ]);
    const revoke = env('delegation-revoked', people.dsl, {
      delegation: grant.envelope.id,
      reason: 'r',
    });
    facts = deriveCaseFacts(CASE, [grant, revoke]);
    expect(facts.delegations![0]).toMatchObject({
      revoked: true,
      revokedById: people.dsl.accountId,
      revocationRecordId: revoke.envelope.id,
    });
  });

  it('a copy flags the case; the advice-missing flag goes when the police’s advice is recorded', () => {
    const copy = env('copy-made', people.dsl, {
      who: 'A teacher',
      what: ['copied'],
      description: 'A screenshot',
      whereNow: 'Phone in safe',
      when: '2026-11-21T08:00',
      policeContacted: false,
    });
    let facts = deriveCaseFacts(CASE, [copy]);
    expect(facts.flags.sort()).toEqual([COPY_MADE_FLAG, COPY_ADVICE_MISSING_FLAG].sort());
    expect(facts.copiesMade![0]!.adviceMissing).toBe(true);
    const advice = env('copy-made-advice', people.dsl, {
      copyRecord: copy.envelope.id,
      contactedAt: '2026-11-21T09:00',
      reference: 'REF1',
      advice: 'Keep it switched off.',
    });
    facts = deriveCaseFacts(CASE, [copy, advice]);
    expect(facts.flags).toEqual([COPY_MADE_FLAG]);
    expect(facts.copiesMade![0]).toMatchObject({
      adviceMissing: false,
      adviceRecordIds: [advice.envelope.id],
    });
    // a copy recorded with the advice at once never lacks it
    const withAdvice = env('copy-made', people.dsl, {
      who: 'x',
      what: ['printed'],
      description: 'd',
      whereNow: 'w',
      when: '2026-11-21T08:00',
      policeContacted: true,
      policeContactedAt: '2026-11-21T08:30',
      policeReference: 'R',
      policeAdvice: 'A',
    });
    expect(deriveCaseFacts(CASE, [withAdvice]).flags).toEqual([COPY_MADE_FLAG]);
  });
});

describe('beforeCountersign: finalisation is refused while R2 or R5 is unmet', () => {
  const def = kindDef('viewing-decision')!;
  const view = env('viewing-decision', people.dsl, viewBody);
  const accounts = Object.values(people).map((p) => ({
    id: p.accountId,
    name: p.name,
    role: p.role,
    active: true,
  }));
  const slt = accounts.find((a) => a.role === 'slt')!;
  const deputy = accounts.find((a) => a.role === 'deputy')!;
  const now = '2026-11-21T12:00:00.000Z';

  it.each([
    ['the named witness, no copy on the case', slt, [], 'witness', []],
    [
      'the named witness, a copy without police advice',
      slt,
      [
        {
          recordId: 'c',
          recordedById: 'x',
          recordedAt: '',
          adviceRecordIds: [],
          adviceMissing: true,
        },
      ],
      'witness',
      ['R2'],
    ],
    ['someone other than the named witness', deputy, [], 'witness', ['R5']],
    ['another purpose is not this hook’s business', deputy, [], 'agreement', []],
  ] as const)('%s', (_n, actor, copies, purpose, rules) => {
    const facts = {
      ...emptyFacts(CASE),
      copiesMade: copies.map((c) => ({ ...c, adviceRecordIds: [...c.adviceRecordIds] })),
    };
    const out = def.beforeCountersign!(
      viewBody,
      purpose,
      { actor, accounts, facts, now },
      view.envelope,
    );
    expect(out.map((f) => f.rule)).toEqual([...rules]);
  });
});
