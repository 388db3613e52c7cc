// Keeps the pupil-link projections (pupil_case_links, case_relations) in step with a case's facts,
// in the same transaction as the append; and gives the rules each linked pupil's current record, so
// a corrected date of birth or sex counts for R7 and R11.
import type { Conn } from '../../db/sqlite';
import type { SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts } from '../../../shared/records/facts';
import type { PupilSnapshot } from '../../../shared/records/kinds/pupilLink';
import { pupilLinks } from '../../../shared/pupils/caseChildren';
import type { CaseLinkFact } from '../../../shared/records/kinds/pupilLink';
import {
  getPupils,
  setCasePupilLinks,
  setCaseRelations,
  type PupilRow,
} from '../../db/repositories/pupils';

export function snapshotOf(row: PupilRow): PupilSnapshot {
  const d = JSON.parse(row.details) as Record<string, unknown>;
  return {
    legalName: row.legal_name,
    ...(row.known_as ? { knownAs: row.known_as } : {}),
    yearGroup: row.year_group,
    ...(row.date_of_birth ? { dateOfBirth: row.date_of_birth } : {}),
    ...(row.sex ? { sex: row.sex } : {}),
    ...(typeof d.send === 'boolean' ? { send: d.send } : {}),
    ...(typeof d.lookedAfter === 'boolean' ? { lookedAfter: d.lookedAfter } : {}),
  };
}

/** The current record of every pupil a case's records link, or undefined when none is linked. */
export async function currentPupilDetails(
  conn: Conn,
  records: readonly SignedRecord[],
): Promise<Map<string, PupilSnapshot> | undefined> {
  const ids = new Set<string>();
  for (const r of records)
    if (r.envelope.kind === 'pupil-linked') ids.add(String(r.envelope.body.pupilId));
  if (ids.size === 0) return undefined;
  const rows = await getPupils(conn, [...ids]);
  return new Map(rows.map((row) => [row.id, snapshotOf(row)]));
}

export async function projectPupilLinks(conn: Conn, facts: CaseFacts): Promise<void> {
  const links = pupilLinks(facts);
  const rels = (facts.caseLinks as CaseLinkFact[] | undefined) ?? [];
  const had = facts.pupilLinks !== undefined || rels.length > 0;
  if (!had) return;
  await setCasePupilLinks(
    conn,
    facts.caseId,
    links.map((l) => ({
      pupilId: l.pupilId,
      role: l.role,
      recordId: l.recordId,
      linkedAt: facts.records[l.recordId]?.signedAt ?? '',
    })),
  );
  await setCaseRelations(conn, facts.caseId, rels);
}
