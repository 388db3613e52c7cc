// The R2 escape decoders on their own (percent-encoding and backslash escapes): exact spans, bytes,
// char positions and weights at each edge, so a decoder that drops, shifts or miscounts bytes fails.
import { describe, expect, it } from 'vitest';
import { backslashSpans, percentSpans } from '../../../src/shared/guard/decoders/escapes';
import { checkText } from '../../../src/shared/guard/imagery';
import type { DecodedSpan } from '../../../src/shared/guard/decoders/spans';

interface Seen {
  start: number;
  end: number;
  bytes: number[];
  pos: number[];
  looksEncoded: boolean;
  weight?: number;
  pieces?: number[];
}

const plain = (spans: DecodedSpan[], encoding: string): Seen[] =>
  spans.map((s) => {
    expect(s.encoding).toBe(encoding);
    const out: Seen = {
      start: s.start,
      end: s.end,
      bytes: Array.from(s.bytes),
      pos: Array.from(s.pos),
      looksEncoded: s.looksEncoded,
    };
    if (s.weight !== undefined) out.weight = s.weight;
    if (s.pieces !== undefined) out.pieces = s.pieces;
    return out;
  });
const percent = (text: string): Seen[] => plain(percentSpans(text), 'percent');
const backslash = (text: string): Seen[] => plain(backslashSpans(text), 'escapes');

/** A 1×1 PNG's first 33 bytes (signature, IHDR), as Python prints bytes: every byte as \xHH. */
const PNG = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
];
const PNG_ESCAPED = PNG.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');

