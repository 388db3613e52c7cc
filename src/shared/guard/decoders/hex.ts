// R2 decoder for hexadecimal in every common shape: plain, upper case, spaced pairs, `xxd -p` lines, `xxd` dumps, 0x-prefixed, C arrays.
//
// A hex run is a sequence of groups of hex digits, each optionally prefixed with 0x, joined by short
// separators (spaces, tabs, commas, colons, semicolons, dashes, with at most one line break). Every
// group but a lone first one must have an even number of digits (whole bytes); an odd group ends the
// run. A lone odd group of plain hex is read from its second digit (a word glued in front, "bad8950…").
// A run looks encoded when it holds at least one digit and one letter a–f: decimal numbers, dates and
// words such as "face" or "decade" never do both.
import { ByteSink, MIN_SPAN_BYTES, type DecodedSpan } from './spans';

const HEX: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[65 + i] = 10 + i;
    t[97 + i] = 10 + i;
  }
  return t;
})();

export function hexValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? (HEX[c] ?? -1) : -1;
}

/** Longest separator between two groups, in characters. */
const MAX_SEPARATOR = 4;

/** Width of the separator at i (0 if none or too long / more than one line break). */
function separatorAt(s: string, i: number): number {
  let j = i;
  let breaks = 0;
  while (j - i < MAX_SEPARATOR) {
    const c = s.charCodeAt(j);
    if (c === 0x0a) {
      if (++breaks > 1) return 0;
    } else if (!(
      c === 0x20 ||
      c === 0x09 ||
      c === 0x0d ||
      c === 0x2c ||
      c === 0x3a ||
      c === 0x3b ||
      c === 0x2d
    )) {
      break;
    }
    j++;
  }
  return j - i;
}

/** Width of a 0x prefix at i when hex digits follow, else 0. */
function prefixAt(s: string, i: number): number {
  return s.charCodeAt(i) === 0x30 &&
    (s.charCodeAt(i + 1) | 0x20) === 0x78 &&
    hexValue(s, i + 2) >= 0
    ? 2
    : 0;
}

/** A line of a hex dump as `xxd` or `hexdump -C` prints it: an offset, up to 16 bytes in groups,
 *  then the same bytes as ASCII (which is not read). */
const DUMP_LINE =
  /^[ \t]*[0-9A-Fa-f]{4,16}:?[ \t]+((?:[0-9A-Fa-f]{2,8}[ \t]{1,2}){0,15}[0-9A-Fa-f]{2,8})(?:[ \t]{2}|[ \t]*\|?$|[ \t]*$)/;

/** Hex dumps (consecutive dump lines) as single spans, offsets and ASCII column left out, so that a
 *  signature needing more than one line's bytes is still seen. */
function dumpSpans(text: string): DecodedSpan[] {
  if (!/^[ \t]*[0-9A-Fa-f]{4,16}:?[ \t]+[0-9A-Fa-f]{2}/m.test(text)) return [];
  const out: DecodedSpan[] = [];
  const sink = new ByteSink();
  let start = -1;
  let end = 0;
  let at = 0;
  const flush = (): void => {
    if (start >= 0 && sink.length >= MIN_SPAN_BYTES) {
      const { bytes, pos } = sink.take();
      out.push({ encoding: 'hex', start, end, bytes, pos, looksEncoded: true });
    }
    sink.reset();
    start = -1;
  };
  for (const line of text.split('\n')) {
    const m = DUMP_LINE.exec(line);
    if (m === null || m[1] === undefined) {
      flush();
    } else {
      const groups = m[1];
      const base = at + line.indexOf(groups);
      if (start < 0) start = at;
      let count = 0;
      for (let k = 0; k + 1 < groups.length && count < 16; k++) {
        if (hexValue(groups, k) < 0) continue;
        sink.push((hexValue(groups, k) << 4) | hexValue(groups, k + 1), base + k);
        k++;
        count++;
      }
      end = at + line.length;
    }
    at += line.length + 1;
  }
  flush();
  return out;
}

/** Hex runs of the text, decoded: hex dumps first, then every other run. */
export function hexSpans(text: string): DecodedSpan[] {
  return [...dumpSpans(text), ...hexRuns(text)];
}

function hexRuns(text: string): DecodedSpan[] {
  const n = text.length;
  const out: DecodedSpan[] = [];
  const sink = new ByteSink();
  let i = 0;
  while (i < n) {
    if (hexValue(text, i) < 0) {
      i++;
      continue;
    }
    // Fast path: a short group with no separator after it (most words) is no run.
    let q = i;
    while (q < n && hexValue(text, q) >= 0) q++;
    if (
      q - i < 8 &&
      prefixAt(text, i) === 0 &&
      separatorAt(text, q) === 0 &&
      prefixAt(text, q) === 0
    ) {
      i = q + 1;
      continue;
    }
    // A short hex-looking tail of a word ("Ref", "coded") followed by a separator is the word's,
    // not the start of the data after it.
    if (q - i < 8 && i > 0 && /[G-Zg-z]/.test(text.charAt(i - 1))) {
      i = q;
      continue;
    }
    const start = i;
    let groups = 0;
    let digits = 0;
    let letters = 0;
    let decimals = 0;
    let end = i;
    let g = i;
    for (;;) {
      const p = prefixAt(text, g);
      let k = g + p;
      while (k < n && hexValue(text, k) >= 0) k++;
      const len = k - g - p;
      const alnumAfter = k < n && /[G-Zg-z]/.test(text.charAt(k));
      const odd = len % 2 === 1;
      if (len === 0 || (odd && groups > 0) || (alnumAfter && groups > 0)) break;
      // A lone odd first group: a word glued in front; read from its second digit.
      const from = odd ? g + p + 1 : g + p;
      for (let d = from; d + 1 < k; d += 2) {
        sink.push((hexValue(text, d) << 4) | hexValue(text, d + 1), d);
      }
      for (let d = from; d < k; d++) {
        if (hexValue(text, d) >= 10) letters++;
        else decimals++;
      }
      digits += k - from;
      groups++;
      end = k;
      if (alnumAfter) break;
      const sep = separatorAt(text, k);
      if (sep === 0 && prefixAt(text, k) === 0) break;
      const next = k + sep;
      if (hexValue(text, next) < 0) break;
      g = next;
    }
    // A lone group of odd length may be a word glued in front of even hex ("bad8950…") or hex
    // followed by a glued word: read it at the other alignment too (not counted twice).
    if (groups === 1 && digits >= 8) {
      const shifted = new ByteSink();
      const g0 = start + prefixAt(text, start);
      // The other alignment than the run's: a group of odd length was read from its second digit
      // (so `digits`, counted from there, is always even), so read it from its first here.
      const first = (end - g0) % 2 === 1 ? g0 : g0 + 1;
      for (let d = first; d + 1 < end; d += 2)
        shifted.push((hexValue(text, d) << 4) | hexValue(text, d + 1), d);
      const { bytes, pos } = shifted.take();
      out.push({ encoding: 'hex', start, end, bytes, pos, looksEncoded: false });
    }
    if (sink.length < MIN_SPAN_BYTES) sink.reset();
    else {
      const { bytes, pos } = sink.take();
      out.push({
        encoding: 'hex',
        start,
        end,
        bytes,
        pos,
        looksEncoded: digits >= 8 && letters > 0 && decimals > 0,
      });
    }
    i = Math.max(end, i + 1);
  }
  return out;
}
