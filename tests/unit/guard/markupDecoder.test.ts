// Tests of the R2 markup decoder on its own: SVG, XPM and EPS written as text are caught where they start; a mention of the tag or the format is not.
import { describe, expect, it } from 'vitest';
import { findMarkup } from '../../../src/shared/guard/decoders/markup';
import { checkText } from '../../../src/shared/guard/imagery';

const SVG_NS = 'http://www.w3.org/2000/svg';
const DRAWING_ELEMENTS = [
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'image',
  'use',
  'g',
  'text',
  'defs',
  'symbol',
  'filter',
  'linearGradient',
  'radialGradient',
  'pattern',
  'mask',
  'clipPath',
  'foreignObject',
];

describe('R2 markup: an SVG drawing is caught where its opening tag starts', () => {
  it.each([
    ['a whole SVG document', `<svg xmlns="${SVG_NS}"></svg>`, 0],
    ['an SVG tag with a namespace prefix', 'see <svg:svg width="1"/>', 4],
    ['a self-closing tag', 'see <svg/>', 4],
    ['a self-closing tag with a space', 'see <svg />', 4],
    ['the tag and attribute in capitals', 'see <SVG WIDTH=1>', 4],
    ['an attribute on the next line, spaces round "="', 'a\n<svg\nviewBox = "0 0 1 1">', 2],
    ['an attribute name with ":", "." and "-"', '<svg xml:a.b-c="1">', 0],
    ['an SVG doctype', 'x <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">', 2],
    ['an SVG doctype with two spaces', '<!doctype  svg>', 0],
    ['an SVG doctype split by a tab', '<!doctype\tsvg\t>', 0],
    ['a bare tag with a closing tag later', 'see <svg> and </svg>', 4],
    ['a closing tag with a space before ">"', '<svg>x</svg >', 0],
    ['a prefixed closing tag', '<svg>x</svg:svg>', 0],
    ['the namespace in single quotes', `<svg>x xmlns='${SVG_NS}'`, 0],
    ['a prefixed namespace with spaces round "="', `<svg>x xmlns:svg = "${SVG_NS}"`, 0],
    ['a mention first, then a drawing', 'the <svg> tag: <svg width="2">', 15],
  ])('attack: %s', (_n, text, index) => {
    expect(findMarkup(text)).toEqual({ format: 'SVG markup', encoding: 'markup', index });
  });

  it.each([
    ['a one-letter prefix', `<s:svg xmlns:s="${SVG_NS}" width="9"><s:rect width="9"/></s:svg>`, 0],
    [
      'a word as the prefix, bare tag',
      `<pic:svg xmlns:pic="${SVG_NS}"><pic:circle r="5"/></pic:svg>`,
      0,
    ],
    ['a prefix with "-", "." and "_"', '<_my-pic.v2:svg>x</_my-pic.v2:svg>', 0],
    [
      'a prefixed tag after an XML declaration',
      `<?xml version="1.0"?>\n<x:svg\nxmlns:x="${SVG_NS}">`,
      22,
    ],
    ['a prefixed drawing element after a bare prefixed tag', '<p:svg><p:path d="M0"/>', 0],
    ['a prefixed self-closing tag', 'see <P:SVG/>', 4],
  ])(
    'attack: an SVG drawing under a namespace prefix other than "svg" (%s) is still caught',
    (_n, text, index) => {
      expect(findMarkup(text)).toEqual({ format: 'SVG markup', encoding: 'markup', index });
    },
  );

  it.each([
    ['a prefix that starts with a digit', '<1p:svg width="1">'],
    ['a prefix with no name', '<:svg width="1">'],
    ['a prefixed tag that only mentions svg', 'the <p:svg> element'],
    ['a prefixed name that ends in svg', '<p:mysvg width="1">'],
  ])('%s is not SVG markup', (_n, text) => {
    expect(findMarkup(text)).toBeNull();
  });

  it.each(DRAWING_ELEMENTS.flatMap((e) => [[`<${e}>`], [`<${e} />`], [`<${e.toUpperCase()}\n`]]))(
    'attack: a bare <svg> tag followed by a drawing element %j is a drawing',
    (element) => {
      expect(findMarkup(`x <svg> ${element}`)).toEqual({
        format: 'SVG markup',
        encoding: 'markup',
        index: 2,
      });
    },
  );

  it.each([
    ['the word svg', 'save it as svg files'],
    ['the tag named in a sentence', 'the <svg> element draws pictures'],
    ['a longer tag name', '<svgfoo width="1">'],
    ['an attribute without a value', '<svg hidden>'],
    ['a drawing element before the tag', '<path d="M0"/> then <svg>'],
    ['an element whose name only starts like a drawing element', '<svg> <paths> <gx> <textarea>'],
    ['a closing tag of another name', '<svg> </svgx>'],
    ['another namespace', '<svg> xmlns="http://www.w3.org/1999/xhtml"'],
    ['a doctype of another kind', '<!doctype html> svg'],
    ['a doctype run into the name', '<!doctype svgx>'],
  ])('%s is not SVG markup', (_n, text) => {
    expect(findMarkup(text)).toBeNull();
  });

  it('an attribute within 512 characters of the tag is seen; one further on is not', () => {
    const tag = (spaces: number): string => `<svg${' '.repeat(spaces)}w=1>`;
    expect(findMarkup(tag(506))?.index).toBe(0);
    expect(findMarkup(tag(507))).toBeNull();
  });
});

