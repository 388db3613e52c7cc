// Where the vault lives: <userData>/vault by default; school IT and tests override it with
// --vault-dir=<path> or CASESEAL_VAULT_DIR.
import { join, resolve } from 'node:path';

export interface VaultPaths {
  dir: string;
  db: string;
  keySlots: string;
  /** Sealed staff concerns waiting for a team member's sign-in (intake/intakeFolder.ts). */
  intake: string;
}

export function vaultPathsIn(dir: string): VaultPaths {
  const abs = resolve(dir);
  return {
    dir: abs,
    db: join(abs, 'caseseal.db'),
    keySlots: join(abs, 'keyslots.json'),
    intake: join(abs, 'intake'),
  };
}

export function resolveVaultDir(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  userDataDir: string,
): string {
  const flag = argv.find((a) => a.startsWith('--vault-dir='));
  if (flag) return flag.slice('--vault-dir='.length);
  const i = argv.indexOf('--vault-dir');
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  if (env.CASESEAL_VAULT_DIR) return env.CASESEAL_VAULT_DIR;
  return join(userDataDir, 'vault');
}
