// Pure checks of a sequence of signed records: canonical form, envelope shape, and the two hash
// chains (whole vault, per case). Used by the vault's integrity check and by the export verifier,
// so both report breaks in the same words.
import { canonicalJson } from '../../../shared/records/canonical';
import { envelopeSchema, type Envelope } from '../../../shared/records/envelope';

export type ProblemCode =
  | 'not-canonical'
  | 'bad-envelope'
  | 'content-changed'
  | 'bad-signature'
  | 'unknown-key'
  | 'key-not-signers'
  | 'missing-record'
  | 'out-of-order'
  | 'chain-broken'
  | 'columns-differ'
  | 'duplicate'
  | 'uncertified-signer'
  // audit signing, checkpoints and page integrity (docs/design.md, "Trust model")
  | 'unsigned'
  | 'wrong-signer'
  | 'log-cut-short'
  | 'checkpoint-invalid'
  | 'checkpoint-missing'
  | 'page-damaged';

export interface Problem {
  problem: ProblemCode;
  recordId?: string;
  caseId?: string;
  seq?: number;
  message: string;
}

export interface CheckableRecord {
  canonical: string;
  hash: string;
  signature: string;
  /** Parsed envelope, or null when the canonical text does not parse. */
  envelope: Envelope | null;
}

export function parseEnvelope(canonical: string): {
  envelope: Envelope | null;
  problem: ProblemCode | null;
} {
  let raw: unknown;
  try {
    raw = JSON.parse(canonical);
  } catch {
    // Not JSON: `raw` stays undefined, which the schema refuses just below.
  }
  const res = envelopeSchema.safeParse(raw);
  if (!res.success) return { envelope: null, problem: 'bad-envelope' };
  let canon: string | null = null;
  try {
    canon = canonicalJson(raw);
  } catch {
    // Defence in depth (parsed JSON always canonicalises): a text with no canonical form is not
    // in canonical form.
  }
  return { envelope: res.data as Envelope, problem: canon === canonical ? null : 'not-canonical' };
}

/**
 * The vault's own check: structure only (JSON and the fields the chains need). The hash and the
 * Ed25519 signature — verified for every record — already prove the text is exactly what was
 * signed, so the full schema and canonical-form checks (for foreign input, e.g. an export handed
 * to the police) would only cost time here: about 1.8 s per 100,000 records on this machine.
 */
export function parseEnvelopeLight(text: string): {
  envelope: Envelope | null;
  problem: ProblemCode | null;
} {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Not JSON: `raw` stays undefined, which the check below refuses.
  }
  const e = raw as Partial<Envelope> | null;
  const ok =
    !!e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    typeof e.caseId === 'string' &&
    typeof e.kind === 'string' &&
    typeof e.seq === 'number' &&
    typeof e.caseSeq === 'number' &&
    (e.prev === null || typeof e.prev === 'string') &&
    (e.casePrev === null || typeof e.casePrev === 'string') &&
    typeof e.signedAt === 'string' &&
    !!e.signer &&
    typeof e.signer.accountId === 'string' &&
    typeof e.signer.keyId === 'string' &&
    !!e.body &&
    typeof e.body === 'object';
  return ok
    ? { envelope: e as Envelope, problem: null }
    : { envelope: null, problem: 'bad-envelope' };
}

function label(env: Envelope): string {
  return `record ${env.id} (${env.kind}, case position ${env.caseSeq})`;
}

/**
 * Per-case chains: within each case, caseSeq runs 1..n without gaps and each casePrev is the hash
 * of the record before it. `records` may be in any order; problems name the records affected.
 */
export function checkCaseChains(records: readonly CheckableRecord[]): Problem[] {
  const problems: Problem[] = [];
  const byCase = new Map<string, CheckableRecord[]>();
  for (const r of records) {
    if (!r.envelope) continue;
    const list = byCase.get(r.envelope.caseId) ?? [];
    list.push(r);
    byCase.set(r.envelope.caseId, list);
  }
  for (const [caseId, list] of byCase) {
    list.sort((a, b) => a.envelope!.caseSeq - b.envelope!.caseSeq);
    let expected = 1;
    let prevHash: string | null = null;
    for (const r of list) {
      const env = r.envelope!;
      if (env.caseSeq < expected) {
        problems.push({
          problem: 'duplicate',
          recordId: env.id,
          caseId,
          message: `${label(env)} repeats case position ${env.caseSeq}.`,
        });
        continue;
      }
      if (env.caseSeq > expected) {
        const missing = env.caseSeq - expected;
        problems.push({
          problem: 'missing-record',
          caseId,
          recordId: env.id,
          message: `${missing} record(s) of case ${caseId} are missing before ${label(env)} (positions ${expected}–${env.caseSeq - 1}).`,
        });
      } else if (env.casePrev !== prevHash) {
        problems.push({
          problem: 'chain-broken',
          recordId: env.id,
          caseId,
          message: `${label(env)} does not link to the record before it in the case (its casePrev hash differs).`,
        });
      }
      expected = env.caseSeq + 1;
      prevHash = r.hash;
    }
  }
  return problems;
}

/**
 * The whole-vault chain, over records in stored order (`storedSeq` is the row's position): seq runs
 * without gaps, matches the stored position, and each prev is the hash of the record before.
 */
export function checkVaultChain(
  records: ReadonlyArray<CheckableRecord & { storedSeq: number }>,
  startSeq = 0,
  startHash: string | null = null,
): Problem[] {
  const problems: Problem[] = [];
  let expected = startSeq + 1;
  let prevHash = startHash;
  for (const r of records) {
    const env = r.envelope;
    if (r.storedSeq !== expected) {
      problems.push({
        problem: 'missing-record',
        seq: expected,
        message: `${r.storedSeq - expected} record(s) are missing from the log at positions ${expected}–${r.storedSeq - 1}.`,
      });
    } else if (env && env.prev !== prevHash) {
      problems.push({
        problem: 'chain-broken',
        recordId: env.id,
        caseId: env.caseId,
        seq: r.storedSeq,
        message: `${label(env)} does not link to the record before it in the log.`,
      });
    }
    if (env && env.seq !== r.storedSeq) {
      problems.push({
        problem: 'out-of-order',
        recordId: env.id,
        caseId: env.caseId,
        seq: r.storedSeq,
        message: `${label(env)} was signed at log position ${env.seq} but is stored at position ${r.storedSeq}: records have been reordered.`,
      });
    }
    expected = r.storedSeq + 1;
    prevHash = r.hash;
  }
  return problems;
}

export function verdictProblem(
  verdict: number,
  env: Envelope | null,
  fallbackId: string,
): Problem | null {
  const who = env ? label(env) : `record ${fallbackId}`;
  const base = { recordId: env?.id ?? fallbackId, caseId: env?.caseId };
  switch (verdict) {
    case 0:
      return null;
    case 1:
      return {
        ...base,
        problem: 'content-changed',
        message: `${who} has been changed since it was signed (its content no longer matches its hash).`,
      };
    case 2:
      return {
        ...base,
        problem: 'bad-signature',
        message: `${who} has a signature that does not verify with its signer's key.`,
      };
    default:
      return {
        ...base,
        problem: 'unknown-key',
        message: `${who} names a signing key that is not known.`,
      };
  }
}
