// Builds the backup worker (and any other plain-Node entry the tests run in a thread or a child
// process) with esbuild, as electron-vite does for out/main/backupWorker.js: the tests then run the
// same bundled worker code in a real worker thread.
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
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
  return outfile;
}

let worker: string | null = null;

/** The bundled backup worker, built once per test process. */
export function backupWorkerPath(): string {
  worker ??= buildEntry('src/main/core/backup/backupWorker.ts', 'backupWorker');
  return worker;
}
