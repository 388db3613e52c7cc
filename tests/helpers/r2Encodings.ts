// Every way a person could paste bytes as text (R2): each encoding the guard decodes, written the way common tools write it.
//
// Used by the guard's unit tests and the route-by-route corpus test. Encoders are written here
// (Node has no base32 or ascii85) so that the tests never depend on the decoders under test.

export interface TextEncoding {
  name: string;
  encode: (bytes: Uint8Array) => string;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const pairs = (b: Uint8Array): string[] => Array.from(b, (x) => x.toString(16).padStart(2, '0'));
const rowsOf = (b: Uint8Array, n: number): number[][] =>
  Array.from({ length: Math.ceil(b.length / n) }, (_, i) => Array.from(b.slice(i * n, i * n + n)));
const chunk = (s: string, n: number): string[] =>
  s.match(new RegExp(`[\\s\\S]{1,${n}}`, 'g')) ?? [];

/** RFC 4648 base32, padded. */
export function base32(b: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const x of b) {
    acc = (acc << 8) | x;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(acc << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/** Adobe ascii85 (without the <~ ~> delimiters; 'z' for a group of zeros). */
export function ascii85(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    const n = Math.min(4, b.length - i);
    let v = 0;
    for (let k = 0; k < 4; k++) v = v * 256 + (k < n ? (b[i + k] ?? 0) : 0);
    if (v === 0 && n === 4) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (v % 85)));
      v = Math.floor(v / 85);
    }
    out += digits.slice(0, n + 1).join('');
  }
  return out;
}

/** How Python prints bytes: b'\x89PNG\r\n\x1a\n…'. */
function pythonRepr(b: Uint8Array): string {
  let out = "b'";
  for (const x of b) {
    if (x === 0x5c) out += '\\\\';
    else if (x === 0x27) out += "\\'";
    else if (x === 10) out += '\\n';
    else if (x === 13) out += '\\r';
    else if (x === 9) out += '\\t';
    else if (x >= 0x20 && x < 0x7f) out += String.fromCharCode(x);
    else out += `\\x${x.toString(16).padStart(2, '0')}`;
  }
  return out + "'";
}

/** How `xxd` prints a file: offset, groups of four hex digits, the bytes as ASCII. */
function xxdDump(b: Uint8Array): string {
  const lines: string[] = [];
  for (let o = 0; o < b.length; o += 16) {
    const row = b.subarray(o, o + 16);
    const groups = chunk(pairs(row).join(''), 4).join(' ');
    const text = Array.from(row, (x) =>
      x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.',
    ).join('');
    lines.push(`${o.toString(16).padStart(8, '0')}: ${groups.padEnd(39)}  ${text}`);
  }
  return lines.join('\n');
}

/** Every encoding the guard must see through (R2), as tools and web pages write them. */
export const TEXT_ENCODINGS: readonly TextEncoding[] = [
  { name: 'hex, plain', encode: hex },
  { name: 'hex, upper case', encode: (b) => hex(b).toUpperCase() },
  { name: 'hex, spaced pairs', encode: (b) => pairs(b).join(' ').toUpperCase() },
  { name: 'hex, xxd -p lines', encode: (b) => chunk(hex(b), 60).join('\n') },
  { name: 'hex, xxd dump', encode: xxdDump },
  {
    name: 'hex, 0x-prefixed list',
    encode: (b) =>
      pairs(b)
        .map((p) => `0x${p}`)
        .join(', '),
  },
  { name: 'hex, one 0x number', encode: (b) => `0x${hex(b)}` },
  { name: 'hex, colon pairs', encode: (b) => pairs(b).join(':') },
  {
    name: 'hex, \\x escapes',
    encode: (b) =>
      pairs(b)
        .map((p) => `\\x${p}`)
        .join(''),
  },
  { name: 'hex, mid-sentence', encode: (b) => `Here it is: ${hex(b)} — that is all.` },
  { name: 'Python bytes repr', encode: pythonRepr },
  {
    name: 'percent-encoded, every byte',
    encode: (b) =>
      pairs(b)
        .map((p) => `%${p.toUpperCase()}`)
        .join(''),
  },
  {
    name: 'percent-encoded, as a link leaves it',
    encode: (b) =>
      Array.from(b, (x) =>
        /[A-Za-z0-9._~-]/.test(String.fromCharCode(x))
          ? String.fromCharCode(x)
          : `%${x.toString(16).padStart(2, '0').toUpperCase()}`,
      ).join(''),
  },
  { name: 'byte list, comma-separated', encode: (b) => Array.from(b).join(', ') },
  { name: 'byte list, spaces', encode: (b) => Array.from(b).join(' ') },
  { name: 'byte list, JSON array', encode: (b) => JSON.stringify(Array.from(b)) },
  {
    name: 'byte list, JSON rows of three',
    encode: (b) => JSON.stringify(rowsOf(b, 3)),
  },
  {
    name: 'byte list, numpy array',
    encode: (b) =>
      `array([${rowsOf(b, 3)
        .map((r) => `[${r.map((x) => String(x).padStart(3)).join(', ')}]`)
        .join(',\n       ')}], dtype=uint8)`,
  },
  {
    name: 'byte list, signed (Java)',
    encode: (b) => Array.from(b, (x) => (x > 127 ? x - 256 : x)).join(', '),
  },
  { name: 'base64 stuck onto a word', encode: (b) => `Evidencephoto${b64(b)}` },
  { name: 'base64 stuck onto a 5-letter word', encode: (b) => `photo${b64(b)}` },
  { name: 'base64, URL-escaped', encode: (b) => encodeURIComponent(b64(b)) },
  { name: 'base64 in groups of four', encode: (b) => chunk(b64(b), 4).join(' ') },
  // Characters that look like ASCII or like a gap (a word processor's no-break space, an input
  // method's full-width letters, invisible zero-width spaces): read through the guard's folded view.
  {
    name: 'base64 in groups of four, no-break spaces',
    encode: (b) => chunk(b64(b), 4).join('\u00a0'),
  },
  {
    name: 'base64 in groups of four, a zero-width space between',
    encode: (b) => chunk(b64(b), 4).join('\u200b'),
  },
  {
    name: 'base64 in full-width letters',
    encode: (b) => b64(b).replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  },
  { name: 'base64 in groups of four, commas', encode: (b) => chunk(b64(b), 4).join(', ') },
  { name: 'hex, pairs split by thin spaces', encode: (b) => pairs(b).join('\u2009') },
  { name: 'base32', encode: base32 },
  { name: 'base32, lower case', encode: (b) => base32(b).toLowerCase() },
  { name: 'ascii85, <~ ~>', encode: (b) => `<~${ascii85(b)}~>` },
  { name: 'ascii85, bare', encode: ascii85 },
];
