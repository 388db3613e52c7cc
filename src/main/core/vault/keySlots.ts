// The key-slot file beside the vault (docs/design.md, "Trust model"): per account, that account's
// Ed25519 private key and — for the people who must read cases only — the vault key and the school
// key, each wrapped with AES-256-GCM under a scrypt key derived from the person's passphrase; plus
// one recovery slot. Version 2 adds the school and intake public keys; version 1 files (every slot
// wrapping the vault key) are still read, and upgraded at the next DSL sign-in.
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
  existsSync,
  unlinkSync,
} from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CaseSealError } from '../../../shared/errors';
import { ROLES } from '../../../shared/roles';

export const KEYSLOT_FORMAT = 'caseseal-keyslots';
export const KEYSLOT_VERSION = 2;
/** Files written by the first release: no school key, every slot wraps the vault key. */
export const KEYSLOT_VERSION_V1 = 1;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const blob = z.object({ iv: b64, data: b64, tag: b64 }).strict();
const scryptParams = z
  .object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: b64,
  })
  .strict();

const accountSlot = z
  .object({
    type: z.literal('account'),
    accountId: z.string().uuid(),
    name: z.string().min(1).max(200),
    role: z.enum(ROLES),
    keyId: z.string().regex(/^[0-9a-f]{64}$/),
    kdf: scryptParams,
    // Absent for staff: they cannot decrypt the vault (least privilege).
    vaultKey: blob.optional(),
    signingKey: blob,
    // The school key's private key: DSL slots only.
    schoolKey: blob.optional(),
    // The school key fingerprint this person trusts, sealed under their own passphrase so that
    // someone who can write the file cannot swap the school key unnoticed at their next sign-in.
    trust: blob.optional(),
    // Failed sign-ins happen while the vault is locked, so they wait here until the next sign-in
    // writes them to the audit trail (`unaudited`, newest last, capped).
    failures: z
      .object({
        count: z.number().int().min(0),
        lastFailureAt: z.string().nullable(),
        unaudited: z.array(z.string()).max(100),
      })
      .strict(),
    // The person's latest signed checkpoint of the log, kept outside the vault (core/log/checkpointStore.ts).
    checkpoint: z
      .object({ body: z.string().max(4000), signature: b64 })
      .strict()
      .optional(),
  })
  .strict();

const recoverySlot = z
  .object({
    type: z.literal('recovery'),
    kdf: z.object({ name: z.literal('hkdf-sha256'), salt: b64 }).strict(),
    vaultKey: blob,
    schoolKey: blob.optional(),
    trust: blob.optional(),
    createdAt: z.string(),
  })
  .strict();

const fileSchema = z
  .object({
    format: z.literal(KEYSLOT_FORMAT),
    version: z.number().int(),
    vaultId: z.string().uuid(),
    createdAt: z.string(),
    // Public halves, readable while the vault is locked (a staff session needs them to seal a
    // concern). Trusted only through the fingerprint sealed in the person's own slot.
    schoolKey: z
      .object({
        publicKeyPem: z.string().max(2000),
        fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict()
      .optional(),
    intakeKey: z
      .object({
        publicKeyPem: z.string().max(2000),
        keyId: z.string().regex(/^[0-9a-f]{64}$/),
        createdAt: z.string(),
        /** Ed25519 by the school key over the intake key statement (intake/intakeKey.ts). */
        signature: b64,
      })
      .strict()
      .optional(),
    slots: z.array(z.discriminatedUnion('type', [accountSlot, recoverySlot])),
  })
  .strict();

export type AccountSlot = z.infer<typeof accountSlot>;
export type RecoverySlot = z.infer<typeof recoverySlot>;
export type KeySlotFile = z.infer<typeof fileSchema>;

export function aadFor(
  vaultId: string,
  slot: 'recovery' | { accountId: string },
  purpose: 'vault-key' | 'signing-key' | 'school-key' | 'school-trust',
): string {
  const who = slot === 'recovery' ? 'recovery' : `account/${slot.accountId}`;
  return `caseseal/keyslot/v1/${vaultId}/${who}/${purpose}`;
}

export function readKeySlots(path: string): KeySlotFile {
  if (!existsSync(path)) {
    throw new CaseSealError(
      'KEYSLOTS_DAMAGED',
      'The key-slot file beside the vault is missing. The vault has not been changed. Restore both files from the same backup.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CaseSealError(
      'KEYSLOTS_DAMAGED',
      'The key-slot file beside the vault is damaged (it is not complete). The vault has not been changed. Restore the key-slot file from a backup copy.',
    );
  }
  if (
    parsed &&
    typeof parsed === 'object' &&
    (parsed as { format?: unknown }).format === KEYSLOT_FORMAT
  ) {
    const version = (parsed as { version?: unknown }).version;
    if (typeof version === 'number' && version > KEYSLOT_VERSION)
      throw new CaseSealError('VAULT_TOO_NEW');
  }
  const res = fileSchema.safeParse(parsed);
  if (
    !res.success ||
    (res.data.version !== KEYSLOT_VERSION && res.data.version !== KEYSLOT_VERSION_V1) ||
    !res.data.slots.some((s) => s.type === 'recovery')
  ) {
    throw new CaseSealError(
      'KEYSLOTS_DAMAGED',
      'The key-slot file beside the vault is damaged (its contents are not valid). The vault has not been changed. Restore the key-slot file from a backup copy.',
    );
  }
  return res.data;
}

/** Temp file in the same folder, fsync, rename over the old file, fsync the folder; mode 0600. */
export function writeKeySlots(path: string, file: KeySlotFile): void {
  const checked = fileSchema.parse(file);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(checked, null, 2) + '\n');
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    const dfd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Directory fsync is not supported on Windows; the rename is still atomic there.
  }
}

export function accountSlots(file: KeySlotFile): AccountSlot[] {
  return file.slots.filter((s): s is AccountSlot => s.type === 'account');
}

export function recoverySlotOf(file: KeySlotFile): RecoverySlot {
  const slot = file.slots.find((s): s is RecoverySlot => s.type === 'recovery');
  if (!slot) throw new CaseSealError('KEYSLOTS_DAMAGED');
  return slot;
}
