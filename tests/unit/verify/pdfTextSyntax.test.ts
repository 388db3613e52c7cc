// The verifier's PDF reader on small hand-made PDFs, one syntax rule at a time: what report.pdf
// shows must be read exactly (a record id or hash misread is a record the officer is told is
// missing, or worse, one that is not), and no image may hide from the R2 check. Each test names
// the misreading it would catch, or the way an insider could try to hide an image or a record.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scanPdf } from '../../../src/main/core/verify/pdfText';

interface Obj {
  num: number;
  /** The dictionary's inside (without << >>), or a whole non-dictionary object. */
  dict: string;
  stream?: string | Buffer;
  /** Replaces the "/Length n" written for a stream. */
  length?: string;
  /** The end of line after the "stream" keyword (a PDF allows LF or CR LF). */
  eol?: string;
  /** Write `dict` as it is, not wrapped in << >>. */
  bare?: boolean;
}

const bytes = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'latin1') : s);

function pdfOf(objs: readonly Obj[], head = '%PDF-1.4\n'): Buffer {
  const parts = [bytes(head)];
  for (const o of objs) {
    if (o.stream === undefined) {
      parts.push(bytes(`${o.num} 0 obj\n${o.bare ? o.dict : `<< ${o.dict} >>`}\nendobj\n`));
      continue;
    }
    const data = bytes(o.stream);
    parts.push(
      bytes(`${o.num} 0 obj\n<< ${o.length ?? `/Length ${data.length}`} ${o.dict} >>\nstream`),
      bytes(o.eol ?? '\n'),
      data,
      bytes('\nendstream\nendobj\n'),
    );
  }
  parts.push(bytes('%%EOF\n'));
  return Buffer.concat(parts);
}

/** Every byte 00–FF shown as the character with that code (one-byte codes). */
const IDENTITY_CMAP =
  'begincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n1 beginbfrange\n<00> <FF> <0000>\nendbfrange\nendcmap\n';

const cmapObj = (cmap = IDENTITY_CMAP, num = 6): Obj => ({
  num,
  dict: '/Filter /FlateDecode',
  stream: deflateSync(Buffer.from(cmap, 'latin1')),
});

