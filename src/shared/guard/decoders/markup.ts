// R2 decoder for pictures written as text: SVG markup (and the text image formats XPM and EPS).
import type { ImageryFinding } from '../types';

/** An SVG opening tag: "<svg" as an element (never the word "svg"), under any XML namespace prefix
 *  ("<s:svg", "<pic:svg": renderers draw it whatever the prefix is called), or an SVG doctype. */
const SVG_OPEN = /<(?:[a-z_][\w.-]*:)?svg(?=[\s/>])|<!doctype\s+svg[\s>]/gi;
/** An opening tag that is itself a drawing: with attributes, or self-closing. */
const SVG_OPEN_WITH_CONTENT = /^<(?:[a-z_][\w.-]*:)?svg(?:\s+[\w:.-]+\s*=|\s*\/>)/i;
/** Anything showing that an SVG document follows the tag: its closing tag, the SVG namespace, a
 *  drawing element (under any prefix). "<svg>" alone, as in "the <svg> element", is a mention, not a
 *  picture. */
const SVG_BODY =
  /<\/(?:[a-z_][\w.-]*:)?svg\s*>|xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/www\.w3\.org\/2000\/svg|<(?:[a-z_][\w.-]*:)?(?:path|rect|circle|ellipse|line|polyline|polygon|image|use|g|text|defs|symbol|filter|linearGradient|radialGradient|pattern|mask|clipPath|foreignObject)(?=[\s/>])/gi;

function findSvg(text: string): number {
  // The last sign of an SVG body, found in one pass; an opening tag before it opens a document.
  const body = new RegExp(SVG_BODY.source, SVG_BODY.flags);
  let lastBody = -1;
  let b: RegExpExecArray | null;
  while ((b = body.exec(text)) !== null) lastBody = b.index;
  const open = new RegExp(SVG_OPEN.source, SVG_OPEN.flags);
  let m: RegExpExecArray | null;
  while ((m = open.exec(text)) !== null) {
    if (
      lastBody > m.index ||
      m[0].startsWith('<!') ||
      SVG_OPEN_WITH_CONTENT.test(text.slice(m.index, m.index + 512))
    ) {
      return m.index;
    }
  }
  return -1;
}

const MARKUP: readonly { find: (text: string) => number; format: string }[] = [
  { find: findSvg, format: 'SVG markup' },
  { find: (text) => text.search(/\/\*\s*XPM\s*\*\//), format: 'XPM image' },
  { find: (text) => text.search(/%!PS-Adobe-\d+\.\d+[ \t]+EPSF/), format: 'EPS image' },
];

/** SVG, XPM or EPS written out as text (R2), or null. */
export function findMarkup(text: string): ImageryFinding | null {
  let best: ImageryFinding | null = null;
  for (const { find, format } of MARKUP) {
    const index = find(text);
    if (index >= 0 && (best === null || index < best.index))
      best = { format, encoding: 'markup', index };
  }
  return best;
}
