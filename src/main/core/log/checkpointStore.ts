// The copy of each person's latest signed checkpoint kept in their entry of the key-slot file: a
// second place, outside the vault, that someone cutting the log short would also have to rewind.
// Read and written atomically through the key-slot file's own writer.
import { accountSlots, readKeySlots, writeKeySlots } from '../vault/keySlots';

export interface SignedCheckpointText {
  body: string;
  signature: string;
}

/** Every account slot's checkpoint copy (slots without one are left out). */
export function readSlotCheckpoints(
  keySlotsPath: string,
): Array<{ accountId: string; checkpoint: SignedCheckpointText }> {
  return accountSlots(readKeySlots(keySlotsPath)).flatMap((s) =>
    s.checkpoint ? [{ accountId: s.accountId, checkpoint: s.checkpoint }] : [],
  );
}

/** Replaces one account's checkpoint copy; other slots are written back unchanged. */
export function writeSlotCheckpoint(
  keySlotsPath: string,
  accountId: string,
  checkpoint: SignedCheckpointText,
): void {
  const file = readKeySlots(keySlotsPath);
  const slot = accountSlots(file).find((s) => s.accountId === accountId);
  if (!slot) return; // the account was disabled meanwhile: its copy in the vault remains
  slot.checkpoint = { body: checkpoint.body, signature: checkpoint.signature };
  writeKeySlots(keySlotsPath, file);
}
