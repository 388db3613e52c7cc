// R2 decoder for base32 (RFC 4648: A–Z and 2–7, '=' padding; all upper or all lower case), wrapped or not.
//
// A run is a stretch of base32 characters in one case, joined across whitespace (at most one line
// break) when the piece before is a wrapped line (≥ 16) or a multiple of 8 long. It is decoded
// from 8 characters; it looks encoded from 16 characters with at least two digits, standing apart
// from other letters: words in capitals have no digits.
import { ByteSink, type DecodedSpan } from './spans';

const MIN_RUN_CHARS = 8;
const MIN_ENCODED_CHARS = 16;
const MIN_WRAP = 16;
/** How far ahead the case of a run that starts with digits is looked for. */
const CASE_LOOKAHEAD = 16;

/** Value 0–31 of a base32 character, or -1; `upper` picks the case. */
function b32(c: number, upper: boolean): number {
  if (upper ? c >= 0x41 && c <= 0x5a : c >= 0x61 && c <= 0x7a) return c - (upper ? 0x41 : 0x61);
  if (c >= 0x32 && c <= 0x37) return c - 0x32 + 26;
  return -1;
}

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

export function base32Spans(text: string): DecodedSpan[] {
  const out: DecodedSpan[] = [];
  const n = text.length;
  const sink = new ByteSink();
  let i = 0;
  // Stryker disable next-line EqualityOperator: at i = n charCodeAt is NaN, not a base32 character, so the loop only steps past the end.
  while (i < n) {
    const c = text.charCodeAt(i);
    // The case of the run is the case of its first letter (base32 of a JPEG starts with digits).
    let upper = true;
    for (let k = i; k < n && k - i < CASE_LOOKAHEAD; k++) {
      const d = text.charCodeAt(k);
      if (d >= 0x32 && d <= 0x37) continue;
      upper = !(d >= 0x61 && d <= 0x7a);
      break;
    }
    if (b32(c, upper) < 0 || (i > 0 && b32(text.charCodeAt(i - 1), upper) >= 0)) {
      i++;
      continue;
    }
    const start = i;
    let chars = 0;
    let digits = 0;
    let acc = 0;
    let bits = 0;
    let end: number;
    for (;;) {
      const segStart = chars;
      let v: number;
      while ((v = b32(text.charCodeAt(i), upper)) >= 0) {
        acc = ((acc << 5) | v) & 0xffff;
        bits += 5;
        if (bits >= 8) {
          bits -= 8;
          sink.push((acc >> bits) & 255, i);
        }
        if (v >= 26) digits++;
        chars++;
        i++;
      }
      end = i;
      const len = chars - segStart;
      if (text.charCodeAt(i) === 0x3d) {
        while (text.charCodeAt(i) === 0x3d) i++;
        end = i;
        break;
      }
      let j = i;
      let breaks = 0;
      while (j < n && isSpace(text.charCodeAt(j))) {
        if (text.charCodeAt(j) === 0x0a) breaks++;
        j++;
      }
      if (j === i || breaks > 1 || (len < MIN_WRAP && len % 8 !== 0)) break;
      if (b32(text.charCodeAt(j), upper) < 0) break;
      i = j;
    }
    // A letter run glued to more letters of the other case is a word, not base32.
    const glued =
      isLetter(text.charCodeAt(end)) ||
      (start > 0 && (isLetter(text.charCodeAt(start - 1)) || /\d/.test(text.charAt(start - 1))));
    if (chars >= MIN_RUN_CHARS) {
      const { bytes, pos } = sink.take();
      out.push({
        encoding: 'base32',
        start,
        end,
        bytes,
        pos,
        looksEncoded: chars >= MIN_ENCODED_CHARS && digits >= 2 && !glued,
      });
    } else {
      sink.reset();
    }
    // Stryker disable next-line ArithmeticOperator: the first character is base32, so end ≥ start + 1 and Math.max picks end against start - 1 too.
    i = Math.max(end, start + 1);
  }
  return out;
}
