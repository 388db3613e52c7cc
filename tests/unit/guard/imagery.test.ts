// Tests of the R2 no-imagery text guard: every format × every encoding refused, ordinary text accepted, linear time.
//
// The corpus is generated here (rule R2: never real images): minimal headers and magic byte
// sequences for each format, padded with deterministic noise standing in for compressed data.

import { describe, expect, it } from 'vitest';
import {
  detectImagery,
  IMAGERY_RULE_EXPLANATION,
  sniffImageryBytes,
  type ImageryFinding,
} from '../../../src/shared/guard/imagery';

// ---------------------------------------------------------------------------------------------
// Byte builders
// ---------------------------------------------------------------------------------------------

type Part = string | readonly number[] | Uint8Array;

/** Concatenates parts; strings are taken as latin1 (one byte per char). */
function bytes(...parts: Part[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (let i = 0; i < p.length; i++) out.push(p.charCodeAt(i) & 255);
    else out.push(...p);
  }
  return Uint8Array.from(out);
}
const le16 = (n: number): number[] => [n & 255, (n >>> 8) & 255];
const le32 = (n: number): number[] => [
  n & 255,
  (n >>> 8) & 255,
  (n >>> 16) & 255,
  (n >>> 24) & 255,
];
const be16 = (n: number): number[] => [(n >>> 8) & 255, n & 255];
const be32 = (n: number): number[] => [
  (n >>> 24) & 255,
  (n >>> 16) & 255,
  (n >>> 8) & 255,
  n & 255,
];
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** Deterministic pseudo-random bytes (stands in for compressed image data). */
function noise(n: number, seed: number): number[] {
  let x = (seed * 2654435761) >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out.push(x & 255);
  }
  return out;
}

/** An ISO-BMFF box: 32-bit big-endian size, four-character type, content. */
function box(type: string, ...content: Part[]): Uint8Array {
  const body = bytes(...content);
  return bytes(be32(body.length + 8), type, body);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 255] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Part): Uint8Array {
  const body = bytes(type, data);
  return bytes(be32(body.length - 4), body, be32(crc32(body)));
}
function riff(form: string, ...chunks: Part[]): Uint8Array {
  const body = bytes(form, ...chunks);
  return bytes('RIFF', le32(body.length), body);
}
function riffChunk(id: string, data: Part): Uint8Array {
  const body = bytes(data);
  return bytes(id, le32(body.length), body, body.length % 2 ? [0] : []);
}
function ebml(docType: string): Uint8Array {
  const header = bytes(
    [0x42, 0x86, 0x81, 0x01], // EBMLVersion 1
    [0x42, 0xf7, 0x81, 0x01], // EBMLReadVersion 1
    [0x42, 0xf2, 0x81, 0x04], // EBMLMaxIDLength 4
    [0x42, 0xf3, 0x81, 0x08], // EBMLMaxSizeLength 8
    [0x42, 0x82, 0x80 | docType.length],
    docType,
    [0x42, 0x87, 0x81, 0x04], // DocTypeVersion
    [0x42, 0x85, 0x81, 0x02], // DocTypeReadVersion
  );
  return bytes(
    [0x1a, 0x45, 0xdf, 0xa3, 0x80 | header.length],
    header,
    [0x18, 0x53, 0x80, 0x67, 0x01],
    zeros(2),
    [0xff, 0xff, 0xff, 0xff, 0xff],
    noise(80, 7),
  );
}
function tsPacket(pid: number, counter: number, seed: number): number[] {
  return [0x47, 0x40 | ((pid >> 8) & 0x1f), pid & 255, 0x10 | (counter & 15), ...noise(184, seed)];
}
const ASF_GUID = [
  0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c,
];

// ---------------------------------------------------------------------------------------------
// The corpus: one entry per format variant
// ---------------------------------------------------------------------------------------------

interface Sample {
  name: string;
  /** The format name detectImagery must report. */
  format: string;
  /** The media type a data: URL for it would carry. */
  mime: string;
  /** Binary formats. */
  bytes?: Uint8Array;
  /** Text (markup) formats. */
  markup?: string;
}

const bmpInfo = (size: number): number[] => [
  ...le32(size),
  ...le32(2),
  ...le32(2),
  ...le16(1),
  ...le16(24),
  ...le32(0),
  ...le32(16),
  ...le32(2835),
  ...le32(2835),
  ...le32(0),
  ...le32(0),
  ...zeros(size - 40),
];
const tiffIfd = (le: boolean): number[] => {
  const s16 = le ? le16 : be16;
  const s32 = le ? le32 : be32;
  const entry = (tag: number, type: number, value: number): number[] => [
    ...s16(tag),
    ...s16(type),
    ...s32(1),
    ...s32(value << (le ? 0 : type === 3 ? 16 : 0)),
  ];
  return [...s16(3), ...entry(256, 3, 1), ...entry(257, 3, 1), ...entry(259, 3, 1), ...s32(0)];
};
const mvhd = box(
  'mvhd',
  zeros(4),
  zeros(8),
  be32(600),
  be32(1200),
  be32(0x00010000),
  be16(0x0100),
  zeros(70),
);
const mdat = (seed: number): Uint8Array => box('mdat', noise(120, seed));

