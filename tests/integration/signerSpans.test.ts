// The certificate check at sign-in finds every (person, key) pair and its first and last signing
// time by seeks in the covering indexes of migration 0100: each statement must be a SEARCH of its
// index, never a SCAN, or sign-in on a vault of 100,000 records reads the whole index every time.
// Checked on a real vault's query plans, and the pairs found are checked against a plain grouping.
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_PAIRS,
  RECORD_PAIRS,
  signerPairSpans,
  type PairIndex,
} from '../../src/main/db/repositories/signerPairs';
import { auditSignerSpans } from '../../src/main/db/repositories/auditSigners';
import { signerKeySpans } from '../../src/main/db/repositories/trustKeys';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails } from '../helpers/records';
import * as cases from '../../src/main/core/cases/caseService';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function vault() {
  const v = await setUpVault();
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  return v;
}

describe('the signer seeks of the sign-in certificate check', () => {
  it.each([
    ['records', RECORD_PAIRS, 'records_by_signer_key'],
    ['audit entries', AUDIT_PAIRS, 'audit_by_signer_key'],
  ] as Array<[string, PairIndex, string]>)(
    'search the %s index for every step, never scanning the table or its index',
    async (_what, ix, index) => {
      const v = await vault();
      for (const [step, sql] of Object.entries(ix)) {
        const plan = (
          await v.core.requireDb().all<{ detail: string }>(
            `EXPLAIN QUERY PLAN ${sql}`,
            [...sql].flatMap((ch) => (ch === '?' ? ['x'] : [])),
          )
        )
          .map((r) => r.detail)
          .join('\n');
        // One index, no sort: the rows come in index order, so LIMIT 1 stops at the first entry.
        expect(plan, step).toMatch(/^(SEARCH|SCAN) \w+ USING COVERING INDEX \w+/);
        expect(plan, step).not.toContain('\n');
        expect(plan, step).not.toContain('TEMP B-TREE');
        // Every step but the very first seeks: a SCAN there would read the index from its start.
        if (step !== 'firstPerson') expect(plan, step).toMatch(/^SEARCH /);
        if (step.endsWith('Key') || step.endsWith('Time')) expect(plan, step).toContain(index);
      }
    },
  );

  it('find the same pairs, first and last times as a grouping of the whole table would', async () => {
    const v = await vault();
    // A second signer (the deputy) and several records each, so there is more than one pair.
    const deputyId = await addAccount(v.core, 'deputy', 'Dana Deputy-Spans');
    await cases.openCase(v.core, { details: caseDetails() });
    await v.core.lock('manual');
    await v.core.signIn(deputyId, PASSPHRASES.deputy);
    await cases.openCase(v.core, { details: caseDetails() });
    const db = v.core.requireDb();
    const grouped = await db.all<{ p: string; k: string; first: string; last: string }>(
      'SELECT signer_id AS p, key_id AS k, min(signed_at) AS first, max(signed_at) AS last FROM records NOT INDEXED GROUP BY 1, 2 ORDER BY 1, 2',
    );
    const seeks = await db.exclusive((c) => signerKeySpans(c));
    expect(grouped.length).toBeGreaterThanOrEqual(2);
    expect(seeks).toEqual(
      grouped.map((g) => ({ accountId: g.p, keyId: g.k, first: g.first, last: g.last })),
    );
    const auditGrouped = await db.all<{ p: string; k: string; first: string; last: string }>(
      `SELECT actor_id AS p, signer_key_id AS k, min(at) AS first, max(at) AS last FROM audit NOT INDEXED
        WHERE actor_id IS NOT NULL AND signer_key_id IS NOT NULL
          AND signer_key_id NOT IN (SELECT key_id FROM system_keys) GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(auditGrouped.length).toBeGreaterThanOrEqual(2);
    expect(await db.exclusive((c) => auditSignerSpans(c))).toEqual(
      auditGrouped.map((g) => ({ actorId: g.p, keyId: g.k, first: g.first, last: g.last })),
    );
    // The raw pair walk also passes over pairs the audit check then leaves out (system keys).
    const raw = await db.exclusive((c) => signerPairSpans(c, AUDIT_PAIRS));
    expect(raw.length).toBeGreaterThanOrEqual(auditGrouped.length);
  });
});