describe('R2 markup: XPM and EPS written as text', () => {
  it.each([
    ['an XPM comment', 'static char * x[] = /* XPM */', 'XPM image', 20],
    ['an XPM comment without spaces', '/*XPM*/', 'XPM image', 0],
    ['an XPM comment with wide spacing', 'a /*  XPM\t*/', 'XPM image', 2],
    ['an EPS header', 'x %!PS-Adobe-3.0 EPSF-3.0', 'EPS image', 2],
    ['an EPS header with a tab', '%!PS-Adobe-3.0\tEPSF-3.0', 'EPS image', 0],
    ['an EPS header with two-digit versions and spaces', '%!PS-Adobe-10.11  EPSF', 'EPS image', 0],
  ])('attack: %s', (_n, text, format, index) => {
    expect(findMarkup(text)).toEqual({ format, encoding: 'markup', index });
  });

  it.each([
    ['an unclosed comment naming XPM', '/* XPM files'],
    ['an XPM comment with another word', '/* XPMs */'],
    ['plain PostScript (not an EPS picture)', '%!PS-Adobe-3.0'],
    ['a PostScript version with no point', '%!PS-Adobe-30 EPSF'],
    ['a version with no minor number', '%!PS-Adobe-3. EPSF'],
    ['EPSF run into the version', '%!PS-Adobe-3.0EPSF'],
    ['EPSF on the next line', '%!PS-Adobe-3.0\nEPSF'],
  ])('%s is not a picture', (_n, text) => {
    expect(findMarkup(text)).toBeNull();
  });
});

describe('R2 markup: the first picture in the text is the one named', () => {
  it.each([
    ['SVG first', 'see <svg/> and /* XPM */ and %!PS-Adobe-3.0 EPSF', 'SVG markup', 4],
    ['XPM first', '/* XPM */ and <svg/> and %!PS-Adobe-3.0 EPSF', 'XPM image', 0],
    ['EPS first', 'x %!PS-Adobe-3.0 EPSF and <svg/> and /* XPM */', 'EPS image', 2],
    ['EPS before XPM, no SVG', '%!PS-Adobe-3.0 EPSF /* XPM */', 'EPS image', 0],
  ])('%s', (_n, text, format, index) => {
    expect(findMarkup(text)).toEqual({ format, encoding: 'markup', index });
  });
});

describe('R2 markup through the whole check', () => {
  it('attack: an SVG picture pasted with its own namespace prefix is refused as SVG markup', () => {
    const svg = `Note:\n<pic:svg xmlns:pic="${SVG_NS}" width="90"><pic:circle r="40"/></pic:svg>`;
    expect(checkText(svg)).toEqual({
      kind: 'imagery',
      format: 'SVG markup',
      encoding: 'markup',
      index: 6,
    });
  });
});
