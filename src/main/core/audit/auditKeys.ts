// The keys an audit entry or a checkpoint may be signed with, as the checks need them: verify a
// signature by key id, and say whose key it is (an account, or the system key).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { verifyMessage } from '../crypto/ed25519';
import type { AuditKeyInfo } from './auditLog';

export interface KnownKey {
  keyId: string;
  publicKeyPem: string;
  accountId: string | null;
}

export function auditKeyInfo(keys: readonly KnownKey[]): AuditKeyInfo {
  const byId = new Map(keys.map((k) => [k.keyId, k]));
  const objects = new Map<string, KeyObject | null>();
  const objectFor = (keyId: string): KeyObject | null => {
    if (!objects.has(keyId)) {
      const pem = byId.get(keyId)?.publicKeyPem;
      let k: KeyObject | null;
      try {
        k = pem ? createPublicKey(pem) : null;
      } catch {
        k = null;
      }
      objects.set(keyId, k);
    }
    return objects.get(keyId) ?? null;
  };
  return {
    verify(keyId, message, signature) {
      const k = objectFor(keyId);
      if (!k) return null;
      return verifyMessage(k, message, signature);
    },
    ownerOf(keyId) {
      const k = byId.get(keyId);
      return k ? k.accountId : undefined;
    },
  };
}
