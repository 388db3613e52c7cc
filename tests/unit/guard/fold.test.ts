// The guard's folded view (R2): characters that stand for ASCII or for a gap are read as what they stand for, each keeping where it came from; and the attacks it closes, through checkText.
import { describe, expect, it } from 'vitest';
import { foldForDecoders } from '../../../src/shared/guard/fold';
import { checkText, detectImagery } from '../../../src/shared/guard/imagery';
import { RUN_LIMIT_BYTES } from '../../../src/shared/guard/runRule';
import { SAMPLES } from '../../helpers/imageryCorpus';

const png = SAMPLES.find((s) => s.name === 'PNG')!.bytes!;
const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64');
const fullWidth = (s: string) =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const groupsOf4 = (s: string) => s.match(/.{1,4}/g)!;

describe('the folded view', () => {
  it('ASCII-only text, and characters that stand for themselves, are not folded (the text is read once)', () => {
    expect(foldForDecoders('Plain words, 42 of them.')).toBeNull();
    expect(foldForDecoders('')).toBeNull();
    expect(foldForDecoders('孩子说 ‘hello’ — 😀 ß Ж')).toBeNull();
  });

  it('full-width letters become ASCII, each keeping its own position', () => {
    expect(foldForDecoders('ａＢ１+')).toEqual({ text: 'aB1+', origin: [0, 1, 2, 3] });
  });

  it('every Unicode space becomes a space, and a line or paragraph separator a line break', () => {
    expect(foldForDecoders('a\u00a0b\u2009c\u3000d\u202fe\u1680f')?.text).toBe('a b c d e f');
    expect(foldForDecoders('a\u2028b\u2029c\u0085d')?.text).toBe('a\nb\nc\nd');
  });

  it('invisible characters and accents are dropped; positions after them still point into the text as typed', () => {
    // a, zero-width space, b, soft hyphen, c, byte-order mark, e + combining acute, é (one character)
    expect(foldForDecoders('a\u200bb\u00adc\ufeffe\u0301\u00e9')).toEqual({
      text: 'abcee',
      origin: [0, 2, 4, 6, 8],
    });
  });

  it('a character folded into several keeps one position for each; astral characters count as two', () => {
    expect(foldForDecoders('😀\ufb01x')).toEqual({ text: '😀fix', origin: [0, 0, 2, 2, 3] });
  });

  it('U+FFFF, the last character of one UTF-16 unit, is one character wide: the letter after it is folded on its own', () => {
    expect(foldForDecoders('a\uffff\uff21')).toEqual({ text: 'a\uffffA', origin: [0, 1, 2] });
  });
});

describe('attacks the folded view closes (R2)', () => {
  it('attack: a PNG as base64 in full-width letters (as an input method writes them) is refused as PNG, pointing at where it starts', () => {
    const text = `Photo: ${fullWidth(b64(png))}`;
    expect(checkText(text)).toMatchObject({ kind: 'imagery', format: 'PNG', index: 7 });
  });

  it('attack: a PNG as base64 in groups of four joined by no-break spaces (a word processor keeps them on one line) is refused as PNG', () => {
    expect(detectImagery(groupsOf4(b64(png)).join('\u00a0'))).toMatchObject({ format: 'PNG' });
  });

  it('attack: a zero-width space, a soft hyphen or a word joiner between every group of four is refused as PNG', () => {
    for (const gap of ['\u200b', '\u00ad', '\u2060', '\ufeff'])
      expect(detectImagery(groupsOf4(b64(png)).join(gap))).toMatchObject({ format: 'PNG' });
  });

  it('attack: a PNG as hex pairs split by thin spaces, or by narrow no-break spaces, is refused as PNG', () => {
    const pairs = Buffer.from(png).toString('hex').match(/../g)!;
    for (const gap of ['\u2009', '\u202f'])
      expect(detectImagery(pairs.join(gap))).toMatchObject({ format: 'PNG' });
  });

  it('attack: data of no known format, base64 with a zero-width space every four characters, is one run to the run rule, pointing into the text as typed (soft hyphens before it counted)', () => {
    const data = Buffer.from(Array.from({ length: 120 }, (_, i) => (i * 73 + 11) & 255));
    const text = `Message\u00ad\u00ad\u00a0(copied) ${groupsOf4(b64(data)).join('\u200b')}`;
    const p = checkText(text);
    expect(p).toMatchObject({ kind: 'encoded-data', scope: 'run', encoding: 'base64', index: 19 });
    expect(p?.kind === 'encoded-data' && p.bytes).toBeGreaterThan(RUN_LIMIT_BYTES);
    // the same data without the zero-width spaces is refused alike: the invisible gaps hide nothing
    expect(checkText(`Message (copied) ${b64(data)}`)).toMatchObject({
      kind: 'encoded-data',
      scope: 'run',
    });
  });
});

describe('base64 in groups of four joined by punctuation (R2)', () => {
  it.each([', ', ',', '; ', '. ', ': ', ' | ', ' - '])(
    'attack: a PNG as base64 in groups of four joined by "%s" is refused as PNG',
    (gap) => {
      expect(detectImagery(`Here: ${groupsOf4(b64(png)).join(gap)} thanks`)).toMatchObject({
        format: 'PNG',
      });
    },
  );

  it('two punctuation marks, or a blank line, between groups still end the run (words are not joined across a sentence and a list)', () => {
    const g = groupsOf4(b64(png));
    expect(detectImagery(g.join(',, '))).toBeNull();
    expect(detectImagery(g.join(',\n\n'))).toBeNull();
  });
});