const SAMPLES: Sample[] = [
  {
    name: 'PNG',
    format: 'PNG',
    mime: 'image/png',
    bytes: bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      pngChunk('IHDR', [...be32(1), ...be32(1), 8, 2, 0, 0, 0]),
      pngChunk('IDAT', noise(60, 1)),
      pngChunk('IEND', []),
    ),
  },
  {
    name: 'MNG',
    format: 'MNG animation',
    mime: 'video/x-mng',
    bytes: bytes(
      [0x8a, 0x4d, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      pngChunk('MHDR', [...be32(1), ...be32(1), ...zeros(20)]),
      noise(60, 2),
    ),
  },
  {
    name: 'JNG',
    format: 'JNG image',
    mime: 'image/x-jng',
    bytes: bytes(
      [0x8b, 0x4a, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      pngChunk('JHDR', [...be32(1), ...be32(1), 10, 8, 8, 0, 0, 0, 0, 0]),
      noise(60, 3),
    ),
  },
  {
    name: 'JPEG (JFIF)',
    format: 'JPEG',
    mime: 'image/jpeg',
    bytes: bytes(
      [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
      'JFIF\0',
      [1, 1, 0, 0, 1, 0, 1, 0, 0],
      [0xff, 0xdb, 0x00, 0x43, 0x00],
      noise(64, 4),
      [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00],
      noise(40, 5),
      [0xff, 0xd9],
    ),
  },
  {
    name: 'JPEG (Exif)',
    format: 'JPEG',
    mime: 'image/jpeg',
    bytes: bytes(
      [0xff, 0xd8, 0xff, 0xe1],
      be16(30),
      'Exif\0\0',
      'MM\0*',
      be32(8),
      be16(1),
      be16(0x0112),
      be16(3),
      be32(1),
      be32(0x00010000),
      be32(0),
      [0xff, 0xd9],
    ),
  },
  {
    name: 'JPEG (bare quantisation table)',
    format: 'JPEG',
    mime: 'image/jpeg',
    bytes: bytes([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00], noise(64, 6), [0xff, 0xd9]),
  },
  {
    name: 'GIF89a',
    format: 'GIF',
    mime: 'image/gif',
    bytes: bytes(
      'GIF89a',
      le16(1),
      le16(1),
      [0x80, 0, 0],
      [0, 0, 0, 255, 255, 255],
      [0x21, 0xf9, 4, 1, 0, 0, 0, 0],
      ',',
      le16(0),
      le16(0),
      le16(1),
      le16(1),
      [0, 2, 2, 0x44, 0x01, 0],
      ';',
    ),
  },
  {
    name: 'GIF87a',
    format: 'GIF',
    mime: 'image/gif',
    bytes: bytes(
      'GIF87a',
      le16(2),
      le16(2),
      [0x80, 0, 0],
      [0, 0, 0, 255, 255, 255],
      ',',
      le16(0),
      le16(0),
      le16(2),
      le16(2),
      [0, 2, 2, 0x84, 0x51, 0],
      ';',
    ),
  },
  {
    name: 'WebP (lossy VP8)',
    format: 'WebP',
    mime: 'image/webp',
    bytes: riff(
      'WEBP',
      riffChunk('VP8 ', [
        0x30,
        0x01,
        0x00,
        0x9d,
        0x01,
        0x2a,
        ...le16(1),
        ...le16(1),
        ...noise(40, 8),
      ]),
    ),
  },
  {
    name: 'WebP (lossless VP8L)',
    format: 'WebP',
    mime: 'image/webp',
    bytes: riff('WEBP', riffChunk('VP8L', [0x2f, 0, 0, 0, 0, ...noise(30, 9)])),
  },
  {
    name: 'WebP (extended VP8X)',
    format: 'WebP',
    mime: 'image/webp',
    bytes: riff(
      'WEBP',
      riffChunk('VP8X', [0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      riffChunk('VP8L', [0x2f, 0, 0, 0, 0, ...noise(30, 10)]),
    ),
  },
  {
    name: 'HEIC (heic)',
    format: 'HEIC/HEIF',
    mime: 'image/heic',
    bytes: bytes(
      box('ftyp', 'heic', be32(0), 'mif1', 'heic'),
      box('meta', zeros(4), box('hdlr', zeros(8), 'pict', zeros(13))),
      mdat(11),
    ),
  },
  {
    name: 'HEIC (heix)',
    format: 'HEIC/HEIF',
    mime: 'image/heic',
    bytes: bytes(
      box('ftyp', 'heix', be32(0), 'mif1', 'heix'),
      box('meta', zeros(4), noise(40, 12)),
    ),
  },
  {
    name: 'HEIF (mif1, heic compatible)',
    format: 'HEIC/HEIF',
    mime: 'image/heif',
    bytes: bytes(
      box('ftyp', 'mif1', be32(0), 'mif1', 'heic', 'miaf'),
      box('meta', zeros(4), noise(40, 13)),
    ),
  },
  {
    name: 'HEIF sequence (msf1)',
    format: 'HEIC/HEIF',
    mime: 'image/heif-sequence',
    bytes: bytes(box('ftyp', 'msf1', be32(0), 'msf1', 'hevc', 'iso8'), box('moov', mvhd)),
  },
  {
    name: 'AVIF (avif)',
    format: 'AVIF',
    mime: 'image/avif',
    bytes: bytes(
      box('ftyp', 'avif', be32(0), 'avif', 'mif1', 'miaf', 'MA1B'),
      box('meta', zeros(4), noise(40, 14)),
    ),
  },
  {
    name: 'AVIF (mif1, avif compatible)',
    format: 'AVIF',
    mime: 'image/avif',
    bytes: bytes(
      box('ftyp', 'mif1', be32(0), 'mif1', 'avif', 'miaf'),
      box('meta', zeros(4), noise(40, 15)),
    ),
  },
  {
    name: 'BMP (BITMAPINFOHEADER)',
    format: 'BMP',
    mime: 'image/bmp',
    bytes: bytes('BM', le32(70), le32(0), le32(54), bmpInfo(40), noise(16, 16)),
  },
  {
    name: 'BMP (V5 header)',
    format: 'BMP',
    mime: 'image/bmp',
    bytes: bytes('BM', le32(154), le32(0), le32(138), bmpInfo(124), noise(16, 17)),
  },
  {
    name: 'TIFF (little-endian II)',
    format: 'TIFF',
    mime: 'image/tiff',
    bytes: bytes('II', [0x2a, 0], le32(8), tiffIfd(true), noise(40, 18)),
  },
  {
    name: 'TIFF (big-endian MM)',
    format: 'TIFF',
    mime: 'image/tiff',
    bytes: bytes('MM', [0, 0x2a], be32(8), tiffIfd(false), noise(40, 19)),
  },
  {
    name: 'BigTIFF',
    format: 'TIFF',
    mime: 'image/tiff',
    bytes: bytes('II', [0x2b, 0], le16(8), le16(0), le32(16), le32(0), noise(60, 20)),
  },
  {
    name: 'ICO',
    format: 'ICO',
    mime: 'image/x-icon',
    bytes: bytes(
      le16(0),
      le16(1),
      le16(1),
      [16, 16, 0, 0],
      le16(1),
      le16(32),
      le32(48),
      le32(22),
      le32(40),
      noise(44, 21),
    ),
  },
  {
    name: 'CUR',
    format: 'CUR',
    mime: 'image/x-icon',
    bytes: bytes(
      le16(0),
      le16(2),
      le16(1),
      [32, 32, 0, 0],
      le16(4),
      le16(4),
      le32(48),
      le32(22),
      le32(40),
      noise(44, 22),
    ),
  },
  {
    name: 'MP4 (isom)',
    format: 'MP4/ISO-BMFF video',
    mime: 'video/mp4',
    bytes: bytes(
      box('ftyp', 'isom', be32(512), 'isom', 'iso2', 'avc1', 'mp41'),
      box('free'),
      mdat(23),
    ),
  },
  {
    name: 'MP4 (mp42)',
    format: 'MP4/ISO-BMFF video',
    mime: 'video/mp4',
    bytes: bytes(box('ftyp', 'mp42', be32(0), 'mp42', 'isom'), box('moov', mvhd), mdat(24)),
  },
  {
    name: 'M4V',
    format: 'MP4/ISO-BMFF video',
    mime: 'video/x-m4v',
    bytes: bytes(box('ftyp', 'M4V ', be32(1), 'M4V ', 'M4A ', 'mp42', 'isom'), mdat(25)),
  },
  {
    name: 'MOV (ftyp qt)',
    format: 'QuickTime video',
    mime: 'video/quicktime',
    bytes: bytes(box('ftyp', 'qt  ', be32(0x20050300), 'qt  '), box('wide'), mdat(26)),
  },
  {
    name: 'MOV (moov first)',
    format: 'QuickTime video',
    mime: 'video/quicktime',
    bytes: bytes(box('moov', mvhd, box('trak', noise(40, 27))), mdat(28)),
  },
  {
    name: 'MOV (mdat first)',
    format: 'QuickTime video',
    mime: 'video/quicktime',
    bytes: bytes(mdat(29), box('moov', mvhd)),
  },
  {
    name: 'MOV (free first)',
    format: 'QuickTime video',
    mime: 'video/quicktime',
    bytes: bytes(box('free', zeros(8)), mdat(30), box('moov', mvhd)),
  },
  {
    name: 'MOV (wide first)',
    format: 'QuickTime video',
    mime: 'video/quicktime',
    bytes: bytes(box('wide'), mdat(31), box('moov', mvhd)),
  },
  {
    name: '3GP (3gp4)',
    format: '3GP/3G2 video',
    mime: 'video/3gpp',
    bytes: bytes(box('ftyp', '3gp4', be32(0x200), 'isom', '3gp4'), box('moov', mvhd), mdat(32)),
  },
  {
    name: '3G2 (3g2a)',
    format: '3GP/3G2 video',
    mime: 'video/3gpp2',
    bytes: bytes(box('ftyp', '3g2a', be32(0), '3g2a'), box('moov', mvhd)),
  },
  {
    name: 'Canon CR3',
    format: 'Canon CR3 raw image',
    mime: 'image/x-canon-cr3',
    bytes: bytes(box('ftyp', 'crx ', be32(1), 'crx ', 'isom'), box('moov', mvhd)),
  },
  { name: 'WebM', format: 'WebM video', mime: 'video/webm', bytes: ebml('webm') },
  { name: 'Matroska', format: 'Matroska video', mime: 'video/x-matroska', bytes: ebml('matroska') },
  {
    name: 'AVI',
    format: 'AVI video',
    mime: 'video/x-msvideo',
    bytes: riff(
      'AVI ',
      bytes('LIST', le32(68), 'hdrl', riffChunk('avih', [...le32(33333), ...zeros(52)])),
      riffChunk('JUNK', noise(20, 33)),
    ),
  },
  {
    name: 'JPEG XL (container)',
    format: 'JPEG XL',
    mime: 'image/jxl',
    bytes: bytes(
      [0, 0, 0, 0x0c],
      'JXL ',
      [0x0d, 0x0a, 0x87, 0x0a],
      box('ftyp', 'jxl ', be32(0), 'jxl '),
      box('jxlc', [0xff, 0x0a], noise(60, 34)),
    ),
  },
  // A bare codestream has only a 2-byte signature: in base64 it is named only in a run long enough
  // for the long-binary rule (≥ 512 characters), so this sample is 400 bytes.
  {
    name: 'JPEG XL (bare codestream)',
    format: 'JPEG XL',
    mime: 'image/jxl',
    bytes: bytes([0xff, 0x0a, 0xfa, 0x1f, 0x01, 0x00], noise(394, 35)),
  },
  {
    name: 'JPEG 2000 (JP2)',
    format: 'JPEG 2000',
    mime: 'image/jp2',
    bytes: bytes(
      [0, 0, 0, 0x0c],
      'jP  ',
      [0x0d, 0x0a, 0x87, 0x0a],
      box('ftyp', 'jp2 ', be32(0), 'jp2 '),
      box('jp2h', box('ihdr', be32(1), be32(1), be16(3), [7, 7, 0, 0])),
      noise(40, 36),
    ),
  },
  {
    name: 'JPEG 2000 (J2K codestream)',
    format: 'JPEG 2000',
    mime: 'image/jp2',
    bytes: bytes(
      [0xff, 0x4f, 0xff, 0x51],
      be16(41),
      be16(0),
      be32(1),
      be32(1),
      zeros(8),
      be32(1),
      be32(1),
      zeros(8),
      be16(1),
      [7, 1, 1],
      [0xff, 0x52],
      noise(30, 37),
    ),
  },
  {
    name: 'Photoshop PSD',
    format: 'Photoshop PSD',
    mime: 'image/vnd.adobe.photoshop',
    bytes: bytes(
      '8BPS',
      be16(1),
      zeros(6),
      be16(3),
      be32(1),
      be32(1),
      be16(8),
      be16(3),
      be32(0),
      noise(40, 38),
    ),
  },
  {
    name: 'MPEG-PS',
    format: 'MPEG-PS video',
    mime: 'video/mpeg',
    bytes: bytes(
      [0, 0, 1, 0xba, 0x44, 0, 4, 0, 4, 1, 1, 0x89, 0xc3, 0xf8],
      [0, 0, 1, 0xbb],
      be16(12),
      noise(12, 39),
      [0, 0, 1, 0xe0],
      be16(40),
      noise(40, 40),
    ),
  },
  {
    name: 'MPEG-TS',
    format: 'MPEG-TS video',
    mime: 'video/mp2t',
    bytes: bytes(tsPacket(0, 0, 41), tsPacket(0x100, 0, 42), tsPacket(0x100, 1, 43)),
  },
  {
    name: 'MPEG-TS (M2TS, 192-byte packets)',
    format: 'MPEG-TS video',
    mime: 'video/mp2t',
    bytes: bytes(
      [0, 0, 0, 0],
      tsPacket(0, 0, 44),
      [0, 0, 0x10, 0],
      tsPacket(0x100, 0, 45),
      [0, 0, 0x20, 0],
      tsPacket(0x100, 1, 46),
    ),
  },
  {
    name: 'MPEG-1 video',
    format: 'MPEG video',
    mime: 'video/mpeg',
    bytes: bytes(
      [0, 0, 1, 0xb3, 0x14, 0x00, 0xf0, 0x13, 0xff, 0xff, 0xe0, 0x18],
      [0, 0, 1, 0xb8],
      noise(60, 47),
    ),
  },
  {
    name: 'FLV',
    format: 'FLV video',
    mime: 'video/x-flv',
    bytes: bytes('FLV', [1, 5], be32(9), be32(0), [0x12], [0, 0, 0x20], zeros(7), noise(40, 48)),
  },
  {
    name: 'Ogg Theora',
    format: 'Ogg Theora video',
    mime: 'video/ogg',
    bytes: bytes(
      'OggS',
      [0, 2],
      zeros(8),
      le32(0x1234),
      le32(0),
      le32(0),
      [1, 42],
      [0x80],
      'theora',
      [3, 2, 1],
      be16(1),
      be16(1),
      noise(35, 49),
    ),
  },
  {
    name: 'Ogg (other stream)',
    format: 'Ogg media',
    mime: 'audio/ogg',
    bytes: bytes(
      'OggS',
      [0, 2],
      zeros(8),
      le32(0x99),
      le32(0),
      le32(0),
      [1, 30],
      [1],
      'vorbis',
      zeros(4),
      noise(40, 50),
    ),
  },
  {
    name: 'WMV/ASF',
    format: 'WMV/ASF video',
    mime: 'video/x-ms-wmv',
    bytes: bytes(ASF_GUID, le32(700), le32(0), le32(5), [1, 2], noise(60, 51)),
  },
  {
    name: 'H.264 Annex B',
    format: 'H.264 video',
    mime: 'video/h264',
    bytes: bytes(
      [0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9],
      [0, 0, 0, 1, 0x68, 0xeb, 0xe3, 0xcb],
      [0, 0, 1, 0x65],
      noise(60, 52),
    ),
  },
  {
    name: 'H.265 Annex B',
    format: 'H.265/HEVC video',
    mime: 'video/h265',
    bytes: bytes([0, 0, 0, 1, 0x40, 0x01, 0x0c, 0x01, 0xff, 0xff], noise(60, 53)),
  },
  {
    name: 'RealMedia',
    format: 'RealMedia video',
    mime: 'application/vnd.rn-realmedia',
    bytes: bytes('.RMF', [0, 0, 0, 0x12, 0, 1], be32(0), be32(5), noise(60, 54)),
  },
  {
    name: 'MXF',
    format: 'MXF video',
    mime: 'application/mxf',
    bytes: bytes(
      [
        0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02, 0x01, 0x01, 0x02, 0x04,
        0x00,
      ],
      [0x83, 0, 0, 0x58],
      noise(60, 55),
    ),
  },
  {
    name: 'SWF (uncompressed)',
    format: 'SWF (Flash) animation',
    mime: 'application/x-shockwave-flash',
    bytes: bytes('FWS', [10], le32(90), noise(60, 56)),
  },
  {
    name: 'SWF (zlib)',
    format: 'SWF (Flash) animation',
    mime: 'application/x-shockwave-flash',
    bytes: bytes('CWS', [10], le32(900), [0x78, 0x9c], noise(60, 57)),
  },
  {
    name: 'ANI cursor',
    format: 'ANI animated cursor',
    mime: 'application/x-navi-animation',
    bytes: riff(
      'ACON',
      riffChunk('anih', [...le32(36), ...le32(2), ...le32(2), ...zeros(24)]),
      noise(20, 58),
    ),
  },
  {
    name: 'QOI',
    format: 'QOI image',
    mime: 'image/qoi',
    bytes: bytes('qoif', be32(2), be32(2), [4, 0], noise(20, 59), zeros(7), [1]),
  },
  {
    name: 'GIMP XCF',
    format: 'GIMP XCF image',
    mime: 'image/x-xcf',
    bytes: bytes('gimp xcf v011\0', be32(2), be32(2), be32(0), noise(40, 60)),
  },
  {
    name: 'OpenEXR',
    format: 'OpenEXR image',
    mime: 'image/x-exr',
    bytes: bytes(
      [0x76, 0x2f, 0x31, 0x01, 0x02, 0, 0, 0],
      'channels\0chlist\0',
      le32(18),
      noise(40, 61),
    ),
  },
  {
    name: 'PNM (P6)',
    format: 'PNM image',
    mime: 'image/x-portable-pixmap',
    bytes: bytes('P6\n2 2\n255\n', [0, 0, 0], noise(9, 62)),
  },
  {
    name: 'DICOM',
    format: 'DICOM medical image',
    mime: 'application/dicom',
    bytes: bytes(zeros(128), 'DICM', [2, 0, 0, 0], 'UL', le16(4), le32(200), noise(40, 63)),
  },
  {
    name: 'Fujifilm RAF',
    format: 'Fujifilm RAF raw image',
    mime: 'image/x-fuji-raf',
    bytes: bytes('FUJIFILMCCD-RAW 0201FF393101', zeros(4), noise(40, 64)),
  },
  {
    name: 'Olympus ORF',
    format: 'Olympus ORF raw image',
    mime: 'image/x-olympus-orf',
    bytes: bytes('IIRO', le32(8), le16(1), noise(40, 65)),
  },
  {
    name: 'Panasonic RW2',
    format: 'Panasonic RW2 raw image',
    mime: 'image/x-panasonic-rw2',
    bytes: bytes('IIU\0', le32(8), le16(1), noise(40, 66)),
  },
  {
    name: 'Canon CRW',
    format: 'Canon CRW raw image',
    mime: 'image/x-canon-crw',
    bytes: bytes('II', [0x1a, 0, 0, 0], 'HEAPCCDR', le32(0x10000), noise(40, 67)),
  },
  {
    name: 'SVG (with XML declaration)',
    format: 'SVG markup',
    mime: 'image/svg+xml',
    markup:
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4" viewBox="0 0 4 4"><rect width="4" height="4" fill="#000"/></svg>\n',
  },
  {
    name: 'SVG (bare element)',
    format: 'SVG markup',
    mime: 'image/svg+xml',
    markup: '<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>',
  },
  {
    name: 'SVG (doctype, upper case)',
    format: 'SVG markup',
    mime: 'image/svg+xml',
    markup:
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<SVG WIDTH="1" HEIGHT="1"></SVG>',
  },
  {
    name: 'XPM',
    format: 'XPM image',
    mime: 'image/x-xpixmap',
    markup:
      '/* XPM */\nstatic char * icon_xpm[] = {\n"2 2 2 1",\n"  c None",\n". c #000000",\n". ",\n" ."};\n',
  },
  {
    name: 'EPS',
    format: 'EPS image',
    mime: 'application/postscript',
    markup:
      '%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto 10 10 lineto stroke\nshowpage\n%%EOF\n',
  },
];

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);
const payloadOf = (s: Sample): Uint8Array => s.bytes ?? bytes(s.markup ?? '');
const b64 = (s: Sample): string => Buffer.from(payloadOf(s)).toString('base64');
const wrap = (text: string, width: number, eol: string): string =>
  (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(eol);
const percentAll = (b: Uint8Array): string =>
  Array.from(b, (x) =>
    /[A-Za-z0-9]/.test(String.fromCharCode(x))
      ? String.fromCharCode(x)
      : `%${x.toString(16).padStart(2, '0').toUpperCase()}`,
  ).join('');

const CAPTION = 'Pasted below, as it arrived:\n';
const BEFORE = 'The message said ';
const AFTER = ' and then nothing more was sent.';

interface Encoding {
  name: string;
  encode: (s: Sample) => string;
  expect: (s: Sample, text: string) => Omit<ImageryFinding, 'format'>;
}

/** Where the markup of a text sample starts (after any XML declaration). */
const markupStart = (s: Sample): number =>
  s.markup?.search(/<svg|<!doctype svg|\/\* XPM|%!PS/i) ?? 0;

const ENCODINGS: Encoding[] = [
  {
    name: 'raw (latin1 bytes, or the markup as typed)',
    encode: (s) => s.markup ?? latin1(payloadOf(s)),
    expect: (s) => ({ encoding: s.markup ? 'markup' : 'raw', index: markupStart(s) }),
  },
  {
    name: 'raw after a caption',
    encode: (s) => CAPTION + (s.markup ?? latin1(payloadOf(s))) + '\nend',
    expect: (s) => ({
      encoding: s.markup ? 'markup' : 'raw',
      index: CAPTION.length + markupStart(s),
    }),
  },
  {
    name: 'base64, contiguous',
    encode: (s) => b64(s),
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64, wrapped at 76 with CRLF',
    encode: (s) => wrap(b64(s), 76, '\r\n'),
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64, wrapped at 64 with LF',
    encode: (s) => wrap(b64(s), 64, '\n') + '\n',
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64url, unpadded',
    encode: (s) => b64(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    expect: () => ({ encoding: 'base64', index: 0 }),
  },
  {
    name: 'base64 mid-sentence',
    encode: (s) => BEFORE + b64(s) + AFTER,
    expect: () => ({ encoding: 'base64', index: BEFORE.length }),
  },
  {
    name: 'base64 wrapped mid-sentence',
    encode: (s) => BEFORE + '\n' + wrap(b64(s), 76, '\n') + '\n' + AFTER,
    expect: () => ({ encoding: 'base64', index: BEFORE.length + 1 }),
  },
  {
    name: 'base64 as left in a JSON string (\\/ and \\n escapes)',
    encode: (s) => '{"file": "' + wrap(b64(s), 76, '\\n').replace(/\//g, '\\/') + '"}',
    expect: () => ({ encoding: 'base64', index: 10 }),
  },
  {
    name: 'data: URL with its own media type',
    encode: (s) => `data:${s.mime};base64,${b64(s)}`,
    expect: () => ({ encoding: 'data-url', index: 0 }),
  },
  {
    name: 'data: URL, application/octet-stream',
    encode: (s) => `data:application/octet-stream;base64,${b64(s)}`,
    expect: () => ({ encoding: 'data-url', index: 0 }),
  },
  {
    name: 'data: URL, application/octet-stream, percent-encoded',
    encode: (s) => `data:application/octet-stream,${percentAll(payloadOf(s))}`,
    expect: () => ({ encoding: 'data-url', index: 0 }),
  },
  {
    name: 'data: URL in an HTML attribute',
    encode: (s) =>
      `<p>Look: <img alt="x" src="data:${s.mime};base64,${wrap(b64(s), 76, '\n')}"></p>`,
    expect: (_s, text) => ({ encoding: 'data-url', index: text.indexOf('data:') }),
  },
];

describe('R2 corpus sanity (generated, never real images)', () => {
  it.each(SAMPLES.filter((s) => s.bytes))(
    '$name carries a control byte, as every binary file does',
    (s) => {
      const isControl = (b: number): boolean => b < 32 && b !== 9 && b !== 10 && b !== 13;
      expect(Array.from(payloadOf(s)).some(isControl)).toBe(true);
      expect(payloadOf(s).length).toBeGreaterThanOrEqual(20);
      expect(payloadOf(s).length).toBeLessThan(1000);
    },
  );
  it.each(SAMPLES.filter((s) => s.bytes))('$name is named by the byte sniffer', (s) => {
    expect(sniffImageryBytes(payloadOf(s))).toBe(s.format);
  });
});

describe('R2: every format in every encoding is refused with its format name', () => {
  const cases = SAMPLES.flatMap((sample) =>
    ENCODINGS.map((encoding) => ({ label: `${sample.name} — ${encoding.name}`, sample, encoding })),
  );
  it.each(cases)('$label', ({ sample, encoding }) => {
    const text = encoding.encode(sample);
    expect(detectImagery(text)).toEqual({
      format: sample.format,
      ...encoding.expect(sample, text),
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Other refusals
// ---------------------------------------------------------------------------------------------

const PNG = SAMPLES[0] as Sample;
const unknownBinary = (n: number): Uint8Array => {
  const out = Uint8Array.from(noise(n, 99));
  out.set([0x01, 0x02]); // starts with no known signature
  return out;
};

describe('R2: other refusals', () => {
  it.each([
    ['data:image/png;base64,AAAA', 0],
    ['data:image/png;base64,', 0],
    ['data:video/mp4,hello', 0],
    ['DATA:IMAGE/JPEG;BASE64,/9j/', 0],
    ['see (data:image/svg+xml;utf8,<svg/>)', 5],
    ['link: data:image/gif;charset=x;base64,R0lGOD', 6],
  ])('any image/ or video/ data: URL, whatever its payload: %s', (text, index) => {
    expect(detectImagery(text)).toMatchObject({ encoding: 'data-url', index });
  });

  it('names an image/ data: URL with an unrecognised payload as a data: URL', () => {
    expect(detectImagery('data:image/png;base64,AAAA')).toEqual({
      format: 'data: URL',
      encoding: 'data-url',
      index: 0,
    });
  });

  it.each([
    ['NUL', 'before\u0000after', 6],
    ['BEL', 'ring\u0007', 4],
    ['ESC (terminal colour code)', 'red \u001b[31mtext', 4],
    ['vertical tab', 'a\u000bb', 1],
    ['form feed', 'page\u000cbreak', 4],
    ['unit separator', '\u001f', 0],
  ])('a C0 control character (%s) is refused as binary data', (_label, text, index) => {
    expect(detectImagery(text)).toEqual({ format: 'binary data', encoding: 'raw', index });
  });

  it('names raw imagery even when it is not at the start of the string', () => {
    expect(detectImagery('abc' + latin1(payloadOf(PNG)))).toEqual({
      format: 'PNG',
      encoding: 'raw',
      index: 3,
    });
  });

  const blob = Buffer.from(unknownBinary(600)).toString('base64');
  it.each([
    ['contiguous', blob, 0],
    ['wrapped at 76', wrap(blob, 76, '\r\n'), 0],
    ['base64url', blob.replace(/\+/g, '-').replace(/\//g, '_'), 0],
    ['mid-sentence', BEFORE + wrap(blob, 64, '\n') + AFTER, BEFORE.length],
    ['after a long word', 'Attachmentcontentfollowing ' + wrap(blob, 76, '\n'), 27],
  ])(
    'a long base64 run of an unknown binary format (%s) is refused as binary data',
    (_label, text, index) => {
      expect(detectImagery(text)).toEqual({ format: 'binary data', encoding: 'base64', index });
    },
  );

  it('a long binary data: URL payload of unknown format is refused', () => {
    const text = `data:application/octet-stream;base64,${blob}`;
    expect(detectImagery(text)).toEqual({ format: 'binary data', encoding: 'data-url', index: 0 });
  });

  it('base64 of a data: URL, and base64 of base64, are seen through', () => {
    const dataUrl = `data:image/png;base64,${b64(PNG)}`;
    expect(detectImagery(Buffer.from(dataUrl).toString('base64'))).toEqual({
      format: 'PNG',
      encoding: 'base64',
      index: 0,
    });
    expect(detectImagery('x ' + Buffer.from(b64(PNG)).toString('base64'))).toEqual({
      format: 'PNG',
      encoding: 'base64',
      index: 2,
    });
  });

  it('a data: URL with a text media type whose payload is SVG markup is refused', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/></svg>';
    expect(detectImagery(`data:text/plain;base64,${Buffer.from(svg).toString('base64')}`)).toEqual({
      format: 'SVG markup',
      encoding: 'data-url',
      index: 0,
    });
    expect(detectImagery(`data:text/html,${encodeURIComponent(svg)}`)).toEqual({
      format: 'SVG markup',
      encoding: 'data-url',
      index: 0,
    });
  });

  it('a JSON-escaped image data: URL is still refused by its payload', () => {
    expect(detectImagery(`{"src":"data:image\\/png;base64,${b64(PNG)}"}`)).toMatchObject({
      format: 'PNG',
      encoding: 'base64',
    });
  });

  it('base64 glued after a path or key is still found', () => {
    expect(detectImagery(`/uploads/${b64(PNG)}`)).toMatchObject({
      format: 'PNG',
      encoding: 'base64',
      index: 9,
    });
    expect(detectImagery(`file=${b64(PNG)}`)).toMatchObject({
      format: 'PNG',
      encoding: 'base64',
      index: 5,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Ordinary text is accepted
// ---------------------------------------------------------------------------------------------

const WORDS = (
  'the a child said that she had been sent a message on Tuesday evening by another pupil in year nine ' +
  'who asked her to send a photo back; she refused and told her mother, who phoned the school office ' +
  'at 8:15 the next morning. I spoke with the DSL and the headteacher. We agreed not to view the ' +
  'images, and recorded why: there was no good and clear reason to. The police were informed ' +
  '(reference 4471/23) and advised us to keep the phone switched off, in a sealed bag, in the safe. ' +
  "Parents were told. Mr O'Neill, Ms Smith-Jones and the deputy attended the initial review meeting " +
  'safeguarding designated responsibilities communication straightforwardly characteristically ' +
  'antidisestablishmentarianism notwithstanding approximately 2024-11-21 10:15 café naïve résumé'
).split(/\s+/);

function prose(length: number, seed: number): string {
  const rnd = noise(Math.ceil(length / 2) + 64, seed);
  let out = '';
  let k = 0;
  while (out.length < length) {
    const word = WORDS[(rnd[k++ % rnd.length] ?? 0) % WORDS.length] ?? 'the';
    out += word + ((rnd[k % rnd.length] ?? 0) % 11 === 0 ? '.\n' : ' ');
  }
  return out.slice(0, length);
}

describe('R2: ordinary text is accepted', () => {
  it.each([
    ['empty', ''],
    ['50 KB of prose', prose(50_000, 1)],
    [
      '"data:" in prose',
      'data: the figures were collected on Tuesday. Data:image was not mentioned, nor data:,',
    ],
    ['metadata: with a media type', 'Metadata:image/png, size unknown'],
    [
      'format names',
      'The JPEG was described to me; I did not view it. A PNG, a MOV and an MP4 file were listed.',
    ],
    ['GIF89a', 'the GIF89a format, and the older GIF87a one'],
    ['box names as words', 'ftyp isom mp42 moov mdat free wide skip avif heic RIFF WEBP'],
    ['a URL with short tokens', 'https://www.example.com/watch?v=dQw4w9WgXcQ&t=42s'],
    [
      'a document URL',
      'https://docs.google.com/document/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdEFG/edit?usp=sharing',
    ],
    [
      'an Outlook safe link',
      'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2F&data=05%7C02%7Cdsl%40school.sch.uk%7C1a2b3c4d5e6f%7C0%7C0%7C638700000000000000%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C0%7C%7C%7C&sdata=Zm9vYmFyYmF6cXV4%3D&reserved=0',
    ],
    ['Password1', 'Password1'],
    ['abcdEFGH', 'abcdEFGH'],
    ['SHA-1 hex', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['SHA-256 hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['recovery key groups', 'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789-ABCD-EFGH-JKLM-NPQR-STUV'],
    [
      'a JWT',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    [
      'an email with a PGP-like short base64 line',
      'Hi,\n\nSee below.\n\n-----BEGIN PGP SIGNATURE-----\n\niHUEARYKAB0WIQTs5Y8wK0aZq3u9Xb1xG2h0n4dJmQUCZk1aBQAKCRBxG2h0n4dJ\n=Ab3d\n-----END PGP SIGNATURE-----\n',
    ],
    [
      'Welsh',
      "Dywedodd y plentyn fod neges wedi'i hanfon ato. Mae'r ŵyr yn byw yng Nghaerdydd; ŷd, ŵy.",
    ],
    ['Polish', 'Zażółć gęślą jaźń. Dziecko powiedziało, że otrzymało wiadomość.'],
    ['emoji', 'She sent 😀👍🏽 and then ❤️‍🔥 — nothing else 🙈🙉🙊'],
    ['"svg" only as a word', 'he wrote svg files; SVG is a format; svg> and <svgfile are not tags'],
    [
      '"<svg>" mentioned as a tag name',
      'A document, such as an XMLHttpRequest, <SVG>, image, or script. The <svg> tag.',
    ],
    [
      'a list of paths, one per line',
      Array.from(
        { length: 60 },
        (_, i) => ` third_party/${WORDS[i % WORDS.length] ?? 'x'}/src/third_party/lib${i}Ctrl`,
      ).join('\n'),
    ],
    [
      'a list of long words, one per line',
      Array.from(
        { length: 80 },
        (_, i) => `straightforwardly${'x'.repeat(i % 9)}Characteristically${i}`,
      ).join('\n'),
    ],
    ['tabs, CR and LF', 'Name:\tSam\r\nYear:\t9\r\n\r\nNotes:\tnone'],
    ['DEL and Latin-1 symbols', 'cost £5 ± 10% © school\u007f'],
    [
      'Windows and UNC paths',
      'C:\\Users\\dsl\\Documents\\notes.txt and \\\\server\\share\\new folder\\report',
    ],
    ['a JSON document', '{"name": "Sam", "notes": "seen at 10:15", "tags": ["online", "peer"]}'],
    [
      'a list of four-letter words',
      Array.from(
        { length: 400 },
        (_, i) =>
          [
            'able',
            'bake',
            'calm',
            'dark',
            'each',
            'face',
            'gave',
            'half',
            'idea',
            'jump',
            'keep',
            'lamb',
            'make',
            'name',
            'open',
            'pack',
            'quiz',
            'rain',
            'safe',
            'take',
            'upon',
            'vary',
            'wake',
            'yard',
            'zero',
            'BOLD',
            'CRAB',
            'DUSK',
          ][i % 28],
      ).join(' '),
    ],
    [
      'a column of four-digit years',
      Array.from({ length: 300 }, (_, i) => String(1900 + (i % 125))).join('\n'),
    ],
    ['a long hexadecimal string', Buffer.from(noise(600, 5)).toString('hex')],
    ['a key held down', 'a'.repeat(2000)],
    ['base64 of a long text', wrap(Buffer.from(prose(3000, 2)).toString('base64'), 76, '\r\n')],
    [
      'base64 of a short binary token (below the long-run threshold)',
      Buffer.from(unknownBinary(300)).toString('base64'),
    ],
    [
      'a base64 token that starts like a bare JPEG XL codestream',
      '/wo' + Buffer.from(noise(90, 8)).toString('base64'),
    ],
    [
      'a path that starts like a bare JPEG XL codestream',
      '/work/main/src/shared/guard/imageryGuardHelpersForTheRendererAndMain',
    ],
    ['a text data: URL', 'data:text/plain;base64,SGVsbG8sIHdvcmxkIQ=='],
    ['a percent-encoded text data: URL', 'data:text/plain,Hello%2C%20world'],
  ])('%s', (_label, text) => {
    expect(detectImagery(text)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Linear time: pathological inputs return
// ---------------------------------------------------------------------------------------------

const MB = 1_000_000;

// Under mutation testing (StrykerJS sets STRYKER_MUTATOR_WORKER) the instrumented guard scans
// 1 MB 10–20× slower, past these limits and the test timeout: the block is left to ordinary runs.
const UNDER_MUTATION = process.env.STRYKER_MUTATOR_WORKER !== undefined;

describe.skipIf(UNDER_MUTATION)('R2 guard stays linear on 1 MB inputs', () => {
  const timed = (text: string): { result: ImageryFinding | null; ms: number } => {
    const t0 = performance.now();
    const result = detectImagery(text);
    return { result, ms: performance.now() - t0 };
  };

  it.each([
    ['A repeated', 'A'.repeat(MB), null],
    ['random prose', prose(MB, 3), null],
    ['"/" repeated', '/'.repeat(MB), null],
    ['four-letter words', 'abcd '.repeat(MB / 5), null],
    ['"data:" repeated', 'data:'.repeat(MB / 5), null],
    ['"data:," repeated', 'data:,'.repeat(MB / 6), null],
    ['a huge percent-encoded data: URL', 'data:,' + '%'.repeat(MB), null],
    ['"data:;base64," repeated', 'data:;base64,'.repeat(MB / 13), null],
    ['"data:;base64,A " repeated', 'data:;base64,A '.repeat(MB / 15), null],
    ['"<svg" without a tag end', '<svgx'.repeat(MB / 5), null],
    ['"<svg " repeated', '<svg '.repeat(MB / 5), null],
    ['"<svg" then long words', ('<svg ' + 'a'.repeat(95)).repeat(MB / 100), null],
    ['drawing elements without an svg tag', '<path <g <text '.repeat(MB / 15), null],
    ['"<!doctype" and spaces', ('<!doctype' + ' '.repeat(91)).repeat(MB / 100), null],
    ['JSON escapes', '\\/\\n'.repeat(MB / 4), null],
    ['spaces', ' '.repeat(MB), null],
  ])('%s returns', (_label, text, expected) => {
    const { result, ms } = timed(text);
    expect(result).toEqual(expected);
    expect(ms).toBeLessThan(5000);
  });

  it('1 MB of base64 binary returns a finding', () => {
    const text = Buffer.from(unknownBinary(750_000)).toString('base64');
    const { result, ms } = timed(text);
    expect(result).toEqual({ format: 'binary data', encoding: 'base64', index: 0 });
    expect(ms).toBeLessThan(5000);
  });

  it('1 MB of raw control characters returns a finding', () => {
    const { result, ms } = timed('\u0001'.repeat(MB));
    expect(result).toEqual({ format: 'binary data', encoding: 'raw', index: 0 });
    expect(ms).toBeLessThan(5000);
  });
});

describe('IMAGERY_RULE_EXPLANATION', () => {
  it('explains R2 in plain words and asks for a description in words', () => {
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/never takes in images or video/);
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/R2/);
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/[Dd]escribe in words/);
    expect(IMAGERY_RULE_EXPLANATION).toMatch(/police/);
    expect(IMAGERY_RULE_EXPLANATION).not.toMatch(/base64|data: ?URL|byte|MIME|encod/i);
  });
});
