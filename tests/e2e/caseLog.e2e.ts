// end to end in Chromium: a staff concern -> the DSL opens a case from it -> notes -> a
// correction -> a senior leader countersigns in the dialog -> the chronology shows it all with
// signatures -> search finds it -> staff cannot open the case -> the audit shows who opened it.
import { test, expect, startHarness, stopHarness } from './harness';
import { addPerson, nav, setUpSchool, signInAs, E2E_PASS, fillDateTime } from './helpers';

test('the case log from a staff concern to a countersigned, corrected chronology', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const staff = await addPerson(h, 'Tobias Fenwick', 'staff');
    const slt = await addPerson(h, 'Harriet Quill', 'slt');

    // Staff: record a concern.
    await signInAs(page, staff.name, 'staff');
    await expect(
      page
        .getByRole('navigation', { name: 'CaseSeal sections' })
        .getByRole('button', { name: 'Cases' }),
    ).toHaveCount(0);
    await nav(page, 'Record a concern');
    await expect(page.getByRole('note')).toContainText('Never copy, forward, screenshot');
    await h.axe('concern form');
    await page.getByLabel('Child or children concerned').fill('Ottilie Brandt (Year 8)');
    await page
      .getByLabel(/What was seen, heard or sent/)
      .fill(
        'Ottilie told me a boy in Year 10 is asking her to send a photo and says he will share her messages if she does not.',
      );
    await fillDateTime(page, /When it happened/, '2026-11-20T10:30');
    await page.getByLabel(/Where \(place/).fill('Form room; Instagram messages');
    await page
      .getByLabel('Who was involved')
      .fill('Ottilie Brandt; a Year 10 boy she called "Jay"');
    await page
      .getByLabel('What you did')
      .fill('Listened, told her she did the right thing, came straight to the DSL.');
    await page
      .getByRole('group', { name: /involve nude or semi-nude imagery/ })
      .getByLabel('No')
      .check();
    await h.shot('11-concern-form');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    // Sealed to the safeguarding team: the staff member keeps only a receipt.
    await expect(
      page.getByRole('heading', { name: 'Concern sealed and sent to the safeguarding team' }),
    ).toBeVisible();
    await expect(page.getByTestId('concern-receipt')).toContainText(/SC-[0-9A-F]{4}-[0-9A-F]{4}/);
    await h.axe('concern sealed receipt');
    await h.shot('11b-concern-receipt');

    // DSL: open a case from the concern.
    await signInAs(page, people.dsl.name, 'dsl');
    // The new concern waits on the DSL's dashboard.
    await page
      .getByRole('button', { name: /Review the concern.*Concern about Ottilie Brandt/ })
      .click();
    await page.getByRole('button', { name: 'Open a case from this concern' }).click();
    await expect(page.getByRole('region', { name: 'The concern' })).toContainText(
      'Ottilie told me',
    );
    await page.getByLabel('Short title').fill('Pressure to send an image — Year 8');
    await page.getByLabel('Kind of incident').selectOption('sextortion');
    await page.getByRole('group', { name: /4 Cs/ }).getByLabel('Contact').check();
    await page.getByLabel('Name', { exact: true }).fill('Ottilie Brandt');
    await page.getByLabel('Year group').fill('Year 8');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByRole('group', { name: /SEND/ }).getByLabel('No').check();
    await h.axe('open case form');
    await h.shot('12-open-case');
    await page.getByRole('button', { name: 'Sign and open the case' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'Pressure to send an image',
    );
    await expect(page.getByTestId('case-status')).toHaveText('Open');

    // Notes: one to be corrected, one for the senior leader to countersign.
    const addNote = async (subject: string, details: string, countersigner?: string) => {
      await page.getByLabel('Add a record').selectOption('note');
      await page.getByRole('button', { name: 'Open the form' }).click();
      await page.getByRole('group', { name: 'Type of note' }).getByLabel('Discussion').check();
      await page.getByLabel('Subject').fill(subject);
      await page.getByLabel('What was said or done').fill(details);
      if (countersigner)
        await page
          .getByLabel(/Ask for a countersignature/)
          .selectOption({ label: `${countersigner} — Senior leader` });
      await page.getByRole('button', { name: 'Sign and save' }).click();
      await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();
    };
    await addNote(
      'Call with the head of year',
      'Agreed Ottilie sits near the front in maths; checked in at lunch on Tuesday.',
    );
    await addNote(
      'Plan agreed with the headteacher',
      'Police to be called about the threats; parents informed this afternoon.',
      slt.name,
    );

    // Correct the first note.
    const first = page
      .locator('article[data-kind="note"]')
      .filter({ hasText: 'Call with the head of year' });
    await first.getByRole('button', { name: 'Correct this record' }).click();
    await page.getByLabel('Reason for the correction').fill('It was Wednesday, not Tuesday.');
    await page
      .getByLabel('What was said or done')
      .fill('Agreed Ottilie sits near the front in maths; checked in at lunch on Wednesday.');
    await h.axe('correction form');
    await page.getByRole('button', { name: 'Sign the correction' }).click();
    await expect(page.locator('.corrected-by')).toContainText(`Corrected by ${people.dsl.name}`);
    await expect(page.locator('.corrected-by')).toContainText(
      'Reason: It was Wednesday, not Tuesday.',
    );
    const corrected = page
      .locator('article[data-kind="note"]')
      .filter({ hasText: 'Call with the head of year' });
    await expect(
      corrected.getByRole('definition').filter({ hasText: 'lunch on Wednesday' }),
    ).toBeVisible();
    // The original stays, exactly as signed, one click away.
    await corrected.getByText('The original, exactly as it was signed').click();
    await expect(
      corrected.getByRole('definition').filter({ hasText: 'lunch on Tuesday' }),
    ).toBeVisible();

    // The senior leader countersigns, on this PC, in the dialog, with their own passphrase.
    const second = page
      .locator('article[data-kind="note"]')
      .filter({ hasText: 'Plan agreed with the headteacher' });
    await expect(second).toContainText('Awaiting agreement');
    await second.getByRole('button', { name: /Countersign as agreement/ }).click();
    const dialog = page.getByRole('dialog', { name: /Countersign/ });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Your own passphrase').fill('not-the-right-one-123');
    await dialog.getByRole('button', { name: 'Countersign' }).click();
    await expect(dialog.getByRole('alert')).toContainText('not right');
    await h.axe('countersign dialog');
    await h.shot('13-countersign-dialog');
    await dialog.getByLabel('Your own passphrase').fill(E2E_PASS.slt);
    await dialog.getByRole('button', { name: 'Countersign' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(second).toContainText(`Countersigned as agreement by ${slt.name}`);

    // The chronology: every record with "Signed by … on DD/MM/YYYY at HH:MM".
    const signedLines = page.locator('.signed-line');
    await expect(signedLines).toHaveCount(4);
    for (const line of await signedLines.allTextContents())
      expect(line).toMatch(/^Signed by .+ on \d{2}\/\d{2}\/\d{4} at \d{2}:\d{2}/);
    await expect(page.locator('article[data-kind="sealed-concern"]')).toContainText(
      `Written and sealed by ${staff.name}`,
    );
    await page.getByRole('button', { name: 'Show newest first' }).click();
    await expect(page.locator('article').first()).toContainText('Plan agreed with the headteacher');
    await h.axe('case view');
    await h.shot('14-case-chronology');

    // Search finds the record text.
    await nav(page, 'Cases');
    await page.getByLabel('Search the words in every record').fill('wednesday');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('heading', { name: /1 result for/ })).toBeVisible();
    await expect(page.locator('.hits')).toContainText('Correction');
    await page.getByLabel('Status').selectOption('open');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.locator('table caption')).toHaveText('1 case');
    await h.axe('case list');
    await h.shot('15-case-list');
    const caseId = (await h.core.requireDb().get<{ id: string }>('SELECT id FROM cases LIMIT 1'))!
      .id;

    // Staff cannot open any case, not even the one their concern started: crafted calls refused.
    await signInAs(page, staff.name, 'staff');
    const crafted = (await h.invoke('app:records.add', {
      caseId,
      kind: 'note',
      body: { noteType: 'discussion', subject: 'x', details: 'y' },
    })) as { ok: boolean; error?: { code: string } };
    expect(crafted).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    const view = (await h.invoke('app:cases.get', { caseId })) as {
      ok: boolean;
      value?: { access: string; records: unknown[] };
    };
    expect(view).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home' }),
    ).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Record a concern' })).toBeVisible();
    await expect(page.getByText('Plan agreed with the headteacher')).toHaveCount(0);
    await h.shot('16-staff-concern-only');

    // The DSL's audit view shows who opened the case.
    await signInAs(page, people.dsl.name, 'dsl');
    await nav(page, 'Audit trail');
    await page.getByLabel('Case', { exact: true }).selectOption({ index: 1 });
    const table = page.getByTestId('audit-table');
    await expect(table).toContainText('Opened a case');
    // The staff member's session never opened the vault, so they never opened the case.
    await expect(
      table.locator('tr', { hasText: staff.name }).filter({ hasText: 'Opened a case' }),
    ).toHaveCount(0);
    await expect(table.locator('tr', { hasText: slt.name })).not.toHaveCount(0);
    await h.axe('audit by case');
    await h.shot('17-audit-by-case');
  } finally {
    await stopHarness(h);
  }
});
