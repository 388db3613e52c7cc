// Byte views over decoded data for the R2 guard: random access, text-likeness, and back to text.
//
// A view answers byte i of some decoded data, 0–255; -1 past the end; 256 for a character that is
// not a byte (above U+00FF) — text, but never part of a signature. Views let the guard sniff a
// base64 run at any offset without copying it.

export type ByteAt = (i: number) => number;

/** Each char code 0–255 of the text as a byte, from `start`. */
export function charView(text: string, start: number): ByteAt {
  const n = text.length;
  return (i) => {
    const k = start + i;
    if (i < 0 || k >= n) return -1;
    const c = text.charCodeAt(k);
    return c > 255 ? 256 : c;
  };
}

/** Bytes of the base64 sextets sext[start..end), by random access: byte i of 4-char group g. */
export function base64View(sext: Uint8Array, start: number, end: number): ByteAt {
  return (i) => {
    if (i < 0) return -1;
    const r = i % 3;
    const k = start + ((i - r) / 3) * 4 + r;
    if (k + 1 >= end) return -1;
    const s0 = sext[k] ?? 0;
    const s1 = sext[k + 1] ?? 0;
    if (r === 0) return ((s0 << 2) | (s1 >> 4)) & 255;
    if (r === 1) return ((s0 << 4) | (s1 >> 2)) & 255;
    return ((s0 << 6) | s1) & 255;
  };
}

export function bytesView(bytes: ArrayLike<number>, start = 0): ByteAt {
  // Past the end an array answers undefined, which reads as -1.
  return (i) => (i >= 0 ? (bytes[start + i] ?? -1) : -1);
}

/** How many decoded bytes the text-likeness ratio samples (a prefix is enough to tell). */
const RATIO_SAMPLE_BYTES = 3072;

/** Share of the first `len` (at most RATIO_SAMPLE_BYTES) bytes that look like text: printable
 *  ASCII, tab/LF/CR, or part of valid UTF-8. Random or compressed bytes (every image and video
 *  format) score about 37%; text in any language scores above 85%. */
export function textRatio(at: ByteAt, len: number): number {
  const n = Math.min(len, RATIO_SAMPLE_BYTES);
  if (n <= 0) return 1;
  let text = 0;
  let i = 0;
  while (i < n) {
    const b = at(i);
    if (b === 256 || b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)) {
      text++;
      i++;
      continue;
    }
    const need =
      b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0;
    for (let j = 1; ok && j <= need; j++) {
      const c = at(i + j);
      ok = c >= 0x80 && c <= 0xbf;
    }
    if (ok) {
      text += need + 1;
      i += need + 1;
    } else {
      i++;
    }
  }
  return Math.min(1, text / n);
}

/** Decoded data at least this text-like is read again as text (base64 of SVG, hex of base64…). */
export const NESTED_MIN_TEXT_RATIO = 0.9;
/** Decoded data is "binary" below this text-likeness. */
export const BINARY_MAX_TEXT_RATIO = 0.7;

/** The bytes as a latin1 string, one char per byte (so ASCII markup and base64 inside can be
 *  searched again). */
export function viewToString(at: ByteAt, len: number): string {
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < len; i++) {
    const b = at(i);
    if (b < 0) break;
    chunk.push(b > 255 ? 0xfffd : b);
    // Flushed in chunks only because a spread of millions of arguments overflows the stack: how
    // often it flushes changes nothing else.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: flushing at any other length gives the same string.
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}
