// Starts one backup job as the worker's `backup` task, in a thread of its own, and resolves with its
// result. The keys are copied into the worker's own memory (structured clone) and zeroed on both
// sides when the job is posted and when it ends.
import { CaseSealError } from '../../../shared/errors';
import { runTask } from '../worker/workerHost';
import type { BackupJob, BackupJobResult, JobProgress } from './runBackup';

export function runBackupInWorker(
  workerPath: string | undefined,
  job: BackupJob,
  onProgress: (p: JobProgress) => void,
): Promise<BackupJobResult> {
  let run: Promise<BackupJobResult>;
  try {
    run = runTask('backup', job, {
      ...(workerPath ? { script: workerPath } : {}),
      onProgress: (done, total, stage) =>
        onProgress({ stage: stage as JobProgress['stage'], done, total }),
    });
  } finally {
    job.vaultKey.fill(0);
    job.signingKeyDer.fill(0);
  }
  return run.catch((e: unknown) => {
    // The task answers BACKUP_FAILED with its reason; a thread that died answers nothing useful.
    throw e instanceof CaseSealError && e.code === 'BACKUP_FAILED'
      ? e
      : new CaseSealError('BACKUP_FAILED');
  });
}
