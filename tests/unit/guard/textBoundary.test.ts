// Tests of the R2 IPC boundary guard: nested payloads, reported paths, keys, byte buffers, cycles and depth.

import { describe, expect, it } from 'vitest';
import {
  assertNoImagery,
  findImagery,
  MAX_PAYLOAD_DEPTH,
} from '../../../src/main/core/guard/textBoundary';
import { CaseSealError } from '../../../src/shared/errors';

// A generated PNG header (rule R2: never a real image): signature, IHDR chunk, a few data bytes.
const PNG_BYTES = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
  0x60, 0x82,
]);
const PNG_B64 = Buffer.from(PNG_BYTES).toString('base64');
const JPEG_DATA_URL =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';

/** The CaseSealError thrown by assertNoImagery, or a failure if none is thrown. */
function refusal(value: unknown, path?: string): CaseSealError {
  try {
    assertNoImagery(value, path);
  } catch (e) {
    expect(e).toBeInstanceOf(CaseSealError);
    return e as CaseSealError;
  }
  throw new Error('expected assertNoImagery to throw');
}

const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('assertNoImagery: refusals report the dotted path (R2)', () => {
  it.each([
    ['a top-level string', PNG_B64, undefined, ''],
    ['a top-level string with a root path', PNG_B64, 'payload', 'payload'],
    [
      'an object field',
      { witness: { name: 'A. Smith', notes: `Saw this: ${PNG_B64}` } },
      undefined,
      'witness.notes',
    ],
    [
      'an array element field',
      { children: [{ name: 'A' }, { name: 'B' }, { name: PNG_B64 }] },
      undefined,
      'children[2].name',
    ],
    [
      'nested arrays',
      {
        rows: [
          ['ok', 'fine'],
          ['ok', JPEG_DATA_URL],
        ],
      },
      undefined,
      'rows[1][1]',
    ],
    ['a root array', ['ok', { a: [{ b: PNG_B64 }] }], undefined, '[1].a[0].b'],
    [
      'below a root path',
      { body: { description: JPEG_DATA_URL } },
      'app:case.create',
      'app:case.create.body.description',
    ],
    ['a String object', { s: new String(PNG_B64) }, undefined, 's'],
  ])('%s', (_label, value, path, field) => {
    const e = refusal(value, path);
    expect(e.code).toBe('IMAGERY_REFUSED');
    // The message says what was refused and why, in plain words (R2), and that nothing was saved.
    expect(e.message).toMatch(
      /^Refused under rule R2: this text holds (PNG|JPEG) data, written as /,
    );
    expect(e.message).toMatch(/Describe in words what was seen instead\. Nothing was saved\.$/);
    expect(e.message).not.toContain(PNG_B64.slice(0, 12));
    expect(e.detail).toEqual({ field, format: expect.any(String), encoding: expect.any(String) });
  });

  it('reports format and encoding of the finding', () => {
    expect(refusal({ witness: { notes: PNG_B64 } }).detail).toEqual({
      field: 'witness.notes',
      format: 'PNG',
      encoding: 'base64',
    });
    expect(refusal({ children: [{}, {}, { name: JPEG_DATA_URL }] }).detail).toEqual({
      field: 'children[2].name',
      format: 'JPEG',
      encoding: 'data-url',
    });
    expect(refusal({ img: 'data:image/png;base64,AAAA' }).detail).toEqual({
      field: 'img',
      format: 'data: URL',
      encoding: 'data-url',
    });
    expect(refusal({ svg: '<svg width="1" height="1"></svg>' }).detail).toEqual({
      field: 'svg',
      format: 'SVG markup',
      encoding: 'markup',
    });
  });

  it('reports the first finding in document order', () => {
    expect(refusal({ a: 'fine', b: { c: PNG_B64 }, d: JPEG_DATA_URL }).detail).toMatchObject({
      field: 'b.c',
    });
  });

  it('checks object keys, and does not repeat a refused key in the path', () => {
    const e = refusal({ witness: { ok: 1, [PNG_B64]: 'value' } });
    expect(e.detail).toEqual({ field: 'witness.<key 1>', format: 'PNG', encoding: 'base64' });
    expect(JSON.stringify(e.detail)).not.toContain(PNG_B64.slice(0, 12));
    expect(findImagery({ [JPEG_DATA_URL]: 1 })).toMatchObject({
      path: '<key 0>',
      inKey: true,
      encoding: 'data-url',
    });
  });

  it('shows a key that does not look like a field name by position only', () => {
    expect(refusal({ 'Witness name (full)': { notes: PNG_B64 } }).detail).toMatchObject({
      field: '<key 0>.notes',
    });
  });

  it('checks Map keys and values and Set items', () => {
    expect(findImagery({ m: new Map([['k', PNG_B64]]) })).toMatchObject({
      path: 'm[<entry 0>]',
      inKey: false,
    });
    expect(findImagery({ m: new Map([[PNG_B64, 'v']]) })).toMatchObject({
      path: 'm[<entry 0>]<key>',
      inKey: true,
    });
    expect(findImagery({ s: new Set(['a', PNG_B64]) })).toMatchObject({ path: 's[<item 1>]' });
  });

  it.each([
    ['Uint8Array of a PNG', PNG_BYTES, 'PNG'],
    ['ArrayBuffer of a PNG', PNG_BYTES.slice().buffer, 'PNG'],
    ['DataView of a PNG', new DataView(PNG_BYTES.slice().buffer), 'PNG'],
    [
      'a Uint8Array view into the middle of a buffer',
      new Uint8Array(Uint8Array.from([1, 2, 3, ...PNG_BYTES]).buffer, 3),
      'PNG',
    ],
    ['bytes of no known format', Uint8Array.from([1, 2, 3, 4]), 'binary data'],
    ['an empty buffer', new ArrayBuffer(0), 'binary data'],
  ])('refuses byte buffers as raw bytes: %s', (_label, buffer, format) => {
    expect(refusal({ attachment: buffer }).detail).toEqual({
      field: 'attachment',
      format,
      encoding: 'raw',
    });
  });
});

