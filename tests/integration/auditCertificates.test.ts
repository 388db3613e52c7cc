// Audit entries are checked against the school key's certificates, tried as an insider would: a
// key holder who inserts their own key for the DSL's account and re-signs a rewritten audit trail,
// or adds entries in the DSL's name; and a disabled deputy who kept their keys and writes entries
// after being disabled. Each must be named by the sign-in check and the full check.
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import * as cases from '../../src/main/core/cases/caseService';
import { keyIdOf } from '../../src/main/core/crypto/ed25519';
import { openVaultDb } from '../../src/main/db/open';
import { vaultPathsIn } from '../../src/main/core/vault/paths';
import { addAccount, DSL, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';
import {
  appendForgedAudit,
  dropTrigger,
  insider,
  readJson,
  relinkAuditWith,
  writeJson,
} from '../helpers/insider';
import { checkpointMessage } from '../../src/main/core/log/checkpoints';
import { signMessage } from '../../src/main/core/crypto/ed25519';
import { canonicalJson } from '../../src/shared/records/canonical';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function addNotesForTest(
  core: Awaited<ReturnType<typeof setUpVault>>['core'],
  caseId: string,
  n: number,
) {
  for (let i = 0; i < n; i++)
    await cases.addRecord(core, { caseId, kind: 'note', body: noteBody({ subject: `Note ${i}` }) });
}

async function school() {
  const v = await setUpVault();
  const deputyId = await addAccount(v.core, 'deputy', 'Dana Deputy-Insider');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  return { ...v, deputyId };
}

/** A fresh Ed25519 key pair the insider makes and inserts as if it were the DSL's. */
function forgedKey() {
  const k = generateKeyPairSync('ed25519');
  const pem = k.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: keyIdOf(pem), pem, privateKey: k.privateKey };
}

const auditNamed = (seq: number, why: string) =>
  expect.objectContaining({
    problem: 'uncertified-signer',
    seq,
    message: expect.stringMatching(new RegExp(`^Audit entry ${seq} \\(.*${why}`)),
  });

