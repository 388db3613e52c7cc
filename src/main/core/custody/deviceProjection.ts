// Keeps the `devices` projection (id, case, exhibit reference, custody state JSON) in step with the
// signed records, in the same transaction as each append (docs/design.md, "Tables"). The state is
// rules/custody.ts's CustodyState: everything but the timeline, and flags that need no clock.
import type { ProjectionHook } from '../log/projectionHook';
import { custodyState, deriveCustody } from '../../../shared/rules/custody';

export const deviceProjection: ProjectionHook = async (conn, facts, at) => {
  for (const d of Object.values(facts.devices ?? {})) {
    const state = custodyState(deriveCustody(d));
    await conn.run(
      `INSERT INTO devices (id, case_id, exhibit_ref, state, updated_at) VALUES (?,?,?,?,?)
           ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      [d.deviceId, facts.caseId, d.exhibitRef, JSON.stringify(state), at],
    );
  }
};
