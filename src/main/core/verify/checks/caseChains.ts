// Check: each case's chain is complete and linked (no record of an exported case is missing).
import { checkCaseChains } from '../chainChecks';
import { BUNDLE_FILES } from '../bundleFormat';
import { hasRecords, type BundleCheck } from './context';

export const caseChains: BundleCheck = {
  name: 'Per-case hash chains',
  applies: hasRecords,
  run(ctx) {
    const f = ctx.recordsFile!;
    const refOf = new Map<string | undefined, string>(f.cases.map((c) => [c.caseId, c.ref]));
    for (const p of checkCaseChains(ctx.allRecords)) {
      ctx.problems.push({
        code: p.problem,
        file: BUNDLE_FILES.records,
        recordId: p.recordId,
        caseId: p.caseId,
        message: `In case ${refOf.get(p.caseId) ?? p.caseId}, ${p.message.charAt(0).toLowerCase()}${p.message.slice(1)}`,
      });
    }
    return `${f.cases.length} case chain(s) complete and linked`;
  },
};
