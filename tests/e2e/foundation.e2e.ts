// end to end in Chromium: set-up -> recovery-key confirmation -> sign in -> lock -> wrong
// passphrase -> sign in; idle lock; nothing of the school's left in the DOM behind the lock.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, expect, startHarness, stopHarness, type AppHarness } from './harness';

const SCHOOL = { name: 'Hollowbrook Primary Xylo', urn: '654321', la: 'Westmere Council' };
const DSL = { name: 'Winifred Ashcombe', pass: 'marble-juniper-cobalt-anchor-72' };

async function setUp(
  h: AppHarness,
  opts: { printSheet: boolean } = { printSheet: true },
): Promise<void> {
  const { page } = h;
  await expect(
    page.getByRole('heading', { name: 'Set up CaseSeal for your school' }),
  ).toBeVisible();
  await h.axe('setup: details');
  await h.shot('01-setup-details');
  // A mistake first: a short passphrase and a bad URN are explained, nothing happens.
  await page.getByLabel('School name').fill(SCHOOL.name);
  await page.getByLabel('URN').fill('12345');
  await page.getByLabel('Local authority').fill(SCHOOL.la);
  await page.getByLabel('Your full name').fill(DSL.name);
  await page.getByLabel('Choose a passphrase').fill('short');
  await page.getByLabel('Type the passphrase again').fill('short');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    '6-digit',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    'at least 12 characters',
  );
  await h.axe('setup: errors');
  await page.getByLabel('URN').fill(SCHOOL.urn);
  await page.getByLabel('Choose a passphrase').fill(DSL.pass);
  await page.getByLabel('Type the passphrase again').fill(DSL.pass);
  await page.getByRole('button', { name: 'Continue' }).click();
  const key = page.getByTestId('recovery-key');
  await expect(key).toBeVisible();
  const groups = (await key.getAttribute('aria-label'))!.replace('Recovery key: ', '').split(', ');
  expect(groups).toHaveLength(8);
  await h.axe('setup: recovery key');
  await h.shot('02-setup-recovery-key');
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await page.getByLabel(/I have written the recovery key down/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // The key is gone from the screen; the app asks for two groups.
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);
  const asked = page.getByLabel(/^Group \d$/);
  await expect(asked).toHaveCount(2);
  // Wrong groups first: refused, vault not created.
  await asked.nth(0).fill('0000');
  await asked.nth(1).fill('0000');
  await page.getByRole('button', { name: 'Finish set-up' }).click();
  await expect(page.getByRole('alert')).toContainText('do not match');
  for (let i = 0; i < 2; i++) {
    const label = (await asked.nth(i).getAttribute('id'))!;
    const n = Number(
      (await page.locator(`label[for="${label}"]`).textContent())!.replace('Group ', ''),
    );
    await asked.nth(i).fill(groups[n - 1]!.toLowerCase());
  }
  await h.axe('setup: confirm');
  await h.shot('03-setup-confirm');
  await page.getByRole('button', { name: 'Finish set-up' }).click();
  // The set-up sheet: the school key fingerprint, saved as a PDF to print and keep with the key.
  await expect(page.getByRole('heading', { name: 'Print the set-up sheet' })).toBeVisible();
  const fingerprint = (await page.getByTestId('setup-school-key').textContent())!;
  expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
  schoolKey = fingerprint;
  if (!opts.printSheet) {
    // The idle-lock test: straight on, before the short idle time runs out.
    await page.getByRole('button', { name: 'Continue to CaseSeal' }).click();
    await expect(page.getByRole('heading', { name: 'What is waiting' })).toBeVisible();
    return;
  }
  await h.axe('setup: set-up sheet');
  await h.shot('03b-setup-sheet');
  await page.getByRole('button', { name: 'Save the set-up sheet (PDF)' }).click();
  await expect(page.getByText('Set-up sheet saved as')).toBeVisible();
  const sheet = h.savedFiles.find((f) => f.endsWith('caseseal-setup-sheet.pdf'))!;
  expect(readFileSync(sheet).subarray(0, 5).toString()).toBe('%PDF-');
  const sheetText = execFileSync('pdftotext', [sheet, '-'], { encoding: 'utf8' });
  // The fingerprint wraps onto two lines on the page.
  expect(sheetText.replace(/\s+/g, ' ')).toContain(fingerprint);
  expect(sheetText).toContain(SCHOOL.name);
  expect(sheetText).not.toContain(groups.join('-'));
  await page.getByRole('button', { name: 'Continue to CaseSeal' }).click();
  await expect(page.getByRole('heading', { name: 'What is waiting' })).toBeVisible();
}

let schoolKey = '';

async function expectNothingSensitive(h: AppHarness): Promise<void> {
  const html = await h.page.content();
  const text = await h.page.evaluate(() => document.body.innerText);
  for (const s of [SCHOOL.name, SCHOOL.urn, SCHOOL.la, 'Hollowbrook', 'Westmere']) {
    expect(html, `"${s}" in the locked DOM`).not.toContain(s);
    expect(text).not.toContain(s);
  }
}

test('set up, sign in, lock, wrong passphrase, sign in again; the locked DOM holds no school data', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    await setUp(h);
    await expect(page.locator('header')).toContainText(SCHOOL.name);
    await h.axe('home');
    await h.shot('04-home');

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'CaseSeal is locked' })).toBeVisible();
    await expectNothingSensitive(h);
    await h.axe('lock screen');
    await h.shot('05-lock-screen');

    await page.getByLabel(new RegExp(DSL.name)).check();
    await page.getByLabel('Your passphrase').fill('definitely-not-it-000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('not right for this account');
    await expect(page.getByRole('alert')).toContainText('4 more tries');
    await h.axe('wrong passphrase');
    await h.shot('06-wrong-passphrase');
    await expectNothingSensitive(h);

    await page.getByLabel('Your passphrase').fill(DSL.pass);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'What is waiting' })).toBeVisible();
    await expect(page.locator('header')).toContainText(SCHOOL.name);

    // The audit trail shows the sign-ins, the lock and the failure.
    await page.getByRole('button', { name: 'Audit trail' }).click();
    const table = page.getByTestId('audit-table');
    await expect(table).toContainText('Wrong passphrase');
    await expect(table).toContainText('Locked');
    await expect(table).toContainText('Set up CaseSeal');
    await h.axe('audit trail');
    await h.shot('07-audit-trail');

    // Accounts and settings screens are reachable and accessible.
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
    await h.axe('accounts');
    await h.shot('08-accounts');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByLabel('School name')).toHaveValue(SCHOOL.name);
    await expect(page.getByTestId('school-key-fingerprint')).toHaveText(schoolKey);
    await h.axe('settings');
    await h.shot('09-settings');
  } finally {
    await stopHarness(h);
  }
});

test('locks itself after the idle time and clears the page', async ({ page }) => {
  const h = await startHarness(page, { idleLockMs: 2500 });
  try {
    await setUp(h, { printSheet: false });
    await expect(page.locator('header')).toContainText(SCHOOL.name);
    // Do nothing: the core's idle timer locks the vault and tells the window.
    await expect(page.getByRole('heading', { name: 'CaseSeal is locked' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByRole('status').filter({ hasText: 'nobody used it' })).toBeVisible();
    expect(h.core.currentSession()).toBeNull();
    await expectNothingSensitive(h);
    await h.axe('idle lock');
    await h.shot('10-idle-locked');
  } finally {
    await stopHarness(h);
  }
});
