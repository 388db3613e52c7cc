// Checking the log against a saved seal (PDF), as the DSL uses it: from the log-seals screen to the
// PDF check (focus on its heading), a file that is not a seal (the error summary links back to the
// button), the printed seal (the vault matches), and after an insider cut the newest records off
// (the screen says which are missing and what to do). Axe on every state.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHarness, stopHarness } from './harness';
import { addPerson, E2E_PASS, nav, setUpSchool, signInAs } from './helpers';
import * as cases from '../../src/main/core/cases/caseService';
import { dropTrigger, insider } from '../helpers/insider';
import { caseDetails, noteBody } from '../helpers/records';

test('checking the log against the seal in a saved PDF, before and after an insider cuts records off', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    await setUpSchool(h);
    const deputy = await addPerson(h, 'Dorian Vale', 'deputy');
    const opened = await cases.openCase(h.core, { details: caseDetails() });
    for (let i = 0; i < 3; i++)
      await cases.addRecord(h.core, {
        caseId: opened.caseId,
        kind: 'note',
        body: noteBody({ subject: `Note ${i}` }),
      });

    await nav(page, 'Log seals');
    await page.getByRole('button', { name: 'Print a log seal' }).click();
    await expect(page.getByTestId('seal-printed')).toContainText('Saved as');
    const sealPdf = h.savedFiles.at(-1)!;

    await page.getByRole('link', { name: 'Check the log against a saved seal (PDF)' }).click();
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText('Check the log against a saved seal');
    await expect(h1).toBeFocused();
    await h.axe('seal pdf: start');

    // A PDF that is not a seal: the summary says so and links to the button.
    const letter = join(h.vaultDir, '..', `letter-${Date.now()}.pdf`);
    writeFileSync(letter, '%PDF-1.4\nA letter about the school trip.\n%%EOF\n');
    h.nextOpenFile.path = letter;
    const choose = page.getByRole('button', { name: 'Choose the PDF and check' });
    await choose.click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(/No log seal was found|not a log seal/);
    await h.axe('seal pdf: not a seal');
    await summary.getByRole('link').click();
    await expect(choose).toBeFocused();

    // The printed seal: the vault still holds exactly that history.
    h.nextOpenFile.path = sealPdf;
    await choose.click();
    const result = page.getByTestId('seal-pdf-result');
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(
      'The vault still holds exactly the sealed history',
    );
    await expect(result.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(result).toContainText(sealPdf.split('/').at(-1)!);
    await expect(result).toContainText('4 records in the case log');
    await h.axe('seal pdf: matches');
    await h.shot('seal-pdf-01-matches');

    // The deputy, holding the vault key, cuts the two newest records off while the app is locked.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'CaseSeal is locked' })).toBeVisible();
    const x = await insider(h.vaultDir, deputy.id, E2E_PASS.deputy);
    await dropTrigger(x.db, 'records_no_delete');
    await x.db.run('DELETE FROM records WHERE seq > 2');
    await x.close();
    await signInAs(page, 'Delphine Okafor', 'dsl');
    await nav(page, 'Log seals');
    await page.getByRole('link', { name: 'Check the log against a saved seal (PDF)' }).click();
    h.nextOpenFile.path = sealPdf;
    await page.getByRole('button', { name: 'Choose the PDF and check' }).click();
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(
      'The vault does not match the seal',
    );
    await expect(result).toContainText('records 3–4 are missing');
    await expect(result.getByRole('heading', { name: 'What to do now' })).toBeVisible();
    await h.axe('seal pdf: does not match');
    await h.shot('seal-pdf-02-cut-short');
  } finally {
    await stopHarness(h);
  }
});
