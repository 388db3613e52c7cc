// Tests of the escape decoders on their own (R2): percent-encoding and backslash escapes decode to the exact bytes at the exact places, and near misses at each edge (a broken escape, too few escapes, words between escapes) are read as the rule says.
import { describe, expect, it } from 'vitest';
import { backslashSpans, percentSpans } from '../../../src/shared/guard/decoders/escapes';
import type { DecodedSpan, SpanDecoder } from '../../../src/shared/guard/decoders/spans';

const PNG = [137, 80, 78, 71, 13, 10, 26, 10];
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

interface Read {
  encoding: string;
  text: string;
  bytes: number[];
  looksEncoded: boolean;
  weight?: number;
  pieces?: number[];
}

/** Each span a decoder finds, as the check and the run rule rely on it. */
const readWith =
  (decode: SpanDecoder) =>
  (text: string): Read[] =>
    decode(text).map((s: DecodedSpan) => ({
      encoding: s.encoding,
      text: text.slice(s.start, s.end),
      bytes: Array.from(s.bytes),
      looksEncoded: s.looksEncoded,
      ...(s.weight === undefined ? {} : { weight: s.weight }),
      ...(s.pieces === undefined ? {} : { pieces: s.pieces }),
    }));
const readPercent = readWith(percentSpans);
const readBackslash = readWith(backslashSpans);

describe('R2 percent escapes: links and %-encoded bytes', () => {
  it.each([
    ['every byte, upper case', '%89%50%4E%47%0D%0A%1A%0A', 8, true],
    ['every byte, lower case', '%89%50%4e%47%0d%0a%1a%0a', 8, true],
    ['as a link leaves it', '%89PNG%0D%0A%1A%0A', 5, true],
  ])('attack: a PNG signature percent-encoded (%s) is decoded to the same bytes', (_n, run) => {
    const text = `see ${run} end`;
    expect(readPercent(text)).toEqual([
      { encoding: 'percent', text: run, bytes: PNG, looksEncoded: true, weight: 8 },
    ]);
    const start = text.indexOf(run);
    const pos = Array.from(percentSpans(text)[0]!.pos);
    // Each byte is found where its escape (or its plain character) starts.
    const expected: number[] = [];
    for (let k = 0; k < run.length; k += run[k] === '%' ? 3 : 1) expected.push(start + k);
    expect(pos).toEqual(expected);
  });

  it('attack: data glued onto a word ("photo%89PNG…") is read from the word, weighed from the first escape', () => {
    expect(readPercent('see photo%89PNG%0D%0A%1A%0A')).toEqual([
      {
        encoding: 'percent',
        text: 'photo%89PNG%0D%0A%1A%0A',
        bytes: [...ascii('photo'), ...PNG],
        looksEncoded: true,
        weight: 8,
      },
    ]);
  });

  it.each([
    ['.'],
    ['_'],
    ['~'],
    ['!'],
    ['*'],
    ["'"],
    ['('],
    [')'],
    ['+'],
    ['-'],
    ['Z'],
    ['a'],
    ['9'],
  ])('a link leaves "%s" as it is: it stays in the run', (c) => {
    expect(readPercent(`/${c}%41${c}%42 `)).toEqual([
      {
        encoding: 'percent',
        text: `${c}%41${c}%42`,
        bytes: [...ascii(c), 65, ...ascii(c), 66],
        looksEncoded: false,
        weight: 3,
      },
    ]);
  });

  it.each([['/'], ['?'], ['&'], ['='], ['#'], [' '], [','], ['"']])(
    '"%s" ends a run: a run on each side of it',
    (c) => {
      expect(readPercent(`%41%42${c}%43%44`)).toEqual([
        { encoding: 'percent', text: '%41%42', bytes: [65, 66], looksEncoded: false, weight: 2 },
        { encoding: 'percent', text: '%43%44', bytes: [67, 68], looksEncoded: false, weight: 2 },
      ]);
    },
  );

  it('three escapes do not look encoded; four do', () => {
    expect(readPercent('%01%02%03')).toEqual([
      { encoding: 'percent', text: '%01%02%03', bytes: [1, 2, 3], looksEncoded: false, weight: 3 },
    ]);
    expect(readPercent('%01%02%03%04')).toEqual([
      {
        encoding: 'percent',
        text: '%01%02%03%04',
        bytes: [1, 2, 3, 4],
        looksEncoded: true,
        weight: 4,
      },
    ]);
  });

  it('the weight runs from the first escape to the last, not over the words around them', () => {
    expect(readPercent('abc%41def%42ghi')).toEqual([
      {
        encoding: 'percent',
        text: 'abc%41def%42ghi',
        bytes: ascii('abcAdefBghi'),
        looksEncoded: false,
        weight: 5,
      },
    ]);
  });

  it.each([
    ['a percentage', '100% sure'],
    ['a percent sign and one digit', 'at 5%4'],
    ['a percent sign and a letter past f', '%G1%G2%G3%G4'],
    ['a second digit past f', '%1G%2G%3G%4G'],
    ['a percent sign at the end', 'up 5%'],
  ])('%s is no escape', (_n, text) => {
    expect(readPercent(text)).toEqual([]);
  });

  it('a broken escape before a good one: the good one is still read', () => {
    expect(readPercent('%G1 %41%42%43%44')).toEqual([
      {
        encoding: 'percent',
        text: '%41%42%43%44',
        bytes: [65, 66, 67, 68],
        looksEncoded: true,
        weight: 4,
      },
    ]);
  });
});

