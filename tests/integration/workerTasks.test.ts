// The one worker entry and its task registry: a name outside the registry is refused and the thread
// carries on; a worker that dies part-way through an export leaves nothing behind; a backup or page
// read whose thread cannot start fails plainly rather than hanging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cases from '../../src/main/core/cases/caseService';
import { sealExport } from '../../src/main/core/export/sealExport';
import { startPageCheck } from '../../src/main/core/pages/pageRead';
import { runBackupInWorker } from '../../src/main/core/backup/workerRunner';
import { VaultReader, WorkerHost } from '../../src/main/core/worker/workerHost';
import type { TaskName } from '../../src/main/core/worker/tasks';
import { privateKeyToDer } from '../../src/main/core/crypto/ed25519';
import { DSL, removeDir, setUpVault, tempDir } from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';
import { unlockVaultKey } from '../../src/main/core/backup/unlockKey';

const RECIPIENT = {
  officerName: 'DC Rowan Whitlock',
  force: 'Kingsford Constabulary',
  reference: 'KB-1',
};

let v: Awaited<ReturnType<typeof setUpVault>>;
let caseId: string;
const dirs: string[] = [];

beforeAll(async () => {
  v = await setUpVault();
  dirs.push(v.dir);
  const concern = await cases.recordConcern(v.core, concernBody());
  await cases.openCase(v.core, { fromCaseId: concern.caseId, details: caseDetails() });
  for (let i = 0; i < 5; i++)
    await cases.addRecord(v.core, {
      caseId: concern.caseId,
      kind: 'note',
      body: noteBody({ subject: `Meeting ${i}`, details: `Saffron follow-up ${i}.` }),
    });
  caseId = concern.caseId;
});

afterAll(async () => {
  await v.core.close();
  dirs.forEach(removeDir);
});

/** A "worker" that dies as soon as it starts, as a crashed or killed thread would. */
function dyingWorker(): string {
  const dir = tempDir('caseseal-dying-');
  dirs.push(dir);
  const path = join(dir, 'worker.js');
  writeFileSync(path, 'process.exit(3);\n');
  return path;
}

describe('the one worker entry', () => {
  it('attack "name a task outside the registry" (a prototype property such as constructor or __proto__): refused plainly, and the worker answers the next job', async () => {
    const reader = new VaultReader(v.core.paths.db, await vaultKey());
    try {
      await reader.whenReady();
      for (const name of ['constructor', '__proto__', 'toString', 'deleteEverything'])
        await expect(reader.run(name as TaskName, {} as never)).rejects.toMatchObject({
          code: 'INTERNAL',
          message: 'The background task could not finish.',
        });
      const hits = await reader.run('search', {
        match: '"saffron"',
        scope: { kind: 'team' },
        limit: 50,
      });
      expect(hits).toHaveLength(5);
    } finally {
      await reader.close();
    }
  });

  it('attack "kill the worker while it builds the export" (the thread dies): the export fails in plain words, with no file, no export record and no audit entry', async () => {
    const out = tempDir('caseseal-dying-export-');
    dirs.push(out);
    const db = v.core.requireDb();
    const count = async () => ({
      records: (await db.get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n,
      audit: (await db.get<{ n: number }>('SELECT count(*) AS n FROM audit'))!.n,
    });
    const before = await count();
    const core = v.core as { workerScript: string };
    const saved = core.workerScript;
    core.workerScript = dyingWorker();
    try {
      await expect(
        sealExport(v.core, {
          caseIds: [caseId],
          recipient: RECIPIENT,
          encrypt: false,
          outPath: join(out, 'export.zip'),
        }),
      ).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
    } finally {
      core.workerScript = saved;
    }
    expect(readdirSync(out)).toEqual([]);
    expect(await count()).toEqual(before);
    // The same export through the real worker then succeeds.
    const ok = await sealExport(v.core, {
      caseIds: [caseId],
      recipient: RECIPIENT,
      encrypt: false,
      outPath: join(out, 'export.zip'),
    });
    expect(readdirSync(out)).toEqual(['export.zip']);
    expect(ok.records).toBe(8);
  });

  it('a page read or a backup whose thread dies says so (unreadable; backup failed) instead of hanging', async () => {
    const key = await vaultKey();
    const pages = await startPageCheck(v.core.paths.db, key, { workerScript: dyingWorker() })
      .result;
    expect(pages.outcome).toBe('unreadable');
    const s = v.core.requireSession();
    const job = {
      vaultDir: v.core.paths.dir,
      vaultKey: new Uint8Array(key),
      folders: [tempDir('caseseal-dying-backup-')],
      retention: { daily: 7, weekly: 4, monthly: 12 },
      signer: v.core.signerOf(s),
      signingKeyDer: new Uint8Array(privateKeyToDer(s.privateKey)),
      clockOffsetMs: 0,
    };
    dirs.push(job.folders[0]!);
    await expect(runBackupInWorker(dyingWorker(), job, () => undefined)).rejects.toMatchObject({
      code: 'BACKUP_FAILED',
    });
    // Main's copies of both keys were zeroed once the job was handed over.
    expect(job.vaultKey.every((b) => b === 0)).toBe(true);
    expect(job.signingKeyDer.every((b) => b === 0)).toBe(true);
    expect(readdirSync(job.folders[0]!)).toEqual([]);
  });

  it('a bare worker with no vault refuses the reader tasks plainly', async () => {
    const host = new WorkerHost();
    try {
      await expect(
        host.run('search', { match: '"x"', scope: { kind: 'team' }, limit: 5 }),
      ).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      await host.close();
    }
  });
});

async function vaultKey(): Promise<Buffer> {
  return (await unlockVaultKey(v.core.paths.keySlots, DSL.passphrase)).key;
}
