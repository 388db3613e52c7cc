// The IPC boundary ("IPC"): malformed payloads, unknown channels, a foreign sender and
// imagery are refused with typed errors and change nothing; a staff session's crafted calls are
// refused by main's own checks ("Access and audit").
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { contract } from '../../src/shared/ipc/contract';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';

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
  const call = (channel: unknown, payload: unknown, trustedSender = true) =>
    dispatch(handlers, channel, payload, { trustedSender });
  const counts = async () => {
    const db = v.core.requireDb();
    return {
      records: (await db.get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n,
      cases: (await db.get<{ n: number }>('SELECT count(*) AS n FROM cases'))!.n,
      accounts: (await db.get<{ n: number }>('SELECT count(*) AS n FROM accounts'))!.n,
    };
  };
  return { ...v, handlers, call, counts };
}

describe('IPC boundary', () => {
  it('has a schema and a handler for every channel', async () => {
    const { handlers } = await world();
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('refuses an unknown channel', async () => {
    const { call, counts } = await world();
    const before = await counts();
    for (const c of ['app:records.delete', 'app:vault.dropTable', '__proto__', 42, null]) {
      expect(await call(c, {})).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: expect.any(String) },
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a foreign sender before looking at the payload', async () => {
    const { call, counts } = await world();
    const before = await counts();
    const r = await call('app:cases.open', { details: caseDetails() }, false);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['app:cases.open', { details: 'not an object' }],
    ['app:cases.open', { details: {}, extra: 1 }],
    ['app:records.add', { caseId: 'not-a-uuid', kind: 'note', body: {} }],
    ['app:records.add', { caseId: '00000000-0000-4000-8000-000000000000', kind: 'note', body: [] }],
    [
      'app:session.signIn',
      { accountId: '00000000-0000-4000-8000-000000000000', passphrase: 'x'.repeat(5000) },
    ],
    [
      'app:accounts.create',
      { fullName: 'Evil', role: 'superuser', passphrase: 'whatever-whatever' },
    ],
    ['app:settings.update', { idleLockMinutes: 0 }],
    ['app:settings.update', { school: { urn: '12' } }],
    ['app:audit.list', { limit: -1 }],
    ['app:cases.list', { sort: 'DROP TABLE cases' }],
    ['app:vault.status', 'string payload'],
  ])(
    'refuses a malformed payload for %s with BAD_INPUT and changes nothing',
    async (channel, payload) => {
      const { call, counts } = await world();
      const before = await counts();
      const r = await call(channel, payload);
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: expect.any(String) },
      });
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses a body that fails the kind schema deep inside, and changes nothing', async () => {
    const { call, counts, core } = await world();
    const opened = await call('app:cases.open', { details: caseDetails() });
    expect(opened.ok).toBe(true);
    const caseId = (opened as { value: { caseId: string } }).value.caseId;
    const before = await counts();
    const r = await call('app:records.add', {
      caseId,
      kind: 'note',
      body: { ...noteBody(), noteType: 'gossip' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const r2 = await call('app:records.add', {
      caseId,
      kind: 'countersignature',
      body: { recordId: caseId, recordHash: 'a'.repeat(64), purpose: 'witness', statement: 'x' },
    });
    expect(r2).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await counts()).toEqual(before);
    expect(core.currentSession()).not.toBeNull();
  });

  it('refuses a base64 JPEG sent in a crafted call, saying why (R2), and saves nothing', async () => {
    const { call, counts } = await world();
    const before = await counts();
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0'),
      Buffer.alloc(200, 0x41),
    ]).toString('base64');
    const r = await call('app:records.concern', { body: concernBody({ account: jpeg }) });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'IMAGERY_REFUSED',
        message: expect.stringMatching(/R2/),
        detail: { field: 'body.account' },
      },
    });
    const r2 = await call('app:records.concern', {
      body: concernBody({ where: 'data:image/png;base64,iVBORw0KGgo=' }),
    });
    expect(r2).toMatchObject({ ok: false, error: { code: 'IMAGERY_REFUSED' } });
    expect(await counts()).toEqual(before);
  });

  it('keeps internal error details inside main', async () => {
    const { handlers } = await world();
    const broken = {
      ...handlers,
      'app:cases.list': async () => {
        throw new Error('SQLITE_ERROR: no such table: secret_child_name');
      },
    };
    const r = await dispatch(broken, 'app:cases.list', {}, { trustedSender: true });
    expect(r).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') },
    });
  });

  it("refuses a staff session's crafted calls for other cases, audit and accounts", async () => {
    const { call, core, counts } = await world();
    const staff = await addAccount(core, 'staff', 'Crafty Staff');
    const opened = (await call('app:cases.open', { details: caseDetails() })) as {
      value: { caseId: string };
    };
    const caseId = opened.value.caseId;
    // counts() reads the vault: taken before the staff session, which never opens it.
    const before = await counts();
    await core.signIn(staff, PASSPHRASES.staff);
    expect(await call('app:cases.get', { caseId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(await call('app:records.add', { caseId, kind: 'note', body: noteBody() })).toMatchObject(
      { ok: false, error: { code: 'NOT_ALLOWED' } },
    );
    expect(await call('app:cases.open', { details: caseDetails() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(await call('app:audit.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(
      await call('app:accounts.create', {
        fullName: 'New Dsl',
        role: 'dsl',
        passphrase: 'glimmer-anchor-topaz-willow-33',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(await call('app:settings.update', { idleLockMinutes: 60 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(await call('app:integrity.checkAll', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(await call('app:cases.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    await core.signIn(core.pickerAccounts().find((a) => a.role === 'dsl')!.id, PASSPHRASES.dsl);
    expect(await counts()).toEqual(before);
  });

  it('answers NOT_SIGNED_IN for everything but status and set-up when locked', async () => {
    const { call, core } = await world();
    await core.lock('manual');
    expect(await call('app:cases.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(await call('app:vault.status', {})).toMatchObject({
      ok: true,
      value: { state: 'locked', session: null },
    });
  });
});
