// end to end in Chromium over a real vault: local contacts in Settings -> a case where the
// child in the imagery is 12 -> closing early is refused, listing every missing item -> the initial
// review -> the referral check (hint "age 12" beside the criterion, "yes" pre-selects "refer", due by
// the end of the school day) -> "Referral due today" on the dashboard and a badge in the case list ->
// overdue (red, "Overdue") after the deadline -> the referral form (contacts, agency pre-selected)
// clears it -> parents not informed is refused without reasons (R13), then signed with them -> a
// search suspecting an image stops and leads to adding the device (R18) -> a deletion instruction
// is refused while a police referral exists (R17; the UI explains, a crafted
// call saves nothing) -> the checklist is complete, a senior leader countersigns the closure in the
// dialog -> Closed -> reopened. axe on every screen; screenshots named referral-*.
import type { Page } from '@playwright/test';
import { test, expect, startHarness, stopHarness, type AppHarness } from './harness';
import { addPerson, nav, setUpSchool, E2E_PASS, fillDateTime } from './helpers';
import { ukLocalToUtc, utcToUkLocal } from '../../src/shared/ukTime';
import { R17_EVIDENCE_MESSAGE } from '../../src/shared/rules/referral';

/** Main's clock: 09:30 UK time on the day before today (so the browser's own clock is never behind it), flowing; `jump` moves it on. */
function schoolDayClock() {
  const today = utcToUkLocal(new Date().toISOString()).slice(0, 10);
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  const day = d.toISOString().slice(0, 10);
  const start = Date.parse(ukLocalToUtc(`${day}T09:30`));
  const t0 = Date.now();
  let offset = 0;
  return {
    day,
    now: () => new Date(start + (Date.now() - t0) + offset),
    jump: (ms: number) => {
      offset += ms;
    },
  };
}

