// Migration 0050: pupils as records. The signed truth is in `records` (each pupil's own chain, and
// `pupil-linked` / `case-linked` records in case chains); these tables are projections of it, for
// the pupil page, the chronology and pupil search (docs/design.md, "Pupils").
import type { Migration } from './types';

export const migration0050: Migration = {
  version: 50,
  name: 'pupils',
  async up(db) {
    await db.exec(`
      CREATE TABLE pupils (
        id            TEXT PRIMARY KEY,      -- the pupil's chain id (envelope caseId of its records)
        legal_name    TEXT NOT NULL,
        known_as      TEXT,
        year_group    TEXT NOT NULL,
        tutor_group   TEXT,
        date_of_birth TEXT,
        sex           TEXT,
        upn           TEXT,
        details       TEXT NOT NULL,         -- JSON: the pupil record as corrected
        record_id     TEXT NOT NULL,         -- the first (registering) record
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pupils_by_name ON pupils(legal_name COLLATE NOCASE);
      CREATE INDEX pupils_by_upn ON pupils(upn);

      CREATE VIRTUAL TABLE pupil_fts USING fts5(
        text,
        pupil_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE pupil_case_links (
        pupil_id   TEXT NOT NULL,
        case_id    TEXT NOT NULL,
        role       TEXT NOT NULL,
        record_id  TEXT NOT NULL,
        linked_at  TEXT NOT NULL,
        PRIMARY KEY (pupil_id, case_id, role)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pupil_case_links_by_case ON pupil_case_links(case_id);

      CREATE TABLE pupil_relations (
        pupil_id       TEXT NOT NULL,
        other_pupil_id TEXT NOT NULL,
        relation       TEXT NOT NULL,
        record_id      TEXT NOT NULL,
        PRIMARY KEY (pupil_id, other_pupil_id, relation)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pupil_relations_by_other ON pupil_relations(other_pupil_id);

      CREATE TABLE case_relations (
        case_id       TEXT NOT NULL,
        other_case_id TEXT NOT NULL,
        relation      TEXT NOT NULL,
        record_id     TEXT NOT NULL,
        PRIMARY KEY (case_id, other_case_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_relations_by_other ON case_relations(other_case_id);
    `);
  },
};
