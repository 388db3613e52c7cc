// Log seals (docs/design.md, "Trust model"): the heads of both chains, signed by the DSL, printed
// on one page and on every export receipt, with a short form a person can type back from paper.
// Checking the vault against a seal proves it still holds exactly that history — which is what
// detects a whole-vault rollback by someone holding every key, or a restored old copy.
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/records/canonical';
import type { Conn } from '../../db/sqlite';
import { sha256Hex } from '../crypto/hash';
import { signMessage } from '../crypto/ed25519';
import { auditFromRow, auditHash } from '../audit/auditLog';
import { auditHead, recordHead, type ChainHead } from '../../db/repositories/checkpoints';
import { auditChainPage, recordChainPage } from '../../db/repositories/logHistory';

export const LOG_SEAL_SIGNATURE_PREFIX = 'caseseal:log-seal:v1:';
/** Hex digits of each head hash in the short form: 64 bits, grouped by 4 for reading aloud. */
export const SHORT_HASH_HEX = 16;

export interface LogSealBody {
  v: 1;
  type: 'caseseal-log-seal';
  school: { name: string; urn: string };
  at: string;
  records: ChainHead;
  audit: ChainHead;
  /** The school key's fingerprint when the vault has one (hook: `SchoolKeyFingerprint`). */
  schoolKeyFingerprint: string | null;
  signer: { accountId: string; name: string; keyId: string };
}

export interface SignedLogSeal {
  body: LogSealBody;
  text: string;
  signature: string;
  shortForm: string;
}

/** Where the school key's fingerprint comes from, once the vault has a school key. */
export type SchoolKeyFingerprint = (conn: Conn) => Promise<string | null>;
export const noSchoolKey: SchoolKeyFingerprint = async () => null;

