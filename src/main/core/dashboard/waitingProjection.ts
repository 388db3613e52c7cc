// Keeps `case_waiting` (migration 0020) in step with the records: per case and source, what is
// waiting (e.g. pending countersignatures), written in the same transaction as each append, so the
// dashboard reads one small table instead of re-deriving every case (10,000 cases).
import type { Conn } from '../../db/sqlite';
import type { ProjectionHook } from '../log/projectionHook';
import { clearWaiting, upsertWaiting } from '../../db/repositories/caseWaiting';

/** Set (or clear, with payload null) one source's waiting row for a case. Other sources may use it. */
export async function setWaiting(
  conn: Conn,
  caseId: string,
  source: string,
  since: string | null,
  payload: unknown,
): Promise<void> {
  if (payload === null || since === null) {
    await clearWaiting(conn, caseId, source);
    return;
  }
  await upsertWaiting(conn, { caseId, source, since, payload: JSON.stringify(payload) });
}

export const COUNTERSIGNATURES_SOURCE = 'countersignatures';

export const waitingProjection: ProjectionHook = async (conn, facts) => {
  const pending = facts.pendingCountersignatures;
  const since = pending.length > 0 ? pending.map((p) => p.requestedAt).sort()[0]! : null;
  await setWaiting(
    conn,
    facts.caseId,
    COUNTERSIGNATURES_SOURCE,
    since,
    pending.length > 0 ? pending : null,
  );
};
