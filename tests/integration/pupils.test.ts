// Pupils as signed records (R7, R11, R17 from the pupil record; records are evidence): one child in
// three cases appears once with all three in the chronology; corrections show as corrections; a
// senior leader sees only the cases they may, on the child's page and through crafted IPC calls;
// the printed chronology's text matches the records and printing is audited; search finds pupils
// by any name, year group or UPN, and case search knows the guidance's synonyms.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import * as pupils from '../../src/main/core/pupils/pupilService';
import { pupilChronology } from '../../src/main/core/pupils/chronologyService';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { caseFacts } from '../../src/main/core/log/projections';
import { childrenUnder13 } from '../../src/shared/rules/referral';
import { kindDef } from '../../src/shared/records/registry';
import { addAccount, PASSPHRASES, removeDir, setUpVault, tempDir } from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';
import { pupilBody } from '../helpers/pupilRecords';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const v = await setUpVault();
  const sltId = await addAccount(v.core, 'slt', 'Barnaby Headworth');
  const staffId = await addAccount(v.core, 'staff', 'Imogen Staffwell');
  const out = tempDir('caseseal-pdf-');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
    removeDir(out);
  });
  const handlers = createHandlers(v.core, {
    chooseSavePdfPath: async (name) => join(out, name),
  });
  const call = (channel: string, payload: unknown) =>
    dispatch(handlers, channel, payload, { trustedSender: true });
  return { ...v, sltId, staffId, out, call };
}

async function as(core: CaseSealCore, accountId: string, role: keyof typeof PASSPHRASES) {
  await core.signIn(accountId, PASSPHRASES[role]);
}

