// Migration 0100: covering indexes for the certificate check at sign-in. The check finds every
// (person, signing key) pair among records and signed audit entries with its first and last
// signing time (docs/design.md, "Trust model") by a few seeks per pair in these indexes; without
// them it would read and sort the whole table (about 0.4 s on 100,000 records).
import type { Migration } from './types';

export const migration0100: Migration = {
  version: 100,
  name: 'signer-spans',
  async up(db) {
    await db.exec(`
      CREATE INDEX records_by_signer_key ON records(signer_id, key_id, signed_at);
      CREATE INDEX audit_by_signer_key ON audit(actor_id, signer_key_id, at);
    `);
  },
};
