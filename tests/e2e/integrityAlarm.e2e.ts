// An integrity alarm as the DSL meets it: a deputy with the vault key cuts the newest record off
// the log while CaseSeal is locked; the DSL's sign-in raises the alarm (banner and an urgent row on
// the dashboard, naming what is missing); the DSL's next sign-in is clean — their own checkpoint
// now covers the shortened log — but the row stays until the DSL acknowledges it, and the audit
// trail then says so in plain words. A deputy sees the row but cannot clear it. Axe at 100% and 200% on the dashboard with the alarm.
import { test, expect, startHarness, stopHarness } from './harness';
import { addPerson, axeBoth, E2E_PASS, nav, setUpSchool, signInAs } from './helpers';
import { openCase } from '../../src/main/core/cases/caseService';
import { caseDetails } from '../helpers/records';
import { dropTrigger, insider } from '../helpers/insider';

test('an integrity alarm stays on the dashboard until the DSL acknowledges it', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const deputy = await addPerson(h, 'Dorian Vale', 'deputy');
    await openCase(h.core, { details: caseDetails() });
    await openCase(h.core, { details: caseDetails() });
    await h.core.lock('manual');

    // The deputy, offline, with their own passphrase and the key-slot file.
    const x = await insider(h.vaultDir, deputy.id, E2E_PASS.deputy);
    await dropTrigger(x.db, 'records_no_delete');
    await x.db.run('DELETE FROM records WHERE seq = (SELECT max(seq) FROM records)');
    await x.close();

    await page.reload();
    await signInAs(page, people.dsl.name, 'dsl');
    await expect(page.getByTestId('integrity-alarm')).toBeVisible();
    const row = page.locator('[data-testid="dashboard-item"][data-kind="integrity-alarm"]');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-severity', 'urgent');
    await expect(row).toContainText('Integrity alarm');
    await expect(row).toContainText('are missing');
    await expect(row.getByRole('button', { name: /^Check the whole log/ })).toBeVisible();
    await axeBoth(h, page, 'dashboard with an integrity alarm');

    // The DSL's next sign-in finds nothing new: the row is still there.
    await signInAs(page, people.dsl.name, 'dsl');
    await expect(page.getByTestId('integrity-alarm')).toHaveCount(0);
    await expect(row).toHaveCount(1);

    // A deputy sees the alarm but is not offered to clear it (main refuses them too).
    await signInAs(page, deputy.name, 'deputy');
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);

    await signInAs(page, people.dsl.name, 'dsl');
    await row.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect(row).toHaveCount(0);
    await nav(page, 'Audit trail');
    await expect(page.getByRole('table')).toContainText('Acknowledged an integrity alarm');
    await expect(page.getByRole('table')).not.toContainText('integrity-alarm-acknowledged');
  } finally {
    await stopHarness(h);
  }
});
