// The log's integrity check and its checkpoints, attacked on a copy of one real vault (built once:
// tests/helpers/goldenBundle.ts; each test copies the closed vault file, so a test costs a file copy
// instead of a new vault). The insider opens the copy with SQL and the DSL's real vault key, drops
// the triggers that make the log append-only, and edits, deletes, reorders or re-signs; each test
// asserts the problem and the record or position the DSL is shown.
import { createPublicKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../src/main/db/open';
import type { Sqlite } from '../../../src/main/db/sqlite';
import { vaultPathsIn } from '../../../src/main/core/vault/paths';
import { accountSlots, readKeySlots, writeKeySlots } from '../../../src/main/core/vault/keySlots';
import {
  auditProblem,
  checkIntegrity,
  recordCheckpoint,
  type CheckOptions,
  type IntegrityReport,
} from '../../../src/main/core/log/integrity';
import { checkpointMessage, compareWithCheckpoints } from '../../../src/main/core/log/checkpoints';
import {
  checkAgainstCheckpoints,
  closeSessionLog,
  keepCheckpoint,
  openSessionLog,
} from '../../../src/main/core/log/sessionLog';
import {
  readSlotCheckpoints,
  writeSlotCheckpoint,
} from '../../../src/main/core/log/checkpointStore';
import { loadCertificateBook } from '../../../src/main/core/accounts/schoolKey';
import { auditKeyInfo } from '../../../src/main/core/audit/auditKeys';
import { listAuditKeys } from '../../../src/main/db/repositories/auditSigning';
import { canonicalJson } from '../../../src/shared/records/canonical';
import { recordSigningMessage, type Envelope } from '../../../src/shared/records/envelope';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import { keyIdOf, signMessage } from '../../../src/main/core/crypto/ed25519';
import { appendAudit, auditFromRow, auditHash } from '../../../src/main/core/audit/auditLog';
import { appendRecord } from '../../../src/main/core/log/recordLog';
import { goldenBundle, goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';
import { noteBody } from '../../helpers/records';

const NOW = new Date('2026-11-24T09:00:00.000Z');
const APPEND_ONLY = [
  'records_no_update',
  'records_no_delete',
  'audit_no_update',
  'audit_no_delete',
];

interface Row {
  seq: number;
  id: string;
  case_id: string;
  case_seq: number;
  kind: string;
  envelope: string;
  hash: string;
  signature: string;
}

let schoolFingerprint: string;
beforeAll(async () => {
  const g = await goldenBundle();
  const certs = JSON.parse(g.files.get('certificates.json')!.toString('utf8')) as {
    schoolKey: { fingerprint: string };
  };
  schoolFingerprint = certs.schoolKey.fingerprint;
}, 10 * 60_000);

const open: Array<{ db: Sqlite; remove(): void }> = [];
afterEach(async () => {
  while (open.length) {
    const o = open.pop()!;
    await o.db.close();
    o.remove();
  }
});

/** A fresh copy of the golden vault, opened with SQL by an insider holding the vault key. */
async function vault(): Promise<
  GoldenBundle & { db: Sqlite; dir: string; rows(): Promise<Row[]> }
> {
  const v = await goldenVault();
  const db = await openVaultDb(vaultPathsIn(v.dir).db, v.vaultKey, {
    create: false,
    migrate: false,
  });
  open.push({ db, remove: v.remove });
  for (const t of APPEND_ONLY) await db.exec(`DROP TRIGGER IF EXISTS ${t}`);
  await db.exec('PRAGMA foreign_keys = OFF');
  return {
    ...v,
    db,
    rows: () => db.all<Row>('SELECT * FROM records ORDER BY seq'),
  };
}

async function full(db: Sqlite, extra: Partial<CheckOptions> = {}): Promise<IntegrityReport> {
  const t = await db.exclusive((c) => loadCertificateBook(c, schoolFingerprint));
  if (!t.ok) throw new Error(t.message);
  return checkIntegrity(db, {
    mode: 'full',
    now: NOW,
    trust: { book: t.book, problem: null },
    ...extra,
  });
}
/** A record re-signed by `key` after `change`, written back over the stored row. */
async function resign(
  db: Sqlite,
  row: Row,
  change: (e: Envelope) => Envelope,
  key: GoldenBundle['dslKey'],
): Promise<Envelope> {
  const env = change(JSON.parse(row.envelope) as Envelope);
  const canonical = canonicalJson(env);
  const hash = sha256Hex(canonical);
  await db.run('UPDATE records SET envelope = ?, hash = ?, signature = ? WHERE seq = ?', [
    canonical,
    hash,
    signMessage(key, recordSigningMessage(hash)),
    row.seq,
  ]);
  return env;
}

/** The DSL's key id, read from a record the DSL signed. */
async function dslKeyId(db: Sqlite): Promise<string> {
  const row = (await db.get<{ envelope: string }>('SELECT envelope FROM records WHERE seq = 2'))!;
  return (JSON.parse(row.envelope) as Envelope).signer.keyId;
}

/** A record written straight into the table, signed with `key` (the insider's forgery). */
async function insertSigned(
  db: Sqlite,
  env: Envelope,
  key: GoldenBundle['dslKey'],
  caseSeqColumn = env.caseSeq,
): Promise<string> {
  const canonical = canonicalJson(env);
  const hash = sha256Hex(canonical);
  await db.run(
    `INSERT INTO records (seq, id, case_id, case_seq, kind, signer_id, key_id, signed_at, subject_id, envelope, hash, signature)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      env.seq,
      env.id,
      env.caseId,
      caseSeqColumn,
      env.kind,
      env.signer.accountId,
      env.signer.keyId,
      env.signedAt,
      null,
      canonical,
      hash,
      signMessage(key, recordSigningMessage(hash)),
    ],
  );
  return hash;
}

/** A note appended the ordinary way, by the DSL. */
async function appendNote(v: GoldenBundle & { db: Sqlite }, caseId: string, at: Date) {
  const keyId = await dslKeyId(v.db);
  return v.db.transaction((c) =>
    appendRecord(c, {
      caseId,
      kind: 'note',
      body: noteBody({ subject: 'Added after the checkpoint' }),
      signer: { accountId: v.ids.dsl, name: 'Quentin Marlowe-Dsl', role: 'dsl', keyId },
      privateKey: v.dslKey,
      now: at,
    }),
  );
}

describe('the whole-log check', () => {
  it('the untouched vault is clean: every record and audit entry checked', async () => {
    const v = await vault();
    const rows = await v.rows();
    const progress: Array<[number, number]> = [];
    const r = await full(v.db, { onProgress: (a, b) => progress.push([a, b]) });
    expect(r).toMatchObject({ mode: 'full', ok: true, problems: [], checked: rows.length });
    expect(r.lastSeq).toBe(rows.at(-1)!.seq);
    expect(r.at).toBe(NOW.toISOString());
    expect(r.auditChecked).toBeGreaterThan(10);
    expect(r.auditUnsigned).toBe(0);
    expect(progress.at(-1)).toEqual([rows.length, rows.length]);
  });

  it('attack: a record’s stored text edited is named as changed since signed', async () => {
    const v = await vault();
    const row = (await v.rows())[5]!;
    await v.db.run('UPDATE records SET envelope = ? WHERE seq = ?', [
      row.envelope.replace('"kind":', '"kind" :'),
      row.seq,
    ]);
    const r = await full(v.db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ problem: 'content-changed', recordId: row.id, seq: row.seq }),
    );
  });

  it('attack: a record’s text made unreadable is named as not in its signed form', async () => {
    const v = await vault();
    const row = (await v.rows())[5]!;
    await v.db.run('UPDATE records SET envelope = ? WHERE seq = ?', ['{"broken":', row.seq]);
    const r = await full(v.db);
    expect(r.problems).toContainEqual({
      problem: 'bad-envelope',
      recordId: row.id,
      seq: row.seq,
      message: `Record ${row.id} is not stored in its signed form (bad-envelope).`,
    });
  });

  it('attack: a swapped signature is named as a bad signature on that record', async () => {
    const v = await vault();
    const rows = await v.rows();
    await v.db.run('UPDATE records SET signature = ? WHERE seq = ?', [
      rows[2]!.signature,
      rows[3]!.seq,
    ]);
    const r = await full(v.db);
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        problem: 'bad-signature',
        recordId: rows[3]!.id,
        seq: rows[3]!.seq,
      }),
    );
  });

  for (const [column, value] of [
    ['signed_at', '2026-11-22T08:00:00.000Z'],
    ['kind', 'note'],
    ['case_seq', 99],
    ['case_id', '00000000-0000-4000-8000-000000000000'],
    ['signer_id', '00000000-0000-4000-8000-000000000001'],
    ['key_id', 'f'.repeat(64)],
    ['id', '00000000-0000-4000-8000-000000000002'],
  ] as const) {
    it(`attack: the stored column ${column} changed beside the signed record is named`, async () => {
      const v = await vault();
      const row = (await v.rows()).find((x) => x.kind !== 'note' && x.kind !== 'sealed-concern')!;
      const env = JSON.parse(row.envelope) as Envelope;
      await v.db.run(`UPDATE records SET ${column} = ? WHERE seq = ?`, [value, row.seq]);
      const r = await full(v.db);
      expect(r.problems).toContainEqual({
        problem: 'columns-differ',
        recordId: env.id,
        caseId: env.caseId,
        seq: row.seq,
        message: `The stored details of record ${env.id} (${env.kind}) — time, signer, kind or case — no longer match what was signed.`,
      });
    });
  }

  it('attack: a record deleted from the middle of the log is named as missing in both chains', async () => {
    const v = await vault();
    const rows = await v.rows();
    const gone = rows[6]!;
    await v.db.run('DELETE FROM records WHERE seq = ?', [gone.seq]);
    const r = await full(v.db);
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        problem: 'missing-record',
        seq: gone.seq,
        message: `1 record(s) are missing from the log at positions ${gone.seq}–${gone.seq}.`,
      }),
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        problem: 'missing-record',
        caseId: gone.case_id,
        recordId: rows[7]!.id,
      }),
    );
  });

  it('attack: a record re-signed by the DSL with another previous hash (a fork) is named as not linking, in the log only', async () => {
    const v = await vault();
    const rows = await v.rows();
    const target = rows[8]!;
    await resign(v.db, target, (e) => ({ ...e, prev: rows[1]!.hash }), v.dslKey);
    const r = await full(v.db);
    const mine = r.problems.filter((p) => p.recordId === target.id);
    expect(mine.map((p) => p.problem)).toContain('chain-broken');
  });

  it('attack: a record re-signed by the DSL attributed to the senior leader is named as another account’s key', async () => {
    const v = await vault();
    const rows = await v.rows();
    const target = rows.find((x) => x.kind === 'note')!;
    const env = await resign(
      v.db,
      target,
      (e) => ({ ...e, signer: { ...e.signer, accountId: v.ids.slt, name: 'Barnaby Headworth' } }),
      v.dslKey,
    );
    await v.db.run('UPDATE records SET signer_id = ? WHERE seq = ?', [v.ids.slt, target.seq]);
    const r = await full(v.db);
    // the school key never certified the DSL's key for the senior leader either
    expect(r.problems).toContainEqual(
      expect.objectContaining({ problem: 'uncertified-signer', recordId: env.id, seq: target.seq }),
    );
    expect(r.problems).toContainEqual({
      problem: 'key-not-signers',
      recordId: env.id,
      caseId: env.caseId,
      seq: target.seq,
      message: `Record ${env.id} is signed with a key that belongs to another account.`,
    });
  });

  it('attack: an audit entry edited is named by its position', async () => {
    const v = await vault();
    const e = (await v.db.all<{ seq: number }>('SELECT seq FROM audit ORDER BY seq'))[4]!;
    await v.db.run(`UPDATE audit SET at = '2026-11-20T00:00:00.000Z' WHERE seq = ?`, [e.seq]);
    const r = await full(v.db);
    expect(r.problems).toContainEqual({
      problem: 'content-changed',
      seq: e.seq,
      message: `Audit entry ${e.seq} has been changed.`,
    });
  });

  it('attack: a vault whose school key was replaced reports why no signature can be trusted', async () => {
    const v = await vault();
    const why = 'The school key stored in the vault is not the one your key slot trusts.';
    const r = await checkIntegrity(v.db, {
      mode: 'full',
      now: NOW,
      trust: { book: null, problem: why },
    });
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual({ problem: 'uncertified-signer', message: why });
  });

  it('attack: a certificate edited in the vault is named as not signed by the school key', async () => {
    const v = await vault();
    await v.db.exec('DROP TRIGGER IF EXISTS certificates_no_update');
    const c = (await v.db.get<{ serial: string; body: string }>(
      'SELECT serial, body FROM certificates LIMIT 1',
    ))!;
    await v.db.run('UPDATE certificates SET body = ? WHERE serial = ?', [
      c.body.replace('"role":"', '"role" :"'),
      c.serial,
    ]);
    const r = await full(v.db);
    expect(r.problems.map((p) => p.problem)).toContain('uncertified-signer');
    expect(
      r.problems.some((p) =>
        /^Certificate .+ is not signed by the school key: someone has added or changed it\.$/.test(
          p.message,
        ),
      ),
    ).toBe(true);
  });

  it('an aborted check stops before reading and records nothing', async () => {
    const v = await vault();
    const r = await full(v.db, { signal: { aborted: true } });
    expect(r.checked).toBe(0);
  });

  it('the same problem found twice is reported once', async () => {
    const v = await vault();
    const rows = await v.rows();
    await v.db.run('UPDATE records SET signature = ? WHERE seq = ?', [
      rows[2]!.signature,
      rows[3]!.seq,
    ]);
    const r = await full(v.db);
    const keys = r.problems.map((p) => `${p.problem}|${p.recordId ?? ''}|${p.seq ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the whole-log check, more attacks', () => {
  it('attack: the key_id column beside a record pointed at another key is named as differing details only — the signature is still checked with the key it was signed with, so no false alarm about an unknown key', async () => {
    const v = await vault();
    const row = (await v.rows()).find((x) => x.kind !== 'note' && x.kind !== 'sealed-concern')!;
    await v.db.run('UPDATE records SET key_id = ? WHERE seq = ?', ['f'.repeat(64), row.seq]);
    const r = await full(v.db);
    expect(r.problems.map((p) => [p.problem, p.recordId])).toEqual([['columns-differ', row.id]]);
  });

  it('attack: a record’s text made unreadable is named exactly as the DSL sees it: not in its signed form, changed since signed, and the gap it leaves in its case — nothing blank besides', async () => {
    const v = await vault();
    const rows = await v.rows();
    const row = rows[5]!;
    await v.db.run('UPDATE records SET envelope = ? WHERE seq = ?', ['{"broken":', row.seq]);
    const r = await full(v.db);
    expect(r.problems.map((p) => [p.problem, p.recordId])).toEqual([
      ['bad-envelope', row.id],
      ['content-changed', row.id],
      [
        'missing-record',
        rows.find((x) => x.case_id === row.case_id && x.case_seq === row.case_seq + 1)!.id,
      ],
    ]);
  });

  it('attack: in a vault made before the school key (no certificates yet), a record re-signed by the DSL in the senior leader’s name is named as signed with another account’s key', async () => {
    const v = await vault();
    const target = (await v.rows()).find((x) => x.kind === 'note')!;
    const env = await resign(
      v.db,
      target,
      (e) => ({ ...e, signer: { ...e.signer, accountId: v.ids.slt, name: 'Barnaby Headworth' } }),
      v.dslKey,
    );
    await v.db.run('UPDATE records SET signer_id = ? WHERE seq = ?', [v.ids.slt, target.seq]);
    const r = await checkIntegrity(v.db, { mode: 'full', now: NOW });
    expect(r.problems).toContainEqual({
      problem: 'key-not-signers',
      recordId: env.id,
      caseId: env.caseId,
      seq: target.seq,
      message: `Record ${env.id} is signed with a key that belongs to another account.`,
    });
  });

  it('attack: two audit entries edited are both named, each by its own position (one is not hidden behind the other)', async () => {
    const v = await vault();
    await v.db.run(`UPDATE audit SET at = '2026-11-20T00:00:00.000Z' WHERE seq IN (4, 6)`);
    const r = await full(v.db);
    expect(r.problems).toContainEqual({
      problem: 'content-changed',
      seq: 4,
      message: 'Audit entry 4 has been changed.',
    });
    expect(r.problems).toContainEqual({
      problem: 'content-changed',
      seq: 6,
      message: 'Audit entry 6 has been changed.',
    });
  });

  it('attack: an audit entry added with the DSL’s key in the senior leader’s name is named as uncertified for that person', async () => {
    const v = await vault();
    const keyId = await dslKeyId(v.db);
    const e = await v.db.transaction((c) =>
      appendAudit(c, {
        at: NOW.toISOString(),
        actorId: v.ids.slt,
        action: 'log-seal',
        detail: {},
        signWith: { keyId, privateKey: v.dslKey },
      }),
    );
    const r = await full(v.db);
    expect(r.problems).toContainEqual({
      problem: 'uncertified-signer',
      seq: e.seq,
      message: `Audit entry ${e.seq} (log-seal, ${NOW.toISOString()}, in the name of Barnaby Headworth) is signed with a key the school key never certified for that person.`,
    });
  });

  it('attack: a record appended by the DSL that repeats a case position already taken (a fork in the case) is named as repeating it, in the full check and in a first sign-in check', async () => {
    const v = await vault();
    const rows = await v.rows();
    const tip = rows.at(-1)!;
    const caseRows = rows.filter((x) => x.case_id === v.caseId);
    const last = JSON.parse(caseRows.at(-1)!.envelope) as Envelope;
    const fork: Envelope = {
      ...last,
      id: randomUUID(),
      seq: tip.seq + 1,
      prev: tip.hash,
      signer: { ...last.signer, accountId: v.ids.dsl, keyId: await dslKeyId(v.db) },
      signedAt: NOW.toISOString(),
    };
    // The table refuses a second row at the same case position, so the column says another one;
    // the signed envelope (what the check trusts) repeats the position.
    await insertSigned(v.db, fork, v.dslKey, 9999);
    const t = await v.db.exclusive((c) => loadCertificateBook(c, schoolFingerprint));
    if (!t.ok) throw new Error(t.message);
    for (const mode of ['full', 'incremental'] as const) {
      const r = await checkIntegrity(v.db, {
        mode,
        now: NOW,
        trust: { book: t.book, problem: null },
      });
      expect(
        r.problems.filter((p) => p.problem === 'duplicate').map((p) => p.recordId),
        mode,
      ).toEqual([fork.id]);
    }
  });
});

describe('the incremental check from a checkpoint', () => {
  async function checkpointed() {
    const v = await vault();
    const clean = await full(v.db);
    expect(clean.ok).toBe(true);
    await v.db.exclusive((c) => recordCheckpoint(c, clean));
    return v;
  }
  const incremental = async (db: Sqlite) => {
    const t = await db.exclusive((c) => loadCertificateBook(c, schoolFingerprint));
    if (!t.ok) throw new Error(t.message);
    return checkIntegrity(db, {
      mode: 'incremental',
      now: NOW,
      trust: { book: t.book, problem: null },
    });
  };

  it('after a clean checkpoint nothing new is checked and all is well', async () => {
    const v = await checkpointed();
    const r = await incremental(v.db);
    expect(r).toMatchObject({ ok: true, checked: 0, problems: [] });
    expect(r.lastSeq).toBe((await v.rows()).at(-1)!.seq);
  });

  it('attack: a record before the checkpoint edited is not read at sign-in, but the full check (which ignores the checkpoint) names it', async () => {
    const v = await checkpointed();
    const rows = await v.rows();
    const early = rows[3]!;
    await v.db.run('UPDATE records SET envelope = ? WHERE seq = ?', [
      early.envelope.replace('"kind":', '"kind" :'),
      early.seq,
    ]);
    const f = await full(v.db);
    expect(f.checked).toBe(rows.length);
    expect(f.problems).toContainEqual(
      expect.objectContaining({ problem: 'content-changed', recordId: early.id }),
    );
  });

  it('the verified record edited (not re-signed) is named once, though both the checkpoint and the signature find it', async () => {
    const v = await checkpointed();
    const last = (await v.rows()).at(-1)!;
    await v.db.run('UPDATE records SET envelope = ? WHERE seq = ?', [
      last.envelope.replace('"kind":', '"kind" :'),
      last.seq,
    ]);
    const r = await incremental(v.db);
    expect(
      r.problems.filter((p) => p.problem === 'content-changed' && p.recordId === last.id),
    ).toHaveLength(1);
  });

  it('a report with problems is not saved as a checkpoint', async () => {
    const v = await vault();
    const bad = { ...(await full(v.db)), ok: false };
    await v.db.exclusive((c) => recordCheckpoint(c, bad));
    const r = await incremental(v.db);
    expect(r.checked).toBe((await v.rows()).length);
  });

  it('attack: the newest record, already verified, edited and re-signed by the DSL, is caught by the checkpoint', async () => {
    const v = await checkpointed();
    const last = (await v.rows()).at(-1)!;
    await resign(v.db, last, (e) => ({ ...e, signedAt: '2026-11-20T00:00:00.000Z' }), v.dslKey);
    const r = await incremental(v.db);
    expect(r.problems).toContainEqual({
      problem: 'content-changed',
      seq: last.seq,
      recordId: last.id,
      caseId: last.case_id,
      message: `The record at log position ${last.seq}, verified at an earlier sign-in, has been changed or removed since.`,
    });
  });

  it('attack: the verified record’s signature swapped (hash kept) is caught by the checkpoint', async () => {
    const v = await checkpointed();
    const rows = await v.rows();
    const last = rows.at(-1)!;
    await v.db.run('UPDATE records SET signature = ? WHERE seq = ?', [
      rows[0]!.signature,
      last.seq,
    ]);
    const r = await incremental(v.db);
    expect(r.problems.map((p) => [p.problem, p.seq])).toContainEqual(['content-changed', last.seq]);
  });

  it('attack: the newest record, already verified, deleted, is caught as missing', async () => {
    const v = await checkpointed();
    const last = (await v.rows()).at(-1)!;
    await v.db.run('DELETE FROM records WHERE seq = ?', [last.seq]);
    const r = await incremental(v.db);
    expect(r.problems).toContainEqual({
      problem: 'missing-record',
      seq: last.seq,
      message: `The record at log position ${last.seq}, verified at an earlier sign-in, has been changed or removed since.`,
    });
  });

  it('attack: a new record after the checkpoint that skips a case position, or links elsewhere, or claims a predecessor as first of a case, is named', async () => {
    const v = await checkpointed();
    const rows = await v.rows();
    const tip = rows.at(-1)!;
    const caseRows = rows.filter((x) => x.case_id === v.caseId);
    const base = JSON.parse(caseRows.at(-1)!.envelope) as Envelope;
    const insert = async (env: Envelope) => {
      const canonical = canonicalJson(env);
      const hash = sha256Hex(canonical);
      await v.db.run(
        `INSERT INTO records (seq, id, case_id, case_seq, kind, signer_id, key_id, signed_at, subject_id, envelope, hash, signature)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
        [
          env.seq,
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
          signMessage(v.dslKey, recordSigningMessage(hash)),
        ],
      );
      return hash;
    };
    const skip = {
      ...base,
      id: randomUUID(),
      seq: tip.seq + 1,
      prev: tip.hash,
      caseSeq: base.caseSeq + 2,
      casePrev: caseRows.at(-1)!.hash,
    };
    const h1 = await insert(skip);
    const wrongLink = {
      ...base,
      id: randomUUID(),
      seq: tip.seq + 2,
      prev: h1,
      caseSeq: base.caseSeq + 3,
      casePrev: caseRows[2]!.hash,
    };
    const h2 = await insert(wrongLink);
    const newCase = randomUUID();
    await v.db.run(
      "INSERT INTO cases (id, ref, status, title, created_at, created_by, updated_at) VALUES (?, 'CS-FORGED', 'open', 'Forged', ?, ?, ?)",
      [newCase, NOW.toISOString(), v.ids.dsl, NOW.toISOString()],
    );
    const first = {
      ...base,
      id: randomUUID(),
      caseId: newCase,
      seq: tip.seq + 3,
      prev: h2,
      caseSeq: 1,
      casePrev: h1,
    };
    await insert(first);
    const r = await incremental(v.db);
    expect(r.checked).toBe(3);
    expect(r.problems).toContainEqual({
      problem: 'missing-record',
      recordId: skip.id,
      caseId: v.caseId,
      message: `The record before ${skip.id} in its case is missing.`,
    });
    expect(r.problems).toContainEqual({
      problem: 'chain-broken',
      recordId: wrongLink.id,
      caseId: v.caseId,
      message: `Record ${wrongLink.id} does not link to the record before it in the case.`,
    });
    expect(r.problems).toContainEqual({
      problem: 'chain-broken',
      recordId: first.id,
      caseId: newCase,
      message: `Record ${first.id} claims a predecessor but is first in its case.`,
    });
  });
});

describe('the incremental check, more attacks', () => {
  const trust = async (db: Sqlite) => {
    const t = await db.exclusive((c) => loadCertificateBook(c, schoolFingerprint));
    if (!t.ok) throw new Error(t.message);
    return { book: t.book, problem: null };
  };
  const incremental = async (db: Sqlite) =>
    checkIntegrity(db, { mode: 'incremental', now: NOW, trust: await trust(db) });
  async function checkpointed() {
    const v = await vault();
    const clean = await full(v.db);
    expect(clean.ok).toBe(true);
    await v.db.exclusive((c) => recordCheckpoint(c, clean));
    return v;
  }

  it('records and audit entries written the ordinary way after the checkpoint (a note, a new case) are checked at sign-in and found clean', async () => {
    const v = await checkpointed();
    await appendNote(v, v.caseId, NOW);
    await appendNote(v, randomUUID(), NOW);
    const keyId = await dslKeyId(v.db);
    await v.db.transaction((c) =>
      appendAudit(c, {
        at: NOW.toISOString(),
        actorId: v.ids.dsl,
        action: 'log-seal',
        detail: {},
        signWith: { keyId, privateKey: v.dslKey },
      }),
    );
    const r = await incremental(v.db);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, checked: 2, auditChecked: 1 });
  });

  it('attack: a record with unreadable text appended after the checkpoint is named at sign-in, and the check still finishes', async () => {
    const v = await checkpointed();
    const tip = (await v.rows()).at(-1)!;
    const base = JSON.parse(tip.envelope) as Envelope;
    const env: Envelope = {
      ...base,
      id: randomUUID(),
      seq: tip.seq + 1,
      prev: tip.hash,
      caseId: randomUUID(),
      caseSeq: 1,
      casePrev: null,
    };
    await insertSigned(v.db, env, v.dslKey);
    await v.db.run('UPDATE records SET envelope = ? WHERE seq = ?', ['{"broken":', env.seq]);
    const r = await incremental(v.db);
    expect(r.checked).toBe(1);
    expect(r.problems).toContainEqual({
      problem: 'bad-envelope',
      recordId: env.id,
      seq: env.seq,
      message: `Record ${env.id} is not stored in its signed form (bad-envelope).`,
    });
  });

  it('attack: the hash stored beside the verified record replaced (its text and signature kept) is caught by the checkpoint', async () => {
    const v = await checkpointed();
    const last = (await v.rows()).at(-1)!;
    await v.db.run('UPDATE records SET hash = ? WHERE seq = ?', ['0'.repeat(64), last.seq]);
    const r = await incremental(v.db);
    expect(r.problems).toContainEqual({
      problem: 'content-changed',
      seq: last.seq,
      recordId: last.id,
      caseId: last.case_id,
      message: `The record at log position ${last.seq}, verified at an earlier sign-in, has been changed or removed since.`,
    });
  });

  it('attack: an older record (before the checkpoint, so not re-read at sign-in) rewritten by the DSL in the senior leader’s name is still named at sign-in', async () => {
    const v = await checkpointed();
    const target = (await v.rows()).find((x) => x.kind === 'note')!;
    const env = await resign(
      v.db,
      target,
      (e) => ({ ...e, signer: { ...e.signer, accountId: v.ids.slt, name: 'Barnaby Headworth' } }),
      v.dslKey,
    );
    await v.db.run('UPDATE records SET signer_id = ? WHERE seq = ?', [v.ids.slt, target.seq]);
    const r = await incremental(v.db);
    expect(r.checked).toBe(0);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ problem: 'uncertified-signer', recordId: env.id, seq: target.seq }),
    );
  });

  it('attack: at sign-in, a vault whose school key was replaced reports why no signature can be trusted (and the check does not fail)', async () => {
    const v = await checkpointed();
    const why = 'The school key stored in the vault is not the one your key slot trusts.';
    const r = await checkIntegrity(v.db, {
      mode: 'incremental',
      now: NOW,
      trust: { book: null, problem: why },
    });
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual({ problem: 'uncertified-signer', message: why });
  });

  it('a clean check of a vault with no records yet saves a checkpoint at position 0; when records then appear, the next sign-in checks every one and finds them clean', async () => {
    const v = await vault();
    const rows = await v.rows();
    const saved = await v.db.all<Record<string, unknown>>('SELECT * FROM records ORDER BY seq');
    await v.db.run('DELETE FROM records');
    const empty = await full(v.db);
    expect(empty).toMatchObject({ ok: true, checked: 0, lastSeq: 0 });
    await v.db.exclusive((c) => recordCheckpoint(c, empty));
    for (const r of saved) {
      const cols = Object.keys(r);
      await v.db.run(
        `INSERT INTO records (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        cols.map((k) => r[k]) as never,
      );
    }
    const r = await incremental(v.db);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, checked: rows.length, lastSeq: rows.at(-1)!.seq });
  });
});

describe('signed checkpoints', () => {
  async function setting() {
    const v = await vault();
    const keySlots = vaultPathsIn(v.dir).keySlots;
    const vaultId = readKeySlots(keySlots).vaultId;
    const dslKeyId = (JSON.parse((await v.rows())[1]!.envelope) as Envelope).signer.keyId;
    const signer = { accountId: v.ids.dsl, keyId: dslKeyId, privateKey: v.dslKey };
    await openSessionLog(v.db, {
      vaultKey: v.vaultKey,
      vaultId,
      session: signer,
      at: NOW.toISOString(),
    });
    const keep = (purpose: 'sign-in' | 'lock' = 'lock') =>
      keepCheckpoint(v.db, keySlots, { vaultId, signer, purpose, at: NOW.toISOString() });
    const check = () => checkAgainstCheckpoints(v.db, keySlots, vaultId);
    const compare = (
      slotCheckpoints: Parameters<typeof compareWithCheckpoints>[1]['slotCheckpoints'],
    ) =>
      v.db.exclusive(async (c) =>
        compareWithCheckpoints(c, {
          vaultId,
          keys: auditKeyInfo(await listAuditKeys(c)),
          slotCheckpoints,
        }),
      );
    const mine = () =>
      readSlotCheckpoints(keySlots).find((x) => x.accountId === v.ids.dsl)!.checkpoint;
    return { ...v, keySlots, vaultId, signer, keep, check, compare, mine };
  }
  afterEach(async () => {
    for (const o of open) await closeSessionLog(o.db);
  });

  it('the untouched vault matches every checkpoint its people signed, and a new one signed by the DSL', async () => {
    const s = await setting();
    expect(await s.check()).toEqual([]);
    await s.keep('sign-in');
    const body = JSON.parse(s.mine().body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'caseseal-checkpoint',
      accountId: s.ids.dsl,
      purpose: 'sign-in',
      vaultId: s.vaultId,
      at: NOW.toISOString(),
      records: { seq: (await s.rows()).at(-1)!.seq, hash: (await s.rows()).at(-1)!.hash },
    });
    expect(await s.check()).toEqual([]);
  });

  it('attack: the newest records deleted after a checkpoint are named as cut short', async () => {
    const s = await setting();
    await s.keep();
    const head = (await s.rows()).at(-1)!.seq;
    await s.db.run('DELETE FROM records WHERE seq >= ?', [head - 1]);
    const p = await s.check();
    expect(p).toContainEqual({
      problem: 'log-cut-short',
      seq: head - 1,
      message: `The case log ends at record ${head - 2}, but Quentin Marlowe-Dsl's checkpoint of ${NOW.toISOString()} (vault) covers records up to ${head}: records ${head - 1}–${head} are missing.`,
    });
  });

  it('attack: the newest audit entries deleted after a checkpoint are named as cut short', async () => {
    const s = await setting();
    await s.keep();
    const head = (await s.db.get<{ seq: number }>('SELECT max(seq) AS seq FROM audit'))!.seq;
    // the checkpoint's own announcement (the last entry) and the one before it
    await s.db.run('DELETE FROM audit WHERE seq >= ?', [head - 2]);
    const p = await s.check();
    expect(p.map((x) => x.problem)).toContain('log-cut-short');
    expect(
      p.some((x) => x.message.startsWith(`The audit trail ends at audit entry ${head - 3}, but `)),
    ).toBe(true);
  });

  it('attack: the record a checkpoint covers, rewritten and re-signed by the DSL, is named as chain broken', async () => {
    const s = await setting();
    await s.keep();
    const last = (await s.rows()).at(-1)!;
    await resign(s.db, last, (e) => ({ ...e, signedAt: '2026-11-20T00:00:00.000Z' }), s.dslKey);
    expect(await s.check()).toContainEqual({
      problem: 'chain-broken',
      seq: last.seq,
      message: `The record at position ${last.seq} is not the one Quentin Marlowe-Dsl's checkpoint of ${NOW.toISOString()} (vault) covers: the case log has been rewritten at or before that position.`,
    });
  });

  it('attack: a checkpoint in the key-slot file edited, copied to another person, or for another vault is named as altered', async () => {
    const s = await setting();
    await s.keep();
    const cp = s.mine();
    const body = JSON.parse(cp.body) as Record<string, unknown>;
    const variants = [
      {
        accountId: s.ids.dsl,
        checkpoint: {
          body: canonicalJson({ ...body, records: { seq: 1, hash: null } }),
          signature: cp.signature,
        },
      },
      { accountId: s.ids.slt, checkpoint: cp },
      {
        accountId: s.ids.dsl,
        checkpoint: {
          body: canonicalJson({ ...body, vaultId: 'elsewhere' }),
          signature: cp.signature,
        },
      },
      {
        accountId: s.ids.dsl,
        checkpoint: {
          body: canonicalJson({ ...body, keyId: 'e'.repeat(64) }),
          signature: cp.signature,
        },
      },
      { accountId: s.ids.dsl, checkpoint: { body: 'not json', signature: cp.signature } },
      {
        accountId: s.ids.dsl,
        checkpoint: { body: JSON.stringify(body, null, 1), signature: cp.signature },
      },
      {
        accountId: s.ids.dsl,
        checkpoint: { body: canonicalJson({ ...body, extra: 1 }), signature: cp.signature },
      },
    ];
    for (const c of variants)
      expect(
        (await s.compare([c])).map((x) => x.problem),
        c.checkpoint.body.slice(0, 60),
      ).toContain('checkpoint-invalid');
    writeSlotCheckpoint(s.keySlots, s.ids.dsl, variants[0]!.checkpoint);
    expect(await s.check()).toContainEqual({
      problem: 'checkpoint-invalid',
      message:
        'The checkpoint of the log kept for Quentin Marlowe-Dsl in the key-slot file has been altered: its signature does not verify.',
    });
    expect(
      await s.compare([{ accountId: '00000000-0000-4000-8000-00000000000c', checkpoint: cp }]),
    ).toContainEqual({
      problem: 'checkpoint-invalid',
      message:
        'The checkpoint of the log kept for an account that is not in the vault in the key-slot file has been altered: its signature does not verify.',
    });
  });

  it('attack: a checkpoint removed from the vault is still found in the key-slot file; removed from both, it is named as missing', async () => {
    const s = await setting();
    await s.keep();
    await s.db.exec('DROP TRIGGER IF EXISTS log_checkpoints_no_delete');
    await s.db.run('DELETE FROM log_checkpoints');
    expect(await s.check()).toEqual([]);
    const p = await s.compare([]);
    const missing = p.filter((x) => x.problem === 'checkpoint-missing');
    expect(missing.length).toBeGreaterThan(0);
    expect(
      missing.some((x) =>
        new RegExp(
          `^Quentin Marlowe-Dsl signed a checkpoint of the log at ${NOW.toISOString()} \\(audit entry ${x.seq}\\), but it is missing from both the vault and the key-slot file: someone has removed it\\.$`,
        ).test(x.message),
      ),
      JSON.stringify(missing),
    ).toBe(true);
  });
});

describe('signed checkpoints, more attacks', () => {
  async function setting() {
    const v = await vault();
    const keySlots = vaultPathsIn(v.dir).keySlots;
    const vaultId = readKeySlots(keySlots).vaultId;
    const signer = { accountId: v.ids.dsl, keyId: await dslKeyId(v.db), privateKey: v.dslKey };
    const sltKeyId = keyIdOf(
      createPublicKey(v.sltKey).export({ type: 'spki', format: 'pem' }).toString(),
    );
    const slt = { accountId: v.ids.slt, keyId: sltKeyId, privateKey: v.sltKey };
    const signIn = (session: typeof signer) =>
      openSessionLog(v.db, { vaultKey: v.vaultKey, vaultId, session, at: NOW.toISOString() });
    await signIn(signer);
    const keep = (who = signer) =>
      keepCheckpoint(v.db, keySlots, {
        vaultId,
        signer: who,
        purpose: 'lock',
        at: NOW.toISOString(),
      });
    const check = () => checkAgainstCheckpoints(v.db, keySlots, vaultId);
    const compare = (
      slotCheckpoints: Parameters<typeof compareWithCheckpoints>[1]['slotCheckpoints'],
    ) =>
      v.db.exclusive(async (c) =>
        compareWithCheckpoints(c, {
          vaultId,
          keys: auditKeyInfo(await listAuditKeys(c)),
          slotCheckpoints,
        }),
      );
    const mine = () =>
      readSlotCheckpoints(keySlots).find((x) => x.accountId === v.ids.dsl)!.checkpoint;
    /** The checkpoint body as the DSL would sign it, changed by `change`, signed with `key`. */
    const forge = (change: Record<string, unknown>, key = v.dslKey) => {
      const body = canonicalJson({ ...(JSON.parse(mine().body) as object), ...change });
      return { body, signature: signMessage(key, checkpointMessage(body)) };
    };
    /** Removes every checkpoint of `accountId` from the vault and from its key slot. */
    const removeEverywhere = async (accountId: string) => {
      await v.db.exec('DROP TRIGGER IF EXISTS log_checkpoints_no_delete');
      await v.db.run('DELETE FROM log_checkpoints WHERE account_id = ?', [accountId]);
      const file = readKeySlots(keySlots);
      delete accountSlots(file).find((x) => x.accountId === accountId)!.checkpoint;
      writeKeySlots(keySlots, file);
    };
    const lastAnnouncement = async (accountId: string) =>
      (await v.db.get<{ seq: number }>(
        "SELECT max(seq) AS seq FROM audit WHERE action = 'checkpoint' AND actor_id = ?",
        [accountId],
      ))!.seq;
    return {
      ...v,
      keySlots,
      vaultId,
      signer,
      slt,
      signIn,
      keep,
      check,
      compare,
      mine,
      forge,
      removeEverywhere,
      lastAnnouncement,
    };
  }
  afterEach(async () => {
    for (const o of open) await closeSessionLog(o.db);
  });
  const missingMessage = (seq: number) =>
    `Quentin Marlowe-Dsl signed a checkpoint of the log at ${NOW.toISOString()} (audit entry ${seq}), but it is missing from both the vault and the key-slot file: someone has removed it.`;

  it('after sign-in the DSL’s own audit entries are signed with the DSL’s key; after lock the connection signs nothing more in their name', async () => {
    const s = await setting();
    await s.keep();
    const e = (await s.db.get<{ signer_key_id: string }>(
      "SELECT signer_key_id FROM audit WHERE action = 'checkpoint' ORDER BY seq DESC LIMIT 1",
    ))!;
    expect(e.signer_key_id).toBe(s.signer.keyId);
    await closeSessionLog(s.db);
    await expect(s.keep()).rejects.toThrow(
      'no audit signer is bound to this vault connection: the entry cannot be signed',
    );
  });

  it('attack: the system key’s public half deleted from the vault is recorded again at the next sign-in, so the entries it signed still verify', async () => {
    const s = await setting();
    await s.db.exec('DROP TRIGGER IF EXISTS system_keys_no_delete');
    await s.db.run('DELETE FROM system_keys');
    await s.signIn(s.signer);
    const r = await full(s.db);
    expect(r.problems).toEqual([]);
  });

  it('attack: a checkpoint genuinely signed by the DSL but for another vault, put in the key-slot file, is named as altered', async () => {
    const s = await setting();
    await s.keep();
    const p = await s.compare([
      { accountId: s.ids.dsl, checkpoint: s.forge({ vaultId: 'another-vault' }) },
    ]);
    expect(p).toContainEqual({
      problem: 'checkpoint-invalid',
      message:
        'The checkpoint of the log kept for Quentin Marlowe-Dsl in the key-slot file has been altered: its signature does not verify.',
    });
  });

  it('attack: the DSL signing a checkpoint in the senior leader’s name (with the DSL’s own key) is named as altered', async () => {
    const s = await setting();
    await s.keep();
    const p = await s.compare([
      { accountId: s.ids.slt, checkpoint: s.forge({ accountId: s.ids.slt }) },
    ]);
    expect(p).toContainEqual({
      problem: 'checkpoint-invalid',
      message:
        'The checkpoint of the log kept for Barnaby Headworth in the key-slot file has been altered: its signature does not verify.',
    });
  });

  it('attack: a checkpoint signed by the DSL whose text says the record head twice (one value for a reader, another kept by the parser) is named as altered', async () => {
    const s = await setting();
    await s.keep();
    const honest = s.mine().body;
    const twice = honest.replace('{', '{"records":{"hash":null,"seq":0},');
    expect(JSON.parse(twice)).toEqual(JSON.parse(honest));
    const p = await s.compare([
      {
        accountId: s.ids.dsl,
        checkpoint: { body: twice, signature: signMessage(s.dslKey, checkpointMessage(twice)) },
      },
    ]);
    expect(p.map((x) => x.problem)).toEqual(['checkpoint-invalid']);
  });

  it('a checkpoint signed when the case log and audit trail were still empty raises no alarm', async () => {
    const s = await setting();
    await s.keep();
    const p = await s.compare([
      {
        accountId: s.ids.dsl,
        checkpoint: s.forge({ records: { seq: 0, hash: null }, audit: { seq: 0, hash: null } }),
      },
    ]);
    expect(p).toEqual([]);
  });

  it('attack: the DSL’s newest checkpoint removed from the vault and the key-slot copy wound back to an older one is named as missing', async () => {
    const s = await setting();
    await s.keep();
    const older = s.mine();
    await s.db.transaction((c) =>
      appendAudit(c, { at: NOW.toISOString(), actorId: s.ids.dsl, action: 'log-seal', detail: {} }),
    );
    await s.keep();
    const newest = await s.lastAnnouncement(s.ids.dsl);
    await s.removeEverywhere(s.ids.dsl);
    writeSlotCheckpoint(s.keySlots, s.ids.dsl, older);
    expect(await s.check()).toContainEqual({
      problem: 'checkpoint-missing',
      seq: newest,
      message: missingMessage(newest),
    });
  });

  it('attack: the DSL’s checkpoint removed from both places is not covered by the senior leader’s later one', async () => {
    const s = await setting();
    await s.keep();
    const dsl = await s.lastAnnouncement(s.ids.dsl);
    await s.signIn(s.slt);
    await s.keep(s.slt);
    await s.removeEverywhere(s.ids.dsl);
    expect(await s.check()).toContainEqual({
      problem: 'checkpoint-missing',
      seq: dsl,
      message: missingMessage(dsl),
    });
  });

  it('attack: records cut short after a checkpoint that was then removed from both places are still named, from its announcement in the audit trail', async () => {
    const s = await setting();
    await s.keep();
    const at = await s.lastAnnouncement(s.ids.dsl);
    const head = (await s.rows()).at(-1)!.seq;
    await s.removeEverywhere(s.ids.dsl);
    await s.db.run('DELETE FROM records WHERE seq >= ?', [head - 1]);
    expect(await s.check()).toContainEqual({
      problem: 'log-cut-short',
      seq: head - 1,
      message: `The case log ends at record ${head - 2}, but Quentin Marlowe-Dsl's checkpoint of ${NOW.toISOString()} (audit entry ${at}) covers records up to ${head}: records ${head - 1}–${head} are missing.`,
    });
  });

  it('attack: the audit trail cut short after a checkpoint is named in full: where it ends, whose checkpoint, and which entries are missing', async () => {
    const s = await setting();
    await s.keep();
    const covered = (JSON.parse(s.mine().body) as { audit: { seq: number } }).audit.seq;
    await s.db.run('DELETE FROM audit WHERE seq >= ?', [covered - 1]);
    expect(await s.check()).toContainEqual({
      problem: 'log-cut-short',
      seq: covered - 1,
      message: `The audit trail ends at audit entry ${covered - 2}, but Quentin Marlowe-Dsl's checkpoint of ${NOW.toISOString()} (vault) covers audit entries up to ${covered}: audit entries ${covered - 1}–${covered} are missing.`,
    });
  });

  it('attack: the record a checkpoint covers deleted while later records remain is named as missing at that position', async () => {
    const s = await setting();
    await s.keep();
    const covered = (await s.rows()).at(-1)!.seq;
    await appendNote(s, s.caseId, NOW);
    await s.db.run('DELETE FROM records WHERE seq = ?', [covered]);
    expect(await s.check()).toContainEqual({
      problem: 'log-cut-short',
      seq: covered,
      message: `The record at position ${covered} is not the one Quentin Marlowe-Dsl's checkpoint of ${NOW.toISOString()} (vault) covers: the case log has been rewritten at or before that position.`,
    });
  });

  it('attack: the audit entry a checkpoint covers, rewritten and re-hashed, is named as the audit trail rewritten', async () => {
    const s = await setting();
    await s.keep();
    const covered = (JSON.parse(s.mine().body) as { audit: { seq: number } }).audit.seq;
    const row = (await s.db.get<Parameters<typeof auditFromRow>[0]>(
      'SELECT * FROM audit WHERE seq = ?',
      [covered],
    ))!;
    const e = { ...auditFromRow(row), at: '2026-11-20T00:00:00.000Z' };
    await s.db.run('UPDATE audit SET at = ?, hash = ? WHERE seq = ?', [
      e.at,
      auditHash(e),
      covered,
    ]);
    expect(await s.check()).toContainEqual({
      problem: 'chain-broken',
      seq: covered,
      message: `The audit entry at position ${covered} is not the one Quentin Marlowe-Dsl's checkpoint of ${NOW.toISOString()} (vault) covers: the audit trail has been rewritten at or before that position.`,
    });
  });

  for (const [what, detail] of [
    ['emptied', '{}'],
    ['made unreadable', 'not json'],
  ] as const) {
    it(`attack: a checkpoint’s announcement in the audit trail ${what} does not stop the sign-in check, and the DSL’s kept checkpoint still counts`, async () => {
      const s = await setting();
      await s.keep();
      const at = await s.lastAnnouncement(s.ids.dsl);
      await s.db.run('UPDATE audit SET detail = ? WHERE seq = ?', [detail, at]);
      expect(await s.check()).toEqual([]);
    });
  }

  it('the same alarm is said once: two altered checkpoints of accounts that are not in the vault', async () => {
    const s = await setting();
    await s.keep();
    const cp = s.mine();
    const p = await s.compare([
      { accountId: '00000000-0000-4000-8000-00000000000c', checkpoint: cp },
      { accountId: '00000000-0000-4000-8000-00000000000d', checkpoint: cp },
    ]);
    expect(p).toEqual([
      {
        problem: 'checkpoint-invalid',
        message:
          'The checkpoint of the log kept for an account that is not in the vault in the key-slot file has been altered: its signature does not verify.',
      },
    ]);
  });

  it('a checkpoint for an account with no key slot (disabled meanwhile) leaves the key-slot file exactly as it was', async () => {
    const s = await setting();
    await s.keep();
    const before = readFileSync(s.keySlots);
    writeSlotCheckpoint(s.keySlots, '00000000-0000-4000-8000-00000000000e', s.mine());
    expect(readFileSync(s.keySlots).equals(before)).toBe(true);
  });
});

describe('audit problems in words', () => {
  it('each kind of audit break is told in plain words with its position', () => {
    expect(auditProblem({ seq: 7, problem: 'gap' })).toEqual({
      problem: 'missing-record',
      seq: 7,
      message: 'Audit entry 7 follows missing entries.',
    });
    expect(auditProblem({ seq: 8, problem: 'link' }).message).toBe(
      'Audit entry 8 does not link to the entry before it.',
    );
    expect(auditProblem({ seq: 9, problem: 'unsigned' })).toMatchObject({
      problem: 'unsigned',
      message: 'Audit entry 9 has no signature, but it was written after audit signing began.',
    });
    expect(auditProblem({ seq: 10, problem: 'wrong-signer' })).toMatchObject({
      problem: 'wrong-signer',
      message:
        'Audit entry 10 is signed with a key that is not the key of the person it names as acting.',
    });
    expect(auditProblem({ seq: 11, problem: 'unknown-key' }).message).toBe(
      'Audit entry 11 is signed with a key that is not known.',
    );
    expect(auditProblem({ seq: 12, problem: 'bad-signature' }).problem).toBe('bad-signature');
  });
});
