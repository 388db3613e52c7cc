// Keys and people, tried as an insider would (docs/design.md, "Trust model"): a staff member with
// their own passphrase and the key-slot file; a deputy holding the vault key who forges the DSL's
// signature; a deputy trying every account-management channel; sealed concerns cut short by a
// SIGKILL at every step; and a vault from the first release upgraded at the DSL's sign-in.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import { CaseSealCore as Core } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { migration0040 } from '../../src/main/db/migrations/0040-trust-keys';
import { openVaultDb } from '../../src/main/db/open';
import { deriveKey } from '../../src/main/core/crypto/kdf';
import { unwrap, wrap } from '../../src/main/core/crypto/aead';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import { keyIdOf, signMessage } from '../../src/main/core/crypto/ed25519';
import { aadFor, readKeySlots, type KeySlotFile } from '../../src/main/core/vault/keySlots';
import { canonicalJson } from '../../src/shared/records/canonical';
import { recordSigningMessage, type Envelope } from '../../src/shared/records/envelope';
import { verifyBundle } from '../../src/main/core/verify/bundle';
import {
  addAccount,
  DSL,
  PASSPHRASES,
  removeDir,
  setUpVault,
  staffSealsConcern,
  tempDir,
} from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const v = await setUpVault();
  const deputyId = await addAccount(v.core, 'deputy', 'Devika Deputy-Lead');
  const sltId = await addAccount(v.core, 'slt', 'Barnaby Headworth');
  const staffId = await addAccount(v.core, 'staff', 'Ivy Insider');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const handlers = createHandlers(v.core, {
    chooseSavePdfPath: async (name) => join(v.dir, name),
    chooseSavePath: async () => join(v.dir, 'forged-export.zip'),
  });
  const call = (channel: string, payload: unknown) =>
    dispatch(handlers, channel, payload, { trustedSender: true });
  return { ...v, deputyId, sltId, staffId, call };
}

/** Every 32-byte window of every blob that a passphrase opens in a slot, under any purpose. */
async function keysAPassphraseOpens(file: KeySlotFile, accountId: string, passphrase: string) {
  const slot = file.slots.find((s) => s.type === 'account' && s.accountId === accountId)!;
  if (slot.type !== 'account') throw new Error('slot');
  const kek = await deriveKey(passphrase, slot.kdf);
  const owners = [
    ...file.slots.map((s) => (s.type === 'account' ? { accountId: s.accountId } : 'recovery')),
  ] as Array<'recovery' | { accountId: string }>;
  const blobs = file.slots.flatMap((s) =>
    [s.vaultKey, 'signingKey' in s ? s.signingKey : undefined, s.schoolKey, s.trust].filter(
      <T>(b: T | undefined): b is T => !!b,
    ),
  );
  const purposes = ['vault-key', 'signing-key', 'school-key', 'school-trust'] as const;
  const opened: Buffer[] = [];
  for (const b of blobs)
    for (const who of owners)
      for (const p of purposes) {
        const plain = unwrap(kek, b, aadFor(file.vaultId, who, p));
        if (plain) opened.push(plain);
      }
  const windows: Buffer[] = [];
  for (const p of opened)
    for (let i = 0; i + 32 <= p.length; i++) windows.push(Buffer.from(p.subarray(i, i + 32)));
  return { slot, opened, windows };
}

