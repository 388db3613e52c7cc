// Decoded spans: what the byte-producing R2 decoders (hex, escapes, byte lists, base32, ascii85) hand to the check and the run rule.
import { bytesView, NESTED_MIN_TEXT_RATIO, textRatio } from '../bytes';
import { sniff } from '../signatures';
import { MAX_NESTING, type FindInText, type ImageryEncoding, type ImageryFinding } from '../types';

export interface DecodedSpan {
  encoding: ImageryEncoding;
  /** Char range of the span in the text. */
  start: number;
  end: number;
  /** The decoded bytes. */
  bytes: Uint8Array;
  /** Char index where byte i was written (for the finding's index). */
  pos: Int32Array;
  /** True when the span has the shape of encoded data (see each decoder); only such spans count
   *  towards the run rule. Signatures are sniffed in every span. */
  looksEncoded: boolean;
  /** Bytes the run rule counts, when not all of them (escapes: the plain text around the first and
   *  last escape is words, not data). */
  weight?: number;
  /** Or several pieces, each weighed on its own (data between stretches of words). */
  pieces?: number[];
}

/** A decoder that turns text into the spans of one encoding. */
export type SpanDecoder = (text: string) => DecodedSpan[];

/** Fewer decoded bytes than this cannot hold any signature (with its structure). */
const MIN_SNIFF_BYTES = 6;
/** Signatures are looked for at the first SNIFF_OFFSETS bytes of a span: data may follow a glued
 *  word, an offset column or a caption of that size; a longer span is refused by the run rule. */
const SNIFF_OFFSETS = 64;
/** Decoders drop spans shorter than this: too short to hold a signature, text or a counted run. */
export const MIN_SPAN_BYTES = 4;

/** The bytes as a latin1 string, so that text inside can be searched again. */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192)
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** True when the decoded bytes read as text (and so are searched again rather than counted). */
export function isTextLike(bytes: Uint8Array): boolean {
  return textRatio(bytesView(bytes), bytes.length) >= NESTED_MIN_TEXT_RATIO;
}

/** Imagery in any of the spans: a strong signature near its start (data may be glued onto a word
 *  or follow an offset column), or, for text-like spans, in the decoded text searched again. */
export function findInSpans(
  spans: readonly DecodedSpan[],
  depth: number,
  inner: FindInText,
): ImageryFinding | null {
  for (const span of spans) {
    const { bytes, pos, encoding } = span;
    if (bytes.length < MIN_SNIFF_BYTES) continue;
    for (let off = 0; off + MIN_SNIFF_BYTES <= bytes.length && off < SNIFF_OFFSETS; off++) {
      const s = sniff(bytesView(bytes, off));
      if (s !== null && !s.weak)
        return { format: s.format, encoding, index: pos[off] ?? span.start };
    }
    if (depth < MAX_NESTING && isTextLike(bytes)) {
      const found = inner(latin1(bytes), depth + 1);
      if (found !== null) return { format: found.format, encoding, index: span.start };
    }
  }
  return null;
}

/** A growable byte buffer with the char position of each byte. */
export class ByteSink {
  private b = new Uint8Array(64);
  private p = new Int32Array(64);
  length = 0;
  push(byte: number, at: number): void {
    if (this.length === this.b.length) {
      const nb = new Uint8Array(this.b.length * 2);
      nb.set(this.b);
      this.b = nb;
      const np = new Int32Array(this.p.length * 2);
      np.set(this.p);
      this.p = np;
    }
    this.b[this.length] = byte & 255;
    this.p[this.length] = at;
    this.length++;
  }
  reset(): void {
    this.length = 0;
  }
  take(): { bytes: Uint8Array; pos: Int32Array } {
    const out = { bytes: this.b.slice(0, this.length), pos: this.p.slice(0, this.length) };
    this.length = 0;
    return out;
  }
}
