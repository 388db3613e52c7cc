// R2 decoder for base64 and base64url in text: wrapped or not, padded or not, JSON- or URL-escaped, glued to a word.
//
// A run is a sequence of segments (maximal stretches of base64 characters, where JSON's "\/" and
// URL escapes %2B %2F count as characters) joined across whitespace with at most one line break,
// where the segment before the gap is a plausible wrapped line (≥ MIN_WRAP_LINE) or a group whose
// length is a multiple of 4 (base64 written in groups of four, as some tools show SVG); '='
// padding (or %3D) or any other character ends it. Each run is looked at three ways:
//   (a) a known signature where a file could start — at any character, since an image may be glued
//       onto a preceding word ("photoiVBORw0KGgo…") of any length: a long one of plain letters is
//       not data to the run rule, so no length of word may hide what follows it;
//   (b) base64 of text (SVG markup, a data: URL, base64 again…) is read again as text;
//   (c) the long-binary rule: a regular block of at least 512 characters that decodes to binary.
// The run rule (runRule.ts) measures the same runs through base64Runs.
import {
  base64View,
  BINARY_MAX_TEXT_RATIO,
  NESTED_MIN_TEXT_RATIO,
  textRatio,
  viewToString,
} from '../bytes';
import { sniff } from '../signatures';
import { MAX_NESTING, type FindInText, type ImageryFinding } from '../types';

/** A base64 line this long (or a group whose length is a multiple of 4) continues across whitespace
 *  holding at most one line break. Real encoders wrap at 64 or 76; a blank line always ends a run. */
const MIN_WRAP_LINE = 16;
/** A place in a run is only tried as the start of a file when at least this many base64 characters
 *  (6 bytes) follow: every signature needs at least 4–6 bytes plus structure. */
const MIN_CANDIDATE_SEXTETS = 8;
/** Long-binary rule: a run of at least 512 base64 characters (384 bytes) that decodes to binary is
 *  refused even when its format is unknown, on a regular block only (see examineBlock). The run
 *  rule refuses far shorter runs; this one keeps naming them 'binary data' as an imagery finding. */
const BINARY_MIN_SEXTETS = 512;
/** ...and only when the run uses at least 24 different base64 characters (keeps out hex and a key
 *  held down). */
const BINARY_MIN_DISTINCT = 24;
// The one weak signature — a bare JPEG XL codestream starts with only FF 0A ("/wo" in base64, as
// in "/work") — only names a run that the long-binary rule refuses anyway.

/** Punctuation that may join groups of four: comma, semicolon, full stop, colon, vertical bar, and a
 *  dash between spaces (a dash touching a group is base64url's own character). */
const GROUP_MARKS: readonly number[] = [0x2c, 0x3b, 0x2e, 0x3a, 0x7c, 0x2d];

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64_ALPHABET.charCodeAt(i)] = i;
  t[0x2d] = 62; // '-' base64url
  t[0x5f] = 63; // '_' base64url
  return t;
})();

/** The base64 value at i, packed as value | (width << 6), or -1. Width 2 is JSON's "\/" escape;
 *  width 3 is a URL escape of '+' or '/' (%2B, %2F), as base64 pasted from a link carries them. */
export function alphaAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  // Past 127 (and past the end, NaN) the table answers undefined: not a character.
  const v = B64_VALUE[c] ?? -1;
  if (v >= 0) return v | 64;
  if (c === 0x5c && s.charCodeAt(i + 1) === 0x2f) return 63 | 128;
  if (c === 0x25 && s.charCodeAt(i + 1) === 0x32) {
    const d = s.charCodeAt(i + 2) | 0x20;
    if (d === 0x62) return 62 | 192; // %2B
    if (d === 0x66) return 63 | 192; // %2F
  }
  return -1;
}

/** Width of '=' padding (or its URL escape %3D) at i, or 0. */
function padAt(s: string, i: number): number {
  if (s.charCodeAt(i) === 0x3d) return 1;
  if (
    s.charCodeAt(i) === 0x25 &&
    s.charCodeAt(i + 1) === 0x33 &&
    (s.charCodeAt(i + 2) | 0x20) === 0x64
  )
    return 3;
  return 0;
}

/** Whitespace at i, packed as width | (4 if it is a line break); 0 if none. Literal "\n", "\r",
 *  "\t" (as left in JSON or source-code strings) count as whitespace. */
export function spaceAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x0a) return 1 | 4;
  if (c === 0x20 || c === 0x09 || c === 0x0d) return 1;
  if (c === 0x5c) {
    const d = s.charCodeAt(i + 1);
    if (d === 0x6e) return 2 | 4; // \n
    if (d === 0x72 || d === 0x74) return 2; // \r \t
  }
  return 0;
}

