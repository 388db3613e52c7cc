// A decision to view whose witness has left the school: the DSL withdraws it from the case view
// with a reason; it stays in the chronology, marked withdrawn, and leaves the dashboard.
import { test, expect, startHarness, stopHarness } from './harness';
import { addPerson, nav, setUpSchool } from './helpers';
import { utcToUkLocal } from '../../src/shared/ukTime';
import { caseDetails } from '../helpers/records';

const ukAgo = (minutesAgo: number) =>
  utcToUkLocal(new Date(Date.now() - minutesAgo * 60_000).toISOString());

test('withdrawing a decision to view that its witness can no longer countersign', async ({
  page,
}) => {
  const h = await startHarness(page);
  try {
    const people = await setUpSchool(h);
    const slt = await addPerson(h, 'Harriet Quill', 'slt');
    const witness = await addPerson(h, 'Tobias Fenwick', 'staff');
    const opened = (await h.invoke('app:cases.open', {
      details: caseDetails({ title: 'Image shared — Year 9' }),
    })) as { ok: boolean; value: { caseId: string } };
    const caseId = opened.value.caseId;
    const viewing = (await h.invoke('app:records.add', {
      caseId,
      kind: 'viewing-decision',
      body: {
        decision: 'view',
        knownAboutImagery: 'A pupil said a photo of her was shared in a group chat.',
        reason: 'The police asked the school to confirm who is in the image.',
        necessary: true,
        sltConsulted: 'account',
        sltAccount: { accountId: slt.id, name: '' },
        sltConsultedAt: ukAgo(120),
        sltView: 'Agrees, with a witness present.',
        viewer: { accountId: people.dsl.id, name: '' },
        witness: { accountId: witness.id, name: '' },
        witnessNotSltReason: 'The head was teaching.',
        witnessViewed: false,
        onPremises: true,
        room: 'Headteacher’s office',
        sameSex: true,
        viewingStarted: ukAgo(60),
        viewingEnded: ukAgo(55),
        whatSeen: 'One photograph of a girl in school uniform.',
        noCopyDeclaration: true,
        subsequentActions: 'Police informed.',
      },
    })) as { ok: boolean };
    expect(viewing.ok).toBe(true);

    await page.reload();
    await expect(
      page.getByTestId('dashboard-item').and(page.locator('[data-kind="countersignature"]')),
    ).toHaveCount(1);
    await nav(page, 'Cases');
    await page
      .getByRole('button', { name: /^C-\d{4}-\d{4}$/ })
      .first()
      .click();
    const decision = page.getByTestId('viewing-decision');
    await expect(decision).toHaveAttribute('data-state', 'awaiting-witness');
    await decision.getByRole('button', { name: /Withdraw/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'Viewing decision withdrawn',
    );
    await page
      .getByLabel('Why it is withdrawn')
      .fill('The witness left the school before countersigning; the police have the account.');
    await h.axe('withdraw a viewing decision');
    await h.shot('imagery-19-withdraw');
    await page.getByRole('button', { name: 'Sign and save' }).click();
    await expect(decision).toHaveAttribute('data-state', 'withdrawn');
    await expect(decision).toContainText('Withdrawn on');
    await expect(decision.getByRole('button', { name: 'Witness countersigns' })).toHaveCount(0);
    await expect(page.locator('article[data-kind="viewing-decision"]')).toHaveCount(1);
    await nav(page, 'Home');
    await expect(
      page.getByTestId('dashboard-item').and(page.locator('[data-kind="countersignature"]')),
    ).toHaveCount(0);
  } finally {
    await stopHarness(h);
  }
});
