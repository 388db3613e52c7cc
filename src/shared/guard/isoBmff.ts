// R2 signatures of ISO-BMFF files (MP4, MOV, M4V, 3GP, HEIC/HEIF, AVIF, CR3, JPEG 2000/XL boxes) and ftyp-less QuickTime.
import type { ByteAt } from './bytes';
import { fourcc, u32be } from './byteFields';

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

/** ISO-BMFF (MP4, MOV, M4V, 3GP, HEIF, AVIF, CR3…) and ftyp-less QuickTime: keyed on the box type
 *  at offset 4, since the first four bytes are the box size. */
export function sniffIsoBox(b: ByteAt): string | null {
  const type = fourcc(b, 4);
  if (type === null) return null;
  const size = u32be(b, 0);
  if (type === 'ftyp') {
    if (size < 16 || size > 4096 || size % 4 !== 0) return null;
    const major = fourcc(b, 8);
    if (major === null) return null;
    // Stryker disable next-line ArrayDeclaration: brands is read only when the major brand is a generic HEIF one, which is never an AVIF brand, so leaving it out changes nothing.
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
  } else if (type !== 'mdat') {
    // free, skip and pnot are padding and a preview pointer, never 16 MB long. The four characters
    // before a word in text read as a far larger size, since a character is at least 0x09 ("feel
    // free": "eel " is 0x65656c20), so a link or a note saying "feel free" is not a movie (R2).
    if (size > 0xffffff) return null;
    if (size >= 8 && size <= 65536) {
      const next = fourcc(b, size + 4);
      if (next !== null && !QT_TOP.has(next)) return null;
      if (next === null && b(size + 7) >= 0) return null; // readable but not a box type
    }
  }
  return 'QuickTime video';
}
