// Migration 0070: back-fills the dashboard's triage rows in `case_waiting` (imagery next steps R1/R11,
// open deletion instructions R17) from the records of every open case. No new table: new appends
// keep the rows in step; this only brings vaults made before the triage up to date.
import type { Migration } from './types';
import { deriveCaseFacts } from '../../../shared/records/deriveFacts';
import type { Envelope } from '../../../shared/records/envelope';
import { triageRows } from '../../../shared/rules/nextSteps';

export const migration0070: Migration = {
  version: 70,
  name: 'triage',
  async up(db) {
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
      for (const row of triageRows(facts)) {
        if (row.since === null || row.payload === null) continue;
        await db.run(
          `INSERT INTO case_waiting (case_id, source, since, payload) VALUES (?,?,?,?)
             ON CONFLICT(case_id, source) DO UPDATE SET since = excluded.since, payload = excluded.payload`,
          [c.id, row.source, row.since, JSON.stringify(row.payload)],
        );
      }
    }
  },
};
