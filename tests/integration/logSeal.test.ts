// Log seals: a printed seal (or the seal on an export receipt) proves the vault still holds exactly
// the sealed history. A whole-vault rollback by someone holding every key, or a restored old copy,
// passes every other check — and fails this one.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as cases from '../../src/main/core/cases/caseService';
import {
  checkLogSeal,
  checkLogSealFromPdf,
  printLogSeal,
  type SealContext,
} from '../../src/main/core/log/sealService';
import { parseSealShortForm } from '../../src/main/core/log/logSeal';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import { addAccount, DSL, PASSPHRASES, removeDir, setUpVault, tempDir } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function ctx(core: CaseSealCore): SealContext {
  return { session: core.requireSession(), db: core.requireDb(), now: () => core.clock() };
}

async function vault() {
  const v = await setUpVault();
  const out = tempDir('caseseal-seal-');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
    removeDir(out);
  });
  const opened = await cases.openCase(v.core, { details: caseDetails() });
  for (let i = 0; i < 3; i++)
    await cases.addRecord(v.core, {
      caseId: opened.caseId,
      kind: 'note',
      body: noteBody({ subject: `Note ${i}` }),
    });
  return { ...v, out, caseId: opened.caseId };
}

describe('log seals', () => {
  it('prints a one-page seal with a short form that checks against the vault, and audits both', async () => {
    const v = await vault();
    const path = join(v.out, 'seal.pdf');
    const printed = await printLogSeal(ctx(v.core), async () => path);
    expect(printed.saved).toBe(true);
    expect(printed.shortForm).toMatch(
      /^R 4 [0-9A-F]{4}(-[0-9A-F]{4}){3} \/ A \d+ [0-9A-F]{4}(-[0-9A-F]{4}){3}$/,
    );
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toContain('Log seal');
    expect(text).toContain('Riverside Academy Zephyr');
    expect(text.replace(/\s+/g, ' ')).toContain(printed.shortForm);
    expect(execFileSync('pdfinfo', [path]).toString()).toMatch(/Pages:\s+1\b/);
    // More work afterwards does not break the seal: it covers a prefix of the history.
    await cases.addRecord(v.core, { caseId: v.caseId, kind: 'note', body: noteBody() });
    const typed = printed.shortForm.toLowerCase().replace(/-/g, ' ');
    const r = await checkLogSeal(ctx(v.core), { shortForm: typed });
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    const fromPdf = await checkLogSealFromPdf(ctx(v.core), path);
    expect(fromPdf.ok).toBe(true);
    const actions = (
      await v.core.requireDb().all<{ action: string }>('SELECT action FROM audit ORDER BY seq')
    ).map((a) => a.action);
    expect(actions).toContain('log-seal');
    expect(actions).toContain('log-seal-checked');
  });

  it('a restored old copy of the whole vault (someone with every key rolls it back) → fails the seal check, naming what is missing', async () => {
    const v = await vault();
    await v.core.lock('manual');
    // The old copy: both files, taken before the newer work (a backup, or an insider's copy).
    const old = tempDir('caseseal-old-');
    cleanups.push(() => removeDir(old));
    copyFileSync(join(v.dir, 'caseseal.db'), join(old, 'caseseal.db'));
    copyFileSync(join(v.dir, 'keyslots.json'), join(old, 'keyslots.json'));
    await v.core.signIn(v.dslId, DSL.passphrase);
    for (let i = 0; i < 2; i++)
      await cases.addRecord(v.core, { caseId: v.caseId, kind: 'note', body: noteBody() });
    const printed = await printLogSeal(ctx(v.core), async () => join(v.out, 'seal.pdf'));
    await v.core.lock('manual');
    // Roll back: put the old files in place of the current ones.
    for (const f of ['caseseal.db', 'keyslots.json']) copyFileSync(join(old, f), join(v.dir, f));
    for (const f of ['caseseal.db-wal', 'caseseal.db-shm'])
      expect(existsSync(join(v.dir, f))).toBe(false);
    const s = await v.core.signIn(v.dslId, DSL.passphrase);
    // Every other check is satisfied by a consistent old copy…
    expect(s.integrity!.ok).toBe(true);
    // …the seal is not.
    const r = await checkLogSeal(ctx(v.core), { shortForm: printed.shortForm });
    expect(r.ok).toBe(false);
    expect(r.findings.join(' ')).toMatch(
      /case log ends at position 4, but the seal covers records up to 6: records 5–6 are missing/,
    );
  });

  it('an insider with the vault key rewrites a sealed record and re-links everything after it → fails the seal check', async () => {
    const v = await vault();
    const printed = await printLogSeal(ctx(v.core), async () => join(v.out, 'seal.pdf'));
    const db = v.core.requireDb();
    await db.exec('DROP TRIGGER records_no_update');
    const row = (await db.get<{ envelope: string }>('SELECT envelope FROM records WHERE seq = 2'))!;
    const env = JSON.parse(row.envelope);
    env.body.subject = 'Rewritten';
    const { canonicalJson } = await import('../../src/shared/records/canonical');
    const { sha256Hex } = await import('../../src/main/core/crypto/hash');
    let prev: string | null = null;
    const rows = await db.all<{ seq: number; envelope: string }>(
      'SELECT seq, envelope FROM records ORDER BY seq',
    );
    for (const r of rows) {
      const e = r.seq === 2 ? env : JSON.parse(r.envelope);
      e.prev = prev;
      const text = canonicalJson(e);
      prev = sha256Hex(text);
      await db.run('UPDATE records SET envelope = ?, hash = ? WHERE seq = ?', [text, prev, r.seq]);
    }
    const r = await checkLogSeal(ctx(v.core), { shortForm: printed.shortForm });
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatch(/case log at position 4 is not the one on the seal/);
  });

  it('refuses to print a seal for anyone but the DSL, and explains a mistyped short form', async () => {
    const v = await vault();
    const deputyId = await addAccount(v.core, 'deputy', 'Dana Deputy');
    await v.core.lock('manual');
    await v.core.signIn(deputyId, PASSPHRASES.deputy);
    await expect(printLogSeal(ctx(v.core), async () => join(v.out, 'x.pdf'))).rejects.toMatchObject(
      {
        code: 'NOT_ALLOWED',
      },
    );
    expect(existsSync(join(v.out, 'x.pdf'))).toBe(false);
    await expect(checkLogSeal(ctx(v.core), { shortForm: 'R 4 12' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect(parseSealShortForm('r 12 3fa2 9c01 77de 0b45 / a 7 0000-1111-2222-3333')).toEqual({
      records: { seq: 12, prefix: '3fa29c0177de0b45' },
      audit: { seq: 7, prefix: '0000111122223333' },
    });
  });
});
