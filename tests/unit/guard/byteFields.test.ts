// Tests of the R2 guard's byte reading: header fields cut off by the end of a paste read as absent, values exact at every byte, text views and their text-likeness.
import { describe, expect, it } from 'vitest';
import { eqAt, fourcc, u16be, u16le, u32be, u32le } from '../../../src/shared/guard/byteFields';
import {
  base64View,
  bytesView,
  charView,
  textRatio,
  viewToString,
} from '../../../src/shared/guard/bytes';

const view = (...b: number[]) => bytesView(b);

describe('R2 header fields: a field cut off by the end of the pasted data is absent (-1)', () => {
  // A format sniffer that read a cut-off length as a small number would accept a box or chunk
  // that is not there (or step back over the data): every reader answers -1 instead.
  it.each([
    ['u16le, second byte missing', () => u16le(view(0x34), 0)],
    ['u16le, first byte missing', () => u16le(view(0x34), -1)],
    ['u16be, second byte missing', () => u16be(view(0x34), 0)],
    ['u16be, first byte missing', () => u16be(view(0x34), -1)],
    ['u32le, high half missing', () => u32le(view(1, 2, 3), 0)],
    ['u32le, low half missing', () => u32le(view(1, 2, 3, 4), -2)],
    ['u32be, low half missing', () => u32be(view(1, 2, 3), 0)],
    ['u32be, high half missing', () => u32be(view(1, 2, 3, 4), -2)],
  ])('attack: a header cut off mid-field (%s) reads as absent, never as a size', (_n, read) => {
    expect(read()).toBe(-1);
  });

  it('reads each byte order exactly, to the top bit (no negative sizes)', () => {
    const b = view(0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xff);
    expect(u16le(b, 0)).toBe(0x0201);
    expect(u16be(b, 0)).toBe(0x0102);
    expect(u32le(b, 0)).toBe(0x04030201);
    expect(u32be(b, 0)).toBe(0x01020304);
    expect(u32le(b, 4)).toBe(0xffffffff);
    expect(u32be(b, 4)).toBe(0xffffffff);
    expect(u16be(b, 3)).toBe(0x04ff);
    expect(u32be(view(0, 1, 0, 0), 0)).toBe(0x10000); // a low half of zero is a value, not absent
    expect(u16le(view(0, 0), 0)).toBe(0); // zero bytes are a value, not absent
    expect(u16be(view(0, 0), 0)).toBe(0);
  });

  it('matches a signature only when every byte is there and equal', () => {
    const b = view(0x89, 0x50, 0x4e, 0x47);
    expect(eqAt(b, 0, [0x89, 0x50, 0x4e, 0x47])).toBe(true);
    expect(eqAt(b, 0, [0x89, 0x50, 0x4e, 0x46])).toBe(false);
    expect(eqAt(b, 1, [0x50, 0x4e, 0x47, 0x0d])).toBe(false); // runs past the end
    expect(eqAt(b, 0, [])).toBe(true);
  });

  it('reads a four-character code of printable ASCII only, space and tilde included', () => {
    expect(fourcc(view(0x66, 0x74, 0x79, 0x70), 0)).toBe('ftyp');
    expect(fourcc(view(0x20, 0x7e, 0x41, 0x42), 0)).toBe(' ~AB');
    expect(fourcc(view(0x1f, 0x41, 0x42, 0x43), 0)).toBeNull();
    expect(fourcc(view(0x41, 0x42, 0x43, 0x7f), 0)).toBeNull();
    expect(fourcc(view(0x41, 0x42, 0x43), 0)).toBeNull(); // cut off
  });
});

