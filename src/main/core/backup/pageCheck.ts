// Reads every page of a SQLCipher file so that each page's HMAC is checked (SQLCipher 4 verifies a
// page's HMAC-SHA512 when the page is read): the dbstat virtual table visits every b-tree page,
// PRAGMA integrity_check checks their structure, and the page count must account for the whole file
// (a VACUUM INTO snapshot has no free pages, so nothing can hide outside a b-tree).
import type { Sqlite } from '../../db/sqlite';

export interface PageCheck {
  ok: boolean;
  pages: number;
  problem: string | null;
}

export function checkEveryPage(db: Sqlite, fileBytes: number): PageCheck {
  try {
    const raw = db.raw;
    const pageCount = Number(raw.pragma('page_count', { simple: true }));
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    const free = Number(raw.pragma('freelist_count', { simple: true }));
    const visited = (raw.prepare('SELECT count(*) AS n FROM dbstat').get() as { n: number }).n;
    const integrity = raw.pragma('integrity_check') as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok')
      return { ok: false, pages: visited, problem: 'the database structure check failed' };
    if (pageCount * pageSize !== fileBytes)
      return { ok: false, pages: visited, problem: 'the file size does not match its page count' };
    if (free !== 0 || visited !== pageCount)
      return { ok: false, pages: visited, problem: 'some pages are outside the database' };
    return { ok: true, pages: visited, problem: null };
  } catch {
    return { ok: false, pages: 0, problem: 'a page failed its integrity check' };
  }
}
