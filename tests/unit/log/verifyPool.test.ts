// The worker pool that checks large logs on all cores (R8, "Records are evidence"): each record's
// verdict comes back in input order across batches and workers, a forged or unknown-key record is
// never reported valid, and a batch the workers cannot read fails loudly instead of passing.
import { generateKeyPairSync } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { VerifyPool, verifyAll, type VerifyItem } from '../../../src/main/core/log/verifyPool';
import { KeyRing, verifyItemSync } from '../../../src/main/core/verify/recordCrypto';
import { recordSigningMessage } from '../../../src/shared/records/envelope';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import { keyIdOf, signMessage } from '../../../src/main/core/crypto/ed25519';

const pools: VerifyPool[] = [];
afterEach(async () => {
  while (pools.length) await pools.pop()!.close();
});

const dsl = generateKeyPairSync('ed25519');
const dslId = keyIdOf(dsl.publicKey);
const dslPem = dsl.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const forger = generateKeyPairSync('ed25519');

function item(text: string, opts: { key?: typeof dsl; keyId?: string; hash?: string } = {}) {
  const hash = opts.hash ?? sha256Hex(text);
  return {
    canonical: text,
    hash,
    signature: signMessage((opts.key ?? dsl).privateKey, recordSigningMessage(sha256Hex(text))),
    keyId: opts.keyId ?? dslId,
  } satisfies VerifyItem;
}

/** valid, edited text (1), signed by a forger under the DSL's key id (2), unknown key (3). */
const ITEMS: VerifyItem[] = [
  item('{"n":1}'),
  { ...item('{"n":2}'), canonical: '{"n":"two"}' },
  item('{"n":3}', { key: forger }),
  item('{"n":4}', { keyId: 'f'.repeat(64) }),
  item('{"n":5}'),
];
const EXPECTED = [0, 1, 2, 3, 0];

function pool(size: number) {
  const p = new VerifyPool(new Map([[dslId, dslPem]]), size);
  pools.push(p);
  return p;
}

describe('VerifyPool', () => {
  it('made without a size, uses one worker per core (the whole-log check on a large vault uses them all)', async () => {
    const p = new VerifyPool(new Map([[dslId, dslPem]]));
    pools.push(p);
    expect(p.size).toBe(Math.max(1, availableParallelism()));
    expect([...(await p.verifyRecords(ITEMS))]).toEqual(EXPECTED);
  });

  it('gives each record its verdict, in input order, whatever the batch size and number of workers', async () => {
    for (const [size, batch] of [
      [1, 2000],
      [2, 1],
      [2, 2],
      [3, 4],
    ] as const) {
      const p = pool(size);
      expect(p.size).toBe(size);
      expect(
        [...(await verifyAll(p, ITEMS, batch))],
        `${size} workers, batches of ${batch}`,
      ).toEqual(EXPECTED);
    }
  });

  it('agrees with the in-thread check on every verdict', async () => {
    const ring = new KeyRing(new Map([[dslId, dslPem]]));
    expect(ITEMS.map((i) => verifyItemSync(i, ring))).toEqual(EXPECTED);
    expect([...(await pool(2).verifyRecords(ITEMS))]).toEqual(EXPECTED);
  });

  it('a key id whose stored key is not a key at all is "unknown key", never valid', async () => {
    const p = new VerifyPool(new Map([[dslId, 'not a PEM']]), 1);
    pools.push(p);
    expect([...(await p.verifyRecords([item('{"n":1}')]))]).toEqual([3]);
  });

  it('raw mode (the benchmark baseline) verifies the bare messages', async () => {
    const msg = 'caseseal:record:v1:' + 'a'.repeat(64);
    const good = signMessage(dsl.privateKey, msg);
    const r = await pool(1).verifyRaw([
      { message: msg, signature: good, keyId: dslId },
      { message: msg + 'x', signature: good, keyId: dslId },
      { message: msg, signature: good, keyId: 'unknown' },
    ]);
    expect([...r]).toEqual([0, 2, 2]);
  });

  it('a batch the workers cannot read fails loudly (rejects) instead of being reported valid', async () => {
    const p = pool(1);
    await expect(
      p.verifyRecords([{ canonical: undefined, hash: 'x', signature: 'x', keyId: dslId } as never]),
    ).rejects.toThrow();
  });

  it('an empty batch is no work', async () => {
    expect([...(await verifyAll(pool(1), []))]).toEqual([]);
  });
});
