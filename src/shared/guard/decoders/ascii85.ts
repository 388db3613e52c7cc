// R2 decoder for ascii85 (Adobe's <~ … ~> and the bare form Python's a85encode writes), wrapped or not.
//
// Delimited runs are always decoded; so is every bare run of 20 characters or more, a stretch of
// characters '!'–'u' (and 'z') joined across single line breaks. A bare run looks encoded (and
// counts towards the run rule) when it holds at least 3 characters
// that base64 never uses, switches character class (upper, lower, digit, punctuation) at least every
// other character, and is not a link, hex with separators or %-escapes. Prose and links fail one of these.
import { ByteSink, type DecodedSpan } from './spans';

const MIN_ENCODED_CHARS = 20;
const MIN_PUNCT = 3;
const MIN_SWITCH_RATIO = 0.5;

const isA85 = (c: number): boolean => (c >= 0x21 && c <= 0x75) || c === 0x7a;
const isB64 = (ch: string): boolean => /[A-Za-z0-9+/=_-]/.test(ch);

function classOf(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return 0;
  if (c >= 0x61 && c <= 0x7a) return 1;
  if (c >= 0x30 && c <= 0x39) return 2;
  return 3;
}

/** Decodes ascii85 characters chars[from..] into bytes ('z' is four zero bytes; a short last group
 *  is padded with 'u' as the format says). */
function decode(chars: number[], at: number[], sink: ByteSink): void {
  let group = 0;
  let count = 0;
  let groupAt = 0;
  const flush = (len: number): void => {
    for (let k = count; k < 5; k++) group = group * 85 + 84;
    for (let b = 0; b < len; b++) sink.push(Math.floor(group / 256 ** (3 - b)) % 256, groupAt);
    group = 0;
    count = 0;
  };
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k] ?? 0;
    if (c === 0x7a && count === 0) {
      for (let b = 0; b < 4; b++) sink.push(0, at[k] ?? 0);
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    if (count === 0) groupAt = at[k] ?? 0;
    group = group * 85 + (c - 0x21);
    count++;
    if (count === 5) flush(4);
  }
  if (count > 1) flush(count - 1);
}

function collect(text: string, from: number, to: number): { chars: number[]; at: number[] } {
  const chars: number[] = [];
  const at: number[] = [];
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (isA85(c)) {
      chars.push(c);
      at.push(k);
    }
  }
  return { chars, at };
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
    const { chars, at } = collect(text, d + 2, close);
    decode(chars, at, sink);
    const { bytes, pos } = sink.take();
    out.push({
      encoding: 'ascii85',
      start: d,
      end: close + 2,
      bytes,
      pos,
      looksEncoded: chars.length >= 5,
    });
    delimitedEnd = close + 2;
    d = text.indexOf('<~', close + 2);
  }
  // Bare runs.
  let i = 0;
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
    i = Math.max(end, i + 1);
    if (end - start < MIN_ENCODED_CHARS) continue;
    const run = text.slice(start, end);
    let punct = 0;
    let switches = 0;
    let prev = -1;
    let count = 0;
    for (let k = 0; k < run.length; k++) {
      const c = run.charCodeAt(k);
      if (c === 0x0a || c === 0x0d) continue;
      if (!isB64(run.charAt(k))) punct++;
      const cls = classOf(c);
      if (prev >= 0 && cls !== prev) switches++;
      prev = cls;
      count++;
    }
    const looksEncoded =
      punct >= MIN_PUNCT &&
      switches / Math.max(1, count - 1) >= MIN_SWITCH_RATIO &&
      !run.includes('://') &&
      !/www\./i.test(run) &&
      // Hex with separators is hex's to measure; a link's %-escapes are the percent decoder's.
      !/^[0-9A-Fa-f:;,\s-]+$/.test(run) &&
      (run.match(/%[0-9A-Fa-f]{2}/g) ?? []).length < 3;
    const { chars, at } = collect(text, start, end);
    decode(chars, at, sink);
    const { bytes, pos } = sink.take();
    out.push({ encoding: 'ascii85', start, end, bytes, pos, looksEncoded });
  }
  return out;
}
