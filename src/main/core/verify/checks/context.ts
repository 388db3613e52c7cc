// What the bundle checks share: the unpacked files, one problem collector, the summary being
// built, and what earlier checks found (the parsed records, keys, manifest) for later ones.
import type { KeyObject } from 'node:crypto';
import type { Envelope } from '../../../../shared/records/envelope';
import type { BundleProblem, BundleSummary, CheckResult } from '../../../../shared/exportReport';
import type { CheckableRecord } from '../chainChecks';
import type { AuditFile, RecordsFile } from '../bundleFormat';
import { formatFingerprint } from '../../crypto/ed25519';

export interface BundleContext {
  readonly files: ReadonlyMap<string, Buffer>;
  readonly problems: BundleProblem[];
  readonly summary: BundleSummary;
  // Filled by earlier checks, read by later ones:
  listed: Map<string, string>;
  signerKey: KeyObject | null;
  signerKeyId: string | null;
  recordsFile: RecordsFile | null;
  auditFile: AuditFile | null;
  pems: Map<string, string>;
  keyOwner: Map<string, string>;
  allRecords: Array<CheckableRecord & { caseId: string }>;
  parsedByCase: Map<string, Array<Envelope | null>>;
  byId: Map<string, { env: Envelope; hash: string; caseId: string }>;
}

/** One check: a name shown to the officer, when it applies, and what it says when clean. */
export interface BundleCheck {
  name: string | ((ctx: BundleContext) => string);
  applies?: (ctx: BundleContext) => boolean;
  /** Adds problems to `ctx.problems`; returns the detail shown when it found none. */
  run: (ctx: BundleContext) => string;
}

export function runChecks(ctx: BundleContext, list: readonly BundleCheck[]): CheckResult[] {
  const results: CheckResult[] = [];
  for (const c of list) {
    if (c.applies && !c.applies(ctx)) continue;
    const before = ctx.problems.length;
    const okDetail = c.run(ctx);
    const found = ctx.problems.length - before;
    results.push({
      name: typeof c.name === 'string' ? c.name : c.name(ctx),
      ok: found === 0,
      detail: found === 0 ? okDetail : `${found} problem(s)`,
    });
  }
  return results;
}

export function recordLabel(env: Envelope): string {
  return `record ${env.id} (${env.kind}, case position ${env.caseSeq})`;
}

export function short(hex: string): string {
  return formatFingerprint(hex).slice(0, 19) + '…';
}

export function parseJson(
  raw: Buffer,
  name: string,
  code: string,
  problems: BundleProblem[],
): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    problems.push({ code, file: name, message: `${name} is not valid JSON.` });
    return undefined;
  }
}

export const hasRecords = (ctx: BundleContext): boolean => ctx.recordsFile !== null;
