// In-thread record verification (hash + Ed25519), for small batches and the export verifier; the
// worker pool in log/verifyPool.ts does the same work on all cores for large logs.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { recordSigningMessage } from '../../../shared/records/envelope';
import { sha256Hex } from '../crypto/hash';
import { verifyMessage } from '../crypto/ed25519';
import type { ItemVerdict, VerifyItem } from '../log/verifyPool';

export class KeyRing {
  private readonly objects = new Map<string, KeyObject | null>();
  constructor(private readonly pems: ReadonlyMap<string, string>) {}
  get(keyId: string): KeyObject | null {
    // Stryker disable next-line ConditionalExpression: a cache; reading the key again gives the same key.
    if (!this.objects.has(keyId)) {
      const pem = this.pems.get(keyId);
      let k: KeyObject | null = null;
      try {
        // Stryker disable next-line ConditionalExpression: with no PEM, createPublicKey throws and the key is null all the same.
        if (pem) k = createPublicKey(pem);
      } catch {
        // Not a public key: the records it signed name an unknown key.
      }
      this.objects.set(keyId, k);
    }
    return this.objects.get(keyId) ?? null;
  }
}

export function verifyItemSync(item: VerifyItem, ring: KeyRing): ItemVerdict {
  if (sha256Hex(item.canonical) !== item.hash) return 1;
  const key = ring.get(item.keyId);
  if (!key) return 3;
  return verifyMessage(key, recordSigningMessage(item.hash), item.signature) ? 0 : 2;
}
