// The no-imagery text guard (rule R2): finds image or video bytes hidden in text — raw, base64, data: URLs, markup.
//
// Rule R2 (domain.md): CaseSeal must never take in image or video bytes by any route. Files and
// drag-and-drop are refused by the window; this module covers the route that is left, text, which
// reaches main in every IPC payload. It is pure TypeScript (no node:*, no DOM, no Buffer, no atob)
// so that the renderer can warn while the user types and main can refuse before anything is saved.
//
// Four checks, in this order (the first one that finds something wins):
//   1. Control characters. Typed text never holds NUL or the other C0 controls (tab, LF and CR
//      apart), while every binary file has them in its first few bytes. A string with one is
//      refused; if a known signature is found in it (each char code 0–255 read as a byte, e.g. a
//      latin1-decoded file pasted in), the finding names the format, otherwise 'binary data'.
//   2. data: URLs. Any data: URL with an image/ or video/ media type is refused whatever its
//      payload; any other data: URL is refused when its payload (base64 or percent-encoded)
//      decodes to imagery, to markup, or to a long binary blob.
//   3. Markup: SVG (and the text image formats XPM and EPS) typed or pasted as text.
//   4. base64 / base64url runs, with or without line breaks, padding, JSON "\/" escapes, or text
//      around them: a known signature at the start of any run (or any line of a wrapped run), text
//      inside that decodes to one of the above, or a long run that decodes to binary.
//
// Everything is linear in the length of the text: the scanners walk the text once (decoding is by
// random access into the run, never by re-walking it), the few regular expressions have no nested
// quantifiers, and decoded text is searched again at most MAX_NESTING times, each time shorter.

export type ImageryEncoding = 'raw' | 'base64' | 'data-url' | 'markup';

export interface ImageryFinding {
  /** What was recognised, e.g. 'PNG', 'JPEG', 'MP4/ISO-BMFF video', 'SVG markup', 'binary data', 'data: URL'. */
  format: string;
  /** How it was carried in the text. */
  encoding: ImageryEncoding;
  /** Character offset in the text where it was found. */
  index: number;
}

/** Plain-English statement of rule R2 for people using CaseSeal (no technical terms). */
export const IMAGERY_RULE_EXPLANATION =
  'CaseSeal never takes in images or video: not photos, screenshots, videos or drawings, and not ' +
  'as files, by dragging, by pasting, or hidden inside copied text (a long jumble of letters and ' +
  'numbers can be a picture in disguise, so CaseSeal refuses that too). This is rule R2 of the ' +
  "school's safeguarding guidance: nobody may copy, store, save or share an indecent image of a " +
  'child, even to keep it as evidence, and a copy inside CaseSeal would be a new copy. Describe ' +
  'in words what was seen instead. If a copy has already been made somewhere, do not move, share ' +
  'or delete it: record that it exists in the form and contact the police for advice.';

// ---------------------------------------------------------------------------------------------
// Thresholds (R2). Chosen so that imagery cannot slip through in any realistic form, while typed
// text — prose, names, URLs, passphrases, hashes, UUIDs, recovery-key groups — is never refused.
// ---------------------------------------------------------------------------------------------

/** A base64 line this long (or a group whose length is a multiple of 4) continues across whitespace
 *  holding at most one line break. Real encoders wrap at 64 or 76; prose words are shorter, and a
 *  blank line always ends a run. */
const MIN_WRAP_LINE = 16;
/** A place in a run is only tried as the start of a file when at least this many base64 characters
 *  (6 bytes) follow: every signature below needs at least 4–6 bytes plus structure. */
const MIN_CANDIDATE_SEXTETS = 8;
/** Long-binary rule: a run of at least 512 base64 characters (384 bytes) that decodes to binary is
 *  refused even when its format is unknown. An unknown, damaged or encrypted format could still be
 *  imagery, and nobody types 512 characters of base64 by hand: such runs only come from copying a
 *  file. Shorter runs (keys, tokens, a PGP-like line, hashes) are accepted unless they carry a
 *  known signature. The rule applies only to a regular block (see examineBlock): lines of one
 *  length, a multiple of 4, at least MIN_WRAP_LINE long, only the last shorter — the shape every
 *  encoder produces — so lists of codes, words or paths separated by spaces or line breaks never
 *  trigger it. */
const BINARY_MIN_SEXTETS = 512;
/** ...and only when the run uses at least 24 different base64 characters. Base64 of real binary
 *  uses nearly all 64 within a few hundred characters; this keeps out hexadecimal (at most 22
 *  distinct characters: long hashes, signatures) and a key held down ('aaaa…', 'AAAA…'). */
const BINARY_MIN_DISTINCT = 24;
/** Decoded data is "binary" when fewer than 70% of its bytes are printable ASCII, tab/LF/CR or part
 *  of valid UTF-8. Random or compressed bytes (every image and video format) score about 37%; text
 *  in any language, UTF-8 or a legacy 8-bit code page, scores above 85%. */
const BINARY_MAX_TEXT_RATIO = 0.7;
/** Decoded data at least this text-like is read again as text (base64 of SVG, of a data: URL, of
 *  base64…). */
