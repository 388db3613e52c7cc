// The dashboard's backup ages and warnings, with a fixed clock: amber after 2 days, red after 7
// (configurable), red when a folder cannot be reached or has never had a verified backup.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKUP_CONFIG,
  folderStatuses,
  type VerifiedMark,
} from '../../../src/shared/backup';

const NOW = new Date('2026-12-10T09:00:00.000Z');
const A = '/mnt/backup-a';
const B = '/media/usb';
const config = { ...DEFAULT_BACKUP_CONFIG, folders: [A, B] };
const mark = (
  folder: string,
  at: string,
  outcome: 'verified' | 'failed' = 'verified',
): VerifiedMark => ({
  folder,
  at,
  fileName: `${folder}-${at}`,
  seq: 10,
  outcome,
});
const reachable = new Map<string, string | null>([
  [A, null],
  [B, null],
]);

describe('backup ages on the dashboard (fixed clock)', () => {
  it('a backup one day old is up to date; two days is amber; seven days is red', () => {
    const cases: Array<[string, string, number]> = [
      ['2026-12-09T08:00:00.000Z', 'ok', 1],
      ['2026-12-08T08:59:59.000Z', 'amber', 2],
      ['2026-12-03T09:00:00.000Z', 'red', 7],
      ['2026-12-10T08:00:00.000Z', 'ok', 0],
    ];
    for (const [at, level, days] of cases) {
      const [a] = folderStatuses(config, [mark(A, at)], reachable, NOW);
      expect(a!.level).toBe(level);
      expect(a!.ageDays).toBe(days);
    }
  });

  it('the thresholds are configurable', () => {
    const c = { ...config, warnAfter: { amberDays: 1, redDays: 3 } };
    expect(folderStatuses(c, [mark(A, '2026-12-09T08:00:00.000Z')], reachable, NOW)[0]!.level).toBe(
      'amber',
    );
    expect(folderStatuses(c, [mark(A, '2026-12-07T08:00:00.000Z')], reachable, NOW)[0]!.level).toBe(
      'red',
    );
  });

  it('each folder has its own age: a recent backup in one does not hide an old one in another', () => {
    const [a, b] = folderStatuses(
      config,
      [mark(A, '2026-12-10T08:00:00.000Z'), mark(B, '2026-12-01T08:00:00.000Z')],
      reachable,
      NOW,
    );
    expect(a!.level).toBe('ok');
    expect(b!.level).toBe('red');
    expect(b!.ageDays).toBe(9);
  });

  it('attack "unplug the USB drive": a missing folder is red with its reason, even with a fresh backup', () => {
    const gone = new Map(reachable).set(B, 'This backup folder cannot be found.');
    const [, b] = folderStatuses(config, [mark(B, '2026-12-10T08:00:00.000Z')], gone, NOW);
    expect(b!.reachable).toBe(false);
    expect(b!.level).toBe('red');
    expect(b!.problem).toMatch(/cannot be found/);
  });

  it('never backed up is red; a failed newest backup is raised even when the last good one is recent', () => {
    const [a, b] = folderStatuses(
      config,
      [mark(A, '2026-12-10T07:00:00.000Z'), mark(A, '2026-12-10T08:00:00.000Z', 'failed')],
      reachable,
      NOW,
    );
    expect(b!.level).toBe('red');
    expect(b!.ageDays).toBeNull();
    expect(a!.level).toBe('amber');
    expect(a!.lastFailedFile).toContain('2026-12-10T08');
    expect(a!.lastVerifiedAt).toBe('2026-12-10T07:00:00.000Z');
  });
});
