// Who may read what case ("Access and audit"), attacked on a copy of one real vault (built once:
// tests/helpers/goldenBundle.ts): four real accounts, a case the staff member raised and the
// senior leader countersigned in, and a second case only the DSL has worked on. Each refusal must
// be NOT_FOUND, never "forbidden": a refusal must not confirm that a case exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAccess, requireCaseAccess } from '../../../src/main/core/access/policy';
import { CaseSealCore } from '../../../src/main/core/app/caseSealCore';
import * as cases from '../../../src/main/core/cases/caseService';
import type { Sqlite } from '../../../src/main/db/sqlite';
import { ERROR_MESSAGES } from '../../../src/shared/errors';
import type { Role } from '../../../src/shared/roles';
import { goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';
import { noteBody } from '../../helpers/records';
import { PASSPHRASES } from '../../helpers/vault';

const GHOST_CASE = '00000000-0000-4000-8000-00000000dead';
const NOT_FOUND = { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND };

let v: GoldenBundle & { dir: string; remove(): void };
let core: CaseSealCore;
let db: Sqlite;
/** The staff member's one signed record in the second case (a countersignature at the DSL's PC). */
let staffCountersigned: string;
/** That record's signing, which goes through the policy too: a bug there fails the tests that
 *  await it (a test failure, not an error in the set-up that StrykerJS would not count). */
let ready: Promise<void>;

async function staffCountersignsInSecondCase(): Promise<void> {
  // The DSL asks the staff member to countersign a note in the second case, at the DSL's PC: the
  // staff member's only signed record there.
  const note = await cases.addRecord(core, {
    caseId: v.smallCaseId,
    kind: 'note',
    body: noteBody({ countersigner: { accountId: v.ids.staff, name: '' } }),
  });
  const pending = (await cases.getCase(core, v.smallCaseId)).facts!.pendingCountersignatures;
  const signed = await cases.countersign(core, {
    recordId: note.record.envelope.id,
    purpose: pending.find((p) => p.recordId === note.record.envelope.id)!.purpose,
    accountId: v.ids.staff,
    passphrase: PASSPHRASES.staff,
  });
  staffCountersigned = signed.record.envelope.id;
}

beforeAll(async () => {
  v = await goldenVault();
  core = new CaseSealCore({ vaultDir: v.dir });
  await core.signIn(v.ids.dsl, PASSPHRASES.dsl);
  db = core.requireDb();
  ready = staffCountersignsInSecondCase();
  await ready.catch(() => undefined);
}, 10 * 60_000);

afterAll(async () => {
  await core?.close();
  v?.remove();
});

const who = (role: Role) => ({ id: v.ids[role], role });
const access = (role: Role, caseId: string) =>
  db.exclusive((c) => caseAccess(c, who(role), caseId));
const demand = (role: Role, caseId: string, need: 'full' | 'any') =>
  db.exclusive((c) => requireCaseAccess(c, who(role), caseId, need));

describe('the safeguarding team reads every case', () => {
  it('the DSL and a deputy have full access to both cases, the one they never worked on too', async () => {
    for (const role of ['dsl', 'deputy'] as const) {
      for (const caseId of [v.caseId, v.smallCaseId]) {
        expect(await access(role, caseId)).toBe('full');
        expect(await demand(role, caseId, 'full')).toBe('full');
        expect(await demand(role, caseId, 'any')).toBe('full');
      }
    }
  });

  it('attack: the DSL asks for a case id that was never opened (guessed) — not found, even for the DSL', async () => {
    expect(await access('dsl', GHOST_CASE)).toBe('none');
    await expect(demand('dsl', GHOST_CASE, 'any')).rejects.toMatchObject(NOT_FOUND);
    await expect(demand('deputy', GHOST_CASE, 'full')).rejects.toMatchObject(NOT_FOUND);
  });
});

describe('a senior leader reads only the cases they take part in', () => {
  it('the senior leader who countersigned in a case has full access to it', async () => {
    expect(await access('slt', v.caseId)).toBe('full');
    expect(await demand('slt', v.caseId, 'full')).toBe('full');
  });

  it('attack: a senior leader asks for a case they take no part in — not found, as if it did not exist', async () => {
    expect(await access('slt', v.smallCaseId)).toBe('none');
    await expect(demand('slt', v.smallCaseId, 'any')).rejects.toMatchObject(NOT_FOUND);
    await expect(demand('slt', v.smallCaseId, 'full')).rejects.toMatchObject(NOT_FOUND);
  });
});

describe('staff read only their own records', () => {
  it('attack: a staff member asks for a case they only wrote one record in, with full access needed — not found', async () => {
    await ready;
    expect(await access('staff', v.smallCaseId)).toBe('own-records');
    await expect(demand('staff', v.smallCaseId, 'full')).rejects.toMatchObject(NOT_FOUND);
  });

  it('the same staff member may still see their own record there (own-records, nothing more)', async () => {
    await ready;
    expect(await demand('staff', v.smallCaseId, 'any')).toBe('own-records');
    // ...and it is theirs: the countersignature they gave at the DSL's PC.
    const signer = await db.get<{ signer_id: string; case_id: string }>(
      'SELECT signer_id, case_id FROM records WHERE id = ?',
      [staffCountersigned],
    );
    expect(signer).toEqual({ signer_id: v.ids.staff, case_id: v.smallCaseId });
  });

  it('attack: the staff member who raised the concern (named in the case, no signed record of theirs in it) asks for the case — not found', async () => {
    // The concern was sealed to the team and signed into the case at the DSL's import, so the
    // staff member takes part in the case without having signed anything in it.
    expect(await access('staff', v.caseId)).toBe('none');
    await expect(demand('staff', v.caseId, 'any')).rejects.toMatchObject(NOT_FOUND);
    await expect(demand('staff', v.caseId, 'full')).rejects.toMatchObject(NOT_FOUND);
  });

  it('attack: a staff member asks for a case id that was never opened — not found', async () => {
    expect(await access('staff', GHOST_CASE)).toBe('none');
    await expect(demand('staff', GHOST_CASE, 'any')).rejects.toMatchObject(NOT_FOUND);
  });
});