describe('percent-encoding decoder (R2)', () => {
  it('a PNG percent-encoded after a glued word decodes to the word then the exact bytes, each at its character', () => {
    expect(percent('photo%89PNG%0D%0A%1A%0A')).toEqual([
      {
        start: 0,
        end: 23,
        bytes: [...Buffer.from('photo'), 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        pos: [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 14, 17, 20],
        looksEncoded: true,
        // Only the bytes from the first escape to the last are weighed as data.
        weight: 8,
      },
    ]);
  });

  it.each([
    ['three escapes, as a link with a few accented letters has', '%41%42%43', false, 3],
    ['four escapes, the least that looks encoded', '%41%42%43%44', true, 4],
  ])('%s', (_t, text, encoded, weight) => {
    expect(percent(text)).toEqual([
      expect.objectContaining({ start: 0, end: text.length, looksEncoded: encoded, weight }),
    ]);
  });

  it.each([
    ['a second hex digit that is not hex (%4G)', 'ab%4Gcd%41%42%43%44', '4GcdABCD'],
    ['a first hex digit that is not hex (%G4)', 'ab%G4cd%41%42%43%44', 'G4cdABCD'],
  ])('a broken escape in front, %s, is no byte: the run starts after it', (_t, text, decoded) => {
    expect(percent(text)).toEqual([
      {
        start: 3,
        end: 19,
        bytes: [...Buffer.from(decoded, 'latin1')],
        pos: [3, 4, 5, 6, 7, 10, 13, 16],
        looksEncoded: true,
        weight: 4,
      },
    ]);
  });

  it('a space ends a run and a character a link never leaves plain (?) ends the next; each run is weighed on its own', () => {
    expect(percent('a%zz b%41%42%43%44?x=%41%42%43')).toEqual([
      {
        start: 5,
        end: 18,
        bytes: [0x62, 0x41, 0x42, 0x43, 0x44],
        pos: [5, 6, 9, 12, 15],
        looksEncoded: true,
        weight: 4,
      },
      {
        start: 21,
        end: 30,
        bytes: [0x41, 0x42, 0x43],
        pos: [21, 24, 27],
        looksEncoded: false,
        weight: 3,
      },
    ]);
  });

  it('text without a percent sign, or with only broken escapes, gives no run', () => {
    expect(percent('Meeting at 10 with the DSL')).toEqual([]);
    expect(percent('50% of pupils, 100%!')).toEqual([]);
  });
});

describe('backslash-escape decoder (R2)', () => {
  it("a Python bytes repr b'\\x89PNG\\r\\n\\x1a\\n' decodes to the PNG signature, starting after the quote", () => {
    expect(backslash("b'\\x89PNG\\r\\n\\x1a\\n'")).toEqual([
      {
        start: 2,
        end: 19,
        bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        pos: [2, 6, 7, 8, 9, 11, 13, 17],
        looksEncoded: false,
        pieces: [8],
      },
    ]);
  });

  it('every simple escape decodes to its byte, upper-case hex digits too', () => {
    expect(backslash('\\x00\\x0a\\xff\\xFF\\xaB\\t\\0\\a\\b\\f\\v\\\\\\\'\\"')).toEqual([
      {
        start: 0,
        end: 38,
        bytes: [0, 10, 255, 255, 171, 9, 0, 7, 8, 12, 11, 92, 39, 34],
        pos: [0, 4, 8, 12, 16, 20, 22, 24, 26, 28, 30, 32, 34, 36],
        looksEncoded: true,
        pieces: [14],
      },
    ]);
  });

  it.each([
    ['three \\x escapes and a \\n: only \\x escapes count', '\\x41\\x42\\x43\\n', false],
    ['four \\x escapes, the least that looks encoded', '\\x41\\x42\\x43\\x44', true],
    ['a capital \\X escape counts too', '\\X41\\x42\\x43\\x44', true],
  ])('%s', (_t, text, encoded) => {
    expect(backslash(text)).toEqual([
      expect.objectContaining({ start: 0, end: text.length, looksEncoded: encoded }),
    ]);
  });

  it.each([
    ['\\q', '\\q'],
    ['\\xZZ', '\\xZZ'],
    ['a note then \\q', 'Note: \\q'],
  ])(
    'attack: a PNG as \\x escapes behind a broken escape (%s) is still decoded and refused',
    (_t, prefix) => {
      const text = prefix + PNG_ESCAPED;
      const spans = backslash(text);
      // One run, from the character after the broken escape's backslash, holding every byte.
      expect(spans).toHaveLength(1);
      expect(spans[0]!.start).toBe(prefix.length - prefix.replace(/^.*\\/, '').length);
      expect(spans[0]!.bytes.slice(-PNG.length)).toEqual(PNG);
      expect(checkText(text)).toEqual(
        expect.objectContaining({ kind: 'imagery', format: 'PNG', encoding: 'escapes' }),
      );
    },
  );

  it('attack: 20,000 \\x escapes behind a \\q are one run, not 20,000 runs each read back to the start', () => {
    const spans = backslashSpans('\\q' + '\\x41'.repeat(20_000));
    expect(spans).toHaveLength(1);
    expect(spans[0]!.bytes.length).toBe(20_001);
    expect(spans[0]!.looksEncoded).toBe(true);
  });

  it('a broken escape mid-run ends the run; the escapes after it are a run of their own, read once', () => {
    expect(backslash('\\x89\\x50\\x4e\\q\\x47')).toEqual([
      { start: 0, end: 12, bytes: [137, 80, 78], pos: [0, 4, 8], looksEncoded: false, pieces: [3] },
      { start: 13, end: 18, bytes: [113, 71], pos: [13, 14], looksEncoded: false, pieces: [1] },
    ]);
  });

  it('a \\x with no hex after it opens no run of its own', () => {
    expect(backslash('\\x4G\\x41\\x42')).toEqual([
      {
        start: 1,
        end: 12,
        bytes: [...Buffer.from('x4G'), 0x41, 0x42],
        pos: [1, 2, 3, 4, 8],
        looksEncoded: false,
        pieces: [2],
      },
    ]);
    expect(backslash('\\xG4')).toEqual([]);
  });

  it('an escaped backslash before x is a backslash and the letters x41, not the byte 0x41', () => {
    expect(backslash('\\\\x41\\x42')).toEqual([
      {
        start: 0,
        end: 9,
        bytes: [92, 120, 52, 49, 66],
        pos: [0, 2, 3, 4, 5],
        looksEncoded: false,
        pieces: [5],
      },
    ]);
  });

  it('an escaped double quote inside a double-quoted string is part of the run; the opening quote is not', () => {
    expect(backslash('"ab\\"\\x41\\x42\\x43\\x44"')).toEqual([
      {
        start: 1,
        end: 21,
        bytes: [97, 98, 34, 65, 66, 67, 68],
        pos: [1, 2, 3, 5, 9, 13, 17],
        looksEncoded: true,
        pieces: [5],
      },
    ]);
  });

  it.each([
    ['single', "'\\x41\\x42'\\x43\\x44'"],
    ['double', '"\\x41\\x42"\\x43\\x44"'],
  ])('a run opened by a %s quote ends at the same quote', (_t, text) => {
    expect(backslash(text)).toEqual([
      { start: 1, end: 9, bytes: [65, 66], pos: [1, 5], looksEncoded: false, pieces: [2] },
      { start: 10, end: 18, bytes: [67, 68], pos: [10, 14], looksEncoded: false, pieces: [2] },
    ]);
  });

  it('inside single quotes a double quote is an ordinary character (Python leaves it unescaped)', () => {
    expect(backslash('\'a"b\\x41\\x42\\x43\\x44"c\'')).toEqual([
      {
        start: 3,
        end: 20,
        bytes: [98, 65, 66, 67, 68],
        pos: [3, 4, 8, 12, 16],
        looksEncoded: true,
        pieces: [4],
      },
    ]);
  });

  it.each([
    ['a space (0x20) is printable and stays in the run', '\\x89 \\x50', [[137, 32, 80]]],
    ['a tilde (0x7e) is printable and stays in the run', '\\x89~\\x50', [[137, 126, 80]]],
    ['a unit separator (0x1f) ends the run', '\\x89\u001f\\x50', [[137], [80]]],
    ['a DEL (0x7f) ends the run', '\\x89\u007f\\x50', [[137], [80]]],
  ])('%s', (_t, text, runs) => {
    expect(backslash(text).map((s) => s.bytes)).toEqual(runs);
  });

  it('printable characters glued in front are read back to the line start', () => {
    expect(backslash('ab\\x89\\x50')).toEqual([
      {
        start: 0,
        end: 10,
        bytes: [97, 98, 137, 80],
        pos: [0, 1, 2, 6],
        looksEncoded: false,
        pieces: [2],
      },
    ]);
  });

  it.each([
    // Six plain characters around a space (counted back to the escape and on) split the data.
    [
      'two letters after the space and three before it make six: split',
      '\\x89\\x50 ab\\x4e\\x47',
      [2, 2],
    ],
    [
      'one letter after the space makes five: one piece, the space and letter weighed with the data',
      '\\x89\\x50 a\\x4e\\x47',
      [6],
    ],
    ['a word of five between spaces: split', '\\x89\\x50 abcde \\x4e\\x47', [2, 2]],
    ['a short word between single escapes: split', '\\x89 bc \\x50', [1, 1]],
    ['a space with one letter after the last escape: no second piece', '\\x89\\x50 a', [2]],
    [
      'a space before any escape of the run does not split',
      'a\\x41 \\x42 \\x43 \\x44 \\x45 zz',
      [9],
    ],
  ])('pieces weighed apart by the run rule: %s', (_t, text, pieces) => {
    expect(backslash(text).map((s) => s.pieces)).toEqual([pieces]);
  });

  it('text without \\x, or with only other escapes, gives no run', () => {
    expect(backslash('Line one\\nLine two\\t(tab)')).toEqual([]);
    expect(backslash('C:\\Users\\dsl\\notes.txt')).toEqual([]);
  });
});
