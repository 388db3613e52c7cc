// Check: every file of an export is present and nothing else is.
import { sha256Hex } from '../../crypto/hash';
import { ALL_FILES } from '../bundleFormat';
import type { BundleCheck } from './context';

export const filesPresent: BundleCheck = {
  name: 'Files present',
  run(ctx) {
    for (const name of ALL_FILES) {
      if (!ctx.files.has(name))
        ctx.problems.push({
          code: 'missing-file',
          file: name,
          message: `The bundle has no ${name}: a file has been removed.`,
        });
    }
    const known = new Set<string>(ALL_FILES);
    for (const name of ctx.files.keys()) {
      if (!known.has(name))
        ctx.problems.push({
          code: 'extra-file',
          file: name,
          message: `The bundle holds a file that is not part of a CaseSeal export: ${name}`,
        });
    }
    ctx.summary.files = [...ctx.files.entries()].map(([name, b]) => ({
      name,
      bytes: b.length,
      sha256: sha256Hex(b),
    }));
    return `all ${ALL_FILES.length} files, nothing extra`;
  },
};
