// Attacks on the log by insiders who hold the vault key (a deputy, a senior leader): rewriting the
// audit trail, cutting the newest records off, rewinding the audit — with and without moving the
// checkpoints back. Each must be detected at the next sign-in of another person, named precisely.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import * as cases from '../../src/main/core/cases/caseService';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import { addAccount, PASSPHRASES, DSL, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';
import * as dashboard from '../../src/main/core/dashboard/dashboard';
import { acknowledgeIntegrityAlarm } from '../../src/main/core/dashboard/integrityAlarms';
import { dropTrigger, insider, readJson, relinkAudit, writeJson } from '../helpers/insider';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function school() {
  const v = await setUpVault();
  const deputyId = await addAccount(v.core, 'deputy', 'Dana Deputy-Insider');
  const sltId = await addAccount(v.core, 'slt', 'Sam Senior-Leader');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  return { ...v, deputyId, sltId };
}

async function addNotes(core: CaseSealCore, caseId: string, n: number, from = 0) {
  for (let i = 0; i < n; i++)
    await cases.addRecord(core, {
      caseId,
      kind: 'note',
      body: noteBody({ subject: `Note ${from + i}` }),
    });
}

async function signInAs(core: CaseSealCore, id: string, passphrase: string) {
  return core.signIn(id, passphrase);
}

describe('signed audit entries', () => {
  for (const resign of ['system', 'keep'] as const) {
    it(`a key holder deletes every case-viewed audit entry and re-links the chain (others' entries ${resign === 'system' ? 're-signed with the system key' : 'left with their old signatures'}) → detected at sign-in and by the full check`, async () => {
      const v = await school();
      const opened = await cases.openCase(v.core, { details: caseDetails() });
      await cases.getCase(v.core, opened.caseId);
      await v.core.lock('manual');
      await signInAs(v.core, v.deputyId, PASSPHRASES.deputy);
      await cases.getCase(v.core, opened.caseId);
      await v.core.lock('manual');

      const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
      const before = (await x.db.get<{ n: number }>(
        "SELECT count(*) AS n FROM audit WHERE action = 'case-viewed'",
      ))!.n;
      expect(before).toBe(2);
      await relinkAudit(x, (r) => r.action !== 'case-viewed', resign);
      await x.close();

      const s = await signInAs(v.core, v.dslId, DSL.passphrase);
      expect(s.integrity!.ok).toBe(false);
      const full = await v.core.checkWholeLog();
      expect(full.ok).toBe(false);
      const codes = new Set(full.problems.map((p) => p.problem));
      // The DSL's own entries cannot be re-signed by the deputy: either the system key signs what
      // the DSL did (wrong signer) or the DSL's old signature no longer matches the new hash.
      expect(codes.has(resign === 'system' ? 'wrong-signer' : 'bad-signature')).toBe(true);
      expect(full.problems.some((p) => /Audit entry \d+ /.test(p.message))).toBe(true);
    });
  }

  it('an insider signs an audit entry as someone else with their own key → wrong signer', async () => {
    const v = await school();
    await v.core.lock('manual');
    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    // Re-sign every entry the DSL made with the deputy's key, keeping the DSL as the actor.
    const dslEntries = await x.db.all<{ seq: number }>('SELECT seq FROM audit WHERE actor_id = ?', [
      v.dslId,
    ]);
    expect(dslEntries.length).toBeGreaterThan(0);
    await relinkAudit({ ...x, accountId: v.dslId }, () => true, 'keep');
    await x.close();
    await signInAs(v.core, v.sltId, PASSPHRASES.slt);
    const full = await v.core.checkWholeLog().catch(() => null);
    // A senior leader cannot run the full check; the sign-in check already names the entries.
    const problems = full?.problems ?? v.core.currentSession()!.integrity!.problems;
    expect(problems.some((p) => p.problem === 'wrong-signer')).toBe(true);
  });

  it('signs every new audit entry: the actor with their own key, failed sign-ins with the system key', async () => {
    const v = await school();
    await v.core.lock('manual');
    await expect(v.core.signIn(v.deputyId, 'not-the-passphrase-at-all-1')).rejects.toThrow();
    await signInAs(v.core, v.dslId, DSL.passphrase);
    const db = v.core.requireDb();
    const rows = await db.all<{
      action: string;
      actor_id: string | null;
      signer_key_id: string | null;
      signature: string | null;
    }>('SELECT action, actor_id, signer_key_id, signature FROM audit ORDER BY seq');
    expect(rows.every((r) => r.signature && r.signer_key_id)).toBe(true);
    const system = (await db.get<{ key_id: string }>('SELECT key_id FROM system_keys'))!.key_id;
    const failed = rows.find((r) => r.action === 'sign-in-failed' && r.actor_id === v.deputyId)!;
    expect(failed.signer_key_id).toBe(system);
    const signIn = rows.filter((r) => r.action === 'sign-in' && r.actor_id === v.dslId).at(-1)!;
    expect(signIn.signer_key_id).toBe(v.core.currentSession()!.keyId);
    expect((await v.core.checkWholeLog()).ok).toBe(true);
  });
});

