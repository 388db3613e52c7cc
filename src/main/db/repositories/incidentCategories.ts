// The school's own kinds of incident (migration 0090): list, add, retire, and whether a case names one.
import type { Conn } from '../sqlite';
import type { IncidentCategory } from '../../../shared/incidentCategories';

interface Row {
  id: string;
  label: string;
  added_by: string;
  added_at: string;
  retired_at: string | null;
}

const toCategory = (r: Row): IncidentCategory => ({
  id: r.id,
  label: r.label,
  addedAt: r.added_at,
  retiredAt: r.retired_at,
});

export async function listCategories(conn: Conn): Promise<IncidentCategory[]> {
  const rows = await conn.all<Row>(
    'SELECT id, label, added_by, added_at, retired_at FROM incident_categories ORDER BY label COLLATE NOCASE',
  );
  return rows.map(toCategory);
}

export async function getCategory(conn: Conn, id: string): Promise<IncidentCategory | null> {
  const r = await conn.get<Row>(
    'SELECT id, label, added_by, added_at, retired_at FROM incident_categories WHERE id = ?',
    [id],
  );
  return r ? toCategory(r) : null;
}

export async function labelKeyTaken(conn: Conn, labelKey: string): Promise<boolean> {
  return !!(await conn.get('SELECT 1 AS x FROM incident_categories WHERE label_key = ?', [
    labelKey,
  ]));
}

export async function insertCategory(
  conn: Conn,
  c: { id: string; label: string; labelKey: string; addedBy: string; addedAt: string },
): Promise<void> {
  await conn.run(
    'INSERT INTO incident_categories (id, label, label_key, added_by, added_at) VALUES (?,?,?,?,?)',
    [c.id, c.label, c.labelKey, c.addedBy, c.addedAt],
  );
}

export async function retireCategory(
  conn: Conn,
  id: string,
  by: string,
  at: string,
): Promise<void> {
  await conn.run(
    'UPDATE incident_categories SET retired_by = ?, retired_at = ? WHERE id = ? AND retired_at IS NULL',
    [by, at, id],
  );
}

/** How many cases name the category (shown beside it; a used category can only be retired). */
export async function casesUsingCategory(conn: Conn, id: string): Promise<number> {
  return (await conn.get<{ n: number }>('SELECT count(*) AS n FROM cases WHERE incident_kind = ?', [
    id,
  ]))!.n;
}
