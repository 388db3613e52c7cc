// Which files of the vault folder a backup carries besides the database: all of them (the key-slot
// file and anything later versions keep beside the vault, such as an intake folder), except the
// live database's own files (the snapshot replaces them) and hidden work files (names starting
// with a dot: temp files being written, the backup's own work folder).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VaultFile } from './container';

const LIVE_DB = /^caseseal\.db(-wal|-shm|-journal)?$/;

export function otherVaultFiles(vaultDir: string, keySlotsName: string): VaultFile[] {
  const out: VaultFile[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && (LIVE_DB.test(e.name) || e.name === keySlotsName)) continue;
      if (e.isDirectory()) walk(join(dir, e.name), relPath);
      else if (e.isFile()) out.push({ path: relPath, data: readFileSync(join(dir, e.name)) });
    }
  };
  walk(vaultDir, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
