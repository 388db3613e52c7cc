// Reads and writes the school settings (one JSON value per key in the `settings` table).
import type { Conn } from '../sqlite';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/settings';

export async function readSettings(conn: Conn): Promise<Settings> {
  const rows = await conn.all<{ key: string; value: string }>('SELECT key, value FROM settings');
  const raw: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) raw[r.key] = JSON.parse(r.value);
  return settingsSchema.parse(raw);
}

export async function writeSettings(conn: Conn, s: Settings): Promise<void> {
  const checked = settingsSchema.parse(s);
  for (const [key, value] of Object.entries(checked)) {
    await conn.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      [key, JSON.stringify(value)],
    );
  }
}