const NESTED_MIN_TEXT_RATIO = 0.9;
/** How many decoded bytes the text-likeness ratio samples (a prefix is enough to tell). */
const RATIO_SAMPLE_BYTES = 3072;
/** The same long-binary rule for a data: URL payload, counted in decoded bytes. */
const DATA_URL_BINARY_MIN_BYTES = 384;
/** Decoded text is searched again at most this many levels deep (base64 of base64 of …). */
const MAX_NESTING = 3;
/** A data: URL header (media type and parameters, up to the comma) is at most this long. */
const MAX_DATA_URL_HEADER = 256;
// The one weak signature — a bare JPEG XL codestream starts with only FF 0A ("/wo" in base64, as
// in "/work"; in 1 MB of random base64 it turns up by chance) — is trusted in raw text and in data:
// URL payloads, where the context already says "file". In a base64 run it only names a run that the
// long-binary rule refuses anyway; shorter bare codestreams in base64 are not recognised.

// ---------------------------------------------------------------------------------------------
// Byte views: byte i of some decoded data, 0–255; -1 past the end; 256 for a character that is not
// a byte (above U+00FF) — text, but never part of a signature.
// ---------------------------------------------------------------------------------------------

type ByteAt = (i: number) => number;

/** Each char code 0–255 of the text as a byte, from `start`. */
function charView(text: string, start: number): ByteAt {
  const n = text.length;
  return (i) => {
    const k = start + i;
    if (i < 0 || k >= n) return -1;
    const c = text.charCodeAt(k);
    return c > 255 ? 256 : c;
  };
}

/** Bytes of the base64 sextets sext[start..end), by random access: byte i of 4-char group g. */
function base64View(sext: Uint8Array, start: number, end: number): ByteAt {
  return (i) => {
    if (i < 0) return -1;
    const r = i % 3;
    const k = start + ((i - r) / 3) * 4 + r;
    if (k + 1 >= end) return -1;
    const s0 = sext[k] ?? 0;
    const s1 = sext[k + 1] ?? 0;
    if (r === 0) return ((s0 << 2) | (s1 >> 4)) & 255;
    if (r === 1) return ((s0 << 4) | (s1 >> 2)) & 255;
    return ((s0 << 6) | s1) & 255;
  };
}

function bytesView(bytes: ArrayLike<number>): ByteAt {
  return (i) => (i >= 0 && i < bytes.length ? (bytes[i] ?? -1) : -1);
}

/** Share of the first `len` (at most RATIO_SAMPLE_BYTES) bytes that look like text. */
function textRatio(at: ByteAt, len: number): number {
  const n = Math.min(len, RATIO_SAMPLE_BYTES);
  if (n <= 0) return 1;
  let text = 0;
  let i = 0;
  while (i < n) {
    const b = at(i);
    if (b === 256 || b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)) {
      text++;
      i++;
      continue;
    }
    const need =
      b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0;
    for (let j = 1; ok && j <= need; j++) {
      const c = at(i + j);
      ok = c >= 0x80 && c <= 0xbf;
    }
    if (ok) {
      text += need + 1;
      i += need + 1;
    } else {
      i++;
    }
  }
  return Math.min(1, text / n);
}

