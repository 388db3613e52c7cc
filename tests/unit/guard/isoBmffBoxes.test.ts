// Tests of the R2 ISO-BMFF signature's box walking (MP4, MOV, HEIC, AVIF, JPEG 2000/XL): every size and brand check at its edge, the file still caught beside the near miss that is not a file, and words that spell box names not taken for a movie.
import { describe, expect, it } from 'vitest';
import { bytesView } from '../../../src/shared/guard/bytes';
import { checkText } from '../../../src/shared/guard/imagery';
import { sniff } from '../../../src/shared/guard/signatures';
import { be32, box, bytes, noise, zeros, type Part } from '../../helpers/imageryCorpus';

/** The format the signatures name at the start of these bytes, or null. */
const named = (data: Uint8Array): string | null => sniff(bytesView(data))?.format ?? null;
/** A box whose size field claims `size` bytes, whatever it really holds. */
const claims = (size: number, type: string, ...content: Part[]): Uint8Array =>
  bytes(be32(size), type, ...content);
const brands = (brand: string, n: number): string[] => new Array<string>(n).fill(brand);

const MP4 = 'MP4/ISO-BMFF video';
const MOV = 'QuickTime video';

describe('R2 ISO-BMFF: the ftyp box, at the edges of what is trusted', () => {
  it.each<[string, Uint8Array, string]>([
    [
      'an MP4 whose ftyp box holds only its brand and version (16 bytes, the smallest)',
      bytes(claims(16, 'ftyp', 'isom', be32(0)), box('mdat', noise(40, 1))),
      MP4,
    ],
    [
      'an MP4 whose ftyp box claims 4096 bytes (the largest trusted), cut short',
      claims(4096, 'ftyp', 'isom', be32(0), 'isom', 'mp41'),
      MP4,
    ],
    [
      'a JPEG 2000 image with its signature box cut off (ftyp first, jp2)',
      bytes(box('ftyp', 'jp2 ', be32(0), 'jp2 '), noise(40, 2)),
      'JPEG 2000',
    ],
    [
      'a JPEG 2000 image with its signature box cut off (ftyp first, jpx)',
      box('ftyp', 'jpx ', be32(0), 'jpx ', 'jp2 '),
      'JPEG 2000',
    ],
    [
      'a Motion JPEG 2000 video with its signature box cut off (ftyp first, mjp2)',
      box('ftyp', 'mjp2', be32(0), 'mjp2'),
      'JPEG 2000',
    ],
    [
      'a JPEG XL image with its signature box cut off (ftyp first)',
      bytes(box('ftyp', 'jxl ', be32(0), 'jxl '), noise(40, 3)),
      'JPEG XL',
    ],
    [
      'an AVIF image whose only AVIF brand is the last one in its ftyp box',
      box('ftyp', 'mif1', be32(0), 'mif1', 'miaf', 'avif'),
      'AVIF',
    ],
    [
      'an AVIF image whose AVIF brand is the 32nd compatible brand (the last one read)',
      box('ftyp', 'mif1', be32(0), ...brands('miaf', 31), 'avif'),
      'AVIF',
    ],
  ])('%s is still caught', (_what, data, format) => {
    expect(named(data)).toBe(format);
  });

  it.each<[string, Uint8Array]>([
    [
      'an ftyp box claiming 4100 bytes (one brand past the largest trusted)',
      claims(4100, 'ftyp', 'isom', be32(0), 'isom', 'mp41'),
    ],
    ['an ftyp box claiming 20 bytes that is cut after 8', claims(20, 'ftyp')],
    ['"ftyp" followed by bytes that are not a brand', claims(16, 'ftyp', [0, 1, 2, 3], be32(0))],
    ['"ftyp" followed by a brand with a control character', claims(16, 'ftyp', 'is\x7fm', be32(0))],
  ])('%s is not named (and does not stop the check)', (_what, data) => {
    expect(named(data)).toBeNull();
  });

  it.each<[string, Uint8Array]>([
    [
      'the bytes "avif" right after its ftyp box',
      bytes(box('ftyp', 'mif1', be32(0), 'mif1'), 'avif', zeros(4)),
    ],
    [
      'an AVIF brand as its 33rd compatible brand, past the 32 read',
      box('ftyp', 'mif1', be32(0), ...brands('miaf', 32), 'avif'),
    ],
    [
      'an AVIF brand after bytes in its brand list that are not a brand',
      box('ftyp', 'mif1', be32(0), 'mif1', [0, 0, 0, 0], 'avif'),
    ],
  ])('a HEIF image with %s is named from the brands it declares: HEIC/HEIF', (_what, data) => {
    expect(named(data)).toBe('HEIC/HEIF');
  });
});

