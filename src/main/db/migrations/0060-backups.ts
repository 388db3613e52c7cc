// Migration 0060: backup settings and state kept in the vault (mutable, not evidence): the backup
// folders and generations, the change mark at the last backup, and a restore awaiting its signed
// record at the next sign-in. Results of backups are signed records, not rows here.
import type { Migration } from './types';

export const migration0060: Migration = {
  version: 60,
  name: 'backups',
  async up(db) {
    await db.exec(`
      CREATE TABLE backup_state (
        key   TEXT PRIMARY KEY,           -- 'config' | 'change-mark' | 'pending-restore'
        value TEXT NOT NULL               -- JSON
      ) STRICT;
    `);
  },
};