describe('audit entries against the certificates', () => {
  it("a deputy with the vault key inserts their own key for the DSL's account and re-signs a rewritten audit chain (the DSL's case views removed): the sign-in check and the full check name each re-signed entry", async () => {
    const v = await school();
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await cases.getCase(v.core, opened.caseId);
    await v.core.lock('manual');
    await v.core.signIn(v.deputyId, PASSPHRASES.deputy);
    await v.core.lock('manual');

    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    const forged = forgedKey();
    await x.db.run(
      'INSERT INTO account_keys (key_id, account_id, public_key, created_at) VALUES (?,?,?,?)',
      [forged.keyId, v.dslId, forged.pem, '2026-01-01T00:00:00.000Z'],
    );
    const viewed = (await x.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM audit WHERE action = 'case-viewed' AND actor_id = ?",
      [v.dslId],
    ))!.n;
    expect(viewed).toBeGreaterThan(0);
    await relinkAuditWith(
      x.db,
      (r) => !(r.action === 'case-viewed' && r.actor_id === v.dslId),
      (r) =>
        r.signer_key_id === x.system.keyId
          ? x.system
          : r.actor_id === v.dslId
            ? forged
            : r.actor_id === v.deputyId
              ? x
              : null,
    );
    // ... and moves the sign-in checkpoint to the rewritten head.
    await x.db.run(
      'UPDATE integrity_checkpoint SET audit_seq = (SELECT max(seq) FROM audit), audit_hash = (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1)',
    );
    const resigned = await x.db.all<{ seq: number }>(
      'SELECT seq FROM audit WHERE signer_key_id = ? ORDER BY seq',
      [forged.keyId],
    );
    expect(resigned.length).toBeGreaterThan(2);
    await x.close();

    const expected = resigned.map((r) => auditNamed(r.seq, 'never certified'));
    const s = await v.core.signIn(v.dslId, DSL.passphrase);
    expect(s.integrity!.ok).toBe(false);
    expect(s.integrity!.problems).toEqual(expect.arrayContaining(expected));
    expect(s.integrity!.problems[0]!.message).not.toBe('');
    const full = await v.core.checkWholeLog();
    expect(full.ok).toBe(false);
    expect(full.problems).toEqual(expect.arrayContaining(expected));
    // The alarm names the person in whose name the entries were forged.
    expect(
      full.problems.find((p) => p.seq === resigned[0]!.seq && p.problem === 'uncertified-signer')!
        .message,
    ).toContain(DSL.fullName);
  });

  it("a deputy with the vault key appends audit entries in the DSL's name (an export the DSL never made) signed with a key they inserted: the only alarm, at the next sign-in and in the full check, names them", async () => {
    const v = await school();
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await v.core.lock('manual');

    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    const forged = forgedKey();
    await x.db.run(
      'INSERT INTO account_keys (key_id, account_id, public_key, created_at) VALUES (?,?,?,?)',
      [forged.keyId, v.dslId, forged.pem, '2026-01-01T00:00:00.000Z'],
    );
    const at = new Date().toISOString();
    const seqs = [
      await appendForgedAudit(
        x.db,
        { at, actorId: v.dslId, action: 'case-viewed', caseId: opened.caseId },
        forged,
      ),
      await appendForgedAudit(
        x.db,
        { at, actorId: v.dslId, action: 'export', caseId: opened.caseId, detail: { cases: 1 } },
        forged,
      ),
    ];
    await x.close();

    // Nothing else is wrong: the chain links, the checkpoints are intact, the signatures verify.
    const s = await v.core.signIn(v.dslId, DSL.passphrase);
    expect(s.integrity!.ok).toBe(false);
    expect(s.integrity!.problems).toEqual(seqs.map((q) => auditNamed(q, 'never certified')));
    const full = await v.core.checkWholeLog();
    expect(full.ok).toBe(false);
    expect(full.problems).toEqual(seqs.map((q) => auditNamed(q, 'never certified')));
  });

  it('a deputy who kept their vault key and signing key writes audit entries in their own name after the DSL disabled them: named as signed by a disabled account', async () => {
    const v = await school();
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await v.core.lock('manual');
    // The deputy copies their keys out while they still hold them.
    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    const kept = { vaultKey: Buffer.from(x.vaultKey), keyId: x.keyId, privateKey: x.privateKey };
    await x.close();
    await v.core.signIn(v.dslId, DSL.passphrase);
    await v.core.disableAccount(v.deputyId);
    await v.core.lock('manual');

    const db = await openVaultDb(vaultPathsIn(v.dir).db, kept.vaultKey, {
      create: false,
      migrate: false,
    });
    const seq = await appendForgedAudit(
      db,
      {
        at: new Date(Date.now() + 1000).toISOString(),
        actorId: v.deputyId,
        action: 'case-viewed',
        caseId: opened.caseId,
      },
      kept,
    );
    await db.close();

    const s = await v.core.signIn(v.dslId, DSL.passphrase);
    expect(s.integrity!.ok).toBe(false);
    expect(s.integrity!.problems).toEqual([auditNamed(seq, 'disabled')]);
    const full = await v.core.checkWholeLog();
    expect(full.problems).toEqual([auditNamed(seq, 'disabled')]);
  });

  it('an honest history (accounts made, a role changed, an account disabled, checkpoints at every sign-in and lock) raises no certificate alarm for any audit entry', async () => {
    const v = await school();
    const sltId = await addAccount(v.core, 'slt', 'Sam Senior-Leader');
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await cases.getCase(v.core, opened.caseId);
    await v.core.lock('manual');
    await v.core.signIn(v.deputyId, PASSPHRASES.deputy);
    await cases.getCase(v.core, opened.caseId);
    await v.core.lock('manual');
    await v.core.signIn(v.dslId, DSL.passphrase);
    await v.core.changeRole({ accountId: v.deputyId, role: 'slt' });
    await v.core.disableAccount(sltId);
    await v.core.lock('manual');
    // The former deputy, now a senior leader, signs in and reads under their new certificate.
    await v.core.signIn(v.deputyId, PASSPHRASES.deputy);
    await cases.getCase(v.core, opened.caseId).catch(() => undefined);
    await v.core.lock('manual');
    const s = await v.core.signIn(v.dslId, DSL.passphrase);
    expect(s.integrity!.problems).toEqual([]);
    const full = await v.core.checkWholeLog();
    expect(full.problems).toEqual([]);
    expect(full.auditChecked).toBeGreaterThan(10);
  });
});

