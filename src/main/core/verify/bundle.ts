// Verifies a sealed export bundle (docs/export-format.md), shared by the command-line verifier and
// the app's "Verify an export" screen: opens the zip (optionally AES-256), then runs the checks of
// checks/index.ts (one file per check, one problem collector). Plain Node: no Electron, no vault,
// no account.
import { readFile } from 'node:fs/promises';
import {
  configure,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  type Entry,
  type FileEntry,
} from '@zip.js/zip.js';
import { sha256Hex } from '../crypto/hash';
import type {
  BundleProblem,
  BundleSummary,
  CheckResult,
  UnusableReason,
  VerifyReport,
} from '../../../shared/exportReport';
import { ALL_FILES } from './bundleFormat';
import { runChecks, type BundleContext } from './checks/context';
import { BUNDLE_CHECKS } from './checks';

// No Web Workers anywhere in zip.js (plain Node, and the Electron main process). The same option
// is repeated at each call below as a guard should another module change this global setting; with
// it set here, those repeats change nothing (so their mutants are marked equivalent).
configure({ useWebWorkers: false });

export type { BundleProblem, BundleSummary, CheckResult, UnusableReason, VerifyReport };

export interface VerifyOptions {
  passphrase?: string;
}

const UNUSABLE_MESSAGES: Record<UnusableReason, string> = {
  unreadable: 'The file could not be read.',
  'not-a-zip': 'This is not a CaseSeal export: it is not a readable zip file.',
  'not-a-bundle':
    'This zip file is not a CaseSeal export: it holds none of the files an export holds.',
  'passphrase-needed':
    'This export is encrypted. Give the one-time passphrase that came with it (--passphrase).',
  'wrong-passphrase':
    'The passphrase does not open this export. Check the six words and try again.',
};

function unusable(reason: UnusableReason, extra?: string): VerifyReport {
  return {
    status: 'unusable',
    reason,
    message: extra ? `${UNUSABLE_MESSAGES[reason]} ${extra}` : UNUSABLE_MESSAGES[reason],
  };
}

/** Passphrases are six words joined by hyphens; accept spaces, capitals and stray blanks too. */
function passphraseCandidates(p: string | undefined): string[] {
  if (p === undefined) return [];
  // Split at every blank or hyphen; the empty words a run of them (or one at either end) leaves
  // are dropped.
  const norm = p.toLowerCase().split(/[\s-]/).filter(Boolean).join('-');
  return [...new Set([p, norm])].filter((x) => x.length > 0);
}

interface OpenedZip {
  files: Map<string, Buffer>;
  encrypted: boolean;
  problems: BundleProblem[];
}

type OpenResult = { ok: true; zip: OpenedZip } | { ok: false; report: VerifyReport };

function zipErrorMessage(name: string, e: unknown, encrypted: boolean): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/CRC32/i.test(m))
    return `${name}: its data inside the zip does not match its CRC-32 checksum — the zip has been altered or damaged.`;
  if (/authentication code|signature/i.test(m))
    return `${name}: its encrypted data inside the zip has been altered (the AES authentication code does not match).`;
  if (/password/i.test(m))
    return `${name}: its encryption header inside the zip is damaged (the passphrase opens the other files but not this one).`;
  return `${name}: its ${encrypted ? 'encrypted ' : ''}data inside the zip is damaged and cannot be read (${m.slice(0, 80)}).`;
}

/** One encrypted entry opened with `password`: only its 2-byte check value, or decrypted whole
 *  (zip.js always checks an AES entry's authentication code). False when it does not open. */
async function opens(entry: FileEntry, password: string, checkOnly: boolean): Promise<boolean> {
  return entry
    .getData(new Uint8ArrayWriter(), {
      password,
      checkPasswordOnly: checkOnly,
      // Stryker disable next-line BooleanLiteral: workers are off globally (configure above)
      useWebWorkers: false,
    })
    .then(
      () => true,
      // Stryker disable next-line ArrowFunction: undefined is as false to every caller
      () => false,
    );
}

/**
 * The candidate that opens the bundle, or undefined when none does. A zip's AES check value is two
 * bytes, so one wrong passphrase in 65,536 passes it; taken at its word, that mistyped passphrase
 * would have every file reported as altered. So a passphrase counts only when it also decrypts an
 * entry whose authentication code (HMAC-SHA1, 80 bits) matches. When none does, the data itself
 * is damaged: a passphrase whose check value matches on two entries (each has its own salt; 1 in
 * 4 billion by chance), or on the only one, opens the bundle and the damage is reported per file.
 */
async function findPassphrase(
  entries: readonly FileEntry[],
  candidates: readonly string[],
): Promise<string | undefined> {
  let damaged: string | undefined;
  for (const c of candidates) {
    let matches = 0;
    for (const e of entries) {
      const checkValueMatches = await opens(e, c, true);
      if (!checkValueMatches) continue;
      matches++;
      const authenticated = await opens(e, c, false);
      if (authenticated) return c;
    }
    if (matches >= Math.min(2, entries.length)) damaged ??= c;
  }
  return damaged;
}

