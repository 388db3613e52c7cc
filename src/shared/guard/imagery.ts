// The R2 text guard's top-level check: is this text acceptable, or does it carry imagery, encoded data, a control character or broken Unicode?
//
// Rule R2: CaseSeal must never take in image or video bytes by any route. Files and drag-and-drop
// are refused by the window; this check covers the route that is left, text, which reaches main in
// every IPC payload. It is pure TypeScript (no node:*, no DOM, no Buffer, no atob) so that the
// renderer can refuse a paste and main can refuse before anything is saved. In order:
//   1. Broken Unicode (a lone UTF-16 surrogate): its own clear message.
//   2. Imagery, by signature (signatures.ts) after each decoder (decoders/): raw bytes (a file read
//      as text), data: URLs, SVG/XPM/EPS markup, base64/base64url, hex in every common shape,
//      percent and backslash escapes, byte lists, base32, ascii85 — and text decoded from any of
//      them searched again, up to MAX_NESTING deep.
//   3. A C0 control character (tab, LF and CR apart) without any signature: its own clear message
//      (a bell is not an image).
//   4. The run rule (runRule.ts): encoded-looking data longer than any identifier needs, whatever
//      it carries.
// Checks 2 and 4 also read the text folded (fold.ts) when it holds characters that stand for ASCII
// or for a gap — full-width letters, no-break spaces, zero-width characters — so data written in
// them is found as it would be in ASCII; a finding points into the text as typed.
// Everything is linear in the length of the text: each decoder walks the text once, and decoded
// text is searched again at most MAX_NESTING times.
import { charView } from './bytes';
import { findBase64 } from './decoders/base64';
import { findDataUrl } from './decoders/dataUrl';
import { findMarkup } from './decoders/markup';
import { SPAN_DECODERS } from './decoders/registry';
import { findInSpans } from './decoders/spans';
import { checkRunRule, measureEncoded, recordWeight, type RunRuleScope } from './runRule';
import { sniff } from './signatures';
import type { ImageryEncoding, ImageryFinding } from './types';
import { bytesView } from './bytes';
import { foldForDecoders, type FoldedText } from './fold';

export type { ImageryEncoding, ImageryFinding } from './types';
export { IMAGERY_RULE_EXPLANATION, describeTextProblem } from './messages';

/** Why a text was refused. */
export type TextProblem =
  | ({ kind: 'imagery' } & ImageryFinding)
  | {
      kind: 'encoded-data';
      scope: RunRuleScope;
      encoding: ImageryEncoding;
      bytes: number;
      index: number;
    }
  | { kind: 'control-character'; index: number; codePoint: number }
  | { kind: 'broken-text'; index: number };

/** Checks 2–4 on some text (also used on text decoded from any of them). Raw bytes are sniffed at
 *  every level: text decoded from base64 or hex may be words with a file's bytes after them (a
 *  letter and a photo encoded together), which no decoder sees inside the decoded text. */
function findInText(text: string, depth: number): ImageryFinding | null {
  const found =
    findRaw(text) ??
    findDataUrl(text, depth, findInText) ??
    findMarkup(text) ??
    findBase64(text, depth, findInText);
  if (found !== null) return found;
  for (const decode of SPAN_DECODERS) {
    const f = findInSpans(decode(text), depth, findInText);
    if (f !== null) return f;
  }
  return null;
}

/** The first C0 control character other than tab, LF and CR, or -1. */
export function firstControlCharacter(text: string): number {
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN (or -1), which matches nothing.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) return i;
  }
  return -1;
}

