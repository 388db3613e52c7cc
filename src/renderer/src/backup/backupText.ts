// Plain words for backup ages and levels, shared by the home panel and the Backups screen.
import type { FolderStatus } from '../../../shared/backup';
import { ukDateTime } from '../../../shared/ukTime';

export function ageWords(f: FolderStatus): string {
  if (f.ageDays === null) return 'Never backed up and checked';
  if (f.ageDays === 0) return 'Today';
  return f.ageDays === 1 ? '1 day ago' : `${f.ageDays} days ago`;
}

export function levelWords(f: FolderStatus): string {
  if (!f.reachable) return 'Cannot be reached';
  if (f.lastFailedFile && f.level !== 'red') return 'Last backup failed its check';
  return f.level === 'ok' ? 'Up to date' : f.level === 'amber' ? 'Getting old' : 'Too old';
}

export function levelClass(f: FolderStatus): string {
  return f.level === 'ok' ? 'tag tag-ok' : f.level === 'amber' ? 'tag tag-warn' : 'tag tag-alarm';
}

export function lastWords(f: FolderStatus): string {
  return f.lastVerifiedAt
    ? `${ukDateTime(f.lastVerifiedAt)} (log position ${f.lastVerifiedSeq})`
    : '—';
}

export const STAGE_WORDS: Record<string, string> = {
  'backup-snapshot': 'Taking a snapshot of the vault',
  'backup-write': 'Writing the backup file',
  'backup-verify': 'Checking the backup',
  'backup-record': 'Recording the result in the log',
};
