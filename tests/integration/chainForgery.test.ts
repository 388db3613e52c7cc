// Forged records in a real vault (R8, "Records are evidence"): an insider who holds the DSL's real
// key files and passphrase signs records outside the app and inserts them with SQL. Each forgery
// breaks exactly ONE check — the vault-wide chain, the per-case chain, or the signer's key — so
// each check is proved on its own: none of these forgeries is caught by any other check.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { canonicalJson } from '../../src/shared/records/canonical';
import {
  RECORD_ENVELOPE_VERSION,
  recordSigningMessage,
  type Envelope,
} from '../../src/shared/records/envelope';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import { signMessage } from '../../src/main/core/crypto/ed25519';
import { addAccount, DSL, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Row {
  seq: number;
  id: string;
  case_id: string;
  case_seq: number;
  hash: string;
}

/** Two cases whose records interleave in the log: A1 B1 A2 B2 A3. */
async function world() {
  const v = await setUpVault();
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  const a = (await cases.openCase(v.core, { details: caseDetails() })).caseId;
  const b = (await cases.openCase(v.core, { details: caseDetails({ title: 'Second case' }) }))
    .caseId;
  const note = (caseId: string, subject: string) =>
    cases.addRecord(v.core, { caseId, kind: 'note', body: noteBody({ subject }) });
  await note(a, 'A2');
  await note(b, 'B2');
  await note(a, 'A3');
  const clean = await v.core.checkWholeLog();
  expect(clean.ok).toBe(true);
  return { ...v, a, b };
}

async function rows(core: CaseSealCore): Promise<Row[]> {
  return core
    .requireDb()
    .all<Row>('SELECT seq, id, case_id, case_seq, hash FROM records ORDER BY seq');
}

/**
 * Signs a note with the signed-in person's real key, exactly as the app would except for the
 * fields the forger chooses, and inserts it (INSERT is allowed: the log is append-only).
 */
async function forge(
  core: CaseSealCore,
  caseId: string,
  choose: (honest: Envelope) => Partial<Envelope>,
  storedSeq?: (env: Envelope) => number,
): Promise<string> {
  const all = await rows(core);
  const tip = all.at(-1)!;
  const inCase = all.filter((r) => r.case_id === caseId);
  const caseTip = inCase.at(-1);
  const s = core.requireSession();
  const honest: Envelope = {
    v: RECORD_ENVELOPE_VERSION,
    id: randomUUID(),
    caseId,
    kind: 'note',
    seq: tip.seq + 1,
    prev: tip.hash,
    caseSeq: (caseTip?.case_seq ?? 0) + 1,
    casePrev: caseTip?.hash ?? null,
    signedAt: new Date(Date.now() + 60_000).toISOString(),
    signer: core.signerOf(s),
    body: noteBody({ subject: 'Inserted later' }),
  };
  const env: Envelope = { ...honest, ...choose(honest) };
  const canonical = canonicalJson(env);
  const hash = sha256Hex(canonical);
  await core.requireDb().run(
    `INSERT INTO records (seq, id, case_id, case_seq, kind, signer_id, key_id, signed_at, subject_id, envelope, hash, signature)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      storedSeq ? storedSeq(env) : env.seq,
      env.id,
      env.caseId,
      env.caseSeq,
      env.kind,
      env.signer.accountId,
      env.signer.keyId,
      env.signedAt,
      null,
      canonical,
      hash,
      signMessage(s.privateKey, recordSigningMessage(hash)),
    ],
  );
  return env.id;
}

/** The whole-log check and the sign-in check must both name this record, and nothing else. */
async function expectCaught(
  v: { core: CaseSealCore; dslId: string },
  forgedId: string,
  problem: string,
) {
  const full = await v.core.checkWholeLog();
  expect(full.ok).toBe(false);
  expect(full.problems.map((p) => `${p.problem}:${p.recordId ?? ''}`)).toEqual([
    `${problem}:${forgedId}`,
  ]);
  await v.core.lock('manual');
  const s = await v.core.signIn(v.dslId, DSL.passphrase);
  expect(s.integrity?.ok).toBe(false);
  expect(s.integrity?.problems.map((p) => `${p.problem}:${p.recordId ?? ''}`)).toEqual([
    `${problem}:${forgedId}`,
  ]);
}

describe('the vault-wide chain, checked on its own', () => {
  it('a record signed onto a fork of the log (its prev is an older record, its case chain intact) is named as not linking', async () => {
    const v = await world();
    const first = (await rows(v.core))[0]!;
    const id = await forge(v.core, v.a, () => ({ prev: first.hash }));
    await expectCaught(v, id, 'chain-broken');
  });

  it('a record that leaves ONE log position empty (the hole where a record was removed), linked to the record before the hole, is named', async () => {
    const v = await world();
    const id = await forge(
      v.core,
      v.a,
      (h) => ({ seq: h.seq + 1 }),
      (env) => env.seq,
    );
    const full = await v.core.checkWholeLog();
    expect(full.ok).toBe(false);
    const missing = full.problems.filter((p) => p.problem === 'missing-record');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.seq).toBe(6);
    expect(missing[0]!.message).toBe('1 record(s) are missing from the log at positions 6–6.');
    // No other check objects: the per-case chain of A is intact.
    expect(full.problems.filter((p) => p.problem !== 'missing-record')).toEqual([]);
    expect(id).toBeTruthy();
  });
});

describe('the per-case chain, checked on its own', () => {
  it('a record that skips back over the case’s last record (its casePrev is the case’s first record; the log chain intact) is named', async () => {
    const v = await world();
    const firstOfA = (await rows(v.core)).find((r) => r.case_id === v.a && r.case_seq === 1)!;
    const id = await forge(v.core, v.a, () => ({ casePrev: firstOfA.hash }));
    await expectCaught(v, id, 'chain-broken');
  });

  it('a record that leaves ONE case position empty, linked to the case’s last record, is named as following a missing record', async () => {
    const v = await world();
    const id = await forge(v.core, v.a, (h) => ({ caseSeq: h.caseSeq + 1 }));
    await expectCaught(v, id, 'missing-record');
  });

  it('a record that claims a predecessor although it opens a new case is named', async () => {
    const v = await world();
    const lastOfA = (await rows(v.core)).filter((r) => r.case_id === v.a).at(-1)!;
    const newCase = randomUUID();
    await v.core
      .requireDb()
      .run(
        "INSERT INTO cases (id, ref, status, title, created_at, created_by, updated_at) VALUES (?, 'CS-FORGED', 'open', 'Forged', ?, ?, ?)",
        [newCase, new Date().toISOString(), v.dslId, new Date().toISOString()],
      );
    const id = await forge(v.core, newCase, () => ({ casePrev: lastOfA.hash }));
    await expectCaught(v, id, 'chain-broken');
  });
});

describe("the signer's key, checked on its own", () => {
  it("a record signed with the DSL's own valid key but attributed to another account is named", async () => {
    const v = await world();
    const staff = await addAccount(v.core, 'staff', 'Framed Colleague');
    const id = await forge(v.core, v.a, (h) => ({
      signer: { ...h.signer, accountId: staff, name: 'Framed Colleague', role: 'staff' },
    }));
    const full = await v.core.checkWholeLog();
    expect(full.ok).toBe(false);
    // The school key never certified that key for the framed colleague either.
    expect(full.problems.map((p) => `${p.problem}:${p.recordId}`).sort()).toEqual(
      [`key-not-signers:${id}`, `uncertified-signer:${id}`].sort(),
    );
    expect(full.problems.find((p) => p.problem === 'key-not-signers')!.message).toBe(
      `Record ${id} is signed with a key that belongs to another account.`,
    );
    await v.core.lock('manual');
    const s = await v.core.signIn(v.dslId, DSL.passphrase);
    expect(s.integrity?.problems.map((p) => `${p.problem}:${p.recordId}`).sort()).toEqual(
      [`key-not-signers:${id}`, `uncertified-signer:${id}`].sort(),
    );
  });
});
