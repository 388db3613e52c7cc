// Test helpers: a real CaseSeal core over a real SQLCipher vault in a temp folder. scrypt's cost
// is lowered for speed (the production cost is measured by `npm run bench`, unlock_kdf_ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseSealCore, type CoreOptions } from '../../src/main/core/app/caseSealCore';
import { setScryptCostForTests } from '../../src/main/core/crypto/kdf';
import type { Role } from '../../src/shared/roles';

setScryptCostForTests({ N: 2 ** 12, r: 8, p: 1 });

export const SCHOOL = {
  name: 'Riverside Academy Zephyr',
  urn: '123456',
  localAuthority: 'Kingsford Borough',
};
export const DSL = { fullName: 'Quentin Marlowe-Dsl', passphrase: 'amber-lantern-orbit-violin-93' };

export function tempDir(prefix = 'caseseal-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Completes first-run set-up and returns the core signed in as the DSL, plus the recovery key. */
export async function setUpVault(
  opts: Partial<CoreOptions> = {},
): Promise<{ core: CaseSealCore; dir: string; recoveryKey: string; dslId: string }> {
  const dir = opts.vaultDir ?? tempDir();
  const core = new CaseSealCore({ vaultDir: dir, ...opts });
  const { recoveryKey, confirmGroups } = await core.beginSetup({ school: SCHOOL, dsl: DSL });
  const groups = recoveryKey.split('-');
  await core.confirmSetup({
    groups: Object.fromEntries(confirmGroups.map((i) => [String(i), groups[i]!])),
  });
  return { core, dir, recoveryKey, dslId: core.currentSession()!.account.id };
}

export const PASSPHRASES: Record<Role, string> = {
  dsl: DSL.passphrase,
  deputy: 'copper-meadow-falcon-quartz-41',
  slt: 'harbour-tinsel-glacier-mosaic-27',
  staff: 'velvet-compass-thistle-ember-58',
};

export async function addAccount(
  core: CaseSealCore,
  role: Role,
  fullName: string,
  passphrase = PASSPHRASES[role],
): Promise<string> {
  const a = await core.createAccount({ fullName, role, passphrase });
  return a.id;
}

/**
 * A staff member seals a concern (their session never opens the vault); then the given team member
 * signs in, which imports it. Returns the receipt and the case the import started.
 */
export async function staffSealsConcern(
  core: CaseSealCore,
  staffId: string,
  body: Record<string, unknown>,
  importer: { id: string; role: Role },
): Promise<{
  receipt: { reference: string; sealedAt: string; sha256: string };
  caseId: string;
  recordId: string;
}> {
  await core.signIn(staffId, PASSPHRASES.staff);
  const receipt = await core.recordSealedConcern(body);
  await core.signIn(importer.id, PASSPHRASES[importer.role]);
  const row = await core
    .requireDb()
    .get<{ case_id: string; id: string }>(
      "SELECT case_id, id FROM records WHERE kind = 'sealed-concern' ORDER BY seq DESC LIMIT 1",
    );
  if (!row) throw new Error('the sealed concern was not imported');
  return { receipt, caseId: row.case_id, recordId: row.id };
}