/** One base64 run: its sextets sext[0..m), the char index of each, its segments and joins. */
export interface Base64Run {
  sext: Uint8Array;
  pos: Int32Array;
  m: number;
  segStarts: readonly number[];
  /** longJoin[k]: segment k joined to k+1 as a wrapped line (false: as a group of four). */
  longJoin: readonly boolean[];
  /** Char index just past the run. */
  end: number;
}

/** Calls visit on each base64 run of the text, in order, until it returns something. The arrays
 *  are reused between runs (copy what you keep). Linear in the length of the text. */
export function base64Runs<T>(text: string, visit: (run: Base64Run) => T | null): T | null {
  const n = text.length;
  const sext = new Uint8Array(n);
  const pos = new Int32Array(n);
  // Stryker disable next-line ArrayDeclaration: both are emptied before each run.
  const segStarts: number[] = [];
  // Stryker disable next-line ArrayDeclaration: both are emptied before each run.
  const longJoin: boolean[] = [];
  let i = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is no character.
  while (i < n) {
    let a = alphaAt(text, i);
    // Stryker disable next-line EqualityOperator: a packed character is never 0 (its width is ≥ 1).
    if (a < 0) {
      i++;
      continue;
    }
    let m = 0;
    segStarts.length = 0;
    longJoin.length = 0;
    for (;;) {
      const start = m;
      segStarts.push(m);
      // Stryker disable next-line EqualityOperator: a packed character is never 0 (its width is ≥ 1).
      while (a >= 0) {
        sext[m] = a & 63;
        pos[m] = i;
        m++;
        i += a >> 6;
        a = alphaAt(text, i);
      }
      const len = m - start;
      const pad = padAt(text, i);
      if (pad > 0) {
        i += pad;
        i += padAt(text, i);
        break;
      }
      const isLong = len >= MIN_WRAP_LINE;
      const isGroup = len % 4 === 0;
      let j = i;
      let breaks = 0;
      let w: number;
      while ((w = spaceAt(text, j)) !== 0) {
        if (w & 4) breaks++;
        j += w & 3;
      }
      // Groups of four may be joined by one punctuation mark as well ("AAAA, BBBB; CCCC"): English
      // already joins four-letter words across spaces, so a comma between them changes nothing for
      // words, while data split that way is read whole.
      if (isGroup && GROUP_MARKS.includes(text.charCodeAt(j))) {
        j++;
        while ((w = spaceAt(text, j)) !== 0) {
          if (w & 4) breaks++;
          j += w & 3;
        }
      }
      // No gap (j === i) ends the run below: the character there is none of base64's.
      if (breaks > 1) break;
      if (!isLong && !isGroup) break;
      a = alphaAt(text, j);
      // Stryker disable next-line EqualityOperator: a packed character is never 0 (its width is ≥ 1).
      if (a < 0) break;
      longJoin.push(isLong);
      i = j;
    }
    const found = visit({ sext, pos, m, segStarts, longJoin, end: i });
    if (found !== null) return found;
  }
  return null;
}

/** Imagery carried as base64 in the text (R2), or null. */
export function findBase64(text: string, depth: number, inner: FindInText): ImageryFinding | null {
  // Stryker disable next-line ConditionalExpression: a shortcut; a shorter text has too few sextets for examineRun.
  if (text.length < MIN_CANDIDATE_SEXTETS) return null;
  return base64Runs(text, (run) => examineRun(run, depth, inner));
}

function examineRun(run: Base64Run, depth: number, inner: FindInText): ImageryFinding | null {
  const { sext, pos, m, segStarts, longJoin } = run;
  // Stryker disable next-line ConditionalExpression: a shortcut; (a), (b) and (c) each need more.
  if (m < MIN_CANDIDATE_SEXTETS) return null;
  // (a) A known signature where a file could start: at every character (an image glued onto a word,
  //     a path or a key=value is shifted by any number of characters).
  // Stryker disable next-line ArithmeticOperator: fewer sextets than MIN_CANDIDATE_SEXTETS hold no signature.
  for (let c = 0; c + MIN_CANDIDATE_SEXTETS <= m; c++) {
    const s = sniff(base64View(sext, c, m));
    if (s !== null && !s.weak) return { format: s.format, encoding: 'base64', index: pos[c] ?? 0 };
  }
  // (b) and (c) on stretches joined as wrapped lines (a short join starts a new stretch).
  let first = 0;
  for (let k = 0; k < segStarts.length; k++) {
    // The last segment has no join (undefined): it always ends a stretch.
    if (longJoin[k] === true) continue;
    const end = segStarts[k + 1] ?? m;
    const found = examineStretch(run, first, k, end, depth, inner);
    if (found !== null) return found;
    first = k + 1;
  }
  // (b) base64 written in groups of four (short joins) is read whole as text once, from its first
  //     or its second group (a four-letter word may stand in front).
  if (longJoin.some((j) => !j) && depth < MAX_NESTING) {
    for (const st of [0, segStarts[1] ?? 0]) {
      if (m - st < 16) continue;
      const found = nestedText(run, st, m, depth, inner);
      if (found !== null && found !== 'binary') return found;
    }
  }
  return null;
}

