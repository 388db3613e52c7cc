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

export async function caseFacts(conn: Conn, caseId: string): Promise<CaseFacts> {
  const records = await readCaseRecords(conn, caseId);
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
  await conn.run(
    `UPDATE cases SET status = ?, title = ?, incident_kind = ?, category = ?, children = ?, opened_at = ?, updated_at = ?, flags = ? WHERE id = ?`,
    [
      facts.status,
      facts.title ?? 'Untitled',
      facts.incidentKind ?? null,
      facts.category ?? null,
      children,
      facts.openedAt ?? null,
      facts.lastSignedAt ?? at,
      JSON.stringify(facts.flags),
      caseId,
    ],
  );
  for (const accountId of facts.participants) {
    await conn.run('INSERT OR IGNORE INTO case_people (case_id, account_id) VALUES (?, ?)', [
      caseId,
      accountId,
    ]);
  }
  for (const h of PROJECTIONS) await h(conn, facts, at);
  await projectPupilLinks(conn, facts);
  return facts;
}
