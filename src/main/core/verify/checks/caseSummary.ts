// Check: what the bundle says about each case — its reference, title and flags (copy made,
// custody, referral due, closure) — is what its signed records say. The flags and title the
// verifier reports are derived here from the signed records; records.json's unsigned summary
// ("facts", "title") is compared with them and any difference is a failure.
import { deriveCaseFacts } from '../../../../shared/records/deriveFacts';
import type { Envelope } from '../../../../shared/records/envelope';
import { IMAGERY_FLAG_LABELS } from '../../../../shared/records/imageryFacts';
import { CUSTODY_FLAG_LABELS } from '../../../../shared/records/kinds/custody';
import { BUNDLE_FILES } from '../bundleFormat';
import { hasRecords, type BundleCheck } from './context';

const FLAG_LABELS: Record<string, string> = { ...IMAGERY_FLAG_LABELS, ...CUSTODY_FLAG_LABELS };
const flagWords = (f: string) => (FLAG_LABELS[f] ? `"${f}" (${FLAG_LABELS[f]})` : `"${f}"`);

export const caseSummary: BundleCheck = {
  name: 'Case summaries match the signed records',
  applies: hasRecords,
  run(ctx) {
    const f = ctx.recordsFile!;
    for (const c of f.cases) {
      const signed = c.records
        .map((r, i) => ({ env: ctx.parsedByCase.get(c.caseId)?.[i] ?? null, hash: r.hash }))
        .filter(
          (x): x is { env: Envelope; hash: string } => x.env !== null && x.env.caseId === c.caseId,
        );
      const facts = deriveCaseFacts(
        c.caseId,
        signed.map((x) => ({ envelope: x.env, hash: x.hash })),
      );
      const at = { file: BUNDLE_FILES.records, caseId: c.caseId };
      const title = facts.title ?? 'Untitled';
      if (c.title !== title)
        ctx.problems.push({
          code: 'summary-title-differs',
          ...at,
          message: `records.json gives case ${c.ref} the title "${c.title}", but its signed records give "${title}": the unsigned summary has been changed.`,
        });
      const exportEnv = signed.find(
        (x) => x.env.kind === 'export' && x.env.body.exportId === f.exportId,
      )?.env;
      const listed = (
        exportEnv?.body.cases as Array<{ caseId: string; ref: string }> | undefined
      )?.find((x) => x.caseId === c.caseId);
      if (listed && listed.ref !== c.ref)
        ctx.problems.push({
          code: 'summary-ref-differs',
          ...at,
          message: `records.json gives case reference ${c.ref}, but the signed export record gives ${listed.ref}.`,
        });
      const claimed = Array.isArray(c.facts.flags) ? c.facts.flags.map(String) : [];
      for (const flag of facts.flags.filter((x) => !claimed.includes(x)))
        ctx.problems.push({
          code: 'summary-flag-missing',
          ...at,
          message: `records.json's summary of case ${c.ref} leaves out the flag ${flagWords(flag)} that its signed records set: the unsigned summary has been changed.`,
        });
      for (const flag of claimed.filter((x) => !facts.flags.includes(x)))
        ctx.problems.push({
          code: 'summary-flag-extra',
          ...at,
          message: `records.json's summary of case ${c.ref} shows the flag ${flagWords(flag)}, which its signed records do not set.`,
        });
      if (c.facts.status !== undefined && c.facts.status !== facts.status)
        ctx.problems.push({
          code: 'summary-status-differs',
          ...at,
          message: `records.json's summary says case ${c.ref} is "${String(c.facts.status)}", but its signed records make it "${facts.status}".`,
        });
      // The verifier reports only what the signed records say.
      ctx.summary.cases.push({
        caseId: c.caseId,
        ref: listed?.ref ?? c.ref,
        title,
        records: c.records.length,
        flags: [...facts.flags],
      });
    }
    return `${f.cases.length} case(s): title, status and flags derived from the signed records`;
  },
};
