// How a page check's result reads in an integrity report: damage to the file, never tampering.
import type { Problem } from '../verify/chainChecks';
import type { PageCheckResult } from './pageRead';

export function pageProblem(r: PageCheckResult): Problem | null {
  if (r.outcome !== 'damaged') return null;
  return { problem: 'page-damaged', message: r.message };
}
