// Tests of the R2 top-level text check at its edges: tabs and line ends are text, controls and half characters anywhere are named, the passphrase exemption, and what every text weighs in its record.
import { describe, expect, it } from 'vitest';
import {
  checkText,
  detectImagery,
  firstControlCharacter,
  firstLoneSurrogate,
  inspectText,
} from '../../../src/shared/guard/imagery';

const RANDOM_HEX = Buffer.from(
  Array.from({ length: 120 }, (_, i) => (i * 151 + 17) & 255),
).toString('hex');

describe('R2 text check: what counts as a control character', () => {
  it('tabs, line feeds and carriage returns are ordinary text (a note pasted from Word or Outlook)', () => {
    const note = 'Spoke to parent.\r\n\tPupil was upset.\r\nNo image was viewed.';
    expect(firstControlCharacter(note)).toBe(-1);
    expect(checkText(note)).toBeNull();
  });

  it('a control character at the very start is named there', () => {
    expect(checkText('\u0007Please ring the office')).toEqual({
      kind: 'control-character',
      index: 0,
      codePoint: 7,
    });
  });

  it('the unit separator (U+001F) is a control character; a space is not', () => {
    expect(firstControlCharacter('ab\u001fcd')).toBe(2);
    expect(firstControlCharacter('a b')).toBe(-1);
  });
});

describe('R2 text check: half characters (lone surrogates)', () => {
  it.each([
    ['the lowest pair', '\ud800\udc00 ok'],
    ['the highest pair', 'ok \udbff\udfff'],
  ])('%s is a whole character', (_n, text) => {
    expect(firstLoneSurrogate(text)).toBe(-1);
    expect(checkText(`${text} and words`)).toBeNull();
  });

  it.each([
    ['a first half at the start of its range, alone', 'ab\ud800cd', 2],
    ['a first half at the end of its range, alone', 'ab\udbffcd', 2],
    ['a second half at the start of its range, alone', 'ab\udc00cd', 2],
    ['a second half at the end of its range, alone', 'ab\udfffcd', 2],
    ['a first half followed by a character just past the second halves', 'ab\ud800\ue000', 2],
    ['a first half followed by another first half', 'ab\ud800\udbff\udc00', 2],
    ['a first half at the very end', 'abcdef\ud83d', 6],
  ])('%s is broken text, found where it is', (_n, text, index) => {
    expect(firstLoneSurrogate(text)).toBe(index);
    expect(checkText(text)).toEqual({ kind: 'broken-text', index });
  });
});

describe('R2 text check: what every text weighs in its record', () => {
  it('an empty text weighs nothing and is never refused', () => {
    expect(inspectText('')).toEqual({ problem: null, weight: 0 });
    expect(detectImagery('')).toBeNull();
  });

  it('attack: identifiers six characters long still add to the record\u2019s sum', () => {
    // A record split into many six-character "serial numbers" must still add up.
    expect(inspectText('AB12CD')).toEqual({ problem: null, weight: 3 });
  });

  it('a value that is not text (a hostile payload) is not read as text, and throws nothing', () => {
    expect(inspectText(42 as unknown as string)).toEqual({ problem: null, weight: 0 });
    expect(detectImagery({ length: 3 } as unknown as string)).toBeNull();
  });

  it('a five-character text is too short for any image: it is named by its control character', () => {
    // It starts like a JPEG XL codestream (FF 0A), whose signature is two bytes long.
    expect(checkText('\u00ff\n\u0000ab')).toEqual({
      kind: 'control-character',
      index: 2,
      codePoint: 0,
    });
  });

  it('texts under six characters weigh nothing and are checked only for control characters', () => {
    expect(inspectText('AB12C')).toEqual({ problem: null, weight: 0 });
    expect(inspectText('ab\u0000')).toEqual({
      problem: { kind: 'control-character', index: 2, codePoint: 0 },
      weight: 0,
    });
  });

  it('a passphrase (never stored) is exempt from the run rule only when asked, and never from signatures', () => {
    expect(inspectText(RANDOM_HEX, { runRule: false })).toEqual({ problem: null, weight: 0 });
    expect(checkText(RANDOM_HEX, { runRule: true })).toMatchObject({ kind: 'encoded-data' });
    expect(checkText(RANDOM_HEX)).toMatchObject({ kind: 'encoded-data' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(checkText(png.toString('hex'), { runRule: false })).toMatchObject({ kind: 'imagery' });
  });
});
