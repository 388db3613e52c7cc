// Tests of the R2 ascii85 decoder at its edges: <~ ~> blocks (where they open and close, how short one may be), bare runs (line joins, character classes, the switch ratio exactly at its limit) and the bytes and positions decoded.
import { describe, expect, it } from 'vitest';
import { ascii85Spans } from '../../../src/shared/guard/decoders/ascii85';
import { checkText } from '../../../src/shared/guard/imagery';
import { SAMPLES } from '../../helpers/imageryCorpus';
import { ascii85 } from '../../helpers/r2Encodings';

/** Each span as its char range and whether it looks encoded. */
const spans = (text: string): Array<{ start: number; end: number; encoded: boolean }> =>
  ascii85Spans(text).map((s) => ({ start: s.start, end: s.end, encoded: s.looksEncoded }));
const looks = (text: string): boolean[] => ascii85Spans(text).map((s) => s.looksEncoded);
const png = (): Uint8Array => {
  const s = SAMPLES.find((x) => x.name === 'PNG');
  if (!s?.bytes) throw new Error('no PNG sample');
  return s.bytes;
};
/** `pair` repeated to 20 characters: every character changes class, or none does. */
const alternating = (pair: string): string => pair.repeat(10);

describe('R2 ascii85: the data is caught and named', () => {
  it.each([
    ['between <~ and ~>', `<~${ascii85(png())}~>`],
    ['bare, as Python writes it', ascii85(png())],
  ])('attack: ascii85 of a PNG %s is caught as a PNG in ascii85', (_how, text) => {
    expect(checkText(text)).toMatchObject({ kind: 'imagery', format: 'PNG', encoding: 'ascii85' });
  });

  it('each decoded byte points at the group of five characters it came from', () => {
    const text = `<~${ascii85(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))}~>`;
    const [span] = ascii85Spans(text);
    expect(Array.from(span?.bytes ?? [])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(span?.pos ?? [])).toEqual([2, 2, 2, 2, 7, 7, 7, 7]);
  });

  it('"z" inside a group is not four zero bytes, and is skipped like any other stray character', () => {
    const four = ascii85(Uint8Array.from([0x41, 0x42, 0x43])); // 4 characters: a short last group
    expect(Array.from(ascii85Spans(`<~${four}~>`)[0]?.bytes ?? [])).toEqual([0x41, 0x42, 0x43]);
    expect(Array.from(ascii85Spans(`<~${four}z~>`)[0]?.bytes ?? [])).toEqual([0x41, 0x42, 0x43]);
    expect(Array.from(ascii85Spans(`<~${four}v~>`)[0]?.bytes ?? [])).toEqual([0x41, 0x42, 0x43]);
  });
});

describe('R2 ascii85: <~ ~> blocks', () => {
  it('a block of 4 bytes looks encoded; one of 3 does not', () => {
    expect(spans(`see <~${ascii85(Uint8Array.from([1, 2, 3, 4]))}~> end`)).toEqual([
      { start: 4, end: 13, encoded: true },
    ]);
    expect(spans(`see <~${ascii85(Uint8Array.from([1, 2, 3]))}~> end`)).toEqual([
      { start: 4, end: 12, encoded: false },
    ]);
  });

  it.each([
    ['an arrow', 'left <~> right'],
    ['an opening with no close', '<~ and then nothing'],
  ])('%s is not a block', (_n, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('a block opens only after the previous one has closed', () => {
    // "<~AB<~>": one block (its content is "AB<"); the later "~>" closes nothing.
    expect(spans('<~AB<~> and ~>')).toEqual([{ start: 0, end: 7, encoded: false }]);
  });

  it('a bare run right after a block starts after its "~>"', () => {
    const bare = 'A!b#C$d%E&f(G)h*I)j#K';
    expect(spans(`<~${ascii85(Uint8Array.from([1, 2, 3, 4]))}~>${bare}`)).toEqual([
      { start: 0, end: 9, encoded: true },
      { start: 9, end: 30, encoded: true },
    ]);
  });
});

describe('R2 ascii85: bare runs joined over lines', () => {
  it('a line break after 16 characters joins the next line; after 15 it does not', () => {
    expect(spans('Ab1!Cd2#Ef3$Gh4%\nIj5&Kl')).toEqual([{ start: 0, end: 23, encoded: true }]);
    expect(spans('Ab1!Cd2#Ef3$Gh4\n%Ij5&Kl6')).toEqual([]);
  });

  it('short lines after a few words are not joined into a run', () => {
    expect(spans('see Ab1!Cd2#Ef\n3$Gh4%Ij5&')).toEqual([]);
  });

  it.each([
    ['\n', 'a line feed'],
    ['\r\n', 'a carriage return and line feed'],
  ])('the line break (%j) in a joined run is not one of its symbols', (sep) => {
    // Two symbols base64 never uses ('!' and '#'): not enough, with the line break left out.
    const text = `Ab1Cd2Ef3Gh4Ij5K!${sep}l6Mn7Op8#`;
    expect(spans(text)).toEqual([{ start: 0, end: text.length, encoded: false }]);
    expect(looks(text.replace(sep, '$'))).toEqual([true]); // a third symbol in its place counts
  });
});

describe('R2 ascii85: when a bare run looks encoded', () => {
  it.each([
    ['capital A and !', 'A!'],
    ['capital Z and !', 'Z!'],
    ['small a and !', 'a!'],
    ['small z and !', 'z!'],
    ['digit 0 and !', '0!'],
    ['digit 9 and !', '9!'],
    ['digit 5 and !', '5!'],
    ['digit 5 and <', '5<'],
  ])('%s, alternating, change class at every character: encoded', (_n, pair) => {
    expect(looks(alternating(pair))).toEqual([true]);
  });

  it.each([
    ['[ and !', '[!'],
    ['! and :', '!:'],
  ])('%s, alternating, are all symbols: no change of class, not encoded', (_n, pair) => {
    expect(looks(alternating(pair))).toEqual([false]);
  });

  it.each([
    ['[, \\ and ]', 'Ab[Cd\\Ef]GhIjKlMnOpQr'],
    ['^ and `', 'Ab^Cd`Ef^GhIjKlMnOpQr'],
    [': ; and ?', 'Ab:Cd;Ef?GhIjKlMnOpQr'],
    ['< > and @', 'Ab<Cd>Ef@GhIjKlMnOpQr'],
  ])('three symbols base64 never uses (%s) are enough', (_n, text) => {
    expect(looks(text)).toEqual([true]);
  });

  it('a switch ratio of exactly one half is enough; one switch fewer is not', () => {
    // 21 characters: 10 changes of class in 20 steps, then 9.
    expect(looks('AA!!AA!!AA!!AA!!AA!!A')).toEqual([true]);
    expect(looks('AAA!!AA!!AA!!AA!!AA!!')).toEqual([false]);
  });

  it('a run that only ends in hex digits is not hex', () => {
    expect(looks('A!b#C$d%E&f(G)h*I)jAB12')).toEqual([true]);
  });

  it('three "%" each followed by one hex digit are not %-escapes', () => {
    expect(looks('A%1!b%2#c%3$dEfGhIjKl')).toEqual([true]);
  });
});
