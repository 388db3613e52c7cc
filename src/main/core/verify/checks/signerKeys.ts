// Check: each signer's public key in records.json is the key its id names (SHA-256 of the raw key).
import { createPublicKey } from 'node:crypto';
import { keyIdOf } from '../../crypto/ed25519';
import { BUNDLE_FILES } from '../bundleFormat';
import { hasRecords, short, type BundleCheck } from './context';

export const signerKeys: BundleCheck = {
  name: 'Signers’ public keys',
  applies: hasRecords,
  run(ctx) {
    for (const k of ctx.recordsFile!.keys) {
      let actual: string | null = null;
      try {
        const obj = createPublicKey(k.publicKeyPem);
        if (obj.asymmetricKeyType === 'ed25519') actual = keyIdOf(obj);
      } catch {
        // Not a public key at all: it names no key id.
      }
      if (actual !== k.keyId) {
        ctx.problems.push({
          code: 'key-id-mismatch',
          file: BUNDLE_FILES.records,
          message: `records.json's public key for ${k.name} is not the key named ${short(k.keyId)}: the key has been replaced.`,
        });
        continue;
      }
      if (ctx.pems.has(k.keyId))
        ctx.problems.push({
          code: 'duplicate-key',
          file: BUNDLE_FILES.records,
          message: `records.json lists key ${short(k.keyId)} twice.`,
        });
      ctx.pems.set(k.keyId, k.publicKeyPem);
      ctx.keyOwner.set(k.keyId, k.accountId);
    }
    return `${ctx.pems.size} keys, each matching its key id`;
  },
};
