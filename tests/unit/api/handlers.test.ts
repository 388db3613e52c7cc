// What the handler table adds of its own, on a copy of one real vault (built once:
// tests/helpers/goldenBundle.ts): the session each call needs, the role checks it makes itself,
// and the shape of what the renderer is told (never a key, never an empty answer). Real accounts
// sign in on copies of the closed vault: most tests share one DSL session, a few need their own.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/core/api/handlers';
import { CaseSealCore } from '../../../src/main/core/app/caseSealCore';
import { openVaultDb } from '../../../src/main/db/open';
import { vaultPathsIn } from '../../../src/main/core/vault/paths';
import { contract } from '../../../src/shared/ipc/contract';
import type { Channel } from '../../../src/shared/ipc/channels';
import type { Role } from '../../../src/shared/roles';
import { IMAGERY_RULES } from '../../../src/shared/rules/imagery';
import { goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';
import { DSL, PASSPHRASES, removeDir, SCHOOL, tempDir } from '../../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../../helpers/records';
import { STEP_BODIES, tabletBody } from '../../helpers/deviceRecords';
import { ERROR_MESSAGES } from '../../../src/shared/errors';

const NAMES: Record<Role, string> = {
  dsl: DSL.fullName,
  deputy: 'Devika Deputy-Lead',
  slt: 'Barnaby Headworth',
  staff: 'Imogen Staffwell',
};

type Io = Parameters<typeof createHandlers>[1];

interface Seat extends GoldenBundle {
  core: CaseSealCore;
  dir: string;
  /** Calls one channel as the renderer would (the payload parsed by the channel's own schema). */
  call<T = unknown>(channel: Channel, payload?: unknown, io?: Io): Promise<T>;
  /** The refusal a call ends in (its code and plain message), or a failure if it succeeded. */
  refusal(channel: Channel, payload?: unknown, io?: Io): Promise<{ code: string; message: string }>;
  close(): Promise<void>;
}

/** A fresh copy of the golden vault with `role`'s real account signed in (null: nobody). */
async function seat(role: Role | null, prepare?: (dir: string) => void): Promise<Seat> {
  const g = await goldenVault();
  prepare?.(g.dir);
  const core = new CaseSealCore({ vaultDir: g.dir });
  if (role) await core.signIn(g.ids[role], PASSPHRASES[role]);
  const call = async <T>(channel: Channel, payload: unknown = {}, io: Io = {}): Promise<T> => {
    const handlers = createHandlers(core, io) as unknown as Record<
      Channel,
      (i: unknown) => Promise<unknown>
    >;
    return (await handlers[channel](contract[channel].parse(payload))) as T;
  };
  const refusal = async (channel: Channel, payload: unknown = {}, io: Io = {}) => {
    try {
      await call(channel, payload, io);
    } catch (e) {
      const err = e as { code: string; message: string };
      return { code: err.code, message: err.message };
    }
    throw new Error(`${channel} was answered, not refused`);
  };
  return {
    ...g,
    core,
    call,
    refusal,
    close: async () => {
      await core.close();
      g.remove();
    },
  };
}

// The describes below are ordered cheapest first: under StrykerJS a mutant runs the tests that
// reach it in file order and stops at the first failure, so the shared session's tests (milliseconds
// each) go before those that sign a second account in on a copy of their own.
describe('the handler table over a real vault', () => {
  const seats: Seat[] = [];
  afterEach(async () => {
    while (seats.length) await seats.pop()!.close();
  });
  async function fresh(role: Role | null, prepare?: (dir: string) => void): Promise<Seat> {
    const s = await seat(role, prepare);
    seats.push(s);
    return s;
  }
  let dsl: Seat;

  describe('the DSL at the unlocked PC (one shared session)', () => {
    // These calls share one DSL session on one copy: the read-only ones first, then those that
    // change the vault (in file order, so that each still sees what it expects), the lock last.
    beforeAll(async () => {
      dsl = await seat('dsl');
    }, 10 * 60_000);
    afterAll(async () => {
      await dsl?.close();
    });

    it('the DSL signed in: the status names them, the school and the clean sign-in check, and offers all four accounts', async () => {
      const st = await dsl.call('app:vault.status');
      expect(st).toEqual({
        state: 'unlocked',
        accounts: expect.any(Array),
        session: {
          accountId: dsl.ids.dsl,
          name: DSL.fullName,
          role: 'dsl',
          school: SCHOOL,
          idleLockMinutes: expect.any(Number),
          vaultOpen: true,
          integrity: {
            ok: true,
            mode: 'incremental',
            checked: expect.any(Number),
            problems: [],
          },
        },
      });
      const accounts = (st as { accounts: Array<{ id: string; name: string }> }).accounts;
      expect(accounts.map((a) => a.id).sort()).toEqual(Object.values(dsl.ids).sort());
    });

    it('every call but the status poll counts as activity for the idle lock', async () => {
      const s = dsl.core.currentSession()!;
      s.lastActivity = 0;
      await dsl.call('app:vault.status');
      expect(s.lastActivity).toBe(0);
      await dsl.call('app:settings.get');
      expect(s.lastActivity).toBeGreaterThan(0);
    });

    it('the DSL lists the accounts: name, role, state and dates, and nothing else', async () => {
      const list = await dsl.call<Array<Record<string, unknown>>>('app:accounts.list');
      expect(list).toHaveLength(4);
      for (const role of ['dsl', 'deputy', 'slt', 'staff'] as const) {
        expect(list.find((a) => a.id === dsl.ids[role])).toEqual({
          id: dsl.ids[role],
          name: NAMES[role],
          role,
          active: true,
          createdAt: expect.any(String),
          disabledAt: null,
        });
      }
    });

    it('settings, categories, trust, dashboard and backups each answer', async () => {
      expect(await dsl.call('app:settings.get')).toMatchObject({ school: SCHOOL });
      expect(await dsl.call('app:categories.list')).toEqual(expect.any(Array));
      expect(await dsl.call('app:trust.info')).toMatchObject({
        schoolKeyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(await dsl.call('app:dashboard.get')).toEqual(expect.any(Object));
      expect(await dsl.call('app:backup.status')).toMatchObject({
        config: { folders: [] },
        running: false,
      });
    });

    it('the imagery rules R1–R8 are served to the forms', async () => {
      const rules = await dsl.call<Array<{ id: string }>>('app:imagery.rules');
      expect(rules.map((r) => r.id)).toEqual(IMAGERY_RULES.map((r) => r.id));
    });

    it('the case list, a case, a search, its devices and the referral context', async () => {
      const list = await dsl.call<{ cases: Array<{ id: string }> }>('app:cases.list', {});
      expect(list.cases.map((c) => c.id).sort()).toEqual([dsl.caseId, dsl.smallCaseId].sort());
      const got = await dsl.call<Record<string, unknown>>('app:cases.get', { caseId: dsl.caseId });
      expect(Object.keys(got).sort()).toEqual(['access', 'case', 'facts', 'records']);
      expect(got).toMatchObject({ access: 'full', case: { id: dsl.caseId } });
      expect((got.records as unknown[]).length).toBeGreaterThan(10);
      const hits = await dsl.call<Array<{ caseId: string; recordId: string }>>('app:cases.search', {
        query: 'corridor',
      });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.map((h) => h.caseId)).toContain(dsl.caseId);
      expect(await dsl.call('app:devices.list', { caseId: dsl.caseId })).toHaveLength(2);
      expect(await dsl.call('app:referral.context', { caseId: dsl.caseId })).toEqual(
        expect.any(Object),
      );
    });

    it('the audit trail names each actor and case by name and reference; system entries name nobody', async () => {
      const audit = await dsl.call<Array<Record<string, unknown>>>('app:audit.list', {});
      const mine = audit.find((e) => e.actorId === dsl.ids.dsl && e.caseId === dsl.caseId)!;
      expect(mine).toMatchObject({ actorName: DSL.fullName, caseRef: expect.any(String) });
      expect(Object.keys(mine).sort()).toEqual([
        'action',
        'actorId',
        'actorName',
        'at',
        'caseId',
        'caseRef',
        'detail',
        'hash',
        'recordId',
        'seq',
      ]);
      expect(audit.filter((e) => e.caseId === null).every((e) => e.caseRef === null)).toBe(true);
      expect(audit.filter((e) => e.actorId === null).every((e) => e.actorName === null)).toBe(true);
      // The filter the DSL chose is the one applied: one case's trail only.
      const one = await dsl.call<Array<{ caseId: string | null }>>('app:audit.list', {
        caseId: dsl.smallCaseId,
      });
      expect(one.length).toBeGreaterThan(0);
      expect(one.every((e) => e.caseId === dsl.smallCaseId)).toBe(true);
    });

    it('the whole-log check reports its figures, and the page check then shows its outcome to the DSL', async () => {
      const progress: Array<[number, number]> = [];
      const stop = dsl.core.onEvent(
        (e) => e.type === 'progress' && e.task === 'integrity' && progress.push([e.done, e.total]),
      );
      const r = await dsl.call<Record<string, unknown>>('app:integrity.checkAll');
      stop();
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toEqual([r.checked, r.checked]);
      expect(r).toEqual({
        ok: true,
        mode: 'full',
        checked: expect.any(Number),
        auditChecked: expect.any(Number),
        at: expect.any(String),
        problems: [],
      });
      const pc = await dsl.call<Record<string, unknown>>('app:integrity.pageCheck');
      // The whole-log check read every page too: the dashboard shows that outcome, and no more.
      expect(pc).toEqual({
        state: 'done',
        done: expect.any(Number),
        total: expect.any(Number),
        result: {
          outcome: 'intact',
          pages: expect.any(Number),
          message: expect.any(String),
          finishedAt: expect.any(String),
        },
      });
    });

    it('without a save dialog the set-up sheet, the seal and a receipt are refused in plain words', async () => {
      expect(await dsl.refusal('app:trust.setupSheet')).toEqual({
        code: 'EXPORT_FAILED',
        message: 'CaseSeal cannot ask where to save the set-up sheet here.',
      });
      expect(await dsl.refusal('app:seal.print')).toEqual({
        code: 'EXPORT_FAILED',
        message: 'CaseSeal cannot ask where to save the seal here.',
      });
      const devices = await dsl.call<Array<{ deviceId: string }>>('app:devices.list', {
        caseId: dsl.caseId,
      });
      expect(await dsl.refusal('app:devices.receipt', { deviceId: devices[0]!.deviceId })).toEqual({
        code: 'EXPORT_FAILED',
        message: 'CaseSeal cannot ask where to save the receipt here.',
      });
      expect(await dsl.refusal('app:seal.checkPdf')).toEqual({
        code: 'BAD_INPUT',
        message: 'CaseSeal cannot ask for a file here.',
      });
    });

    it('without a dialog, an export, a bundle to verify, a backup folder or a backup to restore are refused in plain words', async () => {
      expect(
        await dsl.refusal('app:export.create', {
          caseIds: [dsl.caseId],
          recipient: {
            officerName: 'DC Rowan Whitlock',
            force: 'Kingsford Constabulary',
            reference: 'KB-1',
          },
          encrypt: false,
        }),
      ).toEqual({
        code: 'EXPORT_FAILED',
        message: 'CaseSeal cannot ask where to save the export here.',
      });
      expect(await dsl.refusal('app:export.pickBundle')).toEqual({
        code: 'BUNDLE_UNUSABLE',
        message: 'CaseSeal cannot ask which file to verify here.',
      });
      expect(await dsl.refusal('app:backup.addFolder')).toEqual({
        code: 'BAD_INPUT',
        message: 'CaseSeal cannot ask for a folder here.',
      });
      expect(await dsl.refusal('app:backup.now')).toEqual({
        code: 'BAD_INPUT',
        message: 'Choose a backup folder first.',
      });
      expect(await dsl.refusal('app:restore.pick')).toEqual({
        code: 'BAD_INPUT',
        message: 'CaseSeal cannot ask for a file here.',
      });
      expect(await dsl.call('app:export.cancel')).toEqual({ cancelled: false });
    });

    it('attack: someone at the unlocked PC starts set-up again, or confirms a set-up never begun — both refused; cancelling is harmless', async () => {
      expect(await dsl.refusal('app:setup.begin', { school: SCHOOL, dsl: DSL })).toMatchObject({
        code: 'ALREADY_SET_UP',
      });
      expect(await dsl.refusal('app:setup.confirm', { groups: { '0': 'ABCD' } })).toMatchObject({
        code: 'SETUP_NOT_STARTED',
      });
      expect(await dsl.call('app:setup.cancel')).toBeNull();
      expect(dsl.core.currentSession()?.account.id).toBe(dsl.ids.dsl);
    });

    it('attack: crafted calls naming a case, record, device, audit entry or backup folder that does not exist (ids guessed) are refused as not found — never “forbidden”, never answered as done', async () => {
      const ghost = '00000000-0000-4000-8000-00000000dead';
      const w = dsl;
      const tries: Array<[Channel, unknown]> = [
        ['app:cases.get', { caseId: ghost }],
        ['app:referral.context', { caseId: ghost }],
        ['app:devices.list', { caseId: ghost }],
        ['app:devices.add', { caseId: ghost, body: {} }],
        ['app:devices.step', { deviceId: ghost, kind: 'custody-returned', body: {} }],
        ['app:records.correct', { recordId: ghost, reason: 'Wrong room.', corrected: noteBody() }],
        [
          'app:records.countersign',
          {
            recordId: ghost,
            purpose: 'witness',
            accountId: w.ids.slt,
            passphrase: PASSPHRASES.slt,
          },
        ],
        ['app:imagery.check', { caseId: ghost, body: {} }],
        ['app:imagery.finalise', { recordId: ghost }],
        ['app:dashboard.acknowledgeClock', { auditSeq: 99999 }],
        ['app:dashboard.acknowledgeAlarm', { auditSeq: 99999 }],
        ['app:backup.removeFolder', { folder: '/nowhere/at/all' }],
      ];
      for (const [channel, payload] of tries)
        expect(await w.refusal(channel, payload), channel).toEqual({
          code: 'NOT_FOUND',
          message: ERROR_MESSAGES.NOT_FOUND,
        });
      expect(await w.refusal('app:export.receipt', { exportId: ghost })).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await w.refusal('app:export.verify', { token: ghost })).toEqual({
        code: 'NOT_FOUND',
        message: 'Choose the export file again.',
      });
      expect(
        await w.refusal('app:restore.run', { token: ghost, secret: 'whatever' }),
      ).toMatchObject({
        code: expect.stringMatching(/^[A-Z_]+$/),
      });
    });

    it('attack: a delegation signed “as another” account with nobody named in it is refused in plain words', async () => {
      const w = dsl;
      expect(
        await w.refusal('app:imagery.signAsOther', {
          caseId: w.caseId,
          kind: 'delegation',
          body: {},
          accountId: w.ids.deputy,
          passphrase: PASSPHRASES.deputy,
        }),
      ).toEqual({
        code: 'BAD_INPUT',
        message: 'Choose member of the safeguarding team given authority to view.',
      });
    });

    it('the renderer’s activity ping postpones the idle lock', async () => {
      const s = dsl.core.currentSession()!;
      s.lastActivity = 0;
      expect(await dsl.call('app:session.touch')).toBeNull();
      expect(s.lastActivity).toBeGreaterThan(0);
    });

    it('the seal is printed where the DSL chooses, and checking it (typed, or from the PDF) names both chains intact', async () => {
      const out = tempDir('caseseal-seal-');
      try {
        const io = { chooseSavePdfPath: async (name: string) => join(out, name) };
        const printed = await dsl.call<{ shortForm: string; saved: boolean; path: string }>(
          'app:seal.print',
          {},
          io,
        );
        expect(printed.saved).toBe(true);
        expect(existsSync(printed.path)).toBe(true);
        const typed = await dsl.call<Record<string, unknown>>('app:seal.check', {
          shortForm: printed.shortForm,
        });
        expect(typed).toEqual({
          ok: true,
          shortForm: printed.shortForm,
          findings: expect.any(Array),
          records: {
            sealed: expect.any(Number),
            head: expect.any(Number),
            matches: true,
            intact: true,
          },
          audit: {
            sealed: expect.any(Number),
            head: expect.any(Number),
            matches: true,
            intact: true,
          },
        });
        expect((typed.records as { sealed: number }).sealed).toBeGreaterThan(10);
        expect((typed.audit as { sealed: number }).sealed).toBeGreaterThan(10);
        const fromPdf = await dsl.call<Record<string, unknown>>(
          'app:seal.checkPdf',
          {},
          {
            chooseSealPdf: async () => printed.path,
          },
        );
        expect(fromPdf).toMatchObject({ ok: true, fileName: printed.path.split('/').pop() });
        expect(
          await dsl.call('app:seal.checkPdf', {}, { chooseSealPdf: async () => null }),
        ).toBeNull();
        expect(readFileSync(printed.path).subarray(0, 5).toString()).toBe('%PDF-');
      } finally {
        removeDir(out);
      }
    });

    it('the set-up sheet and a handover receipt are saved where the DSL chooses', async () => {
      const out = tempDir('caseseal-pdfs-');
      try {
        const io = { chooseSavePdfPath: async (name: string) => join(out, name) };
        const sheet = await dsl.call<{ saved: boolean; path: string }>(
          'app:trust.setupSheet',
          {},
          io,
        );
        expect(sheet).toMatchObject({ saved: true });
        expect(readFileSync(sheet.path).subarray(0, 5).toString()).toBe('%PDF-');
        const devices = await dsl.call<Array<{ deviceId: string }>>('app:devices.list', {
          caseId: dsl.caseId,
        });
        const receipts = [];
        for (const d of devices) {
          receipts.push(
            await dsl
              .call<{ saved: boolean; path: string }>(
                'app:devices.receipt',
                { deviceId: d.deviceId },
                io,
              )
              .catch((e: { code: string }) => e.code),
          );
        }
        // The phone was handed over to the police: its receipt is saved (the tablet was not).
        expect(receipts).toContainEqual({
          fileName: expect.stringMatching(/^handover-receipt-.*\.pdf$/),
          saved: true,
          path: expect.any(String),
        });
      } finally {
        removeDir(out);
      }
    });

    it('a case opened and a note added are each named', async () => {
      const w = dsl;
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
      const note = await w.call<Record<string, unknown>>('app:records.add', {
        caseId: opened.caseId,
        kind: 'note',
        body: noteBody(),
      });
      expect(note).toMatchObject({ caseId: opened.caseId, hash: expect.any(String) });
      const concern = await w.call<Record<string, unknown>>('app:records.concern', {
        body: concernBody(),
      });
      expect(concern).toMatchObject({ recordId: expect.any(String), caseId: expect.any(String) });
    });

    it('a device added as an exhibit is named with its exhibit reference; its custody step is named', async () => {
      const w = dsl;
      const added = await w.call<Record<string, unknown>>('app:devices.add', {
        caseId: w.smallCaseId,
        body: tabletBody(),
      });
      expect(added).toEqual({
        recordId: expect.any(String),
        caseId: w.smallCaseId,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        signedAt: expect.any(String),
        warnings: expect.any(Array),
        findings: expect.any(Array),
        deviceId: expect.any(String),
        exhibitRef: expect.any(String),
      });
      const step = await w.call<Record<string, unknown>>('app:devices.step', {
        deviceId: added.deviceId,
        kind: 'custody-confiscated',
        body: STEP_BODIES['custody-confiscated'](new Date().toISOString().slice(0, 16)),
      });
      expect(step).toMatchObject({ caseId: w.smallCaseId, recordId: expect.any(String) });
    });

    it('settings saved are answered as saved; a new kind of incident is listed, and retired', async () => {
      const w = dsl;
      expect(await w.call('app:settings.update', { idleLockMinutes: 10 })).toMatchObject({
        school: SCHOOL,
        idleLockMinutes: 10,
      });
      const added = await w.call<{ id: string; label: string }>('app:categories.add', {
        label: 'Sharing images off site',
      });
      expect(added).toMatchObject({ label: 'Sharing images off site' });
      const listed = await w.call<Array<{ id: string }>>('app:categories.list');
      expect(listed.map((c) => c.id)).toContain(added.id);
      expect(await w.call('app:categories.retire', { id: added.id })).toEqual(expect.anything());
      expect(await w.call('app:categories.add', { label: '' }).catch((e) => e.code)).toBe(
        'BAD_INPUT',
      );
      const backups = await w.call('app:backup.settings', {
        retention: { daily: 5, weekly: 2, monthly: 6 },
        warnAfter: { amberDays: 3, redDays: 9 },
      });
      expect(backups).toMatchObject({
        retention: { daily: 5, weekly: 2, monthly: 6 },
        warnAfter: { amberDays: 3, redDays: 9 },
      });
    });

    it('a new account is answered with the person only; disabling it shows when', async () => {
      const w = dsl;
      const created = await w.call<Record<string, unknown>>('app:accounts.create', {
        fullName: 'Nadia Newstarter',
        role: 'staff',
        passphrase: 'lantern-pebble-orchid-saffron-62',
      });
      expect(created).toEqual({
        id: expect.any(String),
        name: 'Nadia Newstarter',
        role: 'staff',
        active: true,
        createdAt: expect.any(String),
        disabledAt: null,
      });
      expect(await w.call('app:accounts.disable', { accountId: created.id })).toBeNull();
      const list = await w.call<Array<Record<string, unknown>>>('app:accounts.list');
      expect(list.find((a) => a.id === created.id)).toMatchObject({
        active: false,
        disabledAt: expect.any(String),
      });
    });

    it('a role change is answered with the person in their new role, nothing more', async () => {
      const w = dsl;
      const changed = await w.call('app:accounts.changeRole', {
        accountId: w.ids.slt,
        role: 'staff',
      });
      expect(changed).toEqual({
        id: w.ids.slt,
        name: NAMES.slt,
        role: 'staff',
        active: true,
        createdAt: expect.any(String),
        disabledAt: null,
      });
    });

    it('attack: a team member seals a concern to the intake (the way only staff record one), and is told to use the case log instead', async () => {
      expect(await dsl.refusal('app:intake.seal', { body: concernBody() })).toEqual({
        code: 'NOT_ALLOWED',
        message: 'Record the concern in the case log instead.',
      });
    });

    it('locking answers null and leaves nobody signed in; the screen is told the person locked it (not the idle timer)', async () => {
      const w = dsl;
      const events: unknown[] = [];
      const stop = w.core.onEvent((e) => e.type === 'locked' && events.push(e));
      expect(await w.call('app:session.lock')).toBeNull();
      stop();
      expect(events).toEqual([{ type: 'locked', reason: 'manual' }]);
      expect(w.core.currentSession()).toBeNull();
      expect(await w.call('app:vault.status')).toMatchObject({ state: 'locked', session: null });
    });
  });

  describe('nobody signed in: what the status poll says', () => {
    it('locked: the picker offers every account by name and nobody is signed in', async () => {
      const locked = await fresh(null);
      const st = await locked.call<{ state: string; accounts: Array<{ id: string }> }>(
        'app:vault.status',
      );
      // Strict: a locked vault says nothing more (no message key at all).
      expect(st).toStrictEqual({ state: 'locked', accounts: expect.any(Array), session: null });
      expect(st.accounts.map((a) => a.id).sort()).toEqual(Object.values(locked.ids).sort());
    });

    it('attack: the vault file moved away, its key slots left — the status says so plainly and offers nobody a sign-in', async () => {
      const broken = await fresh(null, (dir) =>
        renameSync(vaultPathsIn(dir).db, join(dir, 'moved-away.db')),
      );
      expect(await broken.call('app:vault.status')).toEqual({
        state: 'damaged',
        message: expect.stringMatching(/^The case vault file is missing/),
        accounts: [],
        session: null,
      });
    });
  });

  describe('a staff member’s session (one shared session): no vault, no school, no page check', () => {
    let staff: Seat;
    beforeAll(async () => {
      staff = await seat('staff');
    }, 10 * 60_000);
    afterAll(async () => {
      await staff?.close();
    });

    it('attack: a staff member’s session asks what the school is called — their session has no vault, so they are told nothing of it', async () => {
      const st = await staff.call<{ session: unknown }>('app:vault.status');
      expect(st.session).toEqual({
        accountId: staff.ids.staff,
        name: NAMES.staff,
        role: 'staff',
        school: { name: '', urn: '', localAuthority: '' },
        idleLockMinutes: 5,
        vaultOpen: false,
        integrity: null,
      });
    });

    it('attack: a staff member asks for the page check or a seal check from a PDF, and is refused before any dialog opens', async () => {
      let asked = false;
      const io = {
        chooseSealPdf: async () => {
          asked = true;
          return null;
        },
      };
      expect((await staff.refusal('app:integrity.pageCheck')).code).toBe('NOT_ALLOWED');
      expect((await staff.refusal('app:seal.checkPdf', {}, io)).code).toBe('NOT_ALLOWED');
      expect(asked).toBe(false);
    });

    it('a staff member seals a concern and is given a receipt', async () => {
      const receipt = await staff.call('app:intake.seal', { body: concernBody() });
      expect(receipt).toEqual({
        reference: expect.any(String),
        sealedAt: expect.any(String),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
  });

  describe('the other roles’ checks', () => {
    it('attack: a senior leader asks for the vault’s page check (a DSL and deputy matter) and is refused', async () => {
      const slt = await fresh('slt');
      expect((await slt.refusal('app:integrity.pageCheck')).code).toBe('NOT_ALLOWED');
    });

    it('a deputy may see the page check', async () => {
      const deputy = await fresh('deputy');
      expect(await deputy.call('app:integrity.pageCheck')).toMatchObject({
        state: expect.any(String),
      });
    });
  });

  describe('sign-in and set-up on copies of their own', () => {
    it('attack: a record’s text edited in the vault file while the app was closed — the DSL is told at sign-in, the record and its case named', async () => {
      const tampered = await fresh(null);
      // The insider edits one signed record with SQL and the real vault key.
      const db = await openVaultDb(vaultPathsIn(tampered.dir).db, tampered.vaultKey, {
        create: false,
        migrate: false,
      });
      await db.exec('DROP TRIGGER IF EXISTS records_no_update');
      const row = (await db.get<{ seq: number; id: string; case_id: string; envelope: string }>(
        "SELECT seq, id, case_id, envelope FROM records WHERE kind = 'note' ORDER BY seq LIMIT 1",
      ))!;
      const target = { id: row.id, caseId: row.case_id };
      await db.run('UPDATE records SET envelope = ? WHERE seq = ?', [
        row.envelope.replace('"body":{', '"body":{"x":1,'),
        row.seq,
      ]);
      await db.close();
      const s = await tampered.call<{ integrity: { ok: boolean; problems: unknown[] } }>(
        'app:session.signIn',
        { accountId: tampered.ids.dsl, passphrase: PASSPHRASES.dsl },
      );
      expect(s.integrity.ok).toBe(false);
      expect(s.integrity.problems).toContainEqual({
        problem: expect.any(String),
        recordId: target.id,
        caseId: target.caseId,
        message: expect.any(String),
      });
      for (const p of s.integrity.problems)
        expect(Object.keys(p as object).sort()).toEqual([
          'caseId',
          'message',
          'problem',
          'recordId',
        ]);
    });

    // A wrong passphrase locks the session it was typed in: this one has a copy of its own.
    it('attack: a wrong current passphrase or a made-up recovery key is refused, never answered as done', async () => {
      const w = await fresh('dsl');
      const fakeKey = Array.from({ length: 10 }, () => 'ABCD').join('-');
      const refusals = [
        await w.refusal('app:accounts.changePassphrase', {
          current: 'not-my-passphrase-at-all-11',
          next: 'brand-new-passphrase-words-22',
        }),
        await w.refusal('app:accounts.resetWithRecovery', {
          accountId: w.ids.dsl,
          recoveryKey: fakeKey,
          newPassphrase: 'brand-new-passphrase-words-22',
        }),
        await w.refusal('app:trust.addSchoolKeyToRecovery', { recoveryKey: fakeKey }),
        await w.refusal('app:accounts.appointWithRecovery', {
          recoveryKey: fakeKey,
          fullName: 'Rex Replacement-Lead',
          passphrase: PASSPHRASES.deputy,
        }),
      ];
      expect(refusals.map((r) => r.code)).toEqual([
        'WRONG_PASSPHRASE',
        'WRONG_RECOVERY_KEY',
        'WRONG_RECOVERY_KEY',
        'WRONG_RECOVERY_KEY',
      ]);
    });

    it('a new computer: set-up begins with a recovery key to write down and the groups to confirm', async () => {
      const dir = tempDir('caseseal-setup-');
      const core = new CaseSealCore({ vaultDir: dir });
      try {
        const handlers = createHandlers(core) as unknown as Record<
          Channel,
          (i: unknown) => Promise<unknown>
        >;
        const begun = (await handlers['app:setup.begin'](
          contract['app:setup.begin'].parse({ school: SCHOOL, dsl: DSL }),
        )) as { recoveryKey: string; confirmGroups: number[] };
        expect(begun.recoveryKey.split('-').length).toBeGreaterThan(4);
        // Cancelled: the key shown is forgotten, so confirming it now is refused.
        expect(await handlers['app:setup.cancel']({})).toBeNull();
        const groups = begun.recoveryKey.split('-');
        const confirm = contract['app:setup.confirm'].parse({
          groups: Object.fromEntries(begun.confirmGroups.map((i) => [String(i), groups[i]!])),
        });
        await expect(handlers['app:setup.confirm'](confirm)).rejects.toMatchObject({
          code: 'SETUP_NOT_STARTED',
        });
        const again = (await handlers['app:setup.begin'](
          contract['app:setup.begin'].parse({ school: SCHOOL, dsl: DSL }),
        )) as { recoveryKey: string; confirmGroups: number[] };
        const groups2 = again.recoveryKey.split('-');
        const s = await handlers['app:setup.confirm'](
          contract['app:setup.confirm'].parse({
            groups: Object.fromEntries(again.confirmGroups.map((i) => [String(i), groups2[i]!])),
          }),
        );
        expect(s).toMatchObject({
          name: DSL.fullName,
          role: 'dsl',
          school: SCHOOL,
          vaultOpen: true,
        });
      } finally {
        await core.close();
        removeDir(dir);
      }
    });
  });
});
