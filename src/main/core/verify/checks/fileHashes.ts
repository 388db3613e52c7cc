// Check: every file listed in the manifest has the SHA-256 the manifest gives.
import { sha256Hex } from '../../crypto/hash';
import { BUNDLE_FILES } from '../bundleFormat';
import type { BundleCheck } from './context';

export const fileHashes: BundleCheck = {
  name: 'File hashes (SHA-256)',
  applies: (ctx) => ctx.files.has(BUNDLE_FILES.manifest),
  run(ctx) {
    for (const [name, want] of ctx.listed) {
      const data = ctx.files.get(name);
      if (!data) continue; // reported as missing already
      const got = sha256Hex(data);
      if (got !== want) {
        ctx.problems.push({
          code: 'file-hash-mismatch',
          file: name,
          message: `${name} has been changed since the bundle was sealed: its SHA-256 is ${got}, the manifest says ${want}.`,
        });
      }
    }
    return `${ctx.listed.size} files match the manifest`;
  },
};
