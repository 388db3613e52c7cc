// The kinds of incident as data, over a real vault through the IPC handler table: the categories
// DSLs use are built in; the DSL or a deputy adds the school's own (a signed audit entry), which new
// cases may name and whose name main signs into the case record; a kind is retired, never deleted
// or renamed. Attacks: other roles adding through IPC, hostile names, forged or retired kinds on a
// case, and someone with the vault key editing the table in SQL.
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { INCIDENT_KINDS } from '../../src/shared/records/kinds/options';
import type { IncidentCategoryInfo } from '../../src/shared/incidentCategories';
import type { CaseDetail } from '../../src/shared/ipc/contract';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const v = await setUpVault({ clock: () => new Date('2026-11-23T10:00:00.000Z') });
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const handlers = createHandlers(v.core, {});
  const call = (channel: string, payload: unknown) =>
    dispatch(handlers, channel, payload, { trustedSender: true });
  async function ok<T = unknown>(channel: string, payload: unknown): Promise<T> {
    const r = await call(channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  async function fails(channel: string, payload: unknown) {
    const r = await call(channel, payload);
    if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return r.error;
  }
  const db = () => v.core.requireDb();
  const rows = async () =>
    db().all<{ id: string; label: string; retired_at: string | null }>(
      'SELECT id, label, retired_at FROM incident_categories ORDER BY id',
    );
  const audit = async () =>
    db().all<{ action: string; actor_id: string; detail: string }>(
      "SELECT action, actor_id, detail FROM audit WHERE action LIKE 'category-%' ORDER BY seq",
    );
  const signIn = (id: string, role: keyof typeof PASSPHRASES) =>
    v.core.signIn(id, PASSPHRASES[role]);
  return { ...v, call, ok, fails, rows, audit, signIn, db };
}

describe('the categories DSLs use', () => {
  it('are built into the list of kinds of incident, with "Other" last', () => {
    const labels = INCIDENT_KINDS.map((k) => k.label.toLowerCase());
    for (const want of [
      'neglect',
      'physical abuse',
      'emotional abuse',
      'sexual abuse',
      'child-on-child abuse',
      'domestic abuse',
      'mental health',
      'attendance',
      'prevent',
      'child sexual or criminal exploitation',
      'online safety',
    ])
      expect(labels.some((l) => l.includes(want))).toBe(true);
    expect(INCIDENT_KINDS.at(-1)!.value).toBe('other');
  });
});

describe('the school’s own kinds of incident', () => {
  it('the DSL adds one (audited, signed); a new case names it and main signs its name into the record; retired, it stays on that case but is no longer offered or accepted', async () => {
    const w = await world();
    const added = await w.ok<{ id: string; label: string }>('app:categories.add', {
      label: '  Substance   misuse ',
    });
    expect(added.id).toMatch(/^school-[0-9a-f]{8}$/);
    expect(added.label).toBe('Substance misuse');
    expect(await w.audit()).toEqual([
      {
        action: 'category-added',
        actor_id: w.dslId,
        detail: JSON.stringify({ id: added.id, label: 'Substance misuse' }),
      },
    ]);
    // The audit chain, its signatures included, still checks out.
    expect((await w.ok<{ ok: boolean }>('app:integrity.checkAll', {})).ok).toBe(true);

    // The form cannot choose the name signed into the record: main replaces it with the table's.
    const opened = await w.ok<{ caseId: string }>('app:cases.open', {
      details: caseDetails({
        incidentKind: added.id,
        categories: undefined,
        incidentKindLabel: 'Nothing to see here',
      }),
    });
    const detail = await w.ok<CaseDetail>('app:cases.get', { caseId: opened.caseId });
    const rec = detail.records.find((r) => r.envelope.kind === 'case-opened')!;
    expect(rec.envelope.body.incidentKind).toBe(added.id);
    expect(rec.envelope.body.incidentKindLabel).toBe('Substance misuse');
    expect(detail.case.incidentKind).toBe(added.id);
    let list = await w.ok<IncidentCategoryInfo[]>('app:categories.list', {});
    expect(list).toMatchObject([{ id: added.id, casesUsing: 1, retiredAt: null }]);

    await w.ok('app:categories.retire', { id: added.id });
    list = await w.ok<IncidentCategoryInfo[]>('app:categories.list', {});
    expect(list[0]!.retiredAt).not.toBeNull();
    expect((await w.audit()).map((a) => a.action)).toEqual(['category-added', 'category-retired']);
    // Still on its case, with its signed name; not accepted for a new case.
    const again = await w.ok<CaseDetail>('app:cases.get', { caseId: opened.caseId });
    expect(
      again.records.find((r) => r.envelope.kind === 'case-opened')!.envelope.body,
    ).toMatchObject({ incidentKindLabel: 'Substance misuse' });
    const refused = await w.fails('app:cases.open', {
      details: caseDetails({ incidentKind: added.id, categories: undefined }),
    });
    expect(refused).toMatchObject({
      code: 'BAD_INPUT',
      message: 'Choose a kind of incident from the list.',
    });
    // A correction of that case may keep it.
    await w.ok('app:records.correct', {
      recordId: rec.envelope.id,
      reason: 'The title was too vague.',
      corrected: {
        ...caseDetails({ incidentKind: added.id, categories: undefined }),
        title: 'Vapes sold in Year 10',
      },
    });
    // Retiring twice is a clear refusal; the name is never reused.
    expect(await w.fails('app:categories.retire', { id: added.id })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await w.fails('app:categories.add', { label: 'substance misuse' })).toMatchObject({
      code: 'BAD_INPUT',
    });
  });

  it('a deputy may add one too', async () => {
    const w = await world();
    const deputyId = await addAccount(w.core, 'deputy', 'Oswin Deputy');
    await w.signIn(deputyId, 'deputy');
    await w.ok('app:categories.add', { label: 'Young carers' });
    expect((await w.audit())[0]).toMatchObject({ action: 'category-added', actor_id: deputyId });
  });
});

describe('attacks on the list of kinds', () => {
  it('a senior leader or a member of staff adding or retiring a kind through IPC is refused and nothing is saved', async () => {
    const w = await world();
    const sltId = await addAccount(w.core, 'slt', 'Barnaby Headworth');
    const staffId = await addAccount(w.core, 'staff', 'Imogen Staffwell');
    const { id } = await w.ok<{ id: string }>('app:categories.add', { label: 'Young carers' });
    await w.signIn(sltId, 'slt');
    expect(await w.fails('app:categories.add', { label: 'Gang activity' })).toMatchObject({
      code: 'NOT_ALLOWED',
    });
    expect(await w.fails('app:categories.retire', { id })).toMatchObject({ code: 'NOT_ALLOWED' });
    // A senior leader reads cases that name the school's kinds, so may read the list.
    expect(await w.ok<IncidentCategoryInfo[]>('app:categories.list', {})).toHaveLength(1);
    await w.signIn(staffId, 'staff');
    expect(await w.fails('app:categories.add', { label: 'Gang activity' })).toMatchObject({
      code: 'NOT_ALLOWED',
    });
    expect(await w.fails('app:categories.list', {})).toMatchObject({ code: 'NOT_ALLOWED' });
    await w.signIn(w.dslId, 'dsl');
    const rows = await w.rows();
    expect(rows).toEqual([{ id, label: 'Young carers', retired_at: null }]);
    expect((await w.audit()).map((a) => a.action)).toEqual(['category-added']);
  });

  it('hostile names — duplicates by case, accents or spacing, built-in names, markup, imagery, too long, empty, extra fields — are refused in plain words and nothing is saved', async () => {
    const w = await world();
    await w.ok('app:categories.add', { label: 'Young carers' });
    const cases: Array<[unknown, string, RegExp]> = [
      [{ label: 'YOUNG   Carers' }, 'BAD_INPUT', /has already been added/],
      [{ label: 'Yóung carers' }, 'BAD_INPUT', /has already been added/],
      [{ label: 'neglect' }, 'BAD_INPUT', /already in the list of kinds of incident/],
      [{ label: 'Mental Health' }, 'BAD_INPUT', /already in the list/],
      [{ label: '<img src=x onerror=alert(1)>' }, 'BAD_INPUT', /letters, numbers, spaces/],
      [{ label: "Robert'); DROP TABLE cases;--" }, 'BAD_INPUT', /letters, numbers, spaces/],
      [
        {
          label:
            'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        },
        'IMAGERY_REFUSED',
        /./,
      ],
      [{ label: 'x'.repeat(81) }, 'BAD_INPUT', /80 characters or fewer/],
      [{ label: '   ' }, 'BAD_INPUT', /Enter the name/],
      [{ label: 'Gangs', id: 'school-00000000' }, 'BAD_INPUT', /./],
      [{ label: 42 }, 'BAD_INPUT', /./],
    ];
    for (const [payload, code, message] of cases) {
      const e = await w.fails('app:categories.add', payload);
      expect(e.code, JSON.stringify(payload)).toBe(code);
      expect(e.message).toMatch(message);
      expect(e.message).not.toMatch(/SQLITE|constraint|Invalid input|received/i);
    }
    expect(await w.rows()).toHaveLength(1);
    expect(await w.audit()).toHaveLength(1);
  });

  it('a case naming a made-up kind, or a built-in kind with a forged signed name, is refused or corrected by main', async () => {
    const w = await world();
    expect(
      await w.fails('app:cases.open', {
        details: caseDetails({ incidentKind: 'school-deadbeef', categories: undefined }),
      }),
    ).toMatchObject({ code: 'BAD_INPUT', message: 'Choose a kind of incident from the list.' });
    expect(
      (
        await w.fails('app:cases.open', {
          details: caseDetails({ incidentKind: 'school-<script>', categories: undefined }),
        })
      ).code,
    ).toBe('BAD_INPUT');
    const opened = await w.ok<{ caseId: string }>('app:cases.open', {
      details: caseDetails({ incidentKindLabel: 'Nothing serious' }),
    });
    const detail = await w.ok<CaseDetail>('app:cases.get', { caseId: opened.caseId });
    const body = detail.records.find((r) => r.envelope.kind === 'case-opened')!.envelope.body;
    expect(body.incidentKind).toBe('nudes');
    expect(body.incidentKindLabel).toBeUndefined();
  });

  it('someone with the vault key deleting or renaming a kind in SQL is refused by the vault itself', async () => {
    const w = await world();
    const { id } = await w.ok<{ id: string }>('app:categories.add', { label: 'Young carers' });
    const raw = w.db();
    await expect(raw.run('DELETE FROM incident_categories WHERE id = ?', [id])).rejects.toThrow(
      /never deleted/,
    );
    await expect(
      raw.run("UPDATE incident_categories SET label = 'Nothing' WHERE id = ?", [id]),
    ).rejects.toThrow(/only be retired/);
    await w.ok('app:categories.retire', { id });
    await expect(
      raw.run('UPDATE incident_categories SET retired_at = NULL, retired_by = NULL WHERE id = ?', [
        id,
      ]),
    ).rejects.toThrow(/only be retired/);
    expect(await w.rows()).toMatchObject([{ id, label: 'Young carers' }]);
  });
});