describe('checkpoints against the certificates', () => {
  it("a deputy cuts the newest 3 records and re-signs the DSL's checkpoint (in the vault and the key-slot file) with a key they inserted for the DSL's account: the sign-in check says the checkpoint's key was never certified", async () => {
    const v = await school();
    const opened = await cases.openCase(v.core, { details: caseDetails() });
    await addNotesForTest(v.core, opened.caseId, 5);
    await v.core.lock('manual');

    const x = await insider(v.dir, v.deputyId, PASSPHRASES.deputy);
    const forged = forgedKey();
    await x.db.run(
      'INSERT INTO account_keys (key_id, account_id, public_key, created_at) VALUES (?,?,?,?)',
      [forged.keyId, v.dslId, forged.pem, '2026-01-01T00:00:00.000Z'],
    );
    const head = (await x.db.get<{ m: number }>('SELECT max(seq) AS m FROM records'))!.m;
    await dropTrigger(x.db, 'records_no_delete');
    await x.db.run('DELETE FROM records WHERE seq > ?', [head - 3]);
    const rec = (await x.db.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    const aud = (await x.db.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
    ))!;
    const body = canonicalJson({
      v: 1,
      type: 'caseseal-checkpoint',
      vaultId: x.vaultId,
      accountId: v.dslId,
      keyId: forged.keyId,
      purpose: 'lock',
      at: new Date().toISOString(),
      records: { seq: rec.seq, hash: rec.hash },
      audit: { seq: aud.seq, hash: aud.hash },
    });
    const signature = signMessage(forged.privateKey, checkpointMessage(body));
    await x.db.run(
      'INSERT INTO log_checkpoints (account_id, key_id, body, signature) VALUES (?,?,?,?)',
      [v.dslId, forged.keyId, body, signature],
    );
    await x.close();
    const slotsPath = vaultPathsIn(v.dir).keySlots;
    const file = readJson(slotsPath) as { slots: Array<Record<string, unknown>> };
    for (const slot of file.slots)
      if (slot.accountId === v.dslId) slot.checkpoint = { body, signature };
    writeJson(slotsPath, file);

    const named = expect.arrayContaining([
      expect.objectContaining({
        problem: 'checkpoint-invalid',
        message: expect.stringMatching(
          new RegExp(
            `checkpoint of the log kept for ${DSL.fullName} in the vault .*never certified`,
          ),
        ),
      }),
      expect.objectContaining({
        problem: 'checkpoint-invalid',
        message: expect.stringMatching(
          new RegExp(
            `checkpoint of the log kept for ${DSL.fullName} in the key-slot file .*never certified`,
          ),
        ),
      }),
    ]);
    const s = await v.core.signIn(v.dslId, DSL.passphrase);
    expect(s.integrity!.ok).toBe(false);
    expect(s.integrity!.problems).toEqual(named);
    // The alarm is written to the audit trail (this sign-in's own checkpoint then supersedes).
    const alarm = await v.core.listAudit({ action: 'integrity-alarm' });
    expect(JSON.stringify(alarm[0]!.detail)).toContain('checkpoint-invalid');
  });
});
