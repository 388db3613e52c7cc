// Migration 0020: the dashboard's projection of what is waiting per case — one JSON row
// per (case, source), e.g. the pending countersignatures — so the home screen reads one small
// table instead of re-deriving every case; and an index to find clock anomalies in the audit trail.
import type { Migration } from './types';
import { deriveCaseFacts } from '../../../shared/records/deriveFacts';
import type { Envelope } from '../../../shared/records/envelope';

export const migration0020: Migration = {
  version: 20,
  name: 'waiting',
  async up(db) {
    await db.exec(`
      CREATE TABLE case_waiting (
        case_id  TEXT NOT NULL,
        source   TEXT NOT NULL,          -- e.g. 'countersignatures'
        since    TEXT NOT NULL,          -- UTC ISO: the oldest waiting item of this source
        payload  TEXT NOT NULL,          -- JSON, shape owned by the source
        PRIMARY KEY (case_id, source)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_waiting_by_source ON case_waiting(source, since);
      CREATE INDEX audit_by_action ON audit(action, seq);
    `);
    // Back-fill from the records of every case that is not closed (a projection can always be
    // rebuilt from the records; the records are the truth).
    const cases = await db.all<{ id: string }>("SELECT id FROM cases WHERE status <> 'closed'");
    for (const c of cases) {
      const rows = await db.all<{ envelope: string; hash: string }>(
        'SELECT envelope, hash FROM records WHERE case_id = ? ORDER BY case_seq',
        [c.id],
      );
      const facts = deriveCaseFacts(
        c.id,
        rows.map((r) => ({ envelope: JSON.parse(r.envelope) as Envelope, hash: r.hash })),
      );
      if (facts.pendingCountersignatures.length === 0) continue;
      const since = facts.pendingCountersignatures.map((p) => p.requestedAt).sort()[0]!;
      await db.run('INSERT INTO case_waiting (case_id, source, since, payload) VALUES (?,?,?,?)', [
        c.id,
        'countersignatures',
        since,
        JSON.stringify(facts.pendingCountersignatures),
      ]);
    }
  },
};
