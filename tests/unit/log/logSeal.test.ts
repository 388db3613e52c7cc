// The log seal against a copy of one real vault (built once: tests/helpers/goldenBundle.ts): the
// seal's short form typed back from paper, and what the check tells the DSL when someone holding
// every key rolls the vault back, cuts it short or rewrites a chain.
import { createPublicKey, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../src/main/db/open';
import type { Sqlite } from '../../../src/main/db/sqlite';
import { vaultPathsIn } from '../../../src/main/core/vault/paths';
import {
  checkAgainstSeal,
  LOG_SEAL_SIGNATURE_PREFIX,
  makeLogSeal,
  parseSealShortForm,
  sealShortForm,
  type TypedSeal,
} from '../../../src/main/core/log/logSeal';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import { auditFromRow, auditHash } from '../../../src/main/core/audit/auditLog';
import { goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';

const NOW = '2026-11-24T09:00:00.000Z';
const open: Array<{ db: Sqlite; remove(): void }> = [];
afterEach(async () => {
  while (open.length) {
    const o = open.pop()!;
    await o.db.close();
    o.remove();
  }
});

async function vault(): Promise<GoldenBundle & { db: Sqlite }> {
  const v = await goldenVault();
  const db = await openVaultDb(vaultPathsIn(v.dir).db, v.vaultKey, {
    create: false,
    migrate: false,
  });
  open.push({ db, remove: v.remove });
  for (const t of ['records_no_update', 'records_no_delete', 'audit_no_update', 'audit_no_delete'])
    await db.exec(`DROP TRIGGER IF EXISTS ${t}`);
  return { ...v, db };
}

async function sealOf(v: GoldenBundle & { db: Sqlite }) {
  const keyId = (
    JSON.parse(
      (await v.db.get<{ envelope: string }>('SELECT envelope FROM records WHERE seq = 2'))!
        .envelope,
    ) as { signer: { keyId: string } }
  ).signer.keyId;
  return v.db.exclusive((c) =>
    makeLogSeal(c, {
      school: { name: 'Riverside Academy Zephyr', urn: '123456' },
      at: NOW,
      signer: { accountId: v.ids.dsl, name: 'Quentin Marlowe-Dsl', keyId, privateKey: v.dslKey },
      schoolKeyFingerprint: async () => 'a'.repeat(64),
    }),
  );
}
const typed = (s: { shortForm: string }): TypedSeal => parseSealShortForm(s.shortForm)!;

describe('the short form', () => {
  it('shows each chain’s position and the first 16 hex digits of its head, in groups of four', () => {
    expect(
      sealShortForm(
        { seq: 120, hash: '3fa29c0177de0b45' + '0'.repeat(48) },
        { seq: 0, hash: null },
      ),
    ).toBe('R 120 3FA2-9C01-77DE-0B45 / A 0 0000-0000-0000-0000');
  });

  it('is read back leniently (case, spaces, dashes, slashes) and refuses anything else', () => {
    const want = {
      records: { seq: 120, prefix: '3fa29c0177de0b45' },
      audit: { seq: 341, prefix: '1b2c000000000000' },
    };
    for (const t of [
      'R 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-0000-0000-0000',
      ' r120 3fa2 9c01 77de 0b45  a 341 1b2c0000 00000000 ',
      'R:120 3FA2/9C01/77DE/0B45 A:341 1B2C-0000-0000-0000',
    ])
      expect(parseSealShortForm(t), t).toEqual(want);
    for (const t of [
      '',
      'R 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-0000-0000-0000-0',
      'X 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-0000-0000-0000',
      'R 120 3FA2-9C01-77DE-0B45',
    ])
      expect(parseSealShortForm(t), t).toBeNull();
  });

  it('is read back when typed with no spaces at all, and a slip (a stray sign before it, a digit too many) is refused rather than read as another seal', () => {
    expect(parseSealShortForm('R1203FA29C0177DE0B45A3411B2C000000000000')).toEqual({
      records: { seq: 120, prefix: '3fa29c0177de0b45' },
      audit: { seq: 341, prefix: '1b2c000000000000' },
    });
    for (const t of [
      '7 R 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-0000-0000-0000',
      'AR 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-0000-0000-0000',
      'R 120 3FA2-9C01-77DE-0B451A 341 1B2C-0000-0000-0000',
      'R 120 3FA2-9C01-77DE-0B45 RA 341 1B2C-0000-0000-0000',
    ])
      expect(parseSealShortForm(t), t).toBeNull();
  });
});

describe('a seal made by the DSL', () => {
  it('covers both chain heads, names the signer and the school key, and its signature verifies', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const rec = (await v.db.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1',
    ))!;
    const aud = (await v.db.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
    ))!;
    expect(s.body).toMatchObject({
      v: 1,
      type: 'caseseal-log-seal',
      school: { name: 'Riverside Academy Zephyr', urn: '123456' },
      at: NOW,
      records: rec,
      audit: aud,
      schoolKeyFingerprint: 'a'.repeat(64),
      signer: { accountId: v.ids.dsl, name: 'Quentin Marlowe-Dsl' },
    });
    expect(s.shortForm).toBe(sealShortForm(rec, aud));
    const pub = createPublicKey(v.dslKey);
    expect(
      verify(
        null,
        Buffer.from(LOG_SEAL_SIGNATURE_PREFIX + sha256Hex(s.text)),
        pub,
        Buffer.from(s.signature, 'base64'),
      ),
    ).toBe(true);
    const check = await v.db.exclusive((c) => checkAgainstSeal(c, typed(s)));
    expect(check).toEqual({
      ok: true,
      findings: [],
      records: { matches: true, intact: true, brokenAt: null, head: rec.seq },
      audit: { matches: true, intact: true, brokenAt: null, head: aud.seq },
    });
  });

  it('an empty vault matches the all-zero seal', async () => {
    const v = await vault();
    await v.db.run('DELETE FROM records');
    await v.db.run('DELETE FROM audit');
    const c = await v.db.exclusive((x) =>
      checkAgainstSeal(x, parseSealShortForm('R 0 0000-0000-0000-0000 / A 0 0000-0000-0000-0000')!),
    );
    expect(c.ok).toBe(true);
    const c2 = await v.db.exclusive((x) =>
      checkAgainstSeal(x, parseSealShortForm('R 0 0000-0000-0000-0001 / A 0 0000-0000-0000-0000')!),
    );
    expect(c2.ok).toBe(false);
  });

  it('attack: the vault rolled back (newest records and audit entries deleted) is named as older than the seal', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const r = s.body.records.seq;
    const a = s.body.audit.seq;
    await v.db.run('DELETE FROM records WHERE seq > ?', [r - 2]);
    await v.db.run('DELETE FROM audit WHERE seq > ?', [a - 1]);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.ok).toBe(false);
    expect(c.findings).toEqual([
      `The case log ends at position ${r - 2}, but the seal covers records up to ${r}: records ${r - 1}–${r} are missing. The vault is older than the seal, or has been cut short.`,
      `The audit trail ends at position ${a - 1}, but the seal covers audit entries up to ${a}: audit entries ${a}–${a} are missing. The vault is older than the seal, or has been cut short.`,
    ]);
  });

  it('attack: the sealed head record replaced by one re-hashed (history rewritten) is named as not the sealed one, and the chain as broken there', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const r = s.body.records.seq;
    const row = (await v.db.get<{ envelope: string }>(
      'SELECT envelope FROM records WHERE seq = ?',
      [r],
    ))!;
    const edited = row.envelope.replace('"kind":', '"kind" :');
    await v.db.run('UPDATE records SET envelope = ?, hash = ? WHERE seq = ?', [
      edited,
      sha256Hex(edited),
      r,
    ]);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.records).toMatchObject({ matches: false, intact: true });
    expect(c.findings).toEqual([
      `The case log at position ${r} is not the one on the seal: the history up to that point has been replaced.`,
    ]);
  });

  it('attack: a record in the middle edited without re-hashing is named as broken at its position', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const row = (await v.db.get<{ envelope: string }>(
      'SELECT envelope FROM records WHERE seq = 5',
    ))!;
    await v.db.run('UPDATE records SET envelope = ? WHERE seq = 5', [
      row.envelope.replace('"kind":', '"kind" :'),
    ]);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.records).toMatchObject({ matches: true, intact: false, brokenAt: 5 });
    expect(c.findings).toEqual([
      'The case log is broken at position 5: an entry there no longer matches its hash or does not link to the one before it.',
    ]);
  });

  for (const [what, sql] of [
    ['a record removed from the middle', 'DELETE FROM records WHERE seq = 5'],
    [
      'a record’s text made unreadable and re-hashed',
      `UPDATE records SET envelope = '{', hash = '${sha256Hex('{')}' WHERE seq = 5`,
    ],
  ] as const) {
    it(`attack: ${what} is named as a break in the case log`, async () => {
      const v = await vault();
      const s = await sealOf(v);
      await v.db.run(sql);
      const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
      expect(c.records.intact).toBe(false);
      expect(c.records.brokenAt).toBeGreaterThanOrEqual(5);
      expect(c.records.brokenAt).toBeLessThanOrEqual(6);
    });
  }

  it('attack: a record re-linked to another predecessor and re-hashed (its own hash fits its text) is named as a break there', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const row = (await v.db.get<{ envelope: string }>(
      'SELECT envelope FROM records WHERE seq = 5',
    ))!;
    const env = JSON.parse(row.envelope) as { prev: string };
    const relinked = row.envelope.replace(`"prev":"${env.prev}"`, `"prev":"${'a'.repeat(64)}"`);
    expect(relinked).not.toBe(row.envelope);
    await v.db.run('UPDATE records SET envelope = ?, hash = ? WHERE seq = 5', [
      relinked,
      sha256Hex(relinked),
    ]);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.records).toMatchObject({ intact: false, brokenAt: 5 });
  });

  it('attack: a record whose signed position was changed and re-hashed is named as a break there', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const row = (await v.db.get<{ envelope: string }>(
      'SELECT envelope FROM records WHERE seq = 5',
    ))!;
    const moved = row.envelope.replace('"seq":5,', '"seq":50,');
    expect(moved).not.toBe(row.envelope);
    // the next record is re-linked to it too, so only the position itself is wrong
    const next = (await v.db.get<{ envelope: string }>(
      'SELECT envelope FROM records WHERE seq = 6',
    ))!;
    const oldHash = (await v.db.get<{ hash: string }>('SELECT hash FROM records WHERE seq = 5'))!
      .hash;
    const relinkedNext = next.envelope.replace(oldHash, sha256Hex(moved));
    await v.db.run('UPDATE records SET envelope = ?, hash = ? WHERE seq = 5', [
      moved,
      sha256Hex(moved),
    ]);
    await v.db.run('UPDATE records SET envelope = ?, hash = ? WHERE seq = 6', [
      relinkedNext,
      sha256Hex(relinkedNext),
    ]);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.records).toMatchObject({ intact: false, brokenAt: 5 });
  });

  it('attack: a record removed and the next one re-linked over the hole is named by the gap in positions', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const four = (await v.db.get<{ hash: string }>('SELECT hash FROM records WHERE seq = 4'))!.hash;
    const five = (await v.db.get<{ hash: string }>('SELECT hash FROM records WHERE seq = 5'))!.hash;
    const six = (await v.db.get<{ envelope: string }>(
      'SELECT envelope FROM records WHERE seq = 6',
    ))!;
    // "prev" exactly: the case chain's "casePrev" may hold the same hash and comes first
    const relinked = six.envelope.replace(`"prev":"${five}"`, `"prev":"${four}"`);
    expect(relinked).not.toBe(six.envelope);
    await v.db.run('DELETE FROM records WHERE seq = 5');
    await v.db.run('UPDATE records SET envelope = ?, hash = ? WHERE seq = 6', [
      relinked,
      sha256Hex(relinked),
    ]);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.records).toMatchObject({ intact: false, brokenAt: 6 });
  });

  it('attack: an audit entry edited is named as a break in the audit trail at its position', async () => {
    const v = await vault();
    const s = await sealOf(v);
    await v.db.run(`UPDATE audit SET at = '2026-11-20T00:00:00.000Z' WHERE seq = 7`);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.audit).toMatchObject({ matches: true, intact: false, brokenAt: 7 });
    expect(c.findings).toEqual([
      'The audit trail is broken at position 7: an entry there no longer matches its hash or does not link to the one before it.',
    ]);
  });

  it('attack: an audit entry removed from the middle is named as a break', async () => {
    const v = await vault();
    const s = await sealOf(v);
    await v.db.run('DELETE FROM audit WHERE seq = 7');
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.audit.brokenAt).toBe(8);
  });

  it('attack: a seal typed with another hash at the right position is named as replaced history', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const t = typed(s);
    const c = await v.db.exclusive((x) =>
      checkAgainstSeal(x, { ...t, audit: { ...t.audit, prefix: 'ffffffffffffffff' } }),
    );
    expect(c.findings).toEqual([
      `The audit trail at position ${t.audit.seq} is not the one on the seal: the history up to that point has been replaced.`,
    ]);
  });

  it('an older seal (made when the log was shorter) still checks clean after more records and audit entries were added', async () => {
    const v = await vault();
    const rec = (await v.db.get<{ hash: string }>('SELECT hash FROM records WHERE seq = 5'))!;
    const aud = (await v.db.get<{ hash: string }>('SELECT hash FROM audit WHERE seq = 9'))!;
    const older = sealShortForm({ seq: 5, hash: rec.hash }, { seq: 9, hash: aud.hash });
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, parseSealShortForm(older)!));
    expect(c).toMatchObject({ ok: true, findings: [] });
    expect(c.records.head).toBeGreaterThan(5);
    expect(c.audit.head).toBeGreaterThan(9);
  });

  it('attack: the record an older seal covers, deleted from the middle of the log, is named as replaced history and as a break', async () => {
    const v = await vault();
    const rec = (await v.db.get<{ hash: string }>('SELECT hash FROM records WHERE seq = 5'))!;
    const aud = (await v.db.get<{ hash: string }>('SELECT hash FROM audit WHERE seq = 9'))!;
    const older = parseSealShortForm(
      sealShortForm({ seq: 5, hash: rec.hash }, { seq: 9, hash: aud.hash }),
    )!;
    await v.db.run('DELETE FROM records WHERE seq = 5');
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, older));
    expect(c.findings).toEqual([
      'The case log at position 5 is not the one on the seal: the history up to that point has been replaced.',
      'The case log is broken at position 6: an entry there no longer matches its hash or does not link to the one before it.',
    ]);
  });

  it('attack: a seal typed as if the vault had been empty (position 0) but with a non-zero hash is not accepted for a vault that has history', async () => {
    const v = await vault();
    const s = await sealOf(v);
    const t = typed(s);
    for (const prefix of ['1000000000000000', '0000000000000001']) {
      const r = await v.db.exclusive((x) =>
        checkAgainstSeal(x, { ...t, records: { seq: 0, prefix } }),
      );
      expect(r.findings, prefix).toEqual([
        'The case log at position 0 is not the one on the seal: the history up to that point has been replaced.',
      ]);
      const a = await v.db.exclusive((x) =>
        checkAgainstSeal(x, { ...t, audit: { seq: 0, prefix } }),
      );
      expect(a.findings, prefix).toEqual([
        'The audit trail at position 0 is not the one on the seal: the history up to that point has been replaced.',
      ]);
    }
    const zero = await v.db.exclusive((x) =>
      checkAgainstSeal(x, {
        records: { seq: 0, prefix: '0'.repeat(16) },
        audit: { seq: 0, prefix: '0'.repeat(16) },
      }),
    );
    expect(zero.ok).toBe(true);
  });

  /** The insider holding the vault key rewrites audit entry `seq` with `edit`, then re-links and
   *  re-hashes every entry after it so that only the edited place can give it away. */
  async function rewriteAudit(
    db: Sqlite,
    seq: number,
    edit: (e: ReturnType<typeof auditFromRow>) => ReturnType<typeof auditFromRow> | null,
  ) {
    const rows = await db.all<Parameters<typeof auditFromRow>[0]>(
      'SELECT * FROM audit WHERE seq >= ? ORDER BY seq',
      [seq],
    );
    let prev: string | null = null;
    for (const [i, row] of rows.entries()) {
      let e = auditFromRow(row);
      if (i === 0) {
        const edited = edit(e);
        await db.run('DELETE FROM audit WHERE seq = ?', [e.seq]);
        if (!edited) {
          prev = e.prevHash;
          continue;
        }
        e = edited;
      } else {
        await db.run('DELETE FROM audit WHERE seq = ?', [e.seq]);
        e = { ...e, prevHash: prev };
      }
      const hash = auditHash(e);
      await db.run(
        'INSERT INTO audit (seq, at, actor_id, action, case_id, record_id, detail, prev_hash, hash, signer_key_id, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
        [
          e.seq,
          e.at,
          e.actorId,
          e.action,
          e.caseId,
          e.recordId,
          JSON.stringify(e.detail),
          e.prevHash,
          hash,
          e.signerKeyId,
          e.signature,
        ],
      );
      prev = hash;
    }
  }

  it('attack: an audit entry re-linked to another predecessor, with everything after it re-linked and re-hashed, is named as broken there', async () => {
    const v = await vault();
    const s = await sealOf(v);
    await rewriteAudit(v.db, 7, (e) => ({ ...e, prevHash: 'a'.repeat(64) }));
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.audit).toMatchObject({ intact: false, brokenAt: 7 });
    expect(c.findings).toContain(
      'The audit trail is broken at position 7: an entry there no longer matches its hash or does not link to the one before it.',
    );
  });

  it('attack: an audit entry removed and everything after it re-linked and re-hashed over the hole is named by the gap in positions', async () => {
    const v = await vault();
    const s = await sealOf(v);
    await rewriteAudit(v.db, 7, () => null);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.audit).toMatchObject({ intact: false, brokenAt: 8 });
  });

  it('attack: two audit entries edited are named at the first break, where the history stops being trustworthy', async () => {
    const v = await vault();
    const s = await sealOf(v);
    await v.db.run(`UPDATE audit SET at = '2026-11-20T00:00:00.000Z' WHERE seq IN (7, 11)`);
    const c = await v.db.exclusive((x) => checkAgainstSeal(x, typed(s)));
    expect(c.audit).toMatchObject({ intact: false, brokenAt: 7 });
  });

  it('attack: a seal typed with all-zero hashes at positions whose entries were deleted is named as replaced history, not taken as an empty vault', async () => {
    const v = await vault();
    await v.db.run('DELETE FROM records WHERE seq = 5');
    await v.db.run('DELETE FROM audit WHERE seq = 9');
    const c = await v.db.exclusive((x) =>
      checkAgainstSeal(x, parseSealShortForm('R 5 0000-0000-0000-0000 / A 9 0000-0000-0000-0000')!),
    );
    expect(c.findings).toEqual([
      'The case log at position 5 is not the one on the seal: the history up to that point has been replaced.',
      'The case log is broken at position 6: an entry there no longer matches its hash or does not link to the one before it.',
      'The audit trail at position 9 is not the one on the seal: the history up to that point has been replaced.',
      'The audit trail is broken at position 10: an entry there no longer matches its hash or does not link to the one before it.',
    ]);
  });
});
