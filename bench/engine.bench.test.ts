// The engine against the witness, side by side in one run: the same signed append (appendRecord:
// canonicalise, hash, sign, insert the record, its audit-free FTS update, one committed transaction)
// through better-sqlite3-multiple-ciphers and through @journeyapps/sqlcipher, on copies of one vault.
import { it } from 'vitest';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { appendRecord } from '../src/main/core/log/recordLog';
import type { Conn, Params, RunResult } from '../src/main/db/sqlite';
import { setScryptCostForTests } from '../src/main/core/crypto/kdf';
import { setUpVault, tempDir } from '../tests/helpers/vault';
import { openWitness, type WitnessDb } from '../tests/helpers/witness';
import { vaultKeyHexOf } from '../tests/helpers/vaultKey';
import { median, percentile, recordFigure } from './lib/results';

const WORDS =
  'library corridor snapchat photo worried parent police referral teacher phone group chat'.split(
    ' ',
  );
const sentence = (n: number) =>
  Array.from({ length: n }, () => WORDS[randomInt(WORDS.length)]).join(' ');

/** The witness behind the repositories' Conn interface, so appendRecord runs unchanged on it. */
function witnessConn(w: WitnessDb): Conn {
  const params = (p?: Params): unknown[] =>
    p === undefined ? [] : Array.isArray(p) ? [...p] : [p];
  return {
    run: async (sql, p): Promise<RunResult> => {
      await w.run(sql, params(p));
      return { lastID: 0, changes: 0 };
    },
    get: async <T>(sql: string, p?: Params) => (await w.all<T>(sql, params(p)))[0],
    all: <T>(sql: string, p?: Params) => w.all<T>(sql, params(p)),
    exec: (sql) => w.exec(sql),
  };
}

it('engine: the same signed append on the new engine and on the witness', async () => {
  setScryptCostForTests({ N: 2 ** 12, r: 8, p: 1 });
  const { core, dir } = await setUpVault();
  const witnessDir = tempDir();
  try {
    const s = core.requireSession();
    const signer = core.signerOf(s);
    const db = core.requireDb();
    const keyHex = vaultKeyHexOf(core);
    const caseId = randomUUID();
    const now = new Date().toISOString();
    await db.run(
      "INSERT INTO cases (id, ref, status, title, created_at, created_by, updated_at) VALUES (?, 'C-BENCH-0001', 'open', 'bench', ?, ?, ?)",
      [caseId, now, s.account.id, now],
    );
    // Checkpoint and copy: the witness appends to its own copy (two SQLite builds must never share
    // one file's locks inside one process).
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    copyFileSync(join(dir, 'caseseal.db'), join(witnessDir, 'caseseal.db'));
    const w = await openWitness(join(witnessDir, 'caseseal.db'), keyHex);
    await w.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;',
    );
    const wc = witnessConn(w);

    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < 500; i++) {
      const body = { noteType: 'discussion', subject: `Bench ${i}`, details: sentence(40) };
      const input = {
        caseId,
        kind: 'note',
        body,
        signer,
        privateKey: s.privateKey,
        now: new Date(),
      };
      // Alternate the order so neither side always runs on a warmer disk cache.
      const runOurs = async () => {
        const t = performance.now();
        await db.transaction((c) => appendRecord(c, input));
        return performance.now() - t;
      };
      const runTheirs = async () => {
        const t = performance.now();
        await wc.exec('BEGIN IMMEDIATE');
        await appendRecord(wc, input);
        await wc.exec('COMMIT');
        return performance.now() - t;
      };
      const [a, b] = i % 2 ? [await runOurs(), await runTheirs()] : [0, 0];
      const [b2, a2] = i % 2 ? [0, 0] : [await runTheirs(), await runOurs()];
      if (i >= 100) {
        ours.push(a || a2);
        theirs.push(b || b2);
      }
    }
    await w.close();
    recordFigure(
      'append_engine_p50_ms',
      median(ours),
      'better-sqlite3-multiple-ciphers, SQLCipher 4 mode',
    );
    recordFigure('append_witness_p50_ms', median(theirs), '@journeyapps/sqlcipher, same append');
    recordFigure(
      'append_engine_speedup',
      median(theirs) / median(ours),
      'witness p50 / engine p50',
    );
    recordFigure('append_engine_p99_speedup', percentile(theirs, 99) / percentile(ours, 99));
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(witnessDir)) rmSync(witnessDir, { recursive: true, force: true });
  }
});
