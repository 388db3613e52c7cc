// The imagery rules enforced in main, against a real SQLCipher vault with a DSL, a deputy,
// a senior leader and a staff witness: decisions not to view and to view, the SLT consultation, the
// witness's own countersignature, delegations and their revocation, a copy already made, and the
// R2 guard on a crafted IPC call — through the core, the handler table and dispatch.
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import * as imagery from '../../src/main/core/imagery/imageryService';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { listPublicKeys } from '../../src/main/db/repositories/accounts';
import { verifyMessage } from '../../src/main/core/crypto/ed25519';
import { accountSlots, readKeySlots } from '../../src/main/core/vault/keySlots';
import { recordSigningMessage } from '../../src/shared/records/envelope';
import { AWAITING_WITNESS, IMAGERY_RULE_IDS } from '../../src/shared/rules/imagery';
import { COPY_ADVICE_MISSING_FLAG, COPY_MADE_FLAG } from '../../src/shared/records/imageryFacts';
import { utcToUkLocal } from '../../src/shared/ukTime';
import type { Role } from '../../src/shared/roles';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const STAFF_WITNESS = { name: 'Imogen Staffwell', passphrase: PASSPHRASES.staff };

async function world(clock?: () => Date) {
  const v = await setUpVault(clock ? { clock } : {});
  const deputyId = await addAccount(v.core, 'deputy', 'Devika Deputyson');
  const sltId = await addAccount(v.core, 'slt', 'Barnaby Headworth');
  const staffId = await addAccount(v.core, 'staff', STAFF_WITNESS.name);
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const opened = await cases.openCase(v.core, { details: caseDetails() });
  return { ...v, deputyId, sltId, staffId, caseId: opened.caseId };
}

async function as(core: CaseSealCore, accountId: string, role: Role): Promise<void> {
  await core.signIn(accountId, PASSPHRASES[role]);
}

/** UK wall-clock time `minutesAgo` before now, as a form would hold it. */
const ukAgo = (minutesAgo: number) =>
  utcToUkLocal(new Date(Date.now() - minutesAgo * 60_000).toISOString());

function viewBody(
  w: { sltId: string; staffId: string },
  viewerId: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    decision: 'view',
    knownAboutImagery:
      'Tallulah said a photo of her was shared in the Y9 group chat; she does not know which photo.',
    reason:
      'The police asked the school to confirm whether the image shows Tallulah before they attend; she cannot say.',
    necessary: true,
    sltConsulted: 'account',
    sltAccount: { accountId: w.sltId, name: '' },
    sltConsultedAt: ukAgo(120),
    sltView: 'Agrees that viewing is necessary, with a witness present.',
    viewer: { accountId: viewerId, name: '' },
    witness: { accountId: w.staffId, name: '' },
    witnessNotSltReason: 'The head was teaching; the office manager was available at once.',
    witnessViewed: false,
    onPremises: true,
    room: 'Headteacher’s office',
    sameSex: true,
    viewingStarted: ukAgo(60),
    viewingEnded: ukAgo(55),
    whatSeen:
      'One photograph of a girl in school uniform, partly undressed; the face is Tallulah’s.',
    noCopyDeclaration: true,
    subsequentActions: 'Police informed of the confirmation; phone kept switched off in the safe.',
    ...over,
  };
}

const notViewBody = {
  decision: 'not-view',
  knownAboutImagery: 'Two pupils describe the same image in the same words.',
  reason: 'Their accounts agree and the police do not need the school to confirm anything.',
};