describe('least privilege', () => {
  it('insider with a staff passphrase and the key-slot file cannot decrypt the vault', async () => {
    const { core, dir, staffId } = await world();
    await core.close();
    const file = readKeySlots(join(dir, 'keyslots.json'));
    const { slot, opened, windows } = await keysAPassphraseOpens(file, staffId, PASSPHRASES.staff);
    // Their slot holds their own signing key and the school fingerprint they trust — no vault key.
    expect(slot.vaultKey).toBeUndefined();
    expect(slot.schoolKey).toBeUndefined();
    expect(opened.length).toBe(2);
    expect(windows.length).toBeGreaterThanOrEqual(18);
    let refused = 0;
    for (const w of windows) {
      const db = await openVaultDb(join(dir, 'caseseal.db'), w, { create: false }).catch(
        () => null,
      );
      if (db) {
        await db.close();
        throw new Error('a key from the staff slot opened the vault');
      }
      refused++;
    }
    expect(refused).toBe(windows.length);
    // The team's and the recovery slot's vault-key blobs do not open with the staff passphrase.
    const kek = await deriveKey(PASSPHRASES.staff, slot.kdf);
    for (const s of file.slots)
      if (s.vaultKey)
        expect(
          unwrap(
            kek,
            s.vaultKey,
            aadFor(
              file.vaultId,
              s.type === 'account' ? { accountId: s.accountId } : 'recovery',
              'vault-key',
            ),
          ),
        ).toBeNull();
    // Control: the DSL's passphrase does open it, the same way.
    const dslId = file.slots.find((s) => s.type === 'account' && s.role === 'dsl')!;
    const dsl = await keysAPassphraseOpens(
      file,
      (dslId as { accountId: string }).accountId,
      DSL.passphrase,
    );
    const vaultKey = dsl.opened.find((b) => b.length === 32)!;
    const db = await openVaultDb(join(dir, 'caseseal.db'), vaultKey, { create: false });
    await db.close();
  });

  it('insider with a staff passphrase cannot read a case through any channel', async () => {
    const { core, staffId, dslId, call } = await world();
    const opened = await cases.openCase(core, { details: caseDetails() });
    const note = await cases.addRecord(core, {
      caseId: opened.caseId,
      kind: 'note',
      body: noteBody(),
    });
    await core.signIn(staffId, PASSPHRASES.staff);
    expect(core.currentSession()!.vaultOpen).toBe(false);
    const reads: Array<[string, unknown]> = [
      ['app:cases.list', {}],
      ['app:cases.get', { caseId: opened.caseId }],
      ['app:cases.search', { query: 'corridor' }],
      ['app:audit.list', {}],
      ['app:dashboard.get', {}],
      ['app:devices.list', { caseId: opened.caseId }],
      ['app:referral.context', { caseId: opened.caseId }],
      ['app:imagery.check', { recordId: note.record.envelope.id }],
      ['app:accounts.list', {}],
      ['app:settings.get', {}],
      ['app:integrity.checkAll', {}],
      ['app:records.concern', { body: concernBody() }],
      ['app:records.add', { caseId: opened.caseId, kind: 'note', body: noteBody() }],
      [
        'app:export.create',
        {
          caseIds: [opened.caseId],
          recipient: { officerName: 'DC Test', force: 'Kingsford', reference: 'R1' },
          encrypt: false,
        },
      ],
    ];
    for (const [channel, payload] of reads) {
      const r = await call(channel, payload);
      expect({ channel, ok: r.ok }).toEqual({ channel, ok: false });
      if (!r.ok) expect(['NOT_ALLOWED', 'NOT_SIGNED_IN']).toContain(r.error.code);
    }
    const status = await call('app:vault.status', {});
    expect(status).toMatchObject({ ok: true, value: { session: { vaultOpen: false } } });
    // The school's own details are not theirs either.
    expect(JSON.stringify(status)).not.toContain('Riverside');
    // What they can do: seal a concern, and get a receipt — never the concern back.
    const receipt = await call('app:intake.seal', { body: concernBody() });
    expect(receipt).toMatchObject({
      ok: true,
      value: { reference: expect.stringMatching(/^SC-/) },
    });
    await core.signIn(dslId, PASSPHRASES.dsl);
  });
});

