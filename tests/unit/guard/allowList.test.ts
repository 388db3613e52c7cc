// Tests of the R2 allow-list's masking: each identifier blanked in place at its own length, sorted by position, and no more set aside than the cap.
import { describe, expect, it } from 'vitest';
import { MAX_ALLOWED_PER_TEXT, maskAllowed } from '../../../src/shared/guard/allowList';

const UUID = '123e4567-e89b-12d3-a456-426614174000';
const SERIAL = 'C02XG0FDJG5J';
const UPN = 'A12345678901B';
const blank = (s: string): string => ' '.repeat(s.length);

describe('R2 allow-list: what is set aside, exactly', () => {
  it('blanks each identifier in place, at its own length, and keeps every other character', () => {
    const text = `Phone ${SERIAL} seized; pupil ${UPN}, case ${UUID}.`;
    const { masked, count, chars } = maskAllowed(text);
    expect(masked).toBe(`Phone ${blank(SERIAL)} seized; pupil ${blank(UPN)}, case ${blank(UUID)}.`);
    expect(masked.length).toBe(text.length); // offsets into the text still hold
    expect(count).toBe(3);
    expect(chars).toBe(SERIAL.length + UPN.length + UUID.length);
  });

  it('an identifier of a later shape that comes first in the text is blanked in its place', () => {
    // The serial pattern runs after the UUID pattern; the masking still goes left to right.
    const text = `${SERIAL} then ${UUID}`;
    expect(maskAllowed(text)).toEqual({
      masked: `${blank(SERIAL)} then ${blank(UUID)}`,
      count: 2,
      chars: SERIAL.length + UUID.length,
    });
  });

  it('text with no identifier comes back as it was, with nothing counted', () => {
    expect(maskAllowed('Parent rang at 9.')).toEqual({
      masked: 'Parent rang at 9.',
      count: 0,
      chars: 0,
    });
  });

  it(`attack: data written as ${MAX_ALLOWED_PER_TEXT + 4} identifiers: only the first ${MAX_ALLOWED_PER_TEXT}, by position, are set aside`, () => {
    // UUIDs last in the text but first in the allow-list: the serial before them must still be
    // among those kept, and the last four identifiers stay in the text, counted as data.
    const uuids = Array.from(
      { length: MAX_ALLOWED_PER_TEXT + 3 },
      (_, i) => `123e4567-e89b-12d3-a456-4266141740${String(i).padStart(2, '0')}`,
    );
    const text = `${SERIAL} then ${uuids.join(' then ')}`;
    const { masked, count, chars } = maskAllowed(text);
    expect(count).toBe(MAX_ALLOWED_PER_TEXT);
    expect(masked.startsWith(blank(SERIAL))).toBe(true);
    const kept = uuids.slice(0, MAX_ALLOWED_PER_TEXT - 1);
    const left = uuids.slice(MAX_ALLOWED_PER_TEXT - 1);
    for (const u of kept) expect(masked).not.toContain(u);
    for (const u of left) expect(masked).toContain(u);
    expect(chars).toBe(SERIAL.length + kept.length * UUID.length);
  });

  it(`attack: identifiers padded past ${MAX_ALLOWED_PER_TEXT * 4} make the scan stop setting aside, so what follows is counted as data`, () => {
    // The scan stops after 64 identifiers (it never needs more than 16): a serial written before
    // 64 UUIDs is found by a later pattern, after the scan has stopped, and is not blanked.
    const uuids = Array.from(
      { length: MAX_ALLOWED_PER_TEXT * 4 },
      (_, i) => `123e4567-e89b-12d3-a456-4266141740${String(i).padStart(2, '0')}`,
    );
    const text = `${SERIAL} then ${uuids.join(' then ')}`;
    const { masked, count } = maskAllowed(text);
    expect(count).toBe(MAX_ALLOWED_PER_TEXT);
    expect(masked.startsWith(SERIAL)).toBe(true);
    expect(masked).not.toContain(uuids[0]);
  });
});
