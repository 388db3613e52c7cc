// R2 end to end in Chromium over a real vault: hex and percent-encoded image data pasted into a record form is refused with a clear message, a long coded run typed in is refused by main on signing, and nothing is saved. axe on each refusal.
import type { Page } from '@playwright/test';
import { test, expect, startHarness, stopHarness, type AppHarness } from './harness';
import { nav, setUpSchool } from './helpers';
import { openCase } from '../../src/main/core/cases/caseService';
import { caseDetails } from '../helpers/records';

/** A 1×1 PNG made in code (never a real image): signature, IHDR, a few bytes of IDAT, IEND. */
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0, 12, 0x49, 0x44, 0x41, 0x54, 0x08,
  0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0, 0, 3, 1, 1, 0, 0x18, 0xdd, 0x8d, 0xb0, 0, 0, 0, 0, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);
/** A JPEG header made in code, then deterministic noise. */
const JPEG = Uint8Array.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  0x01,
  0x00,
  0x00,
  0x48,
  0x00,
  0x48,
  0x00,
  0x00,
  ...Array.from({ length: 120 }, (_, i) => (i * 73 + 41) & 255),
]);

async function countRecords(h: AppHarness): Promise<number> {
  return (await h.core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
}

/** Pastes text into the field as the clipboard would; true when the page refused it. */
async function paste(page: Page, label: string, text: string): Promise<boolean> {
  return page.getByLabel(label).evaluate((el, t) => {
    (el as HTMLTextAreaElement).focus();
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    return !el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, text);
}

test('R2: hex and percent-encoded image data pasted into a form, and a long coded run typed in, are refused with clear words and nothing is saved', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    await setUpSchool(h);
    await openCase(h.core, { details: caseDetails() });
    await nav(page, 'Cases');
    await page
      .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
      .first()
      .click();
    await page.getByLabel('Add a record').selectOption('note');
    await page.getByRole('button', { name: 'Open the form' }).click();
    await page.getByRole('group', { name: 'Type of note' }).getByLabel('Discussion').check();
    await page.getByLabel('Subject').fill('What the pupil showed on her phone');
    const before = await countRecords(h);
    const details = page.getByLabel('What was said or done');
    const banner = page.getByTestId('r2-banner');

    // ---- Attack: a PNG pasted as hex (as a hex viewer copies it), spaced pairs in upper case.
    const hex = Array.from(PNG, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    expect(await paste(page, 'What was said or done', hex)).toBe(true);
    await expect(banner).toContainText('Not taken in (R2).');
    await expect(banner).toContainText('The pasted text contains PNG data, so it was not pasted.');
    await expect(banner).toContainText('written as hexadecimal codes');
    await expect(banner).toContainText('Describe in words what was seen instead.');
    await expect(details).toHaveValue('');
    await h.axe('R2 banner after a hex paste');
    await h.shot('r2-01-hex-paste-refused');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);

    // ---- Attack: a JPEG pasted percent-encoded (as a link carries it).
    const percent = Array.from(
      JPEG,
      (b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    ).join('');
    expect(await paste(page, 'What was said or done', percent)).toBe(true);
    await expect(banner).toContainText('The pasted text contains JPEG data, so it was not pasted.');
    await expect(banner).toContainText('written as web-link codes');
    await expect(details).toHaveValue('');
    await h.axe('R2 banner after a percent-encoded paste');
    await h.shot('r2-02-percent-paste-refused');
    await banner.getByRole('button', { name: 'Dismiss' }).click();

    // ---- Attack: pieces pasted one after another, each short, adding up in the box.
    const piece = (k: number) =>
      Array.from({ length: 60 }, (_, i) => ((i + k * 60) * 151 + 7) & 255)
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
    await details.fill(
      `part 1 ${piece(1)} part 2 ${piece(2)} part 3 ${piece(3)} part 4 ${piece(4)} `,
    );
    expect(await paste(page, 'What was said or done', `part 5 ${piece(5)}`)).toBe(true);
    await expect(banner).toContainText('Nothing was pasted.');
    await expect(banner).toContainText('add up to more than one box needs');
    await h.axe('R2 banner after pieces add up');
    await banner.getByRole('button', { name: 'Dismiss' }).click();

    // ---- Attack: a long run of hex typed (not pasted) and signed: main refuses, in words.
    await details.fill(
      `It was this: ${Array.from({ length: 200 }, (_, i) => ((i * 97 + 13) & 255).toString(16).padStart(2, '0')).join('')}`,
    );
    await page.getByRole('button', { name: 'Sign and save' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText('Refused under rule R2');
    await expect(summary).toContainText('a long run of hexadecimal codes');
    await expect(summary).toContainText('Nothing was saved.');
    await h.axe('form after main refused a long coded run (R2)');
    await h.shot('r2-03-typed-run-refused-by-main');
    expect(await countRecords(h)).toBe(before);

    // ---- Legitimate look-alikes are accepted: an IMEI, a police reference, a fingerprint.
    await details.fill(
      'IMEI 356938035643809; crime ref NWP/2026/0123456789; export fingerprint e3b0 c442 98fc 1c14 9afb f4c8 996f b924 27ae 41e4 649b 934c a495 991b 7852 b855.',
    );
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(page.getByRole('heading', { name: 'Chronology' })).toBeVisible();
    expect(await countRecords(h)).toBe(before + 1);
  } finally {
    await stopHarness(h);
  }
});
