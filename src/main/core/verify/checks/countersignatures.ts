// Check: countersignatures and corrections cover the records they name, in the same case, and a
// countersignature is a second person's.
import { BUNDLE_FILES } from '../bundleFormat';
import { hasRecords, recordLabel, type BundleCheck } from './context';

export const countersignatures: BundleCheck = {
  name: 'Countersignatures and corrections',
  applies: hasRecords,
  run(ctx) {
    let covered = 0;
    for (const { env } of ctx.byId.values()) {
      if (env.kind !== 'countersignature' && env.kind !== 'correction') continue;
      const isCs = env.kind === 'countersignature';
      const targetId = String(isCs ? env.body.recordId : env.body.correctsId);
      const claimed = String(isCs ? env.body.recordHash : env.body.correctsHash);
      const target = ctx.byId.get(targetId);
      const what = isCs
        ? `Countersignature ${env.id} by ${env.signer.name} (as ${String(env.body.purpose)})`
        : `Correction ${env.id} by ${env.signer.name}`;
      const at = { file: BUNDLE_FILES.records, recordId: env.id, caseId: env.caseId };
      if (!target) {
        ctx.problems.push({
          code: isCs ? 'countersignature-target-missing' : 'correction-target-missing',
          ...at,
          message: `${what} names record ${targetId}, which is not in the bundle.`,
        });
      } else if (target.hash !== claimed) {
        ctx.problems.push({
          code: isCs ? 'countersignature-mismatch' : 'correction-mismatch',
          ...at,
          message: `${what} covers hash ${claimed}, but ${recordLabel(target.env)} has hash ${target.hash}: it does not cover that record.`,
        });
      } else if (target.env.caseId !== env.caseId) {
        ctx.problems.push({
          code: 'cross-case-reference',
          ...at,
          message: `${what} is in another case than ${recordLabel(target.env)}.`,
        });
      } else if (isCs && target.env.signer.accountId === env.signer.accountId) {
        ctx.problems.push({
          code: 'countersigned-by-author',
          ...at,
          message: `${what} was made by the author of ${recordLabel(target.env)}: a countersignature must be a second person's.`,
        });
      } else covered++;
    }
    return `${covered} cover the records they name`;
  },
};
