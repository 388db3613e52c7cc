// end to end in Chromium over a real vault: a phone recorded as an exhibit through the
// add-device form (the exhibit reference shown for the evidence bag), then every step of the seizure
// checklist and a movement out of the safe through the step forms, a correction, and the handover to
// the police; the DSL's dashboard on the home screen changes at each step and each item opens the
// device; the handover receipt is saved by main and its text checked with pdftotext. A second device
// is returned to its owner (steps missing, R2 copy advice, the case flag). A third is taken out of the
// safe and not put back: flagged OUT on the dashboard. axe on every screen; screenshots.
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { test, expect, startHarness, stopHarness, type AppHarness } from './harness';
import { nav, setUpSchool, E2E_SCHOOL, fillDateTime } from './helpers';
import { openCase } from '../../src/main/core/cases/caseService';
import { CUSTODY_FLAG_LABELS } from '../../src/shared/records/kinds/custody';
import { ukLocalDisplay, utcToUkLocal } from '../../src/shared/ukTime';
import { caseDetails } from '../helpers/records';

/** UK wall-clock time `minutesAgo` before now, as a datetime-local field holds it. */
const ukAgo = (minutesAgo: number) =>
  utcToUkLocal(new Date(Date.now() - minutesAgo * 60_000).toISOString());

const group = (page: Page, name: string | RegExp) => page.getByRole('group', { name });
const yes = (page: Page, name: RegExp) =>
  group(page, name).getByLabel('Yes', { exact: true }).check();
const no = (page: Page, name: RegExp) =>
  group(page, name).getByLabel('No', { exact: true }).check();
const step = (page: Page, s: string): Locator =>
  page.getByTestId('custody-checklist').locator(`li[data-step="${s}"]`);

async function openTheCase(page: Page): Promise<void> {
  await nav(page, 'Cases');
  await page
    .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'Image shared in Year 9 group chat',
  );
}

/** Sign the open step form and wait for the device view to say it was saved. */
async function sign(page: Page, label: string): Promise<void> {
  await page.getByTestId('step-form').getByRole('button', { name: 'Sign and save' }).click();
  await expect(page.getByTestId('step-saved').getByRole('status')).toHaveText(
    `Signed and saved: ${label}.`,
  );
  await expect(page.getByTestId('step-form')).toHaveCount(0);
}

/** Home: the dashboard rows for one exhibit (waits for the dashboard to load). */
async function dashboardRows(page: Page, ref: string): Promise<Locator> {
  await nav(page, 'Home');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(
    page.getByTestId('dashboard-summary').or(page.getByTestId('dashboard-empty')),
  ).toBeVisible();
  return page.getByTestId('dashboard-item').filter({ hasText: ref });
}

const flaggedRow = (page: Page, ref: string): Locator =>
  page
    .locator('[data-testid="dashboard-item"][data-kind="device-flagged"]')
    .filter({ hasText: ref });

