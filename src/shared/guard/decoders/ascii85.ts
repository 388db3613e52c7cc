// R2 decoder for ascii85 (Adobe's <~ … ~> and the bare form Python's a85encode writes), wrapped or not.
//
// Delimited runs are always decoded; so is every bare run of 20 characters or more, a stretch of
// characters '!'–'u' (and 'z') joined across single line breaks. A bare run looks encoded (and
// counts towards the run rule) when it holds at least 3 characters that base64 never uses,
// switches character class (upper, lower, digit, punctuation) at least every other character, and
// is not a link, hex with separators or %-escapes. Prose and links fail one of these.
import { ByteSink, type DecodedSpan } from './spans';

const MIN_RUN_CHARS = 20;
const MIN_PUNCT = 3;
const MIN_SWITCH_RATIO = 0.5;

const isA85 = (c: number): boolean => (c >= 0x21 && c <= 0x75) || c === 0x7a;

/** True for characters base64 (or base64url) also uses. */
function isB64(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2b ||
    c === 0x2f ||
    c === 0x3d ||
    c === 0x5f ||
    c === 0x2d
  );
}

function classOf(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return 0;
  if (c >= 0x61 && c <= 0x7a) return 1;
  if (c >= 0x30 && c <= 0x39) return 2;
  return 3;
}

/** Decodes the ascii85 characters of text[from, to) into bytes (whitespace skipped; 'z' is four
 *  zero bytes; a short last group is padded with 'u', as the format says). */
function decode(text: string, from: number, to: number, sink: ByteSink): void {
  let group = 0;
  let count = 0;
  let groupAt = from;
  const flush = (len: number): void => {
    for (let k = count; k < 5; k++) group = group * 85 + 84;
    for (let b = 0; b < len; b++) sink.push((group >>> (24 - 8 * b)) & 255, groupAt);
    group = 0;
    count = 0;
  };
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x7a && count === 0) {
      for (let b = 0; b < 4; b++) sink.push(0, k);
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    if (count === 0) groupAt = k;
    group = group * 85 + (c - 0x21);
    count++;
    if (count === 5) flush(4);
  }
  if (count > 1) flush(count - 1);
}

/** Links, hex with separators and %-escapes are other decoders' to measure. ("www." needs no
 *  test: 'w' is not an ascii85 character, so it never falls inside a run.) */
function isOtherDecodersText(run: string): boolean {
  return (
    run.includes('://') ||
    /^[0-9A-Fa-f:;,\s-]+$/.test(run) ||
    // Stryker disable next-line ArrayDeclaration: with no match, a one-element array is still under 3.
    (run.match(/%[0-9A-Fa-f]{2}/g) ?? []).length >= 3
  );
}

export function ascii85Spans(text: string): DecodedSpan[] {
  const out: DecodedSpan[] = [];
  const sink = new ByteSink();
  const n = text.length;
  // Delimited: <~ … ~>.
  let d = text.indexOf('<~');
  let delimitedEnd = -1;
  while (d >= 0) {
    const close = text.indexOf('~>', d + 2);
    if (close < 0) break;
    decode(text, d + 2, close, sink);
    const { bytes, pos } = sink.take();
    out.push({
      encoding: 'ascii85',
      start: d,
      end: close + 2,
      bytes,
      pos,
      looksEncoded: bytes.length >= 4,
    });
    delimitedEnd = close + 2;
    d = text.indexOf('<~', close + 2);
  }
  // Bare runs.
  let i = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is not ascii85.
  while (i < n) {
    if (!isA85(text.charCodeAt(i)) || i < delimitedEnd) {
      i++;
      continue;
    }
    const start = i;
    let j = i;
    for (;;) {
      while (j < n && isA85(text.charCodeAt(j))) j++;
      // Continue across one line break (encoders wrap at 75 or 80).
      let k = j;
      if (text.charCodeAt(k) === 0x0d) k++;
      if (text.charCodeAt(k) === 0x0a && j - start >= 16 && isA85(text.charCodeAt(k + 1))) {
        j = k + 1;
        continue;
      }
      break;
    }
    const end = j;
    // Stryker disable next-line ArithmeticOperator: the character at i is ascii85, so end ≥ i + 1 and Math.max picks end against i - 1 too.
    i = Math.max(end, i + 1);
    if (end - start < MIN_RUN_CHARS) continue;
    let punct = 0;
    let switches = 0;
    let prev = -1;
    let count = 0;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x0a || c === 0x0d) continue;
      if (!isB64(c)) punct++;
      const cls = classOf(c);
      if (prev >= 0 && cls !== prev) switches++;
      prev = cls;
      count++;
    }
    const looksEncoded =
      punct >= MIN_PUNCT &&
      switches / Math.max(1, count - 1) >= MIN_SWITCH_RATIO &&
      !isOtherDecodersText(text.slice(start, end));
    decode(text, start, end, sink);
    const { bytes, pos } = sink.take();
    out.push({ encoding: 'ascii85', start, end, bytes, pos, looksEncoded });
  }
  return out;
}
