// Tests of how the R2 run rule tells data from words at its edges: text carried in an encoding opened at exactly the text ratio and nesting depth, and when a base64 segment counts (length, hex or base32 look-alikes, how often letters and digits change class).
import { describe, expect, it } from 'vitest';
import { measureEncoded } from '../../../src/shared/guard/runRule';
import { MAX_NESTING } from '../../../src/shared/guard/types';
import { noise } from '../../helpers/imageryCorpus';

const data = (n: number, seed = 7): Buffer => Buffer.from(noise(n, seed));
const hex = (b: Buffer): string => b.toString('hex');
const b64 = (b: Buffer): string => b.toString('base64');
const percent = (b: Buffer): string =>
  Array.from(b, (x) => `%${x.toString(16).padStart(2, '0')}`).join('');
/** `encode` applied `times` times, each layer read as latin1 text by the next. */
const wrap = (b: Buffer, encode: (b: Buffer) => string, times: number): string => {
  let out = b;
  for (let i = 0; i < times; i++) out = Buffer.from(encode(out), 'latin1');
  return out.toString('latin1');
};
const runs = (text: string) => measureEncoded(text).runs;
const base64Runs = (text: string) => runs(text).filter((r) => r.encoding === 'base64');
/** A sentence with `stray` non-text bytes at its end: 20 bytes in all. */
const sentence = (stray: number): Buffer =>
  Buffer.concat([Buffer.from('The parent said ok!!'.slice(0, 20 - stray)), Buffer.alloc(stray)]);

describe('R2 run rule: text carried in an encoding is opened, up to the limits', () => {
  it('hex of a sentence with 2 stray bytes in 20 (90 % text) is opened as text; with 3 it is data', () => {
    expect(runs(`see ${hex(sentence(2))} end`)).toEqual([]);
    expect(runs(`see ${hex(sentence(3))} end`)).toEqual([{ encoding: 'hex', index: 4, bytes: 20 }]);
  });

  it('base64 of a sentence with 2 stray bytes in 20 (90 % text) is opened as text; with 3 it is data', () => {
    expect(runs(`see ${b64(sentence(2))} end`)).toEqual([]);
    expect(runs(`see ${b64(sentence(3))} end`)).toEqual([
      { encoding: 'base64', index: 4, bytes: 20 },
    ]);
  });

  it(`attack: data percent-encoded ${MAX_NESTING + 1} times is measured at its own bytes; once more, the innermost wrapping is counted`, () => {
    expect(runs(`see ${wrap(data(30), percent, MAX_NESTING + 1)} end`)).toEqual([
      { encoding: 'percent', index: 4, bytes: 30 },
    ]);
    expect(runs(`see ${wrap(data(30), percent, MAX_NESTING + 2)} end`)).toEqual([
      { encoding: 'percent', index: 4, bytes: 90 },
    ]);
  });

  it(`attack: data in base64 ${MAX_NESTING + 1} times is measured at its own bytes; once more, the innermost wrapping is counted`, () => {
    expect(runs(`see ${wrap(data(30), b64, MAX_NESTING + 1)} end`)).toEqual([
      { encoding: 'base64', index: 4, bytes: 30 },
    ]);
    expect(runs(`see ${wrap(data(30), b64, MAX_NESTING + 2)} end`)).toEqual([
      { encoding: 'base64', index: 4, bytes: 40 },
    ]);
  });

  it.each([
    ['one letter', 'x'],
    ['two letters', 'xy'],
    ['three letters', 'xyz'],
  ])('a short sentence in base64 with %s typed against it is still read as text', (_n, typed) => {
    expect(runs(`${typed}${b64(Buffer.from('The parent'))} end`)).toEqual([]);
  });
});

describe('R2 run rule: when a base64 run counts', () => {
  it('a base64 run of 12 characters is counted (9 bytes); 11 are too short', () => {
    expect(base64Runs('see (aB3dE5fG7hJk).')).toEqual([{ encoding: 'base64', index: 5, bytes: 9 }]);
    expect(base64Runs('see (aB3dE5fG7hJ).')).toEqual([]);
  });

  it('11 base64-looking characters after a line of hex are not enough to count', () => {
    expect(base64Runs('see 0123456789abcdef aB3dE5fG7hJ end')).toEqual([]);
  });

  it.each([
    ['3 characters', 'xY7', 12],
    ['4 characters', 'xY7q', 15],
  ])(
    'attack: a wrapped run whose last line has %s counts that line only from 4',
    (_n, last, bytes) => {
      expect(base64Runs(`see aB3dE5fG7hJkL9mN\n${last} end`)).toEqual([
        { encoding: 'base64', index: 4, bytes },
      ]);
    },
  );

  it('letters and digits changing class 9 times in 20 steps (0.45) look like base64; 8 times do not', () => {
    expect(base64Runs('see GHKmnpQRstVWxyGHjkMNp end')).toEqual([
      { encoding: 'base64', index: 4, bytes: 15 },
    ]);
    expect(base64Runs('see GHKmnpQRstVWxyGHjkMNN end')).toEqual([]);
  });

  it.each([
    ['a long camelCase name', 'see someVeryLongCamelCaseIdentifierName end'],
    [
      'a search link with words joined by +',
      'https://www.google.com/search?q=can+a+dsl+see+an+app+on+a+pupil+phone',
    ],
  ])('%s is words, not base64', (_n, text) => {
    expect(base64Runs(text)).toEqual([]);
  });

  it.each([
    ['capitals past F with the digits 0, 1, 8 and 9', 'A0G1K8Z9A0G1K8Z9'],
    ['small letters past f with the digits 2–7', 'g2h3k4m5n6p7q2r3'],
    ['capitals past F with the digits 8, 9 and 2–3', 'G8H9K2M3N8P9Q2R3'],
    ['Z between small letters', 'ZaZbZcZdZeZfZgZh'],
    ['z between digits', 'z0z1z2z3z4z5z6z7'],
  ])('attack: base64 of %s is neither hex nor base32, and is counted', (_n, run) => {
    expect(base64Runs(`see ${run} end`)).toEqual([{ encoding: 'base64', index: 4, bytes: 12 }]);
  });

  it('attack: hex digits with "/" between them are base64, not hex', () => {
    expect(base64Runs('see a1b2/c3d4/e5f6/a7b8 end')).toEqual([
      { encoding: 'base64', index: 4, bytes: 14 },
    ]);
  });
});
