// benchmarks against baselines measured in the same run: appending a signed record vs a
// bare committed SQLCipher insert; full verification of 100,000 records vs raw Ed25519 on all
// cores; the incremental check at sign-in; case list and search on 10,000 cases / 100,000 records.
import { it } from 'vitest';
import { randomUUID, randomInt } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import * as cases from '../src/main/core/cases/caseService';
import { appendRecord } from '../src/main/core/log/recordLog';
import { canonicalJson } from '../src/shared/records/canonical';
import { sha256Hex } from '../src/main/core/crypto/hash';
import { signMessage } from '../src/main/core/crypto/ed25519';
import { checkIntegrity, recordCheckpoint } from '../src/main/core/log/integrity';
import { VerifyPool } from '../src/main/core/log/verifyPool';
import { recordSigningMessage } from '../src/shared/records/envelope';
import { listPublicKeys } from '../src/main/db/repositories/accounts';
import { setUpVault } from '../tests/helpers/vault';
import { setScryptCostForTests } from '../src/main/core/crypto/kdf';
import { median, percentile, recordFigure } from './lib/results';
import { checkAgainstCheckpoints, keepCheckpoint } from '../src/main/core/log/sessionLog';
import { readKeySlots } from '../src/main/core/vault/keySlots';
import { startPageCheck } from '../src/main/core/pages/pageRead';
import { insider } from '../tests/helpers/insider';
import { DSL } from '../tests/helpers/vault';
import { createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const WORDS =
  'library corridor lunchtime snapchat instagram whatsapp message photo threat worried parent carer police referral mash teacher form tutor head year nurse counsellor phone laptop tablet group chat bullying online gaming discord tiktok youtube blackmail money payment account password friend older boy girl pupil class maths science english music drama football changing room bus stop weekend evening morning afternoon'.split(
    ' ',
  );
const sentence = (n: number) =>
  Array.from({ length: n }, () => WORDS[randomInt(WORDS.length)]).join(' ');

const CASES = 10_000;
const PER_CASE = 10;

it('case log: append, verify, sign-in check, list and search', async () => {
  // The KDF is not what is measured here; keep set-up quick.
  setScryptCostForTests({ N: 2 ** 12, r: 8, p: 1 });
  // Building 100,000 records takes minutes on a shared machine: the idle lock must not close the vault.
  const { core, dir } = await setUpVault({ idleLockMs: 24 * 3_600_000 });
  try {
    const s = core.requireSession();
    const signer = core.signerOf(s);
    const db = core.requireDb();

    // ---- append_p50_ratio / append_p99_ratio (one committed transaction per record, both sides)
    const caseId = randomUUID();
    await db.run(
      "INSERT INTO cases (id, ref, status, title, created_at, created_by, updated_at) VALUES (?, 'C-BENCH-0000', 'open', 'bench', ?, ?, ?)",
      [caseId, new Date().toISOString(), s.account.id, new Date().toISOString()],
    );
    await db.exec('CREATE TABLE bench_bare (id INTEGER PRIMARY KEY, envelope TEXT NOT NULL)');
    const ours: number[] = [];
    const bare: number[] = [];
    const cryptoOnly: number[] = [];
    for (let i = 0; i < 600; i++) {
      const body = { noteType: 'discussion', subject: `Bench ${i}`, details: sentence(40) };
      let t = performance.now();
      const { record } = await db.transaction((c) =>
        appendRecord(c, {
          caseId,
          kind: 'note',
          body,
          signer,
          privateKey: s.privateKey,
          now: new Date(),
        }),
      );
      const a = performance.now() - t;
      t = performance.now();
      await db.transaction((c) =>
        c.run('INSERT INTO bench_bare (envelope) VALUES (?)', [record.canonical]),
      );
      const b = performance.now() - t;
      // For the decomposition only: canonicalise + hash + sign the same envelope, no I/O.
      t = performance.now();
      signMessage(s.privateKey, recordSigningMessage(sha256Hex(canonicalJson(record.envelope))));
      const c = performance.now() - t;
      if (i >= 100) {
        // the first 100 are warm-up
        ours.push(a);
        bare.push(b);
        cryptoOnly.push(c);
      }
    }
    recordFigure('append_p50_ms', median(ours));
    recordFigure('append_bare_insert_p50_ms', median(bare));
    recordFigure(
      'append_crypto_p50_ms',
      median(cryptoOnly),
      'canonicalise + SHA-256 + Ed25519 sign, no I/O',
    );
    recordFigure('append_p50_ratio', median(ours) / median(bare), 'goal <= 1.3');
    recordFigure('append_p99_ratio', percentile(ours, 99) / percentile(bare, 99), 'goal <= 1.3');

    // What limits the ratio: the pages each commit writes to the WAL (both sides fsync once). The
    // signed append writes the record, its seven indexes, its full-text index segment and the chain
    // tip; the bare insert one table page. Measured from an emptied WAL before each commit.
    const walPath = `${core.paths.db}-wal`;
    const frameBytes = Number(db.raw.pragma('page_size', { simple: true })) + 24;
    const framesOf = async (write: () => Promise<unknown>): Promise<number> => {
      db.raw.pragma('wal_checkpoint(TRUNCATE)');
      const before = statSync(walPath).size;
      await write();
      return Math.round((statSync(walPath).size - before) / frameBytes);
    };
    const ourPages: number[] = [];
    const barePages: number[] = [];
    for (let i = 0; i < 40; i++) {
      let canonical = '';
      ourPages.push(
        await framesOf(async () => {
          const { record } = await db.transaction((c) =>
            appendRecord(c, {
              caseId,
              kind: 'note',
              body: { noteType: 'discussion', subject: `Pages ${i}`, details: sentence(40) },
              signer,
              privateKey: s.privateKey,
              now: new Date(),
            }),
          );
          canonical = record.canonical;
        }),
      );
      barePages.push(
        await framesOf(() =>
          db.transaction((c) => c.run('INSERT INTO bench_bare (envelope) VALUES (?)', [canonical])),
        ),
      );
    }
    recordFigure(
      'append_pages_per_commit',
      median(ourPages),
      `pages written to the WAL by one signed append (median of ${ourPages.length}; range ${Math.min(...ourPages)}–${Math.max(...ourPages)}, the full-text index's newest segments grow until they are merged)`,
    );
    recordFigure(
      'append_bare_pages_per_commit',
      median(barePages),
      'the bare insert, same envelope',
    );

    // ---- build 10,000 cases / 100,000 records (bulk, in transactions of 2,000 records)
    const t0 = performance.now();
    const ids: string[] = [];
    for (let c = 0; c < CASES; c++) ids.push(randomUUID());
    let n = 0;
    for (let start = 0; start < CASES; start += 200) {
      await db.transaction(async (conn) => {
        for (let c = start; c < Math.min(CASES, start + 200); c++) {
          const id = ids[c]!;
          const at = new Date(Date.UTC(2026, 0, 1) + c * 3_600_000).toISOString();
          await conn.run(
            'INSERT INTO cases (id, ref, status, title, incident_kind, children, created_at, created_by, opened_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
            [
              id,
              `C-B-${String(c).padStart(5, '0')}`,
              ['open', 'referred', 'closed', 'concern'][c % 4],
              `Case ${c} ${sentence(3)}`,
              ['nudes', 'bullying', 'grooming', 'fraud'][c % 4],
              `Child${c} ${WORDS[c % WORDS.length]}`,
              at,
              s.account.id,
              at,
              at,
            ],
          );
          for (let r = 0; r < PER_CASE; r++) {
            await appendRecord(conn, {
              caseId: id,
              kind: 'note',
              body: { noteType: 'discussion', subject: sentence(4), details: sentence(30) },
              signer,
              privateKey: s.privateKey,
              now: new Date(),
            });
            n++;
          }
        }
      });
    }
    const total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
    console.log(
      `[bench] built ${n} records in ${((performance.now() - t0) / 1000).toFixed(1)} s (total in log: ${total})`,
    );

    // ---- verify_100k_ratio: full check (read, parse, chains, hashes, signatures on all cores)
    let t = performance.now();
    const report = await checkIntegrity(db, { mode: 'full', now: new Date() });
    const fullMs = performance.now() - t;
    if (!report.ok) throw new Error(`bench vault failed its check: ${report.problems[0]?.message}`);
    const ourRate = report.checked / (fullMs / 1000);
    // Baseline: raw Ed25519 verification of the same messages with the same pool size.
    const keys = new Map(
      (await db.exclusive((c) => listPublicKeys(c))).map((k) => [k.keyId, k.publicKeyPem]),
    );
    const rows = await db.all<{ hash: string; signature: string; key_id: string }>(
      'SELECT hash, signature, key_id FROM records ORDER BY seq',
    );
    const items = rows.map((r) => ({
      message: recordSigningMessage(r.hash),
      signature: r.signature,
      keyId: r.key_id,
    }));
    const pool = new VerifyPool(keys);
    try {
      await pool.verifyRaw(items.slice(0, 2000)); // warm-up
      t = performance.now();
      const jobs: Promise<Uint8Array>[] = [];
      for (let i = 0; i < items.length; i += 2000)
        jobs.push(pool.verifyRaw(items.slice(i, i + 2000)));
      const verdicts = await Promise.all(jobs);
      const rawMs = performance.now() - t;
      if (verdicts.some((v) => v.some((x) => x !== 0)))
        throw new Error('raw baseline failed to verify');
      const rawRate = items.length / (rawMs / 1000);
      recordFigure('verify_100k_records_per_s', ourRate);
      recordFigure('verify_100k_raw_ed25519_per_s', rawRate, `${pool.size} worker threads`);
      recordFigure('verify_100k_ratio', ourRate / rawRate, 'goal >= 0.8');
    } finally {
      await pool.close();
    }

    // ---- signin_check_100k_ms: incremental check from the checkpoint, with 10 new records, and
    // the certificate check the real sign-in runs (every signer of the whole log by its first and
    // last signing time, one grouped query; docs/design.md, "Trust model")
    await db.exclusive((c) => recordCheckpoint(c, report));
    for (let i = 0; i < 10; i++)
      await db.transaction((c) =>
        appendRecord(c, {
          caseId: ids[i]!,
          kind: 'note',
          body: { noteType: 'discussion', subject: 'new', details: sentence(20) },
          signer,
          privateKey: s.privateKey,
          now: new Date(),
        }),
      );
    // A signed checkpoint to compare with, as every sign-in and lock leaves one.
    const vaultId = readKeySlots(core.paths.keySlots).vaultId;
    await keepCheckpoint(db, core.paths.keySlots, {
      vaultId,
      signer: { accountId: s.account.id, keyId: s.keyId, privateKey: s.privateKey },
      purpose: 'lock',
      at: new Date().toISOString(),
    });
    const signin: number[] = [];
    const compare: number[] = [];
    for (let i = 0; i < 9; i++) {
      t = performance.now();
      const cp = await checkAgainstCheckpoints(db, core.paths.keySlots, vaultId);
      compare.push(performance.now() - t);
      const r = await checkIntegrity(db, {
        mode: 'incremental',
        now: new Date(),
        trust: { book: s.certificates, problem: s.trustProblem },
      });
      signin.push(performance.now() - t);
      if (!r.ok || r.checked !== 10 || cp.length > 0)
        throw new Error('incremental check did not see the 10 new records');
    }
    recordFigure(
      'signin_check_100k_ms',
      median(signin),
      '10 new records since the checkpoint, certificates checked, plus the comparison with every signed checkpoint; goal <= 50',
    );
    recordFigure(
      'signin_checkpoint_compare_ms',
      median(compare),
      'of which: comparing the vault with every signed checkpoint (vault and key-slot file)',
    );

    // ---- page_check_100k_ms / page_check_ratio: the full page read vs raw AES-256-CBC + HMAC-SHA512
    const x = await insider(dir, s.account.id, DSL.passphrase);
    const vaultKey = Buffer.from(x.vaultKey);
    await x.close();
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const pageRuns: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const r = await startPageCheck(core.paths.db, vaultKey).result;
      pageRuns.push(performance.now() - t);
      if (r.outcome !== 'intact') throw new Error(`page check: ${r.outcome}`);
      pages = r.pages;
    }
    const pageMs = median(pageRuns);
    recordFigure('page_check_100k_ms', pageMs, `${pages} pages of 4096 bytes, one worker thread`);
    // Baseline: what SQLCipher 4 must do per page at least — AES-256-CBC decrypt of the page body
    // and HMAC-SHA512 over it — with node:crypto on one thread, same number of pages.
    const page = randomBytes(4096);
    const aesKey = randomBytes(32);
    const hmacKey = randomBytes(64);
    const rawRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      t = performance.now();
      for (let i = 0; i < pages; i++) {
        const d = createDecipheriv('aes-256-cbc', aesKey, page.subarray(4016, 4032));
        d.setAutoPadding(false);
        d.update(page.subarray(0, 4016));
        createHmac('sha512', hmacKey)
          .update(page.subarray(0, 4032))
          .update(page.subarray(0, 4))
          .digest();
      }
      rawRuns.push(performance.now() - t);
    }
    const rawPageMs = median(rawRuns);
    recordFigure(
      'page_check_raw_crypto_ms',
      rawPageMs,
      'AES-256-CBC + HMAC-SHA512, same pages, one thread',
    );
    recordFigure('page_check_ratio', rawPageMs / pageMs, 'throughput vs raw crypto; goal >= 0.5');

    // ---- case_list_p95_ms and search_p95_ms on 10,000 cases / 100,000 records
    const listTimes: number[] = [];
    const filters = [
      {},
      { status: 'open' },
      { incidentKind: 'nudes' },
      { child: 'Child12' },
      { sort: 'ref' as const },
      { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
    ];
    for (let i = 0; i < 60; i++) {
      t = performance.now();
      await cases.listCases(core, filters[i % filters.length]!);
      listTimes.push(performance.now() - t);
    }
    recordFigure(
      'case_list_p95_ms',
      percentile(listTimes, 95),
      'first page of 100, with count; goal <= 50',
    );
    const searchTimes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const q =
        i % 3 === 0
          ? `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]}`
          : WORDS[(i * 3) % WORDS.length]!;
      t = performance.now();
      await cases.searchRecords(core, q);
      searchTimes.push(performance.now() - t);
    }
    recordFigure('search_p95_ms', percentile(searchTimes, 95), 'top 50 hits by rank; goal <= 50');
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
