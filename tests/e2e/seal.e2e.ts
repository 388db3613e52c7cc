// Log seals and the vault file check, as a DSL uses them: the home panel shows the page read of
// the vault file; the DSL prints a log seal, then checks the log against it by typing the short
// form (mistyped first: the error summary links to the field); a senior leader checks it too.
import { test, expect, startHarness, stopHarness } from './harness';
import { addPerson, nav, setUpSchool, signInAs } from './helpers';

test('printing a log seal and checking the log against it; the vault file check on the dashboard', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    await setUpSchool(h);
    const slt = await addPerson(h, 'Harriet Quill', 'slt');
    const panel = page.getByTestId('page-check');
    await expect(panel.getByRole('heading', { name: 'Vault file check' })).toBeVisible();

    await nav(page, 'Log seals');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Check the log against a seal',
    );
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.getByRole('button', { name: 'Print a log seal' }).click();
    const printed = page.getByTestId('seal-printed');
    await expect(printed).toContainText('Saved as');
    const shortForm = (await printed.locator('.mono').textContent())!.trim();
    expect(shortForm).toMatch(
      /^R \d+ [0-9A-F]{4}(-[0-9A-F]{4}){3} \/ A \d+ [0-9A-F]{4}(-[0-9A-F]{4}){3}$/,
    );

    // A mistyped short form: the summary names the problem and links to the field.
    await page.getByLabel('Short form of the seal').fill('R 1 3FA2');
    await page.getByRole('button', { name: 'Check against the seal' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await h.axe('log seal: mistyped short form');
    await summary.getByRole('link').click();
    await expect(page.getByLabel('Short form of the seal')).toBeFocused();

    await page.getByLabel('Short form of the seal').fill(shortForm.toLowerCase());
    await page.getByRole('button', { name: 'Check against the seal' }).click();
    await expect(page.getByTestId('seal-result')).toContainText(
      'The vault still holds exactly the sealed history',
    );
    await h.axe('log seal: checked');
    await h.shot('seal-01-checked');

    // A senior leader can check the log against the seal, but cannot print one.
    await signInAs(page, slt.name, 'slt');
    await nav(page, 'Log seals');
    await expect(page.getByRole('button', { name: 'Print a log seal' })).toHaveCount(0);
    await page.getByLabel('Short form of the seal').fill(shortForm);
    await page.getByRole('button', { name: 'Check against the seal' }).click();
    await expect(page.getByTestId('seal-result')).toContainText('exactly the sealed history');

    // Back as the DSL: the vault file check has run after sign-in and found the file intact.
    await signInAs(page, 'Delphine Okafor', 'dsl');
    await expect(panel).toContainText('Every page of the vault file was read back', {
      timeout: 15_000,
    });
    await h.axe('home with the vault file check');
  } finally {
    await stopHarness(h);
  }
});
