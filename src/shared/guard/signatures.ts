// R2 signatures: the magic numbers and first structures of every image and video format the guard knows.
//
// Each signature needs at least 4 exact bytes plus a structural check, so that decoding an ordinary
// word as base64 (or hex, or a byte list) cannot match by chance (about 2^-32 per place tried).
// sniff(at) answers the format whose file starts at byte 0 of the view, or null.
import type { ByteAt } from './bytes';
import { eqAt, fourcc, u16be, u16le, u32be, u32le } from './byteFields';
import { sniffIsoBox } from './isoBmff';

export interface Sniffed {
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

const H264_PROFILES = new Set([
  44, 66, 77, 83, 86, 88, 100, 110, 118, 122, 128, 134, 135, 138, 139, 144, 244,
]);
const BMP_DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const ICO_BPP = new Set([0, 1, 2, 4, 8, 16, 24, 32]);

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
export function sniff(at: ByteAt): Sniffed | null {
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
      if (b1 === 0xd8 && b(2) === 0xff) {
        // Any marker may be preceded by fill bytes 0xFF (ITU-T T.81 B.1.1.2), and decoders skip
        // them, so "FF D8 FF FF E0" is still a JPEG: skip them before reading the first marker.
        let m = 3;
        while (b(m) === 0xff) m++;
        if (isJpegMarker(b(m)) && u16be(b, m + 1) >= 2) return hit('JPEG');
      }
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
