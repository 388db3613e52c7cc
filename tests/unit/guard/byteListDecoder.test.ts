// Tests of the byte-list decoder on its own (R2): bytes written as lists of numbers decode to the exact bytes at the exact places, and near misses at each edge (value, count, separator, a glued word) are not read as bytes.
import { describe, expect, it } from 'vitest';
import { byteListSpans } from '../../../src/shared/guard/decoders/byteList';

const PNG = [137, 80, 78, 71, 13, 10, 26, 10];

interface Read {
  encoding: string;
  text: string;
  bytes: number[];
  looksEncoded: boolean;
}

/** Each span the decoder finds, as the check relies on it: the text it covers, its bytes. */
const read = (text: string): Read[] =>
  byteListSpans(text).map((s) => ({
    encoding: s.encoding,
    text: text.slice(s.start, s.end),
    bytes: Array.from(s.bytes),
    looksEncoded: s.looksEncoded,
  }));

/** One span covering `list` inside `text`, with these bytes. */
const oneSpan = (list: string, bytes: number[], looksEncoded = bytes.length >= 8): Read[] => [
  { encoding: 'byte-list', text: list, bytes, looksEncoded },
];

/** Where each number (with its sign) starts in the text. */
const numberStarts = (text: string, from = 0): number[] =>
  Array.from(text.slice(from).matchAll(/-?\d+/g), (m) => from + (m.index ?? 0));

describe('R2 byte lists: the shapes tools print decode to the exact bytes', () => {
  it.each([
    ['with commas', '137, 80, 78, 71, 13, 10, 26, 10'],
    ['with commas and no spaces', '137,80,78,71,13,10,26,10'],
    ['as 8 Java signed bytes', '-119, 80, 78, 71, 13, 10, 26, 10'],
    ['as a JSON array', '[137,80,78,71,13,10,26,10]'],
    ['with semicolons', '137; 80; 78; 71; 13; 10; 26; 10'],
    ['with spaces only', '137 80 78 71 13 10 26 10'],
    ['with tabs', '137\t80\t78\t71\t13\t10\t26\t10'],
    ['one number per line', '137\n80\n78\n71\n13\n10\n26\n10'],
    ['one number per Windows line (CRLF)', '137\r\n80\r\n78\r\n71\r\n13\r\n10\r\n26\r\n10'],
    ['wrapped after a comma', '137, 80, 78, 71,\n  13, 10, 26, 10'],
    ['with commas, semicolons and spaces mixed', '137, 80; 78 71 ,13;10\t26 , 10'],
    ['padded to three digits', '137 080 078 071 013 010 026 010'],
  ])('attack: a PNG signature written %s is decoded to the same bytes', (_n, list) => {
    const text = `Notes: ${list} end`;
    const list0 = list.replace(/^\[|\]$/g, '');
    expect(read(text)).toEqual(oneSpan(list0, PNG));
    const start = text.indexOf(list0);
    expect(Array.from(byteListSpans(text)[0]!.pos)).toEqual(
      numberStarts(list0, 0).map((p) => p + start),
    );
  });

  it('attack: a whole PNG signature in Java signed bytes at the start of the text', () => {
    const text = '-119, 80, 78, 71, 13, 10, 26, 10';
    expect(read(text)).toEqual(oneSpan(text, PNG));
    expect(Array.from(byteListSpans(text)[0]!.pos)).toEqual(numberStarts(text));
  });

  it('each list in a text is its own span', () => {
    const text = '137, 80, 78, 71 then 255, 216, 255, 224';
    expect(read(text)).toEqual([
      ...oneSpan('137, 80, 78, 71', [137, 80, 78, 71]),
      ...oneSpan('255, 216, 255, 224', [255, 216, 255, 224]),
    ]);
  });
});

describe('R2 byte lists: the edges of a byte', () => {
  it('attack: the largest byte (255), zero, and the Java bytes -128 and -1 are read', () => {
    expect(read('x 255, 0, -128, -1 y')).toEqual(oneSpan('255, 0, -128, -1', [255, 0, 128, 255]));
  });

  it.each([
    ['one number of 256', '256, 0, 1, 2'],
    ['one number of 1000', '1000, 0, 1, 2'],
    ['a Java number of -999', '-999, 0, 1, 2'],
    ['a four-digit number with a leading zero (0137)', '0137, 0, 1, 2'],
    ['a decimal (.5)', '.5, 0, 1, 2'],
  ])('a list with %s is not four bytes', (_n, text) => {
    expect(read(text)).toEqual([]);
  });

  it('-129 is not a Java byte: only the 129 after its sign is read', () => {
    expect(read('-129, 0, 1, 2')).toEqual(oneSpan('129, 0, 1, 2', [129, 0, 1, 2]));
  });

  it('-0 is not a Java byte: only the 0 after its sign is read', () => {
    expect(read('-0, 1, 2, 3')).toEqual(oneSpan('0, 1, 2, 3', [0, 1, 2, 3]));
  });
});

