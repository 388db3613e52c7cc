// Test-only child process: runs one backup job (the same runBackupJob the worker thread runs) so a
// test can kill the whole process with SIGKILL at any moment. The job, keys included, comes from a
// temp file the test wrote; this entry is never part of the app.
import { readFileSync } from 'node:fs';
import { runBackupJob, type BackupJob } from '../../src/main/core/backup/runBackup';

const raw = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Omit<
  BackupJob,
  'vaultKey' | 'signingKeyDer'
> & { vaultKey: string; signingKeyDer: string };
const job: BackupJob = {
  ...raw,
  vaultKey: Buffer.from(raw.vaultKey, 'base64'),
  signingKeyDer: Buffer.from(raw.signingKeyDer, 'base64'),
};
runBackupJob(job, (p) => process.stdout.write(`${p.stage} ${p.done}/${p.total}\n`))
  .then((r) => {
    process.stdout.write(`DONE ${JSON.stringify(r.folders.map((f) => f.outcome))}\n`);
  })
  .catch((e: unknown) => {
    process.stdout.write(`ERROR ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
