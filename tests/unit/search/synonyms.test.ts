// The search synonyms (UKCIS: nudes and semi-nudes and their other names) and the FTS5 expression
// built from typed words: every word quoted, so FTS5 syntax typed into the box is only ever text.
import { describe, expect, it } from 'vitest';
import { ftsMatch, searchTokens } from '../../../src/shared/search/synonyms';

describe('search synonyms', () => {
  it('expands any of the guidance’s names to the whole group', () => {
    const m = ftsMatch(searchTokens('youth-produced sexual imagery'));
    expect(m).toContain('"nudes"*');
    expect(m).toContain('"semi nudes"*');
    expect(m).toContain('"sexting"*');
    expect(m).toContain('"self generated imagery"*');
    expect(m).toContain('"youth produced sexual imagery"*');
    expect(ftsMatch(searchTokens('sexting'))).toBe(m);
  });

  it('keeps other words as prefix terms joined by AND', () => {
    expect(ftsMatch(searchTokens('Year 9 nudes'))).toMatch(/^"year"\* AND "9"\* AND \(/);
    expect(ftsMatch(['tallulah'])).toBe('"tallulah"*');
  });

  it('attack: FTS5 syntax typed into the search box (NEAR, OR, column filters, quotes) stays plain text', () => {
    expect(ftsMatch(['a"b', 'OR', 'text:x'])).toBe('"a""b"* AND "or"* AND "text:x"*');
  });
});
