// Builds the one worker entry (and any other plain-Node entry the tests run in a thread or a child
// process) with esbuild, as electron-vite does for out/main/worker.js: the tests then run the same
// bundled worker code in a real worker thread.
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'node_modules', '.cache', 'caseseal-tests');

export function buildEntry(entry: string, name: string): string {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, `${name}-${process.pid}.cjs`);
  buildSync({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    outfile,
    // Packages load from node_modules, as electron-vite leaves them for out/main (pdfkit reads its
    // data files beside its own module).
    packages: 'external',
    logLevel: 'silent',
  });
  return outfile;
}

let worker: string | null = null;

/** The bundled worker entry, built once per test process. */
export function workerScript(): string {
  worker ??= buildEntry('src/main/core/worker/worker.ts', 'worker');
  return worker;
}