/** From a dashboard row, "Open the device" leads to the device view. */
async function openFromDashboard(page: Page, row: Locator, ref: string): Promise<void> {
  await row.getByRole('button', { name: /^Open the device/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Exhibit ${ref}`);
}

async function addDevice(page: Page, fill: () => Promise<void>): Promise<string> {
  await page.getByTestId('devices-panel').getByRole('button', { name: 'Add a device' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Add a device');
  await fill();
  await page.getByRole('button', { name: 'Sign and get the exhibit reference' }).click();
  const callout = page.getByTestId('exhibit-callout');
  await expect(callout).toContainText('Write this on the evidence bag:');
  return (await callout.locator('.exhibit-ref-big').textContent())!.trim();
}

async function countRecords(h: AppHarness): Promise<number> {
  return (await h.core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
}

function receiptText(h: AppHarness): string {
  const file = h.savedFiles.at(-1)!;
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('devices and the chain of custody: to the police with a receipt, returned to the owner, left out of the safe', async ({
  page,
}) => {
  // Three devices, every step and a description through the forms: long on a shared machine.
  test.setTimeout(480_000);
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const dsl = people.dsl;
    await openCase(h.core, { details: caseDetails() });
    const year = utcToUkLocal(new Date().toISOString()).slice(0, 4);
    const refOf = (n: number) => `CS-${E2E_SCHOOL.urn}-${year}-00${n}`;
    await openTheCase(page);
    await expect(page.getByTestId('devices-panel')).toContainText(
      'No devices have been recorded on this case.',
    );
    await h.axe('case view — no devices yet');

    // ---- The phone: recorded from the outside only; main gives it its exhibit reference.
    // When each step happened (UK wall clock, as typed), before it is recorded.
    const T = {
      confiscated: ukAgo(45),
      isolated: ukAgo(43),
      declared: ukAgo(42),
      secured: ukAgo(40),
      called: ukAgo(30),
      out: ukAgo(5),
    };
    const phoneRef = await addDevice(page, async () => {
      // The seizure in four answers: what it is, whose it is, the seal number, where it is locked.
      await group(page, 'What it is').getByLabel('Phone').check();
      await group(page, 'Whose it is').getByLabel('A child on this case').check();
      await page.getByLabel('The child', { exact: true }).selectOption({ label: 'Tallulah Vance' });
      await page.getByLabel(/^Seal or evidence bag number/).fill('EB-0041');
      await page.getByLabel(/^Where it is locked/).fill('Safe in the DSL office (room 14)');
      await expect(page.getByLabel('Make', { exact: true })).toHaveCount(0);
      await h.axe('add a device — form');
      await h.shot('custody-01-add-device-form');
    });
    expect(phoneRef).toBe(refOf(1));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Device recorded as exhibit ${phoneRef}`,
    );
    await h.axe('device recorded — exhibit reference');
    await h.shot('custody-02-exhibit-reference');

    // On the dashboard at once: held, police not yet called.
    let rows = await dashboardRows(page, phoneRef);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-kind', 'device-held');
    await expect(rows.first()).toContainText('Police not yet called.');
    await expect(rows.first()).toContainText('Held by the school (not yet in a secure place)');
    await h.axe('home — dashboard with a device held');
    await openFromDashboard(page, rows.first(), phoneRef);
    await expect(page.getByTestId('device-status')).toHaveText(
      'Held by the school (not yet in a secure place)',
    );
    await expect(page.getByTestId('custody-checklist').locator('li')).toHaveCount(6);
    await expect(page.getByTestId('custody-checklist').locator('li[data-done="yes"]')).toHaveCount(
      0,
    );
    await expect(page.getByRole('button', { name: 'Hand to the police' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Return to its owner' })).toBeVisible();
    await h.axe('device view — nothing recorded yet');
    await h.shot('custody-03-device-checklist-empty');

    // The rest of the description, completed in the checklist (a new signed record, R9).
    await expect(page.getByTestId('description-missing')).toContainText('Make');
    await page.getByRole('button', { name: /^Complete the description/ }).click();
    await expect(page.getByTestId('step-form').locator('.guidance').first()).toContainText(
      'Do not unlock, browse or search it',
    );
    await page.getByLabel(/^Make/).fill('Apple');
    await page.getByLabel(/^Model, if known/).fill('iPhone 13');
    await page.getByLabel(/^Colour/).fill('Black, in a clear case');
    await page.getByLabel(/^IMEI, if visible/).fill('356938035643809');
    await page.getByLabel(/^Condition/).fill('Small crack across the top left of the screen.');
    await group(page, /^On or off when seized/)
      .getByLabel('On', { exact: true })
      .check();
    await group(page, /^Locked\?/)
      .getByLabel('Locked (lock screen shown)')
      .check();
    await page.getByLabel(/^Battery level shown/).fill('about 40%');
    await group(page, /^Wi-Fi indicator/)
      .getByLabel('Shown as on')
      .check();
    await group(page, /^Mobile data indicator/)
      .getByLabel('Shown as on')
      .check();
    await group(page, /^Flight mode indicator/)
      .getByLabel('Shown as off')
      .check();
    await page.getByLabel(/Recorded without using the device/).check();
    await sign(page, 'Device description');
    await expect(page.getByTestId('description-state')).toHaveText('The description is complete.');

    // 1. Confiscated, 45 minutes ago.
    await page.getByRole('button', { name: 'Record — Confiscated, use stopped' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /Confiscated/ })).toBeFocused();
    await expect(page.getByTestId('step-form').locator('.guidance').first()).toContainText(
      'Do not look through it',
    );
    // The step opens with "now" already in its Day / Month / Year / Hour / Minute boxes.
    const when = page.getByRole('group', { name: 'When it was confiscated' });
    await expect(when.getByLabel('Year', { exact: true })).toHaveValue(/^\d{4}$/);
    await expect(when.getByLabel('Minute', { exact: true })).toHaveValue(/^\d{2}$/);
    await fillDateTime(page, 'When it was confiscated', T.confiscated);
    await page.getByLabel('Confiscated by (name and role)').fill('Mr H. Ashdown, Year 9 tutor');
    await page.getByLabel('Taken from (name)').fill('Tallulah Vance');
    await page.getByLabel('Where', { exact: true }).fill('Room B12');
    await yes(page, /Was its use stopped/);
    await h.axe('step form — confiscated');
    await h.shot('custody-04-step-confiscated');
    await sign(page, 'Confiscated');
    await expect(step(page, 'confiscated')).toHaveAttribute('data-done', 'yes');
    await expect(step(page, 'confiscated')).toContainText('Done');
    rows = await dashboardRows(page, phoneRef);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(new RegExp(`${phoneRef} held for 4[5-7] min`));
    await openFromDashboard(page, rows.first(), phoneRef);

    // 3 before 2: the order is a guide, not a rule.
    await page.getByRole('button', { name: /^Record — Isolated/ }).click();
    await group(page, 'How it was isolated')
      .getByLabel(/Flight mode switched on, then the device turned off/)
      .check();
    await fillDateTime(page, 'When it was done', T.isolated);
    await page.getByLabel(/Flight mode was switched on/).check();
    await page.getByLabel(/The device was then turned off/).check();
    await sign(page, 'Isolated from networks');
    await page.getByRole('button', { name: 'Record — Nothing deleted, nothing copied' }).click();
    await fillDateTime(page, 'When this declaration is made', T.declared);
    await yes(page, /Nothing on the device has been deleted/);
    await yes(page, /Nothing on the device has been copied/);
    await sign(page, 'Declaration: nothing deleted, nothing copied');
    await expect(page.getByTestId('custody-checklist').locator('li[data-done="yes"]')).toHaveCount(
      3,
    );
    rows = await dashboardRows(page, phoneRef);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Police not yet called.');
    await openFromDashboard(page, rows.first(), phoneRef);

    // 4. Secured (the key holder is mistyped, then corrected below).
    await page
      .getByRole('button', { name: 'Record — Secured in a locked cupboard or safe' })
      .click();
    await expect(page.getByLabel(/^Seal or evidence bag number/)).toHaveValue('EB-0041');
    await fillDateTime(page, 'When it was secured', T.secured);
    await page.getByLabel('Which locked cupboard or safe').fill('Safe in the DSL office (room 14)');
    await page.getByLabel('Who holds the key or combination').fill('Delphine Okafr');
    await sign(page, 'Secured');
    await expect(page.getByTestId('device-status')).toHaveText('Secured');
    await expect(page.getByTestId('device-summary')).toContainText(
      'Safe in the DSL office (room 14)',
    );
    rows = await dashboardRows(page, phoneRef);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Secured (Safe in the DSL office (room 14))');
    await openFromDashboard(page, rows.first(), phoneRef);

    // A correction through the timeline keeps the device and its exhibit reference.
    const securedEvent = page
      .getByTestId('custody-timeline')
      .locator('li[data-kind="custody-secured"]');
    await securedEvent.getByRole('button', { name: /Correct this record/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Correct a record');
    await page.getByLabel('Reason for the correction').fill('The key holder’s name was mistyped.');
    await page.getByLabel('Who holds the key or combination').fill(dsl.name);
    await page.getByRole('button', { name: 'Sign the correction' }).click();
    await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();
    const panelRow = page
      .getByTestId('devices-panel')
      .getByTestId('device-row')
      .filter({ hasText: phoneRef });
    await expect(panelRow.getByTestId('device-status')).toHaveText('Secured');
    await panelRow.getByRole('button', { name: `Open ${phoneRef}` }).click();
    await expect(page.getByTestId('device-summary')).toContainText(dsl.name);
    await expect(securedEvent).toContainText('Corrected');
    await expect(securedEvent).toContainText(dsl.name);

    // 5. Police called.
    await page.getByRole('button', { name: 'Record — Police called' }).click();
    await fillDateTime(page, 'When the police were called', T.called);
    await page.getByLabel('Police reference number').fill('KB-231126-0042');
    await page
      .getByLabel('Officer or call handler spoken to')
      .fill('PC Imelda Strand, 101 call handler');
    await page
      .getByLabel('Their advice')
      .fill('Keep the device switched off in the safe; an officer will collect it this afternoon.');
    await sign(page, 'Police called');
    await expect(page.getByTestId('device-summary')).toContainText('reference KB-231126-0042');
    rows = await dashboardRows(page, phoneRef);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(
      'Police called (reference KB-231126-0042); awaiting collection.',
    );
    await openFromDashboard(page, rows.first(), phoneRef);

    // Taken out of the safe for the officer: OUT on the device and the dashboard.
    await page.getByRole('button', { name: 'Take out of secure place' }).click();
    await fillDateTime(page, 'When it was taken out', T.out);
    await page.getByLabel('Taken out by (name and role)').fill(`${dsl.name} (DSL)`);
    await page
      .getByLabel('Why', { exact: true })
      .fill('To hand it to the officer who has arrived to collect it.');
    await sign(page, 'Taken out of its secure place');
    await expect(page.getByTestId('device-status')).toHaveText('Out of its secure place');
    await expect(page.getByTestId('custody-flags').locator('li[data-flag="OUT"]')).toContainText(
      'Out of its secure place',
    );
    await expect(page.getByRole('button', { name: 'Put back in its secure place' })).toBeVisible();
    rows = await dashboardRows(page, phoneRef);
    await expect(rows).toHaveCount(2);
    const outRow = flaggedRow(page, phoneRef);
    await expect(outRow).toHaveAttribute('data-severity', 'urgent');
    await expect(outRow).toContainText(`${phoneRef}: custody flagged (OUT)`);
    await expect(outRow).toContainText('Urgent');
    await h.shot('custody-05-dashboard-phone-out');
    await openFromDashboard(page, outRow, phoneRef);

    // 6. Handed to the police (the DSL signs): no step missing.
    await page.getByRole('button', { name: 'Hand to the police' }).click();
    await expect(page.getByTestId('step-form').locator('.guidance').first()).toContainText(
      'Check the officer’s warrant card',
    );
    await expect(page.getByLabel(/^Police reference \(crime or incident number\)/)).toHaveValue(
      'KB-231126-0042',
    );
    const handedAt = ukAgo(0);
    await fillDateTime(page, 'When it was handed over', handedAt);
    await page.getByLabel('Officer’s name').fill('DC Rowan Whitlock');
    await page.getByLabel('Collar or warrant number').fill('4471');
    await page.getByLabel('Police force').fill('Kingsford Constabulary');
    await h.axe('step form — handed to the police');
    await h.shot('custody-06-step-handover');
    await sign(page, 'Handed to the police');
    await expect(page.getByTestId('step-saved').getByTestId('advice')).toHaveCount(0);
    await expect(page.getByTestId('device-status')).toHaveText('Handed to the police');
    await expect(page.getByTestId('custody-checklist').locator('li[data-done="yes"]')).toHaveCount(
      6,
    );
    await expect(step(page, 'ended')).toContainText('Done: handed to the police');
    await expect(page.getByTestId('custody-flags')).toHaveCount(0);
    // Custody has ended: only a late police call or declaration may still be recorded.
    await expect(page.getByRole('button', { name: 'Record again — Police called' })).toBeVisible();
    await expect(
      page.getByRole('button', {
        name: /Take out|Put back|Hand to the police|Return to its owner/,
      }),
    ).toHaveCount(0);
    const timeline = page.getByTestId('custody-timeline').locator('li');
    await expect(timeline).toHaveCount(8);
    expect(
      await timeline.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
    ).toEqual([
      'device-added',
      'custody-confiscated',
      'custody-isolated',
      'custody-declaration',
      'custody-secured',
      'custody-police-called',
      'custody-taken-out',
      'custody-handed-over',
    ]);
    await expect(timeline.last()).toContainText(`Signed by ${dsl.name} on`);
    await expect(timeline.last()).toContainText('DC Rowan Whitlock');

    // The receipt: main saves it (its save dialog), and the person prints it for both signatures.
    const saved = h.savedFiles.length;
    await page.getByRole('button', { name: /^Print handover receipt/ }).click();
    await expect(page.getByTestId('receipt-status')).toHaveText(
      `Saved handover-receipt-${phoneRef}.pdf — print it and have the officer and the DSL sign it.`,
    );
    expect(h.savedFiles).toHaveLength(saved + 1);
    const text = receiptText(h);
    for (const s of [
      'Handover receipt',
      E2E_SCHOOL.name,
      phoneRef,
      'Apple iPhone 13',
      'Tallulah Vance',
      'DC Rowan Whitlock',
      '4471',
      'Kingsford Constabulary',
      ukLocalDisplay(handedAt),
      'Steps missing at handover',
      'None: every step of the seizure checklist was recorded.',
      `Confiscated — ${ukLocalDisplay(T.confiscated)}`,
      `Isolated from networks — ${ukLocalDisplay(T.isolated)}`,
      `Declaration: nothing deleted, nothing copied — ${ukLocalDisplay(T.declared)}`,
      `Secured — ${ukLocalDisplay(T.secured)}`,
      `Police called — ${ukLocalDisplay(T.called)}`,
      `Taken out of its secure place — ${ukLocalDisplay(T.out)}`,
      `Handed to the police — ${ukLocalDisplay(handedAt)}`,
      'Mr H. Ashdown, Year 9 tutor',
      'Received by the police officer',
      'Handed over by the Designated Safeguarding Lead',
      dsl.name,
    ]) {
      expect(text).toContain(s);
    }
    await h.axe('device view — handed to the police');
    await h.shot('custody-07-device-handed-over');
    rows = await dashboardRows(page, phoneRef);
    await expect(rows).toHaveCount(0);

    // ---- The tablet: a member of staff's, returned to its owner.
    await openTheCase(page);
    const tabletRef = await addDevice(page, async () => {
      await group(page, 'What it is').getByLabel('Tablet').check();
      await group(page, 'Whose it is').getByLabel('A member of staff').check();
      await page.getByLabel('Owner’s name').fill('Percival Oakes');
      await page.getByLabel(/^Seal or evidence bag number/).fill('EB-0042');
      await page.getByLabel(/^Where it is locked/).fill('Locked cupboard in the DSL office');
    });
    expect(tabletRef).toBe(refOf(2));
    // The rest of the description is for later: the done screen says where.
    await expect(page.getByTestId('describe-later')).toContainText('in the device’s checklist');
    await page.getByRole('button', { name: 'Go to the seizure checklist' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Exhibit ${tabletRef}`);
    await page.getByRole('button', { name: 'Record — Confiscated, use stopped' }).click();
    await fillDateTime(page, 'When it was confiscated', ukAgo(20));
    await page.getByLabel('Confiscated by (name and role)').fill(`${dsl.name} (DSL)`);
    await page.getByLabel('Taken from (name)').fill('Percival Oakes');
    await page.getByLabel('Where', { exact: true }).fill('Staff room');
    await yes(page, /Was its use stopped/);
    await sign(page, 'Confiscated');
    // A copy was made before it came in: the R2 advice is shown once signed, and the case is flagged.
    await page.getByRole('button', { name: 'Record — Nothing deleted, nothing copied' }).click();
    await yes(page, /Nothing on the device has been deleted/);
    await no(page, /Nothing on the device has been copied/);
    await page
      .getByLabel(/What was copied, by whom, how and where the copy is/)
      .fill(
        'A pupil photographed the screen with their own phone before it was confiscated; the pupil’s phone has not been taken.',
      );
    await sign(page, 'Declaration: nothing deleted, nothing copied');
    await expect(
      page.getByTestId('step-saved').locator('li[data-rule="R2"][data-status="advice"]'),
    ).toContainText('Contact the police for advice');
    await page
      .getByRole('button', { name: 'Record — Secured in a locked cupboard or safe' })
      .click();
    await page.getByLabel('Which locked cupboard or safe').fill('Safe in the DSL office (room 14)');
    await page.getByLabel('Who holds the key or combination').fill(dsl.name);
    await sign(page, 'Secured');
    await page.getByRole('button', { name: 'Return to its owner' }).click();
    await page
      .getByLabel('Returned to (name, and who they are)')
      .fill('Percival Oakes (owner, member of staff)');
    await page
      .getByLabel('Why', { exact: true })
      .fill('The police advised no further action (reference KB-231126-0077).');
    await sign(page, 'Returned to its owner');
    // Steps not recorded: listed as advice when signing, then flagged (amber, with its label).
    const r9 = page.getByTestId('step-saved').locator('li[data-rule="R9"][data-status="advice"]');
    await expect(r9.filter({ hasText: 'Steps not recorded yet' })).toHaveCount(1);
    // Returned before its description was completed: never blocked, but said (R9).
    await expect(r9.filter({ hasText: 'The description is not complete' })).toHaveCount(1);
    await expect(page.getByTestId('device-status')).toHaveText('Returned to its owner');
    const missing = page.getByTestId('custody-flags').locator('li[data-flag="MISSING-STEPS"]');
    await expect(missing).toContainText('Steps missing');
    await expect(missing).toContainText('Returned with steps not recorded: Isolated');
    await expect(missing.locator('.custody-tag')).toHaveClass(/custody-tag-amber/);
    await expect(step(page, 'isolated')).toContainText(
      'Missing: not recorded before custody ended',
    );
    await expect(step(page, 'police-called')).toContainText('Missing');
    await expect(page.getByRole('button', { name: /^Print handover receipt/ })).toHaveCount(0);
    await h.axe('device view — returned with steps missing');
    await h.shot('custody-08-device-returned');
    rows = await dashboardRows(page, tabletRef);
    await expect(rows).toHaveCount(0);

    // ---- The games console: taken out of the safe and not put back.
    await openTheCase(page);
    await expect(page.locator('[data-flag="device-evidence-copied"]')).toHaveText(
      CUSTODY_FLAG_LABELS['device-evidence-copied']!,
    );
    const consoleRef = await addDevice(page, async () => {
      await group(page, 'What it is').getByLabel('Games console').check();
      await group(page, 'Whose it is').getByLabel('Someone else').check();
      await page.getByLabel('Owner’s name').fill('Ravi Mistry');
      await page.getByLabel(/^Who they are/).fill('A pupil at another school');
      await page.getByLabel(/^Seal or evidence bag number/).fill('EB-0043');
      await page.getByLabel(/^Where it is locked/).fill('Locked cupboard in the DSL office');
    });
    expect(consoleRef).toBe(refOf(3));
    await page.getByRole('button', { name: 'Go to the seizure checklist' }).click();
    await page.getByRole('button', { name: 'Record — Confiscated, use stopped' }).click();
    await fillDateTime(page, 'When it was confiscated', ukAgo(15));
    await page.getByLabel('Confiscated by (name and role)').fill(`${dsl.name} (DSL)`);
    await page.getByLabel('Taken from (name)').fill('Ravi Mistry');
    await page.getByLabel('Where', { exact: true }).fill('Reception');
    await yes(page, /Was its use stopped/);
    await sign(page, 'Confiscated');
    await page
      .getByRole('button', { name: 'Record — Secured in a locked cupboard or safe' })
      .click();
    await page
      .getByLabel('Which locked cupboard or safe')
      .fill('Locked cupboard in the DSL office');
    await page.getByLabel('Who holds the key or combination').fill(dsl.name);
    // A time in the future: shown live, and main refuses to sign it, listing the rule; nothing is saved.
    await fillDateTime(page, 'When it was secured', ukAgo(-30));
    await expect(
      page.locator('.form-findings li[data-rule="R10"][data-status="blocks"]'),
    ).toContainText('in the future');
    const before = await countRecords(h);
    await page.getByTestId('step-form').getByRole('button', { name: 'Sign and save' }).click();
    const refused = page
      .getByTestId('findings')
      .filter({ hasText: 'CaseSeal cannot sign this yet' });
    await expect(refused.locator('li[data-rule="R10"][data-status="blocks"]')).toContainText(
      'in the future',
    );
    await expect(page.getByRole('alert').first()).toBeVisible();
    expect(await countRecords(h)).toBe(before);
    await h.axe('step form — refused by main');
    await h.shot('custody-09-step-refused-future-time');
    await fillDateTime(page, 'When it was secured', ukAgo(10));
    await sign(page, 'Secured');
    await page.getByRole('button', { name: 'Take out of secure place' }).click();
    await page.getByLabel('Taken out by (name and role)').fill(`${dsl.name} (DSL)`);
    await page.getByLabel('Why', { exact: true }).fill('To show the seal to the head of year.');
    await sign(page, 'Taken out of its secure place');
    rows = await dashboardRows(page, consoleRef);
    await expect(rows).toHaveCount(2);
    const flagged = flaggedRow(page, consoleRef);
    await expect(flagged).toHaveAttribute('data-severity', 'urgent');
    await expect(flagged).toContainText(`${consoleRef}: custody flagged (OUT)`);
    await expect(flagged).toContainText('not yet put back');
    await h.axe('home — dashboard with a device out of the safe');
    await h.shot('custody-10-dashboard-console-out');
    await openFromDashboard(page, flagged, consoleRef);
    const out = page.getByTestId('custody-flags').locator('li[data-flag="OUT"]');
    await expect(out.locator('.custody-tag')).toHaveText('Out of its secure place');
    await expect(out.locator('.custody-tag')).toHaveClass(/custody-tag-red/);
    await h.axe('device view — out of the safe');
    await h.shot('custody-11-device-out-flagged');

    // The case's devices panel: each exhibit with its status and flags, in text as well as colour.
    await page.getByRole('button', { name: /^Back to the case/ }).click();
    const panel = page.getByTestId('devices-panel');
    await expect(panel.getByTestId('device-row')).toHaveCount(3);
    await expect(
      panel.getByTestId('device-row').filter({ hasText: phoneRef }).getByTestId('device-status'),
    ).toHaveText('Handed to the police');
    await expect(panel.getByTestId('device-row').filter({ hasText: tabletRef })).toContainText(
      'Steps missing',
    );
    await expect(panel.getByTestId('device-row').filter({ hasText: consoleRef })).toContainText(
      'Out of its secure place',
    );
    await h.axe('case view — devices panel');
    await h.shot('custody-12-case-devices-panel');
  } finally {
    await stopHarness(h);
  }
});
