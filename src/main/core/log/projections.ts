// Keeps the derived tables (cases, case_people) in step with the signed records, in the same
// transaction as the append. They can always be rebuilt from the records; the records are the truth.
import type { Conn } from '../../db/sqlite';
import { deriveCaseFacts } from '../../../shared/records/deriveFacts';
import type { CaseFacts } from '../../../shared/records/facts';
import { readCaseRecords } from './recordLog';
import { currentPupilDetails, projectPupilLinks } from '../pupils/pupilProjection';
import type { ProjectionHook } from './projectionHook';
import { deviceProjection } from '../custody/deviceProjection';
import { waitingProjection } from '../dashboard/waitingProjection';
import { triageProjection } from '../dashboard/triage';
import { addCasePerson, updateCaseProjection } from '../../db/repositories/cases';

export async function caseFacts(conn: Conn, caseId: string): Promise<CaseFacts> {
  return factsOfRecords(conn, caseId, await readCaseRecords(conn, caseId));
}

/** The facts of a case whose records the caller has already read (no second read of them). */
export async function factsOfRecords(
  conn: Conn,
  caseId: string,
  records: Awaited<ReturnType<typeof readCaseRecords>>,
): Promise<CaseFacts> {
  return deriveCaseFacts(
    caseId,
    records.map((r) => ({ envelope: r.envelope, hash: r.hash })),
    await currentPupilDetails(conn, records),
  );
}

export type { ProjectionHook } from './projectionHook';

/**
 * Projections kept by record kinds beyond the cases table, run in this order in the append's
 * transaction. An explicit list (like MIGRATIONS): adding one is a line here.
 */
export const PROJECTIONS: readonly ProjectionHook[] = [
  deviceProjection,
  waitingProjection,
  triageProjection,
];

export async function refreshCaseProjection(
  conn: Conn,
  caseId: string,
  at: string,
): Promise<CaseFacts> {
  const facts = await caseFacts(conn, caseId);
  const children = facts.children.map((c) => c.name).join('; ');
  await updateCaseProjection(conn, {
    id: caseId,
    status: facts.status,
    title: facts.title ?? 'Untitled',
    incidentKind: facts.incidentKind ?? null,
    category: facts.category ?? null,
    children,
    openedAt: facts.openedAt ?? null,
    updatedAt: facts.lastSignedAt ?? at,
    flags: JSON.stringify(facts.flags),
  });
  for (const accountId of facts.participants) await addCasePerson(conn, caseId, accountId);
  for (const h of PROJECTIONS) await h(conn, facts, at);
  await projectPupilLinks(conn, facts);
  return facts;
}