async function count(core: CaseSealCore, table: 'records' | 'audit'): Promise<number> {
  return (await core.requireDb().get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
}

async function rejection(p: Promise<unknown>): Promise<{
  code: string;
  message: string;
  detail?: { findings?: Array<{ rule: string; message: string }> };
}> {
  try {
    await p;
  } catch (e) {
    return e as {
      code: string;
      message: string;
      detail?: { findings?: Array<{ rule: string; message: string }> };
    };
  }
  throw new Error('expected a rejection');
}

const rulesOf = (e: { detail?: { findings?: Array<{ rule: string }> } }) =>
  [...new Set((e.detail?.findings ?? []).map((f) => f.rule))].sort();

describe('imagery rules in main', () => {
  it('signs a decision not to view with no witness: final at once', async () => {
    const { core, caseId } = await world();
    const r = await cases.addRecord(core, { caseId, kind: 'viewing-decision', body: notViewBody });
    const facts = (await cases.getCase(core, caseId)).facts!;
    expect(facts.viewingDecisions).toEqual([
      expect.objectContaining({
        recordId: r.record.envelope.id,
        decision: 'not-view',
        final: true,
        awaitingWitness: false,
      }),
    ]);
    expect(facts.pendingCountersignatures).toEqual([]);
    expect((await imagery.checkViewing(core, { recordId: r.record.envelope.id })).state).toBe(
      'final',
    );
    // and its reason is required (R1)
    const e = await rejection(
      cases.addRecord(core, {
        caseId,
        kind: 'viewing-decision',
        body: { ...notViewBody, reason: '' },
      }),
    );
    expect(e.code).toBe('RULE_BLOCKED');
    expect(rulesOf(e)).toEqual(['R1']);
  });

  it('shows each unmet rule for a decision to view, and refuses to sign it', async () => {
    const { core, caseId } = await world();
    const draft = { decision: 'view', knownAboutImagery: 'The child described it.' };
    const check = await imagery.checkViewing(core, { caseId, body: draft });
    expect(check.state).toBe('draft');
    const unmet = new Set(
      check.findings
        .filter((f) => f.status === 'blocks' || f.status === 'needs-reason')
        .map((f) => f.rule),
    );
    expect([...unmet].sort()).toEqual([...IMAGERY_RULE_IDS]);
    const before = await count(core, 'records');
    const e = await rejection(
      cases.addRecord(core, { caseId, kind: 'viewing-decision', body: draft }),
    );
    expect(e.code).toBe('RULE_BLOCKED');
    expect(rulesOf(e)).toEqual([...IMAGERY_RULE_IDS]);
    expect(await count(core, 'records')).toBe(before);
  });

  it('refuses to sign a decision to view without the senior leader consulted (R3)', async () => {
    const w = await world();
    const before = await count(w.core, 'records');
    const body = viewBody(w, w.dslId);
    delete body.sltConsulted;
    delete body.sltAccount;
    delete body.sltView;
    const e = await rejection(
      cases.addRecord(w.core, { caseId: w.caseId, kind: 'viewing-decision', body }),
    );
    expect(e.code).toBe('RULE_BLOCKED');
    expect(rulesOf(e)).toEqual(['R3']);
    expect(e.message).toMatch(/R3: .*senior leadership team/);
    expect(await count(w.core, 'records')).toBe(before);
    // and a staff account named as the "senior leader" is not one
    const e2 = await rejection(
      cases.addRecord(w.core, {
        caseId: w.caseId,
        kind: 'viewing-decision',
        body: viewBody(w, w.dslId, { sltAccount: { accountId: w.staffId, name: '' } }),
      }),
    );
    expect(rulesOf(e2)).toEqual(['R3']);
  });

  it('awaits the witness: finalising without them is refused with R5; their own passphrase makes it final and both signatures verify', async () => {
    const w = await world();
    const { core } = w;
    const signed = await cases.addRecord(core, {
      caseId: w.caseId,
      kind: 'viewing-decision',
      body: viewBody(w, w.dslId),
    });
    const recordId = signed.record.envelope.id;
    expect(signed.record.envelope.signer.accountId).toBe(w.dslId); // the viewer signs
    expect(signed.findings.find((f) => f.rule === 'R5' && f.stage === 'finalise')).toMatchObject({
      status: 'blocks',
    });
    let facts = (await cases.getCase(core, w.caseId)).facts!;
    expect(facts.viewingDecisions![0]).toMatchObject({
      recordId,
      viewerId: w.dslId,
      witnessId: w.staffId,
      final: false,
      awaitingWitness: true,
    });
    expect((await imagery.checkViewing(core, { recordId })).state).toBe('awaiting-witness');

    // finalising without the witness: refused with R5's message, through the core and a crafted IPC call
    const e = await rejection(imagery.finaliseViewing(core, { recordId }));
    expect(e.code).toBe('RULE_BLOCKED');
    expect(rulesOf(e)).toEqual(['R5']);
    expect(e.message).toContain(AWAITING_WITNESS);
    const handlers = createHandlers(core);
    const viaIpc = await dispatch(
      handlers,
      'app:imagery.finalise',
      { recordId },
      { trustedSender: true },
    );
    expect(viaIpc).toMatchObject({
      ok: false,
      error: {
        code: 'RULE_BLOCKED',
        detail: { findings: [expect.objectContaining({ rule: 'R5' })] },
      },
    });
    // the viewer cannot witness their own viewing, nor can anyone but the named witness
    await expect(
      cases.countersign(core, {
        recordId,
        purpose: 'witness',
        accountId: w.dslId,
        passphrase: PASSPHRASES.dsl,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(
      cases.countersign(core, {
        recordId,
        purpose: 'witness',
        accountId: w.sltId,
        passphrase: PASSPHRASES.slt,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    // the case cannot close while the decision awaits its witness
    const close = await rejection(
      cases.addRecord(core, {
        caseId: w.caseId,
        kind: 'status-change',
        body: { to: 'closed', reason: 'Done', approver: { accountId: w.sltId, name: '' } },
      }),
    );
    expect(close.code).toBe('RULE_BLOCKED');
    expect(rulesOf(close)).toContain('CLOSE-VIEWING');

    // the witness's wrong passphrase is refused and counted against their own account
    const before = await count(core, 'records');
    await expect(
      imagery.finaliseViewing(core, { recordId, witnessPassphrase: 'not-the-witness-passphrase' }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(
      accountSlots(readKeySlots(core.paths.keySlots)).find((s) => s.accountId === w.staffId)!
        .failures.count,
    ).toBe(1);
    const failures = await core.listAudit({ action: 'sign-in-failed' });
    expect(failures.filter((a) => a.actorId === w.staffId)).toHaveLength(1);
    expect(await count(core, 'records')).toBe(before);

    // the witness countersigns with their own passphrase: final
    const fin = await imagery.finaliseViewing(core, {
      recordId,
      witnessPassphrase: STAFF_WITNESS.passphrase,
    });
    expect(fin.final).toBe(true);
    const cs = fin.countersignature!.record;
    expect(cs.envelope).toMatchObject({
      kind: 'countersignature',
      signer: { accountId: w.staffId, role: 'staff' },
      body: { recordId, recordHash: signed.record.hash, purpose: 'witness' },
    });
    expect(String(cs.envelope.body.statement)).toMatch(/present in the room/);
    // a good passphrase resets the counter
    expect(
      accountSlots(readKeySlots(core.paths.keySlots)).find((s) => s.accountId === w.staffId)!
        .failures.count,
    ).toBe(0);

    const view = await cases.getCase(core, w.caseId);
    facts = view.facts!;
    expect(facts.viewingDecisions![0]).toMatchObject({ final: true, awaitingWitness: false });
    expect(facts.records[recordId]!.countersignatures).toEqual([
      expect.objectContaining({ accountId: w.staffId, purpose: 'witness' }),
    ]);
    expect(facts.pendingCountersignatures).toEqual([]);
    expect((await imagery.checkViewing(core, { recordId })).state).toBe('final');
    // both signatures verify with each signer's own public key
    const keys = new Map(
      (await core.requireDb().exclusive((c) => listPublicKeys(c))).map((k) => [k.keyId, k]),
    );
    const both = view.records.filter(
      (r) => r.envelope.id === recordId || r.envelope.id === cs.envelope.id,
    );
    expect(both).toHaveLength(2);
    for (const r of both) {
      const key = keys.get(r.envelope.signer.keyId)!;
      expect(key.accountId).toBe(r.envelope.signer.accountId);
      expect(verifyMessage(key.publicKeyPem, recordSigningMessage(r.hash), r.signature)).toBe(true);
    }
    // finalising again changes nothing
    expect(await imagery.finaliseViewing(core, { recordId })).toMatchObject({
      final: true,
      countersignature: null,
    });
  });

  it('lets a deputy view only with a senior leader’s delegation for this case, and not after it is revoked (R4)', async () => {
    // CaseSeal's clock moves on in this test: the deputy views after the delegation starts (R4).
    let shift = 0;
    const w = await world(() => new Date(Date.now() + shift));
    const { core } = w;
    const later = (minutesAgo: number) =>
      utcToUkLocal(new Date(Date.now() + shift - minutesAgo * 60_000).toISOString());
    const viewedLater = () => ({
      sltConsultedAt: later(20),
      viewingStarted: later(10),
      viewingEnded: later(5),
    });
    await as(core, w.deputyId, 'deputy');
    const e = await rejection(
      cases.addRecord(core, {
        caseId: w.caseId,
        kind: 'viewing-decision',
        body: viewBody(w, w.deputyId),
      }),
    );
    expect(e.code).toBe('RULE_BLOCKED');
    expect(rulesOf(e)).toEqual(['R4']);
    // a deputy may still record a decision not to view
    await cases.addRecord(core, { caseId: w.caseId, kind: 'viewing-decision', body: notViewBody });

    await as(core, w.dslId, 'dsl');
    const delegationBody = {
      delegate: { accountId: w.deputyId, name: '' },
      authority: true,
      reason: 'Devika knows the family and is trained.',
      startsAt: ukAgo(0),
    };
    // only a senior leader signs a delegation: not the DSL in their own session, nor "as" the DSL
    await expect(
      cases.addRecord(core, { caseId: w.caseId, kind: 'delegation', body: delegationBody }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(
      imagery.signAsOther(core, {
        caseId: w.caseId,
        kind: 'delegation',
        body: delegationBody,
        accountId: w.dslId,
        passphrase: PASSPHRASES.dsl,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    // authority only for the safeguarding team; refused by the rule before any passphrase is tried
    const toStaff = await rejection(
      imagery.signAsOther(core, {
        caseId: w.caseId,
        kind: 'delegation',
        body: { ...delegationBody, delegate: { accountId: w.staffId, name: '' } },
        accountId: w.sltId,
        passphrase: 'wrong-but-never-tried',
      }),
    );
    expect(toStaff.code).toBe('RULE_BLOCKED');
    expect(rulesOf(toStaff)).toEqual(['R4']);
    await expect(
      imagery.signAsOther(core, {
        caseId: w.caseId,
        kind: 'delegation',
        body: delegationBody,
        accountId: w.sltId,
        passphrase: 'not-the-slt-passphrase',
      }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(
      accountSlots(readKeySlots(core.paths.keySlots)).find((s) => s.accountId === w.sltId)!.failures
        .count,
    ).toBe(1);

    // the senior leader signs it with their own passphrase at the DSL's PC, through the IPC surface
    const handlers = createHandlers(core);
    const granted = await dispatch(
      handlers,
      'app:imagery.signAsOther',
      {
        caseId: w.caseId,
        kind: 'delegation',
        body: delegationBody,
        accountId: w.sltId,
        passphrase: PASSPHRASES.slt,
      },
      { trustedSender: true },
    );
    expect(granted.ok).toBe(true);
    const grantId = (granted as { ok: true; value: { recordId: string } }).value.recordId;
    let view = await cases.getCase(core, w.caseId);
    const grantRec = view.records.find((r) => r.envelope.id === grantId)!;
    expect(grantRec.envelope).toMatchObject({
      kind: 'delegation',
      signer: { accountId: w.sltId, role: 'slt' },
    });
    const keys = new Map(
      (await core.requireDb().exclusive((c) => listPublicKeys(c))).map((k) => [k.keyId, k]),
    );
    expect(keys.get(grantRec.envelope.signer.keyId)!.accountId).toBe(w.sltId);
    expect(
      verifyMessage(
        keys.get(grantRec.envelope.signer.keyId)!.publicKeyPem,
        recordSigningMessage(grantRec.hash),
        grantRec.signature,
      ),
    ).toBe(true);
    expect(view.facts!.delegations).toEqual([
      expect.objectContaining({
        recordId: grantId,
        delegateId: w.deputyId,
        grantedById: w.sltId,
        revoked: false,
      }),
    ]);
    // a second, duplicate delegation is refused
    await expect(
      imagery.signAsOther(core, {
        caseId: w.caseId,
        kind: 'delegation',
        body: delegationBody,
        accountId: w.sltId,
        passphrase: PASSPHRASES.slt,
      }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED' });

    // now, an hour later, the deputy can be the viewer of a viewing that starts after the delegation
    shift += 60 * 60_000;
    await as(core, w.deputyId, 'deputy');
    const check = await imagery.checkViewing(core, {
      caseId: w.caseId,
      body: viewBody(w, w.deputyId, viewedLater()),
    });
    expect(check.findings.find((f) => f.rule === 'R4')).toMatchObject({ status: 'met' });
    const deputyView = await cases.addRecord(core, {
      caseId: w.caseId,
      kind: 'viewing-decision',
      body: viewBody(w, w.deputyId, viewedLater()),
    });
    expect(deputyView.record.envelope.signer.accountId).toBe(w.deputyId);
    // …but not sign a viewing record naming someone else as the viewer
    const other = await rejection(
      cases.addRecord(core, {
        caseId: w.caseId,
        kind: 'viewing-decision',
        body: viewBody(w, w.dslId, viewedLater()),
      }),
    );
    expect(rulesOf(other)).toEqual(['R4']);

    // the DSL revokes the delegation; the deputy can no longer be the viewer
    await as(core, w.dslId, 'dsl');
    await cases.addRecord(core, {
      caseId: w.caseId,
      kind: 'delegation-revoked',
      body: { delegation: grantId, reason: 'Devika is on leave from tomorrow.' },
    });
    await expect(
      cases.addRecord(core, {
        caseId: w.caseId,
        kind: 'delegation-revoked',
        body: { delegation: grantId, reason: 'again' },
      }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED' });
    view = await cases.getCase(core, w.caseId);
    expect(view.facts!.delegations![0]).toMatchObject({ revoked: true, revokedById: w.dslId });
    shift += 60 * 60_000;
    await as(core, w.deputyId, 'deputy');
    const after = await rejection(
      cases.addRecord(core, {
        caseId: w.caseId,
        kind: 'viewing-decision',
        body: viewBody(w, w.deputyId, viewedLater()),
      }),
    );
    expect(after.code).toBe('RULE_BLOCKED');
    expect(rulesOf(after)).toEqual(['R4']);
    // the viewing done while the delegation was active can still be witnessed and finalised
    const fin = await imagery.finaliseViewing(core, {
      recordId: deputyView.record.envelope.id,
      witnessPassphrase: STAFF_WITNESS.passphrase,
    });
    expect(fin.final).toBe(true);
  });

  it('a copy made without the police’s advice flags the case and blocks finalisation, even through crafted calls', async () => {
    const w = await world();
    const { core } = w;
    const signed = await cases.addRecord(core, {
      caseId: w.caseId,
      kind: 'viewing-decision',
      body: viewBody(w, w.dslId),
    });
    const recordId = signed.record.envelope.id;
    const copy = await cases.addRecord(core, {
      caseId: w.caseId,
      kind: 'copy-made',
      body: {
        who: 'A Year 9 tutor',
        what: ['copied', 'saved'],
        description: 'A pupil forwarded a screenshot to the tutor’s phone.',
        whereNow: 'The tutor’s phone, switched off, in the school safe.',
        when: ukAgo(300),
        policeContacted: false,
      },
    });
    expect(copy.findings).toEqual([expect.objectContaining({ rule: 'R2', status: 'advice' })]);
    let view = await cases.getCase(core, w.caseId);
    expect(view.case.flags.sort()).toEqual([COPY_MADE_FLAG, COPY_ADVICE_MISSING_FLAG].sort());
    expect((await cases.listCases(core, {})).cases.find((c) => c.id === w.caseId)!.flags).toContain(
      COPY_ADVICE_MISSING_FLAG,
    );
    expect(
      (await imagery.checkViewing(core, { recordId })).findings
        .filter((f) => f.status === 'blocks')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['R2', 'R5']);

    // the witness's countersignature is refused by R2 — before their passphrase is tried (a wrong one costs nothing)
    const before = await count(core, 'records');
    const e = await rejection(
      imagery.finaliseViewing(core, { recordId, witnessPassphrase: 'wrong-but-never-tried' }),
    );
    expect(e.code).toBe('RULE_BLOCKED');
    expect(rulesOf(e)).toEqual(['R2']);
    expect(e.message).toMatch(/police’s advice/);
    expect(
      accountSlots(readKeySlots(core.paths.keySlots)).find((s) => s.accountId === w.staffId)!
        .failures.count,
    ).toBe(0);
    // a crafted call straight to the handler table, and one through dispatch, with the right passphrase
    const handlers = createHandlers(core);
    const direct = await rejection(
      handlers['app:records.countersign']({
        recordId,
        purpose: 'witness',
        accountId: w.staffId,
        passphrase: STAFF_WITNESS.passphrase,
      }),
    );
    expect(direct.code).toBe('RULE_BLOCKED');
    expect(rulesOf(direct)).toEqual(['R2']);
    const viaIpc = await dispatch(
      handlers,
      'app:records.countersign',
      { recordId, purpose: 'witness', accountId: w.staffId, passphrase: STAFF_WITNESS.passphrase },
      { trustedSender: true },
    );
    expect(viaIpc).toMatchObject({
      ok: false,
      error: {
        code: 'RULE_BLOCKED',
        detail: { findings: [expect.objectContaining({ rule: 'R2' })] },
      },
    });
    expect(await count(core, 'records')).toBe(before);
    // a decision not to view is unaffected (advice only)
    const nv = await cases.addRecord(core, {
      caseId: w.caseId,
      kind: 'viewing-decision',
      body: notViewBody,
    });
    expect(nv.findings.some((f) => f.rule === 'R2' && f.status === 'advice')).toBe(true);

    // the police's advice, recorded later, lifts the block; the copy-made flag stays
    await cases.addRecord(core, {
      caseId: w.caseId,
      kind: 'copy-made-advice',
      body: {
        copyRecord: copy.record.envelope.id,
        contactedAt: ukAgo(30),
        reference: 'KB-2026-1121-044',
        advice: 'Keep the phone switched off in the safe; an officer will collect it.',
      },
    });
    view = await cases.getCase(core, w.caseId);
    expect(view.case.flags).toEqual([COPY_MADE_FLAG]);
    const fin = await imagery.finaliseViewing(core, {
      recordId,
      witnessPassphrase: STAFF_WITNESS.passphrase,
    });
    expect(fin.final).toBe(true);
  });

  it('refuses a base64 JPEG in “what was seen” sent through dispatch, and saves nothing', async () => {
    const w = await world();
    const handlers = createHandlers(w.core);
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x10,
      0x4a,
      0x46,
      0x49,
      0x46,
      0x00,
      0x01,
      0x01,
      0x00,
      0x00,
      0x01,
      0x00,
      0x01,
      0x00,
      0x00,
      ...Array.from({ length: 600 }, (_, i) => (i * 37) % 256),
    ]).toString('base64');
    const records = await count(w.core, 'records');
    const res = await dispatch(
      handlers,
      'app:records.add',
      {
        caseId: w.caseId,
        kind: 'viewing-decision',
        body: viewBody(w, w.dslId, { whatSeen: `This is what was seen: ${jpeg}` }),
      },
      { trustedSender: true },
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'IMAGERY_REFUSED' } });
    expect(await count(w.core, 'records')).toBe(records);
    // also as a data: URL on the delegation channel
    const res2 = await dispatch(
      handlers,
      'app:imagery.signAsOther',
      {
        caseId: w.caseId,
        kind: 'delegation',
        body: {
          delegate: { accountId: w.deputyId, name: '' },
          authority: true,
          reason: `data:image/jpeg;base64,${jpeg}`,
          startsAt: ukAgo(0),
        },
        accountId: w.sltId,
        passphrase: PASSPHRASES.slt,
      },
      { trustedSender: true },
    );
    expect(res2).toMatchObject({ ok: false, error: { code: 'IMAGERY_REFUSED' } });
    expect(await count(w.core, 'records')).toBe(records);
    // the same text without the image is accepted
    const ok = await dispatch(
      handlers,
      'app:records.add',
      { caseId: w.caseId, kind: 'viewing-decision', body: viewBody(w, w.dslId) },
      { trustedSender: true },
    );
    expect(ok.ok).toBe(true);
    expect(await count(w.core, 'records')).toBe(records + 1);
  });

  it('serves the rule texts for the guidance panel', async () => {
    const w = await world();
    const res = await dispatch(
      createHandlers(w.core),
      'app:imagery.rules',
      {},
      { trustedSender: true },
    );
    expect(res.ok).toBe(true);
    const rules = (res as { ok: true; value: Array<{ id: string; text: string }> }).value;
    expect(rules.map((r) => r.id)).toEqual([...IMAGERY_RULE_IDS]);
    expect(rules[0]!.text).toMatch(/good and clear reason/);
  });
});