describe('sealed concerns', () => {
  it('are sealed to the team (no plain text on disk), imported once at the next team sign-in with the staff signature kept', async () => {
    const { core, dir, staffId, deputyId } = await world();
    await core.signIn(staffId, PASSPHRASES.staff);
    const secret = 'Kestrel-Unique-Phrase-4417';
    const receipt = await core.recordSealedConcern(concernBody({ involved: secret }));
    expect(receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    const files = readdirSync(join(dir, 'intake'));
    expect(files).toHaveLength(1);
    const raw = readFileSync(join(dir, 'intake', files[0]!), 'utf8');
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain('Tallulah');
    expect(JSON.parse(raw)).toMatchObject({ format: 'caseseal-sealed-concern', version: 1 });
    // A senior leader (who holds the vault key) signs in: the concern is imported.
    await core.signIn(deputyId, PASSPHRASES.deputy);
    expect(core.lastImport).toMatchObject({ imported: 1, refused: [] });
    expect(readdirSync(join(dir, 'intake')).filter((f) => f.endsWith('.json'))).toEqual([]);
    const rows = await core
      .requireDb()
      .all<{ envelope: string }>("SELECT envelope FROM records WHERE kind = 'sealed-concern'");
    expect(rows).toHaveLength(1);
    const env = JSON.parse(rows[0]!.envelope) as Envelope;
    expect(env.body.involved).toBe(secret);
    expect(env.body.sealed).toMatchObject({
      author: { accountId: staffId, role: 'staff' },
      hash: receipt.sha256,
      sealedAt: receipt.sealedAt,
    });
    expect((await core.checkWholeLog()).ok).toBe(true);
    // Signing in again imports nothing more.
    await core.signIn(deputyId, PASSPHRASES.deputy);
    expect(core.lastImport).toMatchObject({ imported: 0, alreadyImported: 0 });
  });

  it('a sealed concern whose text was changed by the importer fails the full check, naming the record', async () => {
    const { core, staffId, dslId } = await world();
    const c = await staffSealsConcern(core, staffId, concernBody(), { id: dslId, role: 'dsl' });
    expect((await core.checkWholeLog()).ok).toBe(true);
    // The DSL re-signs the record (genuinely, with their own key) after changing the staff
    // member's words: the staff member's own signature no longer covers what the record shows.
    const db = core.requireDb();
    const row = (await db.get<{ seq: number; envelope: string }>(
      'SELECT seq, envelope FROM records WHERE id = ?',
      [c.recordId],
    ))!;
    const env = JSON.parse(row.envelope) as Envelope;
    env.body = { ...env.body, account: 'Nothing happened.' };
    await db.exec('DROP TRIGGER records_no_update');
    const canonical = canonicalJson(env);
    const hash = sha256Hex(canonical);
    const s = core.currentSession()!;
    await db.run('UPDATE records SET envelope = ?, hash = ?, signature = ? WHERE seq = ?', [
      canonical,
      hash,
      signMessage(s.privateKey, recordSigningMessage(hash)),
      row.seq,
    ]);
    const report = await core.checkWholeLog();
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        problem: 'uncertified-signer',
        recordId: c.recordId,
        message: expect.stringContaining('differs from what its author signed'),
      }),
    );
  });
});

