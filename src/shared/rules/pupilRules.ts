// Rule hints that come from the pupils linked to a case (R17): the young person asked to delete
// imagery is usually the one linked as having shared it.
import type { CaseFacts } from '../records/facts';
import type { Finding } from './finding';
import { sharers } from '../pupils/caseChildren';
import { pupilDisplayName } from '../records/kinds/pupilLink';

/** R17: advice when the child chosen is not a pupil linked as having shared, and one is linked. */
export function sharerAdvice(facts: CaseFacts, childId: unknown): Finding[] {
  const shared = sharers(facts);
  if (shared.length === 0 || typeof childId !== 'string') return [];
  const chosen = facts.children.find((c) => c.id === childId);
  if (chosen?.pupilId && shared.some((s) => s.pupilId === chosen.pupilId)) return [];
  return [
    {
      rule: 'R17',
      status: 'advice',
      stage: 'sign',
      field: 'child',
      message: `Linked to this case as the person who shared: ${shared.map((s) => pupilDisplayName(s.pupil)).join(', ')}. Check you have chosen the right young person.`,
    },
  ];
}
