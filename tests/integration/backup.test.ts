// Backups and restore against real SQLCipher vaults and real backup files, the backup running in
// the real (bundled) worker thread. Each protection is attacked the way an insider or a thief with
// the backup media would.
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { join } from 'node:path';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import { recordConcern } from '../../src/main/core/cases/caseService';
import { checkIntegrity } from '../../src/main/core/log/integrity';
import { unlockVaultKey } from '../../src/main/core/backup/unlockKey';
import { openVaultDb } from '../../src/main/db/open';
import { CaseSealError } from '../../src/shared/errors';
import { concernBody } from '../helpers/records';
import { DSL, PASSPHRASES, SCHOOL, addAccount, setUpVault, tempDir } from '../helpers/vault';
import {
  backupFiles,
  failedFiles,
  movableClock,
  restoreInto,
  vaultWithBackupFolder,
} from '../helpers/backups';
import { workerScript } from '../helpers/workerScript';

const cores: CaseSealCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => undefined);
});
const keep = <T extends { core: CaseSealCore }>(v: T): T => {
  cores.push(v.core);
  return v;
};

async function signedRecords(core: CaseSealCore, kind: string) {
  const rows = await core
    .requireDb()
    .all<{ envelope: string }>('SELECT envelope FROM records WHERE kind = ? ORDER BY seq', [kind]);
  return rows.map(
    (r) =>
      JSON.parse(r.envelope) as {
        seq: number;
        body: Record<string, unknown>;
        signer: { name: string };
      },
  );
}

async function expectRefused(p: Promise<unknown>, code: string, message: RegExp) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CaseSealError);
  expect((e as CaseSealError).code).toBe(code);
  expect((e as CaseSealError).message).toMatch(message);
}

