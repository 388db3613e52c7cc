// The log's integrity check, one protection at a time, attacked by an insider with the real vault
// key and the DSL's real signing key ("Records are evidence", R8): stored columns edited behind the
// signed text, an unknown key, the checkpointed record re-signed or removed, the audit trail edited.
import { randomUUID, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { canonicalJson } from '../../src/shared/records/canonical';
import { recordSigningMessage, type Envelope } from '../../src/shared/records/envelope';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import { keyIdOf, signMessage } from '../../src/main/core/crypto/ed25519';
import { addAccount, DSL, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const v = await setUpVault();
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const a = await cases.openCase(v.core, { details: caseDetails() });
  const b = await cases.openCase(v.core, { details: caseDetails({ title: 'Second case' }) });
  const ids = [a.record.envelope.id, b.record.envelope.id];
  for (let i = 0; i < 3; i++)
    ids.push(
      (
        await cases.addRecord(v.core, {
          caseId: a.caseId,
          kind: 'note',
          body: noteBody({ subject: `Note ${i}` }),
        })
      ).record.envelope.id,
    );
  expect((await v.core.checkWholeLog()).ok).toBe(true);
  return { ...v, ids, caseA: a.caseId, caseB: b.caseId };
}

const db = (core: CaseSealCore) => core.requireDb();
const dropTriggers = (core: CaseSealCore, table: string) =>
  db(core).exec(`DROP TRIGGER ${table}_no_update; DROP TRIGGER ${table}_no_delete;`);

async function signInAgain(core: CaseSealCore, dslId: string) {
  await core.lock('manual');
  return core.signIn(dslId, DSL.passphrase);
}

describe('the stored columns must match what was signed (the app lists records by them)', () => {
  const edits: Array<[string, (w: Awaited<ReturnType<typeof world>>) => Promise<unknown>]> = [
    ['its id', () => Promise.resolve(randomUUID())],
    ['its case (moved to another case)', (w) => Promise.resolve(w.caseB)],
    ['its position in the case', () => Promise.resolve(42)],
    ['its kind', () => Promise.resolve('case-closed')],
    ['its signer (attributed to someone else)', (w) => addAccount(w.core, 'deputy', 'Dee Framed')],
    [
      'its key id',
      async (w) =>
        (
          await db(w.core).get<{ key_id: string }>(
            'SELECT key_id FROM account_keys WHERE account_id != ? LIMIT 1',
            [w.dslId],
          )
        )?.key_id,
    ],
  ];
  const column: Record<string, string> = {
    'its id': 'id',
    'its case (moved to another case)': 'case_id',
    'its position in the case': 'case_seq',
    'its kind': 'kind',
    'its signer (attributed to someone else)': 'signer_id',
    'its key id': 'key_id',
  };
  it.each(edits)('a record whose column for %s is edited is named', async (label, value) => {
    const w = await world();
    await addAccount(w.core, 'slt', 'Another Key');
    const v = await value(w);
    expect(v).toBeDefined();
    await dropTriggers(w.core, 'records');
    const seq = 3;
    const before = (await db(w.core).get<{ id: string }>('SELECT id FROM records WHERE seq = ?', [
      seq,
    ]))!.id;
    await db(w.core).run(`UPDATE records SET ${column[label]} = ? WHERE seq = ?`, [v, seq]);
    const r = await w.core.checkWholeLog();
    const hit = r.problems.find((p) => p.problem === 'columns-differ');
    expect(hit, label).toMatchObject({ recordId: before, seq });
    expect(hit!.message).toMatch(/no longer match what was signed/);
  });
});

describe('keys and the checkpoint', () => {
  it('a record signed with a key the vault does not know is named unknown-key (not "another account’s key")', async () => {
    const w = await world();
    const stranger = generateKeyPairSync('ed25519');
    const keyId = keyIdOf(stranger.publicKey);
    const tip = (await db(w.core).get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    const caseTip = (await db(w.core).get<{ case_seq: number; hash: string }>(
      'SELECT case_seq, hash FROM records WHERE case_id = ? ORDER BY case_seq DESC LIMIT 1',
      [w.caseA],
    ))!;
    const s = w.core.requireSession();
    const env: Envelope = {
      v: 1,
      id: randomUUID(),
      caseId: w.caseA,
      kind: 'note',
      seq: tip.seq + 1,
      prev: tip.hash,
      caseSeq: caseTip.case_seq + 1,
      casePrev: caseTip.hash,
      signedAt: new Date().toISOString(),
      signer: { ...w.core.signerOf(s), keyId },
      body: noteBody(),
    };
    const text = canonicalJson(env);
    const hash = sha256Hex(text);
    await db(w.core).run(
      `INSERT INTO records (seq, id, case_id, case_seq, kind, signer_id, key_id, signed_at, subject_id, envelope, hash, signature)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
      [
        env.seq,
        env.id,
        env.caseId,
        env.caseSeq,
        env.kind,
        env.signer.accountId,
        s.keyId, // the column must name a known key (foreign key); the signed text names the stranger's
        env.signedAt,
        null,
        text,
        hash,
        signMessage(stranger.privateKey, recordSigningMessage(hash)),
      ],
    );
    const r = await w.core.checkWholeLog();
    const named = r.problems.filter((p) => p.recordId === env.id);
    // The school key never certified that key either, so the certificate check names it too.
    expect(named.map((p) => p.problem).sort()).toEqual([
      'columns-differ',
      'uncertified-signer',
      'unknown-key',
    ]);
    expect(named.find((p) => p.problem === 'unknown-key')!.message).toMatch(
      /names a signing key that is not known/,
    );
    expect(r.problems.filter((p) => p.recordId !== env.id)).toEqual([]);
  });

  it('the newest record, already verified, re-signed with the DSL’s own key after an edit, is caught at the next sign-in by the checkpoint', async () => {
    const w = await world();
    const newest = (await db(w.core).get<{ seq: number; id: string; envelope: string }>(
      'SELECT seq, id, envelope FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    const env = JSON.parse(newest.envelope) as Envelope;
    env.body = { ...env.body, details: 'Rewritten after it was verified.' };
    const text = canonicalJson(env);
    const hash = sha256Hex(text);
    await dropTriggers(w.core, 'records');
    await db(w.core).run('UPDATE records SET envelope = ?, hash = ?, signature = ? WHERE seq = ?', [
      text,
      hash,
      signMessage(w.core.requireSession().privateKey, recordSigningMessage(hash)),
      newest.seq,
    ]);
    const s = await signInAgain(w.core, w.dslId);
    expect(s.integrity?.ok).toBe(false);
    expect(s.integrity?.problems).toEqual([
      expect.objectContaining({
        problem: 'content-changed',
        recordId: newest.id,
        message: `The record at log position ${newest.seq}, verified at an earlier sign-in, has been changed or removed since.`,
      }),
    ]);
  });

  it('the newest record, already verified, deleted, is caught at the next sign-in as missing', async () => {
    const w = await world();
    const newest = (await db(w.core).get<{ seq: number }>(
      'SELECT seq FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    await dropTriggers(w.core, 'records');
    await db(w.core).run('DELETE FROM records WHERE seq = ?', [newest.seq]);
    const s = await signInAgain(w.core, w.dslId);
    expect(s.integrity?.ok).toBe(false);
    expect(s.integrity?.problems[0]).toMatchObject({ problem: 'missing-record', seq: newest.seq });
    expect(s.integrity?.problems[0]!.recordId).toBeUndefined();
  });
});

describe('the audit trail', () => {
  it('an audit entry whose detail is edited is named as changed', async () => {
    const w = await world();
    await dropTriggers(w.core, 'audit');
    const target = (await db(w.core).get<{ seq: number }>(
      'SELECT seq FROM audit ORDER BY seq LIMIT 1 OFFSET 2',
    ))!.seq;
    await db(w.core).run(`UPDATE audit SET detail = '{"edited":true}' WHERE seq = ?`, [target]);
    const r = await w.core.checkWholeLog();
    expect(r.problems).toEqual([
      {
        problem: 'content-changed',
        seq: target,
        message: `Audit entry ${target} has been changed.`,
      },
    ]);
  });

  it('an audit entry deleted is named: the next entry follows a gap and no longer links', async () => {
    const w = await world();
    await dropTriggers(w.core, 'audit');
    const target = (await db(w.core).get<{ seq: number }>(
      'SELECT seq FROM audit ORDER BY seq LIMIT 1 OFFSET 2',
    ))!.seq;
    await db(w.core).run('DELETE FROM audit WHERE seq = ?', [target]);
    const r = await w.core.checkWholeLog();
    expect(r.problems).toEqual([
      {
        problem: 'missing-record',
        seq: target + 1,
        message: `Audit entry ${target + 1} follows missing entries.`,
      },
      {
        problem: 'chain-broken',
        seq: target + 1,
        message: `Audit entry ${target + 1} does not link to the entry before it.`,
      },
    ]);
  });
});
