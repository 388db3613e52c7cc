// Tampering with a real vault through SQL with the real key ("Integrity"): every kind of
// change is detected by the whole-log check and named precisely; sign-in raises the alarm; the
// alarm is itself recorded and reading the log still works.
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { canonicalJson } from '../../src/shared/records/canonical';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import { DSL, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function vaultWithRecords(n = 6) {
  const v = await setUpVault();
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const opened = await cases.openCase(v.core, { details: caseDetails() });
  const ids = [opened.record.envelope.id];
  for (let i = 1; i < n; i++)
    ids.push(
      (
        await cases.addRecord(v.core, {
          caseId: opened.caseId,
          kind: 'note',
          body: noteBody({ subject: `Note ${i}` }),
        })
      ).record.envelope.id,
    );
  const clean = await v.core.checkWholeLog();
  expect(clean.ok).toBe(true);
  expect(clean.checked).toBe(n);
  return { ...v, caseId: opened.caseId, ids };
}

async function sql(core: CaseSealCore, text: string, params: unknown[] = []) {
  return core.requireDb().run(text, params);
}

async function dropTriggers(core: CaseSealCore) {
  await core.requireDb().exec('DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete;');
}

describe('append-only', () => {
  it('aborts UPDATE and DELETE on records, keys and the audit trail', async () => {
    const { core, ids } = await vaultWithRecords(2);
    await expect(
      sql(core, "UPDATE records SET envelope = 'x' WHERE id = ?", [ids[0]]),
    ).rejects.toThrow(/append-only/);
    await expect(sql(core, 'DELETE FROM records WHERE id = ?', [ids[0]])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(core, 'DELETE FROM audit')).rejects.toThrow(/append-only/);
    await expect(sql(core, "UPDATE account_keys SET public_key = 'x'")).rejects.toThrow(
      /append-only/,
    );
    expect((await core.checkWholeLog()).ok).toBe(true);
  });
});

describe('tamper detection', () => {
  it("detects an edited record's text and names it", async () => {
    const { core, ids } = await vaultWithRecords();
    await dropTriggers(core);
    const target = ids[2]!;
    await sql(
      core,
      "UPDATE records SET envelope = replace(envelope, 'Note 2', 'Note 9') WHERE id = ?",
      [target],
    );
    const r = await core.checkWholeLog();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: 'content-changed', recordId: target }),
      ]),
    );
    expect(r.problems.filter((p) => p.recordId && p.recordId !== target)).toEqual([]);
    expect(r.problems.find((p) => p.recordId === target)!.message).toMatch(
      /changed since it was signed/,
    );
  });

  it('detects an edit whose hash was recomputed (signature and next link break)', async () => {
    const { core, ids } = await vaultWithRecords();
    await dropTriggers(core);
    const target = ids[2]!;
    const row = (await core
      .requireDb()
      .get<{ envelope: string }>('SELECT envelope FROM records WHERE id = ?', [target]))!;
    const env = JSON.parse(row.envelope);
    env.body.details = 'Rewritten after the fact.';
    const text = canonicalJson(env);
    await sql(core, 'UPDATE records SET envelope = ?, hash = ? WHERE id = ?', [
      text,
      sha256Hex(text),
      target,
    ]);
    const r = await core.checkWholeLog();
    const codes = r.problems.map((p) => `${p.problem}:${p.recordId}`);
    expect(codes).toContain(`bad-signature:${target}`);
    expect(codes).toContain(`chain-broken:${ids[3]}`);
  });

  it('detects a deleted row (trigger dropped first) as a gap in both chains', async () => {
    const { core, ids } = await vaultWithRecords();
    await dropTriggers(core);
    await sql(core, 'DELETE FROM records WHERE id = ?', [ids[3]]);
    const r = await core.checkWholeLog();
    expect(r.ok).toBe(false);
    expect(
      r.problems.some((p) => p.problem === 'missing-record' && /position/.test(p.message)),
    ).toBe(true);
    expect(r.problems.some((p) => p.problem === 'missing-record' && p.recordId === ids[4])).toBe(
      true,
    );
  });

  it('detects reordered rows', async () => {
    const { core } = await vaultWithRecords();
    await dropTriggers(core);
    // Swap the stored positions of records 3 and 4.
    await sql(core, 'UPDATE records SET seq = -3 WHERE seq = 3');
    await sql(core, 'UPDATE records SET seq = 3 WHERE seq = 4');
    await sql(core, 'UPDATE records SET seq = 4 WHERE seq = -3');
    const r = await core.checkWholeLog();
    const outOfOrder = r.problems.filter((p) => p.problem === 'out-of-order');
    expect(outOfOrder.map((p) => p.seq).sort()).toEqual([3, 4]);
    expect(outOfOrder[0]!.message).toMatch(/reordered/);
  });

  it('detects a swapped signature', async () => {
    const { core, ids } = await vaultWithRecords();
    await dropTriggers(core);
    const a = (await core
      .requireDb()
      .get<{ signature: string }>('SELECT signature FROM records WHERE id = ?', [ids[1]]))!
      .signature;
    const b = (await core
      .requireDb()
      .get<{ signature: string }>('SELECT signature FROM records WHERE id = ?', [ids[2]]))!
      .signature;
    await sql(core, 'UPDATE records SET signature = ? WHERE id = ?', [b, ids[1]]);
    await sql(core, 'UPDATE records SET signature = ? WHERE id = ?', [a, ids[2]]);
    const r = await core.checkWholeLog();
    expect(
      r.problems
        .filter((p) => p.problem === 'bad-signature')
        .map((p) => p.recordId)
        .sort(),
    ).toEqual([ids[1], ids[2]].sort());
  });

  it('detects a changed timestamp, in the column or inside the signed record', async () => {
    const { core, ids } = await vaultWithRecords();
    await dropTriggers(core);
    await sql(core, "UPDATE records SET signed_at = '2020-01-01T00:00:00.000Z' WHERE id = ?", [
      ids[1],
    ]);
    await sql(
      core,
      'UPDATE records SET envelope = substr(envelope, 1, instr(envelope, \'"signedAt":"\') + 11) || \'2020\' || substr(envelope, instr(envelope, \'"signedAt":"\') + 16) WHERE id = ?',
      [ids[4]],
    );
    const r = await core.checkWholeLog();
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: 'columns-differ', recordId: ids[1] }),
        expect.objectContaining({ problem: 'content-changed', recordId: ids[4] }),
      ]),
    );
  });

  it('raises the alarm at the next sign-in, records it, and still lets the DSL read the case', async () => {
    const { core, ids, caseId, dslId } = await vaultWithRecords();
    await dropTriggers(core);
    // Tamper with the newest record: it is the verified checkpoint, so sign-in must notice.
    await sql(
      core,
      "UPDATE records SET envelope = replace(envelope, 'Note 5', 'Note X') WHERE id = ?",
      [ids[5]],
    );
    await core.lock('manual');
    const alarms: number[] = [];
    core.onEvent((e) => e.type === 'integrity-alarm' && alarms.push(e.problems));
    const s = await core.signIn(dslId, DSL.passphrase);
    expect(s.integrity?.ok).toBe(false);
    expect(alarms.length).toBe(1);
    const audit = await core.listAudit({ action: 'integrity-alarm' });
    expect(audit).toHaveLength(1);
    const view = await cases.getCase(core, caseId);
    expect(view.records).toHaveLength(6);
  });

  it('checks only new records at sign-in, from the checkpoint', async () => {
    const { core, caseId, dslId } = await vaultWithRecords(3);
    await cases.addRecord(core, { caseId, kind: 'note', body: noteBody() });
    await core.lock('manual');
    const s = await core.signIn(dslId, DSL.passphrase);
    expect(s.integrity).toMatchObject({ ok: true, mode: 'incremental', checked: 1 });
  });
});
