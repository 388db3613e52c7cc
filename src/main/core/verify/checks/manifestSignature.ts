// Check: manifest.sig is the Ed25519 signature of manifest.sha256 by signer.pub.pem. Run before the
// file hashes, so that a changed manifest line names the broken signature first.
import { createPublicKey, verify as edVerify } from 'node:crypto';
import { formatFingerprint, keyIdOf } from '../../crypto/ed25519';
import { BUNDLE_FILES } from '../bundleFormat';
import type { BundleCheck } from './context';

export const manifestSignature: BundleCheck = {
  name: 'Manifest signature (Ed25519)',
  run(ctx) {
    const pem = ctx.files.get(BUNDLE_FILES.publicKey);
    const sig = ctx.files.get(BUNDLE_FILES.signature);
    const manifest = ctx.files.get(BUNDLE_FILES.manifest);
    if (pem) {
      try {
        const key = createPublicKey(pem.toString('utf8'));
        if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
        ctx.signerKey = key;
        ctx.signerKeyId = keyIdOf(key);
        ctx.summary.signingKey = {
          keyId: ctx.signerKeyId,
          fingerprint: formatFingerprint(ctx.signerKeyId),
        };
      } catch {
        ctx.signerKey = null;
        ctx.problems.push({
          code: 'bad-public-key',
          file: BUNDLE_FILES.publicKey,
          message: 'signer.pub.pem is not an Ed25519 public key in PEM form.',
        });
      }
    }
    if (manifest && sig && ctx.signerKey) {
      let ok: boolean;
      try {
        ok = sig.length === 64 && edVerify(null, manifest, ctx.signerKey, sig);
      } catch {
        ok = false;
      }
      if (!ok) {
        ctx.problems.push({
          code: 'manifest-signature-invalid',
          file: BUNDLE_FILES.signature,
          message:
            'manifest.sig is not a valid Ed25519 signature of manifest.sha256 by the key in signer.pub.pem: the manifest, the signature or the key has been changed.',
        });
      }
    }
    return ctx.signerKeyId ? `signed by key ${formatFingerprint(ctx.signerKeyId)}` : 'checked';
  },
};
