// Tests of where an R2 base32 run starts, joins and ends, and when it looks encoded: each length, case and spacing rule at its edge, the data still caught beside the near miss that is words.
import { describe, expect, it } from 'vitest';
import { base32Spans } from '../../../src/shared/guard/decoders/base32';
import { checkText } from '../../../src/shared/guard/imagery';
import { noise, SAMPLES } from '../../helpers/imageryCorpus';
import { base32 } from '../../helpers/r2Encodings';

/** Each span as the char range it covers and whether it looks encoded. */
const spans = (text: string): Array<{ start: number; end: number; encoded: boolean }> =>
  base32Spans(text).map((s) => ({ start: s.start, end: s.end, encoded: s.looksEncoded }));
/** The bytes of the one span found (fails when there is not exactly one). */
const onlyBytes = (text: string): number[] => {
  const found = base32Spans(text);
  expect(found).toHaveLength(1);
  return Array.from(found[0]?.bytes ?? []);
};
const data = (first: number[], n: number, seed: number): Uint8Array =>
  Uint8Array.from([...first, ...noise(n, seed)]);
const png = (): Uint8Array => {
  const s = SAMPLES.find((x) => x.name === 'PNG');
  if (!s?.bytes) throw new Error('no PNG sample');
  return s.bytes;
};

/** 16 base32 characters with four digits: the shortest run that looks encoded. */
const RUN = 'K5XW2ZLTEB3GK4TZ';
const run = RUN.toLowerCase();

