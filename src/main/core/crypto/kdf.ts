// Passphrase -> key-encryption key with scrypt (memory-hard, node:crypto). Parameters are stored
// per key slot so they can be raised later without breaking existing slots.
import { scrypt, randomBytes } from 'node:crypto';

export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string; // base64, 16 bytes
}

/**
 * N = 2^17, r = 12: 192 MiB and ≈390 ms per derivation on this machine when quiet (r = 8 measured
 * 261 ms — too close to the 250 ms floor to be safe on a faster PC). `npm run bench`
 * reports it as unlock_kdf_ms.
 */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 12, p: 1 } as const;

/** Tests may lower the cost so the suite stays quick; production code never calls this. */
let costOverride: { N: number; r: number; p: number } | null = null;
export function setScryptCostForTests(cost: { N: number; r: number; p: number } | null): void {
  costOverride = cost;
}

export function newScryptParams(): ScryptParams {
  const cost = costOverride ?? DEFAULT_SCRYPT;
  return { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') };
}

export function validScryptParams(p: unknown): p is ScryptParams {
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  return (
    o.name === 'scrypt' &&
    Number.isInteger(o.N) &&
    (o.N as number) >= 2 ** 10 &&
    (o.N as number) <= 2 ** 22 &&
    ((o.N as number) & ((o.N as number) - 1)) === 0 &&
    Number.isInteger(o.r) &&
    (o.r as number) >= 1 &&
    (o.r as number) <= 32 &&
    Number.isInteger(o.p) &&
    (o.p as number) >= 1 &&
    (o.p as number) <= 16 &&
    typeof o.salt === 'string' &&
    Buffer.from(o.salt, 'base64').length === 16
  );
}

export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase.normalize('NFC'), 'utf8'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}
