// R9 "Describe the device": what a complete description needs after the four-answer seizure, and
// the names a school may give its own kinds of incident.
import { describe, expect, it } from 'vitest';
import { descriptionMissing } from '../../../src/shared/rules/custody';
import { categoryNameProblem } from '../../../src/shared/incidentCategories';

describe('descriptionMissing (R9)', () => {
  it('asks the indicators only of a device that was on, and the statement every time', () => {
    const off = { make: 'Apple', colour: 'Black', condition: 'Good', powerState: 'off' };
    expect(descriptionMissing(off)).toEqual([
      'Statement that it was recorded without using the device',
    ]);
    expect(descriptionMissing({ ...off, notBrowsed: true })).toEqual([]);
    expect(descriptionMissing({ ...off, powerState: 'on', notBrowsed: true })).toEqual([
      'Locked or not',
      'Wi-Fi indicator',
      'Mobile data indicator',
      'Flight mode indicator',
    ]);
  });

  it('does not count blank answers or a statement given as false', () => {
    expect(
      descriptionMissing({
        make: '  ',
        colour: 'Red',
        condition: 'Scratched',
        powerState: 'off',
        notBrowsed: false,
      }),
    ).toEqual(['Make', 'Statement that it was recorded without using the device']);
  });
});

describe('categoryNameProblem', () => {
  it('refuses a duplicate however it is typed, a built-in name, and markup', () => {
    const own = [{ label: 'Young carers' }];
    expect(categoryNameProblem('Young carers', own)).toMatch(/already been added/);
    expect(categoryNameProblem(' YOUNG  cárers ', own)).toMatch(/already been added/);
    expect(categoryNameProblem('Domestic abuse', own)).toMatch(/already in the list/);
    expect(categoryNameProblem('<b>x</b>', own)).toMatch(/letters, numbers/);
    expect(categoryNameProblem('Substance misuse', own)).toBeNull();
  });
});
