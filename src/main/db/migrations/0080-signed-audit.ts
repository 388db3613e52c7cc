// Migration 0080: audit entries carry the signer's key id and an Ed25519 signature; signed
// checkpoints of both chains (records and audit) are kept in an append-only table; the public half
// of the vault's system key (entries written when nobody has signed in) is stored for checking.
// Entries written before this migration stay unsigned and are reported as "made before audit
// signing": `audit_signing` remembers the first sequence number that must be signed.
import type { Migration } from './types';

export const migration0080: Migration = {
  version: 80,
  name: 'signed-audit',
  async up(db) {
    await db.exec(`
      ALTER TABLE audit ADD COLUMN signer_key_id TEXT;
      ALTER TABLE audit ADD COLUMN signature TEXT;

      CREATE TABLE audit_signing (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        from_seq  INTEGER NOT NULL          -- first audit seq that must carry a signature
      ) STRICT;
      INSERT INTO audit_signing (id, from_seq) SELECT 1, coalesce(max(seq), 0) + 1 FROM audit;

      CREATE TABLE system_keys (
        key_id     TEXT PRIMARY KEY,        -- sha256 of the raw Ed25519 public key (hex)
        public_key TEXT NOT NULL,           -- SPKI PEM
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE log_checkpoints (
        seq        INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        key_id     TEXT NOT NULL,
        body       TEXT NOT NULL,           -- canonical JSON (RFC 8785) exactly as signed
        signature  TEXT NOT NULL            -- base64 Ed25519 over "caseseal:checkpoint:v1:" + sha256(body)
      ) STRICT;
      CREATE INDEX log_checkpoints_by_account ON log_checkpoints(account_id, seq);

      CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints
        BEGIN SELECT RAISE(ABORT, 'log_checkpoints is append-only: signed entries are never changed'); END;
      CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints
        BEGIN SELECT RAISE(ABORT, 'log_checkpoints is append-only: signed entries are never deleted'); END;
      CREATE TRIGGER system_keys_no_update BEFORE UPDATE ON system_keys
        BEGIN SELECT RAISE(ABORT, 'system_keys is append-only'); END;
      CREATE TRIGGER system_keys_no_delete BEFORE DELETE ON system_keys
        BEGIN SELECT RAISE(ABORT, 'system_keys is append-only'); END;
      CREATE TRIGGER audit_signing_no_update BEFORE UPDATE ON audit_signing
        BEGIN SELECT RAISE(ABORT, 'audit_signing is fixed once written'); END;
    `);
  },
};
