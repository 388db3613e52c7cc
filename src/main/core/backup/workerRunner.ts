// Starts one backup job in a worker thread and resolves with its result. The keys are copied into
// the worker's own memory (structured clone) and zeroed on both sides when the job ends.
import { Worker } from 'node:worker_threads';
import { CaseSealError } from '../../../shared/errors';
import type { BackupJob, BackupJobResult, JobProgress } from './runBackup';

type WorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: BackupJobResult }
  | { type: 'error'; code: string | null; message: string | null };

export function runBackupInWorker(
  workerPath: string,
  job: BackupJob,
  onProgress: (p: JobProgress) => void,
): Promise<BackupJobResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(workerPath, { workerData: { job } });
    job.vaultKey.fill(0);
    job.signingKeyDer.fill(0);
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.result));
      else
        finish(() =>
          reject(
            new CaseSealError(
              'BACKUP_FAILED',
              m.message ?? 'The backup could not be made. The vault has not been changed.',
            ),
          ),
        );
    });
    worker.on('error', () => finish(() => reject(new CaseSealError('BACKUP_FAILED'))));
    worker.on('exit', () => finish(() => reject(new CaseSealError('BACKUP_FAILED'))));
  });
}
