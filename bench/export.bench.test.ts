// benchmarks. export_1000_ms: sealing a case of 1,000 signed records into a bundle, PDF
// included (median of runs). export_1000_main_stall_ms: the longest the main (UI) thread was
// blocked at once during such an export, against the same export built on the main thread.
// verify_bundle_ratio: verifying that bundle with verifyBundle (one
// thread, as the CLI does) against a baseline measured in the same run — raw SHA-256 of the same
// bytes (every file in the bundle, and every record's canonical text) plus Ed25519 verification of
// the same signatures (every record's and the manifest's), also one thread. ratio = raw / verify:
// 1.0 would mean the verifier costs nothing beyond the cryptography; the goal is ≥ 0.7.
import { it } from 'vitest';
import { createPublicKey, verify as edVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cases from '../src/main/core/cases/caseService';
import { appendRecord } from '../src/main/core/log/recordLog';
import { refreshCaseProjection } from '../src/main/core/log/projections';
import { sealExport } from '../src/main/core/export/sealExport';
import { verifyBundle } from '../src/main/core/verify/bundle';
import { BUNDLE_FILES, type RecordsFile } from '../src/main/core/verify/bundleFormat';
import { recordSigningMessage } from '../src/shared/records/envelope';
import { sha256Hex } from '../src/main/core/crypto/hash';
import { setScryptCostForTests } from '../src/main/core/crypto/kdf';
import { removeDir, setUpVault, tempDir } from '../tests/helpers/vault';
import { caseDetails } from '../tests/helpers/records';
import { unzipBundle } from '../tests/helpers/exportFixture';
import { median, recordFigure } from './lib/results';

const RECORDS = 1000;

/** The longest gap between ticks of a 5 ms timer on this thread, minus the 5 ms (a UI stall). */
function stallWatch(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(worst, performance.now() - last - 5, 0);
    },
  };
}
const RECIPIENT = {
  officerName: 'DC Rowan Whitlock',
  force: 'Kingsford Constabulary',
  reference: 'KB-0001',
};