/** One page whose content stream is `content`, with font /F1 (object 5) mapped by `cmap`. */
function onePage(
  content: string | Buffer,
  o: { cmap?: string; resources?: string; contentDict?: string; extra?: Obj[] } = {},
): Buffer {
  return pdfOf([
    { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
    { num: 2, dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
    {
      num: 3,
      dict: `/Type /Page /Parent 2 0 R /Resources ${o.resources ?? '<< /Font << /F1 5 0 R >> >>'} /Contents 4 0 R`,
    },
    { num: 4, dict: o.contentDict ?? '', stream: content },
    { num: 5, dict: '/Type /Font /Subtype /Type0 /ToUnicode 6 0 R' },
    cmapObj(o.cmap),
    ...(o.extra ?? []),
  ]);
}

const textOf = (content: string | Buffer, o: Parameters<typeof onePage>[1] = {}) =>
  scanPdf(onePage(content, o)).text;

describe('strings are read exactly as a PDF viewer shows them', () => {
  it('bug: a literal string’s escapes, octal codes, continuations and nested brackets misread would misread a hash', () => {
    const content = String.raw`BT /F1 9 Tf (a\(b\)c\\d\ne\rf\tg\bh\fi(nested (deep))\101\60\0601\q\
j) Tj ET`;
    expect(textOf(content)).toBe('a(b)c\\d\ne\rf\tg\bh\fi(nested (deep))A001qj\n');
  });

  it('bug: an octal escape reads at most three digits; a CR LF after a backslash is one continuation', () => {
    expect(textOf('BT /F1 9 Tf (\\1011\\7x\\\r\ny\\\rz) Tj ET')).toBe('A1\x07xyz\n');
    expect(textOf('BT /F1 9 Tf (\\\r\n\n) Tj ET')).toBe('\n\n');
  });

  it('a string, an escape or a hex string cut off by the end of the stream ends there: the text before it is kept, without a crash or a hang', () => {
    for (const tail of ['(abc', '(abc\\', '(abc\\1', '<4142', '<'])
      expect(textOf(`BT /F1 9 Tf (ok) Tj ${tail}`), tail).toBe('ok');
  });

  it('bug: hex strings with blanks, lower case, an odd digit or stray characters misread would misread a hash', () => {
    expect(textOf('BT /F1 9 Tf <48 65\n6c6C 6F> Tj <576> Tj <4g9> Tj <> Tj ET')).toBe('HelloW`I\n');
  });

  it('bug: text split by kerning in a TJ array must read as one run', () => {
    expect(textOf('BT /F1 9 Tf [(Rec) -20 (ord) 5.5 <20> (id)] TJ ET')).toBe('Record id\n');
  });

  it('lines: the text operators that move to a new line give exactly one line break', () => {
    expect(
      textOf(
        'BT /F1 9 Tf (a) Tj 0 -9 Td (b) Tj 0 -9 TD (c) Tj 1 0 0 1 0 0 Tm (d) Tj T* T* (e) Tj (f) \' 1 2 (g) " ET BT ET',
      ),
    ).toBe('a\nb\nc\nd\ne\nf\ng\n');
  });

  it('text shown without a font, or with a font the page does not name, is not read', () => {
    expect(textOf('BT (no font) Tj /F9 9 Tf (unknown) Tj 9 Tf (bad) Tj /F1 9 Tf (yes) Tj ET')).toBe(
      'yes\n',
    );
  });

  it('attack: text in a comment is not read as shown; a comment ends at CR or LF', () => {
    expect(
      textOf('BT /F1 9 Tf %(hidden) Tj\n(shown) Tj %(also hidden) Tj\r(too) Tj ET % end'),
    ).toBe('showntoo\n');
  });

  it('numbers written as .5, +1 or -.5 are operands (the font is still selected)', () => {
    expect(textOf('BT /F1 .5 Tf (a) Tj /F1 +1 Tf (b) Tj /F1 -.5 Tf (c) Tj ET')).toBe('abc\n');
    // "1a" is not a number: it ends the operands, so the Tf after it has no font name
    expect(textOf('BT /F1 1a Tf (x) Tj ET')).toBe('');
  });

  it('a font name written with #-escapes (/F#31) is the same font', () => {
    expect(textOf('BT /F#31 9 Tf (x) Tj ET', { resources: '<< /Font << /F#31 5 0 R >> >>' })).toBe(
      'x\n',
    );
    expect(textOf('BT /F#31 9 Tf (y) Tj ET')).toBe('y\n');
  });

  it('stray delimiters and braces in a content stream are skipped, not read as text', () => {
    expect(textOf('BT /F1 9 Tf ) > { } (ok) Tj ET')).toBe('ok\n');
  });
});

describe('fonts: glyph codes to text through the ToUnicode map', () => {
  it('bug: two-byte codes, bfchar ligatures, bfrange arrays and ranges misread would misread a record id', () => {
    const cmap = [
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      '2 beginbfchar <0001> <0048> <0002> <0066 0069> endbfchar',
      '3 beginbfrange <0010> <0012> [<0041> <0042>] <0020> <0022> <0061> <0030> <0031> <D835DC00> endbfrange',
      '1 beginbfrange <0050> <0040> <0058> endbfrange',
    ].join('\n');
    // 0001 H, 0002 fi, 0010-0011 A B (0012 has no entry), 0020-0022 a b c, 0031 second of the
    // astral range, 0050 in a backwards range (ignored); a trailing odd byte is not a code.
    expect(
      textOf('BT /F1 9 Tf <0001 0002 0010 0011 0012 0020 0022 0031 0050 00> Tj ET', { cmap }),
    ).toBe('HfiABac\u{1D401}\n');
  });

  it('a one-byte code space from the map is used; a range wider than 65,536 codes is ignored', () => {
    const cmap =
      '1 begincodespacerange <00> <FF> endcodespacerange\n2 beginbfrange <41> <42> <0078> <0000> <FFFFFF> <0079> endbfrange';
    expect(textOf('BT /F1 9 Tf (ABC) Tj ET', { cmap })).toBe('xy\n');
  });

  it('a map with no code space range reads two-byte codes', () => {
    const cmap = '1 beginbfchar <0041> <0058> <42> <0059> endbfchar';
    expect(textOf('BT /F1 9 Tf <0041> Tj (A) Tj ET', { cmap })).toBe('X\n');
  });

  it('a font without a readable ToUnicode map is named in the warnings and its text is not read', () => {
    const noMap = pdfOf([
      { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
      { num: 2, dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
      {
        num: 3,
        dict: '/Type /Page /Resources << /Font << /F1 5 0 R /F2 7 0 R /F3 8 0 R >> >> /Contents 4 0 R',
      },
      {
        num: 4,
        dict: '',
        stream: 'BT /F1 9 Tf (a) Tj /F2 9 Tf (b) Tj /F3 9 Tf (c) Tj /F1 9 Tf (d) Tj ET',
      },
      { num: 5, dict: '/Type /Font' },
      { num: 7, dict: '/Type /Font /ToUnicode 9 0 R' },
      { num: 8, dict: '/Type /Font /ToUnicode 10 0 R' },
      { num: 9, dict: '/Filter /FlateDecode', stream: 'not zlib data' },
      { num: 10, dict: '/Filter /LZWDecode', stream: 'x' },
    ]);
    const scan = scanPdf(noMap);
    expect(scan.text).toBe('');
    expect(scan.warnings).toEqual([
      'font object 5 has no readable ToUnicode map',
      'the ToUnicode map of font object 7 could not be read',
      'font object 7 has no readable ToUnicode map',
      'font object 8 has no readable ToUnicode map',
    ]);
  });

  it('fonts and resources given by reference are followed', () => {
    const pdf = pdfOf([
      { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
      { num: 2, dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
      { num: 3, dict: '/Type /Page /Resources 7 0 R /Contents 4 0 R' },
      { num: 4, dict: '', stream: 'BT /F1 9 Tf (ref) Tj ET' },
      { num: 5, dict: '/Type /Font /ToUnicode 6 0 R' },
      cmapObj(),
      { num: 7, dict: '/Font 8 0 R' },
      { num: 8, dict: '/F1 5 0 R /F2 99 /F3 [5 0 R]' },
    ]);
    expect(scanPdf(pdf)).toMatchObject({ text: 'ref\n', pages: 1, warnings: [] });
    // a reference to an object that is missing, or is not a dictionary, gives no resources
    for (const resources of ['98 0 R', '11 0 R']) {
      const p = onePage('BT /F1 9 Tf (x) Tj ET', {
        resources,
        extra: [{ num: 11, dict: '[1 2]', bare: true }],
      });
      expect(scanPdf(p).text).toBe('');
    }
  });
});

describe('streams and objects', () => {
  it('content streams in an array are read in order; a missing or undecodable one is named', () => {
    const pdf = pdfOf([
      { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
      { num: 2, dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
      {
        num: 3,
        dict: '/Type /Page /Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R 7 0 R 8 0 R 9 0 R 10 0 R 11 0 R]',
      },
      { num: 4, dict: '', stream: 'BT /F1 9 Tf (one) Tj ' },
      { num: 5, dict: '/Type /Font /ToUnicode 6 0 R' },
      cmapObj(),
      { num: 7, dict: '/Filter [/FlateDecode]', stream: deflateSync(Buffer.from('(two) Tj ')) },
      { num: 8, dict: '/Filter /ASCIIHexDecode', stream: '28 78 29 20 54 6a' },
      { num: 9, dict: '/Filter /FlateDecode', stream: 'damaged' },
      { num: 10, dict: '/Type /Font' },
      {
        num: 11,
        dict: '/Filter [/FlateDecode /FlateDecode]',
        stream: deflateSync(deflateSync(Buffer.from('(three) Tj ET'))),
      },
    ]);
    const scan = scanPdf(pdf);
    expect(scan.text).toBe('onetwothree\n');
    expect(scan.warnings).toEqual([
      'content stream 8 could not be read',
      'content stream 9 is damaged',
      'content stream 10 could not be read',
    ]);
    // a page whose contents are neither a reference nor an array shows nothing, and names nothing
    const none = pdfOf([
      { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
      { num: 2, dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
      { num: 3, dict: '/Type /Page /Contents (BT) /Resources << >>' },
    ]);
    expect(scanPdf(none)).toMatchObject({ text: '', pages: 1, warnings: [] });
  });

  it('attack: a stream whose /Length is wrong, missing or past the end is read up to "endstream"', () => {
    const content = 'BT /F1 9 Tf (len) Tj ET';
    for (const length of ['/Length 9999999', '', '/Length 4 0 R']) {
      const p = pdfOf([
        { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
        { num: 2, dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
        {
          num: 3,
          dict: '/Type /Page /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R',
        },
        { num: 4, dict: '', stream: content, length },
        { num: 5, dict: '/Type /Font /ToUnicode 6 0 R' },
        cmapObj(),
      ]);
      expect(scanPdf(p).text, length).toBe('len\n');
    }
  });

  it('a stream that starts after CR LF is read from its first byte', () => {
    const p = pdfOf([
      { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
      { num: 2, dict: '/Type /Pages /Kids [3 0 R] /Count 1' },
      { num: 3, dict: '/Type /Page /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R' },
      { num: 4, dict: '', stream: 'BT /F1 9 Tf (crlf) Tj ET', eol: '\r\n' },
      { num: 5, dict: '/Type /Font /ToUnicode 6 0 R' },
      { ...cmapObj(), eol: '\r\n' },
    ]);
    expect(scanPdf(p)).toMatchObject({ text: 'crlf\n', warnings: [] });
  });

  it('attack: an "N 0 obj" inside a stream’s data is not read as an object (binary data is skipped by its length)', () => {
    const planted = '\n8 0 obj\n<< /Type /XObject /Subtype /Image >>\nendobj\n';
    const p = onePage('BT /F1 9 Tf (x) Tj ET', {
      extra: [{ num: 7, dict: '', stream: planted }],
    });
    expect(scanPdf(p).imageObjects).toEqual([]);
  });

  it('a file that does not start with %PDF- is not read; one with no objects says so', () => {
    expect(scanPdf(Buffer.from(' %PDF-1.4\n1 0 obj << >> endobj'))).toEqual({
      text: '',
      pages: 0,
      imageObjects: [],
      inlineImages: 0,
      warnings: ['the file does not start with %PDF-'],
    });
    expect(scanPdf(Buffer.from('%PDF-1.4\nnothing here\n'))).toEqual({
      text: '',
      pages: 0,
      imageObjects: [],
      inlineImages: 0,
      warnings: ['no PDF objects were found'],
    });
  });
});

describe('pages are read in document order', () => {
  const page = (num: number, content: number): Obj => ({
    num,
    dict: `/Type /Page /Resources << /Font << /F1 5 0 R >> >> /Contents ${content} 0 R`,
  });
  const show = (num: number, text: string): Obj => ({
    num,
    dict: '',
    stream: `BT /F1 9 Tf (${text}) Tj ET`,
  });

  it('bug: pages in a nested page tree must be read in the tree’s order, each once, even when the tree loops', () => {
    const pdf = pdfOf([
      // File order: page C, then B, then A; the tree says A, B, C.
      page(20, 21),
      show(21, 'C'),
      page(12, 13),
      show(13, 'B'),
      page(10, 11),
      show(11, 'A'),
      { num: 5, dict: '/Type /Font /ToUnicode 6 0 R' },
      cmapObj(),
      { num: 2, dict: '/Type /Pages /Kids [10 0 R 3 0 R 20 0 R 10 0 R 99 0 R 7] /Count 3' },
      { num: 3, dict: '/Type /Pages /Kids [12 0 R 2 0 R]' },
      { num: 1, dict: '/Type /Catalog /Pages 2 0 R' },
    ]);
    const scan = scanPdf(pdf);
    expect(scan.pages).toBe(3);
    expect(scan.text).toBe('A\n\nB\n\nC\n');
  });

  it('without a catalog (or with a catalog whose /Pages is not a reference) the pages are read in file order', () => {
    for (const catalog of [[], [{ num: 1, dict: '/Type /Catalog /Pages [2 0 R]' }]]) {
      const pdf = pdfOf([
        ...catalog,
        { num: 2, dict: '/Type /Pages /Kids [10 0 R 20 0 R]' },
        page(20, 21),
        show(21, 'second'),
        page(10, 11),
        show(11, 'first'),
        { num: 5, dict: '/Type /Font /ToUnicode 6 0 R' },
        cmapObj(),
        { num: 7, dict: '/Type /Pagex' },
      ]);
      expect(scanPdf(pdf)).toMatchObject({ pages: 2, text: 'second\n\nfirst\n' });
    }
  });
});

describe('images are found (R2): a CaseSeal report never holds one', () => {
  it('attack: an image whose /Subtype is spelt with #-escapes (/Im#61ge) is still found', () => {
    const p = onePage('BT /F1 9 Tf (x) Tj ET', {
      extra: [
        { num: 9, dict: '/Type /XObject /Subtype /Im#61ge /Width 1 /Height 1', stream: '\x00' },
      ],
    });
    expect(scanPdf(p).imageObjects).toEqual([9]);
  });

  it('attack: an image object that no page uses is still found; a form XObject is not an image', () => {
    const p = onePage('BT /F1 9 Tf (x) Tj ET', {
      extra: [
        { num: 7, dict: '/Type /XObject /Subtype /Form', stream: '' },
        { num: 8, dict: '/Type /XObject /Subtype (Image)', stream: '' },
        { num: 9, dict: '/Subtype /Image', stream: '\x00\x01' },
      ],
    });
    expect(scanPdf(p).imageObjects).toEqual([9]);
  });

  it('attack: inline images are counted, and text hidden in their data is not read', () => {
    const scan = scanPdf(
      onePage(
        'BT /F1 9 Tf (a) Tj ET q BI /W 1 /H 1 ID (hidden) Tj EI Q BT (b) Tj ET BI /W 1 ID \x00\x01',
      ),
    );
    expect(scan.inlineImages).toBe(2);
    expect(scan.text).toBe('a\nb\n');
  });
});

describe('no false alarms', () => {
  it('text that looks like an image object inside a string of a dictionary is not read as an object', () => {
    const p = onePage('BT /F1 9 Tf (x) Tj ET', {
      extra: [{ num: 7, dict: '/Title (9 0 obj << /Subtype /Image >> endobj)' }],
    });
    expect(scanPdf(p)).toMatchObject({ imageObjects: [], text: 'x\n' });
  });

  it('a ToUnicode destination with an odd number of hex digits is read as if padded with 0', () => {
    const cmap =
      '1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar <41> <004> endbfchar';
    expect(textOf('BT /F1 9 Tf (A) Tj ET', { cmap })).toBe('@\n');
  });

  it('a stray ">>" in a content stream is skipped, and the text after it is read', () => {
    expect(textOf('BT /F1 9 Tf >> (ok) Tj >>')).toBe('ok');
  });
});