describe('R2 byte lists: how many numbers make a list', () => {
  it('three numbers are prose ("Years 7, 8, 9 and 10"), not a list', () => {
    expect(read('Years 7, 8, 9 and 10')).toEqual([]);
    expect(read('Years 7, 8, 9')).toEqual([]);
  });

  it('four numbers are a list, sniffed for a signature but not counted as data', () => {
    expect(read('Years 7, 8, 9, 10 and 11')).toEqual(oneSpan('7, 8, 9, 10', [7, 8, 9, 10], false));
  });

  it('seven numbers do not look encoded; eight do', () => {
    expect(read('1, 2, 3, 4, 5, 6, 7')).toEqual(
      oneSpan('1, 2, 3, 4, 5, 6, 7', [1, 2, 3, 4, 5, 6, 7], false),
    );
    expect(read('1, 2, 3, 4, 5, 6, 7, 8')).toEqual(
      oneSpan('1, 2, 3, 4, 5, 6, 7, 8', [1, 2, 3, 4, 5, 6, 7, 8], true),
    );
  });

  it.each([
    ['a comma', '7, 8, 9, '],
    ['a comma and a bracket', '7, 8, 9, ('],
    ['a semicolon and a word', '7; 8; 9; and'],
  ])('three numbers and a trailing separator (%s) are not four', (_n, text) => {
    expect(read(text)).toEqual([]);
  });
});

describe('R2 byte lists: separators', () => {
  it.each([
    ['two commas', '7, 8,, 9, 10'],
    ['a comma and a semicolon', '7, 8,; 9, 10'],
    ['two line breaks (a new paragraph)', '7 8\n\n9 10'],
    ['two Windows line breaks', '7 8\r\n\r\n9 10'],
    ['a hyphen', '7, 8 - 9, 10'],
  ])('%s between two numbers end the list there', (_n, text) => {
    expect(read(text)).toEqual([]);
  });

  it('one line break between numbers keeps the list whole', () => {
    expect(read('7 8\n9 10')).toEqual(oneSpan('7 8\n9 10', [7, 8, 9, 10]));
    expect(read('7,\r\n8,\r\n9,\r\n10')).toEqual(oneSpan('7,\r\n8,\r\n9,\r\n10', [7, 8, 9, 10]));
  });
});

describe('R2 byte lists: the rows of a nested list are one list', () => {
  it.each([
    ['a JSON array of rows of three', '[[137,80,78],[71,13,10],[26,10,0]]'],
    [
      'a numpy array as it prints',
      'array([[137,  80,  78],\n       [ 71,  13,  10],\n       [ 26,  10,   0]], dtype=uint8)',
    ],
    ['a list of pixel tuples', '[(137, 80, 78), (71, 13, 10), (26, 10, 0)]'],
    ['three levels deep', '[[[137, 80], [78, 71]], [[13, 10], [26, 10]], [[0]]]'],
  ])('attack: a PNG signature written as %s is one list with the same bytes', (_n, text) => {
    const spans = read(text);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.bytes).toEqual([...PNG, 0]);
    expect(spans[0]!.text.startsWith('137')).toBe(true);
    expect(spans[0]!.text.endsWith('0')).toBe(true);
  });

  it('six brackets between two numbers keep the list whole; seven end it', () => {
    expect(read('1, 2]]] [[[3, 4')).toEqual(oneSpan('1, 2]]] [[[3, 4', [1, 2, 3, 4]));
    expect(read('1, 2]]]] [[[3, 4')).toEqual([]);
  });

  it('a blank line between rows still ends the list', () => {
    expect(read('[1, 2],\n\n[3, 4]')).toEqual([]);
  });
});

describe('R2 byte lists: a number glued to a word is not a byte', () => {
  // Word characters: digits, letters at both ends of each case, '.' and '_'. The characters just
  // outside those ranges ('@' before 'A', '[' after 'Z', '`' before 'a', '{' after 'z') are not.
  it.each([['A'], ['Z'], ['a'], ['z'], ['.'], ['_']])(
    'a list whose first number follows "%s" is one number short',
    (c) => {
      expect(read(`${c}7, 8, 9, 10`)).toEqual([]);
    },
  );

  it.each([['A'], ['Z'], ['a'], ['z'], ['.'], ['_']])(
    'a list whose last number runs into "%s" is one number short',
    (c) => {
      expect(read(`7, 8, 9, 10${c}`)).toEqual([]);
    },
  );

  it.each([['@'], ['['], ['`'], ['{'], ['('], [' ']])(
    'attack: a list next to "%s" (not a word character) is read whole',
    (c) => {
      expect(read(`${c}7, 8, 9, 10${c}`)).toEqual(oneSpan('7, 8, 9, 10', [7, 8, 9, 10]));
    },
  );

  it('a number inside a longer number is not read (1234 is not 234)', () => {
    expect(read('1234, 5, 6, 7')).toEqual([]);
  });
});
