// Which backups a folder keeps (generations): the newest of each of the last N days, weeks and
// months that have a backup (grandfather-father-son, counted like restic's --keep-daily). Pure and
// deterministic, so it is unit-tested without files. Only verified backups are ever pruned; a
// failed one is kept aside for school IT to look at.
import type { Retention } from '../../../shared/backup';

export interface Generation {
  fileName: string;
  at: Date;
}

function dayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** ISO 8601 week (UTC): weeks start on Monday; the week belongs to the year of its Thursday. */
function weekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function monthKey(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/**
 * Returns the file names to delete. The newest backup is always kept, so pruning can never remove
 * the only verified copy.
 */
export function backupsToPrune(backups: readonly Generation[], policy: Retention): string[] {
  const sorted = [...backups].sort(
    (a, b) => b.at.getTime() - a.at.getTime() || (a.fileName < b.fileName ? 1 : -1),
  );
  const keep = new Set<string>();
  if (sorted[0]) keep.add(sorted[0].fileName);
  const bucket = (key: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of sorted) {
      if (seen.size >= count) break;
      const k = key(b.at);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(b.fileName);
    }
  };
  bucket(dayKey, policy.daily);
  bucket(weekKey, policy.weekly);
  bucket(monthKey, policy.monthly);
  return sorted.filter((b) => !keep.has(b.fileName)).map((b) => b.fileName);
}