describe('R2 base32: the data is still caught, however it is laid out', () => {
  const b32 = base32(png());
  it.each([
    ['padded, as tools write it', b32],
    ['with the padding stripped', b32.replace(/=+$/, '')],
    ['in lower case', b32.toLowerCase()],
    ['wrapped at 64 with Windows line ends', (b32.match(/.{1,64}/g) ?? []).join('\r\n')],
    [
      'wrapped at 76, a line length that is not a multiple of 8',
      (b32.match(/.{1,76}/g) ?? []).join('\n'),
    ],
    ['in groups of 8 split by spaces', (b32.match(/.{1,8}/g) ?? []).join(' ')],
    ['in groups of 8 split by tabs', (b32.match(/.{1,8}/g) ?? []).join('\t')],
    ['after a few words', `the file, as base32: ${b32.toLowerCase()}`],
  ])('attack: base32 of a PNG %s is still caught as a PNG', (_how, text) => {
    expect(checkText(text)).toMatchObject({ kind: 'imagery', format: 'PNG', encoding: 'base32' });
  });

  it.each([
    ['wrapped at 64 with Windows line ends', '\r\n', 64],
    ['wrapped at 76', '\n', 76],
    ['in groups of 8 split by spaces', ' ', 8],
    ['in groups of 8 split by tabs', '\t', 8],
  ])('base32 %s is one run, decoded whole', (_how, sep, width) => {
    const bytes = data([], 100, 21);
    const text = (base32(bytes).match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(sep);
    expect(onlyBytes(text)).toEqual(Array.from(bytes));
  });

  it.each([
    ['a JPEG (it starts with the digits 77)', data([0xff, 0xd8, 0xff, 0xe0], 30, 22), '7'],
    ['bytes whose base32 starts with the digit 2', data([0xd0], 33, 23), '2'],
    ['bytes whose base32 starts with z', data([0xc8], 33, 24), 'z'],
  ])(
    'attack: lower-case base32 of %s is read in lower case and decoded whole',
    (_n, bytes, first) => {
      const text = base32(bytes).toLowerCase();
      expect(text.charAt(0)).toBe(first);
      expect(onlyBytes(`see also: ${text}`)).toEqual(Array.from(bytes));
    },
  );
});

describe('R2 base32: where a run starts and ends', () => {
  it('a run of 7 characters is not decoded; 8 are', () => {
    expect(spans('see ABCDEFG end')).toEqual([]);
    expect(spans('see ABCDEFGH end')).toEqual([{ start: 4, end: 12, encoded: false }]);
  });

  it('a padded run ends after its padding', () => {
    const text = base32(data([], 11, 25)); // 18 characters and 6 '='
    expect(text.endsWith('======')).toBe(true);
    expect(spans(`see ${text} end`)).toEqual([{ start: 4, end: 28, encoded: true }]);
  });

  it('a lower-case run ends at a brace or a bar, which are not base32', () => {
    expect(spans(`see ${run}{x} end`)).toEqual([{ start: 4, end: 20, encoded: true }]);
    expect(spans(`see ${run}|x end`)).toEqual([{ start: 4, end: 20, encoded: true }]);
  });

  it('two runs split by a blank line are two runs', () => {
    expect(spans(`${RUN}\n\n${RUN}`)).toEqual([
      { start: 0, end: 16, encoded: true },
      { start: 18, end: 34, encoded: true },
    ]);
  });

  it('a wrapped run ends after a short last line: the next line is not joined to it', () => {
    // 16, then 5 (a last line: under 16 and not a multiple of 8), then a word.
    expect(spans(`${RUN}\nABCDE\nFGHIJKLM`)).toEqual([
      { start: 0, end: 22, encoded: true },
      { start: 23, end: 31, encoded: false },
    ]);
  });

  it('groups of 8 join even when the next starts with A (the value 0)', () => {
    expect(spans('ABCD2345 ABCDEFGH')).toEqual([{ start: 0, end: 17, encoded: true }]);
  });

  it('digits are read in the case of the letters that follow them, not of the next word', () => {
    expect(spans('22222222 abcdefgh')).toEqual([
      { start: 0, end: 8, encoded: false },
      { start: 9, end: 17, encoded: false },
    ]);
  });

  it('the case is looked for 16 characters ahead: 16 digits then capitals are one run', () => {
    expect(spans('2222222222222222ABCDEFGH')).toEqual([{ start: 0, end: 24, encoded: true }]);
  });

  it('16 digits then small letters: the small letters are past the look-ahead and not joined', () => {
    expect(spans('2222222222222222abcdefgh')).toEqual([{ start: 0, end: 16, encoded: false }]);
    // 15 digits: the small letters are within the look-ahead, so the run is in lower case.
    expect(spans('222222222222222abcdefgh')).toEqual([{ start: 0, end: 23, encoded: true }]);
  });

  it('a lower-case word run on after an upper-case run that ends in a digit is not a second run', () => {
    expect(spans(`${RUN.slice(0, 15)}5abcdefghij`)).toEqual([
      { start: 0, end: 16, encoded: false },
    ]);
  });
});

describe('R2 base32: when a run looks encoded', () => {
  it('16 characters with two digits look encoded; 15 do not', () => {
    expect(spans(`see ${RUN} end`)).toEqual([{ start: 4, end: 20, encoded: true }]);
    expect(spans(`see ${RUN.slice(0, 15)} end`)).toEqual([{ start: 4, end: 19, encoded: false }]);
  });

  it('two digits (both 2, the smallest) are enough; one is a word in capitals', () => {
    expect(spans('see ABCDEFGHIJKLMN22 end')[0]?.encoded).toBe(true);
    expect(spans('see ABCDEFGHIJKLMNO2 end')[0]?.encoded).toBe(false);
  });

  it('a run at the very start of the text, or after a space, stands apart', () => {
    expect(spans(RUN)).toEqual([{ start: 0, end: 16, encoded: true }]);
    expect(spans(`x ${run}`)).toEqual([{ start: 2, end: 18, encoded: true }]);
  });

  it.each([
    ['a small letter before it', `x${RUN}`],
    ['a digit 9 before it', `9${RUN}`],
    ['a capital before it', `X${run}`],
  ])('a run glued to %s is part of a word', (_n, text) => {
    expect(spans(text).find((s) => s.end === text.length)?.encoded).toBe(false);
  });

  it.each([
    ['a', RUN],
    ['q', RUN],
    ['z', RUN],
    ['A', run],
    ['Q', run],
    ['Z', run],
  ])('a run glued to the letter %s after it is part of a word', (letter, body) => {
    expect(spans(`see ${body}${letter} end`)).toEqual([{ start: 4, end: 20, encoded: false }]);
  });

  it.each([
    ['@', RUN],
    ['[', RUN],
    ['_', RUN],
    ['`', RUN],
    ['{', RUN],
    ['|', RUN],
    ['@', run],
    ['[', run],
    ['_', run],
    ['`', run],
  ])('a run followed by %s (not a letter) stands apart', (sign, body) => {
    expect(spans(`see ${body}${sign} end`)).toEqual([{ start: 4, end: 20, encoded: true }]);
  });
});
