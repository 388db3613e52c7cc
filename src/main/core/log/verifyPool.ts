// Verifies record hashes and Ed25519 signatures on all cores with worker threads. The worker is a
// small self-contained script (node:crypto only) run with `eval`, so the same code works in
// Electron's main process, under vitest and in the command-line verifier without a bundler step.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { RECORD_SIGNATURE_PREFIX } from '../../../shared/records/envelope';

/** Per item: 0 valid, 1 hash does not match the canonical text, 2 bad signature, 3 unknown key. */
export type ItemVerdict = 0 | 1 | 2 | 3;

export interface VerifyItem {
  canonical: string;
  hash: string;
  signature: string;
  keyId: string;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const prefix = workerData.prefix;
const keys = new Map();
function keyFor(id, pem) {
  let k = keys.get(id);
  if (!k && pem) { try { k = crypto.createPublicKey(pem); keys.set(id, k); } catch { k = null; } }
  return k;
}
parentPort.on('message', (msg) => {
  if (msg.keys) { for (const [id, pem] of msg.keys) keyFor(id, pem); }
  const items = msg.items || [];
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (msg.mode === 'raw') {
      const k = keyFor(it.keyId);
      out[i] = k && crypto.verify(null, Buffer.from(it.message, 'utf8'), k, Buffer.from(it.signature, 'base64')) ? 0 : 2;
      continue;
    }
    const h = crypto.createHash('sha256').update(it.canonical, 'utf8').digest('hex');
    if (h !== it.hash) { out[i] = 1; continue; }
    const k = keyFor(it.keyId);
    if (!k) { out[i] = 3; continue; }
    let ok = false;
    try { ok = crypto.verify(null, Buffer.from(prefix + it.hash, 'utf8'), k, Buffer.from(it.signature, 'base64')); } catch { ok = false; }
    out[i] = ok ? 0 : 2;
  }
  parentPort.postMessage({ id: msg.id, out }, [out.buffer]);
});
`;

interface Pending {
  resolve: (v: Uint8Array) => void;
  reject: (e: Error) => void;
}

export class VerifyPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private rr = 0;

  constructor(keys: ReadonlyMap<string, string>, size = Math.max(1, availableParallelism())) {
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { prefix: RECORD_SIGNATURE_PREFIX },
      });
      w.on('message', (m: { id: number; out: Uint8Array }) => {
        const p = this.pending.get(m.id);
        // Stryker disable next-line CallExpression: only frees memory; a settled promise ignores a second settle
        this.pending.delete(m.id);
        p?.resolve(m.out);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        // Stryker disable next-line CallExpression: only frees memory; a settled promise ignores a second settle
        this.pending.clear();
      });
      w.postMessage({ id: 0, keys: [...keys.entries()], items: [] });
      return w;
    });
    // The key-loading message above gets an (empty) reply with id 0; ignore it.
  }

  get size(): number {
    return this.workers.length;
  }

  private send(payload: Record<string, unknown>): Promise<Uint8Array> {
    const id = this.nextId++;
    const worker = this.workers[this.rr++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...payload, id });
    });
  }

  verifyRecords(items: readonly VerifyItem[]): Promise<Uint8Array> {
    // Stryker disable next-line StringLiteral: the worker treats every mode but 'raw' as records
    return this.send({ mode: 'record', items });
  }

  /** Baseline for benchmarks: bare Ed25519 verification of the same messages. */
  verifyRaw(
    items: ReadonlyArray<{ message: string; signature: string; keyId: string }>,
  ): Promise<Uint8Array> {
    return this.send({ mode: 'raw', items });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Verify many items, split into batches across the pool; verdicts in input order. */
export async function verifyAll(
  pool: VerifyPool,
  items: readonly VerifyItem[],
  batch = 2000,
): Promise<Uint8Array> {
  const out = new Uint8Array(items.length);
  // Stryker disable next-line ArrayDeclaration: Promise.all passes a non-promise straight through
  const jobs: Promise<void>[] = [];
  for (let start = 0; start < items.length; start += batch) {
    const slice = items.slice(start, start + batch);
    jobs.push(pool.verifyRecords(slice).then((v) => out.set(v, start)));
  }
  await Promise.all(jobs);
  return out;
}
