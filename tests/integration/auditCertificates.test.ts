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
import { caseDetails } from '../helpers/records';
import { appendForgedAudit, insider, relinkAuditWith } from '../helpers/insider';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

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
