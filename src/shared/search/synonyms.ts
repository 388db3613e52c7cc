// Words the guidance uses for the same thing, so that searching for any of them finds the others
// (UKCIS "Sharing nudes and semi-nudes": "youth-produced sexual imagery", "sexting" and
// "self-generated imagery" are older or other names for nudes and semi-nudes). Plain data.

export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  [
    'nudes',
    'semi-nudes',
    'nude',
    'semi-nude',
    'youth-produced sexual imagery',
    'sexting',
    'self-generated imagery',
  ],
];

/** Split text into the words the full-text index sees (FTS5 unicode61: letters and digits). */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

const GROUPS = SEARCH_SYNONYMS.map((g) => g.map(searchTokens));

function quote(t: string): string {
  return `"${t.replace(/"/g, '""')}"`;
}

/**
 * An FTS5 MATCH expression for the words typed: every word must appear (prefix-matched), and a word
 * or phrase from a synonym group matches any phrase of its group. Every word is quoted, so FTS5
 * syntax cannot be injected.
 */
export function ftsMatch(terms: readonly string[]): string {
  const words = terms.map((t) => t.normalize('NFC').toLowerCase());
  const parts: string[] = [];
  let i = 0;
  while (i < words.length) {
    let best: { group: string[][]; len: number } | null = null;
    for (const group of GROUPS) {
      for (const phrase of group) {
        const len = phrase.length;
        if (len > (best?.len ?? 0) && phrase.every((w, k) => words[i + k] === w))
          best = { group, len };
      }
    }
    if (best) {
      const alts = best.group.map((p) => `${quote(p.join(' '))}*`);
      parts.push(`(${alts.join(' OR ')})`);
      i += best.len;
    } else {
      parts.push(`${quote(words[i]!)}*`);
      i += 1;
    }
  }
  return parts.join(' AND ');
}
