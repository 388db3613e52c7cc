// The R2 run rule: a long run of encoded-looking data is refused wherever it appears, whatever format it carries.
//
// Signatures (signatures.ts) only catch formats the guard knows, and only where a file starts. This
// rule does not depend on recognising anything: it measures how many bytes each run of
// encoded-looking text would carry — hex, base64/base64url, base32, ascii85, percent and backslash
// escapes, byte lists — and refuses a run, a field or a record that carries more than words need.
//
// Threshold derivation (R2). The longest identifier a DSL legitimately types or pastes is a SHA-256
// fingerprint as CaseSeal itself shows it: 64 hex digits = 32 bytes (an Ed25519 key in base64 is
// also 32 bytes). Everything else is shorter: an IMEI is 15 digits (≈ 7 bytes as hex), a UPN 13
// characters, a serial number ≤ 20 (≤ 15 bytes as base64), an exhibit reference 18 characters, a
// UUID 16 bytes, the random ids in everyday links (documents, videos, Outlook safe links) ≤ 33
// bytes. Two such identifiers can touch with nothing a scanner sees between them (a key and a
// fingerprint on one line), so one run may carry up to 2 × 32 = 64 bytes; RUN_LIMIT_BYTES is 64.
// That is below the smallest PNG file (67 bytes) and far below anything that shows a person: a
// 16 × 16 thumbnail is several hundred bytes. A field may list several identifiers (a device's
// IMEI, serial and seal number; a few fingerprints): FIELD_LIMIT_BYTES allows eight fingerprints'
// worth (256). A record holds several fields: RECORD_LIMIT_BYTES allows twice that (512), counting
// allow-listed identifiers too, so that an image cut into pieces cannot be spread over one record's
// fields either. Evidence, in words, never needs a kilobyte of hex.
import { base64View, bytesView, NESTED_MIN_TEXT_RATIO, textRatio, viewToString } from './bytes';
import { maskAllowed } from './allowList';
import { base64Runs, type Base64Run } from './decoders/base64';
import { SPAN_DECODERS } from './decoders/registry';
import { latin1 } from './decoders/spans';
import { MAX_NESTING, type ImageryEncoding } from './types';

export const RUN_LIMIT_BYTES = 64;
export const FIELD_LIMIT_BYTES = 256;
export const RECORD_LIMIT_BYTES = 512;
/** Runs carrying fewer bytes than this are not counted: dates, times, short codes, words. */
export const MIN_COUNTED_BYTES = 8;
/** base64 runs look encoded from this many characters… */
const B64_MIN_CHARS = 12;
/** …when letters and digits change class (upper, lower, digit) at least this often: random base64
 *  does so at about 0.62, words and paths in camelCase at under 0.3. */
const B64_MIN_SWITCH_RATIO = 0.45;

export interface EncodedRun {
  encoding: ImageryEncoding;
  /** Char offset in the text where the run starts. */
  index: number;
  /** Bytes it carries. */
  bytes: number;
}

export interface EncodedMeasure {
  runs: EncodedRun[];
  /** Sum of the counted runs' bytes. */
  total: number;
  /** Bytes' worth of allow-listed identifiers set aside (counted towards the record only). */
  allowedBytes: number;
}

/** Every counted run of encoded-looking data in the text (R2 run rule). */
export function measureEncoded(text: string): EncodedMeasure {
  const { masked, chars } = maskAllowed(text);
  const runs: EncodedRun[] = [];
  collectRuns(masked, 0, 0, runs);
  const total = runs.reduce((s, r) => s + r.bytes, 0);
  return { runs, total, allowedBytes: Math.ceil(chars / 2) };
}

function collectRuns(text: string, depth: number, offset: number, out: EncodedRun[]): void {
  for (const decode of SPAN_DECODERS) {
    for (const span of decode(text)) {
      const len = span.bytes.length;
      const isText = textRatio(bytesView(span.bytes), len) >= NESTED_MIN_TEXT_RATIO;
      if (isText && depth < MAX_NESTING) {
        // Text carried in an encoding (a link to a page titled in Arabic; hex of base64): its words
        // are not data, but whatever it carries is measured in turn.
        collectRuns(latin1(span.bytes), depth + 1, offset + span.start, out);
      } else if (span.looksEncoded) {
        for (const bytes of span.pieces ?? [span.weight ?? len])
          if (bytes >= MIN_COUNTED_BYTES)
            out.push({ encoding: span.encoding, index: offset + span.start, bytes });
      }
    }
  }
  base64Runs(text, (run) => {
    measureBase64(run, depth, offset, out);
    return null;
  });
}