function folderSnapshot(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('backups', () => {
  it('backs up and checks: one file named with school, time and log position; a signed backup-checked record', async () => {
    const clock = movableClock('2026-12-01T10:00:00.000Z');
    const v = keep(await vaultWithBackupFolder(clock));
    await recordConcern(v.core, concernBody());
    const out = await v.core.backups.backUpNow();
    expect(out.folders).toEqual([
      expect.objectContaining({ folder: v.folder, outcome: 'verified' }),
    ]);
    const [file] = backupFiles(v.folder);
    expect(file).toMatch(
      /^Riverside Academy Zephyr CaseSeal backup 20261201T1000\d\dZ seq 1\.csbackup$/,
    );
    const recs = await signedRecords(v.core, 'backup-checked');
    expect(recs).toHaveLength(1);
    expect(recs[0]!.body).toMatchObject({
      outcome: 'verified',
      folder: v.folder,
      fileName: file,
      seq: 1,
    });
    expect(recs[0]!.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(recs[0]!.signer.name).toBe(DSL.fullName);
    // The live log still verifies with the worker's record in it.
    expect((await checkIntegrity(v.core.requireDb(), { mode: 'full', now: new Date() })).ok).toBe(
      true,
    );
  });

  it('attack "thief with the backup drive": the backup file holds no known case text, names or school details beyond the name', async () => {
    const v = keep(await vaultWithBackupFolder());
    await recordConcern(v.core, concernBody());
    await v.core.backups.backUpNow();
    const bytes = readFileSync(join(v.folder, backupFiles(v.folder)[0]!));
    for (const text of [
      'Tallulah',
      'Vance',
      'Y9 Squad',
      'group chat',
      'Library, lunchtime',
      'concern',
      SCHOOL.localAuthority,
      'SQLite format 3',
    ]) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(bytes.includes(Buffer.from(text, 'utf16le')), text).toBe(false);
    }
  });

  it('attack "insider keeps typing during the backup": a backup taken during a burst of appends is one consistent snapshot that verifies', async () => {
    const v = keep(await vaultWithBackupFolder());
    for (let i = 0; i < 20; i++) await recordConcern(v.core, concernBody());
    const running = v.core.backups.backUpNow();
    let appended = 0;
    let done = false;
    void running.finally(() => (done = true));
    while (!done || appended < 30) {
      await recordConcern(v.core, concernBody({ account: `Burst entry ${appended}` }));
      appended++;
      if (appended > 400) break;
    }
    const out = await running;
    expect(out.folders[0]!.outcome).toBe('verified');
    const file = join(v.folder, backupFiles(v.folder)[0]!);
    const seq = Number(/seq (\d+)\.csbackup$/.exec(file)![1]);
    expect(seq).toBeGreaterThanOrEqual(20);
    // Restored elsewhere, the backup is exactly the live log's first `seq` records, chain intact.
    const r = keep(await restoreInto(file, DSL.passphrase));
    const [dsl] = r.core.pickerAccounts();
    await r.core.signIn(dsl!.id, DSL.passphrase);
    const restored = await r.core
      .requireDb()
      .all<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM records WHERE seq <= ? ORDER BY seq',
        [seq],
      );
    const live = await v.core
      .requireDb()
      .all<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM records WHERE seq <= ? ORDER BY seq',
        [seq],
      );
    expect(restored).toEqual(live);
    expect((await checkIntegrity(r.core.requireDb(), { mode: 'full', now: new Date() })).ok).toBe(
      true,
    );
  });

  it('backs up automatically after a lock that follows changes, and not after a lock with no changes', async () => {
    const v = keep(await vaultWithBackupFolder());
    const dslId = v.dslId;
    const backups = async () => {
      await v.core.signIn(dslId, DSL.passphrase);
      return (await signedRecords(v.core, 'backup-checked')).length;
    };
    await recordConcern(v.core, concernBody());
    await v.core.lock('manual');
    await v.core.backups.idle();
    expect(backupFiles(v.folder)).toHaveLength(1);
    expect(await backups()).toBe(1);
    // Signed in and out with nothing done: no new backup.
    await v.core.lock('manual');
    await v.core.backups.idle();
    expect(await backups()).toBe(1);
    await recordConcern(v.core, concernBody());
    await v.core.lock('idle');
    await v.core.backups.idle();
    expect(await backups()).toBe(2);
    // Same day: the newer backup is the day's generation (7 daily kept, one per day).
    expect(backupFiles(v.folder)).toHaveLength(1);
    expect(backupFiles(v.folder)[0]).toMatch(/seq 3\.csbackup$/);
  });

  it('backs up at least daily while open, with a fixed clock', async () => {
    const clock = movableClock('2026-12-01T10:00:00.000Z');
    const v = keep(await vaultWithBackupFolder(clock));
    expect(await v.core.backups.dailyCheck()).toBe(true);
    await v.core.backups.idle();
    expect(await v.core.backups.dailyCheck()).toBe(false);
    clock.now = new Date('2026-12-02T11:00:00.000Z');
    expect(await v.core.backups.dailyCheck()).toBe(true);
    await v.core.backups.idle();
    expect(backupFiles(v.folder)).toHaveLength(2);
  });

  it('attack "unplug the USB drive": a missing or read-only folder is reported, never a crash or a silent skip; other folders still get their backup', async () => {
    const v = keep(await vaultWithBackupFolder());
    const usb = tempDir('caseseal-usb-');
    await v.core.backups.addFolder({ chooseBackupFolder: async () => usb });
    rmSync(usb, { recursive: true });
    const out = await v.core.backups.backUpNow();
    expect(out.folders.find((f) => f.folder === usb)).toMatchObject({ outcome: 'unreachable' });
    expect(out.folders.find((f) => f.folder === usb)!.message).toMatch(/cannot be found/);
    expect(out.folders.find((f) => f.folder === v.folder)).toMatchObject({ outcome: 'verified' });
    const st = await v.core.backups.status();
    const usbStatus = st.folders.find((f) => f.folder === usb)!;
    expect(usbStatus).toMatchObject({ reachable: false, level: 'red' });
    expect(usbStatus.problem).toMatch(/cannot be found/);
    if (process.getuid?.() !== 0) {
      mkdirSync(usb);
      chmodSync(usb, 0o500);
      const st2 = await v.core.backups.status();
      expect(st2.folders.find((f) => f.folder === usb)!.problem).toMatch(/cannot write/);
      chmodSync(usb, 0o700);
    }
  });

  it('attack "insider edits a record in the vault file": the backup fails its chain check, is kept aside named FAILED and raised on the dashboard', async () => {
    const v = keep(await vaultWithBackupFolder());
    await recordConcern(v.core, concernBody());
    // The insider has the key (a team passphrase) and edits the database directly.
    const key = (await unlockVaultKey(v.core.paths.keySlots, DSL.passphrase)).key;
    const raw = await openVaultDb(v.core.paths.db, key, { create: false, migrate: false });
    await raw.exec('DROP TRIGGER records_no_update');
    await raw.run(
      "UPDATE records SET envelope = replace(envelope, 'Tallulah', 'Someone') WHERE seq = 1",
    );
    await raw.close();
    const out = await v.core.backups.backUpNow();
    expect(out.folders[0]).toMatchObject({ outcome: 'failed' });
    expect(out.folders[0]!.message).toMatch(/failed its check.*kept aside/);
    expect(backupFiles(v.folder)).toEqual([]);
    expect(failedFiles(v.folder)).toHaveLength(1);
    const st = await v.core.backups.status();
    expect(st.folders[0]!.level).toBe('red');
    expect(st.folders[0]!.lastFailedFile).toBe(failedFiles(v.folder)[0]);
    const recs = await signedRecords(v.core, 'backup-checked');
    expect(recs.at(-1)!.body).toMatchObject({ outcome: 'failed' });
  });

  it('attack "prune while another backup is being written": a fresh partial file in the folder stops pruning; the only verified copy is never pruned', async () => {
    const clock = movableClock('2026-01-01T10:00:00.000Z');
    const v = keep(await vaultWithBackupFolder(clock));
    await v.core.backups.updateSettings({
      retention: { daily: 1, weekly: 0, monthly: 0 },
      warnAfter: { amberDays: 2, redDays: 7 },
    });
    await v.core.backups.backUpNow();
    // Someone else (another PC, or another run) is writing into this folder right now.
    const other = join(v.folder, '.Other school CaseSeal backup 20260102T100000Z seq 9.partial');
    writeFileSync(other, 'x');
    clock.now = new Date('2026-01-02T10:00:00.000Z');
    await v.core.backups.backUpNow();
    expect(backupFiles(v.folder)).toHaveLength(2);
    // The writer finished long ago (its partial is stale): pruning resumes, keeping the newest only.
    const old = new Date(Date.now() - 24 * 3600_000);
    utimesSync(other, old, old);
    clock.now = new Date('2026-01-03T10:00:00.000Z');
    await v.core.backups.backUpNow();
    expect(backupFiles(v.folder)).toHaveLength(1);
    expect(backupFiles(v.folder)[0]).toMatch(/20260103T10/);
    expect(existsSync(other)).toBe(false);
  });

  it('attack "staff or a crafted call manages backups": staff cannot add folders or back up; a deputy cannot restore', async () => {
    const v = keep(await vaultWithBackupFolder());
    const staffId = await addAccount(v.core, 'staff', 'Sam Staff-Member');
    const deputyId = await addAccount(v.core, 'deputy', 'Dana Deputy-Lead');
    await v.core.signIn(staffId, PASSPHRASES.staff);
    await expectRefused(v.core.backups.backUpNow(), 'NOT_ALLOWED', /safeguarding team/);
    await expectRefused(
      v.core.backups.addFolder({ chooseBackupFolder: async () => tempDir() }),
      'NOT_ALLOWED',
      /safeguarding team/,
    );
    await v.core.signIn(deputyId, PASSPHRASES.deputy);
    await expectRefused(
      v.core.backups.pickBackup({ chooseBackupFile: async () => '/nonexistent' }),
      'NOT_ALLOWED',
      /Only the DSL/,
    );
  });

  it('choosing and removing backup folders is audited; a folder inside the vault is refused', async () => {
    const v = keep(await vaultWithBackupFolder());
    await expectRefused(
      v.core.backups.addFolder({ chooseBackupFolder: async () => join(v.dir, 'sub') }),
      'BAD_INPUT',
      /inside the vault folder/,
    );
    await v.core.backups.removeFolder(v.folder);
    const audit = await v.core.listAudit({});
    const actions = audit.map((a) => a.action);
    expect(actions).toContain('backup-folder-added');
    expect(actions).toContain('backup-folder-removed');
    expect(audit.find((a) => a.action === 'backup-folder-added')!.detail).toMatchObject({
      folder: v.folder,
    });
  });
});