describe('sealed concerns survive a crash (SIGKILL) at every step', () => {
  let child = '';
  beforeAll(async () => {
    const out = tempDir('caseseal-child-');
    child = join(out, 'intakeCrashChild.cjs');
    await build({
      entryPoints: [resolve(__dirname, '../helpers/intakeCrashChild.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      packages: 'external',
      logLevel: 'silent',
    });
    cleanups.length = 0;
  });
  afterAll(() => {
    if (child) removeDir(resolve(child, '..'));
  });

  function run(dir: string, mode: 'seal' | 'import', killAt: string, id: string, pass: string) {
    return spawnSync(process.execPath, [child, dir, mode, killAt, id, pass], {
      env: { ...process.env, NODE_PATH: resolve(__dirname, '../../node_modules') },
      encoding: 'utf8',
      timeout: 120_000,
    });
  }

  async function sealedCount(core: CaseSealCore): Promise<number> {
    return (await core
      .requireDb()
      .get<{ n: number }>("SELECT count(*) AS n FROM records WHERE kind = 'sealed-concern'"))!.n;
  }

  it('sealing: killed after the temp file, or after the rename — no half file, and a sealed file is imported exactly once', async () => {
    const { core, dir, staffId, dslId } = await world();
    await core.close();
    const killed = run(dir, 'seal', 'tmp-written', staffId, PASSPHRASES.staff);
    expect(killed.signal).toBe('SIGKILL');
    expect(readdirSync(join(dir, 'intake')).filter((f) => f.endsWith('.sealed.json'))).toEqual([]);
    const done = run(dir, 'seal', 'renamed', staffId, PASSPHRASES.staff);
    expect(done.signal).toBe('SIGKILL');
    expect(readdirSync(join(dir, 'intake')).filter((f) => f.endsWith('.sealed.json'))).toHaveLength(
      1,
    );
    await core.signIn(dslId, PASSPHRASES.dsl);
    expect(await sealedCount(core)).toBe(1);
    expect(core.lastImport!.refused).toEqual([]);
    console.info('crash while sealing: 2 kill points, 1 concern imported once');
  });

  for (const step of ['opened', 'committed', 'removed'] as const)
    it(`importing: killed at "${step}" — nothing lost, nothing duplicated`, async () => {
      const { core, dir, staffId, dslId } = await world();
      await core.signIn(staffId, PASSPHRASES.staff);
      await core.recordSealedConcern(concernBody());
      await core.recordSealedConcern(concernBody({ involved: 'Second concern' }));
      await core.close();
      const killed = run(dir, 'import', step, dslId, PASSPHRASES.dsl);
      expect(killed.signal).toBe('SIGKILL');
      await core.signIn(dslId, PASSPHRASES.dsl);
      expect(await sealedCount(core)).toBe(2);
      expect(readdirSync(join(dir, 'intake')).filter((f) => f.endsWith('.sealed.json'))).toEqual(
        [],
      );
      const ids = await core
        .requireDb()
        .all<{ intake_id: string }>('SELECT intake_id FROM intake_imports');
      expect(new Set(ids.map((r) => r.intake_id)).size).toBe(2);
      expect((await core.checkWholeLog()).ok).toBe(true);
    });
});

describe('certificates', () => {
  it("a deputy with the vault key inserts their own public key for the DSL's account, rewrites and re-signs a record, re-links the chain: detected by the sign-in check, the full check and the verifier, record named", async () => {
    const { core, dir, dslId, deputyId, call } = await world();
    const opened = await cases.openCase(core, { details: caseDetails() });
    const target = await cases.addRecord(core, {
      caseId: opened.caseId,
      kind: 'note',
      body: noteBody({ details: 'Agreed a safety plan with the family.' }),
    });
    const later = await cases.addRecord(core, {
      caseId: opened.caseId,
      kind: 'note',
      body: noteBody({ subject: 'Follow-up' }),
    });
    expect((await core.checkWholeLog()).ok).toBe(true);

    // The deputy signs in (they hold the vault key) and forges.
    await core.signIn(deputyId, PASSPHRASES.deputy);
    const db = core.requireDb();
    const forged = generateKeyPairSync('ed25519');
    const forgedPem = forged.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const forgedId = keyIdOf(forged.publicKey);
    await db.run(
      'INSERT INTO account_keys (key_id, account_id, public_key, created_at) VALUES (?,?,?,?)',
      [forgedId, dslId, forgedPem, '2026-01-01T00:00:00.000Z'],
    );
    await db.exec('DROP TRIGGER records_no_update');
    const rows = await db.all<{ seq: number; id: string; envelope: string }>(
      'SELECT seq, id, envelope FROM records WHERE seq >= (SELECT seq FROM records WHERE id = ?) ORDER BY seq',
      [target.record.envelope.id],
    );
    let prev = (await db.get<{ hash: string }>('SELECT hash FROM records WHERE seq = ?', [
      rows[0]!.seq - 1,
    ]))!.hash;
    let casePrev = prev;
    for (const r of rows) {
      const env = JSON.parse(r.envelope) as Envelope;
      if (r.id === target.record.envelope.id) env.body = { ...env.body, details: 'Nothing to do.' };
      env.prev = prev;
      env.casePrev = casePrev;
      env.signer = { ...env.signer, keyId: forgedId };
      const canonical = canonicalJson(env);
      const hash = sha256Hex(canonical);
      await db.run(
        'UPDATE records SET envelope = ?, hash = ?, signature = ?, key_id = ? WHERE seq = ?',
        [
          canonical,
          hash,
          signMessage(forged.privateKey, recordSigningMessage(hash)),
          forgedId,
          r.seq,
        ],
      );
      prev = hash;
      casePrev = hash;
    }
    // ... and moves the sign-in checkpoint to the re-linked head, so the old check would pass.
    await db.run(
      'UPDATE integrity_checkpoint SET verified_seq = (SELECT max(seq) FROM records), verified_hash = (SELECT hash FROM records ORDER BY seq DESC LIMIT 1)',
    );

    const named = expect.arrayContaining([
      expect.objectContaining({
        problem: 'uncertified-signer',
        recordId: target.record.envelope.id,
        message: expect.stringContaining('never certified'),
      }),
      expect.objectContaining({ recordId: later.record.envelope.id }),
    ]);
    // 1. the DSL's next sign-in
    await core.signIn(dslId, PASSPHRASES.dsl);
    const signInCheck = core.currentSession()!.integrity!;
    expect(signInCheck.ok).toBe(false);
    expect(signInCheck.problems).toEqual(named);
    // 2. the full check
    const full = await core.checkWholeLog();
    expect(full.ok).toBe(false);
    expect(full.problems).toEqual(named);
    // 3. the verifier, on an export made now through the real channel
    const out = join(dir, 'forged-export.zip');
    const made = await call('app:export.create', {
      caseIds: [opened.caseId],
      recipient: { officerName: 'DC Test', force: 'Kingsford', reference: 'R1' },
      encrypt: false,
    });
    expect(made.ok).toBe(true);
    expect(existsSync(out)).toBe(true);
    const bundlePath = out;
    const report = await verifyBundle(new Uint8Array(readFileSync(bundlePath)));
    expect(report.status).toBe('invalid');
    if (report.status !== 'invalid') return;
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: 'uncertified-signer',
        recordId: target.record.envelope.id,
        message: expect.stringContaining(target.record.envelope.id),
      }),
    );
    expect(report.summary.schoolKey?.fingerprint).toBe(core.schoolKeyFingerprint()!.fingerprint);
  });
});

