// end to end in Chromium over a real vault: a case with a countersigned record is exported,
// encrypted, to a police officer from the case view (progress, the passphrase shown once); the saved
// zip opens with 7zz, its manifest passes sha256sum -c and its signature openssl; the handover
// receipt is saved and read with pdftotext; the case shows the export; "Verify an export" finds the
// file valid, refuses a wrong passphrase with the reason, and names the precise problem in a
// tampered copy; an export cancelled part-way leaves no file and no record. axe on every screen.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as cases from '../../src/main/core/cases/caseService';
import { appendRecord } from '../../src/main/core/log/recordLog';
import { refreshCaseProjection } from '../../src/main/core/log/projections';
import { caseDetails } from '../helpers/records';
import { test, expect, startHarness, stopHarness, type AppHarness } from './harness';
import { addPerson, nav, setUpSchool, E2E_PASS } from './helpers';

const OFFICER = {
  officerName: 'DC Rowan Whitlock',
  collarNumber: '4471',
  force: 'Kingsford Constabulary',
  reference: 'KB-231126-0042',
};
const BUNDLE_FILES = [
  'VERIFY.txt',
  'audit.json',
  'certificates.json',
  'manifest.sha256',
  'manifest.sig',
  'records.json',
  'report.pdf',
  'signer.pub.pem',
];
/** A case with many records: a cancelled export of it must leave nothing behind. */
const LONG_CASE_RECORDS = 200;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function exportRecordCount(h: AppHarness, caseId: string): Promise<number> {
  return (await h.core
    .requireDb()
    .get<{ n: number }>("SELECT count(*) AS n FROM records WHERE kind = 'export' AND case_id = ?", [
      caseId,
    ]))!.n;
}

async function fillRecipient(page: AppHarness['page']): Promise<void> {
  await page.getByLabel('Police officer’s name').fill(OFFICER.officerName);
  await page.getByLabel('Collar or warrant number (optional)').fill(OFFICER.collarNumber);
  await page.getByLabel('Force', { exact: true }).fill(OFFICER.force);
  await page.getByLabel('Police reference', { exact: true }).fill(OFFICER.reference);
}

