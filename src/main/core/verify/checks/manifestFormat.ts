// Check: manifest.sha256 is in sha256sum format and lists exactly the export's files.
import { sha256Hex } from '../../crypto/hash';
import { BUNDLE_FILES, MANIFEST_FILES, MANIFEST_LINE } from '../bundleFormat';
import type { BundleCheck } from './context';

export const manifestFormat: BundleCheck = {
  name: 'Manifest format',
  applies: (ctx) => ctx.files.has(BUNDLE_FILES.manifest),
  run(ctx) {
    const manifest = ctx.files.get(BUNDLE_FILES.manifest)!;
    const { problems, listed } = ctx;
    ctx.summary.manifestSha256 = sha256Hex(manifest);
    const text = manifest.toString('utf8');
    if (!text.endsWith('\n') || text.includes('\r')) {
      problems.push({
        code: 'manifest-malformed',
        file: BUNDLE_FILES.manifest,
        message:
          'manifest.sha256 is not in sha256sum format (every line must end with a single LF).',
      });
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((line, i) => {
      const m = MANIFEST_LINE.exec(line);
      if (!m) {
        problems.push({
          code: 'manifest-malformed',
          file: BUNDLE_FILES.manifest,
          message: `manifest.sha256 line ${i + 1} is not a "<sha256>  <file name>" line.`,
        });
        return;
      }
      if (listed.has(m[2]!))
        problems.push({
          code: 'manifest-malformed',
          file: BUNDLE_FILES.manifest,
          message: `manifest.sha256 lists ${m[2]} twice.`,
        });
      listed.set(m[2]!, m[1]!);
    });
    for (const name of MANIFEST_FILES) {
      if (!listed.has(name))
        problems.push({
          code: 'manifest-missing-entry',
          file: name,
          message: `manifest.sha256 does not list ${name}.`,
        });
    }
    for (const name of listed.keys()) {
      if (!(MANIFEST_FILES as readonly string[]).includes(name)) {
        problems.push({
          code: 'manifest-extra-entry',
          file: name,
          message: `manifest.sha256 lists ${name}, which is not part of a CaseSeal export.`,
        });
      }
    }
    return `${listed.size} files listed`;
  },
};
