// R2 decoder for bytes written as a list of numbers: "137, 80, 78, 71", "[137 80 78 71]", Java's signed "-119, 80…".
//
// A list is at least MIN_NUMBERS numbers, each 0–255 (or -128…-1, Java's signed bytes), joined by
// commas or semicolons (with spaces) or by spaces alone, with at most one line break between two;
// the rows of a nested list are one list.
// It looks encoded from 8 numbers: prose lists ("Years 7, 8, 9 and 10") are shorter.
import { ByteSink, type DecodedSpan } from './spans';

const MIN_NUMBERS = 4;
const ENCODED_NUMBERS = 8;
/** Rows of a nested list — a JSON array of arrays, numpy's `array([[…], […]])`, the list of pixel
 *  tuples an image library returns — are one list: up to three levels closed and opened between
 *  two numbers. */
const BRACKETS: readonly number[] = [0x5b, 0x5d, 0x28, 0x29];
const MAX_BRACKETS = 6;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWordChar = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x5f;

/** The number token at i: its value as a byte and its width, or null. */
function numberAt(s: string, i: number): { v: number; w: number } | null {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: at i = 0 the char before reads NaN, which is no word char.
  if (i > 0 && isWordChar(s.charCodeAt(i - 1))) return null;
  let j = i;
  const neg = s.charCodeAt(j) === 0x2d;
  if (neg) j++;
  const d0 = j;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end reads NaN (no digit); the cap of 4 digits only saves work, as len > 3 is refused below.
  while (j < s.length && isDigit(s.charCodeAt(j)) && j - d0 < 4) j++;
  const len = j - d0;
  if (len === 0 || len > 3 || isWordChar(s.charCodeAt(j))) return null;
  const v = Number(s.slice(d0, j));
  if (neg ? v < 1 || v > 128 : v > 255) return null;
  return { v: neg ? 256 - v : v, w: j - i };
}

/** Width of a list separator at i (comma/semicolon with spaces, or spaces, and the brackets between
 *  rows of a nested list: "], [", "),\n (", "]], [["), or 0. */
function separatorAt(s: string, i: number): number {
  let j = i;
  let punct = 0;
  let breaks = 0;
  let brackets = 0;
  for (;;) {
    const c = s.charCodeAt(j);
    if (c === 0x2c || c === 0x3b) {
      if (++punct > 1) break;
    } else if (BRACKETS.includes(c)) {
      if (++brackets > MAX_BRACKETS) break;
    } else if (c === 0x0a) {
      if (++breaks > 1) break;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      break;
    }
    j++;
  }
  return j - i;
}

export function byteListSpans(text: string): DecodedSpan[] {
  const out: DecodedSpan[] = [];
  const sink = new ByteSink();
  const n = text.length;
  let i = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which starts no number.
  while (i < n) {
    const c = text.charCodeAt(i);
    // Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; numberAt finds no number where no digit or sign is.
    if (!isDigit(c) && c !== 0x2d) {
      i++;
      continue;
    }
    let t = numberAt(text, i);
    // Stryker disable next-line ConditionalExpression,BlockStatement: with no number nothing is pushed and the loop below moves on by one all the same.
    if (t === null) {
      i++;
      continue;
    }
    const start = i;
    let j = i;
    let count = 0;
    let end = i;
    while (t !== null) {
      sink.push(t.v, j);
      count++;
      end = j + t.w;
      const sep = separatorAt(text, end);
      // Stryker disable next-line ConditionalExpression: with no separator the next number would be glued to a digit, which numberAt refuses.
      if (sep === 0) break;
      j = end + sep;
      t = numberAt(text, j);
    }
    const { bytes, pos } = sink.take();
    if (count >= MIN_NUMBERS)
      out.push({
        encoding: 'byte-list',
        start,
        end,
        bytes,
        pos,
        looksEncoded: count >= ENCODED_NUMBERS,
      });
    // Stryker disable next-line ArithmeticOperator: a number is at least one char wide, so end > i whichever way i moves.
    i = Math.max(end, i + 1);
  }
  return out;
}
