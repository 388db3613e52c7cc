// Shared steps for the end-to-end tests: a vault set up through the real core, accounts, and
// signing in through the lock screen as a person would.
import type { Page } from '@playwright/test';
import { expect, type AppHarness } from './harness';
import type { Role } from '../../src/shared/roles';

export const E2E_SCHOOL = {
  name: 'Larkspur Academy Qwerty',
  urn: '246810',
  localAuthority: 'Easthaven County',
};
export const E2E_PASS: Record<Role, string> = {
  dsl: 'lantern-quarry-mosaic-heron-61',
  deputy: 'saffron-piston-glacier-ember-27',
  slt: 'walnut-comet-harbour-violet-45',
  staff: 'pebble-orchid-tundra-falcon-83',
};

export interface People {
  dsl: { id: string; name: string };
  [name: string]: { id: string; name: string };
}

/** Set-up through the core (the wizard itself is covered by foundation.e2e.ts), then show the app. */
export async function setUpSchool(h: AppHarness, dslName = 'Delphine Okafor'): Promise<People> {
  const { recoveryKey, confirmGroups } = await h.core.beginSetup({
    school: E2E_SCHOOL,
    dsl: { fullName: dslName, passphrase: E2E_PASS.dsl },
  });
  const groups = recoveryKey.split('-');
  await h.core.confirmSetup({
    groups: Object.fromEntries(confirmGroups.map((i) => [String(i), groups[i]!])),
  });
  await h.page.reload();
  await expect(h.page.getByRole('heading', { name: 'What is waiting' })).toBeVisible();
  return { dsl: { id: h.core.currentSession()!.account.id, name: dslName } };
}

export async function addPerson(
  h: AppHarness,
  name: string,
  role: Role,
): Promise<{ id: string; name: string }> {
  const a = await h.core.createAccount({ fullName: name, role, passphrase: E2E_PASS[role] });
  return { id: a.id, name };
}

export async function signInAs(page: Page, name: string, role: Role): Promise<void> {
  const lock = page.getByRole('button', { name: 'Lock', exact: true });
  if (await lock.isVisible()) await lock.click();
  await expect(page.getByRole('heading', { name: 'CaseSeal is locked' })).toBeVisible();
  await page.getByLabel(new RegExp(`^${name}`)).check();
  await page.getByLabel('Your passphrase').fill(E2E_PASS[role]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('header')).toContainText(name);
}

export async function nav(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'CaseSeal sections' })
    .getByRole('button', { name: label, exact: true })
    .click();
}

/**
 * Fill a GOV.UK date input (Day, Month, Year, Hour, Minute boxes in a fieldset named by `label`)
 * from a UK wall-clock value "YYYY-MM-DDTHH:mm", "YYYY-MM-DD" or "HH:mm", the way a person types it.
 */
export async function fillDateTime(
  page: Page,
  label: string | RegExp,
  value: string,
): Promise<void> {
  const group = page.getByRole('group', { name: label });
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const time = /(?:^|T)(\d{2}):(\d{2})$/.exec(value);
  if (date) {
    await group.getByLabel('Day', { exact: true }).fill(date[3]!);
    await group.getByLabel('Month', { exact: true }).fill(date[2]!);
    await group.getByLabel('Year', { exact: true }).fill(date[1]!);
  }
  if (time) {
    await group.getByLabel('Hour', { exact: true }).fill(time[1]!);
    await group.getByLabel('Minute', { exact: true }).fill(time[2]!);
  }
}

/** 1024×768 at 200% zoom: 512×384 CSS pixels. */
export const ZOOM_200 = { width: 512, height: 384 };

/** axe at 100% and at 200% zoom on a 1024×768 screen, where nothing may scroll sideways. */
export async function axeBoth(h: AppHarness, page: Page, label: string): Promise<void> {
  const before = page.viewportSize()!;
  await h.axe(`${label} (100%)`);
  await page.setViewportSize(ZOOM_200);
  await h.axe(`${label} (200%)`);
  // Reflow: nothing scrolls sideways at 200% (WCAG 1.4.10).
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize(before);
}
