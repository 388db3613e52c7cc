// Keeps the `devices` projection (id, case, exhibit reference, custody state JSON) in step with the
// signed records, in the same transaction as each append (docs/design.md, "Tables"). The state is
// rules/custody.ts's CustodyState: everything but the timeline, and flags that need no clock.
import type { ProjectionHook } from '../log/projectionHook';
import { custodyState, deriveCustody } from '../../../shared/rules/custody';
import { upsertDevice } from '../../db/repositories/devices';

export const deviceProjection: ProjectionHook = async (conn, facts, at) => {
  for (const d of Object.values(facts.devices ?? {})) {
    const state = custodyState(deriveCustody(d));
    await upsertDevice(conn, {
      id: d.deviceId,
      caseId: facts.caseId,
      exhibitRef: d.exhibitRef,
      state: JSON.stringify(state),
      updatedAt: at,
    });
  }
};
