// What the R2 text guard says to a person, in plain words: why a text was refused and what to do instead.
import type { TextProblem } from './imagery';
import type { ImageryEncoding } from './types';

/** Plain-English statement of rule R2 for people using CaseSeal (no technical terms). */
export const IMAGERY_RULE_EXPLANATION =
  'CaseSeal never takes in images or video: not photos, screenshots, videos or drawings, and not ' +
  'as files, by dragging, by pasting, or hidden inside copied text (a long jumble of letters and ' +
  'numbers can be a picture in disguise, so CaseSeal refuses that too). This is rule R2 of the ' +
  "school's safeguarding guidance: nobody may copy, store, save or share an indecent image of a " +
  'child, even to keep it as evidence, and a copy inside CaseSeal would be a new copy. Describe ' +
  'in words what was seen instead. If a copy has already been made somewhere, do not move, share ' +
  'or delete it: record that it exists in the form and contact the police for advice.';

/** How each encoding is named to a person. */
export const CARRIED_AS: Record<ImageryEncoding, string> = {
  raw: 'the contents of a file',
  base64: 'a block of coded letters and numbers',
  'data-url': 'a "data:" link',
  markup: 'drawing code',
  hex: 'hexadecimal codes (the digits 0–9 and letters a–f)',
  percent: 'web-link codes (%-signs followed by two characters)',
  escapes: 'escaped codes (such as \\x89)',
  'byte-list': 'a list of numbers',
  base32: 'a block of coded capital letters and digits',
  ascii85: 'a block of coded symbols',
};

const CONTROL_NAMES: Record<number, string> = {
  0: 'a null character',
  7: 'a bell character',
  8: 'a backspace character',
  11: 'a vertical tab',
  12: 'a form feed (page break)',
  27: 'an escape character',
};

const SAVED_NOTHING = 'Nothing was saved.';

/** The plain-words reason a text was refused (R2 for imagery and encoded data). */
export function describeTextProblem(p: TextProblem): string {
  switch (p.kind) {
    case 'imagery': {
      const what =
        p.format === 'binary data' ? 'data from a file' : `${p.format.replace(/ data$/, '')} data`;
      return (
        `Refused under rule R2: this text holds ${what}, written as ${CARRIED_AS[p.encoding]}. ` +
        'CaseSeal never takes in pictures or video in any form, because a copy inside CaseSeal ' +
        `would be a new copy. Describe in words what was seen instead. ${SAVED_NOTHING}`
      );
    }
    case 'encoded-data': {
      const where =
        p.scope === 'run'
          ? `a long run of ${CARRIED_AS[p.encoding]}`
          : p.scope === 'field'
            ? `many short runs of coded characters (${CARRIED_AS[p.encoding]} among them) that add up to more than one box needs`
            : 'more coded characters across its boxes than one record needs';
      return (
        `Refused under rule R2: this ${p.scope === 'record' ? 'record' : 'text'} holds ${where} — ` +
        'more than any reference number, serial number or fingerprint needs. A picture can be ' +
        'hidden that way, even cut into pieces, so CaseSeal does not take it in. Type references ' +
        `as they are written and describe what was seen in words. ${SAVED_NOTHING}`
      );
    }
    case 'control-character': {
      const name =
        CONTROL_NAMES[p.codePoint] ??
        `an invisible control character (U+${p.codePoint.toString(16).padStart(4, '0').toUpperCase()})`;
      return (
        `This text holds ${name}, which cannot be typed and is usually left behind by copying ` +
        `from another program. Delete it (or type the text again) and try once more. ${SAVED_NOTHING}`
      );
    }
    case 'broken-text':
      return (
        'This text holds a broken character (half of an emoji or symbol), usually left behind by ' +
        `copying from another program. Delete it (or type the text again) and try once more. ${SAVED_NOTHING}`
      );
  }
}
