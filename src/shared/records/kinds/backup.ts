// "Backup checked" and "Restored from a backup": signed records of the vault's own log, made only by
// the backup and restore flows. They belong to no case: they sit on the vault's own chain (the
// reserved VAULT_LOG_CASE_ID), so a rollback to an older backup is never silent.
import { z } from 'zod';
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { ROLES } from '../../roles';

/** The case id of records about the vault itself (backups, restores): never a real case's id. */
export const VAULT_LOG_CASE_ID = '00000000-0000-4000-8000-000000000000';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const text = (max: number) => z.string().trim().min(1).max(max);

const backupFields: readonly FieldSpec[] = [
  { name: 'outcome', label: 'Result', type: 'text' },
  { name: 'folder', label: 'Backup folder', type: 'text' },
  { name: 'fileName', label: 'File', type: 'text' },
  { name: 'seq', label: 'Last log position in the backup', type: 'text' },
  { name: 'headHash', label: 'Hash of that record', type: 'text' },
  { name: 'sha256', label: 'SHA-256 of the backup file', type: 'text' },
  { name: 'problem', label: 'What failed', type: 'text', optional: true },
];

export const backupChecked: RecordKindDef = {
  kind: 'backup-checked',
  label: 'Backup checked',
  description: 'A backup was written and checked: its pages, its whole chain and its file hash.',
  mayCreate: ROLES,
  userForm: false,
  correctable: false,
  fields: backupFields,
  schema: z
    .object({
      outcome: z.enum(['verified', 'failed']),
      folder: text(1000),
      fileName: text(255),
      seq: z.number().int().min(0),
      headHash: hex64.nullable(),
      sha256: hex64,
      bytes: z.number().int().min(0),
      problem: text(500).optional(),
    })
    .strict(),
  summary: (b) =>
    b.outcome === 'verified'
      ? `Backup checked: ${String(b.fileName)} (up to log position ${String(b.seq)})`
      : `Backup FAILED its check: ${String(b.fileName)}`,
};

const restoredFields: readonly FieldSpec[] = [
  { name: 'fileName', label: 'Backup file', type: 'text' },
  { name: 'backupSeq', label: 'Last log position in the backup', type: 'text' },
  { name: 'lostFrom', label: 'First log position not in the backup', type: 'text', optional: true },
  {
    name: 'lostTo',
    label: 'Last log position the replaced vault had',
    type: 'text',
    optional: true,
  },
  { name: 'previousVault', label: 'The replaced vault', type: 'text' },
];

export const vaultRestored: RecordKindDef = {
  kind: 'vault-restored',
  label: 'Restored from a backup',
  description:
    'The vault was restored from a backup; the log positions the replaced vault had and the backup did not are named.',
  mayCreate: ROLES,
  userForm: false,
  correctable: false,
  fields: restoredFields,
  schema: z
    .object({
      fileName: text(255),
      backupSha256: hex64,
      backupSeq: z.number().int().min(0),
      backupHeadHash: hex64.nullable(),
      restoredAt: z.string().datetime(),
      // The replaced vault's last position, when it could be read: lostFrom..lostTo were in it and
      // are not in the restored vault. null: there was no vault, or it could not be read.
      previousSeq: z.number().int().min(0).nullable(),
      previousHeadHash: hex64.nullable(),
      lostFrom: z.number().int().min(1).nullable(),
      lostTo: z.number().int().min(1).nullable(),
      previousVault: z.enum(['none', 'read', 'unreadable']),
      movedAsideTo: text(255).nullable(),
    })
    .strict(),
  summary: (b) =>
    b.lostFrom !== null && b.lostTo !== null
      ? `Restored from backup ${String(b.fileName)}: log positions ${String(b.lostFrom)}–${String(b.lostTo)} of the replaced vault are not in it`
      : `Restored from backup ${String(b.fileName)}`,
};