describe('signed checkpoints', () => {
  async function phaseTwoVault() {
    const v = await school();
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await addNotes(v.core, opened.caseId, 4);
    await v.core.lock('manual');
    // The insider keeps a copy of the key-slot file from now: the DSL's older, genuine checkpoint.
    const oldSlots = `${v.dir}/keyslots.old.json`;
    copyFileSync(`${v.dir}/keyslots.json`, oldSlots);
    await signInAs(v.core, v.dslId, DSL.passphrase);
    await addNotes(v.core, opened.caseId, 3, 10);
    await v.core.lock('manual');
    return { ...v, caseId: opened.caseId, oldSlots };
  }

  for (const k of [1, 3]) {
    for (const moveBack of [false, true]) {
      it(`an insider deletes the newest ${k} record${k > 1 ? 's' : ''} ${moveBack ? 'and moves every checkpoint back' : 'without moving the checkpoint'} → detected at the next sign-in of another person`, async () => {
        const v = await phaseTwoVault();
        const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
        const head = (await x.db.get<{ m: number }>('SELECT max(seq) AS m FROM records'))!.m;
        await dropTrigger(x.db, 'records_no_delete', 'log_checkpoints_no_delete');
        await x.db.run('DELETE FROM records WHERE seq > ?', [head - k]);
        if (moveBack) {
          const last = (await x.db.get<{ hash: string }>('SELECT hash FROM records WHERE seq = ?', [
            head - k,
          ]))!.hash;
          await x.db.run('UPDATE integrity_checkpoint SET verified_seq = ?, verified_hash = ?', [
            head - k,
            last,
          ]);
          // Every checkpoint in the vault that covers the deleted records goes…
          await x.db.run(
            "DELETE FROM log_checkpoints WHERE json_extract(body, '$.records.seq') > ?",
            [head - k],
          );
          // …and the DSL's copy in the key-slot file is put back to the older, genuine one.
          const old = readJson(v.oldSlots) as {
            slots: Array<{ accountId?: string; checkpoint?: unknown }>;
          };
          const now = readJson(`${v.dir}/keyslots.json`) as typeof old;
          const dslOld = old.slots.find((s) => s.accountId === v.dslId)!.checkpoint;
          now.slots.find((s) => s.accountId === v.dslId)!.checkpoint = dslOld;
          writeJson(`${v.dir}/keyslots.json`, now);
        }
        await x.close();

        const s = await signInAs(v.core, v.sltId, PASSPHRASES.slt);
        expect(s.integrity!.ok).toBe(false);
        const cut = s.integrity!.problems.filter((p) => p.problem === 'log-cut-short');
        expect(cut.length).toBeGreaterThan(0);
        const range = k === 1 ? `${head}–${head}` : `${head - k + 1}–${head}`;
        expect(cut.some((p) => p.message.includes(`records ${range} are missing`))).toBe(true);
        expect(cut.some((p) => p.message.includes('Quentin Marlowe-Dsl'))).toBe(true);
        // The alarm is itself written to the audit trail, signed by the senior leader.
        const alarm = await v.core
          .requireDb()
          .get<{ signer_key_id: string }>(
            "SELECT signer_key_id FROM audit WHERE action = 'integrity-alarm' ORDER BY seq DESC LIMIT 1",
          );
        expect(alarm?.signer_key_id).toBe(s.keyId);
      });
    }
  }

  it('an insider cuts the newest 2 records; the DSL sees the alarm, and their next sign-in signs a checkpoint of the shortened log: the alarm stays on every team dashboard until a DSL acknowledges it in a signed entry (a deputy cannot)', async () => {
    const v = await phaseTwoVault();
    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    const head = (await x.db.get<{ m: number }>('SELECT max(seq) AS m FROM records'))!.m;
    await dropTrigger(x.db, 'records_no_delete');
    await x.db.run('DELETE FROM records WHERE seq > ?', [head - 2]);
    await x.close();

    const first = await signInAs(v.core, v.dslId, DSL.passphrase);
    expect(first.integrity!.ok).toBe(false);
    await v.core.lock('manual');
    // The DSL's own checkpoint now covers the shortened log: the comparison no longer sees a cut
    // for the DSL's checkpoint, but the alarm found at the first sign-in has not gone anywhere.
    const second = await signInAs(v.core, v.dslId, DSL.passphrase);
    expect(second.integrity!.ok).toBe(true);
    const alarms = async () =>
      (await dashboard.getDashboard(v.core)).items.filter((i) => i.kind === 'integrity-alarm');
    const shown = await alarms();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.severity).toBe('urgent');
    expect(shown[0]!.detail).toMatch(/found \d+ problems?\./);
    expect(shown[0]!.detail).toContain('are missing');
    await v.core.lock('manual');

    // A senior leader cannot make it go away (they have no dashboard).
    await signInAs(v.core, v.sltId, PASSPHRASES.slt);
    await expect(
      acknowledgeIntegrityAlarm(v.core, shown[0]!.target.auditSeq!),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await v.core.lock('manual');
    await signInAs(v.core, v.deputyId, PASSPHRASES.deputy);
    const forDeputy = await alarms();
    expect(forDeputy.map((i) => i.key)).toEqual(shown.map((i) => i.key));
    // The deputy sees the alarm but cannot clear it: had they cut the log, they could otherwise
    // hide the alarm before the DSL saw it again.
    await expect(
      acknowledgeIntegrityAlarm(v.core, forDeputy[0]!.target.auditSeq!),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await v.core.lock('manual');
    await signInAs(v.core, v.dslId, DSL.passphrase);
    // Acknowledging something that is not an alarm, or the same alarm twice, is refused.
    await expect(acknowledgeIntegrityAlarm(v.core, 1)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const item of forDeputy) await acknowledgeIntegrityAlarm(v.core, item.target.auditSeq!);
    await expect(
      acknowledgeIntegrityAlarm(v.core, forDeputy[0]!.target.auditSeq!),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await alarms()).toEqual([]);
    const acks = await v.core.listAudit({ action: 'integrity-alarm-acknowledged' });
    expect(acks.map((a) => a.detail.auditSeq).sort()).toEqual(
      forDeputy.map((i) => i.target.auditSeq).sort(),
    );
    const signer = await v.core
      .requireDb()
      .get<{ signer_key_id: string }>(
        "SELECT signer_key_id FROM audit WHERE action = 'integrity-alarm-acknowledged' LIMIT 1",
      );
    expect(signer?.signer_key_id).toBe(v.core.currentSession()!.keyId);
  });

  it('an insider rewinds the audit trail (newest entries deleted, checkpoints in the vault moved back) → detected', async () => {
    const v = await school();
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await v.core.lock('manual');
    await signInAs(v.core, v.sltId, PASSPHRASES.slt);
    await v.core.lock('manual');
    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    const head = (await x.db.get<{ m: number }>('SELECT max(seq) AS m FROM audit'))!.m;
    const slSignIn = (await x.db.get<{ s: number }>(
      "SELECT min(seq) AS s FROM audit WHERE action = 'sign-in' AND actor_id = ?",
      [v.sltId],
    ))!.s;
    await dropTrigger(x.db, 'audit_no_delete', 'log_checkpoints_no_delete');
    await x.db.run('DELETE FROM audit WHERE seq >= ?', [slSignIn]);
    await x.db.run("DELETE FROM log_checkpoints WHERE json_extract(body, '$.audit.seq') >= ?", [
      slSignIn,
    ]);
    const last = (await x.db.get<{ hash: string }>('SELECT hash FROM audit WHERE seq = ?', [
      slSignIn - 1,
    ]))!.hash;
    await x.db.run('UPDATE integrity_checkpoint SET audit_seq = ?, audit_hash = ?', [
      slSignIn - 1,
      last,
    ]);
    await x.close();
    void opened;

    const s = await signInAs(v.core, v.dslId, DSL.passphrase);
    expect(s.integrity!.ok).toBe(false);
    const p = s.integrity!.problems.find(
      (q) => q.problem === 'log-cut-short' && q.message.startsWith('The audit trail ends at'),
    );
    expect(p?.message).toContain('Sam Senior-Leader');
    expect(p?.message).toContain(`audit entries ${slSignIn}–`);
    expect(head).toBeGreaterThan(slSignIn);
  });

  it('an insider edits a checkpoint copy in the key-slot file → named as altered', async () => {
    const v = await school();
    await v.core.lock('manual');
    const file = readJson(`${v.dir}/keyslots.json`) as {
      slots: Array<{ accountId?: string; checkpoint?: { body: string; signature: string } }>;
    };
    const slot = file.slots.find((s) => s.accountId === v.dslId)!;
    slot.checkpoint!.body = slot.checkpoint!.body.replace(
      /"purpose":"lock"/,
      '"purpose":"sign-in"',
    );
    writeJson(`${v.dir}/keyslots.json`, file);
    const s = await signInAs(v.core, v.sltId, PASSPHRASES.slt);
    expect(s.integrity!.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          problem: 'checkpoint-invalid',
          message: expect.stringContaining('Quentin Marlowe-Dsl in the key-slot file'),
        }),
      ]),
    );
  });

  it('a clean vault passes every checkpoint at each sign-in, and each person keeps their latest copy', async () => {
    const v = await school();
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await addNotes(v.core, opened.caseId, 2);
    await v.core.lock('manual');
    for (const [id, pw] of [
      [v.sltId, PASSPHRASES.slt],
      [v.deputyId, PASSPHRASES.deputy],
      [v.dslId, DSL.passphrase],
    ] as const) {
      const s = await signInAs(v.core, id, pw);
      expect(s.integrity!.problems).toEqual([]);
      await v.core.lock('manual');
    }
    const file = readJson(`${v.dir}/keyslots.json`) as {
      slots: Array<{ type: string; checkpoint?: { body: string } }>;
    };
    for (const slot of file.slots.filter((s) => s.type === 'account'))
      expect(JSON.parse(slot.checkpoint!.body).records.seq).toBe(3);
  });
});

