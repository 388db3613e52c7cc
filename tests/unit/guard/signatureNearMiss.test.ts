// Tests of the R2 signatures at the edge of every field they check: the header an attacker nudges by one value is not named, the header at the exact limit still is.
//
// Each near miss is a real minimal header with ONE field moved just outside what the signature
// accepts, and is named as nothing at all (so it also proves no looser check elsewhere takes it).
// Each "still caught" case sits on the limit itself, so a check made one step stricter fails it.
import { describe, expect, it } from 'vitest';
import { bytesView, charView } from '../../../src/shared/guard/bytes';
import { detectImagery } from '../../../src/shared/guard/imagery';
import { sniff } from '../../../src/shared/guard/signatures';
import {
  be16,
  be32,
  bytes,
  le16,
  le32,
  SAMPLES,
  zeros,
  type Part,
} from '../../helpers/imageryCorpus';

/** What the guard names the bytes as (a strong signature), or null. */
const named = (data: Uint8Array) => sniff(bytesView(data));
const strong = (format: string) => ({ format, weak: false });

// ----- Minimal headers, each field a parameter so a test can move exactly one ---------------------

/** A JPEG: SOI, then a segment with this marker and length. */
const jpeg = (marker: number, length = 16, soi = [0xff, 0xd8, 0xff]): Uint8Array =>
  bytes(soi, [marker], be16(length), zeros(14));
/** A JPEG 2000 codestream: SOC, then the SIZ marker and its length. */
const j2k = (b1: number, b2: number, b3: number, length = 47): Uint8Array =>
  bytes([0xff, b1, b2, b3], be16(length), zeros(16));
/** A RIFF file of this form whose first chunk is `chunk`, with the RIFF size given. */
const riffOf = (form: string, chunk: string, size = 30): Uint8Array =>
  bytes('RIFF', le32(size), form, chunk, le32(10), zeros(10));
/** A BMP file header plus the start of a DIB header. */
const bmp = (second: string, pixelOffset: number, dibSize: number): Uint8Array =>
  bytes('B', second, le32(38), le32(0), le32(pixelOffset), le32(dibSize), le16(2), le16(2));
/** A 4-byte TIFF-family magic and the 32-bit field after it, in the given byte order. */
const tiff = (magic: number[], field: number, le: boolean): Uint8Array =>
  bytes(magic, le ? le32(field) : be32(field), zeros(16));
/** A BigTIFF header: magic, byte size of offsets, reserved, first directory at 16. */
const bigTiff = (magic: number[], offsetSize: number, reserved: number, le: boolean) =>
  le
    ? bytes(magic, le16(offsetSize), le16(reserved), le32(16), le32(0), zeros(8))
    : bytes(magic, be16(offsetSize), be16(reserved), be32(0), be32(16), zeros(8));
interface IcoFields {
  b1?: number;
  type?: number;
  b3?: number;
  planes?: number;
  bpp?: number;
  offset?: number;
}
/** An ICO/CUR directory with one 16 × 16 image (for CUR, planes and bpp are the hotspot). */
const ico = (f: IcoFields = {}): Uint8Array =>
  bytes(
    [0, f.b1 ?? 0, f.type ?? 1, f.b3 ?? 0],
    le16(1),
    [16, 16, 0, 0],
    le16(f.planes ?? 1),
    le16(f.bpp ?? 32),
    le32(1128),
    le32(f.offset ?? 22),
    zeros(16),
  );
/** An MPEG sequence header of this width and height (12 bits each). */
const mpegSeq = (width: number, height: number): Uint8Array =>
  bytes(
    [0, 0, 1, 0xb3, width >> 4, ((width & 15) << 4) | (height >> 8), height & 255],
    [0x13, 0xff, 0xff, 0xe0, 0x18],
    zeros(8),
  );
/** An H.264 sequence parameter set behind a 4-byte start code (whose bytes 1–3 can be moved). */
const h264 = (nal: number, level: number, start = [0, 0, 0, 1]): Uint8Array =>
  bytes(start, [nal, 100, 0x00, level, 0xac, 0xd9], zeros(8));
