// The log-seal channels and the record append, on a copy of one real vault (built once:
// tests/helpers/goldenBundle.ts): who may print and check a seal, what is saved and audited, a
// seal read back from its own PDF, and a record appended to both chains so the full check passes.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../src/main/db/open';
import type { Sqlite } from '../../../src/main/db/sqlite';
import { vaultPathsIn } from '../../../src/main/core/vault/paths';
import { readKeySlots } from '../../../src/main/core/vault/keySlots';
import { keyIdOf } from '../../../src/main/core/crypto/ed25519';
import { closeSessionLog, openSessionLog } from '../../../src/main/core/log/sessionLog';
import {
  checkLogSeal,
  checkLogSealFromPdf,
  printLogSeal,
  type SealContext,
} from '../../../src/main/core/log/sealService';
import { appendRecord, readCaseRecords, readRecord } from '../../../src/main/core/log/recordLog';
import { caseFacts, refreshCaseProjection } from '../../../src/main/core/log/projections';
import { checkIntegrity } from '../../../src/main/core/log/integrity';
import { CasePdf } from '../../../src/main/core/pdf/pdfDocument';
import type { Role } from '../../../src/shared/roles';
import { goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';
import { noteBody } from '../../helpers/records';

const NOW = new Date('2026-11-24T09:00:00.000Z');
const open: Array<{ db: Sqlite; remove(): void }> = [];
afterEach(async () => {
  while (open.length) {
    const o = open.pop()!;
    await closeSessionLog(o.db);
    await o.db.close();
    o.remove();
  }
});

async function vault() {
  const v = await goldenVault();
  const paths = vaultPathsIn(v.dir);
  const db = await openVaultDb(paths.db, v.vaultKey, { create: false, migrate: false });
  open.push({ db, remove: v.remove });
  const keyId = (k: KeyObject) =>
    keyIdOf(createPublicKey(k).export({ type: 'spki', format: 'pem' }).toString());
  await openSessionLog(db, {
    vaultKey: v.vaultKey,
    vaultId: readKeySlots(paths.keySlots).vaultId,
    session: { accountId: v.ids.dsl, keyId: keyId(v.dslKey), privateKey: v.dslKey },
    at: NOW.toISOString(),
  });
  const ctx = (role: Role = 'dsl', name = 'Quentin Marlowe-Dsl'): SealContext => ({
    session: {
      account: { id: v.ids.dsl, name, role },
      keyId: keyId(v.dslKey),
      privateKey: v.dslKey,
    },
    db,
    now: () => NOW,
  });
  const audits = (action: string) =>
    db.all<{ detail: string }>('SELECT detail FROM audit WHERE action = ? ORDER BY seq', [action]);
  return { ...v, db, ctx, audits, keyId: keyId(v.dslKey) };
}
type V = GoldenBundle & Awaited<ReturnType<typeof vault>>;

describe('printing and checking a log seal', () => {
  it('the DSL prints a seal: saved where chosen, audited with its short form, and it checks clean', async () => {
    const v: V = await vault();
    const path = join(v.dir, 'seal.pdf');
    const r = await printLogSeal(v.ctx(), async (name) => {
      expect(name).toBe('log-seal-2026-11-24.pdf');
      return path;
    });
    expect(r).toMatchObject({ fileName: 'seal.pdf', saved: true, path });
    expect(r.shortForm).toMatch(
      /^R \d+ [0-9A-F]{4}(-[0-9A-F]{4}){3} \/ A \d+ [0-9A-F]{4}(-[0-9A-F]{4}){3}$/,
    );
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const audited = await v.audits('log-seal');
    expect(JSON.parse(audited.at(-1)!.detail)).toMatchObject({ shortForm: r.shortForm });
    const typed = await checkLogSeal(v.ctx(), { shortForm: r.shortForm });
    expect(typed).toMatchObject({ ok: true, findings: [], shortForm: r.shortForm });
    expect(JSON.parse((await v.audits('log-seal-checked')).at(-1)!.detail)).toEqual({
      shortForm: r.shortForm,
      ok: true,
    });
    // read back from the saved PDF: the audit entry the check itself wrote comes after the seal
    const fromPdf = await checkLogSealFromPdf(v.ctx('slt', 'Barnaby Headworth'), path);
    expect(fromPdf.shortForm).toBe(r.shortForm);
    expect(fromPdf.records.matches).toBe(true);
    expect(fromPdf.audit.matches).toBe(true);
  });

  it('nothing is saved or audited when the DSL cancels the save', async () => {
    const v: V = await vault();
    const before = (await v.audits('log-seal')).length;
    const r = await printLogSeal(v.ctx(), async () => null);
    expect(r).toMatchObject({ fileName: 'log-seal-2026-11-24.pdf', saved: false });
    expect(r.path).toBeUndefined();
    expect((await v.audits('log-seal')).length).toBe(before);
  });

  it('attack: a deputy or a senior leader asking to print a seal is refused', async () => {
    const v: V = await vault();
    for (const role of ['deputy', 'slt', 'staff'] as const)
      await expect(printLogSeal(v.ctx(role), async () => join(v.dir, 'x.pdf'))).rejects.toThrow(
        'Only the Designated Safeguarding Lead prints a log seal.',
      );
  });

  it('a relative path or an unwritable place is refused with a plain message', async () => {
    const v: V = await vault();
    await expect(printLogSeal(v.ctx(), async () => 'seal.pdf')).rejects.toThrow(
      'The seal must be saved to a full path.',
    );
    await expect(
      printLogSeal(v.ctx(), async () => join(v.dir, 'no-such-folder', 'seal.pdf')),
    ).rejects.toThrow('The seal could not be saved there. Choose another folder.');
  });

  it('attack: staff checking a seal is refused; a mistyped short form is refused with how to type it', async () => {
    const v: V = await vault();
    await expect(
      checkLogSeal(v.ctx('staff'), {
        shortForm: 'R 1 0000-0000-0000-0000 / A 1 0000-0000-0000-0000',
      }),
    ).rejects.toThrow();
    await expect(checkLogSeal(v.ctx('deputy'), { shortForm: 'R 12' })).rejects.toThrow(
      'Type the short form exactly as printed: R, the number of records and 16 letters and digits, then A, the number of audit entries and 16 letters and digits.',
    );
  });

  it('attack: a seal the vault no longer matches (typed from paper) is reported and the check audited as failed', async () => {
    const v: V = await vault();
    const r = await checkLogSeal(v.ctx('slt'), {
      shortForm: 'R 9999 0000-0000-0000-0001 / A 1 0000-0000-0000-0000',
    });
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatch(
      /^The case log ends at position \d+, but the seal covers records up to 9999/,
    );
    expect(JSON.parse((await v.audits('log-seal-checked')).at(-1)!.detail).ok).toBe(false);
  });

  it('a folder, a file that is not a PDF, or a PDF with no seal in it, is refused in plain words', async () => {
    const v: V = await vault();
    await expect(checkLogSealFromPdf(v.ctx(), v.dir)).rejects.toThrow(
      'That file is not a log seal or receipt CaseSeal can read.',
    );
    const junk = join(v.dir, 'junk.pdf');
    writeFileSync(junk, 'not a pdf');
    await expect(checkLogSealFromPdf(v.ctx(), junk)).rejects.toThrow(
      'No log seal was found in that file. Type the short form instead.',
    );
    const pdf = new CasePdf({ title: 'A letter', createdAt: NOW });
    pdf.heading('A letter about the school trip');
    const letter = join(v.dir, 'letter.pdf');
    writeFileSync(letter, await pdf.toBuffer('Letter'));
    await expect(checkLogSealFromPdf(v.ctx(), letter)).rejects.toThrow(
      'No log seal was found in that file. Type the short form instead.',
    );
  });
});

describe('refusals say what the screen shows, and a seal is found however its PDF spaces it', () => {
  it('attack: a deputy, a senior leader or staff asking to print a seal is refused as not allowed, and staff asking to check one likewise', async () => {
    const v: V = await vault();
    await expect(
      printLogSeal(v.ctx('deputy'), async () => join(v.dir, 'x.pdf')),
    ).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: 'Only the Designated Safeguarding Lead prints a log seal.',
    });
    await expect(
      checkLogSeal(v.ctx('staff'), {
        shortForm: 'R 1 0000-0000-0000-0000 / A 1 0000-0000-0000-0000',
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: 'Your role does not allow this.' });
  });

  it('a relative path, an unwritable place, a mistyped short form or an unreadable file are each refused with their own code', async () => {
    const v: V = await vault();
    await expect(printLogSeal(v.ctx(), async () => 'seal.pdf')).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(
      printLogSeal(v.ctx(), async () => join(v.dir, 'no-such-folder', 'seal.pdf')),
    ).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
    await expect(checkLogSeal(v.ctx(), { shortForm: 'R 12' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(checkLogSealFromPdf(v.ctx(), v.dir)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    const junk = join(v.dir, 'junk.pdf');
    writeFileSync(junk, 'not a pdf');
    await expect(checkLogSealFromPdf(v.ctx(), junk)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
  });

  it('attack: a short form padded to thousands of characters is checked, but only its first 120 characters go into the audit trail', async () => {
    const v: V = await vault();
    const padded = `R${' '.repeat(5000)}1 0000-0000-0000-0000 / A 1 0000-0000-0000-0000`;
    const r = await checkLogSeal(v.ctx(), { shortForm: padded });
    expect(r.ok).toBe(false);
    const detail = JSON.parse((await v.audits('log-seal-checked')).at(-1)!.detail) as {
      shortForm: string;
    };
    expect(detail.shortForm).toBe(padded.slice(0, 120));
  });

  it('a receipt whose printed seal runs its groups together (no spaces) is still read and checked', async () => {
    const v: V = await vault();
    const path = join(v.dir, 'seal.pdf');
    const printed = await printLogSeal(v.ctx(), async () => path);
    const compact = printed.shortForm.replace(/ /g, '');
    const pdf = new CasePdf({ title: 'Receipt', createdAt: NOW });
    pdf.heading('Log seal at the time of export');
    pdf.mono(compact, 11);
    const receipt = join(v.dir, 'receipt.pdf');
    writeFileSync(receipt, await pdf.toBuffer('Receipt'));
    const r = await checkLogSealFromPdf(v.ctx('deputy'), receipt);
    expect(r.shortForm).toBe(compact);
    expect(r.records.matches).toBe(true);
    expect(r.audit.matches).toBe(true);
  });
});

describe('appending a record', () => {
  it('a note appended links to both chains, is signed by the DSL, reads back, and the full check stays clean', async () => {
    const v: V = await vault();
    const before = await readCaseRecords(v.db, v.smallCaseId);
    const lastLog = (await v.db.get<{ seq: number; hash: string; signed_at: string }>(
      'SELECT seq, hash, signed_at FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    const res = await v.db.transaction((c) =>
      appendRecord(c, {
        caseId: v.smallCaseId,
        kind: 'note',
        body: noteBody({ subject: 'Appended' }) as Record<string, unknown>,
        signer: { accountId: v.ids.dsl, name: 'Quentin Marlowe-Dsl', role: 'dsl', keyId: v.keyId },
        privateKey: v.dslKey,
        now: NOW,
        subjectId: before[0]!.envelope.id,
      }),
    );
    const env = res.record.envelope;
    expect(env).toMatchObject({
      v: 1,
      caseId: v.smallCaseId,
      kind: 'note',
      seq: lastLog.seq + 1,
      prev: lastLog.hash,
      caseSeq: before.length + 1,
      casePrev: before.at(-1)!.hash,
      signedAt: NOW.toISOString(),
    });
    expect(res.clockAnomaly).toBeNull();
    expect(await readRecord(v.db, env.id)).toEqual(res.record);
    expect(await readRecord(v.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect((await readCaseRecords(v.db, v.smallCaseId)).at(-1)).toEqual(res.record);
    const subject = await v.db.get<{ subject_id: string }>(
      'SELECT subject_id FROM records WHERE id = ?',
      [env.id],
    );
    expect(subject?.subject_id).toBe(before[0]!.envelope.id);
    const check = await checkIntegrity(v.db, { mode: 'full', now: NOW });
    expect(check.problems).toEqual([]);
  });

  it('a record signed with the clock behind the last record is flagged as a clock anomaly; a new case starts its own chain', async () => {
    const v: V = await vault();
    const last = (await v.db.get<{ signed_at: string }>(
      'SELECT signed_at FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    const newCase = '00000000-0000-4000-8000-0000000000aa';
    const res = await v.db.transaction((c) =>
      appendRecord(c, {
        caseId: newCase,
        kind: 'note',
        body: {},
        signer: { accountId: v.ids.dsl, name: 'Quentin Marlowe-Dsl', role: 'dsl', keyId: v.keyId },
        privateKey: v.dslKey,
        now: new Date('2026-01-01T00:00:00.000Z'),
        id: '00000000-0000-4000-8000-0000000000ab',
      }),
    );
    expect(res.clockAnomaly).toEqual({ lastSignedAt: last.signed_at });
    expect(res.record.envelope).toMatchObject({
      id: '00000000-0000-4000-8000-0000000000ab',
      caseSeq: 1,
      casePrev: null,
    });
  });

  it('the case projection is rebuilt from the signed records', async () => {
    const v: V = await vault();
    const facts = await caseFacts(v.db, v.caseId);
    expect(facts.flags).toContain('copy-made');
    await v.db.exec('DROP TRIGGER IF EXISTS cases_no_update');
    await v.db.run(`UPDATE cases SET title = 'Changed', flags = '[]' WHERE id = ?`, [v.caseId]);
    const again = await v.db.transaction((c) =>
      refreshCaseProjection(c, v.caseId, NOW.toISOString()),
    );
    expect(again.title).toBe(facts.title);
    const row = await v.db.get<{ title: string; flags: string; status: string }>(
      'SELECT title, flags, status FROM cases WHERE id = ?',
      [v.caseId],
    );
    expect(row).toEqual({
      title: facts.title,
      flags: JSON.stringify(facts.flags),
      status: facts.status,
    });
  });

  it('attack: the case list’s columns blanked by an insider (child names, kind, category, dates) are all rebuilt from the signed records', async () => {
    const v: V = await vault();
    const facts = await caseFacts(v.db, v.caseId);
    expect(facts.children.length).toBeGreaterThan(0);
    expect(facts.incidentKind).toBeTruthy();
    expect(facts.category).toBeTruthy();
    expect(facts.openedAt).toBeTruthy();
    expect(facts.lastSignedAt).toBeTruthy();
    await v.db.exec('DROP TRIGGER IF EXISTS cases_no_update');
    await v.db.run(
      `UPDATE cases SET children = '', incident_kind = NULL, category = NULL, opened_at = NULL, updated_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`,
      [v.caseId],
    );
    await v.db.transaction((c) => refreshCaseProjection(c, v.caseId, NOW.toISOString()));
    const row = await v.db.get<Record<string, unknown>>(
      'SELECT children, incident_kind, category, opened_at, updated_at FROM cases WHERE id = ?',
      [v.caseId],
    );
    expect(row).toEqual({
      children: facts.children.map((c) => c.name).join('; '),
      incident_kind: facts.incidentKind,
      category: facts.category,
      opened_at: facts.openedAt,
      updated_at: facts.lastSignedAt,
    });
  });

  it('a record signed in the same millisecond as the last one is not a clock anomaly; the first record of an empty log starts both chains', async () => {
    const v: V = await vault();
    const last = (await v.db.get<{ signed_at: string }>(
      'SELECT signed_at FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    const signer = {
      accountId: v.ids.dsl,
      name: 'Quentin Marlowe-Dsl',
      role: 'dsl' as const,
      keyId: v.keyId,
    };
    const same = await v.db.transaction((c) =>
      appendRecord(c, {
        caseId: v.smallCaseId,
        kind: 'note',
        body: noteBody() as Record<string, unknown>,
        signer,
        privateKey: v.dslKey,
        now: new Date(last.signed_at),
      }),
    );
    expect(same.clockAnomaly).toBeNull();
    await v.db.exec('DROP TRIGGER IF EXISTS records_no_delete');
    await v.db.exec('PRAGMA foreign_keys = OFF');
    await v.db.run('DELETE FROM records');
    const first = await v.db.transaction((c) =>
      appendRecord(c, {
        caseId: v.smallCaseId,
        kind: 'note',
        body: noteBody() as Record<string, unknown>,
        signer,
        privateKey: v.dslKey,
        now: NOW,
      }),
    );
    expect(first.clockAnomaly).toBeNull();
    expect(first.record.envelope).toMatchObject({ seq: 1, prev: null, caseSeq: 1, casePrev: null });
  });
});
