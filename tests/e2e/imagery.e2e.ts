// end to end in Chromium over a real vault (DSL, deputy DSL, senior leader, staff witness):
// a decision not to view (final at once) -> a decision to view, its unmet rules shown live and met one
// by one -> main refuses to finalise without the witness (R5) -> the witness countersigns in the
// dialog with their own passphrase (a wrong one first) -> final, both signatures shown. A deputy
// without a delegation cannot be the viewer (R4, shown and refused); after a senior leader signs a
// delegation in the dialog, they can. A copy already made blocks finalisation until the police's
// advice is recorded (R2). Image data is refused when pasted, dropped or sent in a crafted IPC call,
// and nothing is saved. axe on every screen and dialog; screenshots.
import type { Locator, Page } from '@playwright/test';
import { test, expect, startHarness, stopHarness, type AppHarness } from './harness';
import { addPerson, nav, setUpSchool, signInAs, E2E_PASS, fillDateTime } from './helpers';
import { addRecord as addRecordToCase, openCase } from '../../src/main/core/cases/caseService';
import { utcToUkLocal } from '../../src/shared/ukTime';
import { WITNESS_STATEMENT } from '../../src/shared/rules/imagery';
import { IMAGERY_FLAG_LABELS } from '../../src/shared/records/imageryFacts';
import { caseDetails } from '../helpers/records';

/** A JPEG made in code (never a real image): SOI + JFIF APP0 header, then deterministic noise. */
function fakeJpegBase64(): string {
  const head = [
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48,
    0x00, 0x48, 0x00, 0x00,
  ];
  const bytes = [...head];
  let x = 0x2545f491;
  for (let i = 0; i < 900; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes.push(x & 0xff);
  }
  bytes.push(0xff, 0xd9);
  return Buffer.from(bytes).toString('base64');
}

/** UK wall-clock time `minutesAgo` before now, as a datetime-local field holds it. */
const ukAgo = (minutesAgo: number) =>
  utcToUkLocal(new Date(Date.now() - minutesAgo * 60_000).toISOString());

const findingsOf = (page: Page) => page.locator('.form-findings').getByTestId('findings');
const rule = (page: Page, r: string, status: string, stage = 'sign') =>
  findingsOf(page).locator(`li[data-rule="${r}"][data-status="${status}"][data-stage="${stage}"]`);

async function expectUnmet(page: Page, r: string): Promise<void> {
  await expect(
    findingsOf(page)
      .locator(
        `li[data-rule="${r}"][data-stage="sign"]:is([data-status="blocks"], [data-status="needs-reason"])`,
      )
      .first(),
  ).toBeVisible();
}

async function expectMet(page: Page, r: string): Promise<void> {
  await expect(rule(page, r, 'met')).toHaveCount(1);
  await expect(
    findingsOf(page).locator(
      `li[data-rule="${r}"][data-stage="sign"]:is([data-status="blocks"], [data-status="needs-reason"])`,
    ),
  ).toHaveCount(0);
}

const yes = (page: Page, group: RegExp) =>
  page.getByRole('group', { name: group }).getByLabel('Yes', { exact: true }).check();
const no = (page: Page, group: RegExp) =>
  page.getByRole('group', { name: group }).getByLabel('No', { exact: true }).check();

