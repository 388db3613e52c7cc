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
        // Stryker disable next-line StringLiteral: caught just below; the text is never shown
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
      // Stryker disable next-line BooleanLiteral: read only if edVerify throws, which it does not for an Ed25519 key object and buffers
      let ok = false;
      try {
        // Node's Ed25519 verify returns false for a signature of any other length than 64 bytes.
        ok = edVerify(null, manifest, ctx.signerKey, sig);
      } catch {
        // Defence in depth: `ok` stays false.
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
    return ctx.signerKeyId
      ? `signed by key ${formatFingerprint(ctx.signerKeyId)}`
      : // Stryker disable next-line StringLiteral: without a key a problem is named, and it replaces this detail
        'checked';
  },
};