describe('assertNoImagery: ordinary payloads pass (R2)', () => {
  it.each([
    ['primitives', { n: 1, b: true, z: null, u: undefined, big: 10n }],
    [
      'a realistic concern body',
      {
        caseId: '123e4567-e89b-12d3-a456-426614174000',
        concern: {
          summary: 'Pupil said she was sent a photo; not viewed (R1).',
          seenAt: '2026-11-21T10:15:03.120Z',
          fourCs: ['content', 'contact'],
        },
        people: [
          { name: "Siân O'Neill", role: 'pupil' },
          { name: 'Zażółć Gęślą', role: 'witness' },
        ],
        hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        // An Ed25519 signature (64 bytes, the longest encoded value CaseSeal itself produces).
        signature:
          'nr4GxbGFXgXMjXjYQCnvkwEkyE1uMChyadt8/GTJniJjFbysgZ5MRo4o9YfcMjZTgooftQemCT4LhiZIaceBDA==',
      },
    ],
    ['an empty object and array', { a: {}, b: [] }],
    ['a Date', { when: new Date(0) }],
  ])('%s', (_label, value) => {
    expect(() => assertNoImagery(value)).not.toThrow();
    expect(findImagery(value)).toBeNull();
  });

  it('visits a shared (non-cyclic) object once per path without error', () => {
    const shared = { note: 'ok' };
    expect(() => assertNoImagery({ a: shared, b: shared, c: [shared, shared] })).not.toThrow();
  });

  it("does not blow up on a wide DAG (an attacker's payload of 2^40 paths over 41 objects)", () => {
    // A walk per path would never finish (the test would time out); a walk per object answers at once.
    let v: unknown = { note: 'ok' };
    for (let i = 0; i < 40; i++) v = { l: v, r: v };
    expect(findImagery(v)).toBeNull();
  });
});

describe('assertNoImagery: cycles and absurd depth are BAD_INPUT', () => {
  it('throws BAD_INPUT on a cycle', () => {
    const a: Record<string, unknown> = { name: 'x' };
    a.self = { back: a };
    const e = refusal(a);
    expect(e.code).toBe('BAD_INPUT');
    expect(e.detail).toEqual({ field: 'self.back', reason: 'cycle' });
  });

  it(`accepts nesting up to ${MAX_PAYLOAD_DEPTH} levels and refuses one more`, () => {
    expect(MAX_PAYLOAD_DEPTH).toBe(64);
    expect(() => assertNoImagery(nested(64))).not.toThrow();
    const e = refusal(nested(65));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.detail).toMatchObject({ reason: 'depth', field: '[0]'.repeat(64) });
  });

  it('still finds imagery at the deepest allowed level', () => {
    let v: unknown = PNG_B64;
    for (let i = 0; i < 64; i++) v = [v];
    expect(refusal(v).detail).toMatchObject({ field: '[0]'.repeat(64), format: 'PNG' });
  });
});
