// What the renderer receives through the handler table (the IPC contract's outputs): the session it
// shows, the signed record it names, the audit trail with names and case references, and that
// every call but the status poll counts as activity for the idle lock.
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { IMAGERY_RULES } from '../../src/shared/rules/imagery';
import { ERROR_MESSAGES } from '../../src/shared/errors';
import { addAccount, DSL, PASSPHRASES, removeDir, SCHOOL, setUpVault } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const v = await setUpVault();
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const handlers = createHandlers(v.core);
  const call = async <T = unknown>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatch(handlers, channel, payload, { trustedSender: true });
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.value as T;
  };
  return { ...v, call };
}

describe('the handler table, through dispatch', () => {
  it('signing in returns who is signed in, the school, the idle-lock minutes and the sign-in check', async () => {
    const w = await world();
    await w.call('app:session.lock');
    expect(await w.call('app:vault.status')).toMatchObject({ state: 'locked', session: null });
    const s = await w.call('app:session.signIn', {
      accountId: w.dslId,
      passphrase: DSL.passphrase,
    });
    expect(s).toEqual({
      accountId: w.dslId,
      name: DSL.fullName,
      role: 'dsl',
      school: expect.objectContaining({ name: SCHOOL.name, urn: SCHOOL.urn }),
      idleLockMinutes: expect.any(Number),
      integrity: expect.objectContaining({ ok: true, mode: 'incremental', problems: [] }),
      vaultOpen: true,
    });
    expect(await w.call('app:vault.status')).toMatchObject({
      state: 'unlocked',
      session: { accountId: w.dslId, role: 'dsl' },
      accounts: [expect.objectContaining({ id: w.dslId, name: DSL.fullName })],
    });
  });

  it('a signed record comes back named: its id, case, hash and time', async () => {
    const w = await world();
    const opened = await w.call<Record<string, unknown>>('app:cases.open', {
      details: caseDetails(),
    });
    expect(opened).toEqual({
      recordId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      caseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      signedAt: expect.any(String),
      warnings: [],
      findings: expect.any(Array),
    });
    const note = await w.call<{ recordId: string; caseId: string; hash: string }>(
      'app:records.add',
      { caseId: opened.caseId, kind: 'note', body: noteBody() },
    );
    const got = await w.call<{
      access: string;
      case: { id: string };
      records: Array<{ envelope: { id: string }; hash: string }>;
      facts: unknown;
    }>('app:cases.get', { caseId: opened.caseId });
    expect(got.access).toBe('full');
    expect(got.case.id).toBe(opened.caseId);
    expect(got.facts).not.toBeNull();
    expect(got.records.map((r) => [r.envelope.id, r.hash])).toEqual([
      [opened.recordId, opened.hash],
      [note.recordId, note.hash],
    ]);
  });

  it('accounts: created and listed with role, state and dates; the audit names the actor and the case reference', async () => {
    const w = await world();
    const created = await w.call<Record<string, unknown>>('app:accounts.create', {
      fullName: 'Dev Deputy',
      role: 'deputy',
      passphrase: PASSPHRASES.deputy,
    });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Dev Deputy',
      role: 'deputy',
      active: true,
      createdAt: expect.any(String),
      disabledAt: null,
    });
    await w.call('app:accounts.disable', { accountId: created.id });
    const list = await w.call<Array<Record<string, unknown>>>('app:accounts.list');
    expect(list.find((a) => a.id === created.id)).toEqual({
      ...created,
      active: false,
      disabledAt: expect.any(String),
    });
    const opened = await w.call<{ caseId: string }>('app:cases.open', { details: caseDetails() });
    const ref = (await w.core
      .requireDb()
      .get<{ ref: string }>('SELECT ref FROM cases WHERE id = ?', [opened.caseId]))!.ref;
    const audit = await w.call<Array<Record<string, unknown>>>('app:audit.list', {});
    const entry = audit.find((e) => e.caseId === opened.caseId)!;
    expect(entry).toMatchObject({
      actorId: w.dslId,
      actorName: DSL.fullName,
      caseRef: ref,
      seq: expect.any(Number),
      at: expect.any(String),
      action: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(audit.filter((e) => e.caseId === null).every((e) => e.caseRef === null)).toBe(true);
  });

  it('the whole-log check reports its figures and progress', async () => {
    const w = await world();
    await w.call('app:cases.open', { details: caseDetails() });
    const progress: number[] = [];
    w.core.onEvent((e) => e.type === 'progress' && progress.push(e.done));
    const r = await w.call<Record<string, unknown>>('app:integrity.checkAll');
    expect(r).toEqual({
      ok: true,
      mode: 'full',
      checked: 1,
      auditChecked: expect.any(Number),
      at: expect.any(String),
      problems: [],
    });
    expect(r.auditChecked as number).toBeGreaterThan(0);
    expect(progress).toEqual([1]);
  });

  it('the imagery rules R1–R8 are served to the forms; a receipt cannot be saved without a save dialog', async () => {
    const w = await world();
    const rules = await w.call<Array<{ id: string }>>('app:imagery.rules');
    expect(rules.map((r) => r.id)).toEqual(IMAGERY_RULES.map((r) => r.id));
    await expect(
      w.call('app:devices.receipt', { deviceId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|EXPORT_FAILED/) });
  });

  it('every call but the status poll counts as activity for the idle lock', async () => {
    const w = await world();
    const s = w.core.currentSession()!;
    s.lastActivity = 0;
    await w.call('app:vault.status');
    expect(s.lastActivity).toBe(0);
    await w.call('app:cases.list', {});
    expect(s.lastActivity).toBeGreaterThan(0);
    s.lastActivity = 0;
    await w.call('app:session.touch');
    expect(s.lastActivity).toBeGreaterThan(0);
  });

  it('locking answers null and leaves nobody signed in; cancelling a set-up that never started is harmless', async () => {
    const w = await world();
    expect(await w.call('app:session.lock')).toBeNull();
    expect(w.core.currentSession()).toBeNull();
    await expect(w.call('app:cases.list', {})).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
      message: ERROR_MESSAGES.NOT_SIGNED_IN,
    });
    expect(await w.call('app:setup.cancel')).toBeNull();
  });

  it('a staff member signing in is told who they are and their role', async () => {
    const w = await world();
    const staff = await addAccount(w.core, 'staff', 'Sid Staff');
    await w.call('app:session.lock');
    const s = await w.call<Record<string, unknown>>('app:session.signIn', {
      accountId: staff,
      passphrase: PASSPHRASES.staff,
    });
    expect(s).toMatchObject({ accountId: staff, role: 'staff', name: 'Sid Staff' });
  });
});