/** An MPEG transport stream packet with the given flags byte and adaptation field control byte. */
const tsPacket = (flags: number, afc: number): number[] => [0x47, flags, 0x00, afc, ...zeros(184)];
/** A Photoshop header: signature, version, 6 reserved bytes, channel count. */
const psd = (sig: string, version: number, channels = 3): Uint8Array =>
  bytes(sig, be16(version), zeros(6), be16(channels), be32(2), be32(2), be16(8), be16(3));
/** An Ogg page header: capture pattern, version, flags, …, segment table size at byte 26. */
const oggPage = (flags: number, ...rest: Part[]): Uint8Array =>
  bytes('OggS', [0, flags], zeros(8), le32(0x99), le32(0), le32(0), ...rest);
/** An SWF header: signature, version, file length. */
const swf = (sig: string, version: number, length: number): Uint8Array =>
  bytes(sig, [version], le32(length), zeros(12));
/** An EBML header with a Void element of `pad` bytes before its DocType element. */
const ebmlDocTypeAfter = (pad: number, docType = 'webm'): Uint8Array =>
  bytes(
    [0x1a, 0x45, 0xdf, 0xa3, 0x80 | 0x30],
    [0xec, 0x80 | pad],
    zeros(pad),
    [0x42, 0x82, 0x80 | docType.length],
    docType,
    zeros(8),
  );

// ----- Tables -------------------------------------------------------------------------------------

