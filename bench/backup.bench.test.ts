// Backup benchmarks on the 100,000-record bench vault (10,000 cases × 10 records), against a raw
// file copy of the same vault measured in the same run: backup_100k_ms (snapshot + writing the
// container), backup_verify_100k_ms (reading it back as a restore would: hashes, every page, the
// full chain), and backup_copy_ratio = backup throughput ÷ raw copy throughput (goal ≥ 0.3).
import { it } from 'vitest';
import { randomInt, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendRecord } from '../src/main/core/log/recordLog';
import { privateKeyToDer } from '../src/main/core/crypto/ed25519';
import { runBackupJob, type JobProgress } from '../src/main/core/backup/runBackup';
import { unlockVaultKey } from '../src/main/core/backup/unlockKey';
import { DSL, setUpVault } from '../tests/helpers/vault';
import { median, recordFigure } from './lib/results';

const WORDS =
  'library corridor lunchtime snapchat instagram message photo threat worried parent carer police referral teacher tutor phone laptop group chat bullying gaming blackmail money account friend pupil class weekend evening'.split(
    ' ',
  );
const sentence = (n: number) =>
  Array.from({ length: n }, () => WORDS[randomInt(WORDS.length)]).join(' ');

it('backup: 100,000 records, against a raw copy of the same file', async () => {
  const v = await setUpVault();
  const backupDir = mkdtempSync(join(tmpdir(), 'caseseal-bench-backups-'));
  const copyDir = mkdtempSync(join(tmpdir(), 'caseseal-bench-copy-'));
  try {
    const s = v.core.requireSession();
    const signer = v.core.signerOf(s);
    const t0 = performance.now();
    for (let c = 0; c < 10_000; c += 200) {
      await v.core.requireDb().transaction(async (conn) => {
        for (let k = c; k < c + 200; k++) {
          const caseId = randomUUID();
          for (let r = 0; r < 10; r++)
            await appendRecord(conn, {
              caseId,
              kind: 'note',
              body: { noteType: 'discussion', subject: sentence(4), details: sentence(30) },
              signer,
              privateKey: s.privateKey,
              now: new Date(),
            });
        }
      });
    }
    console.log(
      `[bench] built 100,000 records in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const signingKeyDer = privateKeyToDer(s.privateKey);
    await v.core.close(); // the WAL is checkpointed into caseseal.db: the copy below is the whole vault
    const key = (await unlockVaultKey(v.core.paths.keySlots, DSL.passphrase)).key;
    const dbBytes = statSync(v.core.paths.db).size;

    const copies: number[] = [];
    const backups: number[] = [];
    const verifies: number[] = [];
    // One backup run: the full check of 100,000 records takes minutes on this shared machine.
    for (let i = 0; i < 1; i++) {
      // Raw copy: the same bytes, file to file, in the same run.
      let t = performance.now();
      copyFileSync(v.core.paths.db, join(copyDir, `copy-${i}.db`));
      copies.push(performance.now() - t);
      rmSync(join(copyDir, `copy-${i}.db`));

      let verifyStart = 0;
      let verifyEnd = 0;
      t = performance.now();
      const result = await runBackupJob(
        {
          vaultDir: v.dir,
          vaultKey: new Uint8Array(key),
          folders: [backupDir],
          retention: { daily: 1, weekly: 0, monthly: 0 },
          signer,
          signingKeyDer: new Uint8Array(signingKeyDer),
          clockOffsetMs: 0,
        },
        (p: JobProgress) => {
          if (p.stage === 'verify' && verifyStart === 0) verifyStart = performance.now();
          if (p.stage === 'record' && verifyEnd === 0) verifyEnd = performance.now();
        },
      );
      if (result.folders[0]!.outcome !== 'verified') throw new Error('bench backup did not verify');
      backups.push(verifyStart - t);
      verifies.push(verifyEnd - verifyStart);
    }
    const backupBytes = readdirSync(backupDir)
      .filter((n) => n.endsWith('.csbackup'))
      .map((n) => statSync(join(backupDir, n)).size)[0]!;
    const copyMs = median(copies);
    const backupMs = median(backups);
    recordFigure(
      'backup_100k_ms',
      backupMs,
      `snapshot + container, ${(backupBytes / 1e6).toFixed(0)} MB; one run`,
    );
    recordFigure(
      'backup_verify_100k_ms',
      median(verifies),
      'hashes, every page, full chain; one run',
    );
    recordFigure(
      'backup_raw_copy_100k_ms',
      copyMs,
      `${(dbBytes / 1e6).toFixed(0)} MB vault file; one run`,
    );
    recordFigure(
      'backup_copy_ratio',
      copyMs / backupMs,
      'backup throughput ÷ raw copy throughput; goal >= 0.3',
    );
  } finally {
    rmSync(backupDir, { recursive: true, force: true });
    rmSync(copyDir, { recursive: true, force: true });
    rmSync(v.dir, { recursive: true, force: true });
  }
});
