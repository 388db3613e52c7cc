// Tests of the R2 registry of byte-producing decoders: every encoding the check decodes to bytes has its decoder in the list, so a picture in any of them reaches the signatures.
import { describe, expect, it } from 'vitest';
import { SPAN_DECODERS } from '../../../src/shared/guard/decoders/registry';
import type { ImageryEncoding } from '../../../src/shared/guard/types';
import { noise } from '../../helpers/imageryCorpus';
import { TEXT_ENCODINGS, ascii85, base32 } from '../../helpers/r2Encodings';

const DATA = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(40, 9)]);
const encode = (name: string): string => {
  const e = TEXT_ENCODINGS.find((x) => x.name === name);
  if (!e) throw new Error(`no encoding ${name}`);
  return e.encode(DATA);
};

describe('R2 decoder registry', () => {
  it.each<[string, string, ImageryEncoding]>([
    ['hex', encode('hex, plain'), 'hex'],
    ['%-escapes', encode('percent-encoded, every byte'), 'percent'],
    ['\\x escapes', encode('hex, \\x escapes'), 'escapes'],
    ['a list of byte values', encode('byte list, comma-separated'), 'byte-list'],
    ['base32', base32(DATA), 'base32'],
    ['ascii85', `<~${ascii85(DATA)}~>`, 'ascii85'],
  ])(
    'attack: a picture written as %s is decoded to its exact bytes by a registered decoder',
    (_n, text, encoding) => {
      const spans = SPAN_DECODERS.flatMap((d) => d(text)).filter((s) => s.encoding === encoding);
      expect(spans.map((s) => Array.from(s.bytes))).toContainEqual(Array.from(DATA));
    },
  );

  it('each encoding has exactly one decoder', () => {
    const sample = [
      encode('hex, plain'),
      encode('percent-encoded, every byte'),
      encode('hex, \\x escapes'),
      encode('byte list, comma-separated'),
      base32(DATA),
      `<~${ascii85(DATA)}~>`,
    ].join('\n');
    const byDecoder = SPAN_DECODERS.map((d) => [...new Set(d(sample).map((s) => s.encoding))]);
    expect(byDecoder.map((e) => e.join())).toEqual([
      'hex',
      'percent',
      'escapes',
      'byte-list',
      'base32',
      'ascii85',
    ]);
  });
});
