// The end-to-end harness: real Chromium shows the built renderer; window.api is defined by an init
// script whose methods call a Playwright binding that runs the REAL handler table (same contract,
// same zod validation, same dispatch, real SQLCipher vault on disk) in this test process. The
// binding's frame check stands in for Electron's sender check.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseSealCore, type CoreEvent } from '../../src/main/core/app/caseSealCore';
import { createHandlers, type Handlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { setScryptCostForTests } from '../../src/main/core/crypto/kdf';
import { CHANNELS, EVENTS } from '../../src/shared/ipc/channels';
import { workerScript } from '../helpers/workerScript';

// The KDF cost is lowered so a test with many sign-ins stays quick; its production cost is
// measured by `npm run bench` (unlock_kdf_ms). Everything else is production code.
setScryptCostForTests({ N: 2 ** 12, r: 8, p: 1 });

export const SCREENSHOT_DIR = join(process.cwd(), 'artifacts', 'screenshots');

export interface AppHarness {
  /** Where main's save dialogs "save" (exports and PDF receipts; the harness answers each with a temp path). */
  savedFiles: string[];
  /** While `until` is set, the save dialog stays open until it resolves (a person still choosing). */
  saveDialog: { until: Promise<void> | null };
  /** The file the next "open" dialog returns (for "Verify an export"). */
  nextOpenFile: { path: string | null };
  /** The folder the next "choose a backup folder" dialog returns. */
  nextBackupFolder: { path: string | null };
  core: CaseSealCore;
  handlers: Handlers;
  vaultDir: string;
  page: Page;
  /** Calls a channel exactly as the renderer would (a "crafted IPC call"). */
  invoke: (channel: string, payload: unknown) => Promise<unknown>;
  shot: (name: string) => Promise<void>;
  axe: (label: string) => Promise<void>;
}

function initScript({ channels, events }: { channels: string[]; events: string[] }) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const c of channels) {
    api[c] = (payload: unknown) =>
      (
        window as unknown as { __casesealInvoke: (c: string, p: unknown) => Promise<unknown> }
      ).__casesealInvoke(c, payload);
  }
  api.on = (event: string, listener: (p: unknown) => void) => {
    if (!events.includes(event)) throw new Error('unknown event');
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
  Object.defineProperty(window, '__casesealEmit', {
    value: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
  });
}

export async function startHarness(
  page: Page,
  opts: {
    idleLockMs?: number;
    vaultDir?: string;
    /** Main's clock (e.g. a fixed school day, to test deadlines). */ clock?: () => Date;
  } = {},
): Promise<AppHarness> {
  const vaultDir = opts.vaultDir ?? mkdtempSync(join(tmpdir(), 'caseseal-e2e-'));
  const core = new CaseSealCore({
    vaultDir,
    workerScript: workerScript(),
    ...(opts.idleLockMs ? { idleLockMs: opts.idleLockMs, idleCheckMs: 250 } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  // Main's save/open dialogs are Electron glue; here they are answered with files in a temp folder.
  const outDir = mkdtempSync(join(tmpdir(), 'caseseal-e2e-out-'));
  const savedFiles: string[] = [];
  const nextOpenFile: { path: string | null } = { path: null };
  const saveDialog: { until: Promise<void> | null } = { until: null };
  const nextBackupFolder: { path: string | null } = { path: null };
  const handlers = createHandlers(core, {
    chooseSavePath: async (suggested) => {
      if (saveDialog.until) await saveDialog.until;
      const p = join(outDir, suggested);
      savedFiles.push(p);
      return p;
    },
    chooseBundle: async () => nextOpenFile.path,
    chooseBackupFile: async () => nextOpenFile.path,
    chooseSealPdf: async () => nextOpenFile.path,
    chooseBackupFolder: async () => nextBackupFolder.path,
    chooseSavePdfPath: async (suggested) => {
      const p = join(outDir, suggested);
      savedFiles.push(p);
      return p;
    },
  });
  await page.exposeBinding('__casesealInvoke', async (source, channel: unknown, payload: unknown) =>
    dispatch(handlers, channel, payload, { trustedSender: source.frame === page.mainFrame() }),
  );
  await page.addInitScript(initScript, { channels: [...CHANNELS], events: [...EVENTS] });
  core.onEvent((e: CoreEvent) => {
    const [name, payload] =
      e.type === 'locked'
        ? ['app:event.locked', { reason: e.reason }]
        : e.type === 'integrity-alarm'
          ? ['app:event.integrityAlarm', { problems: e.problems }]
          : ['app:event.progress', { task: e.task, done: e.done, total: e.total }];
    void page
      .evaluate(
        ([n, p]) =>
          (
            window as unknown as { __casesealEmit?: (n: string, p: unknown) => void }
          ).__casesealEmit?.(n as string, p),
        [name, payload] as const,
      )
      .catch(() => undefined);
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.goto('/');
  return {
    savedFiles,
    saveDialog,
    nextOpenFile,
    nextBackupFolder,
    core,
    handlers,
    vaultDir,
    page,
    invoke: (channel, payload) =>
      page.evaluate(
        ([c, p]) =>
          (window as unknown as { api: Record<string, (x: unknown) => Promise<unknown>> }).api[
            c as string
          ]!(p),
        [channel, payload] as const,
      ),
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    axe: async (label) => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const summary = results.violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      );
      expect(summary, `axe violations on "${label}"`).toEqual([]);
    },
  };
}

export async function stopHarness(h: AppHarness): Promise<void> {
  await h.core.close();
  rmSync(h.vaultDir, { recursive: true, force: true });
}

export const test = base;
export { expect };