function measureBase64(run: Base64Run, depth: number, offset: number, out: EncodedRun[]): void {
  const { sext, m, segStarts } = run;
  if (m < B64_MIN_CHARS) return;
  // Count segment by segment (wrapped lines, groups of four, words joined to them): hex and base32
  // segments are measured by their own decoders, and words joined to data are not data.
  let counted = 0;
  for (let k = 0; k < segStarts.length; k++) {
    const from = segStarts[k] ?? 0;
    const to = k + 1 < segStarts.length ? (segStarts[k + 1] ?? m) : m;
    if (segmentLooksBase64(sext, from, to)) counted += to - from;
  }
  if (counted < B64_MIN_CHARS) return;
  // The most text-like of the four alignments (a word may have run into the data).
  let best = 0;
  let bestRatio = -1;
  for (let st = 0; st < 4 && st < m; st++) {
    const r = textRatio(base64View(sext, st, m), Math.floor(((m - st) * 3) / 4));
    if (r > bestRatio) {
      bestRatio = r;
      best = st;
    }
  }
  const index = offset + (run.pos[0] ?? 0);
  if (bestRatio >= NESTED_MIN_TEXT_RATIO && depth < MAX_NESTING) {
    const len = Math.floor(((m - best) * 3) / 4);
    collectRuns(viewToString(base64View(sext, best, m), len), depth + 1, index, out);
    return;
  }
  const bytes = Math.floor((counted * 3) / 4);
  if (bytes >= MIN_COUNTED_BYTES) out.push({ encoding: 'base64', index, bytes });
}

/** A segment looks like base64 data: not all hex digits, not all base32, and its letters and
 *  digits change class often (see B64_MIN_SWITCH_RATIO). */
function segmentLooksBase64(sext: Uint8Array, from: number, to: number): boolean {
  if (to - from < 4) return false;
  let allHex = true;
  let allBase32 = true;
  let switches = 0;
  let alnum = 0;
  let prev = -1;
  for (let k = from; k < to; k++) {
    const v = sext[k] ?? 0;
    if (!(v <= 5 || (v >= 26 && v <= 31) || (v >= 52 && v <= 61))) allHex = false;
    if (!(v <= 25 || (v >= 54 && v <= 59))) allBase32 = false;
    if (v >= 62) continue;
    const cls = v <= 25 ? 0 : v <= 51 ? 1 : 2;
    if (prev >= 0 && cls !== prev) switches++;
    prev = cls;
    alnum++;
  }
  if (allHex || allBase32) return false;
  return switches / Math.max(1, alnum - 1) >= B64_MIN_SWITCH_RATIO;
}

export type RunRuleScope = 'run' | 'field' | 'record';

export interface RunRuleFinding {
  scope: RunRuleScope;
  /** The encoding of the longest run (or of the run that broke the limit). */
  encoding: ImageryEncoding;
  /** Bytes in that run ('run') or in the text in all ('field', 'record'). */
  bytes: number;
  index: number;
}

/** The run rule on one text (a field): a run over RUN_LIMIT_BYTES, or runs adding up to more than
 *  FIELD_LIMIT_BYTES. */
export function checkRunRule(measure: EncodedMeasure): RunRuleFinding | null {
  let longest: EncodedRun | null = null;
  for (const r of measure.runs) if (longest === null || r.bytes > longest.bytes) longest = r;
  if (longest === null) return null;
  if (longest.bytes > RUN_LIMIT_BYTES)
    return { scope: 'run', encoding: longest.encoding, bytes: longest.bytes, index: longest.index };
  if (measure.total > FIELD_LIMIT_BYTES)
    return {
      scope: 'field',
      encoding: longest.encoding,
      bytes: measure.total,
      index: longest.index,
    };
  return null;
}

/** What one text adds to its record's sum (R2 run rule across a record's fields). */
export function recordWeight(measure: EncodedMeasure): number {
  return measure.total + measure.allowedBytes;
}
