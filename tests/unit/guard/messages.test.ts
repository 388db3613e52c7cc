// Tests of what the R2 text guard says to a person: each refusal in full, in plain words, naming what was found and how it was written, and ending "Nothing was saved."
import { describe, expect, it } from 'vitest';
import type { TextProblem } from '../../../src/shared/guard/imagery';
import { CARRIED_AS, describeTextProblem } from '../../../src/shared/guard/messages';

const TAIL_IMAGERY =
  'CaseSeal never takes in pictures or video in any form, because a copy inside CaseSeal would be ' +
  'a new copy. Describe in words what was seen instead. Nothing was saved.';
const TAIL_ENCODED =
  '— more than any reference number, serial number or fingerprint needs. A picture can be hidden ' +
  'that way, even cut into pieces, so CaseSeal does not take it in. Type references as they are ' +
  'written and describe what was seen in words. Nothing was saved.';
const TAIL_TYPING =
  'usually left behind by copying from another program. Delete it (or type the text again) and ' +
  'try once more. Nothing was saved.';

const say = (p: unknown): string => describeTextProblem(p as TextProblem);

describe('R2 refusals, word for word (what the person reads on screen)', () => {
  it('imagery: names the format and the way it was written', () => {
    expect(say({ kind: 'imagery', format: 'PNG', encoding: 'hex', index: 0 })).toBe(
      'Refused under rule R2: this text holds PNG data, written as hexadecimal codes (the digits ' +
        `0–9 and letters a–f). ${TAIL_IMAGERY}`,
    );
  });

  it('imagery: a format already ending in "data" is not doubled, and a bare file is "data from a file"', () => {
    expect(say({ kind: 'imagery', format: 'HEIF data', encoding: 'base64', index: 0 })).toBe(
      `Refused under rule R2: this text holds HEIF data, written as a block of coded letters and numbers. ${TAIL_IMAGERY}`,
    );
    expect(say({ kind: 'imagery', format: 'binary data', encoding: 'raw', index: 0 })).toBe(
      `Refused under rule R2: this text holds data from a file, written as the contents of a file. ${TAIL_IMAGERY}`,
    );
  });

  it('encoded data in one long run', () => {
    expect(say({ kind: 'encoded-data', scope: 'run', encoding: 'base32' })).toBe(
      `Refused under rule R2: this text holds a long run of a block of coded capital letters and digits ${TAIL_ENCODED}`,
    );
  });

  it('attack: data cut into many short runs in one box is named as such', () => {
    expect(say({ kind: 'encoded-data', scope: 'field', encoding: 'percent' })).toBe(
      'Refused under rule R2: this text holds many short runs of coded characters (web-link codes ' +
        '(%-signs followed by two characters) among them) that add up to more than one box needs ' +
        TAIL_ENCODED,
    );
  });

  it('attack: data spread across the boxes of one record is refused for the record', () => {
    expect(say({ kind: 'encoded-data', scope: 'record', encoding: 'hex' })).toBe(
      'Refused under rule R2: this record holds more coded characters across its boxes than one ' +
        `record needs ${TAIL_ENCODED}`,
    );
  });

  it.each([
    [0, 'a null character'],
    [7, 'a bell character'],
    [8, 'a backspace character'],
    [11, 'a vertical tab'],
    [12, 'a form feed (page break)'],
    [27, 'an escape character'],
    [0x1f, 'an invisible control character (U+001F)'],
    [0x9b, 'an invisible control character (U+009B)'],
  ])('control character %i is named as %s', (codePoint, name) => {
    expect(say({ kind: 'control-character', index: 3, codePoint })).toBe(
      `This text holds ${name}, which cannot be typed and is ${TAIL_TYPING}`,
    );
  });

  it('broken text', () => {
    expect(say({ kind: 'broken-text', index: 0 })).toBe(
      `This text holds a broken character (half of an emoji or symbol), ${TAIL_TYPING}`,
    );
  });

  it('every way of writing data has words a person understands, never a code name', () => {
    for (const [code, words] of Object.entries(CARRIED_AS)) {
      expect(words).not.toBe(code);
      expect(words).not.toMatch(/base\d|ascii|url|escapes|byte-list/i);
    }
  });
});
