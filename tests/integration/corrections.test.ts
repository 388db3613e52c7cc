// Corrections keep the rules (records are evidence): a correction may put a mistake right, but it
// cannot make a record break a rule it met — e.g. remove the R13 reasons for not informing parents.
import { afterEach, describe, expect, it } from 'vitest';
import * as cases from '../../src/main/core/cases/caseService';
import { removeDir, setUpVault } from '../helpers/vault';
import { caseDetails } from '../helpers/records';
import { parentsBody } from '../helpers/referralRecords';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const now = new Date('2026-12-01T12:00:00.000Z');
  const v = await setUpVault({ clock: () => now });
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const details = caseDetails();
  const childId = (details.children as Array<{ id: string }>)[0]!.id;
  const { caseId } = await cases.openCase(v.core, { details });
  const parents = await cases.addRecord(v.core, {
    caseId,
    kind: 'parents',
    body: parentsBody(childId),
  });
  return { ...v, caseId, childId, parentsId: parents.record.envelope.id };
}

describe('corrections and the rules', () => {
  it('refuses a correction that removes the R13 reasons, and saves nothing', async () => {
    const w = await world();
    const before = (await w.core
      .requireDb()
      .get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
    const err = await cases
      .correctRecord(w.core, {
        recordId: w.parentsId,
        reason: 'Tidying up.',
        corrected: parentsBody(w.childId, { reasons: undefined }),
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'RULE_BLOCKED',
      detail: { findings: [expect.objectContaining({ rule: 'R13' })] },
    });
    expect(
      (await w.core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n,
    ).toBe(before);
  });

  it('accepts a correction that keeps the rules met', async () => {
    const w = await world();
    const fixed = await cases.correctRecord(w.core, {
      recordId: w.parentsId,
      reason: 'The police officer asked on the phone, not in person.',
      corrected: parentsBody(w.childId, {
        reasons: 'The police asked us by phone not to inform the family until they have visited.',
      }),
    });
    const view = await cases.getCase(w.core, w.caseId);
    expect(view.facts!.effective[w.parentsId]).toMatchObject({
      reasons: expect.stringMatching(/by phone/),
    });
    expect(fixed.record.envelope.kind).toBe('correction');
  });
});
