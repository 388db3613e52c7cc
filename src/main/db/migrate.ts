// Runs pending migrations in one transaction and sets user_version; refuses a vault written by a
// newer CaseSeal (its user_version is above the newest migration we know).
import { CaseSealError } from '../../shared/errors';
import type { Sqlite } from './sqlite';
import type { Migration } from './migrations/types';
import { MIGRATIONS } from './migrations';

/** The registry must be strictly increasing in steps of 10 — a mis-ordered list fails at start-up. */
export function checkRegistry(list: readonly Migration[] = MIGRATIONS): void {
  list.forEach((m, i) => {
    if (m.version !== (i + 1) * 10) {
      throw new Error(
        `migration registry out of order at ${m.version}-${m.name} (expected ${(i + 1) * 10})`,
      );
    }
  });
}

export function latestVersion(list: readonly Migration[] = MIGRATIONS): number {
  return list.at(-1)?.version ?? 0;
}

export async function migrate(
  db: Sqlite,
  list: readonly Migration[] = MIGRATIONS,
): Promise<{ from: number; to: number }> {
  checkRegistry(list);
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const from = row?.user_version ?? 0;
  const latest = latestVersion(list);
  if (from > latest) throw new CaseSealError('VAULT_TOO_NEW');
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  await db.transaction(async (conn) => {
    for (const m of pending) await m.up(conn);
    // user_version takes an integer literal only; `latest` is a number from our own registry.
    await conn.exec(`PRAGMA user_version = ${Math.trunc(latest)}`);
  });
  return { from, to: latest };
}
