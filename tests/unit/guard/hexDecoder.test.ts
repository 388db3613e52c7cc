// Tests of the hex decoder on its own (R2): hex in every shape tools print decodes to the exact bytes at the exact places, and near misses at each edge (separator, prefix, a glued word, too few digits, a dump line) are read as the rule says.
import { describe, expect, it } from 'vitest';
import { hexSpans } from '../../../src/shared/guard/decoders/hex';
import { checkText } from '../../../src/shared/guard/imagery';

interface Read {
  encoding: string;
  text: string;
  hex: string;
  looksEncoded: boolean;
}

/** Each span the decoder finds: the text it covers, its bytes as hex, whether it looks encoded. */
const read = (text: string): Read[] =>
  hexSpans(text).map((s) => ({
    encoding: s.encoding,
    text: text.slice(s.start, s.end),
    hex: Buffer.from(s.bytes).toString('hex'),
    looksEncoded: s.looksEncoded,
  }));
const span = (text: string, hex: string, looksEncoded = true): Read => ({
  encoding: 'hex',
  text,
  hex,
  looksEncoded,
});
/** The char positions of each byte of the one span that decodes to `hex`. */
const positions = (text: string, hex: string): number[] =>
  Array.from(hexSpans(text).find((s) => Buffer.from(s.bytes).toString('hex') === hex)?.pos ?? []);

describe('R2 hex: the shapes tools print decode to the exact bytes', () => {
  it.each([
    ['in pairs with spaces', '89 50 4e 47 0d 0a 1a 0a', [0, 3, 6, 9, 12, 15, 18, 21]],
    ['in pairs with colons', '89:50:4e:47:0d:0a:1a:0a', [0, 3, 6, 9, 12, 15, 18, 21]],
    ['in pairs with dashes', '89-50-4E-47-0D-0A-1A-0A', [0, 3, 6, 9, 12, 15, 18, 21]],
    ['in pairs with semicolons', '89;50;4e;47;0d;0a;1a;0a', [0, 3, 6, 9, 12, 15, 18, 21]],
    ['in pairs with tabs', '89\t50\t4e\t47\t0d\t0a\t1a\t0a', [0, 3, 6, 9, 12, 15, 18, 21]],
    [
      'as a C array',
      '0x89, 0x50, 0x4E, 0x47, 0X0D, 0X0A, 0x1a, 0x0a',
      [2, 8, 14, 20, 26, 32, 38, 44],
    ],
    ['in groups of four over lines', '8950 4e47\r\n0d0a 1a0a', [0, 2, 5, 7, 11, 13, 16, 18]],
    [
      'in groups of four with a comma and spaces',
      '8950 ,  4e47 0d0a 1a0a',
      [0, 2, 8, 10, 13, 15, 18, 20],
    ],
  ])('attack: a PNG signature written %s is decoded to the same bytes', (_n, text, pos) => {
    expect(read(text)).toEqual([span(text, '89504e470d0a1a0a')]);
    expect(positions(text, '89504e470d0a1a0a')).toEqual(pos);
  });

  it('attack: plain hex is read at both alignments; only the whole bytes look encoded', () => {
    expect(read('see 89504e470d0a1a0a end')).toEqual([
      span('89504e470d0a1a0a', '9504e470d0a1a0', false),
      span('89504e470d0a1a0a', '89504e470d0a1a0a'),
    ]);
    expect(positions('see 89504e470d0a1a0a end', '89504e470d0a1a0a')).toEqual([
      4, 6, 8, 10, 12, 14, 16, 18,
    ]);
  });

  it('attack: one 0x number is read after its prefix', () => {
    expect(read('0x89504e47')).toEqual([
      span('0x89504e47', '9504e4', false),
      span('0x89504e47', '89504e47'),
    ]);
  });

  it('attack: hex glued after a word ("bad8950…") is read from its second digit', () => {
    expect(read('bad8950 4e47')).toEqual([span('bad8950 4e47', 'ad89504e47')]);
  });

  it('a short hex-looking tail of a word ("Ref") is the word\'s, not the data\'s', () => {
    expect(read('Ref 8950 4e47 0d0a')).toEqual([span('8950 4e47 0d0a', '89504e470d0a')]);
    expect(read('Gef 8950 4e47 0d0a')).toEqual([span('8950 4e47 0d0a', '89504e470d0a')]);
    // After a character that is not a letter past f, the group is data.
    expect(read('@ef 8950 4e47 0d0a')).toEqual([span('ef 8950 4e47 0d0a', 'ef89504e470d0a')]);
  });
});

