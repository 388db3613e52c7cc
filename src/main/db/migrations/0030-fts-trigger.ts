// Migration 0030: the full-text index is filled by a trigger on the append-only records table, in
// the same statement as the insert — one fewer round trip per signed record (docs/performance.md),
// and no way for a record to be appended without being indexed.
import type { Migration } from './types';

export const migration0030: Migration = {
  version: 30,
  name: 'fts-trigger',
  async up(db) {
    await db.exec(`
      CREATE TRIGGER records_fts_index AFTER INSERT ON records
      BEGIN
        INSERT INTO record_fts (text, record_id, case_id, signer_id)
        SELECT NEW.kind || char(10) || coalesce((SELECT group_concat(value, char(10)) FROM json_tree(NEW.envelope, '$.body') WHERE type = 'text'), ''),
               NEW.id, NEW.case_id, NEW.signer_id;
      END;
    `);
  },
};
