// The DSL's day end to end in Chromium, with the browser in an American locale (the forms must not
// depend on it): a staff concern typed by keyboard after a failed submit (the error summary takes
// focus once, links to the fields, speaks plain words, and never steals focus while typing); the
// date as DD MM YYYY and 24-hour HH:MM boxes; the imagery concern urgent on the dashboard with its
// next steps; "Add a record" that does not move on an arrow key; the decision form starting at "not
// to view"; focus to the heading after each screen and back to the opener after a dialog; reflow at
// 200% zoom on 1024×768 with the rules panel never over the form. axe at 100% and 200%.
import { test, expect, startHarness, stopHarness } from './harness';
import { addPerson, axeBoth, nav, setUpSchool, signInAs, ZOOM_200 } from './helpers';
import { openCase } from '../../src/main/core/cases/caseService';
import { caseDetails } from '../helpers/records';

test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

test('a concern typed by keyboard after a failed submit keeps every letter; the imagery concern is urgent with its next steps', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const staff = await addPerson(h, 'Tobias Fenwick', 'staff');
    await signInAs(page, staff.name, 'staff');

    // Focus goes to the new screen's heading.
    await nav(page, 'Record a concern');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

    // Keyboard only: Tab to the first field and press Enter with nothing filled in.
    await page.keyboard.press('Tab');
    const children = page.getByLabel('Child or children concerned');
    await expect(children).toBeFocused();
    await page.keyboard.press('Enter');

    // The summary takes focus once; plain words that name the field; no schema text.
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Enter child or children concerned.');
    await expect(summary).toContainText('Enter what was seen, heard or sent');
    await expect(summary).toContainText('as a date (DD MM YYYY) and a time (HH:MM)');
    await expect(summary).not.toContainText(/Invalid input|expected|received undefined/);
    await axeBoth(h, page, 'concern form — error summary');

    // Its items are links to the fields: Tab to the first, Enter moves to the field.
    await page.keyboard.press('Tab');
    await expect(
      summary.getByRole('link', { name: 'Enter child or children concerned.' }),
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(children).toBeFocused();

    // Typing is never interrupted: every letter stays, and focus stays in the field.
    await page.keyboard.type('Amelia R');
    await expect(children).toHaveValue('Amelia R');
    await expect(children).toBeFocused();
    // The item for a fixed field goes; the summary stays for what is left.
    await expect(summary).not.toContainText('Enter child or children concerned.');
    await expect(summary).toContainText('Enter what was seen, heard or sent');

    // The date, typed in boxes as DD MM YYYY and HH MM (24-hour) in an American locale.
    const when = page.getByRole('group', { name: /When it happened/ });
    await summary.getByRole('link', { name: /when it happened/i }).focus();
    await page.keyboard.press('Enter');
    await expect(when.getByLabel('Day', { exact: true })).toBeFocused();
    await page.keyboard.type('20');
    await page.keyboard.press('Tab');
    await page.keyboard.type('11');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2026');
    await page.keyboard.press('Tab');
    await page.keyboard.type('16');
    await page.keyboard.press('Tab');
    await page.keyboard.type('45');
    await expect(summary).not.toContainText(/when it happened/i);
    await expect(when.getByLabel('Hour', { exact: true })).toHaveValue('16');

    await page
      .getByLabel(/What was seen, heard or sent/)
      .fill('Amelia said a Year 11 boy shared a photo of her in the group chat.');
    await page.getByLabel(/Where \(place/).fill('Library; Snapchat');
    await page.getByLabel('Who was involved').fill('Amelia R; a Year 11 boy');
    await page.getByLabel('What you did').fill('Listened, and came straight to the DSL.');
    await page
      .getByRole('group', { name: /involve nude or semi-nude imagery/ })
      .getByLabel('Yes')
      .check();
    // Once everything is fixed, the stale summary is gone.
    await expect(summary).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign and save' }).press('Enter');
    // A staff concern is sealed to the safeguarding team: the receipt is the new screen.
    await expect(
      page.getByRole('heading', { name: 'Concern sealed and sent to the safeguarding team' }),
    ).toBeFocused();
    await expect(page.getByTestId('concern-receipt')).toContainText('Reference');

    // The DSL's dashboard: the imagery concern is urgent, with the next steps named.
    await signInAs(page, people.dsl.name, 'dsl');
    const item = page.locator('[data-testid="dashboard-item"][data-kind="imagery-steps"]');
    await expect(item).toHaveAttribute('data-severity', 'urgent');
    await expect(item).toContainText('R11');
    await expect(item).toContainText('R1');
    await axeBoth(h, page, 'dashboard — urgent imagery concern');
  } finally {
    await stopHarness(h);
  }
});

