// The identifiers DSLs really type, which the R2 run rule never counts as encoded data: IMEIs, serials, exhibit and police references, UPNs, UUIDs, fingerprints.
//
// Each pattern is a whole token (nothing alphanumeric glued to either side). At most
// MAX_ALLOWED_PER_TEXT of them are set aside in one text: beyond that a list of "serial numbers"
// or "fingerprints" is just encoded data cut into pieces, and is counted like any other.

export const MAX_ALLOWED_PER_TEXT = 16;

export interface AllowedIdentifier {
  name: string;
  pattern: RegExp;
}

// Nothing alphanumeric on either side, and no separator followed by more hex digits: an identifier
// stands alone, never as one slice of a longer run ("ab:cd:…" cut every 32 pairs is not 16
// fingerprints).
const B = '(?<![A-Za-z0-9]|(?<![A-Za-z0-9])[0-9A-Fa-f]{2,}[:;,/ -])';
const E = '(?![A-Za-z0-9]|[:;,/ -][0-9A-Fa-f])';
const id = (body: string, flags = ''): RegExp => new RegExp(`${B}(?:${body})${E}`, `g${flags}`);

/** The allow-list (R2 run rule), longest shapes first. */
export const ALLOWED_IDENTIFIERS: readonly AllowedIdentifier[] = [
  // SHA-256 fingerprint as CaseSeal shows it (16 groups of 4), as one string, or as colon pairs.
  {
    name: 'SHA-256 fingerprint',
    pattern: id(
      '[0-9a-f]{4}(?: [0-9a-f]{4}){15}|[0-9a-f]{64}|[0-9a-f]{2}(?::[0-9a-f]{2}){31}',
      'i',
    ),
  },
  {
    name: 'UUID',
    pattern: id('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'i'),
  },
  // CS-<URN>-<year>-<n>, as CaseSeal numbers exhibits.
  { name: 'exhibit reference', pattern: id('CS-\\d{5,7}-\\d{4}-\\d{3,}') },
  // IMEI (15 digits) or IMEISV (16), plain or grouped 2-6-6-1(2).
  { name: 'IMEI', pattern: id('\\d{15,16}|\\d{2}[ -]\\d{6}[ -]\\d{6}[ -]\\d{1,2}') },
  // Unique pupil number: a check letter, 11 digits, a digit or letter.
  { name: 'UPN', pattern: id('[A-Z]\\d{11}[0-9A-Z]') },
  // Police references: force or unit letters, then numbers in up to four parts (CAD 1234 01/12/26,
  // NWP/2026/0123456789, 42/123456/26, MPS-20260112-0042).
  {
    name: 'police reference',
    pattern: id('(?:[A-Z]{2,6}[ /-]?)?\\d{2,12}(?:[ /-]\\d{2,12}){1,3}'),
  },
  // Serial numbers: capitals and digits, with both, 6–20 long (C02XG0FDJG5J, R58M123ABCD).
  {
    name: 'serial number',
    pattern: id('(?=[A-Z0-9]{0,19}\\d)(?=[A-Z0-9]{0,19}[A-Z])[A-Z0-9]{6,20}'),
  },
];

/** The text with up to MAX_ALLOWED_PER_TEXT allow-listed identifiers blanked out (same length, so
 *  offsets still hold), and how many bytes' worth of text was blanked. */
export function maskAllowed(text: string): { masked: string; count: number; chars: number } {
  const hits: Array<[number, number]> = [];
  for (const { pattern } of ALLOWED_IDENTIFIERS) {
    const re = new RegExp(pattern.source, pattern.flags);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null && hits.length < MAX_ALLOWED_PER_TEXT * 4) {
      const s = m.index;
      const e = s + m[0].length;
      // Stryker disable next-line EqualityOperator: two identifiers never touch (each starts and ends with a letter or digit and none may have one beside it), so s === b and e === a cannot happen.
      if (!hits.some(([a, b]) => s < b && e > a)) hits.push([s, e]);
      // Stryker disable next-line all: no pattern matches the empty string (each needs a digit or letter), so this guard against an endless loop never fires.
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const kept = hits.slice(0, MAX_ALLOWED_PER_TEXT);
  // Stryker disable next-line ConditionalExpression: a shortcut; with no identifier the loop below builds the same text, count and chars.
  if (kept.length === 0) return { masked: text, count: 0, chars: 0 };
  let out = '';
  let last = 0;
  let chars = 0;
  for (const [s, e] of kept) {
    out += text.slice(last, s) + ' '.repeat(e - s);
    chars += e - s;
    last = e;
  }
  return { masked: out + text.slice(last), count: kept.length, chars };
}