/** Headers on the exact limit of a check: a check one step stricter would let each through. */
const STILL_CAUGHT: Array<[string, Uint8Array, string]> = [
  // JPEG: the first segment's marker, at each end of the accepted ranges, and its length.
  [
    'a JPEG whose first segment is a baseline frame (SOF0, 0xC0) is still caught',
    jpeg(0xc0),
    'JPEG',
  ],
  ['a JPEG whose first segment is a Huffman table (DHT, 0xC4) is still caught', jpeg(0xc4), 'JPEG'],
  [
    'a JPEG whose first segment is the last frame marker (0xCF) is still caught',
    jpeg(0xcf),
    'JPEG',
  ],
  [
    'a JPEG whose first segment is a restart interval (DRI, 0xDD) is still caught',
    jpeg(0xdd),
    'JPEG',
  ],
  ['a JPEG whose first segment is APP15 (0xEF) is still caught', jpeg(0xef), 'JPEG'],
  ['a JPEG whose first segment is a comment (COM, 0xFE) is still caught', jpeg(0xfe), 'JPEG'],
  [
    'a JPEG whose first segment is an empty comment (length 2) is still caught',
    jpeg(0xfe, 2),
    'JPEG',
  ],
  [
    'a JPEG with a fill byte (FF) before its first marker, which decoders skip, is still caught',
    jpeg(0xe0, 16, [0xff, 0xd8, 0xff, 0xff]),
    'JPEG',
  ],
  [
    'a JPEG with five fill bytes before its first marker is still caught',
    jpeg(0xdb, 67, [0xff, 0xd8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    'JPEG',
  ],
  [
    'a JPEG 2000 codestream whose SIZ segment is the shortest allowed (41) is still caught',
    j2k(0x4f, 0xff, 0x51, 41),
    'JPEG 2000',
  ],
  // RIFF forms and sizes.
  [
    'a WebP whose RIFF size is the smallest accepted (4) is still caught',
    riffOf('WEBP', 'VP8 ', 4),
    'WebP',
  ],
  [
    'an OpenDML AVI extension (RIFF AVIX) is still caught as video',
    riffOf('AVIX', 'LIST'),
    'AVI video',
  ],
  [
    'a Video CD file (RIFF CDXA) is still caught as video',
    riffOf('CDXA', 'fmt '),
    'Video CD (RIFF CDXA) video',
  ],
  // BMP: an OS/2 core header (12 bytes) with the pixels straight after it.
  [
    'a BMP with a 12-byte core header and its pixels at offset 26 is still caught',
    bmp('M', 26, 12),
    'BMP',
  ],
  // TIFF family.
  [
    'an Olympus raw image with the IIRS variant of its magic is still caught',
    tiff(Array.from(bytes('IIRS')), 8, true),
    'Olympus ORF raw image',
  ],
  [
    'a big-endian BigTIFF (MM, 0x002B) is still caught',
    bigTiff([0x4d, 0x4d, 0, 0x2b], 8, 0, false),
    'TIFF',
  ],
  [
    'a big-endian Olympus raw image (MMOR) is still caught',
    tiff(Array.from(bytes('MMOR')), 8, false),
    'Olympus ORF raw image',
  ],
  // ICO and CUR.
  [
    'an ICO whose first image has 0 colour planes (allowed) is still caught',
    ico({ planes: 0 }),
    'ICO',
  ],
  [
    'an ICO whose first image starts at the last accepted offset (0xFFFFFF) is still caught',
    ico({ offset: 0xffffff }),
    'ICO',
  ],
  [
    'a CUR whose hotspot is at 0,0 (where an ICO keeps planes and depth) is named a cursor, not an icon',
    ico({ type: 2, planes: 0, bpp: 0 }),
    'CUR',
  ],
  // MPEG.
  [
    'an MPEG-1 program stream (pack header marker bits 0010) is still caught',
    bytes([0, 0, 1, 0xba, 0x21, 0, 1, 0, 1, 0x80, 0x1b, 0x91], zeros(8)),
    'MPEG-PS video',
  ],
  [
    'an MPEG sequence header whose height is 256 (low byte 0) is still caught',
    mpegSeq(320, 256),
    'MPEG video',
  ],
  ['an MPEG sequence header of 1 × 1 pixel is still caught', mpegSeq(1, 1), 'MPEG video'],
  [
    'an H.264 SPS whose NAL reference bits are 01 (0x27) is still caught',
    h264(0x27, 31),
    'H.264 video',
  ],
  ['an H.264 SPS at level 1b (9), the lowest, is still caught', h264(0x67, 9), 'H.264 video'],
  ['an H.264 SPS at level 6.2 (62), the highest, is still caught', h264(0x67, 62), 'H.264 video'],
  [
    'an MPEG-TS whose packets have flags byte 0 (a PID under 256, no payload start) is still caught',
    bytes(tsPacket(0, 0x10), tsPacket(0, 0x11), tsPacket(0, 0x12)),
    'MPEG-TS video',
  ],
  // Photoshop, FLV, SWF, Ogg, QOI.
  ['a Photoshop large document (PSB, version 2) is still caught', psd('8BPS', 2), 'Photoshop PSD'],
  [
    'a Photoshop header is caught whatever its channel count (only the reserved bytes are read)',
    psd('8BPS', 1, 0x0103),
    'Photoshop PSD',
  ],
  [
    'an FLV whose header claims neither audio nor video (flags 0) is still caught',
    bytes('FLV', [1, 0], be32(9), zeros(8)),
    'FLV video',
  ],
  ['an SWF of version 1, the lowest, is still caught', swf('FWS', 1, 90), 'SWF (Flash) animation'],
  [
    'an SWF of version 50, the highest accepted, is still caught',
    swf('FWS', 50, 90),
    'SWF (Flash) animation',
  ],
  [
    'an SWF whose length field is 8, the smallest accepted, is still caught',
    swf('FWS', 10, 8),
    'SWF (Flash) animation',
  ],
  [
    'an SWF whose length field is just under 256 MiB is still caught',
    swf('FWS', 10, 0x0fffffff),
    'SWF (Flash) animation',
  ],
  ['an LZMA-compressed SWF (ZWS) is still caught', swf('ZWS', 13, 900), 'SWF (Flash) animation'],
  [
    'an Ogg page from the middle of a stream (flags 0) is still caught',
    oggPage(0, [1, 30], zeros(30)),
    'Ogg media',
  ],
  [
    'an Ogg page with every flag set (7) is still caught',
    oggPage(7, [1, 30], zeros(30)),
    'Ogg media',
  ],
  [
    'an Ogg page with an empty segment table then a Theora header is named as Theora',
    oggPage(2, [0, 0x80], 'theora', zeros(8)),
    'Ogg Theora video',
  ],
  [
    'a QOI image with 3 channels (RGB) is still caught',
    bytes('qoif', be32(2), be32(2), [3, 0], zeros(8)),
    'QOI image',
  ],
  [
    'a QOI image in linear colour space (1) is still caught',
    bytes('qoif', be32(2), be32(2), [4, 1], zeros(8)),
    'QOI image',
  ],
  // EBML: the DocType element is looked for up to byte 63.
  [
    'a WebM header whose DocType element starts at byte 63 (the last place looked) is named WebM',
    ebmlDocTypeAfter(56),
    'WebM video',
  ],
  [
    'a WebM header whose DocType element starts at byte 64 is still refused, by its family',
    ebmlDocTypeAfter(57),
    'WebM/Matroska video',
  ],
  [
    'a WebM header whose EBMLVersion has a 2-byte value (size byte 0x82) is still named WebM',
    bytes(
      [0x1a, 0x45, 0xdf, 0xa3, 0x94],
      [0x42, 0x86, 0x82, 0, 1],
      [0x42, 0x82, 0x84],
      'webm',
      zeros(8),
    ),
    'WebM video',
  ],
  // PNM: the kinds, separators and digit counts at their limits.
  [
    'a binary PBM (P4: width and height only, then pixels) is still caught',
    bytes('P4 2 2\n', [0xc0, 0x40]),
    'PNM image',
  ],
  [
    'a PGM whose sizes use the digits 0 and 9 (1920 × 1080) is still caught',
    bytes('P5 1920 1080 255\n', [0xc0, 0x40]),
    'PNM image',
  ],
  [
    'a PPM whose width has 6 digits, the most read, is still caught',
    bytes('P6 123456 2 255\n', [0xc0, 0x40]),
    'PNM image',
  ],
  [
    'a PPM whose fields are separated by carriage returns is still caught',
    bytes('P6\r2\r2\r255\r', [0xc0, 0x40]),
    'PNM image',
  ],
  [
    'a PPM whose fields are separated by tabs is still caught',
    bytes('P6\t2\t2\t255\t', [0xc0, 0x40]),
    'PNM image',
  ],
  [
    'a PPM whose maxval is followed by a space is still caught',
    bytes('P6 2 2 255 ', [0xc0, 0x40]),
    'PNM image',
  ],
];

/** Real headers with ONE field moved just outside what the signature accepts: named as nothing. */
const NOT_NAMED: Array<[string, Uint8Array]> = [
  // JPEG: bytes 1–2 and the first marker just outside the accepted ranges.
  [
    'a JPEG header whose SOI is changed to EOI (FF D9) is not mistaken for an image',
    jpeg(0xe0, 16, [0xff, 0xd9, 0xff]),
  ],
  [
    'a JPEG header whose marker prefix is 00, not FF, is not mistaken for an image',
    jpeg(0xe0, 16, [0xff, 0xd8, 0x00]),
  ],
  [
    'a JPEG header whose first marker is 0xBF, just under the frame markers, is not mistaken for an image',
    jpeg(0xbf),
  ],
  [
    'a JPEG header whose first marker is RST0 (0xD0), just over the frame markers, is not mistaken for an image',
    jpeg(0xd0),
  ],
  [
    'a JPEG header whose first marker is 0xDC, between DQT and DRI, is not mistaken for an image',
    jpeg(0xdc),
  ],
  [
    'a JPEG header whose first marker is 0xDF, just under the APP markers, is not mistaken for an image',
    jpeg(0xdf),
  ],
  [
    'a JPEG header whose first marker is 0xF0, just over the APP markers, is not mistaken for an image',
    jpeg(0xf0),
  ],
  [
    'a JPEG start followed by fill bytes and then no marker is not mistaken for an image',
    bytes([0xff, 0xd8, 0xff, 0xff, 0xff, 0x00, 0x10], zeros(12)),
  ],
  [
    'a JPEG with a fill byte whose first segment is shorter than its own length field is not named',
    jpeg(0xe0, 1, [0xff, 0xd8, 0xff, 0xff]),
  ],
  [
    'a JPEG 2000 codestream with its second byte moved by one (FF 4E) is not mistaken for an image',
    j2k(0x4e, 0xff, 0x51),
  ],
  [
    'a JPEG 2000 codestream whose SIZ marker has no FF prefix is not mistaken for an image',
    j2k(0x4f, 0x00, 0x51),
  ],
  [
    'a JPEG 2000 codestream whose second marker is COD-like 0x52, not SIZ, is not mistaken for an image',
    j2k(0x4f, 0xff, 0x52),
  ],
  ['the JPEG XL codestream mark cut after its 2 bytes is not named', bytes([0xff, 0x0a])],
  [
    'bytes FF 0B, one off the JPEG XL codestream mark, are not named',
    bytes([0xff, 0x0b, 0x00, 0x10]),
  ],
  // RIFF: only the listed forms.
  [
    'a RIFF audio file (WAVE) whose first chunk is called VP8X is not mistaken for a WebP',
    riffOf('WAVE', 'VP8X'),
  ],
  // BMP.
  [
    'a BMP header whose second magic byte is N, not M, is not mistaken for an image',
    bmp('N', 26, 12),
  ],
  // TIFF family, little-endian.
  [
    'a TIFF header whose second byte is J, not I, is not mistaken for an image',
    tiff([0x49, 0x4a, 0x2a, 0], 8, true),
  ],
  [
    'a TIFF header whose version high byte is 1 (II 2A 01) is not mistaken for an image',
    tiff([0x49, 0x49, 0x2a, 1], 8, true),
  ],
  [
    'a BigTIFF header whose version high byte is 1 is not mistaken for an image',
    bigTiff([0x49, 0x49, 0x2b, 1], 8, 0, true),
  ],
  [
    'a BigTIFF header whose offsets are said to be 4 bytes, not 8, is not mistaken for an image',
    bigTiff([0x49, 0x49, 0x2b, 0], 4, 0, true),
  ],
  [
    'a BigTIFF header whose reserved field is not zero is not mistaken for an image',
    bigTiff([0x49, 0x49, 0x2b, 0], 8, 1, true),
  ],
  [
    'an Olympus raw header whose third byte is 0, not R, is not mistaken for an image',
    tiff([0x49, 0x49, 0, 0x4f], 8, true),
  ],
  [
    'an Olympus raw header IIRX (neither IIRO nor IIRS) is not mistaken for an image',
    tiff(Array.from(bytes('IIRX')), 8, true),
  ],
  [
    'a Panasonic raw header whose version high byte is 1 (IIU 01) is not mistaken for an image',
    tiff([0x49, 0x49, 0x55, 1], 8, true),
  ],
  // TIFF family, big-endian.
  [
    'a big-endian TIFF header whose second byte is X, not M, is not mistaken for an image',
    tiff([0x4d, 0x58, 0, 0x2a], 8, false),
  ],
  [
    'a big-endian TIFF header whose version high byte is 1 (MM 01 2A) is not mistaken for an image',
    tiff([0x4d, 0x4d, 1, 0x2a], 8, false),
  ],
  [
    'a big-endian TIFF header whose version is 0x2C, one past BigTIFF, is not mistaken for an image',
    bigTiff([0x4d, 0x4d, 0, 0x2c], 8, 0, false),
  ],
  [
    'a big-endian BigTIFF header whose version high byte is 1 is not mistaken for an image',
    bigTiff([0x4d, 0x4d, 1, 0x2b], 8, 0, false),
  ],
  [
    'a big-endian BigTIFF header whose offsets are said to be 4 bytes is not mistaken for an image',
    bigTiff([0x4d, 0x4d, 0, 0x2b], 4, 0, false),
  ],
  [
    'a big-endian BigTIFF header whose reserved field is not zero is not mistaken for an image',
    bigTiff([0x4d, 0x4d, 0, 0x2b], 8, 1, false),
  ],
  [
    'a big-endian Olympus raw header MMXR is not mistaken for an image',
    tiff(Array.from(bytes('MMXR')), 8, false),
  ],
  [
    'a big-endian Olympus raw header MMOX is not mistaken for an image',
    tiff(Array.from(bytes('MMOX')), 8, false),
  ],
  [
    'a big-endian Olympus raw header whose directory is at 9, not 8, is not mistaken for an image',
    tiff(Array.from(bytes('MMOR')), 9, false),
  ],
  // ICO and CUR.
  ['an ICO header whose second byte is 1 is not mistaken for an image', ico({ b1: 1 })],
  [
    'an icon directory of type 3 (neither icon nor cursor) is not mistaken for an image',
    ico({ type: 3 }),
  ],
  ['an ICO header whose fourth byte is 1 is not mistaken for an image', ico({ b3: 1 })],
  [
    'an ICO whose first image has 2 colour planes is named neither icon nor cursor',
    ico({ planes: 2 }),
  ],
  [
    'an ICO whose first image has 3 bits per pixel is named neither icon nor cursor',
    ico({ bpp: 3 }),
  ],
  [
    'an ICO whose first image starts at 16 MiB (0x1000000), past the limit, is not mistaken for an image',
    ico({ offset: 0x1000000 }),
  ],
  // MPEG program stream and video.
  [
    'an MPEG pack header whose start code has 01 as its second byte is not mistaken for video',
    bytes([0, 1, 1, 0xba, 0x44], zeros(12)),
  ],
  [
    'an MPEG pack header whose start code has 02 as its third byte is not mistaken for video',
    bytes([0, 0, 2, 0xba, 0x44], zeros(12)),
  ],
  ['an MPEG sequence header of width 0 is not mistaken for video', mpegSeq(0, 240)],
  ['an MPEG sequence header of height 0 is not mistaken for video', mpegSeq(320, 0)],
  // H.264 and H.265.
  [
    'an H.264 SPS whose start code has 01 as its second byte is not mistaken for video',
    h264(0x67, 31, [0, 1, 0, 1]),
  ],
  [
    'an H.264 SPS whose start code has 02 as its third byte is not mistaken for video',
    h264(0x67, 31, [0, 0, 2, 1]),
  ],
  [
    'an H.264 SPS whose start code ends 02, not 01, is not mistaken for video',
    h264(0x67, 31, [0, 0, 0, 2]),
  ],
  [
    'an H.264 slice (NAL type 5), not a parameter set, is not mistaken for a stream start',
    h264(0x65, 31),
  ],
  ['an H.264 SPS with the forbidden zero bit set is not mistaken for video', h264(0xe7, 31)],
  [
    'an H.265 NAL header 3E 01 (one below the parameter set 40 01) is not mistaken for video',
    bytes([0, 0, 0, 1, 0x3e, 0x01, 0x0c, 0x01], zeros(8)),
  ],
  // MPEG transport stream: each packet's flags and adaptation field control.
  [
    'an MPEG-TS whose second packet has the transport error bit set is not mistaken for video',
    bytes(tsPacket(0x40, 0x10), tsPacket(0xc1, 0x10), tsPacket(0x41, 0x11)),
  ],
  [
    'an MPEG-TS whose third packet has reserved adaptation field control 00 is not mistaken for video',
    bytes(tsPacket(0x40, 0x10), tsPacket(0x41, 0x10), tsPacket(0x41, 0x01)),
  ],
  [
    'an MPEG-TS cut off before the third packet’s adaptation field control byte is not named',
    bytes(tsPacket(0x40, 0x10), tsPacket(0x41, 0x10), [0x47, 0x41, 0x00]),
  ],
  // Photoshop, FLV, SWF, Ogg.
  ['a Photoshop header 8BPX (one letter off) is not mistaken for an image', psd('8BPX', 1)],
  [
    'a Photoshop header whose version high byte is 1 (0x0101) is not mistaken for an image',
    psd('8BPS', 0x0101),
  ],
  ['an FLV header of version 2 is not mistaken for video', bytes('FLV', [2, 5], be32(9), zeros(8))],
  ['an SWF header FXS (second letter off) is not mistaken for an animation', swf('FXS', 10, 90)],
  ['an SWF header FWX (third letter off) is not mistaken for an animation', swf('FWX', 10, 90)],
  [
    'an SWF header whose length field is 256 MiB, past the limit, is not mistaken for an animation',
    swf('FWS', 10, 0x10000000),
  ],
  [
    'the Ogg capture pattern and version cut before the flags byte are not named',
    bytes('OggS', [0]),
  ],
  // PNM.
  [
    'a plain-text PPM (P3, numbers written out) is not named as binary PNM',
    bytes('P3 2 2 255\n', '0 0 0'),
  ],
  ['a P7 header written like a PPM is not named as PNM', bytes('P7 2 2 255\n', [0xc0, 0x40])],
  [
    'a PPM header whose width runs straight on from the magic number (P62) is not named',
    bytes('P62 2 255\n', [0xc0, 0x40]),
  ],
  [
    'a PPM header with no maxval (as if it were a P4) is not named',
    bytes('P6 2 2\n', [0xc0, 0x40]),
  ],
  [
    'a PPM header with a letter inside its maxval (25A) is not named',
    bytes('P6 2 2 25A\n', [0xc0, 0x40]),
  ],
  ['a PPM header whose width has 7 digits is not named', bytes('P6 1234567 2 255\n', [0xc0, 0x40])],
  [
    'a PPM header whose maxval runs on into a letter (255A) is not named',
    bytes('P6 2 2 255A', [0xc0, 0x40]),
  ],
];

describe('R2 signatures: a header on the exact limit of a check is still caught', () => {
  it.each(STILL_CAUGHT)('%s', (_title, data, format) => {
    expect(named(data)).toEqual(strong(format));
  });
});

describe('R2 signatures: a header with one field moved past a check is named as nothing', () => {
  it.each(NOT_NAMED)('%s', (_title, data) => {
    expect(named(data)).toBeNull();
  });

  it('the bare JPEG XL codestream mark with a third byte of 0 is named, weakly', () => {
    expect(named(bytes([0xff, 0x0a, 0x00]))).toEqual({ format: 'JPEG XL', weak: true });
  });
});

describe('R2 signatures: characters that are not bytes never complete a header', () => {
  // In pasted text a character above U+00FF (a €, a Chinese character) is not a byte: a header
  // whose fields fall on such characters is ordinary writing, never a file.
  it.each([
    ['text that starts GIF89a and goes on in € signs is not a GIF', 'GIF89a€€€€'],
    [
      'text that starts GIF89a with a € where the screen width starts is not a GIF',
      'GIF89a€\x01\x00\x00',
    ],
    ['text whose JPEG XL mark is followed by a € is not named', '\xff\x0a€'],
    ['text whose Ogg flags byte is a € is not named', 'OggS\x00€'],
    [
      'text that starts with a € is not the start of a file, even with DICM 128 characters on',
      `€${'x'.repeat(127)}DICM`,
    ],
  ])('%s', (_title, text) => {
    expect(sniff(charView(text, 0))).toBeNull();
  });
});

describe('R2 signatures: JPEG fill bytes', () => {
  it('attack: a JPEG given a fill byte after its start (FF D8 FF FF E0…), which viewers ignore, is still named when pasted as base64', () => {
    const jfif = SAMPLES.find((x) => x.name === 'JPEG (JFIF)')?.bytes;
    if (!jfif) throw new Error('no JFIF sample');
    const padded = bytes([0xff, 0xd8, 0xff], jfif.subarray(2, 40));
    expect(padded.subarray(0, 5)).toEqual(Uint8Array.from([0xff, 0xd8, 0xff, 0xff, 0xe0]));
    expect(detectImagery(Buffer.from(padded).toString('base64'))).toMatchObject({
      format: 'JPEG',
      encoding: 'base64',
    });
  });
});

describe('R2 signatures: GIF screen descriptor', () => {
  it('a GIF 256 pixels wide (the width’s low byte is 0) is still caught', () => {
    const gif = bytes('GIF89a', le16(256), le16(1), [0xf7, 0, 0], zeros(8));
    expect(gif[6]).toBe(0);
    expect(named(gif)).toEqual(strong('GIF'));
  });
});
