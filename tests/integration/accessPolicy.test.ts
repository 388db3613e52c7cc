// Least privilege in main ("Who may read what"): a member of staff who wrote a concern may see only
// their own records of that case; everything that needs the whole case refuses them as if the case
// did not exist (NOT_FOUND), so a refusal never confirms what a case holds.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { caseAccess, requireCaseAccess } from '../../src/main/core/access/policy';
import * as cases from '../../src/main/core/cases/caseService';
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

/** A staff concern opened as a case by the DSL, who adds a note the staff member must not read. */
async function world() {
  const v = await setUpVault();
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const staffId = await addAccount(v.core, 'staff', 'Owen Ownrecords');
  const deputyId = await addAccount(v.core, 'deputy', 'Dora Deputy');
  const sltId = await addAccount(v.core, 'slt', 'Sol Uninvolved');
  // The staff member's concern is sealed to the team and imported at the DSL's sign-in.
  const concern = await staffSealsConcern(v.core, staffId, concernBody(), {
    id: v.dslId,
    role: 'dsl',
  });
  await cases.openCase(v.core, { fromCaseId: concern.caseId, details: caseDetails() });
  // The staff member countersigns one note at the DSL's PC: their one signed record in the case,
  // which gives them 'own-records' access to it and nothing more.
  const signedByStaff = await cases.addRecord(v.core, {
    caseId: concern.caseId,
    kind: 'note',
    body: noteBody({ countersigner: { accountId: staffId, name: '' } }),
  });
  const pending = (await cases.getCase(v.core, concern.caseId)).facts!.pendingCountersignatures;
  await cases.countersign(v.core, {
    recordId: signedByStaff.record.envelope.id,
    purpose: pending.find((p) => p.recordId === signedByStaff.record.envelope.id)!.purpose,
    accountId: staffId,
    passphrase: PASSPHRASES.staff,
  });
  const note = await cases.addRecord(v.core, {
    caseId: concern.caseId,
    kind: 'note',
    body: noteBody({ countersigner: { accountId: staffId, name: '' } }),
  });
  const call = (channel: string, payload: unknown) =>
    dispatch(createHandlers(v.core), channel, payload, { trustedSender: true });
  const recordCount = async () =>
    (await v.core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
  return {
    ...v,
    staffId,
    deputyId,
    sltId,
    caseId: concern.caseId,
    noteId: note.record.envelope.id,
    call,
    recordCount,
  };
}

describe('a function that needs the whole case refuses someone who may see only their own records', () => {
  it('the staff author of the concern asking main to evaluate a viewing decision on that case is refused, the vault staying closed to them', async () => {
    const w = await world();
    await w.core.signIn(w.staffId, PASSPHRASES.staff);
    expect(w.core.currentSession()!.vaultOpen).toBe(false);
    const r = await w.call('app:imagery.check', { caseId: w.caseId, body: { decision: 'view' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
  });

  it('the staff author countersigning the DSL’s note from their own session (a record they cannot read) is refused and nothing is signed', async () => {
    const w = await world();
    const before = await w.recordCount();
    await w.core.signIn(w.staffId, PASSPHRASES.staff);
    const r = await w.call('app:records.countersign', {
      recordId: w.noteId,
      purpose: 'witness',
      accountId: w.staffId,
      passphrase: PASSPHRASES.staff,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    await w.core.signIn(w.dslId, PASSPHRASES.dsl);
    expect(await w.recordCount()).toBe(before);
  });

  it('the policy itself: own-records is enough to see your own records, never to act on the whole case', async () => {
    const w = await world();
    const db = w.core.requireDb();
    const staff = { id: w.staffId, role: 'staff' as const };
    await db.exclusive(async (c) => {
      expect(await caseAccess(c, staff, w.caseId)).toBe('own-records');
      expect(await requireCaseAccess(c, staff, w.caseId, 'any')).toBe('own-records');
      await expect(requireCaseAccess(c, staff, w.caseId, 'full')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  it.each([
    ['the DSL', 'dsl', 'full'],
    ['a deputy', 'deputy', 'full'],
    ['a senior leader who takes no part in the case', 'slt', 'none'],
    ['a member of staff with no record in the case', 'staff', 'none'],
  ] as const)('%s (%s) has %s access', async (_who, role, expected) => {
    const w = await world();
    const id =
      role === 'dsl'
        ? w.dslId
        : role === 'deputy'
          ? w.deputyId
          : role === 'slt'
            ? w.sltId
            : await addAccount(w.core, 'staff', 'Other Staff');
    await w.core.requireDb().exclusive(async (c) => {
      expect(await caseAccess(c, { id, role }, w.caseId)).toBe(expected);
      if (expected === 'none')
        for (const need of ['any', 'full'] as const)
          await expect(requireCaseAccess(c, { id, role }, w.caseId, need)).rejects.toMatchObject({
            code: 'NOT_FOUND',
          });
      else expect(await requireCaseAccess(c, { id, role }, w.caseId, 'full')).toBe('full');
    });
  });

  it('a senior leader named in the case (a participant) has full access', async () => {
    const w = await world();
    await cases.addRecord(w.core, {
      caseId: w.caseId,
      kind: 'note',
      body: noteBody({ countersigner: { accountId: w.sltId, name: '' } }),
    });
    await w.core.requireDb().exclusive(async (c) => {
      expect(await caseAccess(c, { id: w.sltId, role: 'slt' }, w.caseId)).toBe('full');
    });
  });

  it('a case id that does not exist is refused NOT_FOUND for every role, even the DSL', async () => {
    const w = await world();
    const ghost = randomUUID();
    await w.core.requireDb().exclusive(async (c) => {
      for (const who of [
        { id: w.dslId, role: 'dsl' as const },
        { id: w.staffId, role: 'staff' as const },
      ]) {
        expect(await caseAccess(c, who, ghost)).toBe('none');
        for (const need of ['any', 'full'] as const)
          await expect(requireCaseAccess(c, who, ghost, need)).rejects.toMatchObject({
            code: 'NOT_FOUND',
          });
      }
    });
    expect(await w.call('app:cases.get', { caseId: ghost })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
