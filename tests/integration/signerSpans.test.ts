// The certificate check at sign-in groups every record and audit entry by signer and key: both
// groupings must read their covering index, not the whole table (migration 0100), or sign-in on a
// vault of 100,000 records slows by a whole-table sort. Checked on a real vault's query plans.
import { afterEach, describe, expect, it } from 'vitest';
import { RECORD_SIGNER_SPANS_SQL } from '../../src/main/db/repositories/trustKeys';
import { AUDIT_SIGNER_SPANS_SQL } from '../../src/main/db/repositories/auditSigners';
import { removeDir, setUpVault } from '../helpers/vault';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('the signer groupings of the sign-in certificate check', () => {
  it.each([
    ['records', RECORD_SIGNER_SPANS_SQL, 'records_by_signer_key'],
    ['audit entries', AUDIT_SIGNER_SPANS_SQL, 'audit_by_signer_key'],
  ])(
    'read the %s through their covering index, with no sort of the whole table',
    async (_what, sql, index) => {
      const v = await setUpVault();
      cleanups.push(async () => {
        await v.core.close();
        removeDir(v.dir);
      });
      const plan = (
        await v.core.requireDb().all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      ).map((r) => r.detail);
      expect(plan.join('\n')).toContain(`USING COVERING INDEX ${index}`);
      expect(plan.join('\n')).not.toContain('USE TEMP B-TREE FOR GROUP BY');
    },
  );
});