it('export: seal a 1,000-record case; verify it against raw SHA-256 + Ed25519', async () => {
  setScryptCostForTests({ N: 2 ** 12, r: 8, p: 1 });
  const { core, dir } = await setUpVault();
  const out = tempDir('caseseal-bench-export-');
  try {
    const s = core.requireSession();
    const signer = core.signerOf(s);
    const db = core.requireDb();
    const opened = await cases.openCase(core, { details: caseDetails() });
    // The case: 1,000 signed notes appended in one transaction (appendRecord: canonical JSON, SHA-256, Ed25519).
    await db.transaction(async (conn) => {
      for (let i = 1; i < RECORDS; i++) {
        const body = {
          noteType: i % 5 === 0 ? 'decision' : 'discussion',
          subject: `Follow-up ${i}: conversation with the head of year`,
          details: `Checked in with Tallulah at break (${i}). She said the messages have stopped; her form tutor will keep an eye on the group chat and tell the DSL at once if anything changes.`,
          ...(i % 5 === 0
            ? {
                decision: 'Continue daily check-ins for another week.',
                reason: 'She is still anxious about the Year 11 corridor.',
              }
            : {}),
        };
        await appendRecord(conn, {
          caseId: opened.caseId,
          kind: 'note',
          body,
          signer,
          privateKey: s.privateKey,
          now: new Date(),
        });
      }
      await refreshCaseProjection(conn, opened.caseId, new Date().toISOString());
    });

    // ---- export_1000_ms: each run adds its own export record, so the case grows by one per run
    const times: number[] = [];
    const stalls: number[] = [];
    let last = '';
    const exportOnce = async (name: string): Promise<{ ms: number; stall: number }> => {
      const outPath = join(out, name);
      const watch = stallWatch();
      const t = performance.now();
      await sealExport(core, {
        caseIds: [opened.caseId],
        recipient: RECIPIENT,
        encrypt: false,
        outPath,
      });
      const ms = performance.now() - t;
      last = outPath;
      return { ms, stall: watch.stop() };
    };
    for (let run = 0; run < 5; run++) {
      const r = await exportOnce(`bench-${run}.zip`);
      times.push(r.ms);
      stalls.push(r.stall);
    }
    recordFigure(
      'export_1000_ms',
      median(times),
      `median of ${times.length} exports of a ${RECORDS}-record case, PDF included; runs: ${times.map((x) => Math.round(x)).join(', ')} ms`,
    );
    // ---- export_1000_main_stall_ms: how long the UI's thread was held at once during an export
    // (the report, manifest signature and zip run in the worker); the same export built on the
    // main thread, in the same run, is the baseline.
    const inProcess: number[] = [];
    const withWorker = core.workerScript;
    (core as { workerScript: string }).workerScript = join(out, 'no-worker.js');
    try {
      for (let run = 0; run < 3; run++)
        inProcess.push((await exportOnce(`bench-main-${run}.zip`)).stall);
    } finally {
      (core as { workerScript: string }).workerScript = withWorker;
    }
    recordFigure(
      'export_1000_main_stall_ms',
      median(stalls),
      `longest single block of the main thread during an export, median of ${stalls.length}: ${stalls.map((x) => Math.round(x)).join(', ')} ms; built on the main thread instead: ${inProcess.map((x) => Math.round(x)).join(', ')} ms`,
    );
    recordFigure('export_1000_main_stall_inprocess_ms', median(inProcess));

    // ---- verify_bundle_ratio
    const bytes = readFileSync(last);
    const files = await unzipBundle(bytes);
    const recs = JSON.parse(files.get(BUNDLE_FILES.records)!.toString('utf8')) as RecordsFile;
    const keys = new Map(recs.keys.map((k) => [k.keyId, createPublicKey(k.publicKeyPem)]));
    const items = recs.cases
      .flatMap((c) => c.records)
      .map((r) => ({
        canonical: r.canonical,
        hash: r.hash,
        sig: Buffer.from(r.signature, 'base64'),
        key: keys.get((JSON.parse(r.canonical) as { signer: { keyId: string } }).signer.keyId)!,
      }));
    const manifest = files.get(BUNDLE_FILES.manifest)!;
    const manifestSig = files.get(BUNDLE_FILES.signature)!;
    const signerKey = createPublicKey(files.get(BUNDLE_FILES.publicKey)!.toString('utf8'));
    const fileList = [...files.values()];

    const raw = (): number => {
      const t = performance.now();
      let ok = 0;
      for (const f of fileList) if (sha256Hex(f).length === 64) ok++;
      for (const it of items) {
        if (
          sha256Hex(it.canonical) === it.hash &&
          edVerify(null, Buffer.from(recordSigningMessage(it.hash), 'utf8'), it.key, it.sig)
        )
          ok++;
      }
      if (edVerify(null, manifest, signerKey, manifestSig)) ok++;
      const ms = performance.now() - t;
      if (ok !== fileList.length + items.length + 1) throw new Error('baseline failed to verify');
      return ms;
    };
    const full = async (): Promise<number> => {
      const t = performance.now();
      const r = await verifyBundle(bytes);
      const ms = performance.now() - t;
      if (r.status !== 'valid')
        throw new Error(`bundle did not verify: ${JSON.stringify(r).slice(0, 300)}`);
      return ms;
    };
    // warm both paths, then alternate so drift affects both alike
    raw();
    await full();
    const rawTimes: number[] = [];
    const verifyTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      rawTimes.push(raw());
      verifyTimes.push(await full());
    }
    const ratio = median(rawTimes) / median(verifyTimes);
    recordFigure(
      'verify_bundle_ratio',
      ratio,
      `goal >= 0.7; raw SHA-256 + Ed25519 ${median(rawTimes).toFixed(1)} ms vs verifyBundle ${median(verifyTimes).toFixed(1)} ms (unzip, JSON, schema, canonical form, chains, PDF text) for ${items.length} records, ${(bytes.length / 1e6).toFixed(2)} MB; single thread both`,
    );
  } finally {
    await core.close();
    removeDir(dir);
    removeDir(out);
  }
});
