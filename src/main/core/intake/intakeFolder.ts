// The intake folder beside the vault: one file per sealed concern, written atomically (temp file,
// fsync, rename, fsync the folder) so that a crash leaves either no file or the whole file, never a
// part. Files are removed only after their concern is in the vault (intake/importIntake.ts).
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SealedFile } from './sealedConcern';

const NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.sealed\.json$/;

export function sealedFileName(id: string): string {
  return `${id}.sealed.json`;
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directory fsync is not supported on Windows; the rename is still atomic there.
  }
}

/** Step hooks let the crash test stop the process between the steps (tests only). */
export type IntakeStep = 'tmp-written' | 'renamed';

export function writeSealedFile(
  dir: string,
  file: SealedFile,
  onStep?: (step: IntakeStep) => void,
): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const final = join(dir, sealedFileName(file.id));
  const tmp = join(dir, `.${file.id}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(file) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  onStep?.('tmp-written');
  renameSync(tmp, final);
  fsyncDir(dir);
  onStep?.('renamed');
  return final;
}

export interface WaitingFile {
  path: string;
  name: string;
  text: string;
}

/** Complete sealed files only: temp files of an interrupted write are ignored (and left alone). */
export function listSealedFiles(dir: string): WaitingFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      // Stryker disable next-line StringLiteral: with no encoding the Buffer parses and hashes to the same UTF-8 text
      return { path, name, text: readFileSync(path, 'utf8') };
    });
}

export function removeSealedFile(dir: string, path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fsyncDir(dir);
}
