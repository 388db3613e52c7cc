// Tests of when a bare ascii85 run counts as data (R2 run rule): symbols base64 never uses, frequent changes of character class, and not a link or hex; the character classes tested at their edges.
import { describe, expect, it } from 'vitest';
import { ascii85Spans } from '../../../src/shared/guard/decoders/ascii85';
import { noise } from '../../helpers/imageryCorpus';
import { ascii85 } from '../../helpers/r2Encodings';

const looks = (text: string): boolean[] => ascii85Spans(text).map((s) => s.looksEncoded);

describe('R2 ascii85: bare runs', () => {
  it('attack: random data written as bare ascii85 looks encoded', () => {
    const text = ascii85(Uint8Array.from(noise(60, 5)));
    expect(looks(`see ${text} end`)).toEqual([true]);
  });

  it('a run of 19 characters is too short to be counted; 20 is a run', () => {
    const run = 'A!b#C$d%E&f(G)h*I)j#K';
    expect(ascii85Spans(`see ${run.slice(0, 19)} end`)).toHaveLength(0);
    expect(looks(`see ${run.slice(0, 20)} end`)).toEqual([true]);
  });

  it('two symbols base64 never uses are not enough, however mixed the rest', () => {
    // Letters and digits at the edges of their ranges, and every symbol base64 uses: only '!' and
    // '#' are foreign to base64.
    expect(looks('see AzZa09+/=_-AzZa09!#Az end')).toEqual([false]);
    expect(looks('see AzZa09+/=_-AzZa09!#$z end')).toEqual([true]);
  });

  it.each([
    ['capitals', 'see ABCDEFGHIJKLMNOPQRSTU!#$ end'],
    ['small letters', 'see abcdefghijklmnopqrstu!#$ end'],
    ['digits', 'see 0123456789012345678901!#$ end'],
  ])('a run of %s with three symbols does not change class often enough', (_n, text) => {
    expect(looks(text)).toEqual([false]);
  });

  it.each([
    ['a link', 'see https://ab.cd/A!b#C$d%E&f(G)h*i end'],
    ['hex with colons', 'see 0A:1B:2C:3D:4E:5F:6A:7B:8C:9D end'],
    ['%-escapes', 'see A%20B%21C%22D!#$Ef(G)hIjKl end'],
  ])('%s is left to the other decoders', (_n, text) => {
    expect(looks(text).every((x) => !x)).toBe(true);
  });

  it('a run wrapped over lines is one run, decoded whole', () => {
    const data = Uint8Array.from(noise(80, 6));
    const wrapped = (ascii85(data).match(/.{1,75}/g) ?? []).join('\r\n');
    const spans = ascii85Spans(wrapped);
    expect(spans).toHaveLength(1);
    expect(Array.from(spans[0]!.bytes)).toEqual(Array.from(data));
  });

  it('"z" stands for four zero bytes only between groups', () => {
    const spans = ascii85Spans('<~z~>');
    expect(Array.from(spans[0]!.bytes)).toEqual([0, 0, 0, 0]);
  });
});
