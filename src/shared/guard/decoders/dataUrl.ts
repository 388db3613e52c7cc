// R2 decoder for data: URLs: any image/ or video/ data: URL is refused; any other is refused when its payload is imagery.
//
// The payload (base64 or percent-encoded) is decoded and sniffed; text inside is searched again
// (SVG markup, base64 of a picture); a long binary payload of unknown format is refused too.
import {
  base64View,
  BINARY_MAX_TEXT_RATIO,
  charView,
  NESTED_MIN_TEXT_RATIO,
  textRatio,
  viewToString,
  type ByteAt,
} from '../bytes';
import { sniff } from '../signatures';
import { MAX_NESTING, type FindInText, type ImageryFinding } from '../types';
import { alphaAt, spaceAt } from './base64';

/** A long binary payload of unknown format is refused from this many decoded bytes. */
const DATA_URL_BINARY_MIN_BYTES = 384;
/** A data: URL header (media type and parameters, up to the comma) is at most this long. */
const MAX_DATA_URL_HEADER = 256;

const DATA_SCHEME = /data:/gi;
const HEADER_CHAR = /[A-Za-z0-9!#$&^_.+\-/;=%]/;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const PAYLOAD_END = /[\s"'<>`]/;

/** What a decoded payload (or decoded base64 run) holds, by signature, nested text or binary rule. */
function analyseBytes(at: ByteAt, len: number, depth: number, inner: FindInText): string | null {
  const s = sniff(at);
  if (s !== null) return s.format;
  const ratio = textRatio(at, len);
  if (ratio >= NESTED_MIN_TEXT_RATIO && depth < MAX_NESTING && len >= 4) {
    const found = inner(viewToString(at, len), depth + 1);
    if (found !== null) return found.format;
  }
  if (len >= DATA_URL_BINARY_MIN_BYTES && ratio < BINARY_MAX_TEXT_RATIO) return 'binary data';
  return null;
}

/** Imagery carried in a data: URL (R2), or null. */
export function findDataUrl(text: string, depth: number, inner: FindInText): ImageryFinding | null {
  const re = new RegExp(DATA_SCHEME.source, DATA_SCHEME.flags);
  let m: RegExpExecArray | null;
  let plainEnd = -1; // where the last plain (not base64) payload searched here ends
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    const resume = at + 5;
    if (at > 0 && SCHEME_CHAR.test(text.charAt(at - 1))) continue; // "metadata:", "xdata:"
    // Header: media type and parameters, up to the comma, no whitespace.
    let i = resume;
    const limit = Math.min(text.length, resume + MAX_DATA_URL_HEADER);
    while (i < limit && HEADER_CHAR.test(text.charAt(i))) i++;
    if (text.charAt(i) !== ',') {
      re.lastIndex = resume;
      continue;
    }
    const params = text.slice(resume, i).toLowerCase().split(';');
    // Stryker disable next-line StringLiteral: split always returns at least one element, so the fallback is never used.
    const mediaType = params[0] ?? '';
    if (mediaType !== '' && !MEDIA_TYPE.test(mediaType)) {
      re.lastIndex = resume;
      continue;
    }
    // Stryker disable next-line MethodExpression: params[0] is empty or a media type with a '/', never 'base64'.
    const isBase64 = params.slice(1).includes('base64');
    const imageryType = mediaType.startsWith('image/') || mediaType.startsWith('video/');
    if (!isBase64 && at < plainEnd) {
      // A data: URL inside another's plain payload: its payload is the end of that one, already
      // searched, so only its type is checked (searching it again would make the scan quadratic).
      if (imageryType) return { format: 'data: URL', encoding: 'data-url', index: at };
      re.lastIndex = i + 1;
      continue;
    }
    let format: string | null;
    let end: number;
    if (isBase64) {
      const run = collectPayloadSextets(text, i + 1);
      end = run.end;
      const len = Math.floor((run.m * 3) / 4);
      format = analyseBytes(base64View(run.sext, 0, run.m), len, depth, inner);
    } else {
      // Stryker disable next-line ArithmeticOperator: text[i - 1] is a header character and text[i] the comma, neither ends a payload, so j stops at the same place.
      let j = i + 1;
      while (j < text.length && !PAYLOAD_END.test(text.charAt(j))) j++;
      end = j;
      const raw = text.slice(i + 1, j);
      const decoded = percentDecode(raw);
      // A payload without escapes is the text itself, which the other decoders search anyway:
      // searching it again here would only repeat that work, level after level.
      const level = decoded === raw ? MAX_NESTING : depth;
      format = analyseBytes(charView(decoded, 0), decoded.length, level, inner);
    }
    // Any data: URL with an image/ or video/ media type is refused whatever its payload (R2).
    if (format === null && imageryType) format = 'data: URL';
    if (format !== null) return { format, encoding: 'data-url', index: at };
    // A base64 payload (which cannot hold "data:") is skipped; a plain one is read on from its comma,
    // as its text may hold another data: URL whose type is refused (R2).
    if (isBase64) {
      re.lastIndex = end;
    } else {
      plainEnd = end;
      re.lastIndex = i + 1;
    }
  }
  return null;
}

/** The base64 payload of a data: URL: alphabet (with %2B/%2F escapes), whitespace, up to padding. Two
 *  passes (measure, then fill) so the buffer is the payload's size, never the rest of the text's. */
function collectPayloadSextets(
  text: string,
  start: number,
): { sext: Uint8Array; m: number; end: number } {
  const walk = (sext: Uint8Array | null): { m: number; end: number } => {
    let m = 0;
    let i = start;
    while (i < text.length) {
      const a = alphaAt(text, i);
      if (a >= 0) {
        if (sext !== null) sext[m] = a & 63;
        m++;
        i += a >> 6;
        continue;
      }
      const w = spaceAt(text, i) & 3;
      if (w > 0) {
        i += w;
        continue;
      }
      break;
    }
    return { m, end: i };
  };
  const sext = new Uint8Array(walk(null).m);
  return { sext, ...walk(sext) };
}

/** Percent-decoding to a latin1 string (each %XX one char 0–255); bad escapes stay as they are. */
export function percentDecode(s: string): string {
  // Stryker disable next-line StringLiteral: the loop below returns an equal string when there is no '%'.
  if (!s.includes('%')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}