describe('restore', () => {
  async function madeBackup() {
    const v = keep(await vaultWithBackupFolder());
    await recordConcern(v.core, concernBody());
    await v.core.backups.backUpNow();
    return { ...v, file: join(v.folder, backupFiles(v.folder)[0]!) };
  }

  it('restores on a new PC: a new folder, the backup file and a passphrase; the recovery key works too', async () => {
    const v = await madeBackup();
    const r = keep(await restoreInto(v.file, DSL.passphrase));
    expect(r.preview).toMatchObject({
      school: { name: SCHOOL.name, urn: SCHOOL.urn },
      seq: 1,
      checkedWhenMade: 'verified',
      intact: true,
    });
    expect(r.outcome.movedAsideTo).toBeNull();
    expect(r.core.vaultState().state).toBe('locked');
    const [dsl] = r.core.pickerAccounts();
    await r.core.signIn(dsl!.id, DSL.passphrase);
    const restored = await signedRecords(r.core, 'vault-restored');
    expect(restored).toHaveLength(1);
    expect(restored[0]!.body).toMatchObject({
      backupSeq: 1,
      previousVault: 'none',
      lostFrom: null,
    });
    const byRecovery = keep(await restoreInto(v.file, v.recoveryKey));
    expect(byRecovery.core.vaultState().state).toBe('locked');
  });

  it('attack "silent rollback": the first sign-in after a restore signs the log positions the replaced vault had and the backup did not', async () => {
    const v = await madeBackup();
    for (let i = 0; i < 3; i++) await recordConcern(v.core, concernBody());
    const liveHead = (await v.core
      .requireDb()
      .get<{ seq: number }>('SELECT max(seq) AS seq FROM records'))!.seq;
    const before = folderSnapshot(v.dir);
    const preview = await v.core.backups.pickBackup({ chooseBackupFile: async () => v.file });
    const out = await v.core.backups.restore(preview.token, DSL.passphrase);
    expect(v.core.currentSession()).toBeNull();
    // The replaced vault is moved aside, whole, never deleted.
    expect(out.movedAsideTo).toMatch(/-before-restore-/);
    expect(folderSnapshot(out.movedAsideTo!)).toEqual(
      expect.arrayContaining(before.filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))),
    );
    await v.core.signIn(v.dslId, DSL.passphrase);
    const [rec] = await signedRecords(v.core, 'vault-restored');
    expect(rec!.body).toMatchObject({
      backupSeq: 1,
      previousVault: 'read',
      lostFrom: 2,
      previousSeq: liveHead,
    });
    expect(rec!.body.lostTo).toBe(liveHead);
    expect(rec!.signer.name).toBe(DSL.fullName);
    // Only once.
    await v.core.lock('manual');
    await v.core.signIn(v.dslId, DSL.passphrase);
    expect(await signedRecords(v.core, 'vault-restored')).toHaveLength(1);
  });

  it('restores from each generation (daily, weekly, monthly) kept in the folder', async () => {
    const clock = movableClock('2026-01-05T10:00:00.000Z');
    const v = keep(await vaultWithBackupFolder(clock));
    const stamps = [
      '2026-01-05',
      '2026-02-10',
      '2026-03-16',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
    ];
    for (const day of stamps) {
      clock.now = new Date(`${day}T10:00:00.000Z`);
      await recordConcern(v.core, concernBody());
      await v.core.backups.backUpNow();
    }
    const files = backupFiles(v.folder);
    expect(files).toHaveLength(stamps.length);
    for (const f of files) {
      const r = keep(await restoreInto(join(v.folder, f), DSL.passphrase));
      const [dsl] = r.core.pickerAccounts();
      await r.core.signIn(dsl!.id, DSL.passphrase);
      const head = (await r.core
        .requireDb()
        .get<{ seq: number }>(
          "SELECT max(seq) AS seq FROM records WHERE kind != 'vault-restored'",
        ))!.seq;
      expect(head).toBe(r.preview.seq);
      expect((await checkIntegrity(r.core.requireDb(), { mode: 'full', now: new Date() })).ok).toBe(
        true,
      );
    }
  });

  describe('refused, and nothing changed', () => {
    async function refusedRestore(
      file: string,
      secret: string,
      code: string,
      message: RegExp,
      where: 'damaged vault here' | 'new PC' = 'damaged vault here',
    ) {
      const target = join(tempDir('caseseal-target-'), 'vault');
      let damagedDb: Buffer | null = null;
      if (where === 'damaged vault here') {
        const existing = await setUpVault({
          vaultDir: target,
          workerScript: workerScript(),
        });
        await existing.core.close();
        // The vault on this PC will not open (its database is unreadable): the first screen offers restore.
        const db = readFileSync(join(target, 'caseseal.db'));
        damagedDb = Buffer.concat([db.subarray(0, 4096), Buffer.alloc(4096, 7)]);
        writeFileSync(join(target, 'caseseal.db'), damagedDb);
      }
      const before = folderSnapshot(target);
      const parentBefore = readdirSync(join(target, '..')).sort();
      const { CaseSealCore } = await import('../../src/main/core/app/caseSealCore');
      const core = new CaseSealCore({ vaultDir: target, workerScript: workerScript() });
      cores.push(core);
      const p = await core.backups.pickBackup({ chooseBackupFile: async () => file });
      await expectRefused(core.backups.restore(p.token, secret), code, message);
      expect(folderSnapshot(target)).toEqual(before);
      expect(readdirSync(join(target, '..')).sort()).toEqual(parentBefore);
      if (damagedDb) expect(readFileSync(join(target, 'caseseal.db')).equals(damagedDb)).toBe(true);
      return p;
    }

    it('attack "flip one byte" of the backup file', async () => {
      const v = await madeBackup();
      const bad = join(tempDir(), 'flipped.csbackup');
      copyFileSync(v.file, bad);
      const buf = readFileSync(bad);
      buf[Math.floor(buf.length / 2)]! ^= 0x01;
      writeFileSync(bad, buf);
      const p = await refusedRestore(
        bad,
        DSL.passphrase,
        'BACKUP_DAMAGED',
        /damaged.*Nothing has been changed/,
      );
      expect(p.intact).toBe(false);
    });

    it('attack "truncate the backup file" (a copy cut short)', async () => {
      const v = await madeBackup();
      const bad = join(tempDir(), 'short.csbackup');
      copyFileSync(v.file, bad);
      truncateSync(bad, Math.floor(readFileSync(bad).length * 0.7));
      await refusedRestore(bad, DSL.passphrase, 'BACKUP_DAMAGED', /damaged/);
    });

    it('attack "wrong passphrase or someone else\'s recovery key"', async () => {
      const v = await madeBackup();
      await refusedRestore(
        v.file,
        'not-the-passphrase-at-all-77',
        'BACKUP_WRONG_KEY',
        /does not open this backup/,
        'new PC',
      );
      const other = await setUpVault();
      await other.core.close();
      await refusedRestore(
        v.file,
        other.recoveryKey,
        'BACKUP_WRONG_KEY',
        /does not open this backup/,
        'new PC',
      );
      // On a PC whose own vault will not open, a secret that is no key to it is refused first.
      await refusedRestore(
        v.file,
        'not-the-passphrase-at-all-77',
        'NOT_ALLOWED',
        /does not work on the vault on this computer now/,
      );
    });

    it('attack "foreign file renamed .csbackup" (a zip, an empty file, a plain SQLite file)', async () => {
      const dir = tempDir();
      const zip = join(dir, 'holiday.csbackup');
      writeFileSync(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200)]));
      await refusedRestore(zip, DSL.passphrase, 'NOT_A_BACKUP', /not a CaseSeal backup/);
      const empty = join(dir, 'empty.csbackup');
      writeFileSync(empty, '');
      await refusedRestore(empty, DSL.passphrase, 'NOT_A_BACKUP', /not a CaseSeal backup/);
      const plain = join(dir, 'plain.csbackup');
      const { default: Database } = await import('better-sqlite3-multiple-ciphers');
      const db = new Database(plain);
      db.exec("CREATE TABLE t(x); INSERT INTO t VALUES ('hello')");
      db.close();
      await refusedRestore(plain, DSL.passphrase, 'NOT_A_BACKUP', /not a CaseSeal backup/);
    });

    it('attack "splice a forged header onto a real backup" (re-hashed so the checksum matches)', async () => {
      const v = await madeBackup();
      const { createHash } = await import('node:crypto');
      const buf = readFileSync(v.file);
      const body = buf.subarray(0, buf.length - 32);
      const text = body.toString('latin1').replace('"seq":1', '"seq":9');
      const forged = Buffer.from(text, 'latin1');
      const bad = join(tempDir(), 'forged.csbackup');
      writeFileSync(bad, Buffer.concat([forged, createHash('sha256').update(forged).digest()]));
      await refusedRestore(
        bad,
        DSL.passphrase,
        'BACKUP_WRONG_KEY',
        /description has been changed|does not open/,
      );
    });
  });

  it('attack "restore over a healthy vault from the lock screen": refused; a healthy vault is restored only by a signed-in DSL', async () => {
    const v = await madeBackup();
    await v.core.lock('manual');
    await v.core.backups.idle();
    const p = await v.core.backups.pickBackup({ chooseBackupFile: async () => v.file });
    await expectRefused(
      v.core.backups.restore(p.token, DSL.passphrase),
      'NOT_ALLOWED',
      /opens normally/,
    );
    expect(existsSync(v.core.paths.db)).toBe(true);
  });

  it('attack "disabled deputy rolls the vault back from the lock screen with an old backup": refused, nothing changed', async () => {
    const v = keep(await vaultWithBackupFolder());
    const deputyId = await addAccount(v.core, 'deputy', 'Dana Deputy-Lead');
    await recordConcern(v.core, concernBody());
    await v.core.backups.backUpNow();
    // The deputy keeps a copy of this backup, made while their account was still active.
    const file = join(tempDir(), 'kept-copy.csbackup');
    copyFileSync(join(v.folder, backupFiles(v.folder)[0]!), file);
    await v.core.disableAccount(deputyId);
    await v.core.lock('manual');
    await v.core.backups.idle();
    // The database no longer opens (damaged), but the deputy's passphrase is not a key here any more.
    const db = readFileSync(v.core.paths.db);
    writeFileSync(v.core.paths.db, Buffer.concat([db.subarray(0, 4096), Buffer.alloc(4096, 1)]));
    const before = folderSnapshot(v.dir);
    const p = await v.core.backups.pickBackup({ chooseBackupFile: async () => file });
    await expectRefused(
      v.core.backups.restore(p.token, PASSPHRASES.deputy),
      'NOT_ALLOWED',
      /does not work on the vault on this computer now/,
    );
    expect(folderSnapshot(v.dir)).toEqual(before);
    // The DSL's current passphrase can restore the damaged vault.
    const out = await v.core.backups.restore(p.token, DSL.passphrase);
    expect(out.movedAsideTo).toMatch(/before-restore/);
    await v.core.signIn(v.dslId, DSL.passphrase);
    const [rec] = await signedRecords(v.core, 'vault-restored');
    expect(rec!.body).toMatchObject({ previousVault: 'unreadable', lostFrom: null });
  });

  it('a garbage tail appended to a backup is refused (not silently ignored)', async () => {
    const v = await madeBackup();
    const bad = join(tempDir(), 'tail.csbackup');
    copyFileSync(v.file, bad);
    appendFileSync(bad, 'extra');
    const r = await (async () => {
      const target = join(tempDir('caseseal-newpc-'), 'vault');
      const { CaseSealCore } = await import('../../src/main/core/app/caseSealCore');
      const core = new CaseSealCore({ vaultDir: target, workerScript: workerScript() });
      cores.push(core);
      return core.backups.pickBackup({ chooseBackupFile: async () => bad });
    })();
    expect(r.intact).toBe(false);
  });
});