/** Reads sextets st..end as text when they decode to text, and searches that text again. */
function nestedText(
  run: Base64Run,
  st: number,
  end: number,
  depth: number,
  inner: FindInText,
): ImageryFinding | null | 'binary' {
  const at = base64View(run.sext, st, end);
  const len = Math.floor(((end - st) * 3) / 4);
  if (textRatio(at, len) < NESTED_MIN_TEXT_RATIO) return 'binary';
  const found = inner(viewToString(at, len), depth + 1);
  return found === null
    ? null
    : { format: found.format, encoding: 'base64', index: run.pos[st] ?? 0 };
}

/** Segments first..last of a run (joined as wrapped lines), ending at sextet `end`: nested text
 *  (b), then long binary (c). */
function examineStretch(
  run: Base64Run,
  first: number,
  last: number,
  end: number,
  depth: number,
  inner: FindInText,
): ImageryFinding | null {
  const { segStarts } = run;
  const s0 = segStarts[first] ?? 0;
  if (end - s0 < 16) return null;
  // (b) Decode from the first segment and, if the stretch has more than one, from the second: the
  //     first may be an ordinary long word that happens to run into the data and shift its alignment.
  // And from the next three characters: a word glued in front ("photoPHN2Zy…") shifts the data by
  // any number of characters, and a little garbage in front still leaves the rest text.
  // (A one-segment stretch this long is the run's last segment: a shorter segment ends a stretch.)
  const second = segStarts[first + 1];
  const starts = second === undefined ? [s0] : [s0, second];
  // The stretch holds at least 16 sextets, so all three shifts are inside it.
  for (let a = 1; a < 4; a++) starts.push(s0 + a);
  for (const st of starts) {
    if (depth >= MAX_NESTING) break;
    const found = nestedText(run, st, end, depth, inner);
    if (found === 'binary') continue;
    if (found !== null) return found;
    break;
  }
  // (c) The long-binary rule, on a regular block from the first segment, or from the second when
  //     the first is an ordinary word that ran into the data.
  for (let k = first; k <= Math.min(first + 1, last); k++) {
    const found = examineBlock(run, k, last, end);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The long-binary rule on the regular block starting at segment k0. Encoders wrap base64 in lines
 * of one fixed length, a multiple of 4, with only the last line shorter; a list of long words,
 * paths or identifiers (lines of varying length) never has that shape. So the block is segment k0,
 * the following segments of the same length, and one shorter last line; when its lines are not a
 * multiple of 4 long, segment k0 alone.
 */
function examineBlock(
  run: Base64Run,
  k0: number,
  last: number,
  end: number,
): ImageryFinding | null {
  const { sext, pos, segStarts } = run;
  // Segment `last` ends at `end`, where the next stretch (if any) starts.
  const segEnd = (k: number): number => segStarts[k + 1] ?? end;
  const start = segStarts[k0] ?? 0;
  const width = segEnd(k0) - start;
  let k = k0;
  while (k < last && segEnd(k + 1) - segEnd(k) === width) k++;
  if (k < last && segEnd(k + 1) - segEnd(k) < width) k++;
  if (k > k0 && width % 4 !== 0) k = k0;
  const stop = segEnd(k);
  if (stop - start < BINARY_MIN_SEXTETS) return null;
  const seen = new Uint8Array(64);
  let distinct = 0;
  for (let i = start; i < stop && distinct < BINARY_MIN_DISTINCT; i++) {
    const v = sext[i] ?? 0;
    if (seen[v] === 0) {
      seen[v] = 1;
      distinct++;
    }
  }
  if (distinct < BINARY_MIN_DISTINCT) return null;
  const at = base64View(sext, start, stop);
  if (textRatio(at, Math.floor(((stop - start) * 3) / 4)) >= BINARY_MAX_TEXT_RATIO) return null;
  // A weak signature at the start names what the rule refuses (see the note on weak signatures).
  const weak = sniff(at);
  return { format: weak?.format ?? 'binary data', encoding: 'base64', index: pos[start] ?? 0 };
}