describe('account management', () => {
  it('a deputy tries every account-management channel: each is refused and nothing changes', async () => {
    const { core, dir, dslId, deputyId, staffId, recoveryKey, call } = await world();
    const slotsBefore = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    const count = async () =>
      (await core
        .requireDb()
        .get<{ a: number; c: number }>(
          'SELECT (SELECT count(*) FROM accounts) AS a, (SELECT count(*) FROM certificates) AS c',
        ))!;
    const before = await count();
    await core.signIn(deputyId, PASSPHRASES.deputy);
    const attempts: Array<[string, unknown, string]> = [
      [
        'app:accounts.create',
        { fullName: 'Devika Again', role: 'dsl', passphrase: 'quiver-nebula-saddle-plinth-19' },
        'NOT_ALLOWED',
      ],
      [
        'app:accounts.create',
        { fullName: 'New Staff', role: 'staff', passphrase: 'quiver-nebula-saddle-plinth-19' },
        'NOT_ALLOWED',
      ],
      ['app:accounts.disable', { accountId: dslId }, 'NOT_ALLOWED'],
      ['app:accounts.disable', { accountId: staffId }, 'NOT_ALLOWED'],
      [
        'app:accounts.changeRole',
        { accountId: deputyId, role: 'dsl', passphrase: PASSPHRASES.deputy },
        'NOT_ALLOWED',
      ],
      ['app:accounts.changeRole', { accountId: dslId, role: 'staff' }, 'NOT_ALLOWED'],
      ['app:trust.setupSheet', {}, 'NOT_ALLOWED'],
      ['app:trust.addSchoolKeyToRecovery', { recoveryKey }, 'NO_SCHOOL_KEY'],
      // Even with the real recovery key: a DSL can still sign in, so no DSL is appointed.
      [
        'app:accounts.appointWithRecovery',
        { recoveryKey, fullName: 'Devika Usurper', passphrase: 'quiver-nebula-saddle-plinth-19' },
        'NOT_ALLOWED',
      ],
      [
        'app:accounts.resetWithRecovery',
        {
          recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
          accountId: dslId,
          newPassphrase: 'quiver-nebula-saddle-plinth-19',
        },
        'WRONG_RECOVERY_KEY',
      ],
    ];
    for (const [channel, payload, code] of attempts) {
      const r = await call(channel, payload);
      expect({ channel, r }).toMatchObject({ channel, r: { ok: false, error: { code } } });
    }
    await core.signIn(dslId, PASSPHRASES.dsl);
    expect(await count()).toEqual(before);
    const after = JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as KeySlotFile;
    const was = JSON.parse(slotsBefore) as KeySlotFile;
    expect(
      after.slots.map((s) => (s.type === 'account' ? `${s.accountId}:${s.role}` : s.type)),
    ).toEqual(was.slots.map((s) => (s.type === 'account' ? `${s.accountId}:${s.role}` : s.type)));
  });

  it('a DSL changes roles: promotion needs the person’s own passphrase, demotion takes the vault key out of their slot; each is certified', async () => {
    const { core, dir, staffId, deputyId, dslId } = await world();
    const sealed = await staffSealsConcern(core, staffId, concernBody(), {
      id: dslId,
      role: 'dsl',
    });
    await expect(core.changeRole({ accountId: staffId, role: 'deputy' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(
      core.changeRole({ accountId: staffId, role: 'deputy', passphrase: 'not-theirs-at-all-99' }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await core.changeRole({ accountId: staffId, role: 'deputy', passphrase: PASSPHRASES.staff });
    await core.changeRole({ accountId: deputyId, role: 'staff' });
    const file = readKeySlots(join(dir, 'keyslots.json'));
    const slotOf = (id: string) =>
      file.slots.find((s) => s.type === 'account' && s.accountId === id)!;
    expect(slotOf(staffId).vaultKey).toBeDefined();
    expect(slotOf(deputyId).vaultKey).toBeUndefined();
    const reasons = await core
      .requireDb()
      .all<{ body: string }>('SELECT body FROM certificates ORDER BY issued_at');
    expect(reasons.map((r) => JSON.parse(r.body).reason)).toEqual(
      expect.arrayContaining(['role-changed', 'role-changed']),
    );
    // The former staff member now reads cases; their concern, sealed as staff, still checks out.
    await core.signIn(staffId, PASSPHRASES.staff);
    expect(core.currentSession()).toMatchObject({ vaultOpen: true, account: { role: 'deputy' } });
    expect((await cases.getCase(core, sealed.caseId)).access).toBe('full');
    expect((await core.checkWholeLog()).ok).toBe(true);
    await core.signIn(deputyId, PASSPHRASES.deputy);
    expect(core.currentSession()!.vaultOpen).toBe(false);
  });

  it('when no DSL can sign in, the recovery key appoints one: certified, audited, and the new DSL manages accounts', async () => {
    const { core, dir, dslId, recoveryKey } = await world();
    await core.close();
    // The DSL has left and their key slot is gone (e.g. the school restored an older file).
    const path = join(dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeySlotFile;
    file.slots = file.slots.filter((s) => s.type !== 'account' || s.accountId !== dslId);
    writeFileSync(path, JSON.stringify(file));
    await expect(
      core.appointDslWithRecovery({
        recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
        fullName: 'Wren Newlead',
        passphrase: 'lantern-quartz-meadow-violet-72',
      }),
    ).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
    const appointed = await core.appointDslWithRecovery({
      recoveryKey,
      fullName: 'Wren Newlead',
      passphrase: 'lantern-quartz-meadow-violet-72',
    });
    await core.signIn(appointed.id, 'lantern-quartz-meadow-violet-72');
    expect(core.currentSession()!.integrity!.ok).toBe(true);
    const audit = await core.listAudit({ action: 'dsl-appointed-with-recovery-key' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ accountId: appointed.id });
    const created = await core.createAccount({
      fullName: 'Fresh Staff',
      role: 'staff',
      passphrase: PASSPHRASES.staff,
    });
    expect(created.role).toBe('staff');
    expect((await core.checkWholeLog()).ok).toBe(true);
  });
});

describe('a DSL who left without their account being disabled', () => {
  it('the recovery key appoints a new DSL and, in the same signed appointment, disables the departed DSL named as having left', async () => {
    const { core, dslId, recoveryKey, deputyId } = await world();
    await core.lock('manual');
    const appointed = await core.appointDslWithRecovery({
      recoveryKey,
      fullName: 'Wren Newlead',
      passphrase: 'lantern-quartz-meadow-violet-72',
      replacing: [dslId],
    });
    // The departed DSL can no longer sign in; their past records still verify.
    await expect(core.signIn(dslId, DSL.passphrase)).rejects.toBeTruthy();
    await core.signIn(appointed.id, 'lantern-quartz-meadow-violet-72');
    expect(core.currentSession()!.integrity!.ok).toBe(true);
    const accounts = await core
      .requireDb()
      .all<{ id: string; disabled_at: string | null }>('SELECT id, disabled_at FROM accounts');
    expect(accounts.find((a) => a.id === dslId)!.disabled_at).not.toBeNull();
    expect(accounts.find((a) => a.id === deputyId)!.disabled_at).toBeNull();
    const disabled = await core.listAudit({ action: 'account-disabled' });
    expect(disabled.map((e) => e.detail)).toEqual([
      expect.objectContaining({ accountId: dslId, reason: 'left: replaced with the recovery key' }),
    ]);
    const appointment = await core.listAudit({ action: 'dsl-appointed-with-recovery-key' });
    expect(appointment[0]!.detail).toMatchObject({ accountId: appointed.id, replacing: [dslId] });
    const certs = await core
      .requireDb()
      .all<{ body: string }>('SELECT body FROM certificates WHERE account_id = ?', [dslId]);
    expect(certs.map((c) => JSON.parse(c.body).status)).toContain('disabled');
    expect((await core.checkWholeLog()).ok).toBe(true);
  });

  it('a recovery-key holder cannot quietly add a second DSL while the real DSL can still sign in: refused, naming the DSL, nothing written', async () => {
    const { core, dir, recoveryKey } = await world();
    await core.lock('manual');
    const before = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    await expect(
      core.appointDslWithRecovery({
        recoveryKey,
        fullName: 'Mallory Shadowlead',
        passphrase: 'lantern-quartz-meadow-violet-72',
      }),
    ).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringContaining(DSL.fullName),
    });
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).toBe(before);
  });

  it('naming a deputy (not a DSL) as the departed DSL, to disable them through the recovery key: refused, nothing written', async () => {
    const { core, dir, dslId, deputyId, recoveryKey } = await world();
    await core.lock('manual');
    const before = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    await expect(
      core.appointDslWithRecovery({
        recoveryKey,
        fullName: 'Wren Newlead',
        passphrase: 'lantern-quartz-meadow-violet-72',
        replacing: [dslId, deputyId],
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).toBe(before);
    await core.signIn(deputyId, PASSPHRASES.deputy);
    expect(core.currentSession()!.account.role).toBe('deputy');
  });
});

describe('upgrade from the first release', () => {
  /** Turns a vault into what the previous build wrote: key slots v1, no trust tables or keys. */
  async function downgradeToV1(dir: string, passOf: (role: string) => string) {
    const path = join(dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeySlotFile;
    const dsl = file.slots.find((s) => s.type === 'account' && s.role === 'dsl')!;
    if (dsl.type !== 'account') throw new Error('slot');
    const dslKek = await deriveKey(DSL.passphrase, dsl.kdf);
    const vaultKey = unwrap(
      dslKek,
      dsl.vaultKey!,
      aadFor(file.vaultId, { accountId: dsl.accountId }, 'vault-key'),
    )!;
    for (const s of file.slots) {
      delete s.schoolKey;
      delete s.trust;
      if (s.type === 'account') {
        const kek = await deriveKey(passOf(s.role), s.kdf);
        s.vaultKey = wrap(
          kek,
          vaultKey,
          aadFor(file.vaultId, { accountId: s.accountId }, 'vault-key'),
        );
      }
    }
    delete file.schoolKey;
    delete file.intakeKey;
    file.version = 1;
    writeFileSync(path, JSON.stringify(file, null, 2));
    const db = await openVaultDb(join(dir, 'caseseal.db'), vaultKey, { create: false });
    // The first release had none of these rows: drop the tables and make them again, empty, as the
    // migration does when a first-release vault is opened (later migrations stay applied).
    await db.exec(`
      DROP TABLE school_keys; DROP TABLE certificates; DROP TABLE intake_keys; DROP TABLE intake_imports;`);
    await db.transaction((c) => migration0040.up(c));
    await db.close();
    return vaultKey;
  }

  it('opens a first-release vault; the first DSL sign-in makes the school key, certifies accounts as of their creation, makes the intake key and takes the vault key out of staff slots', async () => {
    const { core, dir, dslId, deputyId, staffId, recoveryKey } = await world();
    const opened = await cases.openCase(core, { details: caseDetails() });
    await core.signIn(deputyId, PASSPHRASES.deputy);
    await cases.addRecord(core, { caseId: opened.caseId, kind: 'note', body: noteBody() });
    await core.close();
    await downgradeToV1(dir, (role) => PASSPHRASES[role as keyof typeof PASSPHRASES]);
    expect(readKeySlots(join(dir, 'keyslots.json')).version).toBe(1);

    const again = new Core({ vaultDir: dir });
    cleanups.push(() => again.close());
    // Before the upgrade, the deputy still signs in and the log checks as before.
    await again.signIn(deputyId, PASSPHRASES.deputy);
    expect(again.currentSession()!.integrity!.ok).toBe(true);
    // The DSL's sign-in upgrades it.
    await again.signIn(dslId, PASSPHRASES.dsl);
    const file = readKeySlots(join(dir, 'keyslots.json'));
    expect(file.version).toBe(2);
    expect(file.schoolKey?.fingerprint).toBe(again.schoolKeyFingerprint()!.fingerprint);
    const slotOf = (id: string) =>
      file.slots.find((s) => s.type === 'account' && s.accountId === id)!;
    expect(slotOf(staffId).vaultKey).toBeUndefined();
    expect(slotOf(deputyId).vaultKey).toBeDefined();
    expect(slotOf(dslId).schoolKey).toBeDefined();
    const certs = await again.requireDb().all<{ body: string }>('SELECT body FROM certificates');
    const accounts = await again.listAccounts();
    expect(certs.length).toBe(accounts.length);
    for (const a of accounts) {
      const c = certs.map((x) => JSON.parse(x.body)).find((b) => b.accountId === a.id);
      expect(c).toMatchObject({
        reason: 'certified-at-upgrade',
        validFrom: a.createdAt,
        role: a.role,
      });
    }
    expect(await again.listAudit({ action: 'trust-upgraded' })).toHaveLength(1);
    expect((await again.checkWholeLog()).ok).toBe(true);
    // The insider attack now fails on the upgraded files too.
    const { windows } = await keysAPassphraseOpens(file, staffId, PASSPHRASES.staff);
    for (const w of windows)
      await expect(openVaultDb(join(dir, 'caseseal.db'), w, { create: false })).rejects.toThrow();
    // The recovery slot gets the school key once the DSL types the recovery key.
    expect(again.trustInfo().recoveryHoldsSchoolKey).toBe(false);
    await again.addSchoolKeyToRecoverySlot(recoveryKey);
    expect(again.trustInfo().recoveryHoldsSchoolKey).toBe(true);
    // Staff seal concerns; the deputy's next sign-in imports them.
    await staffSealsConcern(again, staffId, concernBody(), { id: deputyId, role: 'deputy' });
    expect(again.lastImport).toMatchObject({ imported: 1, refused: [] });
    // A second DSL sign-in changes nothing more.
    await again.signIn(dslId, PASSPHRASES.dsl);
    expect(await again.listAudit({ action: 'trust-upgraded' })).toHaveLength(1);
    expect(existsSync(join(dir, 'intake'))).toBe(true);
  });
});
