// Check: records.json parses and is in the export format; fills the summary's export details.
import { BUNDLE_FILES, recordsFileSchema } from '../bundleFormat';
import { parseJson, type BundleCheck } from './context';

export const recordsFormat: BundleCheck = {
  name: 'records.json format',
  // A missing records.json is named by "Files present"; this check would have nothing to read.
  applies: (ctx) => ctx.files.has(BUNDLE_FILES.records),
  run(ctx) {
    const raw = ctx.files.get(BUNDLE_FILES.records)!;
    const parsed = parseJson(raw, BUNDLE_FILES.records, 'records-malformed', ctx.problems);
    // Stryker disable next-line StringLiteral: a problem was just named, and it replaces this detail
    if (parsed === undefined) return 'readable';
    const res = recordsFileSchema.safeParse(parsed);
    if (!res.success) {
      for (const issue of res.error.issues.slice(0, 10)) {
        ctx.problems.push({
          code: 'records-malformed',
          file: BUNDLE_FILES.records,
          message: `records.json is not in the export format at ${issue.path.join('.') || 'the top level'}: ${issue.message}`,
        });
      }
      // Stryker disable next-line StringLiteral: problems were just named, and they replace this detail
      return 'readable';
    }
    const f = res.data;
    ctx.recordsFile = f;
    ctx.summary.exportId = f.exportId;
    ctx.summary.exportedAt = f.exportedAt;
    ctx.summary.school = f.school;
    ctx.summary.exporter = {
      name: f.exporter.name,
      role: f.exporter.role,
      keyId: f.exporter.keyId,
    };
    ctx.summary.recipient = f.recipient;
    return 'readable';
  },
};
