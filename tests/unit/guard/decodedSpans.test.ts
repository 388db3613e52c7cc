// Tests of what the R2 check does with decoded spans, on its own: where in a span a signature is looked for, which finding index it reports, when decoded text is searched again, and the byte buffer the decoders fill.
import { describe, expect, it } from 'vitest';
import {
  ByteSink,
  findInSpans,
  isTextLike,
  latin1,
  type DecodedSpan,
} from '../../../src/shared/guard/decoders/spans';
import type { ImageryFinding } from '../../../src/shared/guard/types';

/** The shortest JPEG start the signatures accept: FF D8 FF E0 and a segment length of 2. */
const JPEG6 = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02];
/** A JPEG XL codestream start: a weak signature, never enough on its own. */
const JXL_WEAK = [0xff, 0x0a, 0x00, 0x00, 0x00, 0x00];

/** A hex span of these bytes starting at char 1000, byte k written at char 1000 + 2k. */
const spanOf = (bytes: number[], extra: Partial<DecodedSpan> = {}): DecodedSpan => ({
  encoding: 'hex',
  start: 1000,
  end: 1000 + 2 * bytes.length,
  bytes: Uint8Array.from(bytes),
  pos: Int32Array.from(bytes, (_, k) => 1000 + 2 * k),
  looksEncoded: true,
  ...extra,
});
const noInner = (): ImageryFinding | null => {
  throw new Error('decoded bytes that are not text must not be searched as text');
};
const find = (spans: DecodedSpan[], depth = 0): ImageryFinding | null =>
  findInSpans(spans, depth, noInner);
const pad = (n: number, byte = 0x01): number[] => new Array<number>(n).fill(byte);

describe('R2 decoded spans: where a signature is looked for', () => {
  it('attack: a JPEG start of six bytes, the fewest that hold one, is found', () => {
    expect(find([spanOf(JPEG6)])).toEqual({ format: 'JPEG', encoding: 'hex', index: 1000 });
  });

  it('five bytes are too few to be sniffed', () => {
    expect(find([spanOf(JPEG6.slice(0, 5))])).toBeNull();
  });

  it('attack: a JPEG start that ends the span, one byte in, is found at that byte', () => {
    expect(find([spanOf([0x00, ...JPEG6])])).toEqual({
      format: 'JPEG',
      encoding: 'hex',
      index: 1002,
    });
  });

  it('attack: a JPEG start 63 bytes into a span (after a caption or offsets) is found', () => {
    expect(find([spanOf([...pad(63), ...JPEG6, ...pad(10)])])).toEqual({
      format: 'JPEG',
      encoding: 'hex',
      index: 1000 + 2 * 63,
    });
  });

  it('a JPEG start 64 bytes into a span is past where signatures are looked for', () => {
    expect(find([spanOf([...pad(64), ...JPEG6, ...pad(10)])])).toBeNull();
  });

  it('a weak signature alone is not a finding; a strong one after it still is', () => {
    expect(find([spanOf([...JXL_WEAK, ...pad(4)])])).toBeNull();
    expect(find([spanOf([...JXL_WEAK, ...JPEG6])])).toEqual({
      format: 'JPEG',
      encoding: 'hex',
      index: 1000 + 2 * JXL_WEAK.length,
    });
  });

  it("the finding names the span's own encoding", () => {
    expect(find([spanOf(JPEG6, { encoding: 'byte-list' })])?.encoding).toBe('byte-list');
  });

  it('a byte with no position recorded is reported at the start of its span', () => {
    expect(find([spanOf(JPEG6, { pos: new Int32Array(0), start: 7 })])?.index).toBe(7);
  });

  it('attack: imagery in the second span is found when the first holds none', () => {
    expect(
      find([
        spanOf(pad(20)),
        spanOf(JPEG6, { start: 50, pos: Int32Array.from(JPEG6, (_, k) => 50 + k) }),
      ]),
    ).toEqual({ format: 'JPEG', encoding: 'hex', index: 50 });
  });

  it('no span, or spans of noise, are no finding', () => {
    expect(find([])).toBeNull();
    expect(find([spanOf(pad(100, 0x02)), spanOf(pad(3))])).toBeNull();
  });
});

