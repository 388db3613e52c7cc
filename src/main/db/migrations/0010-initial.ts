// Migration 0010: the whole data model of docs/design.md ("Tables") — designed once for the case
// log, imagery, custody, referral and export issues. Append-only tables get triggers that abort
// UPDATE and DELETE (docs/design.md; records are evidence).
import type { Migration } from './types';

function appendOnly(table: string): string {
  return `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: signed entries are never changed'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: signed entries are never deleted'); END;`;
}

export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  async up(db) {
    await db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL               -- JSON
      ) STRICT;

      CREATE TABLE accounts (
        id          TEXT PRIMARY KEY,
        full_name   TEXT NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('dsl','deputy','slt','staff')),
        created_at  TEXT NOT NULL,
        created_by  TEXT,
        disabled_at TEXT,
        disabled_by TEXT
      ) STRICT;

      CREATE TABLE account_keys (
        key_id      TEXT PRIMARY KEY,     -- sha256 of the raw Ed25519 public key (hex)
        account_id  TEXT NOT NULL REFERENCES accounts(id),
        public_key  TEXT NOT NULL,        -- SPKI PEM
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX account_keys_by_account ON account_keys(account_id, created_at);

      CREATE TABLE records (
        seq         INTEGER PRIMARY KEY,  -- whole-vault chain position (= envelope.seq)
        id          TEXT NOT NULL UNIQUE,
        case_id     TEXT NOT NULL,
        case_seq    INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        signer_id   TEXT NOT NULL REFERENCES accounts(id),
        key_id      TEXT NOT NULL REFERENCES account_keys(key_id),
        signed_at   TEXT NOT NULL,
        subject_id  TEXT,                 -- the record this one points at (correction, countersignature)
        envelope    TEXT NOT NULL,        -- the canonical JSON exactly as hashed (RFC 8785)
        hash        TEXT NOT NULL UNIQUE,
        signature   TEXT NOT NULL,        -- base64 Ed25519
        UNIQUE (case_id, case_seq)
      ) STRICT;
      CREATE INDEX records_by_subject ON records(subject_id);
      CREATE INDEX records_by_signer ON records(signer_id, case_id);
      CREATE INDEX records_by_kind ON records(kind, case_id);

      CREATE TABLE cases (
        id            TEXT PRIMARY KEY,
        ref           TEXT NOT NULL UNIQUE,    -- e.g. C-2026-0007
        status        TEXT NOT NULL,
        title         TEXT NOT NULL,
        incident_kind TEXT,
        category      TEXT,
        children      TEXT NOT NULL DEFAULT '', -- names, for filtering
        created_at    TEXT NOT NULL,
        created_by    TEXT NOT NULL,
        opened_at     TEXT,
        updated_at    TEXT NOT NULL,
        flags         TEXT NOT NULL DEFAULT '[]' -- JSON array of flag codes, e.g. ["copy-made"]
      ) STRICT;
      CREATE INDEX cases_by_status ON cases(status, updated_at);
      CREATE INDEX cases_by_updated ON cases(updated_at);

      CREATE TABLE case_people (
        case_id    TEXT NOT NULL,
        account_id TEXT NOT NULL,
        PRIMARY KEY (case_id, account_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_people_by_account ON case_people(account_id);

      CREATE TABLE devices (
        id            TEXT PRIMARY KEY,
        case_id       TEXT NOT NULL,
        exhibit_ref   TEXT NOT NULL UNIQUE,
        state         TEXT NOT NULL,           -- JSON projection of the chain of custody
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX devices_by_case ON devices(case_id);

      CREATE VIRTUAL TABLE record_fts USING fts5(
        text,
        record_id UNINDEXED,
        case_id UNINDEXED,
        signer_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE audit (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor_id   TEXT,
        action     TEXT NOT NULL,
        case_id    TEXT,
        record_id  TEXT,
        detail     TEXT NOT NULL,          -- JSON
        prev_hash  TEXT,
        hash       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_case ON audit(case_id, seq);
      CREATE INDEX audit_by_actor ON audit(actor_id, seq);

      CREATE TABLE integrity_checkpoint (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        verified_seq  INTEGER NOT NULL,
        verified_hash TEXT,
        audit_seq     INTEGER NOT NULL,
        audit_hash    TEXT,
        at            TEXT NOT NULL
      ) STRICT;

      CREATE TABLE counters (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;

      ${appendOnly('records')}
      ${appendOnly('account_keys')}
      ${appendOnly('audit')}
    `);
  },
};