describe('R2 backslash escapes: bytes as Python and C print them', () => {
  it('attack: a PNG signature as \\x escapes is decoded to the same bytes', () => {
    const run = '\\x89\\x50\\x4e\\x47\\x0d\\x0a\\x1a\\x0a';
    expect(readBackslash(`data = "${run}";`)).toEqual([
      { encoding: 'escapes', text: run, bytes: PNG, looksEncoded: true, pieces: [8] },
    ]);
    const start = `data = "`.length;
    expect(Array.from(backslashSpans(`data = "${run}";`)[0]!.pos)).toEqual(
      PNG.map((_, k) => start + 4 * k),
    );
  });

  it('upper-case \\X escapes after a \\x are read too (a run starts only at \\x, which is what tools print)', () => {
    expect(readBackslash('\\x89\\X50\\X4E\\X47')).toEqual([
      {
        encoding: 'escapes',
        text: '\\x89\\X50\\X4E\\X47',
        bytes: [137, 80, 78, 71],
        looksEncoded: true,
        pieces: [4],
      },
    ]);
  });

  it('attack: a PNG signature as Python prints bytes is decoded from the quote to the quote', () => {
    const run = '\\x89PNG\\r\\n\\x1a\\n';
    expect(readBackslash(`b'${run}'`)).toEqual([
      { encoding: 'escapes', text: run, bytes: PNG, looksEncoded: false, pieces: [8] },
    ]);
  });

  it.each([
    ['n', 10],
    ['r', 13],
    ['t', 9],
    ['0', 0],
    ['a', 7],
    ['b', 8],
    ['f', 12],
    ['v', 11],
    ['\\', 92],
    ["'", 39],
    ['"', 34],
  ])('the escape \\%s is the byte %i', (c, v) => {
    expect(readBackslash(`\\x01\\${c}\\x02`)).toEqual([
      {
        encoding: 'escapes',
        text: `\\x01\\${c}\\x02`,
        bytes: [1, v, 2],
        looksEncoded: false,
        pieces: [3],
      },
    ]);
  });

  it('three \\x escapes do not look encoded; four do; other escapes do not count', () => {
    expect(readBackslash('\\x01\\x02\\x03\\n\\r\\t')[0]!.looksEncoded).toBe(false);
    expect(readBackslash('\\x01\\x02\\x03\\x04')[0]!.looksEncoded).toBe(true);
  });

  it.each([
    ['\\q, an unknown escape', '\\x41\\x42\\q', '\\x41\\x42', [65, 66]],
    ['a \\x with one hex digit', '\\x41\\x42\\x4', '\\x41\\x42', [65, 66]],
    ['a \\x with a letter past f', '\\x41\\x42\\xg1', '\\x41\\x42', [65, 66]],
    ['a character outside printable ASCII', '\\x41\\x42é', '\\x41\\x42', [65, 66]],
    ['a line break', '\\x41\\x42\nA', '\\x41\\x42', [65, 66]],
    ['DEL (0x7f), just past printable ASCII', '\\x41\\x42\x7fA', '\\x41\\x42', [65, 66]],
    ['a control character (0x1f), just before a space', '\\x41\\x42\x1fA', '\\x41\\x42', [65, 66]],
  ])('%s ends the run', (_n, text, run, bytes) => {
    expect(readBackslash(text)).toEqual([
      { encoding: 'escapes', text: run, bytes, looksEncoded: false, pieces: [bytes.length] },
    ]);
  });

  it.each([
    ['\\xg1', 'see \\xg1\\xg2'],
    ['\\x4 and a space', 'see \\x4 \\x5'],
    ['\\n without any \\x', 'line one\\nline two\\n'],
  ])('a text with only %s has no run', (_n, text) => {
    expect(readBackslash(text)).toEqual([]);
  });

  it("attack: printable bytes glued in front (b'GIF89a\\x01…) are read from the quote", () => {
    expect(readBackslash("b'GIF89a\\x01\\x00\\x01\\x00'")).toEqual([
      {
        encoding: 'escapes',
        text: 'GIF89a\\x01\\x00\\x01\\x00',
        bytes: [...ascii('GIF89a'), 1, 0, 1, 0],
        looksEncoded: true,
        pieces: [4],
      },
    ]);
  });

  it('with no quote, printable bytes in front are read from the start of the line', () => {
    expect(readBackslash('x\nP6 2\\x01\\x02')).toEqual([
      {
        encoding: 'escapes',
        text: 'P6 2\\x01\\x02',
        bytes: [...ascii('P6 2'), 1, 2],
        looksEncoded: false,
        pieces: [2],
      },
    ]);
    expect(readBackslash('P6\\n2\\x01')).toEqual([
      {
        encoding: 'escapes',
        text: 'P6\\n2\\x01',
        bytes: [...ascii('P6'), 10, ...ascii('2'), 1],
        looksEncoded: false,
        pieces: [3],
      },
    ]);
  });

  it("an escaped quote in front (\\') is part of the run, not where it starts", () => {
    expect(readBackslash("b'it\\'s\\x41'")).toEqual([
      {
        encoding: 'escapes',
        text: "it\\'s\\x41",
        bytes: ascii("it's A").filter((c) => c !== 32),
        looksEncoded: false,
        pieces: [3],
      },
    ]);
    expect(readBackslash('"say \\"hi\\x41"')).toEqual([
      {
        encoding: 'escapes',
        text: 'say \\"hi\\x41',
        bytes: ascii('say "hiA'),
        looksEncoded: false,
        pieces: [4],
      },
    ]);
  });

  it('an escaped quote at the very start of the text is part of the run', () => {
    expect(readBackslash("\\'\\x41")).toEqual([
      { encoding: 'escapes', text: "\\'\\x41", bytes: [39, 65], looksEncoded: false, pieces: [2] },
    ]);
  });

  it('the run ends at its own closing quote; the other kind of quote is inside it', () => {
    expect(readBackslash(`b'\\x41 say "hi"' and more`)).toEqual([
      {
        encoding: 'escapes',
        text: '\\x41 say "hi"',
        bytes: ascii('A say "hi"'),
        looksEncoded: false,
        pieces: [1],
      },
    ]);
    expect(readBackslash(`b"\\x41 it's" and more`)).toEqual([
      {
        encoding: 'escapes',
        text: "\\x41 it's",
        bytes: ascii("A it's"),
        looksEncoded: false,
        pieces: [1],
      },
    ]);
  });

  it('going back from the first \\x, any quote is where the run starts', () => {
    expect(readBackslash(`b'say "hi"\\x41' and more`).map((s) => s.text)).toEqual([
      "\\x41' and more",
    ]);
  });

  it('attack: data in two pieces with words between is weighed as two pieces, decoded whole', () => {
    const text = '\\x89\\x50\\x4e\\x47 and then part two: \\x0d\\x0a\\x1a\\x0a';
    expect(readBackslash(text)).toEqual([
      {
        encoding: 'escapes',
        text,
        bytes: [137, 80, 78, 71, ...ascii(' and then part two: '), 13, 10, 26, 10],
        looksEncoded: true,
        pieces: [4, 4],
      },
    ]);
  });

  it('a space with six printable characters around it splits the pieces; with five it does not', () => {
    // Counted back to the escape's last character and on to the next backslash: "n" + " abcd".
    expect(readBackslash('\\x01\\n abc\\x02')[0]!.pieces).toEqual([7]);
    expect(readBackslash('\\x01\\n abcd\\x02')[0]!.pieces).toEqual([2, 1]);
    // "abc" + " " + "n": the printable characters before the space count too.
    expect(readBackslash('\\x01\\nabc \\x02')[0]!.pieces).toEqual([7]);
    expect(readBackslash('\\x01\\nabcd \\x02')[0]!.pieces).toEqual([2, 1]);
  });

  it('two runs in one text are two spans', () => {
    expect(readBackslash("a = '\\x01\\x02', b = '\\x03\\x04'").map((s) => s.text)).toEqual([
      '\\x01\\x02',
      '\\x03\\x04',
    ]);
  });
});