describe('vaults made before audit signing', () => {
  /** Turns a fresh vault back into what an earlier CaseSeal wrote: unsigned v1 audit entries. */
  async function downgrade(dir: string, dslId: string) {
    const x = await insider(dir, dslId, DSL.passphrase);
    const { auditHash } = await import('../../src/main/core/audit/auditLog');
    await dropTrigger(x.db, 'audit_no_update', 'audit_no_delete');
    const rows = await x.db.all<{
      seq: number;
      at: string;
      actor_id: string | null;
      action: string;
      case_id: string | null;
      record_id: string | null;
      detail: string;
    }>("SELECT * FROM audit WHERE action <> 'checkpoint' ORDER BY seq");
    await x.db.run('DELETE FROM audit');
    await x.db.exec(
      // A vault from before 0080 has none of the later migrations' tables or indexes either.
      'DROP INDEX audit_by_signer_key; DROP INDEX records_by_signer_key; DROP TABLE incident_categories; DROP TABLE log_checkpoints; DROP TABLE system_keys; DROP TABLE audit_signing; ALTER TABLE audit DROP COLUMN signer_key_id; ALTER TABLE audit DROP COLUMN signature;',
    );
    let prev: string | null = null;
    let seq = 0;
    for (const r of rows) {
      seq++;
      const hash = auditHash({
        seq,
        at: r.at,
        actorId: r.actor_id,
        action: r.action as never,
        caseId: r.case_id,
        recordId: r.record_id,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        prevHash: prev,
      });
      await x.db.run(
        'INSERT INTO audit (seq, at, actor_id, action, case_id, record_id, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)',
        [seq, r.at, r.actor_id, r.action, r.case_id, r.record_id, r.detail, prev, hash],
      );
      prev = hash;
    }
    await x.db.exec(
      `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
       CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
       DELETE FROM integrity_checkpoint; PRAGMA user_version = 70;`,
    );
    await x.close();
    const slots = readJson(`${dir}/keyslots.json`) as { slots: Array<{ checkpoint?: unknown }> };
    for (const s of slots.slots) delete s.checkpoint;
    writeJson(`${dir}/keyslots.json`, slots);
    return seq;
  }

  it('opens an existing vault and reports its old entries as made before audit signing, not as tampering', async () => {
    const v = await school();
    await cases.openCase(v.core, { details: caseDetails() });
    await v.core.lock('manual');
    const old = await downgrade(v.dir, v.dslId);
    const s = await signInAs(v.core, v.dslId, DSL.passphrase);
    expect(s.integrity!.problems).toEqual([]);
    const full = await v.core.checkWholeLog();
    expect(full.problems).toEqual([]);
    expect(full.auditUnsigned).toBe(old);
    const newest = await v.core
      .requireDb()
      .get<{ seq: number; signature: string | null }>(
        'SELECT seq, signature FROM audit ORDER BY seq DESC LIMIT 1',
      );
    expect(newest!.seq).toBeGreaterThan(old);
    expect(newest!.signature).toBeTruthy();
  });

  it('an insider strips the signature from a newer entry to pass it off as made before audit signing → detected', async () => {
    const v = await school();
    await cases.openCase(v.core, { details: caseDetails() });
    await v.core.lock('manual');
    const old = await downgrade(v.dir, v.dslId);
    await signInAs(v.core, v.dslId, DSL.passphrase);
    await v.core.lock('manual');
    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    // Re-write every entry after the old ones as unsigned v1 entries, re-linked.
    const { auditHash } = await import('../../src/main/core/audit/auditLog');
    await dropTrigger(x.db, 'audit_no_update');
    const rows = await x.db.all<{
      seq: number;
      at: string;
      actor_id: string | null;
      action: string;
      case_id: string | null;
      record_id: string | null;
      detail: string;
      prev_hash: string | null;
    }>('SELECT * FROM audit WHERE seq > ? ORDER BY seq', [old]);
    let prev = rows[0]!.prev_hash;
    for (const r of rows) {
      const hash = auditHash({
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        action: r.action as never,
        caseId: r.case_id,
        recordId: r.record_id,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        prevHash: prev,
      });
      await x.db.run(
        'UPDATE audit SET prev_hash = ?, hash = ?, signer_key_id = NULL, signature = NULL WHERE seq = ?',
        [prev, hash, r.seq],
      );
      prev = hash;
    }
    await x.close();
    const s = await signInAs(v.core, v.sltId, PASSPHRASES.slt);
    expect(s.integrity!.ok).toBe(false);
    expect(
      s.integrity!.problems.some((p) => p.problem === 'unsigned' || p.problem === 'chain-broken'),
    ).toBe(true);
    await v.core.lock('manual');
    await signInAs(v.core, v.dslId, DSL.passphrase);
    const full = await v.core.checkWholeLog();
    expect(full.problems.filter((p) => p.problem === 'unsigned').length).toBe(rows.length);
  });
});
