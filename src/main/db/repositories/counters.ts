// Named counters (case references per year, exhibit references per year): one row per name,
// incremented inside the caller's transaction so two writers can never take the same number.
import type { Conn } from '../sqlite';

/** Increments `name` (starting at 1) and returns the new value. */
export async function nextCounter(conn: Conn, name: string): Promise<number> {
  await conn.run(
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1',
    [name],
  );
  const row = await conn.get<{ value: number }>('SELECT value FROM counters WHERE name = ?', [
    name,
  ]);
  return row!.value;
}