/** The bytes as a latin1 string (so ASCII markup and base64 inside can be searched again). */
function viewToString(at: ByteAt, len: number): string {
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < len; i++) {
    const b = at(i);
    if (b < 0) break;
    chunk.push(b > 255 ? 0xfffd : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

// ---------------------------------------------------------------------------------------------
// Signatures (R2). Each needs at least 4 exact bytes plus a structural check, so that decoding an
// ordinary word as base64 cannot match by chance (probability about 2^-32 per place tried).
// ---------------------------------------------------------------------------------------------

interface Sniffed {
  format: string;
  /** Weak signatures are trusted in a base64 run only to name a long binary run (see above). */
  weak: boolean;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const SIG = {
  png: [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a],
  mng: [0x8a, ...ascii('MNG'), 0x0d, 0x0a, 0x1a, 0x0a],
  jng: [0x8b, ...ascii('JNG'), 0x0d, 0x0a, 0x1a, 0x0a],
  gif87: ascii('GIF87a'),
  gif89: ascii('GIF89a'),
  riff: ascii('RIFF'),
  jp2Box: [0, 0, 0, 0x0c, ...ascii('jP  '), 0x0d, 0x0a, 0x87, 0x0a],
  jxlBox: [0, 0, 0, 0x0c, ...ascii('JXL '), 0x0d, 0x0a, 0x87, 0x0a],
  ebml: [0x1a, 0x45, 0xdf, 0xa3],
  psd: ascii('8BPS'),
  flv: [...ascii('FLV'), 0x01],
  ogg: [...ascii('OggS'), 0x00],
  theora: [0x80, ...ascii('theora')],
  asf: [
    0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c,
  ],
  realMedia: [...ascii('.RMF'), 0, 0, 0],
  mxf: [0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02],
  qoi: ascii('qoif'),
  xcf: ascii('gimp xcf '),
  exr: [0x76, 0x2f, 0x31, 0x01, 0x02],
  raf: ascii('FUJIFILMCCD-RAW'),
  crw: [0x49, 0x49, 0x1a, 0, 0, 0, ...ascii('HEAPCCDR')],
  dicm: ascii('DICM'),
  webm: ascii('webm'),
  matroska: ascii('matroska'),
} as const;

function eqAt(b: ByteAt, off: number, sig: readonly number[]): boolean {
  for (let i = 0; i < sig.length; i++) if (b(off + i) !== sig[i]) return false;
  return true;
}
function u16le(b: ByteAt, i: number): number {
  const x = b(i);
  const y = b(i + 1);
  return x < 0 || y < 0 ? -1 : x | (y << 8);
}
function u16be(b: ByteAt, i: number): number {
  const x = b(i);
  const y = b(i + 1);
  return x < 0 || y < 0 ? -1 : (x << 8) | y;
}
function u32le(b: ByteAt, i: number): number {
  const lo = u16le(b, i);
  const hi = u16le(b, i + 2);
  return lo < 0 || hi < 0 ? -1 : lo + hi * 0x10000;
}
function u32be(b: ByteAt, i: number): number {
  const hi = u16be(b, i);
  const lo = u16be(b, i + 2);
  return lo < 0 || hi < 0 ? -1 : hi * 0x10000 + lo;
}
/** A four-character code of printable ASCII at i, or null. */
function fourcc(b: ByteAt, i: number): string | null {
  let s = '';
  for (let k = 0; k < 4; k++) {
    const c = b(i + k);
    if (c < 0x20 || c > 0x7e) return null;
    s += String.fromCharCode(c);
  }
  return s;
}

const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'hevm',
  'hevs',
  'heif',
]);
const HEIF_GENERIC = new Set(['mif1', 'mif2', 'msf1', 'miaf']);
const AVIF_BRANDS = new Set(['avif', 'avis', 'avio']);
const JP2_BRANDS = new Set(['jp2 ', 'jpx ', 'jpm ', 'mjp2']);
/** Boxes that may open a QuickTime movie that has no ftyp box. */
const QT_FIRST = new Set(['moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);
/** Boxes that may follow a free/skip/wide/pnot box at the top level of a movie. */
const QT_TOP = new Set([
  'moov',
  'mdat',
  'free',
  'skip',
  'wide',
  'pnot',
  'PICT',
  'ftyp',
  'uuid',
  'junk',
]);
/** Boxes that may open a moov box. */
const MOOV_CHILD = new Set([
  'mvhd',
  'cmov',
  'trak',
  'udta',
  'meta',
  'iods',
  'prfl',
  'mvex',
  'clip',
  'ctab',
  'rmra',
]);
const H264_PROFILES = new Set([
  44, 66, 77, 83, 86, 88, 100, 110, 118, 122, 128, 134, 135, 138, 139, 144, 244,
]);
const BMP_DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const ICO_BPP = new Set([0, 1, 2, 4, 8, 16, 24, 32]);

/** ISO-BMFF (MP4, MOV, M4V, 3GP, HEIF, AVIF, CR3…) and ftyp-less QuickTime: keyed on the box type
 *  at offset 4, since the first four bytes are the box size. */
function sniffIsoBox(b: ByteAt): string | null {
  const type = fourcc(b, 4);
  if (type === null) return null;
  const size = u32be(b, 0);
  if (type === 'ftyp') {
    if (size < 16 || size > 4096 || size % 4 !== 0) return null;
    const major = fourcc(b, 8);
    if (major === null) return null;
    const brands = [major];
    for (let o = 16; o + 4 <= size && o < 16 + 4 * 32; o += 4) {
      const c = fourcc(b, o);
      if (c === null) break;
      brands.push(c);
    }
    if (AVIF_BRANDS.has(major)) return 'AVIF';
    if (HEIF_GENERIC.has(major)) {
      return brands.some((x) => AVIF_BRANDS.has(x)) ? 'AVIF' : 'HEIC/HEIF';
    }
    if (HEIF_BRANDS.has(major)) return 'HEIC/HEIF';
    if (major.startsWith('3g')) return '3GP/3G2 video';
    if (major === 'qt  ') return 'QuickTime video';
    if (major === 'crx ') return 'Canon CR3 raw image';
    if (JP2_BRANDS.has(major)) return 'JPEG 2000';
    if (major === 'jxl ') return 'JPEG XL';
    // isom, iso2–9, mp41, mp42, avc1, M4V , M4A , dash, f4v … — any other ISO-BMFF file. Audio-only
    // brands are refused too: they can carry cover art, and the brand alone cannot prove otherwise.
    return 'MP4/ISO-BMFF video';
  }
  if (!QT_FIRST.has(type)) return null;
  if (type === 'wide') {
    if (size !== 8) return null;
  } else if (!(size >= 8 || size === 0 || size === 1)) {
    return null;
  }
  if (type === 'moov') {
    const child = fourcc(b, 12);
    if (child !== null && !MOOV_CHILD.has(child)) return null;
  } else if (type !== 'mdat' && size >= 8 && size <= 65536) {
    const next = fourcc(b, size + 4);
    if (next !== null && !QT_TOP.has(next)) return null;
    if (next === null && b(size + 7) >= 0) return null; // readable but not a box type
  }
  return 'QuickTime video';
}

/** MPEG transport stream: sync byte 0x47 every `packet` bytes, from `first`, three times. */
function isTransportStream(b: ByteAt, first: number, packet: number): boolean {
  for (let k = 0; k < 3; k++) {
    const p = first + k * packet;
    if (b(p) !== 0x47) return false;
    const flags = b(p + 1);
    const afc = b(p + 3);
    if (flags < 0 || (flags & 0x80) !== 0 || afc < 0 || (afc & 0x30) === 0) return false;
  }
  return true;
}

/** Binary PNM (P4 bitmap, P5 greymap, P6 pixmap): "P6", whitespace, width, height, maxval. */
function isPnm(b: ByteAt): boolean {
  const kind = b(1);
  if (b(0) !== 0x50 || kind < 0x34 || kind > 0x36) return false;
  let i = 2;
  const fields = kind === 0x34 ? 2 : 3;
  for (let f = 0; f < fields; f++) {
    const ws = b(i);
    if (ws !== 0x20 && ws !== 0x0a && ws !== 0x0d && ws !== 0x09) return false;
    while (b(i) === 0x20 || b(i) === 0x0a || b(i) === 0x0d || b(i) === 0x09) i++;
    let digits = 0;
    while (b(i) >= 0x30 && b(i) <= 0x39 && digits < 6) {
      i++;
      digits++;
    }
    if (digits === 0) return false;
  }
  const end = b(i);
  return end === 0x20 || end === 0x0a || end === 0x0d || end === 0x09;
}

/** SWF (Flash): "FWS", "CWS" (zlib) or "ZWS" (LZMA), a version, and the file length. */
function isSwf(b: ByteAt): boolean {
  const length = u32le(b, 4);
  return (
    b(1) === 0x57 && b(2) === 0x53 && b(3) >= 1 && b(3) <= 50 && length >= 8 && length < 0x10000000
  );
}

function isJpegMarker(m: number): boolean {
  return (
    (m >= 0xc0 && m <= 0xcf) || m === 0xdb || m === 0xdd || (m >= 0xe0 && m <= 0xef) || m === 0xfe
  );
}

/** The imagery format whose file starts at byte 0 of `at`, or null. */
function sniff(at: ByteAt): Sniffed | null {
  const b: ByteAt = (i) => {
    const v = at(i);
    return v > 255 ? -1 : v;
  };
  const b0 = b(0);
  if (b0 < 0) return null;
  const hit = (format: string): Sniffed => ({ format, weak: false });
  switch (b0) {
    case 0x89:
      if (eqAt(b, 0, SIG.png)) return hit('PNG');
      break;
    case 0x8a:
      if (eqAt(b, 0, SIG.mng)) return hit('MNG animation');
      break;
    case 0x8b:
      if (eqAt(b, 0, SIG.jng)) return hit('JNG image');
      break;
    case 0xff: {
      const b1 = b(1);
      if (b1 === 0xd8 && b(2) === 0xff && isJpegMarker(b(3)) && u16be(b, 4) >= 2)
        return hit('JPEG');
      if (b1 === 0x4f && b(2) === 0xff && b(3) === 0x51 && u16be(b, 4) >= 41)
        return hit('JPEG 2000');
      if (b1 === 0x0a && b(2) >= 0) return { format: 'JPEG XL', weak: true };
      break;
    }
    case 0x47: // 'G'
      if (eqAt(b, 0, SIG.gif89) || eqAt(b, 0, SIG.gif87)) {
        if (b(6) >= 0 && b(9) >= 0) return hit('GIF');
      }
      if (isTransportStream(b, 0, 188)) return hit('MPEG-TS video');
      break;
    case 0x52: // 'R'
      if (eqAt(b, 0, SIG.riff) && u32le(b, 4) >= 4) {
        const form = fourcc(b, 8);
        const chunk = fourcc(b, 12);
        if (form === 'WEBP' && (chunk === 'VP8 ' || chunk === 'VP8L' || chunk === 'VP8X'))
          return hit('WebP');
        if (form === 'AVI ' || form === 'AVIX') return hit('AVI video');
        if (form === 'ACON') return hit('ANI animated cursor');
        if (form === 'CDXA') return hit('Video CD (RIFF CDXA) video');
      }
      break;
    case 0x42: // 'B'
      if (
        b(1) === 0x4d &&
        u32le(b, 6) === 0 &&
        BMP_DIB_SIZES.has(u32le(b, 14)) &&
        u32le(b, 10) >= 26
      ) {
        return hit('BMP');
      }
      break;
    case 0x49: // 'I' — little-endian TIFF and TIFF-based camera raw
      if (b(1) !== 0x49) break;
      if (b(2) === 0x2a && b(3) === 0 && u32le(b, 4) >= 8) return hit('TIFF');
      if (b(2) === 0x2b && b(3) === 0 && u16le(b, 4) === 8 && u16le(b, 6) === 0) return hit('TIFF');
      if (b(2) === 0x52 && (b(3) === 0x4f || b(3) === 0x53) && u32le(b, 4) === 8)
        return hit('Olympus ORF raw image');
      if (b(2) === 0x55 && b(3) === 0 && u32le(b, 4) >= 8) return hit('Panasonic RW2 raw image');
      if (eqAt(b, 0, SIG.crw)) return hit('Canon CRW raw image');
      break;
    case 0x4d: // 'M' — big-endian TIFF
      if (b(1) !== 0x4d) break;
      if (b(2) === 0 && b(3) === 0x2a && u32be(b, 4) >= 8) return hit('TIFF');
      if (b(2) === 0 && b(3) === 0x2b && u16be(b, 4) === 8 && u16be(b, 6) === 0) return hit('TIFF');
      if (b(2) === 0x4f && b(3) === 0x52 && u32be(b, 4) === 8) return hit('Olympus ORF raw image');
      break;
    case 0x00: {
      const b1 = b(1);
      const b2 = b(2);
      const b3 = b(3);
      if (b1 === 0 && (b2 === 1 || b2 === 2) && b3 === 0) {
        // ICO (type 1) / CUR (type 2): count, then 16-byte entries; the first entry must fit.
        const count = u16le(b, 4);
        const size = u32le(b, 14);
        const offset = u32le(b, 18);
        const planes = u16le(b, 10);
        const bpp = u16le(b, 12);
        const entryOk =
          count >= 1 && b(9) === 0 && size > 0 && offset >= 6 + 16 * count && offset < 0x1000000;
        if (entryOk && b2 === 1 && (planes === 0 || planes === 1) && ICO_BPP.has(bpp))
          return hit('ICO');
        if (entryOk && b2 === 2) return hit('CUR');
      }
      if (b1 === 0 && b2 === 1) {
        const b4 = b(4);
        if (b3 === 0xba && b4 >= 0 && ((b4 & 0xc4) === 0x44 || (b4 & 0xf1) === 0x21))
          return hit('MPEG-PS video');
        if (b3 === 0xb3 && b(6) >= 0) {
          // Sequence header: 12-bit width and height, both non-zero.
          const width = (b(4) << 4) | (b(5) >> 4);
          const height = ((b(5) & 15) << 8) | b(6);
          if (width > 0 && height > 0) return hit('MPEG video');
        }
      }
      if (b1 === 0 && b2 === 0 && b3 === 1) {
        const nal = b(4);
        if (
          nal >= 0 &&
          (nal & 0x9f) === 0x07 &&
          H264_PROFILES.has(b(5)) &&
          b(7) >= 9 &&
          b(7) <= 62
        ) {
          return hit('H.264 video');
        }
        if (nal === 0x40 && b(5) === 0x01) return hit('H.265/HEVC video');
      }
      if (eqAt(b, 0, SIG.jp2Box)) return hit('JPEG 2000');
      if (eqAt(b, 0, SIG.jxlBox)) return hit('JPEG XL');
      break;
    }
    case 0x1a:
      if (eqAt(b, 0, SIG.ebml)) {
        // The DocType element (ID 42 82) in the EBML header names the flavour.
        for (let i = 4; i < 64; i++) {
          if (b(i) === 0x42 && b(i + 1) === 0x82) {
            if (eqAt(b, i + 3, SIG.webm)) return hit('WebM video');
            if (eqAt(b, i + 3, SIG.matroska)) return hit('Matroska video');
            break;
          }
        }
        return hit('WebM/Matroska video');
      }
      break;
    case 0x38: // '8'
      if (eqAt(b, 0, SIG.psd) && b(4) === 0 && (b(5) === 1 || b(5) === 2)) {
        let reservedZero = true;
        for (let i = 6; i < 12; i++) reservedZero &&= b(i) === 0;
        if (reservedZero) return hit('Photoshop PSD');
      }
      break;
    case 0x46: // 'F'
      if (eqAt(b, 0, SIG.flv) && b(4) >= 0 && (b(4) & 0xfa) === 0 && u32be(b, 5) === 9)
        return hit('FLV video');
      if (eqAt(b, 0, SIG.raf)) return hit('Fujifilm RAF raw image');
      if (isSwf(b)) return hit('SWF (Flash) animation');
      break;
    case 0x43: // 'C'
    case 0x5a: // 'Z'
      if (isSwf(b)) return hit('SWF (Flash) animation');
      break;
    case 0x4f: // 'O'
      if (eqAt(b, 0, SIG.ogg) && b(5) >= 0 && b(5) <= 7) {
        // Ogg can carry Theora or other video in any logical stream, so every Ogg file is refused;
        // the first page names Theora when it is the first stream.
        const segments = b(26);
        if (segments >= 0 && eqAt(b, 27 + segments, SIG.theora)) return hit('Ogg Theora video');
        return hit('Ogg media');
      }
      break;
    case 0x30:
      if (eqAt(b, 0, SIG.asf)) return hit('WMV/ASF video');
      break;
    case 0x2e:
      if (eqAt(b, 0, SIG.realMedia)) return hit('RealMedia video');
      break;
    case 0x06:
      if (eqAt(b, 0, SIG.mxf)) return hit('MXF video');
      break;
    case 0x71: // 'q'
      if (eqAt(b, 0, SIG.qoi) && (b(12) === 3 || b(12) === 4) && (b(13) === 0 || b(13) === 1))
        return hit('QOI image');
      break;
    case 0x67: // 'g'
      if (eqAt(b, 0, SIG.xcf)) return hit('GIMP XCF image');
      break;
    case 0x76:
      if (eqAt(b, 0, SIG.exr)) return hit('OpenEXR image');
      break;
    case 0x50: // 'P'
      if (isPnm(b)) return hit('PNM image');
      break;
  }
  const box = sniffIsoBox(b);
  if (box !== null) return hit(box);
  if (isTransportStream(b, 4, 192)) return hit('MPEG-TS video'); // M2TS / Blu-ray: 4-byte timestamp per packet
  if (eqAt(b, 128, SIG.dicm)) return hit('DICOM medical image'); // 128-byte preamble, then DICM
  return null;
}

// ---------------------------------------------------------------------------------------------
// Check 1: control characters and raw bytes.
// ---------------------------------------------------------------------------------------------

function findRaw(text: string): ImageryFinding | null {
  const n = text.length;
  let control = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
      control = i;
      break;
    }
  }
  if (control < 0) return null;
  // The string is refused; name the format if a signature is in it anywhere (e.g. after a caption).
  for (let p = 0; p < n; p++) {
    const s = sniff(charView(text, p));
    if (s !== null) return { format: s.format, encoding: 'raw', index: p };
  }
  return { format: 'binary data', encoding: 'raw', index: control };
}

// ---------------------------------------------------------------------------------------------
// Base64 tokenising, shared by check 2 (data: URL payloads) and check 4 (runs in text).
// ---------------------------------------------------------------------------------------------

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64_ALPHABET.charCodeAt(i)] = i;
  t[0x2d] = 62; // '-' base64url
  t[0x5f] = 63; // '_' base64url
  return t;
})();

