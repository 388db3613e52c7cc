// Tests of the R2 base64 decoder on its own verdicts (not through the run rule, which refuses long runs anyway): the characters and escapes it reads, how lines and groups join into runs, where a file's start is tried, how text inside is read again, and the long-binary rule's block shape, each next to its near miss.
import { describe, expect, it } from 'vitest';
import {
  alphaAt,
  base64Runs,
  findBase64,
  spaceAt,
} from '../../../src/shared/guard/decoders/base64';
import { inspectText } from '../../../src/shared/guard/imagery';
import { MAX_NESTING, type FindInText } from '../../../src/shared/guard/types';
import { noise, SAMPLES } from '../../helpers/imageryCorpus';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (b: Uint8Array | string): string => Buffer.from(b).toString('base64');
const unpadded = (b: Uint8Array | string): string => b64(b).replace(/=+$/, '');
const sampleBytes = (name: string): Uint8Array => {
  const s = SAMPLES.find((x) => x.name === name);
  if (!s?.bytes) throw new Error(`no binary sample named ${name}`);
  return Uint8Array.from(s.bytes);
};
const PNG = unpadded(sampleBytes('PNG'));
/** A word of letters only (never '+' or '/'), n long. */
const word = (n: number): string => 'Safeguardingleadreviewedthecase'.repeat(8).slice(0, n);
/** n base64 characters of random bytes (compressed image data looks like this). */
const binary = (n: number, seed = 11): string => b64(Uint8Array.from(noise(n, seed))).slice(0, n);
const wrap = (s: string, width: number): string =>
  (s.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join('\n');
const groupsOfFour = (s: string): string => (s.match(/.{1,4}/g) ?? []).join(' ');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>';
const ENGLISH =
  'The parent said the message arrived at nine and was deleted straight away by the pupil.';

/** An inner search that records what it was given and finds SVG markup in it. */
function spy(): { inner: FindInText; calls: Array<[string, number]> } {
  const calls: Array<[string, number]> = [];
  const inner: FindInText = (text, depth) => {
    calls.push([text, depth]);
    const at = text.indexOf('<svg');
    return at < 0 ? null : { format: 'SVG markup', encoding: 'markup', index: at };
  };
  return { inner, calls };
}
const nothingInside: FindInText = () => null;

interface RunShape {
  chars: string;
  pos: number[];
  segStarts: number[];
  longJoin: boolean[];
  end: number;
}
/** Every run base64Runs visits, copied. */
function runsOf(text: string): RunShape[] {
  const out: RunShape[] = [];
  base64Runs(text, (r) => {
    out.push({
      chars: Array.from(r.sext.subarray(0, r.m), (v) => ALPHABET[v]).join(''),
      pos: Array.from(r.pos.subarray(0, r.m)),
      segStarts: [...r.segStarts],
      longJoin: [...r.longJoin],
      end: r.end,
    });
    return null;
  });
  return out;
}
/** Each run as [char index of its first character, char index just past it]. */
const spans = (text: string): Array<[number, number]> =>
  runsOf(text).map((r) => [r.pos[0] ?? -1, r.end]);

describe('R2 base64 decoder: the characters it reads', () => {
  it.each([
    ['a capital', 'A', 0, 0 | 64],
    ['a small letter', 'z', 0, 51 | 64],
    ['a digit', '9', 0, 61 | 64],
    ['base64url minus', '-', 0, 62 | 64],
    ['base64url underscore', '_', 0, 63 | 64],
    ['a slash', '/', 0, 63 | 64],
    ['JSON\'s escaped slash "\\/"', '\\/', 0, 63 | 128],
    ['a URL-escaped plus %2B', '%2B', 0, 62 | 192],
    ['a URL-escaped plus in small letters %2b', '%2b', 0, 62 | 192],
    ['a URL-escaped slash %2F', '%2F', 0, 63 | 192],
    ['a URL-escaped slash in small letters %2f', '%2f', 0, 63 | 192],
  ])('%s is a base64 character (value and width)', (_n, text, at, expected) => {
    expect(alphaAt(text, at)).toBe(expected);
  });

  it.each([
    ['"\\x" (a backslash before anything but a slash)', '\\x', 0],
    ['a backslash after a slash', '/\\', 1],
    ['a backslash at the end of the text', 'AB\\', 2],
    ['%2C (the comma next to %2B)', '%2C', 0],
    ['%2E', '%2E', 0],
    ['%3B (a 3 where %2B has a 2)', '%3B', 0],
    ['%3F', '%3F', 0],
    ['"!2B" (no percent sign)', '!2B', 0],
    ['%3D (padding, not a character)', '%3D', 0],
    ['"="', '=', 0],
    ['a space', ' ', 0],
    ['"é" (a letter past ASCII)', 'é', 0],
    ['a full-width capital A', '\uff21', 0],
    ['past the end', 'AB', 2],
  ])('%s is not a base64 character', (_n, text, at) => {
    expect(alphaAt(text, at)).toBe(-1);
  });

  it.each([
    ['a space', ' ', 0, 1],
    ['a tab', '\t', 0, 1],
    ['a carriage return', '\r', 0, 1],
    ['a line feed (a line break)', '\n', 0, 1 | 4],
    ['JSON\'s "\\n" (a line break two characters wide)', '\\n', 0, 2 | 4],
    ['JSON\'s "\\r"', '\\r', 0, 2],
    ['JSON\'s "\\t"', '\\t', 0, 2],
    ['"\\x"', '\\x', 0, 0],
    ['"\\/" (a character, not a space)', '\\/', 0, 0],
    ['a backslash at the end of the text', 'n\\', 1, 0],
    ['"n" after a backslash, looked at from the "n"', '\\n', 1, 0],
    ['a no-break space', '\u00a0', 0, 0],
    ['a letter', 'a', 0, 0],
  ])(
    '%s is read as whitespace of the width given (4 added for a line break, 0 for none)',
    (_n, text, at, expected) => {
      expect(spaceAt(text, at)).toBe(expected);
    },
  );
});

describe('R2 base64 decoder: runs, segments and joins', () => {
  it('attack: base64 with every slash JSON-escaped ("\\/") is one run of the original characters, each at its place', () => {
    const jpeg = unpadded(sampleBytes('JPEG (JFIF)'));
    expect(jpeg).toContain('/');
    const text = JSON.stringify(jpeg).replace(/\//g, '\\/');
    const runs = runsOf(text);
    expect(runs.map((r) => r.chars)).toEqual([jpeg]);
    const pos: number[] = [];
    for (let i = 1; i < text.length - 1; i++)
      if (text[i - 1] !== '\\' || text[i] !== '/') pos.push(i);
    expect(runs[0]?.pos).toEqual(pos);
    expect(runs[0]?.end).toBe(text.length - 1);
  });

  it('attack: base64 URL-escaped (%2B, %2F, %3D padding) is one run of the original characters', () => {
    const padded = b64(sampleBytes('GIF89a'));
    expect(padded).toMatch(/[+].*=$|=$/);
    const text = encodeURIComponent(padded);
    expect(text).toContain('%3D');
    const runs = runsOf(`${text}.`);
    expect(runs[0]?.chars).toBe(padded.replace(/=+$/, ''));
    expect(runs[0]?.end).toBe(text.length);
  });

  it.each([
    ['"==" padding', 'QUJDRA== x', 8],
    ['"=" padding', 'QUJDRA= x', 7],
    ['"%3D%3D" padding', 'QUJDRA%3D%3D x', 12],
    ['"%3d" padding in small letters', 'QUJDRA%3d x', 9],
    ['"!3D" (no percent sign) is not padding', 'QUJDRA!3D x', 6],
    ['"%4D" is not padding', 'QUJDRA%4D x', 6],
    ['"%3C" is not padding', 'QUJDRA%3C x', 6],
  ])('a run ends just past its %s', (_n, text, end) => {
    expect(runsOf(text)[0]).toMatchObject({ chars: 'QUJDRA', end });
  });

  const L15 = word(15);
  const L16 = word(16);
  const L17 = word(17);
  const G12 = 'ABCDEFGHIJKL';
  it.each([
    ['lines of 16 joined by one line break', `${L16}\n${L16}`, [[0, 33]], [[true]]],
    ['lines of 17 joined by one line break', `${L17}\n${L16}`, [[0, 34]], [[true]]],
    ['lines joined by CR LF', `${L16}\r\n${L16}`, [[0, 34]], [[true]]],
    ['lines joined by JSON\'s "\\n"', `${L16}\\n${L16}`, [[0, 34]], [[true]]],
    ['lines joined by JSON\'s "\\r\\n"', `${L16}\\r\\n${L16}`, [[0, 36]], [[true]]],
    ['lines joined by spaces around a line break', `${L16}  \n\t${L16}`, [[0, 36]], [[true]]],
    ['groups of four joined by a tab', `${G12}\t${G12}`, [[0, 25]], [[false]]],
    ['groups of four joined by JSON\'s "\\t"', `${G12}\\t${G12}`, [[0, 26]], [[false]]],
    ['a group of twelve joined by one line break', `${G12}\n${L16}`, [[0, 29]], [[false]]],
  ])('%s are one run', (_n, text, expected, joins) => {
    expect(spans(text)).toEqual(expected);
    expect(runsOf(text).map((r) => r.longJoin)).toEqual(joins);
  });

  it.each([
    [
      'base64 lines wrapped at 15 characters',
      `${L15}\n${L16}`,
      [
        [0, 15],
        [16, 32],
      ],
    ],
    [
      'a group of thirteen',
      `${G12}M ${L16}`,
      [
        [0, 13],
        [14, 30],
      ],
    ],
    [
      'a blank line between two lines',
      `${L16}\n\n${L16}`,
      [
        [0, 16],
        [18, 34],
      ],
    ],
    [
      'a blank line holding spaces',
      `${L16}\n \n${L16}`,
      [
        [0, 16],
        [19, 35],
      ],
    ],
    // The "n" of each escape is a base64 character: the second one starts a run of its own.
    [
      'two of JSON\'s "\\n"',
      `${L16}\\n\\n${L16}`,
      [
        [0, 16],
        [17, 18],
        [19, 36],
      ],
    ],
    [
      '"\\x" between two lines',
      `${L16}\\x${L16}`,
      [
        [0, 16],
        [17, 34],
      ],
    ],
    [
      'a no-break space between two lines',
      `${L16}\u00a0${L16}`,
      [
        [0, 16],
        [17, 33],
      ],
    ],
  ])('%s do not join into one run', (_n, text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it('a line of exactly 16 joins as a wrapped line, not as a group of four', () => {
    expect(runsOf(`${L16}\n${G12}`)[0]?.longJoin).toEqual([true]);
  });

  it('a run followed by a space and then no base64 ends before the space, in one segment', () => {
    expect(runsOf(`${L16}${G12} ! ${G12}`)).toEqual([
      expect.objectContaining({ segStarts: [0], longJoin: [], end: 28 }),
      expect.objectContaining({ segStarts: [0], longJoin: [], end: 43 }),
    ]);
  });
});

describe('R2 base64 decoder: a file is found at the exact character it starts', () => {
  it('attack: the shortest JPEG header (8 characters, 6 bytes) is found; 7 characters are too few', () => {
    expect(findBase64('/9j/4AAQ', 0, nothingInside)).toEqual({
      format: 'JPEG',
      encoding: 'base64',
      index: 0,
    });
    expect(findBase64('/9j/4AA', 0, nothingInside)).toBeNull();
    expect(findBase64('see /9j/4AAQ end', 0, nothingInside)).toMatchObject({ index: 4 });
    expect(findBase64('see /9j/4AA end', 0, nothingInside)).toBeNull();
    // The last 8 characters of a longer run are still tried.
    expect(findBase64('see Note/9j/4AAQ end', 0, nothingInside)).toMatchObject({ index: 8 });
  });

  it.each([1, 4, 5, 31, 63, 64, 65, 200])(
    'attack: a PNG glued onto a %i-letter word is still caught at the exact character it starts',
    (n) => {
      expect(findBase64(`see ${word(n)}${PNG}.`, 0, nothingInside)).toEqual({
        format: 'PNG',
        encoding: 'base64',
        index: 4 + n,
      });
    },
  );

  it('attack: a PNG glued after 200 of one letter (plain letters are not data to the run rule) is refused as a PNG', () => {
    expect(inspectText(`see ${'a'.repeat(200)}${PNG}.`).problem).toEqual({
      kind: 'imagery',
      format: 'PNG',
      encoding: 'base64',
      index: 204,
    });
  });

  it.each([
    ['a slash', '/'],
    ['a plus', '+'],
    ['a base64url minus', '-'],
    ['a base64url underscore', '_'],
  ])(
    'attack: a PNG after %s, deep in a long run (a path or key=value), is caught where it starts',
    (_n, sep) => {
      expect(findBase64(`see ${word(70)}${sep}${PNG}.`, 0, nothingInside)).toEqual({
        format: 'PNG',
        encoding: 'base64',
        index: 4 + 71,
      });
    },
  );

  it('attack: a PNG after a digit deep in a long run is caught where it starts', () => {
    expect(findBase64(`see ${word(70)}9${PNG}.`, 0, nothingInside)).toMatchObject({ index: 75 });
  });

  it.each([
    ['at the start of the second line', `${word(80)}\n${PNG}`, 81],
    ['63 letters into the second line', `${word(80)}\n${word(63)}${PNG}`, 81 + 63],
    ['at the start of the third line', `${word(80)}\n${word(70)}\n${PNG}`, 81 + 71],
    ['64 letters into the second line', `${word(80)}\n${word(64)}${PNG}`, 81 + 64],
  ])('attack: a PNG wrapped after a long line of words is caught %s', (_n, text, index) => {
    expect(findBase64(text, 0, nothingInside)).toEqual({
      format: 'PNG',
      encoding: 'base64',
      index,
    });
  });
});

describe('R2 base64 decoder: text inside is read again, once, one level deeper', () => {
  it('attack: base64 of SVG markup is read again as text and named where the base64 starts', () => {
    const { inner, calls } = spy();
    expect(findBase64(`see ${b64(SVG)}.`, 0, inner)).toEqual({
      format: 'SVG markup',
      encoding: 'base64',
      index: 4,
    });
    expect(calls).toEqual([[SVG, 1]]);
  });

  it('base64 of a sentence is read again exactly once, one level deeper, and is not imagery', () => {
    const { inner, calls } = spy();
    expect(findBase64(`see ${b64(ENGLISH)}.`, 1, inner)).toBeNull();
    expect(calls).toEqual([[ENGLISH, 2]]);
  });

  it.each([
    ['one line', b64(SVG)],
    ['groups of four', groupsOfFour(unpadded(SVG))],
  ])('text nested MAX_NESTING deep is not read again (%s)', (_n, text) => {
    const { inner, calls } = spy();
    expect(findBase64(`see ${text}.`, MAX_NESTING - 1, inner)).toMatchObject({ index: 4 });
    expect(calls.map((c) => c[1])).toEqual([MAX_NESTING]);
    const deepest = spy();
    expect(findBase64(`see ${text}.`, MAX_NESTING, deepest.inner)).toBeNull();
    expect(deepest.calls).toEqual([]);
  });

  it('attack: a letter typed against base64 of SVG shifts it; it is still read, from the character after', () => {
    const { inner, calls } = spy();
    expect(findBase64(`see x${b64(SVG)}.`, 0, inner)).toMatchObject({ index: 5 });
    expect(calls).toEqual([[SVG, 1]]);
  });

  it('attack: base64 of SVG on the line after a long word is read from that line', () => {
    const { inner, calls } = spy();
    expect(findBase64(`see ${word(41)}\n${b64(SVG)}.`, 0, inner)).toMatchObject({ index: 46 });
    expect(calls).toEqual([[SVG, 1]]);
  });

  it('attack: base64 of SVG after a four-letter word and a space is read from its own start', () => {
    const { inner, calls } = spy();
    expect(findBase64(`see Data ${b64(SVG)}.`, 0, inner)).toMatchObject({ index: 9 });
    expect(calls).toEqual([[SVG, 1]]);
  });

  it('attack: base64 of SVG in groups of four is read whole', () => {
    const { inner, calls } = spy();
    expect(findBase64(`see ${groupsOfFour(unpadded(SVG))}.`, 0, inner)).toEqual({
      format: 'SVG markup',
      encoding: 'base64',
      index: 4,
    });
    expect(calls).toEqual([[SVG, 1]]);
  });

  it('attack: a short SVG in groups of four behind a four-letter word that decodes to junk is read from its second group', () => {
    const tiny = '<svg><rect/>';
    expect(Array.from(Buffer.from('Here', 'base64'))).toEqual([0x1d, 0xea, 0xde]);
    const { inner, calls } = spy();
    expect(findBase64(`Here ${groupsOfFour(unpadded(tiny))}`, 0, inner)).toEqual({
      format: 'SVG markup',
      encoding: 'base64',
      index: 5,
    });
    expect(calls).toEqual([[tiny, 1]]);
  });

  it.each([
    ['one line', (s: string) => s],
    ['groups of four', groupsOfFour],
  ])(
    'text in base64 is read again from 16 characters (12 bytes); 12 characters are too short (%s)',
    (_n, shape) => {
      const twelve = spy();
      findBase64(`see ${shape(b64('Hello there!'))}.`, 0, twelve.inner);
      expect(twelve.calls).toEqual([['Hello there!', 1]]);
      const nine = spy();
      findBase64(`see ${shape(b64('Hello you'))}.`, 0, nine.inner);
      expect(nine.calls).toEqual([]);
    },
  );

  it('12 characters after a four-letter word are too short on their own; the whole run is read once', () => {
    const { inner, calls } = spy();
    findBase64(`see Data ${b64('Hello you')}.`, 0, inner);
    expect(calls).toEqual([
      [Buffer.from(`Data${b64('Hello you')}`, 'base64').toString('latin1'), 1],
    ]);
  });

  it.each([
    ['3 bytes in 30 are not text (90 %): still read as text', 3, 1],
    ['4 bytes in 30 are not text (87 %): binary, not read', 4, 0],
  ])('markup in base64 where %s', (_n, junk, reads) => {
    const bytes = Buffer.concat([
      Buffer.from(`<svg><rect/>${'x'.repeat(18 - junk)}`),
      Buffer.from([1, 2, 3, 4].slice(0, junk)),
    ]);
    expect(bytes.length).toBe(30);
    const { inner, calls } = spy();
    const found = findBase64(`see ${b64(bytes)}.`, 0, inner);
    expect(calls).toHaveLength(reads);
    expect(found === null ? null : found.index).toBe(reads === 1 ? 4 : null);
  });
});

describe('R2 base64 decoder: the long-binary rule, on a regular block only', () => {
  const BINARY = { format: 'binary data', encoding: 'base64' };

  it.each([
    ['one line of 512', `see ${binary(512)}.`, 4],
    ['one line of 512 after a four-letter word', `see Data ${binary(512)}.`, 9],
    ['lines of 76, seven of them', `see ${wrap(binary(532), 76)}.`, 4],
    ['lines of 76 and a shorter last line', `see ${wrap(binary(516), 76)}.`, 4],
    ['lines of 64 behind a line of words', `see ${word(40)}\n${wrap(binary(640), 64)}`, 45],
  ])('attack: random data written as base64 is refused as binary data: %s', (_n, text, index) => {
    expect(findBase64(text, 0, nothingInside)).toEqual({ ...BINARY, index });
  });

  it.each([
    ['one line of 508', `see ${binary(508)}.`],
    ['one line of 508 after a four-letter word', `see Data ${binary(508)}.`],
    [
      'lines of 76 and a longer last line (456 in the block)',
      `see ${wrap(binary(456), 76)}\n${binary(100, 12)}.`,
    ],
    ["lines 75 wide (not a multiple of 4, not an encoder's wrap)", `see ${wrap(binary(525), 75)}.`],
  ])('is not binary data by this rule: %s', (_n, text) => {
    expect(findBase64(text, 0, nothingInside)).toBeNull();
  });

  // 23 different characters (no "A"): the rule also reads past the block's last character if it
  // miscounts, and the array there holds 0, an "A".
  const alphabet23 = 'ghijklmnopqrstuvwxyz012';
  const fromAlphabet = (alphabet: string): string =>
    noise(512, 5)
      .map((v) => alphabet[v % alphabet.length])
      .join('');
  it('a block using 23 different characters is not binary data (hex, a key held down); 24 are', () => {
    expect(findBase64(`see ${fromAlphabet(alphabet23)}.`, 0, nothingInside)).toBeNull();
    expect(findBase64(`see ${fromAlphabet(`${alphabet23}3`)}.`, 0, nothingInside)).toEqual({
      ...BINARY,
      index: 4,
    });
  });

  /** 390 bytes (520 characters): `junk` bytes that are not text, then text. */
  const mixed = (junk: number): string => {
    const bytes = new Uint8Array(390);
    for (let i = 0; i < 390; i++) bytes[i] = i < junk ? 0x80 + (i % 64) : 0x41 + (i % 26);
    return b64(bytes);
  };
  it.each([
    ['on its own', ''],
    ['after a four-letter word', 'Data '],
  ])(
    'a block whose bytes are 70 %% text is not binary data; one text byte fewer is (%s)',
    (_n, before) => {
      expect(findBase64(`see ${before}${mixed(117)}.`, 0, nothingInside)).toBeNull();
      expect(findBase64(`see ${before}${mixed(118)}.`, 0, nothingInside)).toEqual({
        ...BINARY,
        index: 4 + before.length,
      });
    },
  );

  it('attack: a long letter in base64, then random data on the next line: the letter being text does not let the data through', () => {
    const letter = b64(ENGLISH.repeat(40).slice(0, 3072));
    const { inner, calls } = spy();
    expect(findBase64(`${letter}\n${binary(520)}`, 0, inner)).toEqual({
      ...BINARY,
      index: letter.length + 1,
    });
    expect(calls).toHaveLength(1);
  });
});

describe("R2 guard: a file's bytes inside decoded text", () => {
  it.each([
    ['PNG', 'base64, one line', 'PNG', 'base64', (b: Uint8Array) => b64(b)],
    ['PNG', 'base64, wrapped at 76', 'PNG', 'base64', (b: Uint8Array) => wrap(b64(b), 76)],
    ['JPEG (JFIF)', 'base64, wrapped at 76', 'JPEG', 'base64', (b: Uint8Array) => wrap(b64(b), 76)],
    ['GIF89a', 'hex', 'GIF', 'hex', (b: Uint8Array) => Buffer.from(b).toString('hex')],
  ])(
    'attack: a letter and a %s encoded together (%s) is refused as that image',
    (name, _e, format, encoding, encode) => {
      const letter = Buffer.from(ENGLISH.repeat(30).slice(0, 2000));
      const text = encode(Uint8Array.from(Buffer.concat([letter, sampleBytes(name)])));
      expect(inspectText(`see ${text}.`).problem).toMatchObject({
        kind: 'imagery',
        format,
        encoding,
      });
    },
  );
});
