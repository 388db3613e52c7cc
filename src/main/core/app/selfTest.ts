// The installed app's self-test (`CaseSeal --self-test`): sets up a scratch vault in a temporary
// folder, signs a record, reads it back through search and the whole-log check, and removes the
// folder. It proves on a real installation that the engine binary loads, SQLCipher 4 encrypts,
// and signing and verification work — without touching the school's vault.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseSealCore } from './caseSealCore';
import * as cases from '../cases/caseService';
import { hasPlainHeader } from '../../db/open';

export interface SelfTestResult {
  ok: boolean;
  steps: Array<{ step: string; ok: boolean; detail?: string }>;
}

/** A passphrase zxcvbn rates strong, used once for the scratch vault and never stored. */
function scratchPassphrase(): string {
  return `self-test-${randomBytes(18).toString('base64url')}`;
}

export async function runSelfTest(parent = tmpdir()): Promise<SelfTestResult> {
  const steps: SelfTestResult['steps'] = [];
  const dir = mkdtempSync(join(parent, 'caseseal-self-test-'));
  const marker = `Self-test marker ${randomBytes(6).toString('hex')}`;
  const core = new CaseSealCore({ vaultDir: dir });
  const step = async (name: string, fn: () => Promise<string | void>): Promise<boolean> => {
    try {
      const detail = await fn();
      steps.push({ step: name, ok: true, ...(detail ? { detail } : {}) });
      return true;
    } catch (e) {
      steps.push({ step: name, ok: false, detail: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };
  try {
    const setUp = await step('set up a scratch vault', async () => {
      const { recoveryKey, confirmGroups } = await core.beginSetup({
        school: { name: 'Self-test School', urn: '100000', localAuthority: 'Self-test' },
        dsl: { fullName: 'Self Test', passphrase: scratchPassphrase() },
      });
      const groups = recoveryKey.split('-');
      await core.confirmSetup({
        groups: Object.fromEntries(confirmGroups.map((i) => [String(i), groups[i]!])),
      });
    });
    const wrote =
      setUp &&
      (await step('sign and write a record', async () => {
        const r = await cases.recordConcern(core, {
          childrenConcerned: 'A pupil (self-test)',
          account: marker,
          when: '2026-01-01T09:00',
          where: 'Self-test',
          involved: 'Nobody',
          actionTaken: 'None: this is the installed app checking itself.',
          imagery: false,
        });
        return r.record.envelope.id;
      }));
    if (wrote) {
      // Search, page reads, the full check, backups and exports all run in the worker thread
      // started from out/main/worker.js: an installation without it must fail here, by name.
      await step('start the background worker', async () => {
        if (!existsSync(core.workerScript)) throw new Error('the worker entry is missing');
        const reader = core.backgroundReader();
        if (!reader) throw new Error('no background reader started at sign-in');
        await reader.whenReady();
      });
      await step('read it back with full-text search', async () => {
        const hits = await cases.searchRecords(core, marker.split(' ').at(-1)!);
        if (hits.length !== 1) throw new Error(`expected 1 search hit, found ${hits.length}`);
      });
      await step('verify every hash and signature', async () => {
        const report = await core.checkWholeLog();
        if (!report.ok) throw new Error(`${report.problems.length} integrity problem(s)`);
        return `${report.checked} record(s) verified`;
      });
    }
    await core.close();
    if (setUp) {
      await step('the file on disk is encrypted', async () => {
        const path = join(dir, 'caseseal.db');
        if (hasPlainHeader(path)) throw new Error('the vault file has a plain SQLite header');
        if (readFileSync(path).includes(Buffer.from(marker))) {
          throw new Error('the record text is readable in the vault file');
        }
      });
    }
  } finally {
    await core.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return { ok: steps.length > 0 && steps.every((s) => s.ok), steps };
}
