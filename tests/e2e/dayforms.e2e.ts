// End to end in Chromium over a real vault: the seizure in four answers, keyboard only — the
// exhibit reference straight after what it is, whose it is, the seal number and where it is locked;
// the error summary takes focus once and links to the fields; the rest of the description is
// completed in the checklist, which lists what is still missing. And the school's own kinds of
// incident: added and retired in Settings (duplicates refused in plain words), offered for new
// cases until retired. axe on every new screen and state.
import type { Locator, Page } from '@playwright/test';
import { test, expect, startHarness, stopHarness } from './harness';
import { axeBoth, nav, setUpSchool } from './helpers';
import { openCase } from '../../src/main/core/cases/caseService';
import { caseDetails } from '../helpers/records';

/** Press Tab until `target` has focus (a keyboard user's way there); fails after 80 presses. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${String(target)} with the Tab key`);
}

test('a seizure in four answers, keyboard only: the exhibit reference at once, the description completed later in the checklist', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const h = await startHarness(page);
  try {
    await setUpSchool(h);
    await openCase(h.core, { details: caseDetails() });
    await nav(page, 'Cases');
    await page
      .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Image shared');

    // From the case to the four-answer form, by keyboard; focus lands on the new screen's heading.
    await tabTo(page, page.getByRole('button', { name: 'Add a device' }));
    await page.keyboard.press('Enter');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toContainText('Add a device');
    await expect(h1).toBeFocused();
    await expect(page.getByLabel(/^Make/)).toHaveCount(0);

    // Signing with nothing given: the summary takes focus once, and its items link to the fields.
    const submit = page.getByRole('button', { name: 'Sign and get the exhibit reference' });
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(4);
    await expect(summary).not.toContainText(/Invalid input|expected/);
    await axeBoth(h, page, 'add a device — four answers missing');
    await tabTo(page, summary.getByRole('link').nth(2));
    await page.keyboard.press('Enter');
    await expect(page.getByLabel(/^Seal or evidence bag number/)).toBeFocused();

    // The four answers, typed.
    await tabTo(page, page.getByRole('radio', { name: 'Phone' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('radio', { name: 'A child on this case' }));
    await page.keyboard.press('Space');
    const child = page.getByLabel('The child', { exact: true });
    await tabTo(page, child);
    await child.selectOption({ label: 'Tallulah Vance' });
    await tabTo(page, page.getByLabel(/^Seal or evidence bag number/));
    await page.keyboard.type('EB-0091');
    // Typing does not pull focus back to the summary.
    await expect(page.getByLabel(/^Seal or evidence bag number/)).toBeFocused();
    await tabTo(page, page.getByLabel(/^Where it is locked/));
    await page.keyboard.type('Safe in the DSL office (room 14)');
    await h.axe('add a device — four answers given');
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    await expect(h1).toHaveText(/^Device recorded as exhibit CS-\d{6}-\d{4}-001$/);
    await expect(h1).toBeFocused();
    await expect(page.getByTestId('describe-later')).toContainText('The case cannot be closed');
    await axeBoth(h, page, 'device recorded after four answers');
    await h.shot('dayforms-01-exhibit-after-four-answers');

    // The checklist lists what is still missing.
    await tabTo(page, page.getByRole('button', { name: 'Go to the seizure checklist' }));
    await page.keyboard.press('Enter');
    await expect(h1).toContainText('Exhibit CS-');
    const missing = page.getByTestId('description-missing');
    for (const item of ['Make', 'Colour', 'Condition', 'On or off when seized'])
      await expect(missing.getByRole('listitem').filter({ hasText: item })).toHaveCount(1);
    await expect(page.getByTestId('device-summary')).toContainText(
      'Safe in the DSL office (room 14) (as given when it was recorded)',
    );
    await axeBoth(h, page, 'device — description missing');
    await h.shot('dayforms-02-description-missing');

    // Part of it now: a new signed record; the list shrinks.
    await tabTo(page, page.getByRole('button', { name: /^Complete the description/ }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: /Device description/ })).toBeFocused();
    await tabTo(page, page.getByLabel(/^Make/));
    await page.keyboard.type('Samsung');
    await tabTo(page, page.getByLabel(/^Colour/));
    await page.keyboard.type('Blue');
    await tabTo(page, page.getByTestId('step-form').getByRole('checkbox'));
    await page.keyboard.press('Space');
    await axeBoth(h, page, 'description form');
    await tabTo(page, page.getByTestId('step-form').getByRole('button', { name: 'Sign and save' }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('step-saved')).toBeFocused();
    await expect(page.getByTestId('step-saved')).toContainText('Still to describe after this');
    await expect(missing.getByRole('listitem').filter({ hasText: 'Make' })).toHaveCount(0);
    await expect(missing.getByRole('listitem').filter({ hasText: 'Condition' })).toHaveCount(1);

    // The rest: complete. What was given before is already filled in.
    await tabTo(page, page.getByRole('button', { name: /^Complete the description/ }));
    await page.keyboard.press('Enter');
    await expect(page.getByLabel(/^Make/)).toHaveValue('Samsung');
    await tabTo(page, page.getByLabel(/^Condition/));
    await page.keyboard.type('Scuffed corners; no case.');
    // A radio group is one Tab stop: the arrow keys choose within it.
    await tabTo(page, page.getByRole('radio', { name: 'On', exact: true }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Off', exact: true })).toBeChecked();
    await tabTo(page, page.getByTestId('step-form').getByRole('checkbox'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByTestId('step-form').getByRole('button', { name: 'Sign and save' }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('description-state')).toHaveText('The description is complete.');
    await expect(page.locator('.custody-description')).toContainText('Samsung, Blue');
    await expect(page.getByTestId('description-records').getByRole('listitem')).toHaveCount(2);
    await axeBoth(h, page, 'device — description complete');
    await h.shot('dayforms-03-description-complete');
  } finally {
    await stopHarness(h);
  }
});

test('the school’s own kinds of incident: added in Settings, duplicates refused in plain words, offered for new cases until retired', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const h = await startHarness(page);
  try {
    await setUpSchool(h);
    await nav(page, 'Settings');
    const panel = page.getByTestId('incident-kinds');
    await expect(panel.getByTestId('no-own-kinds')).toBeVisible();
    await axeBoth(h, page, 'settings — kinds of incident');

    // Nothing typed: the summary takes focus and links to the name.
    const add = panel.getByRole('button', { name: 'Add this kind of incident' });
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    const summary = panel.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Enter the name of the kind of incident');
    await tabTo(page, summary.getByRole('link'));
    await page.keyboard.press('Enter');
    const nameBox = panel.getByLabel('Name of the new kind of incident');
    await expect(nameBox).toBeFocused();
    await page.keyboard.type('Young carers');
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toContainText('“Young carers” was added.');
    await expect(panel.getByTestId('own-kind')).toHaveCount(1);
    await axeBoth(h, page, 'settings — a kind added');

    // The same kind again, however it is typed, and a built-in one: refused in plain words.
    await nameBox.fill('young   CARERS');
    await add.click();
    await expect(summary).toContainText('“young CARERS” has already been added');
    await nameBox.fill('Neglect');
    await add.click();
    await expect(summary).toContainText('is already in the list of kinds of incident');
    await expect(panel.getByTestId('own-kind')).toHaveCount(1);
    await h.axe('settings — duplicate refused');
    await h.shot('dayforms-04-kinds-duplicate');

    // Offered when a case is opened.
    await nav(page, 'Cases');
    await page.getByRole('button', { name: 'Open a new case' }).click();
    const kind = page.getByLabel('Kind of incident');
    await expect(kind.locator('option', { hasText: 'Young carers' })).toHaveCount(1);
    await expect(kind.locator('option').last()).toHaveText('Other');
    const youngCarers = (await kind
      .locator('option', { hasText: 'Young carers' })
      .getAttribute('value'))!;
    const carerCase = await openCase(h.core, {
      details: caseDetails({ title: 'A young carer missing school', incidentKind: youngCarers }),
    });

    // Retired: kept, no longer offered.
    await nav(page, 'Settings');
    await panel.getByRole('button', { name: 'Retire Young carers' }).click();
    await expect(panel.getByRole('status')).toContainText('was retired');
    await expect(panel.getByTestId('own-kind')).toContainText('No — retired');
    await axeBoth(h, page, 'settings — a kind retired');
    await nav(page, 'Cases');
    await page.getByRole('button', { name: 'Open a new case' }).click();
    await expect(
      page.getByLabel('Kind of incident').locator('option', { hasText: 'Young carers' }),
    ).toHaveCount(0);
    // Correcting the details of a case that has the retired kind keeps it on offer, chosen.
    await nav(page, 'Cases');
    const carerRef = (await h.core
      .requireDb()
      .get<{ ref: string }>('SELECT ref FROM cases WHERE id = ?', [carerCase.caseId]))!.ref;
    await page.getByRole('button', { name: carerRef, exact: true }).click();
    await page
      .locator('article[data-kind="case-opened"]')
      .getByRole('button', { name: 'Correct this record' })
      .click();
    await expect(page.getByLabel('Kind of incident')).toHaveValue(youngCarers);
    await axeBoth(h, page, 'correcting a case whose kind was retired');
    expect(
      (
        await h.core
          .requireDb()
          .all<{ action: string }>("SELECT action FROM audit WHERE action LIKE 'category-%'")
      ).map((r) => r.action),
    ).toEqual(['category-added', 'category-retired']);
  } finally {
    await stopHarness(h);
  }
});
