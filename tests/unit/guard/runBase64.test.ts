// Tests of how the R2 run rule measures base64: each run counted once, at its bytes, named where it starts; hex and base32 left to their own decoders; text carried in base64 opened, not counted.
import { describe, expect, it } from 'vitest';
import { measureEncoded } from '../../../src/shared/guard/runRule';
import { noise } from '../../helpers/imageryCorpus';
import { base32 } from '../../helpers/r2Encodings';

const data = (n: number, seed = 7): Uint8Array => Uint8Array.from(noise(n, seed));
const b64 = (b: Uint8Array | string): string => Buffer.from(b).toString('base64');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ENGLISH =
  'The parent said the message arrived at nine and was deleted straight away by the pupil.';

describe('R2 run rule: base64 runs, measured', () => {
  it('a base64 run is counted once, at the bytes it carries, named base64 where it starts', () => {
    expect(measureEncoded(`see ${b64(data(30))} end`).runs).toEqual([
      { encoding: 'base64', index: 4, bytes: 30 },
    ]);
  });

  it('a base64 run wrapped over lines is counted whole', () => {
    const wrapped = (b64(data(90)).match(/.{1,76}/g) ?? []).join('\n');
    expect(measureEncoded(`see ${wrapped} end`).runs).toEqual([
      { encoding: 'base64', index: 4, bytes: 90 },
    ]);
  });

  it.each([
    ['lower-case hex', (b: Uint8Array) => hex(b)],
    ['upper-case hex', (b: Uint8Array) => hex(b).toUpperCase()],
  ])('%s is counted by the hex decoder alone, never twice as base64 too', (_n, encode) => {
    expect(measureEncoded(`see ${encode(data(20))} end`).runs).toEqual([
      { encoding: 'hex', index: 4, bytes: 20 },
    ]);
  });

  it('base32 is counted by the base32 decoder alone, never twice as base64 too', () => {
    const runs = measureEncoded(`see ${base32(data(40)).replace(/=+$/, '')} end`).runs;
    expect(runs.map((r) => r.encoding)).toEqual(['base32']);
  });

  it('a long word of small letters is a word, not data', () => {
    expect(measureEncoded('see averylongwordwithoutanycapitalsornumbersinit end').runs).toEqual([]);
  });

  it('English carried in base64 is opened and its words are not counted, even with a letter run into it', () => {
    expect(measureEncoded(`see ${b64(ENGLISH)} end`).runs).toEqual([]);
    // "x" typed against the data shifts every group of four: the right alignment is found.
    expect(measureEncoded(`see x${b64(ENGLISH)} end`).runs).toEqual([]);
  });

  it('attack: data inside base64 of a sentence is found, and named inside the outer run', () => {
    const inner = `id: ${b64(data(40))}`;
    const text = `see ${b64(inner)} end`;
    const runs = measureEncoded(text).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ encoding: 'base64', bytes: 40 });
    const index = runs[0]?.index ?? -1;
    expect(index).toBeGreaterThan(4); // past the outer run's start: it is inside it
    expect(index).toBeLessThan(text.length - 4);
  });

  it('attack: data inside hex of a sentence is found, and named inside the outer run', () => {
    const text = `see ${hex(Buffer.from(`code ${hex(data(20))}`))} end`;
    const runs = measureEncoded(text).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ encoding: 'hex', bytes: 20 });
    expect(runs[0]?.index).toBeGreaterThan(4);
  });
});