async function openCase(core: CaseSealCore, title: string, extra: Record<string, unknown> = {}) {
  const r = await cases.openCase(core, { details: caseDetails({ title, ...extra }) });
  return r.caseId;
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

describe('pupils', () => {
  it('shows a child in three cases once, with all three cases in one time-ordered chronology', async () => {
    const { core } = await world();
    const { pupilId } = await pupils.registerPupil(core, pupilBody());
    const ids = [
      await openCase(core, 'Image shared in group chat'),
      await openCase(core, 'Attendance falling'),
      await openCase(core, 'Worries at home'),
    ];
    for (const [i, caseId] of ids.entries()) {
      await pupils.linkPupil(core, {
        caseId,
        pupilId,
        role: i === 1 ? 'other-child' : 'child-concerned',
      });
      await cases.addRecord(core, {
        caseId,
        kind: 'note',
        body: noteBody({ subject: `Note ${i}` }),
      });
    }
    const found = await pupils.searchPupils(core, { query: 'Tallulah' });
    expect(found.map((p) => p.id)).toEqual([pupilId]);

    const page = await pupils.getPupilDetail(core, pupilId);
    expect(page.cases.map((c) => c.caseId).sort()).toEqual([...ids].sort());

    const chrono = await pupilChronology(core, { pupilId });
    expect(new Set(chrono.entries.map((e) => e.caseId).filter(Boolean))).toEqual(new Set(ids));
    const times = chrono.entries.map((e) => e.signedAt);
    expect(times).toEqual([...times].sort());
    expect(chrono.entries.filter((e) => e.kind === 'note').map((e) => e.summary)).toEqual([
      'Discussion: Note 0',
      'Discussion: Note 1',
      'Discussion: Note 2',
    ]);
    expect(chrono.entries.every((e) => e.signerName === 'Quentin Marlowe-Dsl')).toBe(true);

    // Filters: by kind and by date.
    const notes = await pupilChronology(core, { pupilId, kinds: ['note'] });
    expect(notes.entries.map((e) => e.kind)).toEqual(['note', 'note', 'note']);
    const none = await pupilChronology(core, { pupilId, from: '2000-01-01', to: '2000-12-31' });
    expect(none.entries).toEqual([]);

    // The pupil's own chain and every case chain still verify end to end.
    const check = await core.checkWholeLog(() => undefined);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('keeps the first pupil record and shows each correction as a correction', async () => {
    const { core } = await world();
    const { pupilId, recordId } = await pupils.registerPupil(core, pupilBody());
    await pupils.correctPupil(core, {
      pupilId,
      reason: 'Date of birth was typed wrongly from the admissions form.',
      corrected: pupilBody({ dateOfBirth: '2013-09-01', yearGroup: 'Year 8' }),
    });
    const page = await pupils.getPupilDetail(core, pupilId);
    expect(page.dateOfBirth).toBe('2013-09-01');
    expect(page.yearGroup).toBe('Year 8');
    expect(page.history.map((h) => h.kind)).toEqual(['pupil', 'correction']);
    expect(page.history[1]!.reason).toMatch(/typed wrongly/);

    const chrono = await pupilChronology(core, { pupilId });
    const original = chrono.entries.find((e) => e.recordId === recordId)!;
    expect(original.rows).toContainEqual({ label: 'Date of birth', value: '04/03/2012' });
    expect(original.correctedBy).toHaveLength(1);
    const fix = chrono.entries.find((e) => e.kind === 'correction')!;
    expect(fix.corrects).toMatchObject({ recordId, label: 'Pupil details' });
    expect(fix.rows).toContainEqual({ label: 'Date of birth', value: '01/09/2013' });
    // The first signed record is unchanged in the log.
    const raw = await core
      .requireDb()
      .get<{ envelope: string }>('SELECT envelope FROM records WHERE id = ?', [recordId]);
    expect(JSON.parse(raw!.envelope).body.dateOfBirth).toBe('2012-03-04');
  });

  it('attack: a senior leader not on a case reads it through the child’s page, a case filter, a print or a crafted IPC call — and sees nothing of it', async () => {
    const { core, dslId, sltId, call, out } = await world();
    const { pupilId } = await pupils.registerPupil(core, pupilBody());
    const onCase = await openCase(core, 'Case the senior leader attends');
    const secret = await openCase(core, 'Case the senior leader is not on');
    await pupils.linkPupil(core, { caseId: onCase, pupilId, role: 'child-concerned' });
    await pupils.linkPupil(core, { caseId: secret, pupilId, role: 'child-concerned' });
    await cases.addRecord(core, {
      caseId: onCase,
      kind: 'note',
      body: noteBody({
        subject: 'Visible meeting',
        countersigner: { accountId: sltId, name: 'x' },
      }),
    });
    await cases.addRecord(core, {
      caseId: secret,
      kind: 'note',
      body: noteBody({ subject: 'Secret disclosure about home' }),
    });

    await as(core, sltId, 'slt');
    const page = await pupils.getPupilDetail(core, pupilId);
    expect(page.cases.map((c) => c.caseId)).toEqual([onCase]);
    const chrono = await pupilChronology(core, { pupilId });
    const text = JSON.stringify(chrono);
    expect(text).toContain('Visible meeting');
    expect(text).not.toContain('Secret disclosure');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('Case the senior leader is not on');

    // Crafted calls: the other case's id as a filter, a print of it, its pupils, a link to it.
    for (const [channel, payload] of [
      ['app:pupils.chronology', { pupilId, caseId: secret }],
      ['app:pupils.print', { caseId: secret }],
      ['app:pupils.forCase', { caseId: secret }],
      ['app:cases.get', { caseId: secret }],
    ] as const) {
      const r = await call(channel, payload);
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(JSON.stringify(r)).not.toContain('Secret disclosure');
    }
    const printed = await call('app:pupils.print', { pupilId });
    expect(printed).toMatchObject({ ok: true });
    const pdf = pdfText(join(out, 'pupil-chronology.pdf'));
    expect(pdf).toContain('Visible meeting');
    expect(pdf).not.toContain('Secret disclosure');
    expect(pdf).not.toContain('Case the senior leader is not on');

    // The DSL sees both.
    await as(core, dslId, 'dsl');
    const full = await pupilChronology(core, { pupilId });
    expect(JSON.stringify(full)).toContain('Secret disclosure');
  });

  it('attack: staff with a real account read a pupil’s page or add pupils through crafted IPC calls — refused', async () => {
    const { core, staffId, call } = await world();
    const { pupilId } = await pupils.registerPupil(core, pupilBody());
    await as(core, staffId, 'staff');
    for (const [channel, payload] of [
      ['app:pupils.get', { pupilId }],
      ['app:pupils.chronology', { pupilId }],
      ['app:pupils.search', { query: 'Tallulah' }],
      ['app:pupils.register', { body: pupilBody({ upn: 'B123456789012' }) }],
      ['app:pupils.print', { pupilId }],
      [
        'app:pupils.concern',
        { body: concernBody(), pupils: [{ pupilId, role: 'child-concerned' }] },
      ],
    ] as const) {
      const r = await call(channel, payload);
      expect(r.ok, channel).toBe(false);
      expect(JSON.stringify(r)).not.toContain('Tallulah');
    }
    // Staff still record concerns in words: sealed to the safeguarding team (their session never
    // opens the vault, so the pupil channels are closed to them).
    expect(await call('app:pupils.concern', { body: concernBody(), pupils: [] })).toMatchObject({
      ok: false,
    });
    expect(await call('app:intake.seal', { body: concernBody() })).toMatchObject({ ok: true });
  });

  it('prints a pupil’s chronology whose text (pdftotext) matches the records, and audits the printing', async () => {
    const { core, call, out } = await world();
    const { pupilId } = await pupils.registerPupil(core, pupilBody({ legalName: 'Zoë Łukasz' }));
    const caseId = await openCase(core, 'Online bullying in Year 9');
    await pupils.linkPupil(core, { caseId, pupilId, role: 'shared' });
    await cases.addRecord(core, {
      caseId,
      kind: 'note',
      body: noteBody({ subject: 'Call with the parent' }),
    });
    const r = await call('app:pupils.print', { pupilId });
    expect(r).toMatchObject({ ok: true, value: { saved: true } });
    const path = join(out, 'pupil-chronology.pdf');
    // R2: never an image — no image XObject in the file, and poppler lists none.
    expect(readFileSync(path).includes(Buffer.from('/Subtype /Image'))).toBe(false);
    const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' });
    expect(images.trim().split('\n').slice(2)).toEqual([]);
    const text = pdfText(path);
    const chrono = await pupilChronology(core, { pupilId });
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Riverside Academy Zephyr');
    expect(text).toContain('Printed by');
    expect(text).toContain('Quentin Marlowe-Dsl (Designated Safeguarding Lead)');
    expect(text).toMatch(/page 1 of \d+/);
    expect(text).toContain('Zoë Łukasz');
    const flat = text.replace(/\s+/g, ' ');
    for (const e of chrono.entries) {
      expect(flat).toContain(e.summary.replace(/\s+/g, ' ').slice(0, 40));
      expect(flat).toContain(e.hash.slice(0, 16));
    }
    const audit = await core.listAudit({ action: 'chronology-printed' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({
      pupilId,
      cases: [caseId],
      entries: chrono.entries.length,
    });

    // A case's chronology prints too, audited against the case.
    expect(await call('app:pupils.print', { caseId })).toMatchObject({ ok: true });
    const caseAudit = await core.listAudit({ action: 'chronology-printed', caseId });
    expect(caseAudit).toHaveLength(1);
  });

  it('finds pupils by legal name, known-as name, year group and UPN', async () => {
    const { core } = await world();
    const a = await pupils.registerPupil(core, pupilBody());
    const b = await pupils.registerPupil(
      core,
      pupilBody({
        legalName: 'Oliver Brandt',
        knownAs: 'Ollie',
        yearGroup: 'Year 7',
        upn: 'C987654321098',
      }),
    );
    const ids = async (q: string) =>
      (await pupils.searchPupils(core, { query: q })).map((p) => p.id);
    expect(await ids('Vance')).toEqual([a.pupilId]);
    expect(await ids('Lula')).toEqual([a.pupilId]);
    expect(await ids('Ollie')).toEqual([b.pupilId]);
    expect(await ids('Year 7')).toEqual([b.pupilId]);
    expect(await ids('Y9')).toEqual([a.pupilId]);
    expect(await ids('c987654321098')).toEqual([b.pupilId]);
    expect(await ids('Nobody')).toEqual([]);
    // Search is audited with its words.
    expect((await core.listAudit({ action: 'search' }))[0]!.detail).toMatchObject({
      scope: 'pupils',
    });
    // A second pupil with the same UPN is refused.
    await expect(
      pupils.registerPupil(core, pupilBody({ legalName: 'Other' })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('case search: any of nudes, semi-nudes, youth-produced sexual imagery, sexting or self-generated imagery finds the others', async () => {
    const { core } = await world();
    const words = [
      'nudes',
      'semi-nudes',
      'youth-produced sexual imagery',
      'sexting',
      'self-generated imagery',
    ];
    const caseIds: string[] = [];
    for (const w of words) {
      const c = await openCase(core, `Case about ${w.length}`);
      await cases.addRecord(core, {
        caseId: c,
        kind: 'note',
        body: noteBody({ subject: 'Report', details: `The pupil described ${w} in the chat.` }),
      });
      caseIds.push(c);
    }
    const unrelated = await openCase(core, 'Unrelated');
    await cases.addRecord(core, {
      caseId: unrelated,
      kind: 'note',
      body: noteBody({ subject: 'Report', details: 'A sexual health lesson.' }),
    });
    for (const w of words) {
      const hits = await cases.searchRecords(core, w);
      const found = new Set(hits.filter((h) => h.kind === 'note').map((h) => h.caseId));
      expect([...found].sort(), w).toEqual([...caseIds].sort());
    }
  });

  it('links a free-text child to a pupil without changing the signed text; the rules use the pupil record (R7, R11, R17)', async () => {
    const { core } = await world();
    const childId = '7c1f0f58-8b7a-4f53-9d7e-2b1c2f0e9a11';
    const caseId = await openCase(core, 'Older case', {
      children: [
        { id: childId, name: 'T.V. (Y4)', yearGroup: 'Year 4', sex: 'not-known', send: false },
      ],
    });
    const before = await core
      .requireDb()
      .get<{ envelope: string }>(
        "SELECT envelope FROM records WHERE case_id = ? AND kind = 'case-opened'",
        [caseId],
      );
    const young = await pupils.registerPupil(
      core,
      pupilBody({
        legalName: 'Tom Vale',
        knownAs: undefined,
        dateOfBirth: '2018-01-01',
        sex: 'male',
        upn: undefined,
      }),
    );
    const sharer = await pupils.registerPupil(
      core,
      pupilBody({ legalName: 'Sam Sharer', knownAs: undefined, upn: undefined, sex: 'male' }),
    );
    await pupils.linkPupil(core, {
      caseId,
      pupilId: young.pupilId,
      role: 'child-concerned',
      childId,
    });
    await pupils.linkPupil(core, { caseId, pupilId: sharer.pupilId, role: 'shared' });
    const after = await core
      .requireDb()
      .get<{ envelope: string }>(
        "SELECT envelope FROM records WHERE case_id = ? AND kind = 'case-opened'",
        [caseId],
      );
    expect(after).toEqual(before);

    const facts = await core.requireDb().exclusive((c) => caseFacts(c, caseId));
    const named = facts.children.find((c) => c.id === childId)!;
    expect(named).toMatchObject({
      name: 'T.V. (Y4)',
      pupilId: young.pupilId,
      dateOfBirth: '2018-01-01',
      sex: 'male',
    });
    // R11: the under-13 hint comes from the pupil's date of birth.
    expect(childrenUnder13(facts, new Date().toISOString()).map((c) => c.id)).toContain(childId);
    // R17: asking the wrong young person to delete is flagged; the one linked as having shared is not.
    const check = kindDef('deletion-instruction')!.check!;
    const ctx = {
      actor: { id: 'x', name: 'x', role: 'dsl' as const, active: true },
      accounts: [],
      facts,
      now: new Date().toISOString(),
    };
    const r17 = (child: string) =>
      check({ child }, ctx).filter((f) => f.rule === 'R17' && f.status === 'advice');
    expect(r17(childId)).toHaveLength(1);
    expect(r17(sharer.pupilId)).toHaveLength(0);

    // A correction of the pupil's date of birth reaches the rules (main overlays the current record).
    await pupils.correctPupil(core, {
      pupilId: young.pupilId,
      reason: 'Wrong year.',
      corrected: pupilBody({
        legalName: 'Tom Vale',
        knownAs: undefined,
        upn: undefined,
        dateOfBirth: '2008-01-01',
        sex: 'male',
      }),
    });
    const later = await core.requireDb().exclusive((c) => caseFacts(c, caseId));
    expect(childrenUnder13(later, new Date().toISOString()).map((c) => c.id)).not.toContain(
      childId,
    );
  });

  it('shows related cases and related pupils on both sides', async () => {
    const { core } = await world();
    const a = await openCase(core, 'First');
    const b = await openCase(core, 'Second');
    const refB = (await cases.getCase(core, b)).case.ref;
    await pupils.linkCases(core, { caseId: a, otherRef: refB, relation: 'same-incident' });
    expect((await pupils.casePupils(core, a)).related.map((r) => r.caseId)).toEqual([b]);
    expect((await pupils.casePupils(core, b)).related.map((r) => r.caseId)).toEqual([a]);
    await expect(
      pupils.linkCases(core, {
        caseId: b,
        otherRef: (await cases.getCase(core, a)).case.ref,
        relation: 'related',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const p = await pupils.registerPupil(core, pupilBody());
    const q = await pupils.registerPupil(
      core,
      pupilBody({ legalName: 'Tobias Vance', upn: undefined }),
    );
    await pupils.relatePupils(core, {
      pupilId: p.pupilId,
      otherPupilId: q.pupilId,
      relation: 'sibling',
    });
    expect((await pupils.getPupilDetail(core, p.pupilId)).related.map((r) => r.pupilId)).toEqual([
      q.pupilId,
    ]);
    expect((await pupils.getPupilDetail(core, q.pupilId)).related.map((r) => r.pupilId)).toEqual([
      p.pupilId,
    ]);
  });

  it('quick add from the concern form: a name and a year group are enough, signed with the concern in one transaction', async () => {
    const { core, call } = await world();
    const r = await call('app:pupils.concern', {
      body: concernBody(),
      pupils: [
        { newPupil: { legalName: 'Nia Quick', yearGroup: 'Year 10' }, role: 'child-concerned' },
      ],
    });
    expect(r).toMatchObject({ ok: true });
    const value = (r as { value: { caseId: string; pupilIds: string[] } }).value;
    const page = await pupils.getPupilDetail(core, value.pupilIds[0]!);
    expect(page.cases.map((c) => c.caseId)).toEqual([value.caseId]);
    // A bad pupil (no year group) refuses the whole concern: nothing half-saved.
    const n = async () =>
      (await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
    const count = await n();
    const bad = await call('app:pupils.concern', {
      body: concernBody(),
      pupils: [{ newPupil: { legalName: 'No Year', yearGroup: '' }, role: 'child-concerned' }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await n()).toBe(count);
  });

  it('attack: an insider with the vault key rewrites the pupils projection (date of birth, name) — the page and the rules still follow the signed records', async () => {
    const { core } = await world();
    const { pupilId } = await pupils.registerPupil(core, pupilBody({ dateOfBirth: '2015-05-05' }));
    const caseId = await openCase(core, 'Case');
    await pupils.linkPupil(core, { caseId, pupilId, role: 'child-concerned' });
    await core
      .requireDb()
      .run(
        "UPDATE pupils SET date_of_birth = '2000-01-01', legal_name = 'Someone Else', details = '{}' WHERE id = ?",
        [pupilId],
      );
    const page = await pupils.getPupilDetail(core, pupilId);
    expect(page.legalName).toBe('Tallulah Vance');
    expect(page.dateOfBirth).toBe('2015-05-05');
    const facts = await core.requireDb().exclusive((c) => caseFacts(c, caseId));
    expect(childrenUnder13(facts, new Date().toISOString()).map((c) => c.id)).toContain(pupilId);
  });

  it('attack: a pupil’s own chain reached through the case channels (read, add, correct) — not found, nothing signed', async () => {
    const { core, call } = await world();
    const { pupilId, recordId } = await pupils.registerPupil(core, pupilBody());
    const n = async () =>
      (await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
    const before = await n();
    for (const [channel, payload] of [
      ['app:cases.get', { caseId: pupilId }],
      ['app:records.add', { caseId: pupilId, kind: 'note', body: noteBody() }],
      [
        'app:records.correct',
        { recordId, reason: 'x', corrected: pupilBody({ dateOfBirth: '2000-01-01' }) },
      ],
      ['app:pupils.link', { caseId: pupilId, pupilId, role: 'witness' }],
    ] as const) {
      expect(await call(channel, payload), channel).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(await n()).toBe(before);
  });

  it('attack: image bytes hidden in a pupil’s notes, a quick-added name or a correction — refused before anything is signed (R2)', async () => {
    const { core, call } = await world();
    const jpeg = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';
    const n = async () =>
      (await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
    const before = await n();
    expect(await call('app:pupils.register', { body: pupilBody({ notes: jpeg }) })).toMatchObject({
      ok: false,
      error: { code: 'IMAGERY_REFUSED' },
    });
    expect(
      await call('app:pupils.concern', {
        body: concernBody(),
        pupils: [{ newPupil: { legalName: jpeg, yearGroup: 'Year 9' }, role: 'witness' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'IMAGERY_REFUSED' } });
    const { pupilId } = await pupils.registerPupil(core, pupilBody());
    const after = await n();
    expect(
      await call('app:pupils.correct', {
        pupilId,
        reason: 'x',
        corrected: pupilBody({ notes: jpeg }),
      }),
    ).toMatchObject({ ok: false, error: { code: 'IMAGERY_REFUSED' } });
    expect(after).toBe(before + 1);
    expect(await n()).toBe(after);
  });
});
