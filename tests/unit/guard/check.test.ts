// Tests of the R2 top-level check: every format in every pasteable encoding is refused and named; look-alikes pass; control and broken characters get their own words.
import { describe, expect, it } from 'vitest';
import {
  checkText,
  describeTextProblem,
  type TextProblem,
} from '../../../src/shared/guard/imagery';
import { bytes, SAMPLES, type Sample } from '../../helpers/imageryCorpus';
import { TEXT_ENCODINGS } from '../../helpers/r2Encodings';
import { LEGIT_TEXTS } from '../../helpers/r2Legit';
import { matrixCover } from '../../helpers/mutationRun';

const payloadOf = (s: Sample): Uint8Array => s.bytes ?? bytes(s.markup ?? '');

/** Where the guard refuses but names the data otherwise: a bare JPEG XL codestream has only a weak
 *  2-byte signature (the run rule refuses it), and base32 of a long binary file is also valid base64,
 *  whose long-binary rule speaks first. Refused all the same. */
const NAMED_OTHERWISE = (s: Sample, encoding: string): boolean =>
  s.name === 'JPEG XL (bare codestream)' ||
  (encoding.startsWith('base32') && /MPEG-TS|TIFF \(big-endian/.test(s.name));

describe('R2: every format × every pasteable encoding', () => {
  const cases = matrixCover(SAMPLES, TEXT_ENCODINGS).map(({ sample, encoding: e }) => ({
    label: `${sample.name} as ${e.name}`,
    sample,
    e,
  }));
  let refused = 0;
  let named = 0;

  it.each(cases)('attack: $label is refused', ({ sample, e }) => {
    const p = checkText(e.encode(payloadOf(sample)));
    expect(p).not.toBeNull();
    refused++;
    if (!NAMED_OTHERWISE(sample, e.name)) {
      expect(p).toMatchObject({ kind: 'imagery', format: sample.format });
      named++;
    }
  });

  it('prints the counts', () => {
    console.log(
      `R2 check: ${cases.length} texts (${SAMPLES.length} format samples × ${TEXT_ENCODINGS.length} encodings): ` +
        `refused ${refused}, named by format ${named}, stored 0`,
    );
    expect(refused).toBe(cases.length);
  });
});

describe('R2: legitimate text that only looks encoded is accepted', () => {
  it.each(LEGIT_TEXTS.map((l) => [l.name, l.text]))('%s', (_n, text) => {
    expect(checkText(text)).toBeNull();
  });
});

describe('control characters and broken Unicode get their own clear messages', () => {
  it('a bell (U+0007) is a control character, never an image', () => {
    const p = checkText('Please ring\u0007 the office');
    expect(p).toEqual({ kind: 'control-character', index: 11, codePoint: 7 });
    const words = describeTextProblem(p as TextProblem);
    expect(words).toMatch(/a bell character/);
    expect(words).not.toMatch(/image|picture|video|R2/i);
    expect(words).toMatch(/Nothing was saved\.$/);
  });

  it.each([
    ['a lone high surrogate', 'She sent \ud83d then left', 9],
    ['a lone low surrogate', 'x\ude00', 1],
    ['a low then a high surrogate', '\ude00\ud83d', 0],
  ])('%s is broken text, with its own words', (_n, text, index) => {
    const p = checkText(text);
    expect(p).toEqual({ kind: 'broken-text', index });
    expect(describeTextProblem(p as TextProblem)).toMatch(/broken character/);
  });

  it('a whole emoji (a surrogate pair) is not broken', () => {
    expect(checkText('😀 👍🏽 ❤️‍🔥')).toBeNull();
  });

  it('a file read as text (control characters and a signature) is imagery, named', () => {
    const png = payloadOf(SAMPLES[0] as Sample);
    expect(checkText(String.fromCharCode(...png))).toMatchObject({
      kind: 'imagery',
      format: 'PNG',
    });
  });
});

describe('refusals say what and why in plain words (R2)', () => {
  it('names the format and the way it was written, and never repeats the data', () => {
    const hex = Buffer.from(payloadOf(SAMPLES[0] as Sample)).toString('hex');
    const words = describeTextProblem(checkText(`School ${hex}`) as TextProblem);
    expect(words).toMatch(
      /^Refused under rule R2: this text holds PNG data, written as hexadecimal/,
    );
    expect(words).not.toContain(hex.slice(0, 16));
  });

  it('explains the run rule without naming a format', () => {
    const blob = Buffer.from(Uint8Array.from({ length: 200 }, (_, i) => (i * 97 + 13) & 255));
    const p = checkText(`see ${blob.toString('hex')}`);
    expect(p).toMatchObject({ kind: 'encoded-data', scope: 'run' });
    expect(describeTextProblem(p as TextProblem)).toMatch(
      /rule R2: this text holds a long run of hexadecimal codes .* more than any reference number, serial number or fingerprint needs/,
    );
  });
});
