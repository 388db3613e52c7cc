// Backup file names: the school, the time (UTC) and the log's sequence number, so that school IT can
// tell backups apart without opening them. A backup that failed its check gets a different ending,
// so it can never be mistaken for a good one; files still being written start with a dot.
export const BACKUP_EXT = '.csbackup';
export const FAILED_EXT = '.csbackup-FAILED';
export const PARTIAL_EXT = '.partial';

/** Letters, digits and a few safe marks: a name every filesystem (Windows included) accepts. */
export function safeSchoolName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N} ._()&'-]/gu, '-')
    .replace(/-+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[ .-]+|[ .-]+$/g, '');
  return (cleaned || 'School').slice(0, 60).trim();
}

function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

export function backupBaseName(school: string, at: Date, seq: number): string {
  return `${safeSchoolName(school)} CaseSeal backup ${stamp(at)} seq ${seq}`;
}

const NAME = /^(.+) CaseSeal backup (\d{8}T\d{6}Z) seq (\d+)(\.csbackup|\.csbackup-FAILED)$/;

export interface ParsedBackupName {
  fileName: string;
  school: string;
  at: Date;
  seq: number;
  failed: boolean;
}

/** null for anything that is not a finished backup's name (partial files, other files). */
export function parseBackupName(fileName: string): ParsedBackupName | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const s = m[2]!;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return { fileName, school: m[1]!, at, seq: Number(m[3]), failed: m[4] === FAILED_EXT };
}
