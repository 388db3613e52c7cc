// Migration 0040: the school key's public half, the certificates it signs for every account key,
// the team's intake key (staff concerns are sealed to it) and the sealed concerns already imported
// (docs/design.md, "Trust model"). Certificates and imports are append-only: a certificate, once
// signed, is evidence of who held which key when.
import type { Migration } from './types';

function appendOnly(table: string): string {
  return `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: signed entries are never changed'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: signed entries are never deleted'); END;`;
}

export const migration0040: Migration = {
  version: 40,
  name: 'trust-keys',
  async up(db) {
    await db.exec(`
      CREATE TABLE school_keys (
        fingerprint TEXT PRIMARY KEY,     -- sha256 of the raw Ed25519 public key (hex)
        public_key  TEXT NOT NULL,        -- SPKI PEM
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE certificates (
        serial      TEXT PRIMARY KEY,
        account_id  TEXT NOT NULL,
        key_id      TEXT NOT NULL,
        valid_from  TEXT NOT NULL,
        issued_at   TEXT NOT NULL,
        body        TEXT NOT NULL,        -- canonical JSON exactly as signed (RFC 8785)
        signature   TEXT NOT NULL         -- base64 Ed25519 by the school key
      ) STRICT;
      CREATE INDEX certificates_by_account ON certificates(account_id, valid_from);
      ${appendOnly('certificates')}

      CREATE TABLE intake_keys (
        key_id      TEXT PRIMARY KEY,     -- sha256 of the X25519 public key (SPKI DER), hex
        public_key  TEXT NOT NULL,        -- SPKI PEM
        private_key TEXT NOT NULL,        -- PKCS#8 DER, base64 (inside the encrypted vault)
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE intake_imports (
        intake_id   TEXT PRIMARY KEY,     -- the sealed file's id: a file is imported once
        file_hash   TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      ${appendOnly('intake_imports')}
    `);
  },
};
