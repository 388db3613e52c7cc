// The dashboard triages (R1, R11, R17) over a real vault with a fixed clock: an imagery concern is
// urgent at once; an imagery case stays listed with its next steps until the referral check and
// the viewing decision are recorded; a missed deletion deadline shows red until it is confirmed or
// followed up; migration 0040 back-fills the rows of vaults made before the triage.
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import type { DashboardData } from '../../src/shared/dashboard';
import { migration0070 } from '../../src/main/db/migrations/0070-triage';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, concernBody } from '../helpers/records';
import { deletionBody, manageInSchoolBody } from '../helpers/referralRecords';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** 1 and 2 December 2026 are GMT: UK wall-clock equals UTC. */
const at = (hm: string, day = '2026-12-01') => new Date(`${day}T${hm}:00.000Z`);

async function world() {
  let now = at('08:00');
  const v = await setUpVault({ clock: () => now });
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const handlers = createHandlers(v.core);
  async function ok<T = unknown>(channel: string, payload: unknown): Promise<T> {
    const r = await dispatch(handlers, channel, payload, { trustedSender: true });
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  const dashboard = () => ok<DashboardData>('app:dashboard.get', {});
  const items = async (kind: string) => (await dashboard()).items.filter((i) => i.kind === kind);
  return {
    ...v,
    ok,
    dashboard,
    items,
    setClock: (d: Date) => {
      now = d;
    },
  };
}

const NOT_VIEW = {
  decision: 'not-view',
  knownAboutImagery: 'Described by Ava in words.',
  reason: 'Her account is clear; nothing would be gained by viewing.',
};

describe('the dashboard triages imagery cases (R1, R11)', () => {
  it('an imagery concern from staff is urgent at once, and stays with its next steps until both are recorded', async () => {
    const w = await world();
    const staffId = await addAccount(w.core, 'staff', 'Imogen Staffwell');
    w.setClock(at('08:10'));
    // The staff member seals the concern; the DSL's sign-in imports it and starts its case.
    await w.core.signIn(staffId, PASSPHRASES.staff);
    await w.ok('app:intake.seal', { body: concernBody({ imagery: true }) });
    await w.core.signIn(w.dslId, PASSPHRASES.dsl);
    const concern = {
      caseId: (await w.core
        .requireDb()
        .get<{ case_id: string }>("SELECT case_id FROM records WHERE kind = 'sealed-concern'"))!
        .case_id,
    };

    let imagery = await w.items('imagery-steps');
    expect(imagery).toHaveLength(1);
    expect(imagery[0]).toMatchObject({
      caseId: concern.caseId,
      severity: 'urgent',
      since: at('08:10').toISOString(),
      target: { screen: 'case', caseId: concern.caseId },
    });
    expect(imagery[0]!.title).toMatch(/New concern involving imagery/);
    expect(imagery[0]!.detail).toMatch(/R11/);
    expect(imagery[0]!.detail).toMatch(/R1/);

    // Opened as a case: both steps are listed as the case's tasks.
    w.setClock(at('08:30'));
    await w.ok('app:cases.open', { fromCaseId: concern.caseId, details: caseDetails() });
    imagery = await w.items('imagery-steps');
    expect(imagery.map((i) => i.steps?.map((s) => s.kind))).toEqual([
      ['referral-check', 'viewing-decision'],
    ]);

    // The referral check alone does not take it off: the viewing decision is still missing.
    w.setClock(at('09:00'));
    await w.ok('app:records.add', {
      caseId: concern.caseId,
      kind: 'referral-check',
      body: manageInSchoolBody(),
    });
    imagery = await w.items('imagery-steps');
    expect(imagery.map((i) => i.steps?.map((s) => s.kind))).toEqual([['viewing-decision']]);
    expect(imagery[0]!.severity).toBe('urgent');

    // The decision (not to view, the default) completes the steps.
    await w.ok('app:records.add', {
      caseId: concern.caseId,
      kind: 'viewing-decision',
      body: NOT_VIEW,
    });
    expect(await w.items('imagery-steps')).toEqual([]);
  });

  it('a concern without imagery is not an imagery item', async () => {
    const w = await world();
    const staffId = await addAccount(w.core, 'staff', 'Imogen Staffwell');
    await w.core.signIn(staffId, PASSPHRASES.staff);
    await w.ok('app:intake.seal', { body: concernBody({ imagery: false }) });
    await w.core.signIn(w.dslId, PASSPHRASES.dsl);
    expect(await w.items('imagery-steps')).toEqual([]);
    expect((await w.dashboard()).items.map((i) => i.kind)).toEqual(['concern-review']);
  });
});

describe('the dashboard shows a missed deletion deadline (R17)', () => {
  it('a deadline of 16:00 on 2 December missed is red at 16:01, until a follow-up is recorded (R17)', async () => {
    const w = await world();
    const details = caseDetails();
    const childId = (details.children as Array<{ id: string }>)[0]!.id;
    const { caseId } = await w.ok<{ caseId: string }>('app:cases.open', { details });
    w.setClock(at('09:00'));
    await w.ok('app:records.add', { caseId, kind: 'referral-check', body: manageInSchoolBody() });
    w.setClock(at('09:30'));
    const instruction = await w.ok<{ recordId: string }>('app:records.add', {
      caseId,
      kind: 'deletion-instruction',
      body: deletionBody(childId, {
        instructedAt: '2026-12-01T09:20',
        deadline: '2026-12-02T16:00',
      }),
    });

    // Before the deadline: nothing missed.
    w.setClock(at('15:59', '2026-12-02'));
    expect(await w.items('deletion-missed')).toEqual([]);

    // One minute after: urgent (red), with the deadline and the two ways to act.
    w.setClock(at('16:01', '2026-12-02'));
    const missed = await w.items('deletion-missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({
      severity: 'urgent',
      due: '2026-12-02T16:00:00.000Z',
      target: { screen: 'case', caseId, recordId: instruction.recordId },
    });
    expect(missed[0]!.steps!.map((s) => s.kind)).toEqual([
      'deletion-confirmed',
      'deletion-follow-up',
    ]);

    // Still there the next day: it never disappears on its own.
    w.setClock(at('09:00', '2026-12-03'));
    expect(await w.items('deletion-missed')).toHaveLength(1);

    // A follow-up with a new deadline keeps it open, off the list until that deadline passes.
    await w.ok('app:records.add', {
      caseId,
      kind: 'deletion-follow-up',
      body: {
        instruction: instruction.recordId,
        what: 'Spoke to Ava again; she needs her parent’s help with the cloud account.',
        newDeadline: '2026-12-04T12:00',
      },
    });
    expect(await w.items('deletion-missed')).toEqual([]);
    w.setClock(at('12:01', '2026-12-04'));
    expect((await w.items('deletion-missed')).map((i) => i.due)).toEqual([
      '2026-12-04T12:00:00.000Z',
    ]);

    // A follow-up without a new deadline is the recorded follow-up: it leaves the dashboard.
    await w.ok('app:records.add', {
      caseId,
      kind: 'deletion-follow-up',
      body: {
        instruction: instruction.recordId,
        what: 'Parents informed; the police asked for advice about the cloud copy.',
      },
    });
    expect(await w.items('deletion-missed')).toEqual([]);
  });

  it('a confirmation takes a missed deadline off the dashboard (R17)', async () => {
    const w = await world();
    const details = caseDetails();
    const childId = (details.children as Array<{ id: string }>)[0]!.id;
    const { caseId } = await w.ok<{ caseId: string }>('app:cases.open', { details });
    w.setClock(at('09:00'));
    await w.ok('app:records.add', { caseId, kind: 'referral-check', body: manageInSchoolBody() });
    const instruction = await w.ok<{ recordId: string }>('app:records.add', {
      caseId,
      kind: 'deletion-instruction',
      body: deletionBody(childId, {
        instructedAt: '2026-12-01T08:50',
        deadline: '2026-12-01T12:00',
      }),
    });
    w.setClock(at('13:00'));
    expect(await w.items('deletion-missed')).toHaveLength(1);
    await w.ok('app:records.add', {
      caseId,
      kind: 'deletion-confirmed',
      body: {
        instruction: instruction.recordId,
        confirmedBy: 'Ava',
        confirmedAt: '2026-12-01T12:55',
        how: 'Ava and her mother confirmed in a meeting.',
      },
    });
    expect(await w.items('deletion-missed')).toEqual([]);
  });
});

describe('migration 0040', () => {
  it('back-fills the triage rows of a vault made before the triage', async () => {
    const w = await world();
    const { caseId } = await w.ok<{ caseId: string }>('app:cases.open', { details: caseDetails() });
    const rows = () =>
      w.core
        .requireDb()
        .all<{ source: string }>("SELECT source FROM case_waiting WHERE source = 'imagery-steps'");
    expect(await rows()).toHaveLength(1);
    await w.core.requireDb().transaction(async (c) => {
      await c.run("DELETE FROM case_waiting WHERE source = 'imagery-steps'");
      await migration0070.up(c);
    });
    expect(await rows()).toHaveLength(1);
    expect((await w.items('imagery-steps')).map((i) => i.caseId)).toEqual([caseId]);
  });
});
