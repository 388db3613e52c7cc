// Vitest global set-up: bundles the one worker entry (src/main/core/worker/worker.ts) with esbuild,
// as the app build does, so tests run the real worker thread rather than a stand-in.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default async function setup(): Promise<() => void> {
  // Inside the project (.tmp/ is git-ignored) so the bundle resolves the engine from node_modules.
  const base = resolve(__dirname, '../../.tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'worker-'));
  const outfile = join(dir, 'worker.js');
  await build({
    entryPoints: [resolve(__dirname, '../../src/main/core/worker/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    logLevel: 'warning',
    // Packages load from node_modules, as electron-vite leaves them for out/main (pdfkit reads its
    // data files beside its own module).
    packages: 'external',
  });
  process.env.CASESEAL_WORKER_SCRIPT = outfile;
  return () => rmSync(dir, { recursive: true, force: true });
}