test('a sealed export to the police, its receipt, and "Verify an export"', async ({ page }) => {
  test.setTimeout(240_000);
  const h = await startHarness(page);
  const work = mkdtempSync(join(tmpdir(), 'caseseal-e2e-export-'));
  try {
    const people = await setUpSchool(h);
    const slt = await addPerson(h, 'Harriet Quill', 'slt');

    // ---- a case with a few records, built through the core (the forms are covered by caseLog.e2e.ts)
    const opened = await cases.openCase(h.core, {
      details: caseDetails({ title: 'Threats to share an image — Year 9' }),
    });
    const caseId = opened.caseId;
    const caseRef = (await h.core
      .requireDb()
      .get<{ ref: string }>('SELECT ref FROM cases WHERE id = ?', [caseId]))!.ref;
    await cases.addRecord(h.core, {
      caseId,
      kind: 'note',
      body: {
        noteType: 'discussion',
        subject: 'Call with the head of year',
        details: 'Agreed daily check-ins at lunch; the form tutor watches the group chat.',
      },
    });
    const planned = await cases.addRecord(h.core, {
      caseId,
      kind: 'note',
      body: {
        noteType: 'discussion',
        subject: 'Plan agreed with the headteacher',
        details: 'Police to be called about the threats; parents told this afternoon.',
        countersigner: { accountId: slt.id, name: '' },
      },
    });
    await cases.countersign(h.core, {
      recordId: planned.record.envelope.id,
      purpose: 'agreement',
      accountId: slt.id,
      passphrase: E2E_PASS.slt,
    });

    // ---- the case view: the export panel, "Export for the police" preselects the case
    await nav(page, 'Cases');
    await page.getByRole('button', { name: caseRef, exact: true }).click();
    const panel = page.getByTestId('exports-panel');
    await expect(panel).toContainText('This case has not been exported.');
    await panel.getByRole('button', { name: 'Export for the police' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sealed export for the police' }),
    ).toBeVisible();
    await expect(page.getByRole('checkbox', { name: new RegExp(caseRef) })).toBeChecked();
    await expect(page.getByLabel(/Encrypt for transport/)).toBeChecked();
    await expect(page.getByText('Give it to the officer separately')).toBeVisible();

    // Required fields are checked before anything is sent; nothing is saved.
    await page.getByRole('button', { name: 'Export…' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Check the export' });
    await expect(summary).toContainText('Enter the name of the police officer');
    await expect(summary).toContainText('Enter the police force.');
    await expect(summary).toContainText('Enter the police reference');
    expect(h.savedFiles).toEqual([]);
    await h.axe('export form with errors');
    await h.shot('export-01-form-errors');

    // Unencrypted: the note says anyone can open it.
    await page.getByLabel(/Encrypt for transport/).uncheck();
    await expect(
      page.getByText(/anyone who has the file can open it with any unzip tool/),
    ).toBeVisible();
    await page.getByLabel(/Encrypt for transport/).check();
    await fillRecipient(page);
    await h.axe('export form');
    await h.shot('export-02-form');

    // ---- export, encrypted
    const tasks = new Set<string>();
    const off = h.core.onEvent((e) => {
      if (e.type === 'progress') tasks.add(e.task);
    });
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: /^Exported: caseseal-export-/ }),
    ).toBeVisible();
    off();
    expect([...tasks]).toEqual([
      'export-records',
      'export-report',
      'export-bundle',
      'export-write',
    ]);
    expect(h.savedFiles).toHaveLength(1);
    const zip = h.savedFiles[0]!;
    expect(basename(zip)).toMatch(
      new RegExp(`^caseseal-export-${caseRef}-\\d{4}-\\d{2}-\\d{2}\\.zip$`),
    );
    expect(existsSync(zip)).toBe(true);
    const zipBytes = readFileSync(zip);

    // The passphrase, shown once in large type, with the warning.
    const passphrase = (await page.getByTestId('export-passphrase').textContent())!.trim();
    expect(passphrase).toMatch(/^[a-z]+(-[a-z]+){5}$/);
    await expect(page.getByRole('note').filter({ hasText: 'never with the file' })).toContainText(
      `Give this passphrase to ${OFFICER.officerName} separately`,
    );
    await expect(page.getByText('It cannot be shown again')).toBeVisible();
    await expect(page.getByTestId('export-bundle-sha')).toHaveText(sha256(zipBytes));
    const manifestSha = (await page.getByTestId('export-manifest-sha').textContent())!.trim();
    const fingerprint = (await page.getByTestId('export-fingerprint').textContent())!.trim();
    expect(fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    await expect(page.getByTestId('export-file')).toContainText(
      `${zipBytes.length.toLocaleString('en-GB')} bytes`,
    );
    await h.axe('export result with passphrase');
    await h.shot('export-03-result-passphrase');

    // The bundle by hand, as VERIFY.txt tells the officer: 7zz with the passphrase, sha256sum -c, openssl.
    const unpacked = join(work, 'unpacked');
    execFileSync('7zz', ['x', `-p${passphrase}`, `-o${unpacked}`, '-y', zip], { stdio: 'pipe' });
    expect(readdirSync(unpacked).sort()).toEqual(BUNDLE_FILES);
    const checked = execFileSync('sha256sum', ['-c', 'manifest.sha256'], {
      cwd: unpacked,
      encoding: 'utf8',
    });
    expect(checked.trim().split('\n')).toEqual([
      'VERIFY.txt: OK',
      'audit.json: OK',
      'certificates.json: OK',
      'records.json: OK',
      'report.pdf: OK',
      'signer.pub.pem: OK',
    ]);
    expect(sha256(readFileSync(join(unpacked, 'manifest.sha256')))).toBe(manifestSha);
    const sig = execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'signer.pub.pem',
        '-rawin',
        '-in',
        'manifest.sha256',
        '-sigfile',
        'manifest.sig',
      ],
      { cwd: unpacked, encoding: 'utf8' },
    );
    expect(sig).toContain('Signature Verified Successfully');
    // The wrong passphrase does not open it.
    expect(() =>
      execFileSync('7zz', ['x', '-pnot-the-words-at-all', `-o${join(work, 'nope')}`, '-y', zip], {
        stdio: 'pipe',
      }),
    ).toThrow();

    // ---- the handover receipt, saved by main through its save dialog
    await page.getByRole('button', { name: 'Save the handover receipt' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved export-receipt-/ })).toHaveText(
      /^Saved export-receipt-[0-9a-f]{8}\.pdf: print it and have both people sign\.$/,
    );
    expect(h.savedFiles).toHaveLength(2);
    const receipt = h.savedFiles[1]!;
    const receiptText = execFileSync('pdftotext', [receipt, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(receiptText).toContain(manifestSha);
    expect(receiptText).toContain(fingerprint);
    expect(receiptText).toContain(sha256(zipBytes));
    expect(receiptText).toContain(OFFICER.officerName);
    expect(receiptText).not.toContain(passphrase);

    // "I have given it": the passphrase is gone for good.
    await page.getByRole('button', { name: 'I have given it' }).click();
    await expect(page.getByTestId('export-passphrase')).toHaveCount(0);
    await expect(page.getByText('no longer shown')).toBeVisible();
    expect(await page.content()).not.toContain(passphrase);
    await h.axe('export result after the passphrase');

    // ---- the case shows the export record and the export in its panel
    await page.getByRole('button', { name: 'Back to the case' }).click();
    const exportRecord = page.locator('article[data-kind="export"]');
    await expect(exportRecord).toHaveCount(1);
    await expect(exportRecord).toContainText(OFFICER.officerName);
    await expect(exportRecord).toContainText(`Signed by ${people.dsl.name}`);
    const row = page.getByTestId('exports-table').locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(people.dsl.name);
    await expect(row).toContainText(OFFICER.force);
    await expect(row).toContainText(OFFICER.reference);
    await row.getByRole('button', { name: /^Receipt/ }).click();
    await expect(row.getByRole('status')).toContainText('print it and have both people sign');
    expect(h.savedFiles).toHaveLength(3);
    await h.axe('case view with an export');
    await h.shot('export-04-case-panel');

    // ---- "Verify an export": wrong passphrase, then the right one
    await nav(page, 'Verify an export');
    await expect(page.getByText(/without CaseSeal/)).toContainText('VERIFY.txt');
    await h.axe('verify, nothing chosen');
    h.nextOpenFile.path = zip;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect(page.getByTestId('verify-chosen')).toContainText(`${basename(zip)}`);
    await expect(page.getByTestId('verify-chosen')).toContainText('encrypted (AES-256)');
    const wrong = passphrase.split('-').reverse().join(' ');
    expect(wrong.replace(/ /g, '-')).not.toBe(passphrase);
    await page.getByLabel('Passphrase (six words)').fill(wrong);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const result = page.getByTestId('verify-result');
    await expect(result).toHaveAttribute('data-status', 'unusable');
    await expect(result.getByRole('alert')).toContainText('Can’t use this file.');
    await expect(result.getByRole('alert')).toContainText(/passphrase does not open/);
    await expect(page.getByLabel('Passphrase (six words)')).toBeFocused();
    await expect(page.getByLabel('Passphrase (six words)')).toHaveAttribute('aria-invalid', 'true');
    await h.axe('verify, wrong passphrase');
    await h.shot('export-05-verify-wrong-passphrase');

    await page
      .getByLabel('Passphrase (six words)')
      .fill(passphrase.split('-').join(' ').toUpperCase());
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(result).toHaveAttribute('data-status', 'valid');
    await expect(result.getByRole('status')).toContainText('✓ Valid.');
    await expect(page.getByTestId('verify-fingerprint')).toHaveText(fingerprint);
    await expect(page.getByTestId('verify-manifest-sha')).toHaveText(manifestSha);
    await expect(page.getByTestId('verify-bundle-sha')).toHaveText(sha256(zipBytes));
    await expect(result).toContainText(
      `${OFFICER.officerName} (${OFFICER.collarNumber}), ${OFFICER.force}, reference ${OFFICER.reference}`,
    );
    await expect(result.locator('.row').filter({ hasText: 'Exported by' })).toContainText(
      people.dsl.name,
    );
    const checks = page.getByTestId('verify-checks').locator('li');
    expect(await checks.count()).toBeGreaterThanOrEqual(10);
    for (const text of await checks.allTextContents()) expect(text).toMatch(/^✓ Passed /);
    await h.axe('verify, valid');
    await h.shot('export-06-verify-valid');

    // ---- a tampered copy of an unencrypted export: one byte changed inside records.json
    await nav(page, 'Sealed export');
    await page.getByRole('checkbox', { name: new RegExp(caseRef) }).check();
    await fillRecipient(page);
    await page.getByLabel(/Encrypt for transport/).uncheck();
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Exported: / })).toBeVisible();
    await expect(page.getByTestId('export-passphrase')).toHaveCount(0);
    await expect(page.getByText('No: opens with any unzip tool')).toBeVisible();
    const plainZip = h.savedFiles[3]!;
    const plainDir = join(work, 'plain');
    execFileSync('7zz', ['x', `-o${plainDir}`, '-y', plainZip], { stdio: 'pipe' });
    const recordsPath = join(plainDir, 'records.json');
    const records = readFileSync(recordsPath);
    const at = records.indexOf('head of year');
    expect(at).toBeGreaterThan(0);
    records[at] = 'H'.charCodeAt(0); // "head" → "Head": one byte, inside the first note's signed text
    writeFileSync(recordsPath, records);
    const tampered = join(work, 'tampered.zip');
    execFileSync('7zz', ['a', '-tzip', tampered, ...BUNDLE_FILES], {
      cwd: plainDir,
      stdio: 'pipe',
    });
    const noteId = (await h.core
      .requireDb()
      .get<{ id: string }>(
        "SELECT id FROM records WHERE case_id = ? AND kind = 'note' ORDER BY case_seq LIMIT 1",
        [caseId],
      ))!.id;

    await nav(page, 'Verify an export');
    h.nextOpenFile.path = tampered;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect(page.getByTestId('verify-chosen')).toContainText('not encrypted');
    await expect(page.getByLabel('Passphrase (six words)')).toHaveCount(0);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(result).toHaveAttribute('data-status', 'invalid');
    await expect(result.getByRole('alert')).toContainText('✗ Not valid.');
    const problems = page.getByTestId('verify-problems').locator('tbody tr');
    // the manifest names the changed file; the record whose signed text changed is named by id
    await expect(problems.filter({ hasText: 'records.json' }).first()).toBeVisible();
    await expect(problems.filter({ hasText: noteId }).first()).toContainText('records.json');
    await expect(
      page.getByTestId('verify-checks').locator('li').filter({ hasText: 'File hashes (SHA-256)' }),
    ).toContainText('✗ Failed');
    await h.axe('verify, tampered');
    await h.shot('export-07-verify-tampered');

    // ---- cancel part-way: a long case; no file, no temp file, no export record
    const long = await cases.openCase(h.core, {
      details: caseDetails({ title: 'A long case to cancel' }),
    });
    const s = h.core.requireSession();
    const signer = h.core.signerOf(s);
    await h.core.requireDb().transaction(async (conn) => {
      for (let i = 1; i <= LONG_CASE_RECORDS; i++) {
        await appendRecord(conn, {
          caseId: long.caseId,
          kind: 'note',
          body: {
            noteType: 'discussion',
            subject: `Check-in ${i}`,
            details: `Daily check-in ${i} at lunch; nothing new reported.`,
          },
          signer,
          privateKey: s.privateKey,
          now: new Date(),
        });
      }
      await refreshCaseProjection(conn, long.caseId, new Date().toISOString());
    });
    const longRef = (await h.core
      .requireDb()
      .get<{ ref: string }>('SELECT ref FROM cases WHERE id = ?', [long.caseId]))!.ref;
    await nav(page, 'Cases');
    await page.getByRole('button', { name: longRef, exact: true }).click();
    await page
      .getByTestId('exports-panel')
      .getByRole('button', { name: 'Export for the police' })
      .click();
    await fillRecipient(page);
    // The person is still choosing where to save when they press Cancel: the save dialog stays
    // open until the test lets it answer, so the cancel always lands before sealing ends. (Cancel
    // part-way through the report is covered through the channel in the integration tests.)
    let answerDialog!: () => void;
    h.saveDialog.until = new Promise<void>((resolve) => (answerDialog = resolve));
    await page.getByRole('button', { name: 'Export…' }).click();
    const progress = page.getByTestId('export-progress');
    await expect(progress.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
    await expect(page.getByTestId('export-stage')).toHaveText(
      'Choose where to save the file in the window CaseSeal opened.',
    );
    await h.shot('export-08-progress');
    await progress.getByRole('button', { name: 'Cancel the export' }).click();
    await expect(progress.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
    h.saveDialog.until = null;
    answerDialog();
    await expect(
      page.getByRole('status').filter({ hasText: 'Nothing was exported' }),
    ).toBeVisible();
    await expect(progress).toHaveCount(0);
    const cancelledPath = h.savedFiles[4]!;
    expect(existsSync(cancelledPath)).toBe(false);
    // no partial file beside it either (everything else in the folder is from the steps above)
    expect(readdirSync(dirname(cancelledPath)).sort()).toEqual(
      [
        ...new Set([
          basename(zip),
          basename(receipt),
          basename(h.savedFiles[2]!),
          basename(plainZip),
        ]),
      ].sort(),
    );
    expect(await exportRecordCount(h, long.caseId)).toBe(0);
    expect(await exportRecordCount(h, caseId)).toBe(2);
    await h.axe('export cancelled');
    await h.shot('export-09-cancelled');
  } finally {
    rmSync(work, { recursive: true, force: true });
    await stopHarness(h);
  }
});