function group(hex: string): string {
  return (hex.slice(0, SHORT_HASH_HEX).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** "R 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-…": each chain's position and the start of its hash. */
export function sealShortForm(records: ChainHead, audit: ChainHead): string {
  const part = (tag: string, h: ChainHead) =>
    `${tag} ${h.seq} ${h.hash ? group(h.hash) : '0000-0000-0000-0000'}`;
  return `${part('R', records)} / ${part('A', audit)}`;
}

export interface TypedSeal {
  records: { seq: number; prefix: string };
  audit: { seq: number; prefix: string };
}

/** Reads a typed short form leniently: any case, spaces, dashes or slashes between groups. */
export function parseSealShortForm(text: string): TypedSeal | null {
  const clean = text
    .toUpperCase()
    .replace(/[^0-9A-FR]/g, ' ')
    .trim();
  const m = /^R\s*(\d+)\s*((?:[0-9A-F]\s*){16})\s*A\s*(\d+)\s*((?:[0-9A-F]\s*){16})$/.exec(clean);
  if (!m) return null;
  const hex = (s: string) => s.replaceAll(' ', '').toLowerCase();
  return {
    records: { seq: Number(m[1]), prefix: hex(m[2]!) },
    audit: { seq: Number(m[3]), prefix: hex(m[4]!) },
  };
}

export async function makeLogSeal(
  conn: Conn,
  input: {
    school: { name: string; urn: string };
    at: string;
    signer: { accountId: string; name: string; keyId: string; privateKey: KeyObject };
    schoolKeyFingerprint?: SchoolKeyFingerprint;
  },
): Promise<SignedLogSeal> {
  const records = await recordHead(conn);
  const audit = await auditHead(conn);
  const body: LogSealBody = {
    v: 1,
    type: 'caseseal-log-seal',
    school: { name: input.school.name, urn: input.school.urn },
    at: input.at,
    records,
    audit,
    schoolKeyFingerprint: await (input.schoolKeyFingerprint ?? noSchoolKey)(conn),
    signer: {
      accountId: input.signer.accountId,
      name: input.signer.name,
      keyId: input.signer.keyId,
    },
  };
  const text = canonicalJson(body);
  const signature = signMessage(
    input.signer.privateKey,
    LOG_SEAL_SIGNATURE_PREFIX + sha256Hex(text),
  );
  return { body, text, signature, shortForm: sealShortForm(records, audit) };
}

export interface ChainAgainstSeal {
  /** The vault has an entry at the sealed position whose hash starts as on the seal. */
  matches: boolean;
  /** Every entry re-hashes to its stored hash and links to the one before, from 1 to the head. */
  intact: boolean;
  /** Where the chain first breaks, if it does. */
  brokenAt: number | null;
  head: number;
}

export interface SealCheck {
  ok: boolean;
  records: ChainAgainstSeal;
  audit: ChainAgainstSeal;
  /** Plain-English findings, one per problem (empty when ok). */
  findings: string[];
}

const PAGE = 5000;

async function walkRecords(conn: Conn, sealSeq: number, prefix: string): Promise<ChainAgainstSeal> {
  let prev: string | null = null;
  let expected = 1;
  let brokenAt: number | null = null;
  let matches = sealSeq === 0 && /^0+$/.test(prefix);
  for (let cursor = 0; ;) {
    const rows = await recordChainPage(conn, cursor, PAGE);
    if (rows.length === 0) break;
    for (const r of rows) {
      let env: { prev?: unknown; seq?: unknown } | null;
      try {
        env = JSON.parse(r.envelope) as { prev?: unknown; seq?: unknown };
      } catch {
        env = null;
      }
      const ok =
        r.seq === expected &&
        sha256Hex(r.envelope) === r.hash &&
        env !== null &&
        env.prev === prev &&
        env.seq === r.seq;
      if (!ok && brokenAt === null) brokenAt = r.seq;
      if (r.seq === sealSeq) matches = r.hash.startsWith(prefix);
      prev = r.hash;
      expected = r.seq + 1;
    }
    cursor = rows.at(-1)!.seq;
  }
  return { matches, intact: brokenAt === null, brokenAt, head: expected - 1 };
}

async function walkAudit(conn: Conn, sealSeq: number, prefix: string): Promise<ChainAgainstSeal> {
  let prev: string | null = null;
  let expected = 1;
  let brokenAt: number | null = null;
  let matches = sealSeq === 0 && /^0+$/.test(prefix);
  for (let cursor = 0; ;) {
    const rows = await auditChainPage(conn, cursor, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const e = auditFromRow(row as unknown as Parameters<typeof auditFromRow>[0]);
      const ok = e.seq === expected && e.prevHash === prev && auditHash(e) === e.hash;
      if (!ok && brokenAt === null) brokenAt = e.seq;
      if (e.seq === sealSeq) matches = e.hash.startsWith(prefix);
      prev = e.hash;
      expected = e.seq + 1;
    }
    cursor = rows.at(-1)!.seq;
  }
  return { matches, intact: brokenAt === null, brokenAt, head: expected - 1 };
}

/**
 * Proves the vault still holds the sealed history: the entry at each sealed position has the
 * sealed hash, and each chain re-hashes and links from its first entry to its head. Because every
 * entry's hash covers the one before it, a matching hash at the sealed position fixes everything
 * before it; the walk to the head shows nothing after it was re-linked.
 */
export async function checkAgainstSeal(conn: Conn, seal: TypedSeal): Promise<SealCheck> {
  const records = await walkRecords(conn, seal.records.seq, seal.records.prefix);
  const audit = await walkAudit(conn, seal.audit.seq, seal.audit.prefix);
  const findings: string[] = [];
  const describe = (c: ChainAgainstSeal, sealSeq: number, what: string, nouns: string) => {
    if (c.head < sealSeq)
      findings.push(
        `The ${what} ends at position ${c.head}, but the seal covers ${nouns} up to ${sealSeq}: ${nouns} ${c.head + 1}–${sealSeq} are missing. The vault is older than the seal, or has been cut short.`,
      );
    else if (!c.matches)
      findings.push(
        `The ${what} at position ${sealSeq} is not the one on the seal: the history up to that point has been replaced.`,
      );
    if (!c.intact)
      findings.push(
        `The ${what} is broken at position ${c.brokenAt}: an entry there no longer matches its hash or does not link to the one before it.`,
      );
  };
  describe(records, seal.records.seq, 'case log', 'records');
  describe(audit, seal.audit.seq, 'audit trail', 'audit entries');
  return { ok: findings.length === 0, records, audit, findings };
}
