// Tests of each R2 decoder on its own: the shapes tools write decode to the exact bytes; prose does not look encoded.
import { describe, expect, it } from 'vitest';
import { ascii85Spans } from '../../../src/shared/guard/decoders/ascii85';
import { base32Spans } from '../../../src/shared/guard/decoders/base32';
import { base64Runs } from '../../../src/shared/guard/decoders/base64';
import { byteListSpans } from '../../../src/shared/guard/decoders/byteList';
import { backslashSpans, percentSpans } from '../../../src/shared/guard/decoders/escapes';
import { hexSpans } from '../../../src/shared/guard/decoders/hex';
import { SPAN_DECODERS } from '../../../src/shared/guard/decoders/registry';
import {
  isTextLike,
  type DecodedSpan,
  type SpanDecoder,
} from '../../../src/shared/guard/decoders/spans';
import { RUN_LIMIT_BYTES } from '../../../src/shared/guard/runRule';
import { noise } from '../../helpers/imageryCorpus';
import { TEXT_ENCODINGS, ascii85, base32 } from '../../helpers/r2Encodings';
import { LEGIT_TEXTS } from '../../helpers/r2Legit';

const DATA = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(90, 3)]);
const encodingNamed = (name: string): ((b: Uint8Array) => string) => {
  const e = TEXT_ENCODINGS.find((x) => x.name === name);
  if (!e) throw new Error(`no encoding ${name}`);
  return e.encode;
};

/** The longest span a decoder finds, as bytes. */
function decoded(decode: SpanDecoder, text: string): number[] {
  const spans = decode(text);
  let best: DecodedSpan | undefined;
  for (const s of spans) if (!best || s.bytes.length > best.bytes.length) best = s;
  return Array.from(best?.bytes ?? []);
}

describe('R2 decoders decode every shape to the exact bytes', () => {
  it.each([
    ['hex, plain'],
    ['hex, upper case'],
    ['hex, spaced pairs'],
    ['hex, xxd -p lines'],
    ['hex, xxd dump'],
    ['hex, 0x-prefixed list'],
    ['hex, one 0x number'],
    ['hex, colon pairs'],
    ['hex, mid-sentence'],
  ])('hex: %s', (name) => {
    expect(decoded(hexSpans, encodingNamed(name)(DATA))).toEqual(Array.from(DATA));
  });

  it.each([['bad'], ['face'], ['x']])(
    'hex glued after a word (%s) is also read at the alignment that holds the data',
    (word) => {
      const hex = Buffer.from(DATA).toString('hex');
      const spans = hexSpans(`${word}${hex}`).map((s) => Buffer.from(s.bytes).toString('hex'));
      expect(spans.some((s) => s.includes(hex))).toBe(true);
    },
  );

  it.each([['percent-encoded, every byte'], ['percent-encoded, as a link leaves it']])(
    'percent: %s',
    (name) => {
      expect(decoded(percentSpans, encodingNamed(name)(DATA))).toEqual(Array.from(DATA));
    },
  );

  it.each([['hex, \\x escapes'], ['Python bytes repr']])('backslash escapes: %s', (name) => {
    expect(decoded(backslashSpans, encodingNamed(name)(DATA))).toEqual(Array.from(DATA));
  });

  it.each([
    ['byte list, comma-separated'],
    ['byte list, spaces'],
    ['byte list, JSON array'],
    ['byte list, signed (Java)'],
  ])('byte list: %s', (name) => {
    expect(decoded(byteListSpans, encodingNamed(name)(DATA))).toEqual(Array.from(DATA));
  });

  it.each([
    ['upper case', base32(DATA)],
    ['lower case', base32(DATA).toLowerCase()],
    ['wrapped at 64', (base32(DATA).match(/.{1,64}/g) ?? []).join('\n')],
  ])('base32: %s', (_n, text) => {
    expect(decoded(base32Spans, text)).toEqual(Array.from(DATA));
  });

  it.each([
    ['<~ ~> delimited', `<~${ascii85(DATA)}~>`],
    ['bare', ascii85(DATA)],
    ['bare, wrapped at 75', (ascii85(DATA).match(/.{1,75}/g) ?? []).join('\n')],
  ])('ascii85: %s', (_n, text) => {
    expect(decoded(ascii85Spans, text)).toEqual(Array.from(DATA));
  });

  it('base64: URL escapes %2B and %2F count as characters, and %3D as padding', () => {
    const b64 = Buffer.from(DATA).toString('base64');
    const runs: number[] = [];
    base64Runs(encodeURIComponent(b64), (r) => {
      runs.push(r.m);
      return null;
    });
    expect(runs).toEqual([b64.replace(/=+$/, '').length]);
  });

  it('base64: groups of four are one run', () => {
    const b64 = Buffer.from(DATA).toString('base64');
    const runs: number[] = [];
    base64Runs((b64.match(/.{1,4}/g) ?? []).join(' '), (r) => {
      runs.push(r.m);
      return null;
    });
    expect(runs).toEqual([b64.replace(/=+$/, '').length]);
  });
});

describe('R2 decoders: legitimate text never looks encoded', () => {
  it.each(LEGIT_TEXTS.map((l) => [l.name, l.text]))('%s', (_n, text) => {
    // Text carried in an encoding (a link's %-escapes) is searched again, not counted.
    const looking = SPAN_DECODERS.flatMap((d) => d(text)).filter(
      (s) => s.looksEncoded && s.bytes.length > RUN_LIMIT_BYTES && !isTextLike(s.bytes),
    );
    expect(looking.map((s) => `${s.encoding} ${s.bytes.length}`)).toEqual([]);
  });

  it.each([
    ['dates and times', '01 12 2026 at 10 15, then 02 12 2026 at 09 30'],
    ['a short list of years', 'Years 7, 8, 9, 10 and 11'],
    ['words made of hex letters', 'a bad dead beef cafe faced a decade of fees'],
    ['words in capitals', 'PLEASE READ THE SAFEGUARDING POLICY BEFORE SIGNING'],
  ])('%s', (_n, text) => {
    expect(SPAN_DECODERS.flatMap((d) => d(text)).filter((s) => s.looksEncoded)).toEqual([]);
  });
});
