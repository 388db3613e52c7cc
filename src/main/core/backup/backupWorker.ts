// The backup worker thread's entry point (built as its own file, out/main/backupWorker.js): runs one
// backup job with its own database connections and reports progress, so the UI's thread never
// waits on a snapshot, a copy or a check.
import { parentPort, workerData } from 'node:worker_threads';
import { runBackupJob, type BackupJob } from './runBackup';

const port = parentPort;
if (port) {
  const job = (workerData as { job: BackupJob }).job;
  runBackupJob(job, (p) => port.postMessage({ type: 'progress', progress: p }))
    .then((result) => port.postMessage({ type: 'done', result }))
    .catch((e: unknown) =>
      port.postMessage({
        type: 'error',
        code: (e as { code?: string } | null)?.code ?? null,
        message: e instanceof Error && (e as { code?: string }).code ? e.message : null,
      }),
    )
    .finally(() => {
      job.vaultKey.fill(0);
      job.signingKeyDer.fill(0);
    });
}
