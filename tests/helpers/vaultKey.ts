// Test helper: the raw vault key an open core holds, for tests that must open the file with another
// SQLCipher build (the witness). Never exposed by the app itself.
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';

export function vaultKeyHexOf(core: CaseSealCore): string {
  const key = (core as unknown as { vaultKey: Buffer | null }).vaultKey;
  if (!key) throw new Error('the vault is not open');
  return key.toString('hex');
}
