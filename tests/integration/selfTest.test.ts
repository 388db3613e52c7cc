// The installed app's self-test (`CaseSeal --self-test`), run here under plain Node as the release
// workflow runs it after a silent install: it must pass on a working engine and leave nothing behind.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { runSelfTest } from '../../src/main/core/app/selfTest';
import { removeDir, tempDir } from '../helpers/vault';

describe('self-test of an installed app', () => {
  it('sets up a scratch vault, writes, reads, verifies, proves encryption, and removes the folder', async () => {
    const parent = tempDir();
    try {
      const result = await runSelfTest(parent);
      expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
        ['set up a scratch vault', true],
        ['sign and write a record', true],
        ['read it back with full-text search', true],
        ['verify every hash and signature', true],
        ['the file on disk is encrypted', true],
      ]);
      expect(result.ok).toBe(true);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      removeDir(parent);
    }
  });

  it('throws when the scratch folder cannot be made, rather than touching any other folder', async () => {
    await expect(runSelfTest('/proc/caseseal-cannot-write-here')).rejects.toThrow();
  });
});