async function countRecords(h: AppHarness): Promise<number> {
  return (await h.core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
}

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

async function addRecord(page: Page, kind: string, heading: string): Promise<void> {
  await page.getByLabel('Add a record').selectOption(kind);
  await page.getByRole('button', { name: 'Open the form' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
}

/** Fill a decision to view so that every sign-stage rule is met (the witness is chosen by the caller). */
async function fillView(
  page: Page,
  o: { slt: string; witnessReason?: string; what: string },
): Promise<void> {
  await page
    .getByLabel(/What is known about the imagery/)
    .fill(
      'Tallulah said a photo of her was shared in the Y9 group chat; she does not know which photo.',
    );
  await page
    .getByLabel(/Reason for the decision/)
    .fill(
      'The police asked the school to confirm whether the image shows Tallulah; she cannot say.',
    );
  await yes(page, /Is viewing necessary/);
  await page
    .getByRole('group', { name: /Senior leader consulted/ })
    .getByLabel('A senior leader with a CaseSeal account')
    .check();
  await page
    .getByLabel(/^Senior leader \(required by rule R3\)$/)
    .selectOption({ label: `${o.slt} — Senior leader` });
  await fillDateTime(page, /When you discussed it/, ukAgo(120));
  await page
    .getByLabel(/senior leader.s view/)
    .fill('Agrees that viewing is necessary, with a witness present.');
  if (o.witnessReason)
    await page.getByLabel(/Why the witness is not a senior leader/).fill(o.witnessReason);
  await no(page, /Did the witness also view/);
  await yes(page, /Did viewing take place on the school premises/);
  await page.getByLabel(/Which room/).fill('Headteacher’s office');
  await yes(page, /same sex as the child/);
  await fillDateTime(page, /Viewing started/, ukAgo(60));
  await fillDateTime(page, /Viewing ended/, ukAgo(55));
  await page.getByLabel(/What was seen — described in words only/).fill(o.what);
  await page.getByLabel(/No-copy declaration/).check();
  await page
    .getByLabel(/Subsequent actions/)
    .fill('Police informed of the confirmation; phone kept switched off in the safe.');
}

async function addRecordInCore(
  h: AppHarness,
  caseId: string,
  body: Record<string, unknown>,
): Promise<void> {
  await addRecordToCase(h.core, { caseId, kind: 'viewing-decision', body });
}

const decisionItem = (page: Page, index: number): Locator =>
  page.getByTestId('viewing-panel').getByTestId('viewing-decision').nth(index);

test('the imagery rules: not to view, to view with a witness, delegated authority, a copy made, no image data', async ({
  page,
}) => {
  // One long journey through every imagery rule: more time than the default three minutes.
  test.setTimeout(600_000);
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const dsl = people.dsl;
    const deputy = await addPerson(h, 'Devika Rahman', 'deputy');
    const slt = await addPerson(h, 'Harriet Quill', 'slt');
    const staff = await addPerson(h, 'Tobias Fenwick', 'staff');
    await openCase(h.core, { details: caseDetails() });
    const caseId = (await h.core.requireDb().get<{ id: string }>('SELECT id FROM cases LIMIT 1'))!
      .id;
    const jpeg = fakeJpegBase64();
    await openTheCase(page);

    // ---- R1: a decision NOT to view — allowed, no witness, final when signed.
    await addRecord(page, 'viewing-decision', 'Decision about viewing imagery');
    await expect(page.getByTestId('imagery-guidance').locator('details')).toHaveCount(8);
    await page.getByTestId('imagery-guidance').locator('details[data-rule="R5"] summary').click();
    await expect(
      page.getByTestId('imagery-guidance').locator('details[data-rule="R5"]'),
    ).toContainText('cannot be finalised without the witness’s own countersignature');
    await page
      .getByRole('group', { name: 'Decision', exact: true })
      .getByLabel('Do not view the imagery (the default)')
      .check();
    await expect(page.getByLabel(/Viewer/)).toHaveCount(0);
    await expect(page.getByLabel(/Witness present in the room/)).toHaveCount(0);
    await expectUnmet(page, 'R1');
    await page
      .getByLabel(/What is known about the imagery/)
      .fill('Two pupils describe the same image in the same words.');
    await page
      .getByLabel(/Reason for the decision/)
      .fill('Their accounts agree; the police do not need the school to confirm anything.');
    await expectMet(page, 'R1');
    await expect(rule(page, 'R5', 'met', 'finalise')).toContainText('final when signed');
    await h.axe('decision not to view — form');
    await h.shot('imagery-01-not-view-form');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();
    await expect(decisionItem(page, 0)).toHaveAttribute('data-state', 'final');
    await expect(decisionItem(page, 0).getByTestId('viewing-state')).toHaveText('Final');
    await expect(
      decisionItem(page, 0).getByRole('button', { name: 'Witness countersigns' }),
    ).toHaveCount(0);
    await expect(
      page.locator('article[data-kind="viewing-decision"]').getByTestId('record-state'),
    ).toHaveText('Final');
    await h.axe('case view — decision not to view');
    await h.shot('imagery-02-not-view-final');

    // ---- Later, a decision to view: every unmet rule is shown live, then met as the form is filled.
    await addRecord(page, 'viewing-decision', 'Decision about viewing imagery');
    await page
      .getByRole('group', { name: 'Decision', exact: true })
      .getByLabel(/View the imagery: there is a good and clear reason/)
      .check();
    for (const r of ['R1', 'R2', 'R3', 'R5', 'R6', 'R7', 'R8']) await expectUnmet(page, r);
    await expect(rule(page, 'R5', 'blocks', 'finalise')).toContainText('Awaiting witness');
    await expect(page.getByTestId('findings-finalise')).toHaveText('Before it is final');
    await expect(page.getByTestId('blocking-note')).toContainText(
      'rules not yet met: CaseSeal cannot sign this record until',
    );
    // The viewer is the person signed in, shown read-only (R4): the DSL may view.
    await expect(page.getByLabel(/^Viewer/)).toHaveValue(
      `${dsl.name} — Designated Safeguarding Lead`,
    );
    await expect(page.getByLabel(/^Viewer/)).toHaveAttribute('readonly', '');
    await expect(
      page.getByText('You are the viewer: the person who views signs this record.'),
    ).toBeVisible();
    await expectMet(page, 'R4');
    await h.axe('decision to view — empty form with unmet rules');
    await h.shot('imagery-03-view-form-unmet-rules');

    await page
      .getByLabel(/What is known about the imagery/)
      .fill('Tallulah said a photo of her was shared in the Y9 group chat.');
    await page
      .getByLabel(/Reason for the decision/)
      .fill('The police asked the school to confirm whether the image shows Tallulah.');
    await expectUnmet(page, 'R1');
    await yes(page, /Is viewing necessary/);
    await expectMet(page, 'R1');
    // R3: the senior leader consulted (an SLT account) and their view. A required choice offers no
    // "Nobody".
    await page
      .getByRole('group', { name: /Senior leader consulted/ })
      .getByLabel('A senior leader with a CaseSeal account')
      .check();
    const sltPicker = page.getByLabel(/^Senior leader \(required by rule R3\)$/);
    await expect(sltPicker.locator('option')).toHaveText([
      'Choose a person…',
      `${slt.name} — Senior leader`,
    ]);
    await sltPicker.selectOption({ label: `${slt.name} — Senior leader` });
    await expectUnmet(page, 'R3');
    await page
      .getByLabel(/senior leader.s view/)
      .fill('Agrees that viewing is necessary, with a senior leader as witness.');
    // R3 also needs when the discussion took place, before the viewing.
    await expectUnmet(page, 'R3');
    await fillDateTime(page, /When you discussed it/, ukAgo(120));
    await expectMet(page, 'R3');
    // R5: a staff witness needs the reason they are not a senior leader; a senior leader does not.
    const witness = page.getByLabel(/Witness present in the room/);
    await expect(witness.locator('option')).toHaveText([
      'Choose a person…',
      `${deputy.name} — Deputy DSL`,
      `${slt.name} — Senior leader`,
      `${staff.name} — Staff`,
    ]);
    await witness.selectOption({ label: `${staff.name} — Staff` });
    await expect(page.getByLabel(/Why the witness is not a senior leader/)).toBeVisible();
    await expect(rule(page, 'R5', 'needs-reason')).toContainText('not a senior leader');
    await page
      .getByLabel(/Why the witness is not a senior leader/)
      .fill('Only to see the field go.');
    await witness.selectOption({ label: `${slt.name} — Senior leader` });
    await expect(page.getByLabel(/Why the witness is not a senior leader/)).toHaveCount(0);
    await expect(rule(page, 'R5', 'needs-reason')).toHaveCount(0);
    await no(page, /Did the witness also view/);
    await expectMet(page, 'R5');
    // R6, R7.
    await yes(page, /Did viewing take place on the school premises/);
    await expectUnmet(page, 'R6');
    await page.getByLabel(/Which room/).fill('Headteacher’s office');
    await expectMet(page, 'R6');
    await yes(page, /same sex as the child/);
    await expectMet(page, 'R7');

    // R2 in the window: image data pasted into "what was seen" is refused, and so is a dropped file.
    const whatSeen = page.getByLabel(/What was seen — described in words only/);
    const pastedText = await whatSeen.evaluate((el, b64) => {
      (el as HTMLTextAreaElement).focus();
      const dt = new DataTransfer();
      dt.setData('text/plain', b64);
      return !el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, jpeg);
    expect(pastedText).toBe(true);
    const banner = page.getByTestId('r2-banner');
    await expect(banner).toContainText('Not taken in (R2).');
    await expect(banner).toContainText('The pasted text contains JPEG data, so it was not pasted.');
    await expect(banner).toContainText('Describe in words what was seen instead.');
    await expect(whatSeen).toHaveValue('');
    await h.axe('R2 banner after a paste of image data');
    await h.shot('imagery-04-paste-refused');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
    const pastedFile = await whatSeen.evaluate((el) => {
      const dt = new DataTransfer();
      dt.items.add(
        new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70])], 'photo.jpg', {
          type: 'image/jpeg',
        }),
      );
      return !el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    });
    expect(pastedFile).toBe(true);
    await expect(page.getByTestId('r2-banner')).toContainText('Only plain text can be pasted');
    await page.getByTestId('r2-banner').getByRole('button', { name: 'Dismiss' }).click();
    const dropped = await whatSeen.evaluate((el) => {
      const dt = new DataTransfer();
      dt.items.add(
        new File(
          [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
          'screenshot.png',
          { type: 'image/png' },
        ),
      );
      return !el.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    });
    expect(dropped).toBe(true);
    await expect(page.getByTestId('r2-banner')).toContainText(
      'Files cannot be dropped into CaseSeal.',
    );
    await expect(whatSeen).toHaveValue('');
    await h.shot('imagery-05-drop-refused');
    await page.getByTestId('r2-banner').getByRole('button', { name: 'Dismiss' }).click();

    // R8 and R2's declaration.
    await fillDateTime(page, /Viewing started/, ukAgo(60));
    await fillDateTime(page, /Viewing ended/, ukAgo(55));
    await whatSeen.fill(
      'One photograph of a girl in school uniform, partly undressed; the face is Tallulah’s.',
    );
    await page
      .getByLabel(/Subsequent actions/)
      .fill('Police informed of the confirmation; phone kept switched off in the safe.');
    await expectMet(page, 'R8');
    await expectUnmet(page, 'R2');
    await page.getByLabel(/No-copy declaration/).check();
    await expectMet(page, 'R2');
    await expect(
      findingsOf(page).locator(
        'li[data-stage="sign"]:is([data-status="blocks"], [data-status="needs-reason"])',
      ),
    ).toHaveCount(0);
    await expect(findingsOf(page)).toContainText('Every rule that applies before signing is met.');
    await expect(page.getByTestId('blocking-note')).toHaveText('');
    await expect(rule(page, 'R5', 'blocks', 'finalise')).toContainText('Awaiting witness');
    await h.axe('decision to view — every rule met');
    await h.shot('imagery-06-view-form-rules-met');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();

    // Awaiting the witness; "Finalise" without them is refused with R5's message.
    const viewing = decisionItem(page, 1);
    await expect(viewing).toHaveAttribute('data-state', 'awaiting-witness');
    await expect(viewing.getByTestId('viewing-state')).toHaveText(`Awaiting witness — ${slt.name}`);
    await viewing.getByRole('button', { name: 'Finalise' }).click();
    await expect(viewing.getByRole('alert')).toContainText(
      'Awaiting witness: the named witness must countersign with their own passphrase',
    );
    await expect(viewing.getByTestId('findings').locator('li[data-rule="R5"]')).toBeVisible();
    await expect(viewing).toHaveAttribute('data-state', 'awaiting-witness');
    await h.axe('finalise refused without the witness');
    await h.shot('imagery-07-finalise-refused-r5');

    // The witness countersigns in the dialog with their own passphrase — a wrong one first.
    await viewing.getByRole('button', { name: 'Witness countersigns' }).click();
    const dialog = page.getByRole('dialog', { name: /The witness countersigns/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('witness-name')).toHaveText(`${slt.name} — Senior leader`);
    await expect(dialog).toContainText(WITNESS_STATEMENT);
    await dialog.getByLabel(/own passphrase/).fill('not-the-right-one-123');
    await dialog.getByRole('button', { name: 'Countersign as witness and finalise' }).click();
    await expect(dialog.getByRole('alert')).toContainText('not right');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel(/own passphrase/)).toHaveValue('');
    await h.axe('witness dialog after a wrong passphrase');
    await h.shot('imagery-08-witness-dialog-wrong-passphrase');
    await dialog.getByLabel(/own passphrase/).fill(E2E_PASS.slt);
    await dialog.getByRole('button', { name: 'Countersign as witness and finalise' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(viewing).toHaveAttribute('data-state', 'final');
    await expect(viewing.getByTestId('viewing-state')).toHaveText(
      new RegExp(`^Final — witnessed by ${slt.name} on \\d{2}/\\d{2}/\\d{4} at \\d{2}:\\d{2}$`),
    );
    // Both signatures on the record in the chronology.
    const card = page
      .locator('article[data-kind="viewing-decision"]')
      .filter({ hasText: 'Decision to view imagery' });
    await expect(card.locator('.signed-line')).toContainText(`Signed by ${dsl.name}`);
    await expect(card.locator('.countersigned')).toContainText(
      `Countersigned as witness by ${slt.name}`,
    );
    await expect(card.getByTestId('record-state')).toContainText(
      `Final — witnessed by ${slt.name}`,
    );
    await expect(card.locator('.awaiting')).toHaveCount(0);
    await expect(card).not.toContainText('Why the witness is not a senior leader');
    await h.axe('case view — decision to view, final');
    await h.shot('imagery-09-view-final-both-signatures');

    // ---- A base64 JPEG in a crafted IPC call is refused, and nothing is saved.
    const before = await countRecords(h);
    const crafted = (await h.invoke('app:records.add', {
      caseId,
      kind: 'viewing-decision',
      body: {
        decision: 'not-view',
        knownAboutImagery: `Here it is: ${jpeg}`,
        reason: 'Attached for the record.',
      },
    })) as { ok: boolean; error?: { code: string } };
    expect(crafted).toMatchObject({ ok: false, error: { code: 'IMAGERY_REFUSED' } });
    const craftedUrl = (await h.invoke('app:records.add', {
      caseId,
      kind: 'note',
      body: { noteType: 'discussion', subject: 'Photo', details: `data:image/jpeg;base64,${jpeg}` },
    })) as { ok: boolean; error?: { code: string } };
    expect(craftedUrl).toMatchObject({ ok: false, error: { code: 'IMAGERY_REFUSED' } });
    expect(await countRecords(h)).toBe(before);

    // ---- A deputy DSL without a delegation cannot be the viewer (R4): shown, and refused by main.
    await signInAs(page, deputy.name, 'deputy');
    await openTheCase(page);
    await expect(page.getByTestId('delegations-panel')).toContainText(
      'No delegation of authority has been given for this case.',
    );
    await addRecord(page, 'viewing-decision', 'Decision about viewing imagery');
    await expect(page.getByTestId('r4-note')).toContainText('you cannot be the viewer yet');
    await page
      .getByRole('group', { name: 'Decision', exact: true })
      .getByLabel(/View the imagery/)
      .check();
    await expect(page.getByLabel(/^Viewer/)).toHaveValue(`${deputy.name} — Deputy DSL`);
    await expect(rule(page, 'R4', 'blocks')).toContainText(
      'A deputy DSL may view only with a delegation of authority for this case',
    );
    await page
      .getByLabel(/Witness present in the room/)
      .selectOption({ label: `${staff.name} — Staff` });
    await fillView(page, {
      slt: slt.name,
      witnessReason: 'The headteacher was teaching; the office manager was free at once.',
      what: 'A photograph of a girl in uniform; the face is Tallulah’s.',
    });
    await expectUnmet(page, 'R4');
    for (const r of ['R1', 'R2', 'R3', 'R5', 'R6', 'R7', 'R8']) await expectMet(page, r);
    const beforeDeputy = await countRecords(h);
    await page.getByRole('button', { name: 'Sign and save' }).click();
    const refused = page
      .getByTestId('findings')
      .filter({ hasText: 'CaseSeal cannot sign this yet' });
    await expect(refused.locator('li[data-rule="R4"]')).toContainText(
      'A deputy DSL may view only with a delegation',
    );
    await expect(refused.locator('li')).toHaveCount(1);
    await expect(page.locator('.error-summary')).toContainText('R4');
    expect(await countRecords(h)).toBe(beforeDeputy);
    await h.axe('deputy without a delegation — refused (R4)');
    await h.shot('imagery-10-deputy-refused-r4');

    // ---- At the DSL's PC, the senior leader signs a delegation with their own passphrase.
    await signInAs(page, dsl.name, 'dsl');
    await openTheCase(page);
    const delegations = page.getByTestId('delegations-panel');
    await delegations
      .getByRole('button', { name: /A senior leader gives authority to view/ })
      .click();
    const dg = page.getByRole('dialog', {
      name: /A senior leader gives authority to view imagery/,
    });
    await expect(dg).toContainText('The senior leader signs this delegation, not you.');
    await expect(dg.getByLabel(/Member of the safeguarding team/).locator('option')).toHaveText([
      'Choose a person…',
      `${deputy.name} — Deputy DSL`,
    ]);
    // The school has one senior leader: the dialog names them rather than offering a list.
    await expect(dg.getByTestId('signer-name')).toHaveText(`${slt.name} — Senior leader`);
    await dg.getByRole('button', { name: `Sign as ${slt.name}` }).click();
    await expect(dg.getByRole('alert')).toContainText(
      'The senior leader types their own passphrase.',
    );
    await dg.getByLabel(/Authority:/).check();
    await dg
      .getByLabel('Why this person')
      .fill('Devika leads on online safety and is the same sex as the child.');
    await dg.getByLabel(/own passphrase/).fill('not-the-right-one-123');
    await dg.getByRole('button', { name: `Sign as ${slt.name}` }).click();
    await expect(dg.getByRole('alert')).toContainText('not right');
    await expect(dg).toBeVisible();
    await h.axe('delegation dialog after a wrong passphrase');
    await h.shot('imagery-11-delegation-dialog');
    await dg.getByLabel(/own passphrase/).fill(E2E_PASS.slt);
    await dg.getByRole('button', { name: `Sign as ${slt.name}` }).click();
    await expect(dg).toHaveCount(0);
    const row = delegations.getByTestId('delegations-table').locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-state', 'active');
    await expect(row).toContainText(deputy.name);
    await expect(row).toContainText(slt.name);
    await expect(page.locator('article[data-kind="delegation"] .signed-line')).toContainText(
      `Signed by ${slt.name}`,
    );
    await h.axe('case view — delegation active');
    await h.shot('imagery-12-delegation-active');

    // ---- The deputy viewed an hour ago, before the delegation was signed just now: the delegation
    //      never counts as if it had been in force (R4). The viewing is recorded as it happened,
    //      with the reason, and the case is flagged.
    await signInAs(page, deputy.name, 'deputy');
    await openTheCase(page);
    await addRecord(page, 'viewing-decision', 'Decision about viewing imagery');
    await expect(page.getByTestId('r4-note')).toHaveCount(0);
    await page
      .getByRole('group', { name: 'Decision', exact: true })
      .getByLabel(/View the imagery/)
      .check();
    await page
      .getByLabel(/Witness present in the room/)
      .selectOption({ label: `${staff.name} — Staff` });
    await fillView(page, {
      slt: slt.name,
      witnessReason: 'The headteacher was teaching; the office manager was free at once.',
      what: 'A photograph of a girl in uniform; the face is Tallulah’s.',
    });
    await expect(rule(page, 'R4', 'needs-reason')).toContainText(
      'No delegation of authority was in force when viewing started',
    );
    await expect(rule(page, 'R4', 'met')).toHaveCount(0);
    await page
      .getByLabel(/Why the viewing happened without delegated authority/)
      .fill('The police needed an answer at once and the DSL was off site.');
    await expect(rule(page, 'R4', 'advice')).toContainText('Recorded as it happened');
    await expect(rule(page, 'R4', 'met')).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(page.locator('[data-flag="viewed-without-authority"]')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();
    const deputyViewing = decisionItem(page, 2);
    await expect(deputyViewing.getByTestId('viewing-state')).toHaveText(
      `Awaiting witness — ${staff.name}`,
    );
    await expect(
      page
        .locator('article[data-kind="viewing-decision"]')
        .filter({ hasText: 'Why the witness is not a senior leader' })
        .locator('.signed-line'),
    ).toContainText(`Signed by ${deputy.name}`);

    // ---- A copy was already made (R2): the case is flagged and the decision cannot be finalised until
    //      the police's advice is recorded.
    await signInAs(page, dsl.name, 'dsl');
    await openTheCase(page);
    await addRecord(page, 'copy-made', 'A copy was made');
    await expect(page.locator('.record-form > .guidance')).toContainText(
      'contact your local police for advice',
    );
    await page.getByLabel(/Who made or holds the copy/).fill('A Year 10 pupil (initials J.R.)');
    await page
      .getByRole('group', { name: /What happened to the imagery/ })
      .getByLabel(/^Shared or forwarded/)
      .check();
    await page
      .getByLabel(/The copy, described in words only/)
      .fill('A screenshot of the photo forwarded to one friend on Snapchat.');
    await page
      .getByLabel(/Where it is now/)
      .fill('On the pupil’s phone, switched off and in the school safe.');
    await fillDateTime(page, /When the copy was made/, ukAgo(300));
    await no(page, /Have the police been contacted for advice yet/);
    await expect(rule(page, 'R2', 'advice')).toContainText('Contact the police for advice now');
    await h.axe('copy made — form');
    await h.shot('imagery-13-copy-made-form');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();
    await expect(page.locator('[data-flag="copy-made"]')).toHaveText(
      IMAGERY_FLAG_LABELS['copy-made']!,
    );
    await expect(page.locator('[data-flag="copy-made-advice-missing"]')).toHaveText(
      IMAGERY_FLAG_LABELS['copy-made-advice-missing']!,
    );

    await deputyViewing.getByRole('button', { name: 'Witness countersigns' }).click();
    const wd = page.getByRole('dialog', { name: /The witness countersigns/ });
    await expect(wd.getByTestId('witness-name')).toHaveText(`${staff.name} — Staff`);
    await wd.getByLabel(/own passphrase/).fill(E2E_PASS.staff);
    await wd.getByRole('button', { name: 'Countersign as witness and finalise' }).click();
    await expect(wd.getByRole('alert')).toContainText('police’s advice about it is missing');
    await expect(wd.getByTestId('findings').locator('li[data-rule="R2"]')).toBeVisible();
    await h.axe('witness dialog refused for R2');
    await h.shot('imagery-14-witness-refused-r2');
    await wd
      .getByRole('button', { name: 'Record the police’s advice about the copy (R2)' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'Police advice about a copy',
    );
    const copyPicker = page.getByLabel(/The copy this advice is about/);
    await expect(copyPicker.locator('option')).toHaveCount(2);
    await expect(copyPicker.locator('option').nth(1)).toContainText('A copy was made');
    await copyPicker.selectOption({ index: 1 });
    await fillDateTime(page, /When the police were contacted/, ukAgo(30));
    await page.getByLabel(/Police reference/).fill('EH-2026-44812');
    await page
      .getByLabel(/The advice given/)
      .fill(
        'Keep the phone switched off in the safe; do not delete anything; an officer will collect it.',
      );
    await h.axe('police advice about a copy — form');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();
    await expect(page.locator('[data-flag="copy-made"]')).toBeVisible();
    await expect(page.locator('[data-flag="copy-made-advice-missing"]')).toHaveCount(0);

    // This time from the record in the chronology: its "Countersign as witness" opens the same witness dialog.
    const deputyCard = page
      .locator('article[data-kind="viewing-decision"]')
      .filter({ hasText: 'Why the witness is not a senior leader' });
    await deputyCard.getByRole('button', { name: 'Countersign as witness' }).click();
    await expect(wd.getByTestId('witness-name')).toHaveText(`${staff.name} — Staff`);
    await wd.getByLabel(/own passphrase/).fill(E2E_PASS.staff);
    await wd.getByRole('button', { name: 'Countersign as witness and finalise' }).click();
    await expect(wd).toHaveCount(0);
    await expect(deputyCard.locator('.countersigned')).toContainText(
      `Countersigned as witness by ${staff.name}`,
    );
    await expect(deputyViewing.getByTestId('viewing-state')).toHaveText(
      new RegExp(`^Final — witnessed by ${staff.name} on `),
    );

    // ---- The DSL revokes the delegation.
    await delegations.getByRole('button', { name: `Revoke ${deputy.name}’s delegation` }).click();
    const rv = page.getByRole('dialog', { name: /Revoke a delegation of authority/ });
    await expect(rv.getByLabel(/I do/)).toBeChecked();
    await rv
      .getByLabel('Reason')
      .fill('The police now hold the device; no further viewing is needed.');
    await h.axe('revoke dialog');
    await h.shot('imagery-15-revoke-dialog');
    await rv.getByRole('button', { name: 'Sign the revocation' }).click();
    await expect(rv).toHaveCount(0);
    await expect(row).toHaveAttribute('data-state', 'revoked');
    await expect(row).toContainText('Revoked on');
    await expect(delegations.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
    // The deputy's decision, signed while the delegation was active, stays final.
    await expect(deputyViewing).toHaveAttribute('data-state', 'final');
    await h.axe('case view — delegation revoked');
    await h.shot('imagery-16-case-final');

    // ---- The case list shows the copy flag.
    await nav(page, 'Cases');
    const badge = page.locator('.flag-badge[data-flag="copy-made"]');
    await expect(badge).toContainText('Copy made (R2)');
    await expect(page.locator('.flag-badge[data-flag="copy-made-advice-missing"]')).toHaveCount(0);
    await h.axe('case list with the copy flag');
    await h.shot('imagery-17-case-list-flag');
  } finally {
    await stopHarness(h);
  }
});

test('the witness dialog after too many wrong passphrases: locked out, with the wait shown', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const slt = await addPerson(h, 'Harriet Quill', 'slt');
    const opened = await openCase(h.core, { details: caseDetails() });
    // A decision to view signed through the core (the form is covered above), awaiting the witness.
    await addRecordInCore(h, opened.caseId, {
      decision: 'view',
      knownAboutImagery: 'Tallulah said a photo of her was shared in the Y9 group chat.',
      reason: 'The police asked the school to confirm whether the image shows Tallulah.',
      necessary: true,
      sltConsulted: 'account',
      sltAccount: { accountId: slt.id, name: '' },
      sltConsultedAt: ukAgo(120),
      sltView: 'Agrees, with a senior leader as witness.',
      viewer: { accountId: people.dsl.id, name: '' },
      witness: { accountId: slt.id, name: '' },
      witnessViewed: false,
      onPremises: true,
      room: 'Headteacher’s office',
      sameSex: true,
      viewingStarted: ukAgo(60),
      viewingEnded: ukAgo(55),
      whatSeen: 'One photograph; the face is Tallulah’s.',
      noCopyDeclaration: true,
      subsequentActions: 'Police informed.',
    });
    await openTheCase(page);
    const viewing = decisionItem(page, 0);
    await expect(viewing.getByTestId('viewing-state')).toHaveText(`Awaiting witness — ${slt.name}`);
    await viewing.getByRole('button', { name: 'Witness countersigns' }).click();
    const dialog = page.getByRole('dialog', { name: /The witness countersigns/ });
    const submit = dialog.getByRole('button', { name: 'Countersign as witness and finalise' });
    // Pressing the button with no passphrase gives main's own R5 refusal.
    await submit.click();
    await expect(dialog.getByRole('alert')).toContainText(
      'Awaiting witness: the named witness must countersign with their own passphrase',
    );
    for (let i = 0; i < 5; i += 1) {
      await dialog.getByLabel(/own passphrase/).fill(`wrong-passphrase-${i}-abcdef`);
      await submit.click();
      await expect(dialog.getByRole('alert')).toContainText('not right');
    }
    await dialog.getByLabel(/own passphrase/).fill(E2E_PASS.slt);
    await submit.click();
    await expect(dialog.getByRole('alert')).toContainText('Too many wrong passphrases');
    await expect(dialog.getByRole('status')).toContainText(
      /the witness can try again in \d+ seconds/,
    );
    await expect(submit).toBeDisabled();
    await expect(viewing).toHaveAttribute('data-state', 'awaiting-witness');
    await h.axe('witness dialog locked out');
    await h.shot('imagery-18-witness-locked-out');
  } finally {
    await stopHarness(h);
  }
});