describe('R2 ISO-BMFF: QuickTime movies without an ftyp box, box by box', () => {
  it.each<[string, Uint8Array]>([
    ['whose mdat box runs to the end of the file (size 0)', claims(0, 'mdat', noise(64, 4))],
    [
      'whose mdat box has a 64-bit size (size 1)',
      claims(1, 'mdat', be32(0), be32(0x100000), noise(56, 5)),
    ],
    [
      'whose mdat box is followed by bytes that are not a box (media data is not walked)',
      bytes(box('mdat', noise(8, 6)), be32(16), 'zzzz', noise(8, 7)),
    ],
    [
      'whose first free box has a 64-bit size (size 1)',
      claims(1, 'free', be32(0), be32(24), zeros(8), box('mdat')),
    ],
    ['whose first free box is empty (8 bytes)', bytes(box('free'), box('mdat', noise(64, 8)))],
    ['whose first skip box is 16 bytes, then its mdat', bytes(box('skip', zeros(8)), box('mdat'))],
    ['cut right after its first free box', box('free', zeros(8))],
    [
      'cut inside the type of the box after its free box',
      bytes(box('free', zeros(8)), be32(64), 'md'),
    ],
    ['cut right after its moov header', claims(1000, 'moov')],
    [
      'whose free box is one byte over 64 KB (what follows is not looked for)',
      bytes(claims(65537, 'free', noise(65529, 9)), be32(16), 'zzzz', zeros(8)),
    ],
    ['whose free box claims 16 MB less one byte', claims(0xffffff, 'free', zeros(16))],
    ['that opens with an 8-byte wide box', bytes(box('wide'), box('mdat'))],
  ])('a QuickTime movie %s is still caught', (_what, data) => {
    expect(named(data)).toBe(MOV);
  });

  it.each<[string, Uint8Array]>([
    ['a wide box of 0 bytes', bytes(claims(0, 'wide'), box('mdat', noise(40, 10)))],
    ['a wide box of 1 byte', bytes(claims(1, 'wide'), be32(0), be32(64), noise(40, 11))],
    [
      'a wide box of 16 bytes, however good what follows',
      bytes(box('wide', zeros(8)), box('mdat')),
    ],
    ['an mdat box of 2 bytes', claims(2, 'mdat', noise(40, 12))],
    ['an mdat box of 7 bytes', claims(7, 'mdat', noise(40, 13))],
    ['a moov box of 7 bytes', claims(7, 'moov', box('mvhd', zeros(100)))],
    [
      'an empty free box followed by a type no movie has',
      bytes(box('free'), be32(16), 'zzzz', zeros(8)),
    ],
    [
      'a free box of 16 bytes followed by a type no movie has',
      bytes(box('free', zeros(8)), be32(16), 'zzzz', zeros(8)),
    ],
    [
      'a free box followed by a type that ends in a zero byte',
      bytes(box('free', zeros(8)), be32(16), [0x6d, 0x64, 0x61, 0x00], zeros(8)),
    ],
    [
      'a free box followed by a type that starts with a control character',
      bytes(box('free', zeros(8)), be32(16), [0x01, 0x64, 0x61, 0x74], zeros(8)),
    ],
    [
      'a free box of exactly 64 KB followed by a type no movie has',
      bytes(claims(65536, 'free', zeros(65528)), be32(16), 'zzzz', zeros(8)),
    ],
    ['a free box that claims 16 MB', claims(0x1000000, 'free', zeros(16))],
  ])('%s is not named QuickTime', (_what, data) => {
    expect(named(data)).toBeNull();
  });
});

describe('R2 ISO-BMFF: words that spell box names are not a movie', () => {
  // "feel free" read as bytes: "eel " is a box size of 0x65656c20, then the type "free". Every
  // character of text is at least 0x09, so four of them are never the size of a real free box.
  it.each([
    ['a search link', 'https://www.google.com/search?q=feel%20free%20to%20call'],
    ['a page title in a link', 'https://example.org/page?title=Please%20feel%20free%20to%20ask'],
    ['a link ending in free', 'https://example.org/?q=stay%20free'],
    ['a link saying skip', 'https://example.org/help?q=how%20to%20skip%20a%20step'],
  ])('%s with a percent-encoded "feel free" or "skip" is accepted', (_what, text) => {
    expect(checkText(text)).toBeNull();
  });

  it.each([
    'Users get 5 free attempts, then 3 more.',
    'The test is skipped while the vault is locked.',
    'It is for free, and the free-text field is optional.',
  ])('the sentence %j read as bytes names no format at any offset', (sentence) => {
    const data = Buffer.from(sentence, 'utf8');
    const hits: string[] = [];
    for (let off = 0; off < data.length; off++) {
      const format = named(data.subarray(off));
      if (format !== null) hits.push(`${off}: ${format}`);
    }
    expect(hits).toEqual([]);
  });
});
