// Tests of the R2 signatures' structural checks, one at a time: each known format with a single field broken is no longer named as that format, so every check is shown to do its work.
import { describe, expect, it } from 'vitest';
import { bytesView } from '../../../src/shared/guard/bytes';
import { sniff } from '../../../src/shared/guard/signatures';
import { SAMPLES, type Sample } from '../../helpers/imageryCorpus';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const sample = (name: string): Sample => {
  const s = SAMPLES.find((x) => x.name === name);
  if (!s?.bytes) throw new Error(`no binary sample named ${name}`);
  return s;
};
/** The sample's bytes with some bytes set, or cut to a length. */
const broken = (s: Sample, patch: Record<number, number> | { cut: number }): Uint8Array => {
  const b = Uint8Array.from(s.bytes!);
  if ('cut' in patch && typeof patch.cut === 'number') return b.subarray(0, patch.cut);
  for (const [at, v] of Object.entries(patch)) b[Number(at)] = v as number;
  return b;
};
const at = (offset: number, values: number[]): Record<number, number> =>
  Object.fromEntries(values.map((v, i) => [offset + i, v]));
/** Where a DocType element (42 82, a size byte, then the name) starts in an EBML header. */
const docTypeAt = (b: Uint8Array): number => {
  for (let i = 4; i < 64; i++) if (b[i] === 0x42 && b[i + 1] === 0x82) return i + 3;
  throw new Error('no DocType');
};

const NEAR_MISSES: Array<[string, string, Record<number, number> | { cut: number }]> = [
  ['JPEG (JFIF)', 'byte 3 is not a JPEG marker', { 3: 0x00 }],
  ['JPEG (JFIF)', 'the first segment is shorter than its own length field', at(4, [0, 1])],
  ['JPEG 2000 (J2K codestream)', 'the SIZ segment is too short', at(4, [0, 40])],
  ['GIF89a', 'cut before the screen descriptor ends', { cut: 9 }],
  ['WebP (lossy VP8)', 'the first chunk is not VP8, VP8L or VP8X', at(12, ascii('VP8Z'))],
  ['WebP (lossy VP8)', 'the RIFF size is under 4', at(4, [3, 0, 0, 0])],
  ['AVI', 'the RIFF form is not AVI', at(8, ascii('AVIZ'))],
  ['BMP (BITMAPINFOHEADER)', 'the reserved field is not zero', { 6: 1 }],
  ['BMP (BITMAPINFOHEADER)', 'the header size is not a known DIB size', { 14: 41 }],
  ['BMP (BITMAPINFOHEADER)', 'the pixel data starts inside the headers', at(10, [25, 0, 0, 0])],
  ['TIFF (little-endian II)', 'the first directory is inside the header', at(4, [7, 0, 0, 0])],
  ['TIFF (big-endian MM)', 'the first directory is inside the header', at(4, [0, 0, 0, 7])],
  ['ICO', 'no images', at(4, [0, 0])],
  ['ICO', 'the reserved byte is not zero', { 9: 1 }],
  ['ICO', 'the first image is empty', at(14, [0, 0, 0, 0])],
  ['ICO', 'the first image starts inside the directory', at(18, [5, 0, 0, 0])],
  ['ICO', 'two colour planes', at(10, [2, 0])],
  ['ICO', 'three bits per pixel', at(12, [3, 0])],
  ['CUR', 'the first image starts inside the directory', at(18, [5, 0, 0, 0])],
  ['MPEG-PS', 'the pack header has neither MPEG-1 nor MPEG-2 marker bits', { 4: 0x00 }],
  ['H.264 Annex B', 'an unknown profile', { 5: 45 }],
  ['H.264 Annex B', 'a level under 0.9', { 7: 8 }],
  ['H.264 Annex B', 'a level over 6.2', { 7: 63 }],
  ['H.265 Annex B', 'the second NAL header byte is wrong', { 5: 0x02 }],
  ['Photoshop PSD', 'version 3', { 5: 3 }],
  ['Photoshop PSD', 'a reserved byte is not zero', { 11: 1 }],
  ['FLV', 'an unknown flag is set', { 4: 0x02 }],
  ['FLV', 'the header is not 9 bytes long', { 8: 10 }],
  ['SWF (uncompressed)', 'version 0', { 3: 0 }],
  ['SWF (uncompressed)', 'version 51', { 3: 51 }],
  ['SWF (uncompressed)', 'a file length under 8', at(4, [7, 0, 0, 0])],
  ['Ogg (other stream)', 'an unknown page flag', { 5: 8 }],
  ['QOI', 'five channels', { 12: 5 }],
  ['QOI', 'an unknown colour space', { 13: 2 }],
  ['PNM (P6)', 'no blank after the magic number', { 2: 0x41 }],
  ['MPEG-TS', 'the second packet has no sync byte', { 188: 0x48 }],
  ['MP4 (isom)', 'an ftyp box under 16 bytes', at(0, [0, 0, 0, 12])],
  ['MP4 (isom)', 'an ftyp box size that is not a multiple of 4', at(0, [0, 0, 0, 18])],
  ['MOV (wide first)', 'a wide box that is not 8 bytes', at(0, [0, 0, 0, 9])],
  ['MOV (moov first)', 'a moov box whose first child is not a movie box', at(12, ascii('zzzz'))],
  ['DICOM', 'no DICM after the preamble', { 128: 0x58 }],
  ['Olympus ORF', 'the first directory is not at 8', at(4, [9, 0, 0, 0])],
  ['Panasonic RW2', 'the first directory is inside the header', at(4, [7, 0, 0, 0])],
];

describe('R2 signatures: each structural check does its work (one field broken at a time)', () => {
  it.each(NEAR_MISSES)('%s with %s is not named as it', (name, _what, patch) => {
    const s = sample(name);
    expect(sniff(bytesView(s.bytes!))?.format).toBe(s.format); // the sample itself is named
    expect(sniff(bytesView(broken(s, patch)))?.format).not.toBe(s.format);
  });

  it('a WebM header whose DocType is neither webm nor matroska is still refused, by its family', () => {
    const s = sample('WebM');
    const b = Uint8Array.from(s.bytes!);
    b[docTypeAt(b) + 3] = 0x7a; // "webz"
    expect(sniff(bytesView(b))?.format).toBe('WebM/Matroska video');
  });
});
