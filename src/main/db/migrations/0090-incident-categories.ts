// Migration 0090: the school's own kinds of incident, beside the built-in list. A row is never
// deleted (a case may name it) and its name never changes; the only change allowed is retiring it
// once, so it is no longer offered for new cases. Each addition and retirement is a signed audit entry.
import type { Migration } from './types';

export const migration0090: Migration = {
  version: 90,
  name: 'incident-categories',
  async up(db) {
    await db.exec(`
      CREATE TABLE incident_categories (
        id          TEXT PRIMARY KEY,     -- 'school-' + 8 hex: the value cases store
        label       TEXT NOT NULL,
        label_key   TEXT NOT NULL UNIQUE, -- the name folded for the duplicate check
        added_by    TEXT NOT NULL,
        added_at    TEXT NOT NULL,
        retired_by  TEXT,
        retired_at  TEXT
      ) STRICT;
      CREATE TRIGGER incident_categories_no_delete BEFORE DELETE ON incident_categories
        BEGIN SELECT RAISE(ABORT, 'incident categories are never deleted'); END;
      CREATE TRIGGER incident_categories_retire_only BEFORE UPDATE ON incident_categories
        WHEN OLD.retired_at IS NOT NULL
          OR NEW.id IS NOT OLD.id OR NEW.label IS NOT OLD.label OR NEW.label_key IS NOT OLD.label_key
          OR NEW.added_by IS NOT OLD.added_by OR NEW.added_at IS NOT OLD.added_at
          OR NEW.retired_at IS NULL OR NEW.retired_by IS NULL
        BEGIN SELECT RAISE(ABORT, 'an incident category can only be retired, once'); END;
    `);
  },
};