async function openZip(bytes: Uint8Array, passphrase: string | undefined): Promise<OpenResult> {
  let entries: Entry[];
  let reader: ZipReader<unknown>;
  try {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: workers are off globally (configure above)
    reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
    entries = await reader.getEntries();
  } catch {
    return { ok: false, report: unusable('not-a-zip') };
  }
  const problems: BundleProblem[] = [];
  const files = new Map<string, Buffer>();
  const known = new Set<string>(ALL_FILES);
  if (!entries.some((e) => known.has(e.filename)))
    return { ok: false, report: unusable('not-a-bundle') };
  const encrypted = entries.some((e) => e.encrypted);
  const candidates = passphraseCandidates(passphrase);
  if (encrypted && candidates.length === 0)
    return { ok: false, report: unusable('passphrase-needed') };

  // Find the passphrase that opens the entries (the raw text, or its normalised form).
  let password: string | undefined;
  if (encrypted) {
    const fileEntries = entries.filter((e): e is FileEntry => !e.directory && e.encrypted);
    password = await findPassphrase(fileEntries, candidates);
    if (password === undefined) return { ok: false, report: unusable('wrong-passphrase') };
  }

  for (const e of entries) {
    const name = e.filename;
    if (e.directory) {
      problems.push({
        code: 'extra-file',
        file: name,
        message: `The bundle holds a folder that is not part of a CaseSeal export: ${name}`,
      });
      continue;
    }
    if (files.has(name)) {
      problems.push({
        code: 'duplicate-file',
        file: name,
        message: `The bundle holds two files named ${name}: one of them has been added.`,
      });
      continue;
    }
    if (encrypted && !e.encrypted) {
      problems.push({
        code: 'unencrypted-file',
        file: name,
        message: `${name} is not encrypted, unlike the other files: it has been added or replaced.`,
      });
    }
    try {
      const data = await e.getData(new Uint8ArrayWriter(), {
        password: e.encrypted ? password : undefined,
        checkSignature: true,
        // Stryker disable next-line BooleanLiteral: workers are off globally (configure above)
        useWebWorkers: false,
      });
      files.set(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      problems.push({
        code: 'zip-entry-damaged',
        file: name,
        message: zipErrorMessage(name, err, e.encrypted),
      });
      files.set(name, Buffer.alloc(0));
      // Keep a marker so the file does not also count as missing; its hash will not match either.
    }
  }
  // Stryker disable next-line ArrowFunction: closing a reader over bytes in memory does not fail
  await reader.close().catch(() => undefined);
  return { ok: true, zip: { files, encrypted, problems } };
}

function emptySummary(encrypted: boolean): BundleSummary {
  return {
    exportId: null,
    exportedAt: null,
    encrypted,
    school: null,
    exporter: null,
    recipient: null,
    bundleSha256: null,
    signingKey: null,
    manifestSha256: null,
    cases: [],
    records: 0,
    auditEntries: 0,
    files: [],
  };
}

/**
 * Verify a bundle given as bytes or as a file path. Never throws for bad input: the report says
 * valid, invalid (with every problem found) or unusable (why).
 */
export async function verifyBundle(
  input: Uint8Array | string,
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    try {
      bytes = await readFile(input);
    } catch (e) {
      const code = (e as { code?: string }).code;
      return unusable(
        'unreadable',
        code === 'ENOENT'
          ? 'There is no file at that path.'
          : code === 'EISDIR'
            ? 'That is a folder, not a file.'
            : code === 'EACCES'
              ? 'Permission to read it was refused.'
              : undefined,
      );
    }
  } else {
    bytes = input;
  }
  const opened = await openZip(bytes, opts.passphrase);
  if (!opened.ok) return opened.report;
  const report = checkBundleFiles(opened.zip.files, opened.zip.encrypted, opened.zip.problems);
  // checkBundleFiles says valid or invalid, never unusable: the test only narrows the type.
  // Stryker disable next-line ConditionalExpression: always true, as above
  if (report.status !== 'unusable') report.summary.bundleSha256 = sha256Hex(bytes);
  return report;
}

/** Whether a file is a zip and whether it is encrypted, without a passphrase (for the verify screen). */
export async function peekBundle(
  input: Uint8Array | string,
): Promise<{ zip: boolean; encrypted: boolean }> {
  try {
    const bytes = typeof input === 'string' ? await readFile(input) : input;
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: workers are off globally (configure above)
    const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
    const entries = await reader.getEntries();
    // Stryker disable next-line ArrowFunction: closing a reader over bytes in memory does not fail
    await reader.close().catch(() => undefined);
    return { zip: true, encrypted: entries.some((e) => e.encrypted) };
  } catch {
    return { zip: false, encrypted: false };
  }
}

/** The checks on the unpacked files (exported for tests that tamper with files and re-zip). */
export function checkBundleFiles(
  files: ReadonlyMap<string, Buffer>,
  encrypted: boolean,
  zipProblems: BundleProblem[] = [],
): VerifyReport {
  const ctx: BundleContext = {
    files,
    problems: [...zipProblems],
    summary: emptySummary(encrypted),
    listed: new Map(),
    signerKey: null,
    signerKeyId: null,
    recordsFile: null,
    auditFile: null,
    pems: new Map(),
    keyOwner: new Map(),
    allRecords: [],
    parsedByCase: new Map(),
    byId: new Map(),
  };
  const checks = runChecks(ctx, BUNDLE_CHECKS);
  if (ctx.problems.length === 0)
    return { status: 'valid', summary: ctx.summary, checks, problems: [] };
  return { status: 'invalid', summary: ctx.summary, checks, problems: ctx.problems };
}

export { reportRecordHashes } from './checks/reportMatches';