describe('R2 byte views', () => {
  it('a character view answers each char code, 256 above U+00FF, -1 outside the text', () => {
    const at = charView('xA\u00ff\u4e00', 1);
    expect([at(-1), at(0), at(1), at(2), at(3)]).toEqual([-1, 0x41, 0xff, 256, -1]);
  });

  it('a base64 view decodes each byte of each group, and -1 before the start or past the end', () => {
    const text = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]).toString('base64'); // iVBORw0=
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sext = Uint8Array.from(text.replace(/=+$/, ''), (c) => alphabet.indexOf(c));
    const at = base64View(sext, 0, sext.length);
    expect([0, 1, 2, 3, 4].map(at)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d]);
    expect(at(-1)).toBe(-1);
    expect(at(5)).toBe(-1);
    const shifted = base64View(Uint8Array.from([0, ...sext]), 1, sext.length + 1);
    expect(shifted(0)).toBe(0x89);
  });

  it('a byte view starts where it is told and ends with the bytes', () => {
    const at = bytesView([1, 2, 3], 1);
    expect([at(-1), at(0), at(1), at(2)]).toEqual([-1, 2, 3, -1]);
  });

  it('a view longer than one 8,192-byte chunk comes back as text whole and in order', () => {
    const bytes = Array.from({ length: 20_000 }, (_, i) => (i * 7) & 255);
    const s = viewToString(bytesView(bytes), 25_000);
    expect(s.length).toBe(20_000);
    expect(s.charCodeAt(8191)).toBe((8191 * 7) & 255);
    expect(s.charCodeAt(8192)).toBe((8192 * 7) & 255);
    expect(s.charCodeAt(19_999)).toBe((19_999 * 7) & 255);
    expect(viewToString(charView('a\u0100b', 0), 3)).toBe('a\ufffdb');
    expect(viewToString(bytesView([0xff, 0x41]), 2)).toBe('\u00ffA');
    expect(viewToString(bytesView([0x41, 0x42, 0x43]), 2)).toBe('AB');
  });

  it('attack: a decoded block of 2 MB comes back as text, not as a crash that lets it through', () => {
    const big = new Uint8Array(2_000_000).fill(0x41);
    expect(viewToString(bytesView(big), big.length).length).toBe(2_000_000);
  });

  it('text-likeness: prose and UTF-8 score 1, control bytes 0, nothing to sample counts as text', () => {
    expect(textRatio(bytesView(Buffer.from('Plain words\tand\r\n', 'latin1')), 17)).toBe(1);
    expect(textRatio(bytesView(Buffer.from('élève — 日本 😀', 'utf8')), 22)).toBe(1);
    expect(textRatio(bytesView([0, 1, 2, 0x7f, 0x80, 0xc0]), 6)).toBe(0);
    expect(textRatio(bytesView([0xc3]), 1)).toBe(0); // a lead byte with nothing after it
    expect(textRatio(bytesView([0xe2, 0x80, 0x41]), 3)).toBeCloseTo(1 / 3);
    expect(textRatio(bytesView([]), 0)).toBe(1);
    expect(textRatio(charView('日本語のテキスト', 0), 8)).toBe(1); // characters above U+00FF are text
    expect(textRatio(bytesView([0, 0x41]), 1)).toBe(0); // only the first len bytes are read
  });

  it.each([
    ['2-byte sequences at both ends of their lead range', [0xc2, 0x80, 0xdf, 0xbf], 1],
    ['3-byte sequences at both ends', [0xe0, 0x80, 0x80, 0xef, 0xbf, 0xbf], 1],
    ['4-byte sequences at both ends', [0xf0, 0x80, 0x80, 0x80, 0xf4, 0xbf, 0xbf, 0xbf], 1],
    ['an overlong lead (0xC1)', [0xc1, 0x80], 0],
    ['a lead past U+10FFFF (0xF5)', [0xf5, 0x80, 0x80, 0x80], 0],
    ['bare continuation bytes', [0x80, 0x80, 0x80], 0],
    ['a lead followed by a byte above the continuation range', [0xc2, 0xc0], 0],
    ['a lead followed by ASCII', [0xc2, 0x41], 0.5],
    ['a 3-byte lead cut short by ASCII', [0xe1, 0x80, 0x41], 1 / 3],
    ['a 4-byte lead cut short by ASCII', [0xf1, 0x80, 0x80, 0x41], 1 / 4],
  ])('text-likeness of UTF-8: %s', (_n, bytes, ratio) => {
    expect(textRatio(bytesView(bytes), bytes.length)).toBeCloseTo(ratio);
  });
});
