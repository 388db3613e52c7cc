// R2: the text as the decoders should read it when look-alike characters hide data in it — full-width letters, no-break and other Unicode spaces, invisible characters.
//
// Every encoding the guard decodes is written in ASCII. A text can carry the same data in
// characters that only look like ASCII or like a gap: base64 in full-width letters ("ｉＶＢＯ…"), groups of
// four joined by no-break spaces (as a word processor leaves them), hex pairs split by thin spaces,
// a zero-width space or a soft hyphen between every group. A person reading such a text, or a tool
// that copies it, sees the data; the decoders, which stop at the first non-ASCII character, did
// not. The folded view maps each character to what it stands for (its compatibility decomposition,
// NFKD, without accents and invisible format characters; any Unicode space to a space; a line or
// paragraph separator to a line break), so the decoders and the run rule read the data as they
// would read it in ASCII. Each folded character keeps the position of the character it came from,
// so a finding still points into the text the person typed. Pure TypeScript, as the guard must be
// (String.prototype.normalize is part of the language).

export interface FoldedText {
  /** The folded text (ASCII stays as it is). */
  text: string;
  /** origin[i]: the position in the original text of the character folded text[i] came from. */
  origin: readonly number[];
}

/** Accents (combining marks) and invisible format characters (zero-width space and joiners, soft
 *  hyphen, word joiner, byte-order mark): nothing a reader sees between two characters. */
const INVISIBLE = /[\p{M}\p{Cf}]/gu;
const SPACE = /^\p{Zs}$/u;
const LINE_BREAK = /^[\u0085\u2028\u2029]$/u;

function foldChar(ch: string): string {
  if (LINE_BREAK.test(ch)) return '\n';
  if (SPACE.test(ch)) return ' ';
  return ch.normalize('NFKD').replace(INVISIBLE, '');
}

/** The text folded for the decoders, or null when folding changes nothing (ASCII-only text, or
 *  characters that stand for themselves), so that the text need not be read twice. */
export function foldForDecoders(text: string): FoldedText | null {
  let changed = false;
  const parts: string[] = [];
  const origin: number[] = [];
  const memo = new Map<number, string>();
  let i = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads no character, which folds to nothing.
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; an ASCII character (or U+0080) folds to itself either way.
    if (cp < 0x80) {
      // a stretch of ASCII is copied as it is
      let end = i + 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; a shorter stretch copies the same characters.
      while (end < text.length && text.charCodeAt(end) < 0x80) end++;
      parts.push(text.slice(i, end));
      for (let k = i; k < end; k++) origin.push(k);
      i = end;
      continue;
    }
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    let folded = memo.get(cp);
    // Stryker disable next-line ConditionalExpression: a cache; folding the character again gives the same text.
    if (folded === undefined) {
      folded = foldChar(ch);
      // Stryker disable next-line CallExpression: a cache; folding the character again gives the same text.
      memo.set(cp, folded);
    }
    if (folded !== ch) changed = true;
    for (const part of folded) {
      parts.push(part);
      // a character folded into several keeps one origin for each of them
      for (let k = 0; k < part.length; k++) origin.push(i);
    }
    i += width;
  }
  return changed ? { text: parts.join(''), origin } : null;
}
