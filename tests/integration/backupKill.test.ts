// kill -9 during a backup: the whole process running a backup (snapshot, write, check, rename,
// signed record) is killed with SIGKILL at moments spread over the run. Afterwards the vault must be
// intact and the folder must hold either complete backups that verify, or none — never a half file
// with a backup's name.
import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendRecord } from '../../src/main/core/log/recordLog';
import { privateKeyToDer } from '../../src/main/core/crypto/ed25519';
import { unlockVaultKey } from '../../src/main/core/backup/unlockKey';
import { verifyBackupFile } from '../../src/main/core/backup/verifyBackup';
import { parseBackupName } from '../../src/main/core/backup/fileName';
import { checkIntegrity } from '../../src/main/core/log/integrity';
import { openVaultDb } from '../../src/main/db/open';
import { DSL, setUpVault, tempDir, removeDir } from '../helpers/vault';
import { noteBody } from '../helpers/records';
import { buildEntry } from '../helpers/workerScript';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function runChild(script: string, jobFile: string, killAfterMs: number | null) {
  return new Promise<{ out: string; signal: NodeJS.Signals | null }>((resolve) => {
    const child = spawn(process.execPath, [script, jobFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer =
      killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ out, signal });
    });
  });
}

it('attack "kill -9 during a backup" (SIGKILL of the process at many moments): the vault stays intact and each backup is complete and verified, or absent', async () => {
  const v = await setUpVault();
  dirs.push(v.dir);
  const s = v.core.requireSession();
  const signer = v.core.signerOf(s);
  // A vault big enough for the backup to take a while: 2,000 signed records.
  await v.core.requireDb().transaction(async (conn) => {
    for (let i = 0; i < 2000; i++)
      await appendRecord(conn, {
        caseId: randomUUID(),
        kind: 'note',
        body: noteBody({ subject: `Note ${i}` }),
        signer,
        privateKey: s.privateKey,
        now: new Date(),
      });
  });
  const signingKeyDer = privateKeyToDer(s.privateKey).toString('base64');
  await v.core.close();
  const key = (await unlockVaultKey(v.core.paths.keySlots, DSL.passphrase)).key;
  const folder = tempDir('caseseal-kill-');
  dirs.push(folder);
  const jobDir = tempDir('caseseal-job-');
  dirs.push(jobDir);
  const jobFile = join(jobDir, 'job.json');
  writeFileSync(
    jobFile,
    JSON.stringify({
      vaultDir: v.dir,
      vaultKey: key.toString('base64'),
      folders: [folder],
      retention: { daily: 100, weekly: 0, monthly: 0 },
      signer,
      signingKeyDer,
      clockOffsetMs: 0,
    }),
    { mode: 0o600 },
  );
  const script = buildEntry('tests/helpers/backupChild.ts', 'backupChild');

  const t0 = performance.now();
  const full = await runChild(script, jobFile, null);
  const duration = performance.now() - t0;
  expect(full.out).toContain('DONE ["verified"]');
  console.log(`[kill test] one full backup run (child process) took ${Math.round(duration)} ms`);

  let killedMidway = 0;
  for (const f of [0.05, 0.15, 0.3, 0.45, 0.6, 0.7, 0.8, 0.9, 0.97]) {
    const r = await runChild(script, jobFile, Math.round(duration * f));
    if (r.signal === 'SIGKILL') killedMidway++;
    // Every file with a backup's name is complete and verifies; anything else is hidden partial work.
    for (const name of readdirSync(folder)) {
      const parsed = parseBackupName(name);
      if (!parsed) {
        expect(name.startsWith('.'), name).toBe(true);
        continue;
      }
      expect(parsed.failed, name).toBe(false);
      const check = await verifyBackupFile(join(folder, name), key, folder, new Date());
      expect(check.ok, `${name}: ${check.problem}`).toBe(true);
    }
  }
  expect(killedMidway).toBeGreaterThanOrEqual(5);

  // The vault itself: opens, and its whole chain (records and audit) verifies.
  const db = await openVaultDb(v.core.paths.db, key, { create: false });
  try {
    const report = await checkIntegrity(db, { mode: 'full', now: new Date() });
    expect(report.problems).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(2001);
  } finally {
    await db.close();
  }
  // And a person can still sign in to it.
  await v.core.signIn(v.dslId, DSL.passphrase);
  expect(v.core.currentSession()?.integrity?.ok).toBe(true);
  await v.core.close();
}, 300_000);
