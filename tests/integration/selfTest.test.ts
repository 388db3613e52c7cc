// The installed app's self-test (`CaseSeal --self-test`), run here under plain Node as the release
// workflow runs it after a silent install: it must pass on a working engine and leave nothing behind.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
        ['start the background worker', true],
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

  it('attack "ship an installation without its worker entry" (out/main/worker.js removed): the self-test fails, naming the worker', async () => {
    const parent = tempDir();
    const saved = process.env.CASESEAL_WORKER_SCRIPT;
    process.env.CASESEAL_WORKER_SCRIPT = join(parent, 'no-such-worker.js');
    try {
      const result = await runSelfTest(parent);
      expect(result.steps.find((s) => s.step === 'start the background worker')).toEqual({
        step: 'start the background worker',
        ok: false,
        detail: 'the worker entry is missing',
      });
      expect(result.ok).toBe(false);
    } finally {
      process.env.CASESEAL_WORKER_SCRIPT = saved;
      removeDir(parent);
    }
  });

  it('throws when the scratch folder cannot be made, rather than touching any other folder', async () => {
    await expect(runSelfTest('/proc/caseseal-cannot-write-here')).rejects.toThrow();
  });
});
