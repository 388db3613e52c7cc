// Tests of the R2 data: URL decoder on its own: which text it reads as a data: URL, what payload it decodes and searches again, and where each of its limits lies.
import { describe, expect, it, vi } from 'vitest';
import { findDataUrl, percentDecode } from '../../../src/shared/guard/decoders/dataUrl';
import { checkText, detectImagery } from '../../../src/shared/guard/imagery';
import type { FindInText } from '../../../src/shared/guard/types';
import { noise } from '../../helpers/imageryCorpus';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const b64 = (bytes: readonly number[]): string => Buffer.from(bytes).toString('base64');
/** The bytes as %XX escapes, as a data: URL without ;base64 carries them. */
const pct = (bytes: readonly number[]): string =>
  bytes.map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
/** The decoder alone, with nested text searched by nothing (so only its own rules answer). */
const alone = (text: string, depth = 0) => findDataUrl(text, depth, () => null);
/** A stand-in for the nested search that records what it is asked to search. */
const spy = () => vi.fn<FindInText>(() => null);
/** Random bytes that start with no signature (the first byte is a letter). */
const binary = (n: number, seed: number): number[] => [0x41, ...noise(n - 1, seed)];

describe('R2 data: URLs: what is read as a data: URL', () => {
  it.each([
    ['a plain image data: URL', 'see data:image/png,hello end', 4],
    [
      'the media type in capitals and a charset parameter',
      'see DATA:IMAGE/PNG;CHARSET=UTF-8,hi',
      4,
    ],
    ['a video media type in mixed case, base64', 'Data:Video/MP4;base64,AAAA', 0],
    ['a file name parameter before ;base64', 'x data:image/jpeg;name=a.jpg;base64,aGk= y', 2],
    ['SVG markup as the media type', 'data:image/svg+xml;utf8,hi', 0],
    ['an image data: URL with an empty payload', 'data:image/png,', 0],
    ['an image data: URL after a quote', 'src="data:image/gif,hi"', 5],
  ])('attack: %s is still caught, at the URL', (_n, text, index) => {
    expect(alone(text)).toEqual({ format: 'data: URL', encoding: 'data-url', index });
  });

  it.each([
    ['"metadata:" in a sentence', 'the metadata:image/png,x field'],
    ['"xdata:" (another scheme ending in data)', 'xdata:image/png,x'],
    ['"data:" in a sentence', 'Read the data: it shows 3 incidents, all minor.'],
    ['"data:" followed by a space', 'The data: image/png, jpeg and text.'],
    ['a media type with no comma after it', 'the type data:image/png is a picture'],
    ['a media type cut by a space before the comma', 'data:image/png ,hi'],
    ['a media type with a percent-escaped slash', 'data:image%2Fpng,hi'],
  ])('%s is not read as an image data: URL', (_n, text) => {
    expect(alone(text)).toBeNull();
  });

  it('a header (media type and parameters) of 256 characters is read; 257 is not a data: URL', () => {
    const header = (n: number): string => `image/png;p=${'x'.repeat(n - 12)}`;
    expect(header(256)).toHaveLength(256);
    expect(alone(`data:${header(256)},hi`)?.format).toBe('data: URL');
    expect(alone(`data:${header(257)},hi`)).toBeNull();
  });

  it('attack: a data: URL with no media type (text by default) still has its payload sniffed', () => {
    expect(alone(`data:,${pct(PNG_SIGNATURE)}`)).toEqual({
      format: 'PNG',
      encoding: 'data-url',
      index: 0,
    });
    expect(alone(`data:;base64,${b64([...PNG_SIGNATURE, 0, 0, 0, 13])}`)?.format).toBe('PNG');
  });

  it('attack: a PNG behind a text media type is named by its payload', () => {
    expect(alone(`see data:text/plain,${pct(PNG_SIGNATURE)}`)).toEqual({
      format: 'PNG',
      encoding: 'data-url',
      index: 4,
    });
  });

  it('"data:" and a word that is not a media type is not a data: URL; its escapes are still decoded as escapes', () => {
    const text = `data:image,${pct(PNG_SIGNATURE)}`;
    expect(alone(text)).toBeNull();
    expect(detectImagery(text)).toMatchObject({ format: 'PNG', encoding: 'percent' });
  });
});

describe('R2 data: URLs: the payload searched again', () => {
  it('attack: SVG markup percent-escaped in a text data: URL is searched as text, one level deeper', () => {
    const inner = spy();
    inner.mockReturnValueOnce({ format: 'SVG markup', encoding: 'markup', index: 0 });
    expect(findDataUrl('see data:text/html,%3Csvg%3E and more', 1, inner)).toEqual({
      format: 'SVG markup',
      encoding: 'data-url',
      index: 4,
    });
    expect(inner.mock.calls).toEqual([['<svg>', 2]]);
  });

  it('the payload ends at a space, a quote or an angle bracket', () => {
    for (const end of [' ', '"', "'", '<', '>', '`', '\n']) {
      const inner = spy();
      findDataUrl(`data:,%3Csvg%3E${end}tail`, 0, inner);
      expect(inner.mock.calls).toEqual([['<svg>', 1]]);
    }
  });

  it('a payload without escapes is not searched again here (the other decoders search the same text)', () => {
    const inner = spy();
    findDataUrl('data:,plain.words,no.escapes', 0, inner);
    expect(inner).not.toHaveBeenCalled();
    // One escape, and the decoded payload is searched.
    findDataUrl('data:,plain.words%2Cno.escapes', 0, inner);
    expect(inner.mock.calls).toEqual([['plain.words,no.escapes', 1]]);
  });

  it('nested text is searched down to the last level, not beyond it', () => {
    const inner = spy();
    findDataUrl('data:,%3Csvg%3E', 2, inner);
    expect(inner.mock.calls).toEqual([['<svg>', 3]]);
    const deepest = spy();
    findDataUrl('data:,%3Csvg%3E', 3, deepest);
    expect(deepest).not.toHaveBeenCalled();
  });

  it('a payload of 4 characters is searched again; 3 are too few to hold anything', () => {
    const four = spy();
    findDataUrl('data:,%3Csvg', 0, four);
    expect(four.mock.calls).toEqual([['<svg', 1]]);
    const three = spy();
    findDataUrl('data:,%3Csv', 0, three);
    expect(three).not.toHaveBeenCalled();
  });

  it('a payload 90 % text is searched again as text; 80 % is not', () => {
    const ninety = spy();
    findDataUrl('data:,%3Cabcdefgh%01', 0, ninety);
    expect(ninety.mock.calls).toEqual([['<abcdefgh\x01', 1]]);
    const eighty = spy();
    findDataUrl('data:,%3Cabcdefg%01%02', 0, eighty);
    expect(eighty).not.toHaveBeenCalled();
  });
});

