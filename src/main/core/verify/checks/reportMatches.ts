// Check: report.pdf shows every record with the same hash as records.json, nothing else, and no
// images (R2).
import { scanPdf } from '../pdfText';
import { BUNDLE_FILES } from '../bundleFormat';
import { recordLabel, type BundleCheck } from './context';

/** Record id -> hashes printed in the report ("Record id: …" followed by "Record SHA-256: …"). */
export function reportRecordHashes(text: string): Map<string, Set<string>> {
  const flat = text.replace(/\s+/g, ' ');
  const out = new Map<string, Set<string>>();
  // The pair may be split by a page footer; never by another record's id.
  const re =
    /Record id: ?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:(?!Record id:)[\s\S]){0,300}?Record SHA-256: ?([0-9a-f]{64})/g;
  for (const m of flat.matchAll(re)) {
    const set = out.get(m[1]!) ?? new Set<string>();
    set.add(m[2]!);
    out.set(m[1]!, set);
  }
  return out;
}

export const reportMatches: BundleCheck = {
  name: 'Report matches records; no images',
  // A missing report.pdf, or one whose zip entry is damaged (kept as an empty marker), is named
  // already: there is nothing to read, and "shows all records" must not be printed beside it.
  applies: (ctx) =>
    ctx.files.has(BUNDLE_FILES.report) &&
    !ctx.problems.some((p) => p.code === 'zip-entry-damaged' && p.file === BUNDLE_FILES.report),
  run(ctx) {
    const pdf = ctx.files.get(BUNDLE_FILES.report)!;
    const done = `report.pdf shows all ${ctx.byId.size} records`;
    const at = { file: BUNDLE_FILES.report };
    if (pdf.length === 0) {
      // An empty report.pdf re-sealed into the manifest shows no record at all and must not pass.
      ctx.problems.push({ code: 'report-unreadable', ...at, message: 'report.pdf is empty.' });
      return done;
    }
    let scan: ReturnType<typeof scanPdf> | null = null;
    try {
      scan = scanPdf(pdf);
    } catch {
      // Defence in depth: scanPdf reports what it cannot read as warnings; `scan` stays null.
    }
    if (!scan || scan.pages === 0) {
      ctx.problems.push({
        code: 'report-unreadable',
        ...at,
        message: 'report.pdf could not be read as a PDF.',
      });
      return done;
    }
    if (scan.imageObjects.length > 0 || scan.inlineImages > 0)
      ctx.problems.push({
        code: 'report-has-images',
        ...at,
        message: `report.pdf embeds ${scan.imageObjects.length + scan.inlineImages} image(s): a CaseSeal report never holds images (R2).`,
      });
    if (!ctx.recordsFile) return done;
    const shown = reportRecordHashes(scan.text);
    for (const [id, { hash, env }] of ctx.byId) {
      const inPdf = shown.get(id);
      if (!inPdf)
        ctx.problems.push({
          code: 'report-missing-record',
          ...at,
          recordId: id,
          caseId: env.caseId,
          message: `report.pdf does not show ${recordLabel(env)} (hash ${hash}).`,
        });
      else if (!inPdf.has(hash))
        ctx.problems.push({
          code: 'report-hash-differs',
          ...at,
          recordId: id,
          caseId: env.caseId,
          message: `report.pdf shows ${recordLabel(env)} with another hash (${[...inPdf].join(', ')}) than records.json (${hash}).`,
        });
    }
    for (const [id, hashes] of shown) {
      if (!ctx.byId.has(id))
        ctx.problems.push({
          code: 'report-extra-record',
          ...at,
          recordId: id,
          message: `report.pdf shows a record ${id} (hash ${[...hashes].join(', ')}) that records.json does not hold.`,
        });
    }
    return done;
  },
};