describe('R2 hex: a digit or a word glued on', () => {
  it.each([
    ['a PNG', 'see 89504e470d0a1a0af end', '89504e470d0a1a0a'],
    ['a JPEG', 'ffd8ffe000104a4649460001a', 'ffd8ffe000104a4649460001'],
    ['a 0x number', '0x89504e470', '89504e47'],
  ])(
    'attack: %s in hex with one hex digit glued after it is also read from its first digit',
    (_n, text, hex) => {
      // The odd group is read from its second digit as a run; the whole bytes must be read too, or
      // the signature is never seen (a bug found by these tests: both readings were the same).
      expect(read(text).map((s) => s.hex)).toContain(hex);
      expect(positions(text, hex)[0]).toBe(text.indexOf(hex.slice(0, 2)));
    },
  );

  it('a 0x number of odd length is read after its prefix at both alignments', () => {
    expect(read('0x89504e470')).toEqual([
      span('0x89504e470', '89504e47', false),
      span('0x89504e470', '9504e470'),
    ]);
  });

  it('attack: a JPEG header in hex with one hex digit glued after it is refused as a JPEG', () => {
    expect(checkText('header ffd8ffe000104a46494600010100000100010000f')).toEqual({
      kind: 'imagery',
      format: 'JPEG',
      encoding: 'hex',
      index: 7,
    });
  });

  it('attack: hex with a word glued after it ("89504e47g") is read up to the word', () => {
    expect(read('89504e47g')).toEqual([
      span('89504e47', '9504e4', false),
      span('89504e47', '89504e47'),
    ]);
  });

  it('a digit and an x that is no 0x prefix ("ax89…") are not read as one', () => {
    expect(read('ax89504e47')).toEqual([
      span('89504e47', '9504e4', false),
      span('89504e47', '89504e47'),
    ]);
  });

  it('a run too short to be a span is not carried into the next run', () => {
    expect(read('89 50 4e, then 47 0d 0a 1a')).toEqual([span('47 0d 0a 1a', '470d0a1a')]);
  });
});

describe('R2 hex: separators', () => {
  it.each([
    ['a full stop', '8950.4e47'],
    ['a slash', '8950/4e47'],
    ['an underscore', '8950_4e47'],
    ['two line breaks', '8950\n\n4e47'],
    ['five characters (space, comma, three spaces)', '8950 ,   4e47'],
  ])('%s between groups of two bytes ends the run (too short to be a span)', (_n, text) => {
    expect(read(text)).toEqual([]);
  });

  it('one line break with spaces, up to four characters, joins two groups', () => {
    expect(read('8950 \n 4e47')).toEqual([span('8950 \n 4e47', '89504e47')]);
    expect(read('8950\n4e47')).toEqual([span('8950\n4e47', '89504e47')]);
  });

  it('a separator at the end of the text ends the run there', () => {
    expect(read('89 50 4e 47 ')).toEqual([span('89 50 4e 47', '89504e47')]);
    expect(read('89 50 4e 47 ,')).toEqual([span('89 50 4e 47', '89504e47')]);
  });
});

