// Keeps the pupil-link projections (pupil_case_links, case_relations) in step with a case's facts,
// in the same transaction as the append; and gives the rules each linked pupil's current record, read
// from the pupil's signed chain, so a corrected date of birth or sex counts for R7 and R11.
import type { Conn } from '../../db/sqlite';
import type { SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts } from '../../../shared/records/facts';
import type { PupilSnapshot } from '../../../shared/records/kinds/pupilLink';
import { pupilLinks } from '../../../shared/pupils/caseChildren';
import type { CaseLinkFact } from '../../../shared/records/kinds/pupilLink';
import { pupilChains, setCasePupilLinks, setCaseRelations } from '../../db/repositories/pupils';
import { deriveCaseFacts } from '../../../shared/records/deriveFacts';
import { signedRecordFromRow, type RecordRow } from '../log/recordLog';

/** A pupil's record as corrected, from their own signed chain (never from a projection). */
export function pupilFromChain(rows: readonly RecordRow[]): Record<string, unknown> | undefined {
  if (rows.length === 0) return undefined;
  const facts = deriveCaseFacts(
    rows[0]!.case_id,
    rows.map(signedRecordFromRow).map((r) => ({ envelope: r.envelope, hash: r.hash })),
  );
  return facts.pupil as Record<string, unknown> | undefined;
}

export function snapshotFromBody(b: Record<string, unknown>): PupilSnapshot {
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const out: PupilSnapshot = { legalName: String(b.legalName), yearGroup: String(b.yearGroup) };
  if (str(b.knownAs)) out.knownAs = str(b.knownAs);
  if (str(b.dateOfBirth)) out.dateOfBirth = str(b.dateOfBirth);
  if (str(b.sex)) out.sex = str(b.sex);
  if (typeof b.send === 'boolean') out.send = b.send;
  if (typeof b.lookedAfter === 'boolean') out.lookedAfter = b.lookedAfter;
  return out;
}

/**
 * The current record of every pupil a case's records link, or undefined when none is linked. Read
 * from the pupils' signed chains, so that the rules (R7, R11) rest on signed records only.
 */
export async function currentPupilDetails(
  conn: Conn,
  records: readonly SignedRecord[],
): Promise<Map<string, PupilSnapshot> | undefined> {
  const ids = new Set<string>();
  for (const r of records)
    if (r.envelope.kind === 'pupil-linked') ids.add(String(r.envelope.body.pupilId));
  if (ids.size === 0) return undefined;
  const byPupil = new Map<string, RecordRow[]>();
  for (const row of await pupilChains(conn, [...ids])) {
    const list = byPupil.get(row.case_id) ?? [];
    list.push(row);
    byPupil.set(row.case_id, list);
  }
  const out = new Map<string, PupilSnapshot>();
  for (const [id, rows] of byPupil) {
    const body = pupilFromChain(rows);
    if (body) out.set(id, snapshotFromBody(body));
  }
  return out;
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
