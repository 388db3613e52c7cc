// Pupil benchmarks: a pupil's chronology (500 records across 10 cases) in a 100,000-record vault,
// and pupil search over 5,000 pupils (any name, year group, UPN) — each call as the pupil page
// makes it, audit entries included. Goals: both p95 <= 50 ms.
import { it } from 'vitest';
import { randomInt, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { appendRecord, readCaseRecords, signedRecordFromRow } from '../src/main/core/log/recordLog';
import { chronologyRecords } from '../src/main/db/repositories/pupils';
import { buildChronology } from '../src/shared/pupils/chronology';
import * as pupils from '../src/main/core/pupils/pupilService';
import { pupilChronology } from '../src/main/core/pupils/chronologyService';
import { setUpVault } from '../tests/helpers/vault';
import { setScryptCostForTests } from '../src/main/core/crypto/kdf';
import { percentile, recordFigure } from './lib/results';

const WORDS =
  'library corridor lunchtime snapchat message photo worried parent carer police referral teacher tutor nurse phone laptop group chat bullying gaming money friend older pupil class weekend evening morning'.split(
    ' ',
  );
const sentence = (n: number) =>
  Array.from({ length: n }, () => WORDS[randomInt(WORDS.length)]).join(' ');
const FIRST =
  'Amelia Oliver Isla George Ava Noah Mia Arthur Ivy Leo Freya Oscar Lily Harry Zoë Muhammad Grace Jack Sofia Theo'.split(
    ' ',
  );
const LAST =
  'Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Khan Walker Evans Roberts Green Hall Wood Hughes Clarke Łukasz'.split(
    ' ',
  );

const TOTAL_RECORDS = 100_000;
const PUPIL_CASES = 10;
const PER_PUPIL_CASE = 49; // + the pupil-linked record each: 500 records in all
const PUPILS = 5_000;

it('pupils: chronology in a 100,000-record vault, search over 5,000 pupils', async () => {
  setScryptCostForTests({ N: 2 ** 12, r: 8, p: 1 });
  const { core, dir } = await setUpVault();
  try {
    const s = core.requireSession();
    const signer = core.signerOf(s);
    const db = core.requireDb();

    // ---- 5,000 pupils, each a signed record of their own chain
    const pupilIds: string[] = [];
    for (let start = 0; start < PUPILS; start += 500) {
      await db.transaction(async (conn) => {
        for (let i = start; i < start + 500; i++) {
          const r = await pupils.registerPupilIn(core, conn, {
            legalName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
            yearGroup: `Year ${7 + (i % 7)}`,
            upn: `A${String(100_000_000_000 + i).slice(-11)}${i % 10}`,
            sex: i % 2 ? 'female' : 'male',
          });
          pupilIds.push(r.pupilId);
        }
      });
    }

    // ---- cases and notes up to 100,000 records; the first 10 cases are the pupil's
    const target = pupilIds[0]!;
    let n = PUPILS;
    let c = 0;
    while (n < TOTAL_RECORDS) {
      await db.transaction(async (conn) => {
        for (let k = 0; k < 200 && n < TOTAL_RECORDS; k++, c++) {
          const id = randomUUID();
          const at = new Date(Date.UTC(2026, 0, 1) + c * 3_600_000).toISOString();
          await conn.run(
            'INSERT INTO cases (id, ref, status, title, created_at, created_by, updated_at) VALUES (?,?,?,?,?,?,?)',
            [id, `C-P-${String(c).padStart(5, '0')}`, 'open', `Case ${c}`, at, s.account.id, at],
          );
          const mine = c < PUPIL_CASES;
          if (mine) {
            await pupils.linkPupilIn(core, conn, {
              caseId: id,
              pupilId: target,
              role: 'child-concerned',
            });
            n++;
          }
          const per = mine ? PER_PUPIL_CASE : 10;
          for (let r = 0; r < per && n < TOTAL_RECORDS; r++, n++) {
            await appendRecord(conn, {
              caseId: id,
              kind: 'note',
              body: { noteType: 'discussion', subject: sentence(4), details: sentence(30) },
              signer,
              privateKey: s.privateKey,
              now: new Date(),
            });
          }
        }
      });
    }
    const total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
    console.log(`[bench] vault: ${total} records, ${c} cases, ${PUPILS} pupils`);

    // ---- pupil_chronology_p95_ms
    const first = await pupilChronology(core, { pupilId: target });
    if (first.entries.length < 500)
      throw new Error(`expected 500+ entries, got ${first.entries.length}`);
    const chrono: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      await pupilChronology(core, { pupilId: target });
      if (i >= 10) chrono.push(performance.now() - t);
    }
    // Decomposition: reading and building the same chronology without the audit writes and commit.
    const chains = [target, ...first.cases.map((k) => k.caseId)];
    const refs = new Map(first.cases.map((k) => [k.caseId, k.ref]));
    const readOnly: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const rows = await db.exclusive((conn) => chronologyRecords(conn, chains, {}));
      buildChronology(
        rows.map(signedRecordFromRow).map((r) => ({ envelope: r.envelope, hash: r.hash })),
        refs,
      );
      if (i >= 10) readOnly.push(performance.now() - t);
    }
    // Baseline in the same run: the same records read case by case, as a case's page reads them.
    const baseline: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      for (const id of chains) await db.exclusive((conn) => readCaseRecords(conn, id));
      if (i >= 10) baseline.push(performance.now() - t);
    }
    recordFigure(
      'pupil_chronology_baseline_p95_ms',
      percentile(baseline, 95),
      'reading the same 11 chains with readCaseRecords (what the case page does), nothing built',
    );
    recordFigure(
      'pupil_chronology_read_ratio',
      percentile(readOnly, 95) / percentile(baseline, 95),
      'chronology read and built / baseline read, p95',
    );
    recordFigure(
      'pupil_chronology_read_p95_ms',
      percentile(readOnly, 95),
      'the records read and the chronology built, without the audit entries and their commit',
    );
    recordFigure(
      'pupil_chronology_p95_ms',
      percentile(chrono, 95),
      `${first.entries.length} entries over ${PUPIL_CASES} cases in ${total} records; goal <= 50`,
    );

    // ---- pupil_search_p95_ms: surnames, first names, year groups, UPNs
    const queries = [
      ...LAST.slice(0, 10),
      ...FIRST.slice(0, 10),
      'Year 9',
      'Y11',
      'A000000000012',
      'Amelia Smith',
    ];
    const search: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const q of queries) {
        const t = performance.now();
        await pupils.searchPupils(core, { query: q });
        if (round > 0) search.push(performance.now() - t);
      }
    }
    recordFigure('pupil_search_p95_ms', percentile(search, 95), `${PUPILS} pupils; goal <= 50`);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