async function countRecords(h: AppHarness): Promise<number> {
  return (await h.core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
}

const panel = (page: Page) => page.getByTestId('referral-panel');
const step = (page: Page, key: string) => panel(page).locator(`tr[data-step="${key}"]`);
const yesNo = (page: Page, group: RegExp, answer: 'Yes' | 'No') =>
  page.getByRole('group', { name: group }).getByLabel(answer, { exact: true }).check();

test('assessment and referral: a 12-year-old, a same-day referral on the dashboard, parents, R17, closure countersigned', async ({
  page,
}) => {
  // One long journey from the case to its countersigned closure: more than the default three minutes.
  test.setTimeout(420_000);
  const clock = schoolDayClock();
  const h = await startHarness(page, { clock: clock.now });
  /** UK wall-clock time on main's clock, `minutesAgo` before now. */
  const ukAgo = (minutesAgo: number) =>
    utcToUkLocal(new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString());
  try {
    const people = await setUpSchool(h);
    const slt = await addPerson(h, 'Harriet Quill', 'slt');
    // Reload so the account list on the forms includes the senior leader.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'What is waiting' })).toBeVisible();
    await expect(page.getByTestId('dashboard-empty')).toBeVisible();

    // Settings: the local contacts the referral form shows (two of five set).
    await nav(page, 'Settings');
    await page
      .getByLabel('MASH / children’s services front door')
      .fill('Easthaven MASH 01632 960100');
    await page.getByLabel('Out-of-hours social care').fill('Emergency duty team 01632 960999');
    const dayEnd = page.getByRole('group', { name: 'End of the school day' });
    await dayEnd.getByLabel('Hour').fill('16');
    await dayEnd.getByLabel('Minute').fill('00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();

    // A case: Ava is 12 (date of birth twelve years before main's "today").
    const dob = `${Number(clock.day.slice(0, 4)) - 12}-01-01`;
    await nav(page, 'Cases');
    await page.getByRole('button', { name: 'Open a new case' }).click();
    await page.getByLabel('Short title').fill('Image of a Year 7 pupil shared in a group chat');
    await page.getByLabel('Kind of incident').selectOption('nudes');
    await page.getByRole('group', { name: /4 Cs/ }).getByLabel('Conduct').check();
    await page.getByLabel('Name', { exact: true }).fill('Ava Lindqvist');
    await fillDateTime(page, /Date of birth/, dob);
    await page.getByLabel('Sex').selectOption('female');
    await yesNo(page, /SEND/, 'No');
    await page.getByRole('button', { name: 'Add another person' }).click();
    await page.getByLabel('Name or description').fill('A Year 8 boy');
    await page.getByLabel('Who they are').selectOption('pupil');
    await page.getByRole('button', { name: 'Sign and open the case' }).click();
    await expect(page.getByTestId('case-status')).toHaveText('Open');
    const caseId = (await h.core.requireDb().get<{ id: string }>('SELECT id FROM cases LIMIT 1'))!
      .id;

    // The panel: every step and where it stands.
    await expect(panel(page)).toBeVisible();
    await expect(step(page, 'initial-review')).toContainText('Not recorded');
    await expect(step(page, 'parents')).toContainText('Ava Lindqvist: no decision recorded');
    await expect(step(page, 'deletion')).toContainText('None asked for.');
    await h.axe('case with the assessment and referral panel');
    await h.shot('referral-01-case-panel');

    // Closing now is refused: the checklist and main's refusal list every missing item.
    await panel(page).getByRole('button', { name: 'Close the case' }).click();
    const closing = page.getByTestId('close-case');
    const checklist = closing.getByTestId('closing-checklist');
    for (const r of ['CLOSE-REVIEW', 'CLOSE-REFERRAL', 'CLOSE-PARENTS', 'CLOSE-VIEWING'])
      await expect(checklist.locator(`li[data-rule="${r}"]`)).toHaveAttribute(
        'data-status',
        'missing',
      );
    await expect(checklist.locator('li[data-rule="CLOSE-DELETION"]')).toHaveAttribute(
      'data-status',
      'met',
    );
    await expect(checklist).toContainText('4 items missing');
    await expect(checklist.locator('li[data-rule="CLOSE-REVIEW"]')).toContainText('✗ Missing');
    let before = await countRecords(h);
    await closing
      .getByLabel('Reason for closing')
      .fill('Trying to close before anything is recorded.');
    await closing
      .getByLabel('Senior leader who will countersign the closure')
      .selectOption({ label: `${slt.name} — Senior leader` });
    await closing
      .getByRole('button', { name: 'Sign and ask the senior leader to countersign' })
      .click();
    await expect(closing.getByRole('alert')).toContainText('The case was not closed');
    const refused = closing.getByTestId('findings');
    await expect(refused).toContainText('CaseSeal cannot close the case yet');
    for (const r of ['CLOSE-REVIEW', 'CLOSE-REFERRAL', 'CLOSE-PARENTS', 'CLOSE-VIEWING'])
      await expect(refused.locator(`li[data-rule="${r}"]`)).toHaveCount(1);
    await expect(refused.locator('li[data-rule="CLOSE-DELETION"]')).toHaveCount(0);
    expect(await countRecords(h)).toBe(before);
    await expect(page.getByTestId('case-status')).toHaveText('Open');
    await h.axe('closing refused');
    await h.shot('referral-02-close-refused');
    await closing.getByRole('button', { name: 'Cancel' }).click();

    // The initial review meeting (R15).
    await step(page, 'initial-review')
      .getByRole('button', { name: 'Record the initial review' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Initial review meeting');
    await fillDateTime(page, 'Date and time of the meeting', ukAgo(20));
    await page
      .getByRole('group', { name: /Who attended — CaseSeal users/ })
      .getByLabel(new RegExp(people.dsl.name))
      .check();
    await page
      .getByLabel('What is known')
      .fill(
        'Ava (12) told her form tutor that a Year 8 boy shared an image of her in a group chat.',
      );
    await page
      .getByLabel('Decisions made')
      .fill(
        'Run the immediate-referral check now; ask the boy’s parents to keep his phone switched off.',
      );
    await page
      .getByLabel('Reasons for the decisions')
      .fill('Ava is under 13 and the account describes a sexual act.');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(step(page, 'initial-review')).toContainText('Recorded');
    await expect(step(page, 'initial-review')).toHaveAttribute('data-done', 'true');

    // The immediate referral check: the hint beside the under-13 criterion; a "yes" pre-selects "refer".
    await step(page, 'referral-check')
      .getByRole('button', { name: 'Record the referral check' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Immediate referral check');
    await expect(page.getByTestId('hint-under13SexualActs')).toContainText('age 12');
    const refer = page.getByLabel('Refer to the police and/or children’s social care');
    await expect(refer).not.toBeChecked();
    await yesNo(page, /involve an adult/, 'No');
    await yesNo(page, /coerced, blackmailed or groomed/, 'No');
    await yesNo(page, /unusual for the young person/, 'No');
    await yesNo(page, /immediate risk of harm/, 'No');
    await expect(refer).not.toBeChecked();
    await yesNo(page, /with any child in it under 13/, 'Yes');
    await expect(refer).toBeChecked();
    await expect(page.getByTestId('check-deadline')).toContainText('Referral due today by 16:00');
    await expect(page.getByLabel(/Reasons for managing the incident in school/)).toHaveCount(0);
    // Managing in school is only for "all no": the reasons and the "revisit" tick appear, and R11 blocks it.
    await page.getByLabel('Manage the incident in school (R16)').check();
    await expect(page.getByLabel(/Reasons for managing the incident in school/)).toBeVisible();
    await expect(
      page.getByText('This decision will be revisited if new information emerges.'),
    ).toBeVisible();
    await expect(
      page.locator('.form-findings li[data-rule="R11"][data-status="blocks"]'),
    ).toHaveCount(1);
    await refer.check();
    await expect(page.getByLabel(/Reasons for managing the incident in school/)).toHaveCount(0);
    await page
      .locator('#f-under13SexualActsNotes')
      .fill('Ava is 12; the account describes a sexual act.');
    await h.axe('referral check form');
    await h.shot('referral-03-check-form');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(panel(page).getByTestId('referral-due')).toContainText(
      'Referral due today by 16:00',
    );
    await expect(page.locator('p[data-flag="referral-due"]')).toContainText('same-day referral');
    await expect(step(page, 'referral-check')).toContainText(
      'Referral required: sexual acts and a child under 13',
    );

    // The case list shows the flag in words; the dashboard lists the referral with its deadline.
    await nav(page, 'Cases');
    await expect(page.locator('.flag-badge[data-flag="referral-due"]')).toContainText(
      'Referral due (R11)',
    );
    await nav(page, 'Home');
    const due = page.getByTestId('dashboard-item').and(page.locator('[data-kind="referral-due"]'));
    await expect(due).toHaveCount(1);
    await expect(due).toContainText('Referral due today by 16:00');
    await expect(due).toContainText('By 16:00');
    await expect(due).toHaveAttribute('data-severity', 'warning');
    await expect(due).not.toContainText('Overdue');
    await h.axe('dashboard with a referral due');
    await h.shot('referral-04-dashboard-due');

    // After the end of the school day it is overdue: red, and "Overdue" in words.
    clock.jump(7 * 60 * 60_000);
    await page.getByTestId('dashboard').getByRole('button', { name: 'Refresh' }).click();
    await expect(due).toHaveAttribute('data-severity', 'urgent');
    await expect(due).toContainText('Referral overdue since');
    await expect(due.locator('.tag-alarm', { hasText: 'Overdue' }).first()).toBeVisible();
    await h.axe('dashboard with an overdue referral');
    await h.shot('referral-05-dashboard-overdue');

    // Record the referral from the dashboard: the contacts, the pre-selected agency, main's "now".
    await due.getByRole('button', { name: /Record the referral/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Referral');
    const contacts = page.getByTestId('referral-contacts');
    await expect(contacts.locator('[data-contact="mash"]')).toContainText(
      'Easthaven MASH 01632 960100',
    );
    await expect(contacts.locator('[data-contact="lado"]')).toContainText(
      'not set — add in Settings',
    );
    await expect(page.getByTestId('referral-due')).toContainText('Overdue');
    await expect(page.getByTestId('referral-suggested')).toContainText('children’s social care');
    await expect(page.getByLabel('Referred to')).toHaveValue('csc');
    // The form opens with "now" already in its Day / Month / Year / Hour / Minute boxes.
    const made = page.getByRole('group', { name: 'When the referral was made' });
    await expect(made.getByLabel('Year', { exact: true })).toHaveValue(/^\d{4}$/);
    await expect(made.getByLabel('Minute', { exact: true })).toHaveValue(/^\d{2}$/);
    await page.getByLabel('Referred to').selectOption('police');
    await fillDateTime(page, 'When the referral was made', ukAgo(5));
    await page.getByRole('group', { name: 'How' }).getByLabel('Phone').check();
    await page.getByLabel('To whom (name and role)').fill('PC Dana Okafor, child protection team');
    await page.getByLabel('Their reference number').fill('KB-2026-55821');
    await page
      .getByLabel('What was shared')
      .fill(
        'The account of the concern, in words; Ava’s age; that the boy’s phone is switched off.',
      );
    await page
      .getByLabel('The advice given')
      .fill('Do not inform the family until the police call back; keep the phone off.');
    await page
      .getByLabel('Agreed next steps')
      .fill('Police to visit tomorrow morning; strategy discussion to follow.');
    await h.axe('referral form');
    await h.shot('referral-06-referral-form');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(step(page, 'referral')).toContainText('Police — made');
    await expect(panel(page).getByTestId('referral-due')).toHaveCount(0);
    await nav(page, 'Home');
    await expect(page.locator('[data-kind="referral-due"]')).toHaveCount(0);
    // The referral is done; the imagery case stays on the dashboard until its viewing decision (R1).
    const imageryItem = page.locator('[data-kind="imagery-steps"]');
    await expect(imageryItem).toHaveCount(1);
    await expect(imageryItem).toContainText('Imagery case without its viewing decision');

    // Parents not informed: refused without reasons (R13), nothing saved; then signed with them.
    await nav(page, 'Cases');
    await page
      .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
      .first()
      .click();
    await step(page, 'parents')
      .getByRole('button', { name: 'Record the parents’ decision' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Parents or carers');
    await expect(page.getByLabel('Child', { exact: true })).toHaveValue(/.+/);
    await yesNo(page, /Have the parents or carers been informed/, 'No');
    await page
      .getByRole('group', { name: /consulted before the family/ })
      .getByLabel('The police', { exact: true })
      .check();
    await expect(
      page.locator('.form-findings li[data-rule="R13"][data-status="needs-reason"]'),
    ).toHaveCount(1);
    before = await countRecords(h);
    await page.getByRole('button', { name: 'Sign and save' }).click();
    const mainRefused = page
      .getByTestId('findings')
      .filter({ hasText: 'CaseSeal cannot sign this yet' });
    await expect(mainRefused.locator('li[data-rule="R13"]')).toHaveCount(1);
    await expect(page.getByRole('alert').first()).toBeVisible();
    expect(await countRecords(h)).toBe(before);
    await h.axe('parents form refused');
    await h.shot('referral-07-parents-refused');
    await page
      .getByLabel(/Reasons for not informing them/)
      .fill('The police asked us not to inform the family until they have visited.');
    await expect(page.locator('.form-findings li[data-rule="R13"][data-status="met"]')).toHaveCount(
      1,
    );
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(step(page, 'parents')).toContainText(
      'Ava Lindqvist: not informed (reasons recorded)',
    );

    // A search that suspects an indecent image: stop at once (R18) and go to the device-seizure checklist.
    await step(page, 'device-search')
      .getByRole('button', { name: 'Record a device search' })
      .click();
    await fillDateTime(page, 'When the search took place', ukAgo(3));
    await page.getByLabel('The device (type, make, colour)').fill('Phone, black, cracked case');
    await page.getByLabel('Whose device it is').fill('A Year 8 boy');
    await page
      .getByLabel('Grounds for the search')
      .fill(
        'Reasonable grounds: Ava said the image was on this phone; searched under the DfE guidance.',
      );
    await page.getByLabel('Who searched (name and role)').fill('Delphine Okafor, DSL');
    await page.getByLabel('Who was present (names and roles)').fill('Harriet Quill, headteacher');
    await page
      .getByLabel('What was found (in words)')
      .fill(
        'The group chat named in the concern; an image thumbnail was seen and the search stopped at once.',
      );
    await expect(page.getByTestId('r18-stop')).toHaveCount(0);
    await yesNo(page, /indecent image of a child suspected/, 'Yes');
    await expect(page.getByTestId('r18-stop')).toContainText('Stop looking');
    await h.axe('device search with a suspected image');
    await h.shot('referral-08-device-search-stop');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    const seizure = panel(page).getByTestId('seizure-suggested');
    await expect(seizure).toContainText('add the device to this case');
    await seizure.getByRole('button', { name: 'Add the device' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Add a device');
    await nav(page, 'Cases');
    await page
      .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
      .first()
      .click();

    // A deletion instruction is refused while a police referral exists (R17): explained, and main refuses.
    const addDeletion = step(page, 'deletion').getByRole('button', {
      name: 'Add a deletion instruction',
    });
    await expect(addDeletion).toBeDisabled();
    await expect(step(page, 'deletion').getByTestId('deletion-refusal-note')).toContainText(
      R17_EVIDENCE_MESSAGE,
    );
    await page.getByLabel('Add a record').selectOption('deletion-instruction');
    await page.getByRole('button', { name: 'Open the form' }).click();
    await expect(page.getByTestId('deletion-refusal')).toContainText(R17_EVIDENCE_MESSAGE);
    await expect(
      page.locator('.form-findings li[data-rule="R17"][data-status="blocks"]'),
    ).toHaveCount(1);
    await h.axe('deletion instruction refused');
    await h.shot('referral-09-deletion-refused');
    before = await countRecords(h);
    const childId = (
      (await h.invoke('app:cases.get', { caseId })) as {
        value: { facts: { children: Array<{ id: string }> } };
      }
    ).value.facts.children[0]!.id;
    const crafted = (await h.invoke('app:records.add', {
      caseId,
      kind: 'deletion-instruction',
      body: {
        child: childId,
        what: 'The image she sent.',
        where: ['devices'],
        instructedAt: ukAgo(2),
        deadline: ukAgo(-600),
        presentOthers: [{ name: 'Ms Pastoral', role: 'Pastoral lead' }],
      },
    })) as {
      ok: boolean;
      error?: { code: string; detail?: { findings?: Array<{ rule: string }> } };
    };
    expect(crafted).toMatchObject({ ok: false, error: { code: 'RULE_BLOCKED' } });
    expect(crafted.error!.detail!.findings!.map((f) => f.rule)).toContain('R17');
    expect(await countRecords(h)).toBe(before);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The suspected image found in the search still needs the seizure checklist or the police (R18):
    // closing is refused until one follows the search. The DSL calls the police about the phone.
    await panel(page).getByRole('button', { name: 'Close the case' }).click();
    await expect(checklist.locator('li[data-rule="CLOSE-SEIZURE"]')).toHaveAttribute(
      'data-status',
      'missing',
    );
    await expect(checklist.locator('li[data-rule="CLOSE-SEIZURE"]')).toContainText(
      'suspected an indecent image',
    );
    await closing.getByRole('button', { name: 'Cancel' }).click();
    const policeAboutPhone = (await h.invoke('app:records.add', {
      caseId,
      kind: 'referral',
      body: {
        agency: 'police',
        madeAt: ukAgo(1),
        method: 'phone',
        contact: 'PC Dana Okafor, child protection team',
        reference: 'KB-2026-55821',
        shared:
          'A search of a Year 8 boy’s phone was stopped when an image was suspected; the phone is with the DSL.',
        advice: 'Keep the phone switched off and secured; officers will collect it.',
        nextSteps: 'Police to collect the phone tomorrow morning.',
      },
    })) as { ok: boolean };
    expect(policeAboutPhone.ok).toBe(true);
    // The imagery case needs its viewing decision before it can close (R1): here, not to view.
    const notToView = (await h.invoke('app:records.add', {
      caseId,
      kind: 'viewing-decision',
      body: {
        decision: 'not-view',
        knownAboutImagery: 'Ava described the image; the police have the phone it was sent from.',
        reason: 'The police are investigating; nothing needs the school to see the image.',
      },
    })) as { ok: boolean };
    expect(notToView.ok).toBe(true);
    await nav(page, 'Cases');
    await page
      .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
      .first()
      .click();

    // Every part is present: the checklist is complete; close, and the senior leader countersigns.
    await panel(page).getByRole('button', { name: 'Close the case' }).click();
    await expect(checklist).toContainText('Every item is in place.');
    await expect(checklist.locator('li[data-status="missing"]')).toHaveCount(0);
    await closing
      .getByLabel('Reason for closing')
      .fill('Referred to the police; parents’ decision recorded; support in school continues.');
    await closing
      .getByLabel('Senior leader who will countersign the closure')
      .selectOption({ label: `${slt.name} — Senior leader` });
    await closing
      .getByRole('button', { name: 'Sign and ask the senior leader to countersign' })
      .click();
    await expect(page.getByTestId('case-status')).toHaveText('Closing — awaiting senior leader');
    const awaiting = page.getByTestId('closing-awaiting');
    await expect(awaiting).toContainText(`${slt.name} must countersign the closure`);
    await h.axe('closing awaiting the senior leader');
    await h.shot('referral-10-closing-awaiting');
    // The dashboard lists the closure waiting for the senior leader, and leads back to the record.
    await nav(page, 'Home');
    const waitingClosure = page
      .getByTestId('dashboard-item')
      .and(page.locator('[data-kind="countersignature"]'));
    await expect(waitingClosure).toHaveCount(1);
    await expect(waitingClosure).toContainText('Closure approval countersignature awaited');
    await expect(waitingClosure).toContainText(`Waiting for ${slt.name}`);
    await h.axe('dashboard with a closure awaiting countersignature');
    await waitingClosure.getByRole('button', { name: /Open the record to countersign/ }).click();
    await expect(page.locator('article.record-focused[data-kind="status-change"]')).toHaveCount(1);
    await awaiting.getByRole('button', { name: `${slt.name} countersigns the closure` }).click();
    const dialog = page.getByRole('dialog', { name: /Countersign/ });
    await expect(dialog).toContainText('agree that it can be closed');
    await dialog.getByLabel('Your own passphrase').fill('not-the-right-one-123');
    await dialog.getByRole('button', { name: 'Countersign' }).click();
    await expect(dialog.getByRole('alert')).toContainText('not right');
    await expect(page.getByTestId('case-status')).toHaveText('Closing — awaiting senior leader');
    await h.axe('closure countersignature dialog');
    await h.shot('referral-11-closure-dialog');
    await dialog.getByLabel('Your own passphrase').fill(E2E_PASS.slt);
    await dialog.getByRole('button', { name: 'Countersign' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('case-status')).toHaveText('Closed');
    await expect(page.locator('article[data-kind="status-change"]').first()).toContainText(
      `Countersigned as closure approval by ${slt.name}`,
    );
    await expect(step(page, 'initial-review').getByRole('button')).toHaveCount(0);
    await expect(seizure).toHaveCount(0);
    await h.axe('closed case');
    await h.shot('referral-12-closed');

    // Reopening is a signed record too.
    await panel(page).getByRole('button', { name: 'Reopen the case' }).click();
    await page.getByTestId('reopen-case').getByRole('button', { name: 'Sign and reopen' }).click();
    await expect(page.getByTestId('reopen-case').getByRole('alert')).toContainText(
      'Give the reason for reopening the case.',
    );
    await page
      .getByLabel('Reason for reopening')
      .fill('The police asked the school to record a further disclosure.');
    await page.getByTestId('reopen-case').getByRole('button', { name: 'Sign and reopen' }).click();
    await expect(page.getByTestId('case-status')).toHaveText('Reopened');
    await expect(seizure.getByRole('button', { name: 'Add the device' })).toBeVisible();
    await h.axe('reopened case');
    await h.shot('referral-13-reopened');
  } finally {
    await stopHarness(h);
  }
});