/** The base64 value at i, packed as value | (width << 6), or -1. Width 2 is JSON's "\/" escape. */
function alphaAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) {
    const v = B64_VALUE[c] ?? -1;
    if (v >= 0) return v | 64;
    if (c === 0x5c && s.charCodeAt(i + 1) === 0x2f) return 63 | 128;
  }
  return -1;
}

/** Whitespace at i, packed as width | (4 if it is a line break); 0 if none. Literal "\n", "\r",
 *  "\t" (as left in JSON or source-code strings) count as whitespace. */
function spaceAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x0a) return 1 | 4;
  if (c === 0x20 || c === 0x09 || c === 0x0d) return 1;
  if (c === 0x5c) {
    const d = s.charCodeAt(i + 1);
    if (d === 0x6e) return 2 | 4; // \n
    if (d === 0x72 || d === 0x74) return 2; // \r \t
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Check 2: data: URLs.
// ---------------------------------------------------------------------------------------------

const DATA_SCHEME = /data:/gi;
const HEADER_CHAR = /[A-Za-z0-9!#$&^_.+\-/;=%]/;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const PAYLOAD_END = /[\s"'<>`]/;

/** What a decoded payload (or decoded base64 run) holds, by signature, nested text or binary rule. */
function analyseBytes(
  at: ByteAt,
  len: number,
  depth: number,
  binaryMinBytes: number,
): string | null {
  const s = sniff(at);
  if (s !== null) return s.format;
  const ratio = textRatio(at, len);
  if (ratio >= NESTED_MIN_TEXT_RATIO && depth < MAX_NESTING && len >= 4) {
    const inner = findInText(viewToString(at, len), depth + 1);
    if (inner !== null) return inner.format;
  }
  if (len >= binaryMinBytes && ratio < BINARY_MAX_TEXT_RATIO) return 'binary data';
  return null;
}

function findDataUrl(text: string, depth: number): ImageryFinding | null {
  const re = new RegExp(DATA_SCHEME.source, DATA_SCHEME.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    const resume = at + 5;
    if (at > 0 && SCHEME_CHAR.test(text.charAt(at - 1))) continue; // "metadata:", "xdata:"
    // Header: media type and parameters, up to the comma, no whitespace.
    let i = resume;
    const limit = Math.min(text.length, resume + MAX_DATA_URL_HEADER);
    while (i < limit && HEADER_CHAR.test(text.charAt(i))) i++;
    if (text.charAt(i) !== ',') {
      re.lastIndex = resume;
      continue;
    }
    const params = text.slice(resume, i).toLowerCase().split(';');
    const mediaType = params[0] ?? '';
    if (mediaType !== '' && !MEDIA_TYPE.test(mediaType)) {
      re.lastIndex = resume;
      continue;
    }
    const isBase64 = params.slice(1).includes('base64');
    const imageryType = mediaType.startsWith('image/') || mediaType.startsWith('video/');
    let format: string | null;
    let end: number;
    if (isBase64) {
      const run = collectPayloadSextets(text, i + 1);
      end = run.end;
      const len = Math.floor((run.m * 3) / 4);
      format = analyseBytes(base64View(run.sext, 0, run.m), len, depth, DATA_URL_BINARY_MIN_BYTES);
    } else {
      let j = i + 1;
      while (j < text.length && !PAYLOAD_END.test(text.charAt(j))) j++;
      end = j;
      const decoded = percentDecode(text.slice(i + 1, j));
      format = analyseBytes(charView(decoded, 0), decoded.length, depth, DATA_URL_BINARY_MIN_BYTES);
    }
    // Any data: URL with an image/ or video/ media type is refused whatever its payload (R2).
    if (format === null && imageryType) format = 'data: URL';
    if (format !== null) return { format, encoding: 'data-url', index: at };
    re.lastIndex = Math.max(end, resume); // skip the payload: keeps the scan linear
  }
  return null;
}

/** The base64 payload of a data: URL: alphabet, whitespace, %2B/%2F escapes, up to padding. Two
 *  passes (measure, then fill) so the buffer is the payload's size, never the rest of the text's. */
function collectPayloadSextets(
  text: string,
  start: number,
): { sext: Uint8Array; m: number; end: number } {
  const walk = (sext: Uint8Array | null): { m: number; end: number } => {
    let m = 0;
    let i = start;
    while (i < text.length) {
      const a = alphaAt(text, i);
      if (a >= 0) {
        if (sext !== null) sext[m] = a & 63;
        m++;
        i += a >> 6;
        continue;
      }
      const w = spaceAt(text, i) & 3;
      if (w > 0) {
        i += w;
        continue;
      }
      if (text.charCodeAt(i) === 0x25) {
        const hex = text.slice(i + 1, i + 3).toUpperCase();
        if (hex === '2B' || hex === '2F') {
          if (sext !== null) sext[m] = hex === '2B' ? 62 : 63;
          m++;
          i += 3;
          continue;
        }
      }
      break;
    }
    return { m, end: i };
  };
  const sext = new Uint8Array(walk(null).m);
  return { sext, ...walk(sext) };
}

/** Percent-decoding to a latin1 string (each %XX one char 0–255); bad escapes stay as they are. */
function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Check 3: markup.
// ---------------------------------------------------------------------------------------------

/** An SVG opening tag: "<svg" as an element (never the word "svg"), or an SVG doctype. */
const SVG_OPEN = /<svg(?::svg)?(?=[\s/>])|<!doctype\s+svg[\s>]/gi;
/** An opening tag that is itself a drawing: with attributes, or self-closing. */
const SVG_OPEN_WITH_CONTENT = /^<svg(?::svg)?(?:\s+[\w:.-]+\s*=|\s*\/>)/i;
/** Anything showing that an SVG document follows the tag: its closing tag, the SVG namespace, a
 *  drawing element. "<svg>" alone, as in "the <svg> element", is a mention, not a picture. */
const SVG_BODY =
  /<\/svg(?::svg)?\s*>|xmlns(?::\w+)?\s*=\s*["']http:\/\/www\.w3\.org\/2000\/svg|<(?:path|rect|circle|ellipse|line|polyline|polygon|image|use|g|text|defs|symbol|filter|linearGradient|radialGradient|pattern|mask|clipPath|foreignObject)(?=[\s/>])/gi;

function findSvg(text: string): number {
  // The last sign of an SVG body, found in one pass; an opening tag before it opens a document.
  const body = new RegExp(SVG_BODY.source, SVG_BODY.flags);
  let lastBody = -1;
  let b: RegExpExecArray | null;
  while ((b = body.exec(text)) !== null) lastBody = b.index;
  const open = new RegExp(SVG_OPEN.source, SVG_OPEN.flags);
  let m: RegExpExecArray | null;
  while ((m = open.exec(text)) !== null) {
    if (
      lastBody > m.index ||
      m[0].startsWith('<!') ||
      SVG_OPEN_WITH_CONTENT.test(text.slice(m.index, m.index + 512))
    ) {
      return m.index;
    }
  }
  return -1;
}

const MARKUP: readonly { find: (text: string) => number; format: string }[] = [
  { find: findSvg, format: 'SVG markup' },
  { find: (text) => text.search(/\/\*\s*XPM\s*\*\//), format: 'XPM image' },
  { find: (text) => text.search(/%!PS-Adobe-\d+\.\d+[ \t]+EPSF/), format: 'EPS image' },
];

function findMarkup(text: string): ImageryFinding | null {
  let best: ImageryFinding | null = null;
  for (const { find, format } of MARKUP) {
    const index = find(text);
    if (index >= 0 && (best === null || index < best.index))
      best = { format, encoding: 'markup', index };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Check 4: base64 runs in text.
// ---------------------------------------------------------------------------------------------

/**
 * Splits the text into base64 runs and looks at each. A run is a sequence of segments (maximal
 * stretches of base64 characters) joined across whitespace with at most one line break, where the
 * segment before the gap is a plausible wrapped line (≥ MIN_WRAP_LINE) or 4-character group; '='
 * padding or any other character ends it.
 */
function findBase64(text: string, depth: number): ImageryFinding | null {
  const n = text.length;
  if (n < MIN_CANDIDATE_SEXTETS) return null;
  const sext = new Uint8Array(n);
  const pos = new Int32Array(n);
  const segStarts: number[] = [];
  const longJoin: boolean[] = []; // longJoin[k]: segment k joined to k+1 as a wrapped line
  let i = 0;
  while (i < n) {
    let a = alphaAt(text, i);
    if (a < 0) {
      i++;
      continue;
    }
    let m = 0;
    segStarts.length = 0;
    longJoin.length = 0;
    for (;;) {
      const start = m;
      segStarts.push(m);
      while (a >= 0) {
        sext[m] = a & 63;
        pos[m] = i;
        m++;
        i += a >> 6;
        a = alphaAt(text, i);
      }
      const len = m - start;
      if (text.charCodeAt(i) === 0x3d) {
        i++;
        if (text.charCodeAt(i) === 0x3d) i++;
        break;
      }
      let j = i;
      let breaks = 0;
      let w: number;
      while ((w = spaceAt(text, j)) !== 0) {
        if (w & 4) breaks++;
        j += w & 3;
      }
      if (j === i || breaks > 1) break;
      const isLong = len >= MIN_WRAP_LINE;
      if (!isLong && len % 4 !== 0) break;
      a = alphaAt(text, j);
      if (a < 0) break;
      longJoin.push(isLong);
      i = j;
    }
    const found = examineRun(sext, pos, m, segStarts, longJoin, depth);
    if (found !== null) return found;
  }
  return null;
}

function examineRun(
  sext: Uint8Array,
  pos: Int32Array,
  m: number,
  segStarts: readonly number[],
  longJoin: readonly boolean[],
  depth: number,
): ImageryFinding | null {
  if (m < MIN_CANDIDATE_SEXTETS) return null;
  // (a) A known signature where a file could start: at each segment (each wrapped line, or the
  //     first word after some text) and just after '/', '+', '-', '_' (a path or a key=value
  //     glued in front of the data).
  let seg = 0;
  for (let c = 0; c + MIN_CANDIDATE_SEXTETS <= m; c++) {
    const isSegStart = seg < segStarts.length && segStarts[seg] === c;
    if (isSegStart) seg++;
    else if (c === 0 || (sext[c - 1] ?? 0) < 62) continue;
    const s = sniff(base64View(sext, c, m));
    if (s !== null && !s.weak) return { format: s.format, encoding: 'base64', index: pos[c] ?? 0 };
  }
  // (b) and (c) work on stretches joined as wrapped lines (a short join starts a new stretch).
  let first = 0;
  for (let k = 0; k < segStarts.length; k++) {
    if (k < longJoin.length && longJoin[k] === true) continue;
    const end = k + 1 < segStarts.length ? (segStarts[k + 1] ?? m) : m;
    const found = examineStretch(sext, pos, segStarts, first, k, end, depth);
    if (found !== null) return found;
    first = k + 1;
  }
  return null;
}

/** Segments first..last of a run (joined as wrapped lines), ending at sextet `end`: nested text
 *  (b), then long binary (c). */
function examineStretch(
  sext: Uint8Array,
  pos: Int32Array,
  segStarts: readonly number[],
  first: number,
  last: number,
  end: number,
  depth: number,
): ImageryFinding | null {
  const s0 = segStarts[first] ?? 0;
  if (end - s0 < 16) return null;
  // (b) Decode from the first segment and, if the stretch has more than one, from the second: the
  //     first may be an ordinary long word that happens to run into the data and shift its alignment.
  const starts = last > first ? [s0, segStarts[first + 1] ?? s0] : [s0];
  for (const st of starts) {
    if (depth >= MAX_NESTING) break;
    const at = base64View(sext, st, end);
    const len = Math.floor(((end - st) * 3) / 4);
    if (textRatio(at, len) >= NESTED_MIN_TEXT_RATIO) {
      // (b) base64 of text: SVG markup, a data: URL, base64 again…
      const inner = findInText(viewToString(at, len), depth + 1);
      if (inner !== null) return { format: inner.format, encoding: 'base64', index: pos[st] ?? 0 };
      break;
    }
  }
  // (c) The long-binary rule (see BINARY_MIN_SEXTETS), on a regular block from the first segment,
  //     or from the second when the first is an ordinary word that ran into the data.
  for (let k = first; k <= Math.min(first + 1, last); k++) {
    const found = examineBlock(sext, pos, segStarts, k, last, end);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The long-binary rule on the regular block starting at segment k0. Encoders wrap base64 in lines
 * of one fixed length, a multiple of 4, with only the last line shorter; a list of long words,
 * paths or identifiers (lines of varying length) never has that shape. So the block is segment k0,
 * the following segments of the same length, and one shorter last line; when its lines are not a
 * multiple of 4 long, segment k0 alone.
 */
function examineBlock(
  sext: Uint8Array,
  pos: Int32Array,
  segStarts: readonly number[],
  k0: number,
  last: number,
  end: number,
): ImageryFinding | null {
  const segEnd = (k: number): number => (k < last ? (segStarts[k + 1] ?? end) : end);
  const start = segStarts[k0] ?? 0;
  const width = segEnd(k0) - start;
  let k = k0;
  while (k < last && segEnd(k + 1) - segEnd(k) === width) k++;
  if (k < last && segEnd(k + 1) - segEnd(k) < width) k++;
  if (k > k0 && width % 4 !== 0) k = k0;
  const stop = segEnd(k);
  if (stop - start < BINARY_MIN_SEXTETS) return null;
  const seen = new Uint8Array(64);
  let distinct = 0;
  for (let i = start; i < stop && distinct < BINARY_MIN_DISTINCT; i++) {
    const v = sext[i] ?? 0;
    if (seen[v] === 0) {
      seen[v] = 1;
      distinct++;
    }
  }
  if (distinct < BINARY_MIN_DISTINCT) return null;
  const at = base64View(sext, start, stop);
  if (textRatio(at, Math.floor(((stop - start) * 3) / 4)) >= BINARY_MAX_TEXT_RATIO) return null;
  // A weak signature at the start names what the rule refuses (see the note on weak signatures).
  const weak = sniff(at);
  return { format: weak?.format ?? 'binary data', encoding: 'base64', index: pos[start] ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Entry points.
// ---------------------------------------------------------------------------------------------

/** Checks 2–4 on some text (also used on text decoded from base64 or a data: URL). */
function findInText(text: string, depth: number): ImageryFinding | null {
  return findDataUrl(text, depth) ?? findMarkup(text) ?? findBase64(text, depth);
}

/**
 * Finds image or video data carried in a string (rule R2): raw bytes, base64/base64url, data: URLs
 * or SVG markup. Returns null for ordinary text. Linear in the length of the text.
 */
export function detectImagery(text: string): ImageryFinding | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  return findRaw(text) ?? findInText(text, 0);
}

/** Finds imagery in bytes (an ArrayBuffer or typed array that reached main): the format at the
 *  start, or null when no known signature is there. */
export function sniffImageryBytes(bytes: ArrayLike<number>): string | null {
  return sniff(bytesView(bytes))?.format ?? null;
}