/** The first lone UTF-16 surrogate (half of a character), or -1. */
export function firstLoneSurrogate(text: string): number {
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN (or -1), which matches nothing.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

/** A file's bytes read as text (each char code 0–255 one byte): only text with a control character
 *  can be one, since every binary format has them in its first bytes. */
function findRaw(text: string): ImageryFinding | null {
  if (firstControlCharacter(text) < 0) return null;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN (or -1), which matches nothing.
  for (let p = 0; p < text.length; p++) {
    const s = sniff(charView(text, p));
    if (s !== null) return { format: s.format, encoding: 'raw', index: p };
  }
  return null;
}

/**
 * Finds image or video data carried in a string (rule R2) by signature, in any encoding the guard
 * decodes. Returns null for text that carries no known format (the run rule is separate: see
 * checkText).
 */
export function detectImagery(text: string): ImageryFinding | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  return detectIn(text, foldForDecoders(text));
}

/** Check 2 on the text as typed, then on its folded view (a finding there points into the text). */
function detectIn(text: string, folded: FoldedText | null): ImageryFinding | null {
  const found = findInText(text, 0);
  if (found !== null || folded === null) return found;
  const inFolded = findInText(folded.text, 0);
  return inFolded === null ? null : { ...inFolded, index: originOf(folded, inFolded.index) };
}

/** The position in the text as typed of position `index` in its folded view. */
function originOf(folded: FoldedText, index: number): number {
  // A finding always points inside the folded text, so its origin is always there.
  return folded.origin[index] ?? 0;
}

/** Shorter texts cannot carry a signature (≥ 6 bytes, 8 base64 characters) or a counted run. */
const MIN_INSPECTED_CHARS = 6;

export interface CheckOptions {
  /** Apply the run rule (default true). Off only for secrets that are never stored (passphrases). */
  runRule?: boolean;
}

export interface TextInspection {
  problem: TextProblem | null;
  /** What this text adds to its record's sum of encoded-looking data (R2 run rule). */
  weight: number;
  /** The encoding of its longest counted run, if any. */
  encoding?: ImageryEncoding;
}

/** Every check on one text (one field): the problem that refuses it, and its weight in its record. */
export function inspectText(text: string, options: CheckOptions = {}): TextInspection {
  if (typeof text !== 'string' || text.length === 0) return { problem: null, weight: 0 };
  const broken = firstLoneSurrogate(text);
  if (broken >= 0) return { problem: { kind: 'broken-text', index: broken }, weight: 0 };
  // Too short to hold a signature (≥ 6 bytes) or a counted run (≥ 8 bytes) in any encoding.
  if (text.length < MIN_INSPECTED_CHARS) {
    const c = firstControlCharacter(text);
    return c < 0
      ? { problem: null, weight: 0 }
      : {
          problem: { kind: 'control-character', index: c, codePoint: text.charCodeAt(c) },
          weight: 0,
        };
  }
  const folded = foldForDecoders(text);
  const found = detectIn(text, folded);
  if (found !== null) return { problem: { kind: 'imagery', ...found }, weight: 0 };
  const control = firstControlCharacter(text);
  if (control >= 0)
    return {
      problem: { kind: 'control-character', index: control, codePoint: text.charCodeAt(control) },
      weight: 0,
    };
  if (options.runRule === false) return { problem: null, weight: 0 };
  // Measured on the folded view: data split by no-break spaces or zero-width characters is one run,
  // as it is to anyone who copies it (each ASCII run is the same in both views).
  const measure = measureEncoded(folded?.text ?? text);
  const run = checkRunRule(measure);
  if (run !== null) {
    const index = folded === null ? run.index : originOf(folded, run.index);
    return { problem: { kind: 'encoded-data', ...run, index }, weight: recordWeight(measure) };
  }
  return { problem: null, weight: recordWeight(measure) };
}

/** The problem that refuses this text, or null when it may be saved. */
export function checkText(text: string, options: CheckOptions = {}): TextProblem | null {
  return inspectText(text, options).problem;
}

/** Finds imagery in bytes (an ArrayBuffer or typed array that reached main): the format at the
 *  start, or null when no known signature is there. */
export function sniffImageryBytes(bytes: ArrayLike<number>): string | null {
  return sniff(bytesView(bytes))?.format ?? null;
}
