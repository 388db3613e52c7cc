// "Check the log against a saved seal" through the IPC channel, as the screen uses it: main shows
// the open dialog (the renderer never names a file), reads the seal printed in the PDF and says in
// plain words whether the vault still holds that history. Tried as an insider would: records cut
// off after the seal was printed; a payload naming a file; a staff session.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cases from '../../src/main/core/cases/caseService';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { addAccount, DSL, PASSPHRASES, removeDir, setUpVault, tempDir } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';
import { dropTrigger, insider } from '../helpers/insider';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function school() {
  const v = await setUpVault();
  const out = tempDir('caseseal-seal-out-');
  const deputyId = await addAccount(v.core, 'deputy', 'Dana Deputy-Insider');
  const staffId = await addAccount(v.core, 'staff', 'Sol Staff');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
    removeDir(out);
  });
  const opened = await cases.openCase(v.core, { details: caseDetails() });
  for (let i = 0; i < 4; i++)
    await cases.addRecord(v.core, {
      caseId: opened.caseId,
      kind: 'note',
      body: noteBody({ subject: `Note ${i}` }),
    });
  const chosen: { path: string | null; asked: number } = { path: null, asked: 0 };
  const handlers = createHandlers(v.core, {
    chooseSavePdfPath: async (name) => join(out, name),
    chooseSealPdf: async () => {
      chosen.asked++;
      return chosen.path;
    },
  });
  const call = (channel: string, payload: unknown) =>
    dispatch(handlers, channel, payload, { trustedSender: true });
  return { ...v, out, deputyId, staffId, chosen, call, caseId: opened.caseId };
}

describe('checking the log against a saved seal (PDF)', () => {
  it('the DSL chooses the printed seal: the vault still holds the sealed history, said in plain words, the file named without its folder', async () => {
    const v = await school();
    const printed = (await v.call('app:seal.print', {})) as {
      ok: true;
      value: { path: string; shortForm: string };
    };
    expect(printed.ok).toBe(true);
    // Later work does not break the seal: it covers a prefix of the history.
    await cases.addRecord(v.core, { caseId: v.caseId, kind: 'note', body: noteBody() });
    v.chosen.path = printed.value.path;
    const r = await v.call('app:seal.checkPdf', {});
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        ok: true,
        findings: [],
        shortForm: printed.value.shortForm,
        fileName: printed.value.path.split(/[\\/]/).at(-1),
        records: { sealed: 5, head: 6, matches: true, intact: true },
      }),
    });
    const audit = await v.core.listAudit({ action: 'log-seal-checked' });
    expect(audit[0]!.detail).toMatchObject({ ok: true });
  });

  it('an insider cuts the newest 2 records off after the seal was printed: the check from the PDF says they are missing', async () => {
    const v = await school();
    const printed = (await v.call('app:seal.print', {})) as { ok: true; value: { path: string } };
    await v.core.lock('manual');
    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    await dropTrigger(x.db, 'records_no_delete');
    await x.db.run('DELETE FROM records WHERE seq > 3');
    await x.db.run(
      'UPDATE integrity_checkpoint SET verified_seq = 3, verified_hash = (SELECT hash FROM records WHERE seq = 3)',
    );
    await x.close();
    await v.core.signIn(v.dslId, DSL.passphrase);
    v.chosen.path = printed.value.path;
    const r = (await v.call('app:seal.checkPdf', {})) as {
      ok: true;
      value: { ok: boolean; findings: string[]; records: { sealed: number; head: number } };
    };
    expect(r.ok).toBe(true);
    expect(r.value.ok).toBe(false);
    expect(r.value.records).toMatchObject({ sealed: 5, head: 3 });
    expect(r.value.findings).toContainEqual(expect.stringContaining('records 4–5 are missing'));
  });

  it('a crafted call naming a file is refused before any dialog; closing the dialog changes nothing; a file that is not a seal gets a plain message', async () => {
    const v = await school();
    const refused = await v.call('app:seal.checkPdf', { path: '/etc/passwd' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(v.chosen.asked).toBe(0);
    const before = (await v.core.listAudit({ action: 'log-seal-checked' })).length;
    expect(await v.call('app:seal.checkPdf', {})).toEqual({ ok: true, value: null });
    expect(v.chosen.asked).toBe(1);
    expect((await v.core.listAudit({ action: 'log-seal-checked' })).length).toBe(before);
    const notASeal = join(v.out, 'holiday-letter.pdf');
    writeFileSync(notASeal, '%PDF-1.4\nThis is a letter about the school trip.\n%%EOF\n');
    v.chosen.path = notASeal;
    const r = await v.call('app:seal.checkPdf', {});
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: expect.stringMatching(/^No log seal was found|^That file is not/),
      },
    });
    expect(JSON.stringify(r)).not.toContain(v.out);
  });

  it('a staff member cannot check the log against a seal: refused before any dialog is shown', async () => {
    const v = await school();
    await v.core.signIn(v.staffId, PASSPHRASES.staff);
    const r = await v.call('app:seal.checkPdf', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(v.chosen.asked).toBe(0);
  });
});
