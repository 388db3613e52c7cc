// Backups and restore end to end in Chromium over a real vault and real backup files: the home
// panel's warning with no backup folder, choosing a folder, "Back up now" with progress, the
// settings form's error summary, the DSL's restore (a wrong passphrase refused, then restored and
// signed for at the next sign-in), and the first screen's "Restore from a backup" on a new PC.
// axe on every screen.
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, startHarness, stopHarness } from './harness';
import { nav, setUpSchool, signInAs, E2E_PASS, E2E_SCHOOL } from './helpers';

test('backup folders, Back up now, and the DSL restores from a backup', async ({ page }) => {
  test.setTimeout(240_000);
  const h = await startHarness(page);
  const folder = mkdtempSync(join(tmpdir(), 'caseseal-e2e-backups-'));
  try {
    const people = await setUpSchool(h);
    // Home: no backup folder yet is a clear warning.
    const panel = page.getByRole('region', { name: 'Backups' });
    await expect(panel.getByRole('alert')).toContainText('No backup folder has been chosen');
    await h.axe('home, no backup folder');

    await nav(page, 'Backups');
    await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeFocused();
    await h.axe('backups, empty');
    h.nextBackupFolder.path = folder;
    await page.getByRole('button', { name: 'Add a backup folder' }).click();
    await expect(page.locator('.banner-ok')).toContainText('Backup folder added');
    await expect(page.getByRole('table')).toContainText('Never backed up and checked');

    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText('Backup finished')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('.banner-ok').filter({ hasText: 'Backup finished' })).toContainText(
      'Backed up and checked.',
    );
    await expect(page.getByRole('table')).toContainText('Today');
    await expect(page.getByRole('table')).toContainText('Up to date');
    await h.shot('backup-01-backed-up');
    await h.axe('backups, after Back up now');
    const files = readdirSync(folder).filter((n) => n.endsWith('.csbackup'));
    expect(files).toHaveLength(1);
    expect(files[0]).toContain(E2E_SCHOOL.name);

    // The settings form: red must come after amber; the error summary links to the field.
    await page.getByLabel(/Show red when/).fill('1');
    await page.getByRole('button', { name: 'Save backup settings' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText('Red must come after amber');
    await summary.getByRole('link').click();
    await expect(page.getByLabel(/Show red when/)).toBeFocused();
    await h.axe('backups, settings error');
    await page.getByLabel(/Show red when/).fill('10');
    await page.getByRole('button', { name: 'Save backup settings' }).click();
    await expect(page.locator('.banner-ok').first()).toContainText('Backup settings saved');

    // Home shows the folder's age.
    await nav(page, 'Home');
    await expect(page.getByRole('region', { name: 'Backups' })).toContainText('Up to date');

    // Something is written after the backup: the restore will name it as lost.
    await h.core.updateSettings({ idleLockMinutes: 7 });

    // The DSL restores from Backups: see what the file holds, a wrong passphrase, then the right one.
    await nav(page, 'Backups');
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeFocused();
    h.nextOpenFile.path = join(folder, files[0]!);
    await page.getByRole('button', { name: 'Choose a backup file' }).click();
    const holds = page.getByRole('region', { name: 'What this backup holds' });
    await expect(holds).toContainText(E2E_SCHOOL.name);
    await expect(holds).toContainText('Yes: it passed its check');
    await h.axe('restore, preview');
    await page.getByLabel('Passphrase or recovery key').fill('not the right passphrase at all');
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.locator('.error-summary')).toContainText('does not open this backup');
    await expect(page.locator('.error-summary')).toBeFocused();
    await h.shot('backup-02-restore-wrong-passphrase');
    await h.axe('restore, wrong passphrase');
    await page.getByLabel('Passphrase or recovery key').fill(E2E_PASS.dsl);
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByRole('heading', { name: 'CaseSeal is locked' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText('The vault has been restored from a backup')).toBeVisible();
    await h.axe('lock screen after a restore');
    await signInAs(page, people.dsl.name, 'dsl');
    const restored = await h.core
      .requireDb()
      .all<{ envelope: string }>("SELECT envelope FROM records WHERE kind = 'vault-restored'");
    expect(restored).toHaveLength(1);
    expect(readdirSync(join(h.vaultDir, '..')).some((n) => n.includes('before-restore'))).toBe(
      true,
    );
  } finally {
    await stopHarness(h);
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a new PC restores from the first screen; a damaged file is refused with a clear message', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Make a backup on "the school's old PC".
  const { CaseSealCore } = await import('../../src/main/core/app/caseSealCore');
  const { workerScript } = await import('../helpers/workerScript');
  const oldDir = mkdtempSync(join(tmpdir(), 'caseseal-e2e-oldpc-'));
  const folder = mkdtempSync(join(tmpdir(), 'caseseal-e2e-usb-'));
  const old = new CaseSealCore({ vaultDir: oldDir, workerScript: workerScript() });
  const { recoveryKey, confirmGroups } = await old.beginSetup({
    school: E2E_SCHOOL,
    dsl: { fullName: 'Delphine Okafor', passphrase: E2E_PASS.dsl },
  });
  const groups = recoveryKey.split('-');
  await old.confirmSetup({
    groups: Object.fromEntries(confirmGroups.map((i) => [String(i), groups[i]!])),
  });
  await old.backups.addFolder({ chooseBackupFolder: async () => folder });
  await old.backups.backUpNow();
  await old.close();
  const file = join(
    folder,
    readdirSync(folder).find((n) => n.endsWith('.csbackup'))!,
  );
  const damaged = join(folder, 'damaged copy.csbackup');
  copyFileSync(file, damaged);
  const bytes = readFileSync(damaged);
  bytes[100]! ^= 0xff;
  writeFileSync(damaged, bytes);

  const newPc = join(mkdtempSync(join(tmpdir(), 'caseseal-e2e-newpc-')), 'vault');
  const h = await startHarness(page, { vaultDir: newPc });
  try {
    await expect(
      page.getByRole('heading', { name: 'Set up CaseSeal for your school' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeFocused();
    await h.axe('first screen restore');
    h.nextOpenFile.path = damaged;
    await page.getByRole('button', { name: 'Choose a backup file' }).click();
    const holds = page.getByRole('region', { name: 'What this backup holds' });
    await expect(holds.getByRole('alert')).toContainText('damaged');
    await expect(holds.getByRole('alert')).toContainText('Nothing has been changed');
    await expect(page.getByLabel('Passphrase or recovery key')).toHaveCount(0);
    await h.shot('backup-03-restore-damaged-file');
    await h.axe('restore, damaged file');
    h.nextOpenFile.path = file;
    await page.getByRole('button', { name: 'Choose another backup file' }).click();
    await expect(holds).toContainText('Yes: it passed its check');
    await page.getByLabel('Passphrase or recovery key').fill(recoveryKey);
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByRole('heading', { name: 'CaseSeal is locked' })).toBeVisible({
      timeout: 60_000,
    });
    await h.shot('backup-04-restored-on-new-pc');
    await page.getByLabel(/^Delphine Okafor/).check();
    await page.getByLabel('Your passphrase').fill(E2E_PASS.dsl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('header')).toContainText('Delphine Okafor');
    await expect(page.locator('header')).toContainText(E2E_SCHOOL.name);
  } finally {
    await stopHarness(h);
    rmSync(oldDir, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  }
});
