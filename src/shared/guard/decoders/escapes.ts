// R2 decoders for escaped bytes: percent-encoding (%FF%D8…, as in links) and backslash escapes (\x89PNG\r\n…, as Python and C print bytes).
//
// A percent run is a stretch of %XX escapes and the characters a link leaves as they are; a
// backslash run is a stretch of \xHH and \n-style escapes and the printable characters between
// them. Either decodes to bytes. A run looks encoded when it has at least 4 escapes; a run that
// decodes to text (a link to a page titled in Arabic, say) is searched again as text, not counted.
import { hexValue } from './hex';
import { ByteSink, type DecodedSpan } from './spans';

/** Characters a percent-encoder leaves as they are (RFC 3986 unreserved, and sub-delims seen in links). */
const URL_PLAIN = /[A-Za-z0-9._~!*'()+-]/;
const MIN_ESCAPES = 4;

function percentAt(s: string, i: number): number {
  if (s.charCodeAt(i) !== 0x25) return -1;
  const hi = hexValue(s, i + 1);
  const lo = hexValue(s, i + 2);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a digit that is not hex is -1, and (hi << 4) | lo is then negative too.
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

export function percentSpans(text: string): DecodedSpan[] {
  const out: DecodedSpan[] = [];
  const sink = new ByteSink();
  const n = text.length;
  // Stryker disable next-line StringLiteral: an empty search string only steps one character at a time.
  let i = text.indexOf('%');
  while (i >= 0) {
    if (percentAt(text, i) < 0) {
      // Stryker disable next-line StringLiteral: an empty search string only steps one character at a time.
      i = text.indexOf('%', i + 1);
      continue;
    }
    // Back over plain characters glued in front ("photo%89PNG…").
    let start = i;
    while (start > 0 && URL_PLAIN.test(text.charAt(start - 1))) start--;
    let j = start;
    let escapes = 0;
    let first = -1;
    // Stryker disable next-line UnaryOperator: set at the run's first escape, before it is read.
    let last = -1;
    // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is neither an escape nor a plain character.
    while (j < n) {
      const v = percentAt(text, j);
      if (v >= 0) {
        if (first < 0) first = sink.length;
        last = sink.length;
        sink.push(v, j);
        escapes++;
        j += 3;
      } else if (URL_PLAIN.test(text.charAt(j))) {
        sink.push(text.charCodeAt(j), j);
        j++;
      } else {
        break;
      }
    }
    const { bytes, pos } = sink.take();
    out.push({
      encoding: 'percent',
      start,
      end: j,
      bytes,
      pos,
      looksEncoded: escapes >= MIN_ESCAPES,
      weight: last - first + 1,
    });
    // Stryker disable next-line StringLiteral: an empty search string only steps one character at a time.
    i = text.indexOf('%', j);
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10,
  r: 13,
  t: 9,
  '0': 0,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
};

/** The byte and width of a backslash escape at i, or null. */
function backslashAt(s: string, i: number): { v: number; w: number; hex: boolean } | null {
  if (s.charCodeAt(i) !== 0x5c) return null;
  const d = s.charAt(i + 1);
  if (d === 'x' || d === 'X') {
    const hi = hexValue(s, i + 2);
    const lo = hexValue(s, i + 3);
    return hi < 0 || lo < 0 ? null : { v: (hi << 4) | lo, w: 4, hex: true };
  }
  const v = SIMPLE_ESCAPES[d];
  return v === undefined ? null : { v, w: 2, hex: false };
}

/** Plain printable characters with a space among them that end a backslash run. */
const PROSE_STRETCH = 6;

/** How many plain printable characters follow from i, and precede it back to the last escape
 *  (counted up to PROSE_STRETCH). */
function plainRun(s: string, i: number): number {
  let k = i;
  while (k - i < PROSE_STRETCH && isPlainPrintable(s.charCodeAt(k))) k++;
  let b = i;
  while (i - b < PROSE_STRETCH && b > 0 && isPlainPrintable(s.charCodeAt(b - 1))) b--;
  return k - b;
}

/** Printable ASCII other than the backslash (bytes a repr leaves as they are). */
function isPlainPrintable(c: number): boolean {
  return c >= 0x20 && c < 0x7f && c !== 0x5c;
}

export function backslashSpans(text: string): DecodedSpan[] {
  const out: DecodedSpan[] = [];
  const sink = new ByteSink();
  const n = text.length;
  // Stryker disable next-line StringLiteral: an empty search string only steps one character at a time.
  let i = text.indexOf('\\x');
  while (i >= 0) {
    const opening = backslashAt(text, i);
    if (opening === null || !opening.hex) {
      // Stryker disable next-line StringLiteral: an empty search string only steps one character at a time.
      i = text.indexOf('\\x', i + 1);
      continue;
    }
    // Back over printable characters and escapes glued in front (b'GIF89a\x01…, b'P6\n2 2\n…),
    // to the quote or the line start.
    let start = i;
    while (start > 0) {
      const c = text.charCodeAt(start - 1);
      if (c === 0x27 || c === 0x22) {
        // An escaped quote (\' or \") is part of the run, not its start.
        if (start > 1 && text.charCodeAt(start - 2) === 0x5c) {
          start -= 2;
          continue;
        }
        break;
      }
      // A backslash belongs to the run only when it starts an escape: "\q" or "\xZZ" in front
      // must end the run there, not become its first character (the forward read stops at it, so
      // every later escape would decode to nothing and the data would slip past).
      if (c === 0x5c ? backslashAt(text, start - 1) === null : !isPlainPrintable(c)) break;
      start--;
    }
    let j = start;
    let escapes = 0;
    // The run ends at the quote that opened it (Python leaves the other kind unescaped inside).
    const quote = start > 0 ? text.charCodeAt(start - 1) : -1;
    const closing = quote === 0x27 || quote === 0x22 ? quote : -1;
    // Pieces of data between stretches of words ("…\x1f and then part 2: \x89…") are weighed
    // apart by the run rule; the whole run is still decoded, so a header with a word in it
    // ("WEBPVP8 ", "gimp xcf ") is still sniffed whole.
    const pieces: number[] = [];
    let first = -1;
    // Stryker disable next-line UnaryOperator: set at the run's first escape, before it is read.
    let last = -1;
    // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is neither an escape nor printable.
    while (j < n) {
      const e = backslashAt(text, j);
      if (e !== null) {
        if (first < 0) first = sink.length;
        last = sink.length;
        sink.push(e.v, j);
        if (e.hex) escapes++;
        j += e.w;
        continue;
      }
      const c = text.charCodeAt(j);
      if (!isPlainPrintable(c) || c === closing) break;
      if (c === 0x20 && first >= 0 && plainRun(text, j) >= PROSE_STRETCH) {
        pieces.push(last - first + 1);
        first = -1;
      }
      sink.push(c, j);
      j++;
    }
    if (first >= 0) pieces.push(last - first + 1);
    const { bytes, pos } = sink.take();
    out.push({
      encoding: 'escapes',
      start,
      end: j,
      bytes,
      pos,
      looksEncoded: escapes >= MIN_ESCAPES,
      pieces,
    });
    // Stryker disable next-line StringLiteral,ArithmeticOperator: the run ends past its opening (j > i), so Math.max is j either way; an empty search string only steps one character at a time.
    i = text.indexOf('\\x', Math.max(j, i + 1));
  }
  return out;
}