test('an imagery case: next steps as a task list, "Add a record" waits for its button, the decision form starts at not to view, focus returns from a dialog, and the rules panel never covers the form at 200%', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    await addPerson(h, 'Devika Deputyson', 'deputy');
    await addPerson(h, 'Barnaby Headworth', 'slt');
    await openCase(h.core, { details: caseDetails() });
    await nav(page, 'Home');

    // The dashboard lists the case's steps as buttons; the first opens the referral check.
    const item = page.locator('[data-testid="dashboard-item"][data-kind="imagery-steps"]');
    await expect(item).toHaveAttribute('data-severity', 'urgent');
    await expect(item.getByRole('button', { name: /Immediate referral check/ })).toBeVisible();
    await expect(
      item.getByRole('button', { name: /Decision about viewing imagery/ }),
    ).toBeVisible();

    await nav(page, 'Cases');
    await page
      .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    const steps = page.getByTestId('next-steps');
    await expect(steps.locator('[data-step="referral-check"]')).toContainText('To do');
    await expect(steps.locator('[data-step="viewing-decision"]')).toContainText('To do');
    await axeBoth(h, page, 'case view — next steps');

    // "Add a record": an arrow key changes the choice but does not navigate (WCAG 3.2.2).
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    const list = page.getByLabel('Add a record');
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading!);
    await expect(list).not.toHaveValue('');
    await list.selectOption('viewing-decision');
    await page.getByRole('button', { name: 'Open the form' }).press('Enter');
    await expect(
      page.getByRole('heading', { level: 1, name: /Decision about viewing imagery/ }),
    ).toBeFocused();

    // The form starts at the default, not to view, and its guidance speaks to that choice.
    const decision = page.getByRole('group', { name: 'Decision', exact: true });
    await expect(decision.getByLabel(/Do not view the imagery/)).toBeChecked();
    const guidance = page.getByTestId('choice-guidance');
    await expect(guidance).toContainText('A decision not to view is the default');
    await expect(guidance).not.toContainText('You are the viewer');
    await axeBoth(h, page, 'decision form — not to view');
    await decision.getByLabel(/View the imagery/).check();
    await expect(guidance).toContainText('You are the viewer');
    // R3's time is required, never labelled optional.
    await expect(page.getByRole('group', { name: /When you discussed it/ })).toContainText(
      'required by rule R3',
    );
    await expect(page.locator('form.record-form')).not.toContainText('(optional)Viewing');

    // At 200% the rules panel sits below the form: it never covers a control.
    await page.setViewportSize(ZOOM_200);
    const panel = await page.locator('.form-findings').boundingBox();
    const controls = page.locator('.form-fields').locator('input, select, textarea, button');
    const n = await controls.count();
    for (let i = 0; i < n; i += 1) {
      const b = await controls.nth(i).boundingBox();
      if (!b || !panel) continue;
      const overlap =
        b.x < panel.x + panel.width &&
        panel.x < b.x + b.width &&
        b.y < panel.y + panel.height &&
        panel.y < b.y + b.height;
      expect(overlap).toBe(false);
    }
    await h.axe('decision form — to view (200%)');
    await page.setViewportSize({ width: 1360, height: 900 });

    // A dialog returns focus to the control that opened it.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    const opener = page
      .getByTestId('delegations-panel')
      .getByRole('button', { name: /A senior leader gives authority to view/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /gives authority to view imagery/ });
    await expect(dialog).toBeVisible();
    // The delegation names when it starts: filled in with now, in DD MM YYYY HH MM boxes.
    await expect(
      dialog.getByRole('group', { name: /Authority starts/ }).getByLabel('Year', { exact: true }),
    ).not.toHaveValue('');
    await axeBoth(h, page, 'delegation dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
    void people;
  } finally {
    await stopHarness(h);
  }
});
