// The children of a case as the rules see them: the children named in the case's own words, with
// each linked pupil's record laid over them (date of birth for the R11 under-13 hint, sex for R7,
// SEND for R11) and linked pupils not named in the words added. The signed text is never changed.
import type { CaseChild, CaseFacts } from '../records/facts';
import type { PupilLinkFact, PupilSnapshot } from '../records/kinds/pupilLink';
import { pupilDisplayName } from '../records/kinds/pupilLink';

/** Roles whose pupil is a child involved in the incident (a witness is not: R13 asks nothing of them). */
const CHILD_ROLES = new Set(['child-concerned', 'other-child', 'shared']);

export function pupilLinks(facts: CaseFacts): PupilLinkFact[] {
  return (facts.pupilLinks as PupilLinkFact[] | undefined) ?? [];
}

/**
 * Applies the pupil links to `facts.children` in place. `current` holds each pupil's record as it
 * stands now (main passes it, so a corrected date of birth counts); otherwise the details signed
 * with the link are used.
 */
export function applyPupilLinks(
  facts: CaseFacts,
  current?: ReadonlyMap<string, PupilSnapshot>,
): void {
  for (const link of pupilLinks(facts)) {
    if (!CHILD_ROLES.has(link.role)) continue;
    const p = current?.get(link.pupilId) ?? link.pupil;
    const named = link.childId
      ? facts.children.find((c) => c.id === link.childId)
      : facts.children.find((c) => c.pupilId === link.pupilId || c.id === link.pupilId);
    if (named) {
      overlay(named, link.pupilId, p);
      continue;
    }
    const child: CaseChild = {
      id: link.pupilId,
      name: pupilDisplayName(p),
      sex: 'not-known',
      send: false,
    };
    overlay(child, link.pupilId, p);
    facts.children.push(child);
  }
}

function overlay(c: CaseChild, pupilId: string, p: PupilSnapshot): void {
  c.pupilId = pupilId;
  if (p.dateOfBirth) c.dateOfBirth = p.dateOfBirth;
  if (p.yearGroup) c.yearGroup = p.yearGroup;
  if (p.sex && p.sex !== 'not-known') c.sex = p.sex;
  if (p.send === true) c.send = true;
  if (p.lookedAfter === true) c.lookedAfter = true;
}

/** R17: the pupils linked as having shared the imagery (those usually asked to delete it). */
export function sharers(facts: CaseFacts): PupilLinkFact[] {
  return pupilLinks(facts).filter((l) => l.role === 'shared');
}
