// The session's background reader: a worker thread with its own read-only connection runs the full
// check and search off the UI's thread, gives the same answers as the main connection, stops at
// lock, and cannot write.
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as cases from '../../src/main/core/cases/caseService';
import { checkIntegrity } from '../../src/main/core/log/integrity';
import { VaultReader } from '../../src/main/core/worker/workerHost';
import { openVaultDb } from '../../src/main/db/open';
import { removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';
import { vaultKeyHexOf } from '../helpers/vaultKey';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function vaultWithCase() {
  const v = await setUpVault();
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const concern = await cases.recordConcern(v.core, concernBody());
  await cases.openCase(v.core, { fromCaseId: concern.caseId, details: caseDetails() });
  for (let i = 0; i < 30; i++) {
    await cases.addRecord(v.core, {
      caseId: concern.caseId,
      kind: 'note',
      body: noteBody({ subject: `Meeting ${i}`, details: `Heliotrope follow-up number ${i}.` }),
    });
  }
  return { ...v, caseId: concern.caseId };
}

describe('background reader', () => {
  it('starts at sign-in, runs the full check with progress, and agrees with the main connection', async () => {
    const { core } = await vaultWithCase();
    expect(core.backgroundReader()).not.toBeNull();
    const progress: Array<[number, number]> = [];
    const report = await core.checkWholeLog((d, t) => progress.push([d, t]));
    const direct = await checkIntegrity(core.requireDb(), { mode: 'full', now: new Date() });
    expect(report.ok).toBe(true);
    expect(report.checked).toBe(direct.checked);
    expect(report.checked).toBe(32);
    expect(progress.at(-1)).toEqual([32, 32]);
  });

  it('search runs on the reader and sees a record committed a moment before', async () => {
    const { core, caseId } = await vaultWithCase();
    await cases.addRecord(core, {
      caseId,
      kind: 'note',
      body: noteBody({ subject: 'Late', details: 'Marigold appears only in this record.' }),
    });
    const hits = await cases.searchRecords(core, 'marigold');
    expect(hits.map((h) => h.caseId)).toEqual([caseId]);
    expect((await cases.searchRecords(core, 'heliotrope')).length).toBe(30);
  });

  it('is stopped when the vault locks: a job sent after locking is refused', async () => {
    const { core } = await vaultWithCase();
    const reader = core.backgroundReader()!;
    await core.lock('manual');
    expect(core.backgroundReader()).toBeNull();
    await expect(
      reader.run('fullCheck', {
        now: new Date().toISOString(),
        trustedSchool: null,
        useTrust: false,
      }),
    ).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
  });

  it("the reader's connection cannot write: an attempt to append through it is refused and nothing changes", async () => {
    const { core, dir } = await vaultWithCase();
    const before = (await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!
      .n;
    // The same open the worker makes (read-only, raw key), used as a compromised task would use it.
    const ro = await openVaultDb(
      join(dir, 'caseseal.db'),
      Buffer.from(vaultKeyHexOf(core), 'hex'),
      {
        create: false,
        readonly: true,
      },
    );
    try {
      await expect(ro.run("INSERT INTO counters (name, value) VALUES ('x', 1)")).rejects.toThrow(
        /readonly/i,
      );
      await expect(ro.run('DELETE FROM records')).rejects.toThrow(/readonly|append only|abort/i);
    } finally {
      await ro.close();
    }
    const after = (await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!
      .n;
    expect(after).toBe(before);
  });

  it('a reader closed while it is still opening the vault (a lock at the instant of sign-in), 40 times over, never brings the process down, and the next reader works', async () => {
    // Ending a thread part-way through loading the vault engine's native module is a fatal error
    // for the whole process in Node-API: the app would vanish. close() waits for the thread to
    // finish starting before it ends it.
    const { core, dir } = await vaultWithCase();
    const key = Buffer.from(vaultKeyHexOf(core), 'hex');
    const dbPath = join(dir, 'caseseal.db');
    // Closed at every moment of its start, 0 to 39 ms after it began.
    for (let i = 0; i < 40; i++) {
      const r = new VaultReader(dbPath, key);
      await new Promise((res) => setTimeout(res, i));
      await r.close();
    }
    await Promise.all(Array.from({ length: 8 }, () => new VaultReader(dbPath, key).close()));
    const reader = new VaultReader(dbPath, key);
    cleanups.push(() => reader.close());
    await reader.whenReady();
    const hits = await reader.run('search', {
      match: '"heliotrope"',
      scope: { kind: 'team' },
      limit: 50,
    });
    expect(hits.length).toBe(30);
  });

  it('a reader started with the wrong key says the vault is unreadable, and never opens it', async () => {
    const { dir } = await vaultWithCase();
    const reader = new VaultReader(join(dir, 'caseseal.db'), randomBytes(32));
    cleanups.push(() => reader.close());
    await expect(reader.whenReady()).rejects.toMatchObject({ code: 'VAULT_UNREADABLE' });
    await expect(
      reader.run('search', { match: '"x"', scope: { kind: 'team' }, limit: 5 }),
    ).rejects.toMatchObject({ code: 'VAULT_UNREADABLE' });
  });
});
