// The generations a backup folder keeps: pure, with fixed dates.
import { describe, expect, it } from 'vitest';
import { backupsToPrune, type Generation } from '../../../src/main/core/backup/retention';
import {
  backupBaseName,
  parseBackupName,
  safeSchoolName,
} from '../../../src/main/core/backup/fileName';

const DEFAULT = { daily: 7, weekly: 4, monthly: 12 };

function daily(days: number, from = Date.UTC(2026, 0, 1, 16)): Generation[] {
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(from + i * 86_400_000);
    return { fileName: `b-${at.toISOString()}`, at };
  });
}

describe('retention (7 daily, 4 weekly, 12 monthly by default)', () => {
  it('keeps everything while there are fewer backups than the daily count', () => {
    expect(backupsToPrune(daily(5), DEFAULT)).toEqual([]);
  });

  it('a year of daily backups keeps 7 daily, 4 weekly and 12 monthly generations, never more', () => {
    const all = daily(365);
    const gone = new Set(backupsToPrune(all, DEFAULT));
    const kept = all.filter((g) => !gone.has(g.fileName));
    // The newest 7 days are all kept.
    for (const g of all.slice(-7)) expect(kept).toContainEqual(g);
    // Every kept backup is the newest of its day, week or month: at most 7 + 4 + 12.
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    // One backup per month for the last 12 months.
    const months = new Set(kept.map((g) => g.at.toISOString().slice(0, 7)));
    expect(months.size).toBe(12);
  });

  it('several backups on one day count as one daily generation (the newest of the day is kept)', () => {
    const day = Date.UTC(2026, 5, 1);
    const gens: Generation[] = [0, 1, 2, 3].map((h) => ({
      fileName: `d${h}`,
      at: new Date(day + h * 3600_000),
    }));
    const gone = backupsToPrune(gens, { daily: 1, weekly: 0, monthly: 0 });
    expect(gone.sort()).toEqual(['d0', 'd1', 'd2']);
  });

  it('attack "prune everything": a policy of 1/0/0 still never removes the only (newest) copy', () => {
    const gens = daily(30);
    const gone = backupsToPrune(gens, { daily: 1, weekly: 0, monthly: 0 });
    expect(gone).toHaveLength(29);
    expect(gone).not.toContain(gens.at(-1)!.fileName);
    expect(backupsToPrune(gens.slice(0, 1), { daily: 1, weekly: 0, monthly: 0 })).toEqual([]);
  });

  it('a backup dated in the future (clock wrong) does not make real backups vanish beyond the policy', () => {
    const gens = daily(10);
    gens.push({ fileName: 'future', at: new Date(Date.UTC(2030, 0, 1)) });
    const gone = new Set(backupsToPrune(gens, DEFAULT));
    // The 6 newest real days survive alongside the future one (7 daily generations in all).
    for (const g of gens.slice(4, 10)) expect(gone.has(g.fileName)).toBe(false);
  });
});

describe('backup file names', () => {
  it('name the school, the time and the log position, and parse back', () => {
    const n = backupBaseName(
      'St Mary’s C of E: Primary/Junior',
      new Date('2026-12-01T15:03:22.120Z'),
      42,
    );
    expect(n).toBe('St Mary-s C of E- Primary-Junior CaseSeal backup 20261201T150322Z seq 42');
    const p = parseBackupName(`${n}.csbackup`)!;
    expect(p.seq).toBe(42);
    expect(p.at.toISOString()).toBe('2026-12-01T15:03:22.000Z');
    expect(p.failed).toBe(false);
    expect(parseBackupName(`${n}.csbackup-FAILED`)!.failed).toBe(true);
    expect(parseBackupName(`.${n}.partial`)).toBeNull();
  });

  it('attack "path in the school name": separators and dots cannot leave the folder', () => {
    expect(safeSchoolName('../../etc/passwd')).not.toMatch(/[/\\]/);
    expect(safeSchoolName('..')).toBe('School');
    expect(safeSchoolName('C:\\Windows\\x')).not.toMatch(/[:\\]/);
  });
});
