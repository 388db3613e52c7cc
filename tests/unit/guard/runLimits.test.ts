// Tests of the R2 run rule's exact edges: the smallest counted run, the field limit to the byte, which run a refusal names, nesting depth, and what allow-listed identifiers weigh in a record.
import { describe, expect, it } from 'vitest';
import {
  checkRunRule,
  FIELD_LIMIT_BYTES,
  MIN_COUNTED_BYTES,
  measureEncoded,
  recordWeight,
  RUN_LIMIT_BYTES,
} from '../../../src/shared/guard/runRule';
import { MAX_NESTING } from '../../../src/shared/guard/types';
import { noise } from '../../helpers/imageryCorpus';

const data = (n: number, seed = 7): Uint8Array => Uint8Array.from(noise(n, seed));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** Hex runs of these sizes, each after its own words so that no two touch. */
const pieces = (...sizes: number[]): string =>
  sizes.map((n, i) => `part ${'abcdefghij'[i]} is ${hex(data(n, i + 1))}`).join(' then ');

describe('R2 run rule: the exact edges', () => {
  it(`a run of ${MIN_COUNTED_BYTES - 1} bytes is not counted (a date or a short code); ${MIN_COUNTED_BYTES} bytes is`, () => {
    expect(measureEncoded(`code ${hex(data(MIN_COUNTED_BYTES - 1))} ok`).runs).toEqual([]);
    expect(measureEncoded(`code ${hex(data(MIN_COUNTED_BYTES))} ok`)).toEqual({
      runs: [{ encoding: 'hex', index: 5, bytes: MIN_COUNTED_BYTES }],
      total: MIN_COUNTED_BYTES,
      allowedBytes: 0,
    });
  });

  it(`attack: runs adding up to ${FIELD_LIMIT_BYTES + 1} bytes in one box are refused; ${FIELD_LIMIT_BYTES} pass`, () => {
    const at = pieces(64, 64, 64, 56, 8);
    expect(measureEncoded(at).total).toBe(FIELD_LIMIT_BYTES);
    expect(checkRunRule(measureEncoded(at))).toBeNull();
    const over = pieces(64, 64, 64, 57, 8);
    const m = measureEncoded(over);
    expect(m.total).toBe(FIELD_LIMIT_BYTES + 1);
    // The refusal names the whole box's bytes, and points at the first of the longest runs.
    expect(checkRunRule(m)).toEqual({
      scope: 'field',
      encoding: 'hex',
      bytes: FIELD_LIMIT_BYTES + 1,
      index: over.indexOf(hex(data(64, 1))),
    });
  });

  it('a refused run is the longest one, named where it starts, whatever comes before it', () => {
    const text = pieces(20, RUN_LIMIT_BYTES + 3, 30);
    expect(checkRunRule(measureEncoded(text))).toEqual({
      scope: 'run',
      encoding: 'hex',
      bytes: RUN_LIMIT_BYTES + 3,
      index: text.indexOf(hex(data(RUN_LIMIT_BYTES + 3, 2))),
    });
  });

  it('text with no counted run is never refused', () => {
    expect(checkRunRule({ runs: [], total: 0, allowedBytes: 0 })).toBeNull();
  });

  it('allow-listed identifiers weigh in the record at half their characters, rounded up', () => {
    const upn = 'A12345678901B'; // 13 characters
    const m = measureEncoded(`Pupil ${upn} is here; the code ${hex(data(10))}`);
    expect(m.allowedBytes).toBe(7);
    expect(m.total).toBe(10);
    expect(recordWeight(m)).toBe(17);
  });

  it(`attack: data wrapped in hex ${MAX_NESTING} times is still measured; deeper, the wrapping itself is counted`, () => {
    // Hex of hex of … of random bytes: each layer is text, so it is opened; past the nesting limit
    // the last layer is counted as it stands (twice the bytes), never let through.
    let text = hex(data(80));
    for (let i = 1; i < MAX_NESTING; i++) text = hex(Buffer.from(text, 'latin1'));
    expect(checkRunRule(measureEncoded(`see ${text}`))).toMatchObject({ scope: 'run' });
    const deeper = hex(Buffer.from(text, 'latin1'));
    expect(checkRunRule(measureEncoded(`see ${deeper}`))).toMatchObject({ scope: 'run' });
  });
});
