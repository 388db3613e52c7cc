// Reads every page of a SQLCipher file so that each page's HMAC is checked (SQLCipher 4 verifies a
// page's HMAC-SHA512 when the page is read): PRAGMA quick_check walks every b-tree page, overflow
// chain and the free list and reports any page that belongs to nothing, and the page count must
// account for the whole file (a VACUUM INTO snapshot has no free pages, so nothing can hide).
// (quick_check rather than integrity_check: the same pages are read; it skips only the costly
// index-against-table comparison, which the full chain check covers for the records that matter.)
import type { Sqlite } from './sqlite';

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
    const check = raw.pragma('quick_check') as Array<{ quick_check: string }>;
    if (check.length !== 1 || check[0]!.quick_check !== 'ok')
      return { ok: false, pages: pageCount, problem: 'the database structure check failed' };
    if (pageCount * pageSize !== fileBytes)
      return {
        ok: false,
        pages: pageCount,
        problem: 'the file size does not match its page count',
      };
    if (free !== 0)
      return { ok: false, pages: pageCount, problem: 'some pages are outside the database' };
    return { ok: true, pages: pageCount, problem: null };
  } catch {
    return { ok: false, pages: 0, problem: 'a page failed its integrity check' };
  }
}