describe('R2 hex: how much hex makes a run', () => {
  it('three bytes are too few for a span; four are one', () => {
    expect(read('89 50 4e')).toEqual([]);
    expect(read('89 50 4e 47')).toEqual([span('89 50 4e 47', '89504e47')]);
  });

  it('seven glued digits are a word; eight are read', () => {
    expect(read('x 89504e4 y')).toEqual([]);
    expect(read('x 89504e47 y')).toEqual([
      span('89504e47', '9504e4', false),
      span('89504e47', '89504e47'),
    ]);
  });

  it('seven digits glued before a full stop are a word; eight are read', () => {
    expect(read('x 89504e4.')).toEqual([]);
    expect(read('x 89504e47.')).toEqual([
      span('89504e47', '9504e4', false),
      span('89504e47', '89504e47'),
    ]);
  });

  it('attack: eight hex digits after a letter past f are data, not the tail of a word', () => {
    expect(read('x9504e47 0d0a')).toEqual([]);
    expect(read('x89504e47 0d0a')).toEqual([span('89504e47 0d0a', '89504e470d0a')]);
  });

  it.each([
    ['only decimal digits', '12 34 56 78', false],
    ['only letters a-f', 'ab cd ef ab', false],
    ['digits and a letter', '12 34 56 7a', true],
    ['digits and a capital', '12 34 56 7A', true],
    ['digits and a letter, seven digits', '1 23 45 6a', false],
  ])('a run of %s looks encoded: %s', (_n, text, looks) => {
    const spans = read(text);
    expect(spans.map((s) => s.looksEncoded)).toEqual(spans.length === 0 ? [] : [looks]);
    if (looks) expect(spans).toHaveLength(1);
  });

  it('an odd group after the first ends the run', () => {
    expect(read('89 50 4e 47 0d 0a 1 1a 0a')).toEqual([span('89 50 4e 47 0d 0a', '89504e470d0a')]);
  });

  it.each([['g'], ['z'], ['G'], ['Z']])(
    'a group running into a letter past f ("%s") ends the run before it',
    (c) => {
      expect(read(`89 50 4e 47 0d${c}`)).toEqual([span('89 50 4e 47', '89504e47')]);
    },
  );

  it.each([['/'], [':'], ['@'], ['`'], ['é']])(
    '"%s" (just outside the hex digits) is no hex digit',
    (c) => {
      expect(read(`89${c}50${c}4e${c}47`)).toEqual(
        c === ':' ? [span(`89${c}50${c}4e${c}47`, '89504e47')] : [],
      );
    },
  );

  it('a 0x prefix without a hex digit after it is not a prefix', () => {
    expect(read('0xg1 0x 89 50 4e 47')).toEqual([span('89 50 4e 47', '89504e47')]);
  });
});

describe('R2 hex: dumps', () => {
  const XXD = [
    '00000000: ffd8 ffe0 0010 4a46 4946 0001 0100 0001  ......JFIF......',
    '00000010: 0001 0000 ffdb 0043 0006 1425 d276 ed3a  .......C...%.v.:',
    '00000020: efd7 b2c5 812f 19a8                      ...../..',
  ].join('\n');
  const BYTES = 'ffd8ffe000104a46494600010100000100010000ffdb004300061425d276ed3aefd7b2c5812f19a8';

  it('attack: an xxd dump over three lines is one span, offsets and text column left out', () => {
    const spans = read(`${XXD}\n`);
    expect(spans[0]).toEqual(span(XXD, BYTES));
    const pos = Array.from(hexSpans(`${XXD}\n`)[0]!.pos);
    expect(pos.slice(0, 4)).toEqual([10, 12, 15, 17]);
    expect(pos.slice(16, 18)).toEqual([78, 80]);
    expect(pos.at(-1)).toEqual(163);
  });

  it('attack: a hexdump -C line is read without its offset and text column', () => {
    const line = '00000000  ff d8 ff e0 00 10 4a 46  49 46 00 01 01 00 00 01  |......JFIF......|';
    expect(read(line)[0]).toEqual(span(line, 'ffd8ffe000104a464946000101000001'));
  });

  it('a line that is not a dump line splits a dump in two', () => {
    const text = '0000: ff d8 ff e0\nhello\n0010: 00 10 4a 46\n';
    expect(read(text).slice(0, 2)).toEqual([
      span('0000: ff d8 ff e0', 'ffd8ffe0'),
      span('0010: 00 10 4a 46', '00104a46'),
    ]);
  });

  it('a dump line too short to be a span is not carried into the next dump', () => {
    const text = '0000: ffd8 ff\nhello\n0010: 0010 4a46\n';
    expect(read(text)[0]).toEqual(span('0010: 0010 4a46', '00104a46'));
  });

  it('a dump group of odd length is read for its whole bytes only', () => {
    expect(read('0000: ff d8 ff e0 abc\n')[0]).toEqual(span('0000: ff d8 ff e0 abc', 'ffd8ffe0ab'));
  });

  it('a dump with fewer than four bytes is no dump span', () => {
    expect(read('00000000: ffd8 ff\n')).toEqual([span('00000000: ffd8 ff', '00000000ffd8ff')]);
  });
});
