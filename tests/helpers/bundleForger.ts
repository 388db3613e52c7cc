// The export forger's tools for the verifier's fast tests: read the golden bundle's files, change them, re-sign a record or re-seal the manifest with the DSL's real key, and read what the verifier says.
import type { KeyObject } from 'node:crypto';
import { checkBundleFiles } from '../../src/main/core/verify/bundle';
import {
  BUNDLE_FILES,
  type AuditFile,
  type RecordsFile,
} from '../../src/main/core/verify/bundleFormat';
import { canonicalJson } from '../../src/shared/records/canonical';
import { recordSigningMessage, type Envelope } from '../../src/shared/records/envelope';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import { signMessage } from '../../src/main/core/crypto/ed25519';
import type { BundleProblem, VerifyReport } from '../../src/shared/exportReport';
import type { GoldenBundle } from './goldenBundle';
import { reseal } from './exportFixture';

export type Files = Map<string, Buffer>;
export type Case = RecordsFile['cases'][number];
export type Rec = Case['records'][number];

/** The tools over the golden bundle that `golden()` returns (read when used: it is built in a
 *  beforeAll). */
export function bundleForger(golden: () => GoldenBundle) {
  const check = (f: ReadonlyMap<string, Buffer>): VerifyReport => checkBundleFiles(f, false);
  function problemsOf(f: ReadonlyMap<string, Buffer>): BundleProblem[] {
    const r = check(f);
    if (r.status !== 'invalid')
      throw new Error(`expected invalid, got ${r.status}: ${JSON.stringify(r).slice(0, 300)}`);
    return r.problems;
  }
  const codes = (f: ReadonlyMap<string, Buffer>) => problemsOf(f).map((p) => p.code);
  const files = (): Files => new Map(golden().files);
  const records = (): RecordsFile =>
    JSON.parse(golden().files.get(BUNDLE_FILES.records)!.toString('utf8')) as RecordsFile;
  const audit = (): AuditFile =>
    JSON.parse(golden().files.get(BUNDLE_FILES.audit)!.toString('utf8')) as AuditFile;
  const envOf = (r: Rec) => JSON.parse(r.canonical) as Envelope;
  /** records.json replaced and the manifest re-sealed by the DSL: only the deep checks can object. */
  const withRecords = (r: RecordsFile, f: Files = files()) =>
    reseal(
      f.set(BUNDLE_FILES.records, Buffer.from(JSON.stringify(r, null, 1) + '\n')),
      golden().dslKey,
    );
  const withAudit = (a: AuditFile, f: Files = files()) =>
    reseal(f.set(BUNDLE_FILES.audit, Buffer.from(JSON.stringify(a))), golden().dslKey);
  /** A record re-signed (valid hash and signature) by `key` after its envelope was changed. */
  function signed(env: Envelope, key: KeyObject): Rec {
    const canonical = canonicalJson(env);
    const hash = sha256Hex(canonical);
    return {
      canonical,
      hash,
      signature: signMessage(key, recordSigningMessage(hash)),
      links: { seq: env.seq, prev: env.prev, caseSeq: env.caseSeq, casePrev: env.casePrev },
    };
  }
  const mainCase = (r: RecordsFile) => r.cases.find((c) => c.caseId === golden().caseId)!;
  const smallCase = (r: RecordsFile) => r.cases.find((c) => c.caseId === golden().smallCaseId)!;
  const indexOfKind = (c: Case, kind: string) => c.records.findIndex((x) => envOf(x).kind === kind);
  return {
    check,
    problemsOf,
    codes,
    files,
    records,
    audit,
    envOf,
    withRecords,
    withAudit,
    signed,
    mainCase,
    smallCase,
    indexOfKind,
  };
}
