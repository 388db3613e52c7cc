// Pupils end to end in Chromium: add a pupil (the error summary links to its fields), the concern
// form's pupil picker and quick add, linking a pupil and a related case on a case, correcting the
// pupil's details, the pupil's page with its chronology and filters, saving the chronology PDF
// (pdftotext, audited), and a senior leader not on the case seeing none of it — axe on each screen.
import { execFileSync } from 'node:child_process';
import { test, expect, startHarness, stopHarness } from './harness';
import { addPerson, fillDateTime, nav, setUpSchool, signInAs } from './helpers';
import * as cases from '../../src/main/core/cases/caseService';

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('pupils: add, quick add from a concern, link, correct, chronology and its PDF', async ({
  page,
}) => {
  // One long journey: more time than the default three minutes.
  test.setTimeout(360_000);
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const slt = await addPerson(h, 'Harriet Quill', 'slt');

    // Add a pupil: the error summary's links lead to the fields.
    await nav(page, 'Pupils');
    await expect(page.getByRole('heading', { level: 1, name: 'Pupils' })).toBeFocused();
    await h.axe('pupils list');
    await page.getByRole('button', { name: 'Add a pupil' }).click();
    await page.getByRole('button', { name: 'Sign and add the pupil' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toContainText('Enter the pupil’s legal name');
    await expect(summary).toContainText('Enter the pupil’s year group');
    await h.axe('add pupil with errors');
    await summary.getByRole('link', { name: 'Enter the pupil’s year group' }).click();
    await expect(page.getByLabel('Year group', { exact: true })).toBeFocused();
    await page.getByLabel('Legal name').fill('Amelia Jones');
    await page.getByLabel('Known as (optional)').fill('Millie');
    await page.getByLabel('Year group', { exact: true }).fill('Year 9');
    const dob = page.getByRole('group', { name: /Date of birth/ });
    await dob.getByLabel('Day').fill('4');
    await dob.getByLabel('Month').fill('3');
    await dob.getByLabel('Year', { exact: true }).fill('2012');
    await page.getByRole('group', { name: /^Sex/ }).getByLabel('Female').check();
    await page.getByLabel(/UPN/).fill('A123456789012');
    await h.shot('pupils-01-add-pupil');
    await page.getByRole('button', { name: 'Sign and add the pupil' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Amelia Jones (known as Millie)',
    );
    await expect(page.getByTestId('pupil-details')).toContainText('04/03/2012');
    await h.axe('pupil page');

    // The concern form: pick Amelia and quickly add the pupil who shared.
    await nav(page, 'Record a concern');
    const picker = page.getByTestId('concern-pupils');
    await picker.getByLabel('Find an existing pupil').fill('Millie');
    await picker.getByRole('button', { name: 'Find', exact: true }).click();
    await picker.getByRole('button', { name: 'Choose Amelia Jones (Millie), Year 9' }).click();
    await picker.getByLabel('Role of the next pupil').selectOption('shared');
    await picker.getByRole('button', { name: 'Add a new pupil quickly' }).click();
    await picker.getByLabel(/Pupil.s name/).fill('Sam Carter');
    await picker.getByLabel('Year group').fill('Year 10');
    await picker.getByRole('button', { name: 'Add this pupil' }).click();
    await expect(page.getByTestId('concern-pupils-chosen')).toContainText(
      'Sam Carter — The person who shared (new pupil)',
    );
    await h.axe('concern form with pupils');
    await page.getByLabel('Child or children concerned').fill('Amelia Jones (Year 9)');
    await page
      .getByLabel(/What was seen, heard or sent/)
      .fill(
        'Amelia said Sam sent her semi-nudes of another pupil in a group chat. I did not look.',
      );
    await fillDateTime(page, /When it happened/, '2026-11-20T10:30');
    await page.getByLabel(/Where \(place/).fill('Form room; group chat');
    await page.getByLabel('Who was involved').fill('Amelia Jones; Sam Carter (Year 10)');
    await page.getByLabel('What you did').fill('Listened and came straight to the DSL.');
    await page
      .getByRole('group', { name: /involve nude or semi-nude imagery/ })
      .getByLabel('Yes')
      .check();
    await h.shot('pupils-02-concern-with-pupils');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(page.getByRole('heading', { name: 'Concern recorded' })).toBeVisible();
    await page.getByRole('button', { name: 'View what you recorded' }).click();
    const panel = page.getByTestId('case-pupils-panel');
    await expect(panel.getByTestId('case-pupils')).toContainText(
      'Amelia Jones (Millie) (Year 9) — The child concerned',
    );
    await expect(panel.getByTestId('case-pupils')).toContainText(
      'Sam Carter (Year 10) — The person who shared',
    );
    await h.axe('case with pupils panel');

    // A second case, opened through the core, linked from this one; Amelia linked to it on screen.
    const other = await cases.openCase(h.core, {
      details: {
        title: 'Worries at home',
        incidentKind: 'neglect',
        children: [
          {
            id: crypto.randomUUID(),
            name: 'A.J.',
            yearGroup: 'Year 9',
            sex: 'female',
            send: false,
          },
        ],
      },
    });
    const otherRef = (await cases.getCase(h.core, other.caseId)).case.ref;
    await panel.getByRole('button', { name: 'Link a related case' }).click();
    await panel.getByLabel('The other case’s reference').fill(otherRef);
    await panel.getByLabel('How they are related').selectOption('siblings');
    await panel.getByRole('button', { name: 'Sign the link' }).click();
    await expect(panel.getByTestId('related-cases')).toContainText(
      `${otherRef} Worries at home — Concerns siblings`,
    );
    await panel.getByRole('button', { name: otherRef }).click();
    const otherPanel = page.getByTestId('case-pupils-panel');
    await expect(otherPanel.getByTestId('related-cases')).toContainText('Concerns siblings');
    await otherPanel.getByRole('button', { name: 'Link a pupil' }).click();
    await otherPanel.getByLabel('Find the pupil').fill('Amelia');
    await otherPanel.getByRole('button', { name: 'Find', exact: true }).click();
    await otherPanel.getByRole('button', { name: 'Choose Amelia Jones (Millie), Year 9' }).click();
    await otherPanel
      .getByLabel('Is this a child already named on the case?')
      .selectOption({ label: 'A.J.' });
    await h.axe('link a pupil');
    await otherPanel.getByRole('button', { name: 'Sign the link' }).click();
    await expect(otherPanel.getByTestId('case-pupils')).toContainText(
      'Amelia Jones (Millie) (Year 9) — The child concerned',
    );

    // Correct Amelia's details: the correction shows as a correction.
    await otherPanel.getByRole('button', { name: 'Amelia Jones (Millie)' }).click();
    await expect(page.getByTestId('pupil-cases').getByRole('row')).toHaveCount(3);
    await page.getByRole('button', { name: 'Correct these details' }).click();
    await page.getByLabel('Tutor group or class (optional)').fill('9K');
    await page
      .getByLabel('Reason for the correction')
      .fill('Tutor group missing from admissions data.');
    await h.axe('correct a pupil');
    await page.getByRole('button', { name: 'Sign the correction' }).click();
    await expect(page.getByTestId('pupil-history')).toContainText(
      'Reason: Tutor group missing from admissions data.',
    );
    await expect(page.getByTestId('pupil-details')).toContainText('9K');

    // The chronology across both cases, filtered by kind, then saved as a PDF.
    const chrono = page.getByTestId('pupil-chronology');
    await expect(chrono).toContainText('Concern');
    await expect(chrono).toContainText('Correction to Pupil details');
    await expect(chrono.locator('[data-kind="pupil"]')).toContainText('Corrected on');
    await h.shot('pupils-03-pupil-page');
    await page.getByLabel('Kind of entry').selectOption({ label: 'Concern' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(chrono.locator('li.record')).toHaveCount(1);
    await page.getByLabel('Kind of entry').selectOption({ label: 'Every kind' });
    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('31');
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('2');
    await page
      .getByRole('group', { name: 'From' })
      .getByLabel('Year', { exact: true })
      .fill('2026');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
      'The “from” date must be a real date',
    );
    await h.axe('chronology filter error');
    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('');
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('');
    await page.getByRole('group', { name: 'From' }).getByLabel('Year', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('button', { name: 'Save the chronology as a PDF' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Saved pupil-chronology.pdf' }),
    ).toBeVisible();
    const pdf = h.savedFiles.find((f) => f.endsWith('pupil-chronology.pdf'))!;
    const text = pdfText(pdf);
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Larkspur Academy Qwerty');
    expect(text).toContain(`${people.dsl.name} (Designated Safeguarding Lead)`);
    expect(text).toContain('Tutor group missing from admissions data.');
    expect(text).toContain(otherRef);
    await h.axe('pupil page after printing');
    await nav(page, 'Audit trail');
    // The printing is on the audit trail in plain words, never as the action's code.
    await expect(page.getByRole('main')).toContainText('Printed a pupil’s chronology');
    await expect(page.getByRole('main')).not.toContainText('chronology-printed');
    await expect(page.getByRole('main')).not.toContainText('kind: pupil-linked');

    // A senior leader on neither case sees Amelia's details but none of her cases.
    await signInAs(page, slt.name, 'slt');
    await nav(page, 'Pupils');
    await page.getByLabel('Find a pupil').fill('Year 9');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'Amelia Jones (Millie)' }).click();
    await expect(page.getByText('No case you can read is linked to this pupil.')).toBeVisible();
    await expect(page.getByTestId('pupil-chronology')).not.toContainText('Concern');
    await expect(page.getByRole('button', { name: 'Correct these details' })).toHaveCount(0);
    await h.axe('pupil page as a senior leader');
  } finally {
    await stopHarness(h);
  }
});
