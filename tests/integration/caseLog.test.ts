// The case log end to end in the core: concern -> case -> notes -> correction ->
// countersignature -> chronology -> search, with roles enforced and the access audit written.
import { afterEach, describe, expect, it } from 'vitest';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { recordSigningMessage } from '../../src/shared/records/envelope';
import { canonicalJson } from '../../src/shared/records/canonical';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import { verifyMessage } from '../../src/main/core/crypto/ed25519';
import { listPublicKeys } from '../../src/main/db/repositories/accounts';
import {
  addAccount,
  PASSPHRASES,
  removeDir,
  setUpVault,
  staffSealsConcern,
} from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const v = await setUpVault();
  const staffId = await addAccount(v.core, 'staff', 'Imogen Staffwell');
  const sltId = await addAccount(v.core, 'slt', 'Barnaby Headworth');
  const otherSltId = await addAccount(v.core, 'slt', 'Cordelia Uninvolved');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  return { ...v, staffId, sltId, otherSltId };
}

async function as(core: CaseSealCore, accountId: string, role: keyof typeof PASSPHRASES) {
  await core.signIn(accountId, PASSPHRASES[role]);
}

describe('case log', () => {
  it('runs a concern through to a countersigned, corrected, searchable chronology', async () => {
    const { core, dslId, staffId, sltId } = await world();
    // The staff member seals the concern; the DSL's sign-in imports it, keeping their signature.
    const concern = await staffSealsConcern(core, staffId, concernBody(), {
      id: dslId,
      role: 'dsl',
    });
    const imported = await cases.getCase(core, concern.caseId);
    const sealed = imported.records[0]!.envelope;
    expect(sealed.kind).toBe('sealed-concern');
    expect(sealed.body.sealed).toMatchObject({
      author: { accountId: staffId, role: 'staff' },
      hash: concern.receipt.sha256,
      sealedAt: concern.receipt.sealedAt,
    });
    // the renderer never supplies the time: it is main's clock
    expect(Date.parse(concern.receipt.sealedAt)).toBeLessThanOrEqual(Date.now());

    const opened = await cases.openCase(core, {
      fromCaseId: concern.caseId,
      details: caseDetails(),
    });
    expect(opened.caseId).toBe(concern.caseId);
    const note = await cases.addRecord(core, {
      caseId: concern.caseId,
      kind: 'note',
      body: noteBody({ countersigner: { accountId: sltId, name: 'ignored' } }),
    });
    expect(note.record.envelope.body.countersigner).toEqual({
      accountId: sltId,
      name: 'Barnaby Headworth',
    });
    const fix = await cases.correctRecord(core, {
      recordId: note.record.envelope.id,
      reason: 'Wrong corridor',
      corrected: noteBody({
        details: 'Agreed to keep Tallulah away from the Year 10 corridor at break.',
        countersigner: { accountId: sltId, name: '' },
      }),
    });
    expect(fix.record.envelope.body).toMatchObject({
      correctsId: note.record.envelope.id,
      correctsHash: note.record.hash,
    });

    // the named senior leader countersigns with their own passphrase, on the DSL's session
    await expect(
      cases.countersign(core, {
        recordId: note.record.envelope.id,
        purpose: 'agreement',
        accountId: sltId,
        passphrase: 'not-their-passphrase',
      }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(
      cases.countersign(core, {
        recordId: note.record.envelope.id,
        purpose: 'agreement',
        accountId: dslId,
        passphrase: PASSPHRASES.dsl,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    const cs = await cases.countersign(core, {
      recordId: note.record.envelope.id,
      purpose: 'agreement',
      accountId: sltId,
      passphrase: PASSPHRASES.slt,
    });
    expect(cs.record.envelope.signer.accountId).toBe(sltId);
    expect(cs.record.envelope.body.recordHash).toBe(note.record.hash);
    await expect(
      cases.countersign(core, {
        recordId: note.record.envelope.id,
        purpose: 'agreement',
        accountId: sltId,
        passphrase: PASSPHRASES.slt,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const view = await cases.getCase(core, concern.caseId);
    expect(view.records.map((r) => r.envelope.kind)).toEqual([
      'sealed-concern',
      'case-opened',
      'note',
      'correction',
      'countersignature',
    ]);
    expect(view.facts!.records[note.record.envelope.id]!.correctedBy).toEqual([
      fix.record.envelope.id,
    ]);
    expect(view.facts!.records[note.record.envelope.id]!.countersignatures).toEqual([
      expect.objectContaining({ accountId: sltId, purpose: 'agreement' }),
    ]);
    expect(view.facts!.pendingCountersignatures).toEqual([]);
    expect(view.facts!.status).toBe('open');
    // the case chain and the vault chain, and each signature with the signer's public key
    const keys = new Map(
      (await core.requireDb().exclusive((c) => listPublicKeys(c))).map((k) => [
        k.keyId,
        k.publicKeyPem,
      ]),
    );
    view.records.forEach((r, i) => {
      expect(r.canonical).toBe(canonicalJson(r.envelope));
      expect(sha256Hex(r.canonical)).toBe(r.hash);
      expect(r.envelope.caseSeq).toBe(i + 1);
      expect(r.envelope.casePrev).toBe(i === 0 ? null : view.records[i - 1]!.hash);
      expect(
        verifyMessage(
          keys.get(r.envelope.signer.keyId)!,
          recordSigningMessage(r.hash),
          r.signature,
        ),
      ).toBe(true);
    });

    const hits = await cases.searchRecords(core, 'corridor');
    expect(hits.map((h) => h.recordId).sort()).toEqual(
      [note.record.envelope.id, fix.record.envelope.id].sort(),
    );
    expect(await cases.searchRecords(core, 'nonexistentword')).toEqual([]);

    const audit = await core.listAudit({ caseId: concern.caseId });
    expect(audit.some((a) => a.action === 'case-viewed' && a.actorId === dslId)).toBe(true);
  });

  it('attack: a senior leader counts the cases about a child by filtering the case list on the child and the incident kind', async () => {
    const { core, dslId, staffId, sltId } = await world();
    const mine = await staffSealsConcern(core, staffId, concernBody(), { id: dslId, role: 'dsl' });
    await cases.openCase(core, { fromCaseId: mine.caseId, details: caseDetails() });
    await cases.addRecord(core, {
      caseId: mine.caseId,
      kind: 'note',
      body: noteBody({ countersigner: { accountId: sltId, name: '' } }),
    });
    // Two more cases about the same child that the senior leader takes no part in.
    for (const title of ['Second image of the same pupil', 'Third case about the pupil'])
      await cases.openCase(core, { details: caseDetails({ title }) });
    expect((await cases.listCases(core, { child: 'Tallulah' })).total).toBe(3);

    await as(core, sltId, 'slt');
    const byChild = await cases.listCases(core, { child: 'Tallulah' });
    const byKind = await cases.listCases(core, { incidentKind: 'nudes' });
    for (const r of [byChild, byKind]) {
      expect(r.total).toBe(1);
      expect(r.cases.map((c) => c.id)).toEqual([mine.caseId]);
    }
    const titles = (await cases.listCases(core, {})).cases.map((c) => c.title).join(' ');
    expect(titles).not.toContain('Second image');
    expect(titles).not.toContain('Third case');
  });

  it('lets staff read nothing, not even their own sealed concern, and senior leaders only cases they take part in', async () => {
    const { core, dslId, staffId, sltId, otherSltId } = await world();
    const mine = await staffSealsConcern(core, staffId, concernBody(), { id: dslId, role: 'dsl' });
    await cases.openCase(core, { fromCaseId: mine.caseId, details: caseDetails() });
    const note = await cases.addRecord(core, {
      caseId: mine.caseId,
      kind: 'note',
      body: noteBody({ countersigner: { accountId: sltId, name: '' } }),
    });
    const other = await cases.openCase(core, {
      details: caseDetails({ title: 'Unrelated bullying case' }),
    });

    // Least privilege: a staff session never opens the vault, so every read is refused.
    await as(core, staffId, 'staff');
    expect(core.currentSession()!.vaultOpen).toBe(false);
    for (const read of [
      () => cases.getCase(core, mine.caseId),
      () => cases.getCase(core, other.caseId),
      () => cases.addRecord(core, { caseId: mine.caseId, kind: 'note', body: noteBody() }),
      () => cases.openCase(core, { details: caseDetails() }),
      () => cases.listCases(core, {}),
      () => cases.searchRecords(core, 'corridor'),
      () => core.listAudit({}),
    ])
      await expect(read()).rejects.toMatchObject({ code: 'NOT_ALLOWED' });

    await as(core, sltId, 'slt');
    expect((await cases.getCase(core, mine.caseId)).access).toBe('full');
    await expect(cases.getCase(core, other.caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await as(core, otherSltId, 'slt');
    await expect(cases.getCase(core, mine.caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(note.record.envelope.kind).toBe('note');
  });

  it('refuses imagery in any field and saves nothing', async () => {
    const { core } = await world();
    const before = await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records');
    const jpegB64 = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0,
      16,
      0x4a,
      0x46,
      0x49,
      0x46,
      0,
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      0,
      ...Array(40).fill(7),
    ]).toString('base64');
    await expect(
      cases.recordConcern(core, concernBody({ account: `She sent this: ${jpegB64}` })),
    ).rejects.toMatchObject({ code: 'IMAGERY_REFUSED' });
    const after = await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records');
    expect(after!.n).toBe(before!.n);
    expect((await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM cases'))!.n).toBe(
      0,
    );
  });

  it('saves a record even when the clock has gone back, records the anomaly and warns', async () => {
    let now = new Date('2026-11-21T12:00:00Z');
    const v = await setUpVault({ clock: () => now });
    cleanups.push(async () => {
      await v.core.close();
      removeDir(v.dir);
    });
    const first = await cases.openCase(v.core, { details: caseDetails() });
    now = new Date('2026-11-21T11:00:00Z');
    const second = await cases.addRecord(v.core, {
      caseId: first.caseId,
      kind: 'note',
      body: noteBody(),
    });
    expect(second.warnings.join(' ')).toMatch(/clock/);
    expect(second.record.envelope.signedAt).toBe('2026-11-21T11:00:00.000Z');
    const audit = await v.core.listAudit({ action: 'clock-anomaly' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ lastRecordTime: first.record.envelope.signedAt });
  });

  it('refuses a malformed body with a clear error and saves nothing', async () => {
    const { core } = await world();
    await expect(
      cases.openCase(core, { details: caseDetails({ children: [] }) }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      cases.openCase(core, {
        details: caseDetails({
          children: [
            { id: '00000000-0000-4000-8000-000000000000', name: 'X', sex: 'female', send: false },
          ],
        }),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/date of birth or a year group/),
    });
    await expect(
      cases.recordConcern(core, { ...concernBody(), extra: 'field' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(
      (await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n,
    ).toBe(0);
  });
});