describe('R2 data: URLs: one data: URL inside the payload of another', () => {
  it.each([
    ['an image data: URL in a text one', 'see data:text/plain,data:image/png,hi end', 20],
    ['a video data: URL two levels in', 'data:,data:,data:video/mp4,x', 12],
    ['a base64 image data: URL in a text one', 'data:text/plain,data:image/x-foo;base64,QUJD', 16],
    ['an image data: URL after a word and a slash in a text one', 'data:,see/data:image/gif,x', 10],
  ])('attack: %s is still caught, at its own position', (_n, text, index) => {
    expect(alone(text)).toEqual({ format: 'data: URL', encoding: 'data-url', index });
  });

  it.each([
    ['a text data: URL in a text one', 'data:text/plain,data:text/plain,hi'],
    ['"metadata:" in a text payload', 'data:,metadata:image/png,x'],
    ['an image data: URL after the payload ended', 'data:text/plain,abc"data:image/png'],
  ])('%s is not refused', (_n, text) => {
    expect(alone(text)).toBeNull();
  });

  it('attack: a PNG in a base64 data: URL with no type, inside a text one, is named by its payload', () => {
    const png = b64([...PNG_SIGNATURE, 0, 0, 0, 13]);
    expect(alone(`data:text/plain,data:;base64,${png}`)).toEqual({
      format: 'PNG',
      encoding: 'data-url',
      index: 16,
    });
  });

  it('the payload of a data: URL inside another is not searched twice', () => {
    const inner = spy();
    findDataUrl('data:,%3Cb%3E/data:,%3Csvg%3E', 0, inner);
    expect(inner.mock.calls).toEqual([['<b>/data:,<svg>', 1]]);
  });

  it('attack: a small picture of unknown format in an image data: URL inside a text one is refused by the whole check', () => {
    const picture = b64(binary(40, 23));
    expect(checkText(`see data:text/plain,data:image/x-foo;base64,${picture} end`)).toEqual({
      kind: 'imagery',
      format: 'data: URL',
      encoding: 'data-url',
      index: 20,
    });
  });
});

describe('R2 data: URLs: a long binary payload of unknown format', () => {
  const url = (bytes: readonly number[]): string =>
    `data:application/octet-stream;base64,${b64(bytes)}`;

  it('attack: 384 random bytes in a non-image data: URL are refused as binary data; 383 are not', () => {
    expect(alone(url(binary(384, 21)))).toEqual({
      format: 'binary data',
      encoding: 'data-url',
      index: 0,
    });
    expect(alone(url(binary(383, 21)))).toBeNull();
  });

  it('a payload just under 70 % text is binary; exactly 70 % is not', () => {
    const mixed = (textBytes: number): number[] => [
      ...new Array<number>(textBytes).fill(0x41),
      ...new Array<number>(390 - textBytes).fill(0),
    ];
    expect(alone(url(mixed(272)))?.format).toBe('binary data');
    expect(alone(url(mixed(273)))).toBeNull();
  });

  it('a long text payload is not binary data', () => {
    expect(alone(`data:text/plain;base64,${b64(new Array<number>(600).fill(0x41))}`)).toBeNull();
  });

  it('attack: a base64 payload wrapped over lines, with %2B and %2F escapes, is decoded whole', () => {
    const bytes = binary(400, 22);
    const wrapped = (b64(bytes).match(/.{1,76}/g) ?? []).join('\r\n');
    const escaped = wrapped.replace(/\+/g, '%2B').replace(/\//g, '%2f');
    expect(escaped).toContain('%2');
    expect(alone(url([]).replace(/,$/, `,${escaped}`))?.format).toBe('binary data');
    // Cut to 383 bytes, the same payload is too short to be refused as binary.
    const short = b64(bytes.slice(0, 383)).replace(/\+/g, '%2B').replace(/\//g, '%2F');
    expect(alone(url([]).replace(/,$/, `,${short}`))).toBeNull();
  });
});

describe('R2 data: URLs: percent-decoding', () => {
  it.each([
    ['text without escapes', 'abc', 'abc'],
    ['an escape between letters', 'a%41b', 'aAb'],
    ['an escape in small letters', '%3csvg%3e', '<svg>'],
    ['a byte above 127', '%89P', '\x89P'],
    ['a lone percent sign', '50%', '50%'],
    ['an escape cut short', 'a%4', 'a%4'],
    ['an escape that is not hex', '%zz%4g', '%zz%4g'],
    ['a percent sign before an escape', '%%41', '%A'],
  ])('%s', (_n, input, output) => {
    expect(percentDecode(input)).toBe(output);
  });
});