describe('R2 decoded spans: decoded text is searched again, to a depth', () => {
  const found: ImageryFinding = { format: 'PNG', encoding: 'base64', index: 3 };
  const TEXT = Array.from('look: aGVsbG8=', (c) => c.charCodeAt(0));

  it('attack: text decoded from a span is searched again, one level deeper, and a finding there names the outer span', () => {
    const calls: Array<[string, number]> = [];
    const inner = (text: string, depth: number): ImageryFinding | null => {
      calls.push([text, depth]);
      return found;
    };
    expect(findInSpans([spanOf(TEXT, { encoding: 'percent', start: 40 })], 1, inner)).toEqual({
      format: 'PNG',
      encoding: 'percent',
      index: 40,
    });
    expect(calls).toEqual([['look: aGVsbG8=', 2]]);
  });

  it('text found clean inside one span does not end the search of the next', () => {
    const inner = (): ImageryFinding | null => null;
    expect(findInSpans([spanOf(TEXT), spanOf(JPEG6, { start: 9 })], 0, inner)).toEqual({
      format: 'JPEG',
      encoding: 'hex',
      index: 1000,
    });
  });

  it('at the deepest nesting (3) decoded text is not searched again', () => {
    const calls: number[] = [];
    const inner = (_t: string, depth: number): ImageryFinding | null => {
      calls.push(depth);
      return found;
    };
    expect(findInSpans([spanOf(TEXT)], 3, inner)).toBeNull();
    expect(findInSpans([spanOf(TEXT)], 2, inner)).toEqual({
      ...found,
      encoding: 'hex',
      index: 1000,
    });
    expect(calls).toEqual([3]);
  });

  it('nine text bytes in ten are text; eight in ten are not (NESTED_MIN_TEXT_RATIO 0.9)', () => {
    const nine = [...pad(9, 0x61), 0x01];
    const eight = [...pad(8, 0x61), 0x01, 0x01];
    expect(isTextLike(Uint8Array.from(nine))).toBe(true);
    expect(isTextLike(Uint8Array.from(eight))).toBe(false);
    const searched: string[] = [];
    const inner = (t: string): ImageryFinding | null => {
      searched.push(t);
      return null;
    };
    findInSpans([spanOf(nine), spanOf(eight)], 0, inner);
    expect(searched).toEqual(['aaaaaaaaa\u0001']);
  });
});

describe('R2 decoded spans: the bytes as text and the byte buffer', () => {
  it('latin1 keeps every byte as one char, past the 8192-byte chunks', () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, k) => (k * 7) & 255);
    const text = latin1(bytes);
    expect(text).toHaveLength(20_000);
    expect(Array.from(text, (c) => c.charCodeAt(0))).toEqual(Array.from(bytes));
    expect(latin1(new Uint8Array(0))).toBe('');
  });

  it('attack: a byte buffer filled past its first size keeps every byte and position', () => {
    const sink = new ByteSink();
    const values = Array.from({ length: 300 }, (_, k) => (k * 13 + 5) & 255);
    values.forEach((v, k) => sink.push(v, 3 * k));
    expect(sink.length).toBe(300);
    const { bytes, pos } = sink.take();
    expect(Array.from(bytes)).toEqual(values);
    expect(Array.from(pos)).toEqual(values.map((_, k) => 3 * k));
    expect(sink.length).toBe(0);
  });

  it("a pushed value is kept as its low byte (Java's -119 is 137)", () => {
    const sink = new ByteSink();
    sink.push(-119, 0);
    sink.push(256 + 80, 1);
    expect(Array.from(sink.take().bytes)).toEqual([137, 80]);
  });

  it('a buffer taken or reset starts again empty', () => {
    const sink = new ByteSink();
    sink.push(1, 0);
    sink.push(2, 1);
    sink.take();
    sink.push(3, 5);
    expect(Array.from(sink.take().bytes)).toEqual([3]);
    sink.push(4, 0);
    sink.reset();
    expect(sink.length).toBe(0);
    sink.push(5, 9);
    const { bytes, pos } = sink.take();
    expect([Array.from(bytes), Array.from(pos)]).toEqual([[5], [9]]);
  });
});
