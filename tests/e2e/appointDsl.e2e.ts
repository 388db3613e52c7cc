// Appointing a new DSL with the recovery key from the lock screen: when the DSL has left but is
// still listed, the form asks to confirm they have gone (the summary links to the confirmation)
// and the appointment disables them; when no DSL can sign in (the DSL's key slot is gone) it asks
// for nothing more. Focus on the heading; the error summary links to each field (empty form, then
// a wrong recovery key); the new DSL signs in to a log that passes its check. Axe on every state.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHarness, stopHarness } from './harness';
import { E2E_PASS, E2E_SCHOOL } from './helpers';

const NEW_DSL = { name: 'Wren Newlead', passphrase: 'lantern-quartz-meadow-violet-72' };

test('appointing a new DSL with the recovery key when the DSL has left', async ({ page }) => {
  const h = await startHarness(page);
  try {
    const { recoveryKey, confirmGroups } = await h.core.beginSetup({
      school: E2E_SCHOOL,
      dsl: { fullName: 'Delphine Okafor', passphrase: E2E_PASS.dsl },
    });
    const groups = recoveryKey.split('-');
    await h.core.confirmSetup({
      groups: Object.fromEntries(confirmGroups.map((i) => [String(i), groups[i]!])),
    });
    const dslId = h.core.currentSession()!.account.id;
    await h.core.createAccount({
      fullName: 'Dorian Vale',
      role: 'deputy',
      passphrase: E2E_PASS.deputy,
    });
    await h.core.lock('manual');
    await page.reload();
    // While the DSL can still sign in, the form asks to confirm that they have left.
    await expect(page.getByRole('heading', { name: 'CaseSeal is locked' })).toBeVisible();
    const offer = page.getByRole('button', {
      name: 'The DSL has left or cannot get in? Appoint a new DSL with the recovery key',
    });
    await offer.click();
    await expect(page.getByRole('group', { name: 'Has the DSL left?' })).toBeVisible();
    await page.getByRole('button', { name: 'Appoint as DSL' }).click();
    const confirmLeft = page.locator('.error-summary').getByRole('link', {
      name: 'Confirm that Delphine Okafor has left, or ask them to appoint the new DSL',
    });
    await expect(confirmLeft).toBeVisible();
    await h.axe('appoint: the DSL is still listed');
    await confirmLeft.click();
    await expect(
      page.getByLabel(/^Delphine Okafor has left the school or can no longer act as DSL/),
    ).toBeFocused();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The DSL's key slot is gone (e.g. an older key-slot file was put back).
    const path = join(h.vaultDir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      slots: Array<{ type: string; accountId?: string }>;
    };
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== dslId);
    writeFileSync(path, JSON.stringify(file));
    await page.reload();
    await offer.click();
    await expect(page.getByRole('group', { name: 'Has the DSL left?' })).toHaveCount(0);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText('Appoint a new DSL with the recovery key');
    await expect(h1).toBeFocused();
    await h.axe('appoint: start');

    // Nothing typed: each problem links to its field.
    await page.getByRole('button', { name: 'Appoint as DSL' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(3);
    await h.axe('appoint: empty form');
    await summary.getByRole('link', { name: /full name/ }).click();
    await expect(page.getByLabel('Full name of the new DSL', { exact: true })).toBeFocused();

    // A wrong recovery key: refused by main, the summary links to the key.
    await page
      .getByLabel('Recovery key', { exact: true })
      .fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
    await page.getByLabel('Full name of the new DSL', { exact: true }).fill(NEW_DSL.name);
    await page.getByLabel('Passphrase (typed by the new DSL)').fill(NEW_DSL.passphrase);
    await page.getByLabel('Type the passphrase again').fill(NEW_DSL.passphrase);
    await page.getByRole('button', { name: 'Appoint as DSL' }).click();
    await expect(summary).toBeFocused();
    await summary.getByRole('link').click();
    await expect(page.getByLabel('Recovery key', { exact: true })).toBeFocused();
    await h.axe('appoint: wrong recovery key');

    await page.getByLabel('Recovery key', { exact: true }).fill(recoveryKey);
    await page.getByRole('button', { name: 'Appoint as DSL' }).click();
    await expect(h1).toHaveText(`${NEW_DSL.name} is now the Designated Safeguarding Lead`);
    await expect(h1).toBeFocused();
    await h.axe('appoint: done');
    await h.shot('appoint-dsl-01-done');
    await page.getByRole('button', { name: 'Back to sign in' }).click();

    await page.getByLabel(new RegExp(`^${NEW_DSL.name}`)).check();
    await page.getByLabel('Your passphrase').fill(NEW_DSL.passphrase);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('header')).toContainText(NEW_DSL.name);
    await expect(page.locator('header')).toContainText('Designated Safeguarding Lead');
    expect(h.core.currentSession()!.integrity!.ok).toBe(true);
    const audit = await h.core.listAudit({ action: 'dsl-appointed-with-recovery-key' });
    expect(audit).toHaveLength(1);
  } finally {
    await stopHarness(h);
  }
});
