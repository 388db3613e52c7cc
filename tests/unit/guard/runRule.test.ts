// Tests of the R2 run rule on its own: the limits per run and per field, where the threshold comes from, and the allow-list.
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_IDENTIFIERS,
  maskAllowed,
  MAX_ALLOWED_PER_TEXT,
} from '../../../src/shared/guard/allowList';
import {
  checkRunRule,
  FIELD_LIMIT_BYTES,
  measureEncoded,
  RECORD_LIMIT_BYTES,
  recordWeight,
  RUN_LIMIT_BYTES,
} from '../../../src/shared/guard/runRule';
import { noise } from '../../helpers/imageryCorpus';
import { ascii85, base32 } from '../../helpers/r2Encodings';
import { LEGIT_TEXTS } from '../../helpers/r2Legit';

/** Random bytes with no known signature (an unknown format, or a piece from the middle of a file). */
const data = (n: number, seed = 7): Uint8Array => Uint8Array.from(noise(n, seed));
const rule = (text: string) => checkRunRule(measureEncoded(text));

const ENCODERS: ReadonlyArray<[string, (b: Uint8Array) => string]> = [
  ['hex', (b) => Buffer.from(b).toString('hex')],
  [
    'hex, spaced pairs',
    (b) =>
      Buffer.from(b)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
  ],
  ['base64', (b) => Buffer.from(b).toString('base64')],
  ['base64url', (b) => Buffer.from(b).toString('base64url')],
  ['base32', base32],
  ['ascii85', (b) => `<~${ascii85(b)}~>`],
  ['percent', (b) => Array.from(b, (x) => `%${x.toString(16).padStart(2, '0')}`).join('')],
  ['byte list', (b) => Array.from(b).join(', ')],
  ['\\x escapes', (b) => Array.from(b, (x) => `\\x${x.toString(16).padStart(2, '0')}`).join('')],
];

describe('R2 run rule: where the threshold comes from', () => {
  it('allows two of the longest legitimate identifier (a SHA-256 fingerprint, 32 bytes) and stays below the smallest PNG (67 bytes)', () => {
    expect(RUN_LIMIT_BYTES).toBe(2 * 32);
    expect(RUN_LIMIT_BYTES).toBeLessThan(67);
    expect(FIELD_LIMIT_BYTES).toBe(8 * 32);
    expect(RECORD_LIMIT_BYTES).toBe(2 * FIELD_LIMIT_BYTES);
  });
});

describe('R2 run rule: a long run is refused whatever it carries (attack: an unknown or headerless format)', () => {
  it.each(ENCODERS)('%s: %s bytes pass, one more is refused', (_name, encode) => {
    expect(rule(`Ref: ${encode(data(RUN_LIMIT_BYTES))} end`)).toBeNull();
    expect(rule(`Ref: ${encode(data(RUN_LIMIT_BYTES + 1))} end`)).toMatchObject({
      scope: 'run',
      bytes: RUN_LIMIT_BYTES + 1,
    });
  });

  it.each(ENCODERS)('%s: a kilobyte mid-sentence is refused', (_name, encode) => {
    expect(rule(`It said ${encode(data(1024, 9))} and stopped.`)).toMatchObject({ scope: 'run' });
  });
});

describe('R2 run rule per field (attack: many short pieces in one box)', () => {
  it.each(ENCODERS)(
    '%s: pieces under the run limit add up past the field limit',
    (_name, encode) => {
      const pieces = Array.from({ length: 5 }, (_, i) => `part ${i + 1} ${encode(data(60, i))}`);
      expect(rule(pieces.slice(0, 4).join('; '))).toBeNull();
      expect(rule(pieces.join('; '))).toMatchObject({ scope: 'field' });
    },
  );
});

describe('R2 run rule: the allow-list', () => {
  it('lists the identifiers DSLs type', () => {
    expect(ALLOWED_IDENTIFIERS.map((a) => a.name)).toEqual([
      'SHA-256 fingerprint',
      'UUID',
      'exhibit reference',
      'IMEI',
      'UPN',
      'police reference',
      'serial number',
    ]);
  });

  it.each([
    ['an IMEI', '356938035643809'],
    ['a grouped IMEI', '35-693803-564380-1'],
    ['a UPN', 'A12345678901B'],
    ['an exhibit reference', 'CS-123456-2026-001'],
    ['a police reference', 'NWP/2026/0123456789'],
    ['a serial number', 'C02XG0FDJG5J'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    [
      'a fingerprint in groups',
      'e3b0 c442 98fc 1c14 9afb f4c8 996f b924 27ae 41e4 649b 934c a495 991b 7852 b855',
    ],
  ])('sets aside %s', (_n, id) => {
    expect(maskAllowed(`seen: ${id}.`).count).toBe(1);
  });

  it('never sets aside a slice of a longer run (attack: hex cut into fingerprint-sized slices)', () => {
    const hex = Buffer.from(data(400)).toString('hex');
    const colons = (hex.match(/../g) ?? []).join(':');
    expect(maskAllowed(colons).count).toBe(0);
    expect(rule(colons)).toMatchObject({ scope: 'run' });
    const lines = (hex.match(/.{64}/g) ?? []).join(' ');
    expect(rule(lines)).not.toBeNull();
  });

  it(`sets aside at most ${MAX_ALLOWED_PER_TEXT} identifiers in one text (attack: data written as many "serial numbers")`, () => {
    const serials = base32(data(400)).replace(/=/g, '').match(/.{16}/g) ?? [];
    const text = serials.map((s) => `serial ${s.replace(/[A-Z]/, '9')}`).join(', ');
    const m = measureEncoded(text);
    expect(maskAllowed(text).count).toBe(MAX_ALLOWED_PER_TEXT);
    expect(recordWeight(m)).toBeGreaterThan(m.total);
  });

  it.each(LEGIT_TEXTS.map((l) => [l.name, l.text]))('accepts %s', (_n, text) => {
    expect(rule(text)).toBeNull();
  });
});
