// Reads the text of a CaseSeal PDF without external tools, for the verifier's "the PDF and the JSON
// describe the same records" check: walks the objects, inflates content streams (zlib) and
// decodes each font's glyph codes through its ToUnicode CMap (pdfkit embeds subset fonts with one).
// Also reports image XObjects and inline images: a CaseSeal PDF holds none (R2).
import { inflateSync } from 'node:zlib';

export interface PdfScan {
  /** The text of every page, in content-stream order; lines separated by "\n". */
  text: string;
  pages: number;
  /** Object numbers of image XObjects, and the count of inline images (BI … ID … EI). */
  imageObjects: number[];
  inlineImages: number;
  /** Things that could not be read (damaged streams, unknown fonts): the text may then be partial. */
  warnings: string[];
}

type Tok =
  | { t: 'num'; v: number }
  | { t: 'name'; v: string }
  | { t: 'str'; v: Uint8Array }
  | { t: 'op'; v: string }
  | { t: 'arr'; v: Tok[] }
  | { t: 'dict'; v: Map<string, Tok> }
  | { t: 'ref'; v: number };

interface PdfObject {
  num: number;
  dict: Map<string, Tok> | null;
  stream: Buffer | null;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** A small PDF tokenizer over the bytes as a latin1 string (one char per byte; objects and content
 *  streams share the syntax). Strings come back as bytes. */
class Lexer {
  pos: number;
  constructor(
    private readonly s: string,
    start = 0,
    private readonly end = s.length,
  ) {
    this.pos = start;
  }

  private skipWs(): void {
    const s = this.s;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        while (
          this.pos < this.end &&
          s.charCodeAt(this.pos) !== 0x0a &&
          s.charCodeAt(this.pos) !== 0x0d
        )
          this.pos++;
      } else break;
    }
  }

  /** The next raw token, or null at the end. Arrays and dictionaries come back as markers. */
  private raw(): Tok | { t: 'mark'; v: string } | null {
    this.skipWs();
    const s = this.s;
    if (this.pos >= this.end) return null;
    const c = s.charCodeAt(this.pos);
    if (c === 0x2f) {
      // name
      let i = this.pos + 1;
      while (i < this.end && !WS.has(s.charCodeAt(i)) && !DELIM.has(s.charCodeAt(i))) i++;
      const raw = s.slice(this.pos + 1, i);
      this.pos = i;
      return {
        t: 'name',
        v: raw.includes('#')
          ? raw.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) =>
              String.fromCharCode(parseInt(h, 16)),
            )
          : raw,
      };
    }
    if (c === 0x28) return { t: 'str', v: this.literalString() };
    if (c === 0x3c) {
      if (s.charCodeAt(this.pos + 1) === 0x3c) {
        this.pos += 2;
        return { t: 'mark', v: '<<' };
      }
      return { t: 'str', v: this.hexString() };
    }
    if (c === 0x3e && s.charCodeAt(this.pos + 1) === 0x3e) {
      this.pos += 2;
      return { t: 'mark', v: '>>' };
    }
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      this.pos++;
      return { t: 'mark', v: String.fromCharCode(c) };
    }
    let i = this.pos;
    while (i < this.end && !WS.has(s.charCodeAt(i)) && !DELIM.has(s.charCodeAt(i))) i++;
    if (i === this.pos) {
      // a stray delimiter such as ')' or '>': skip it
      this.pos++;
      return { t: 'op', v: String.fromCharCode(c) };
    }
    const word = s.slice(this.pos, i);
    this.pos = i;
    const first = word.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e) {
      const n = Number(word);
      if (!Number.isNaN(n)) return { t: 'num', v: n };
    }
    return { t: 'op', v: word };
  }

  private literalString(): Uint8Array {
    const s = this.s;
    const out: number[] = [];
    let depth = 0;
    this.pos++; // (
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos++);
      if (c === 0x5c) {
        if (this.pos >= this.end) break;
        const n = s.charCodeAt(this.pos++);
        const map: Record<number, number> = {
          0x6e: 10,
          0x72: 13,
          0x74: 9,
          0x62: 8,
          0x66: 12,
          0x28: 0x28,
          0x29: 0x29,
          0x5c: 0x5c,
        };
        if (map[n] !== undefined) out.push(map[n]);
        else if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          for (
            let k = 0;
            k < 2 && s.charCodeAt(this.pos) >= 0x30 && s.charCodeAt(this.pos) <= 0x37;
            k++
          )
            v = v * 8 + (s.charCodeAt(this.pos++) - 0x30);
          out.push(v & 0xff);
        } else if (n === 0x0d) {
          if (s.charCodeAt(this.pos) === 0x0a) this.pos++;
        } else if (n !== 0x0a) out.push(n);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29) {
        if (depth === 0) break;
        depth--;
      }
      out.push(c);
    }
    return Uint8Array.from(out);
  }

  private hexString(): Uint8Array {
    const close = this.s.indexOf('>', this.pos + 1);
    const stop = close < 0 ? this.end : close;
    let hex = this.s.slice(this.pos + 1, stop);
    this.pos = stop + 1;
    if (/[^0-9a-fA-F]/.test(hex)) hex = hex.replace(/[^0-9a-fA-F]/g, '');
    if (hex.length % 2) hex += '0';
    return Buffer.from(hex, 'hex');
  }

  /** The next object (numbers, names, strings, arrays, dicts, `n g R` references) or operator. */
  next(): Tok | null {
    const r = this.raw();
    if (!r) return null;
    if (r.t === 'mark') {
      if (r.v === '[') return { t: 'arr', v: this.until(']') };
      if (r.v === '<<') {
        const items = this.until('>>');
        const d = new Map<string, Tok>();
        for (let i = 0; i + 1 < items.length; i += 2) {
          const k = items[i]!;
          if (k.t === 'name') d.set(k.v, items[i + 1]!);
        }
        return { t: 'dict', v: d };
      }
      return { t: 'op', v: r.v };
    }
    return r;
  }

  private until(close: ']' | '>>'): Tok[] {
    const out: Tok[] = [];
    const s = this.s;
    for (;;) {
      this.skipWs();
      if (this.pos >= this.end) return out;
      if (
        close === ']'
          ? s.charCodeAt(this.pos) === 0x5d
          : s.charCodeAt(this.pos) === 0x3e && s.charCodeAt(this.pos + 1) === 0x3e
      ) {
        this.pos += close.length;
        return out;
      }
      const tok = this.next();
      if (!tok) return out;
      // `n g R` inside arrays and dictionaries: fold into a reference
      if (
        tok.t === 'op' &&
        tok.v === 'R' &&
        out.length >= 2 &&
        out[out.length - 1]!.t === 'num' &&
        out[out.length - 2]!.t === 'num'
      ) {
        out.pop();
        const num = out.pop() as { t: 'num'; v: number };
        out.push({ t: 'ref', v: num.v });
        continue;
      }
      out.push(tok);
    }
  }
}

/** Finds every `N G obj` in file order, skipping stream data by its /Length so binary font data is never misread. */
function readObjects(pdf: Buffer, warnings: string[]): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+(\d+)\s+obj\b/g;
  const text = pdf.toString('latin1');
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const num = Number(m[1]);
    const lex = new Lexer(text, m.index + m[0].length);
    const first = lex.next();
    const dict = first && first.t === 'dict' ? first.v : null;
    let stream: Buffer | null = null;
    if (dict) {
      const save = lex.pos;
      const kw = lex.next();
      if (kw && kw.t === 'op' && kw.v === 'stream') {
        let start = lex.pos;
        if (pdf[start] === 0x0d) start++;
        if (pdf[start] === 0x0a) start++;
        const len = dict.get('Length');
        let end: number;
        if (len && len.t === 'num' && start + len.v <= pdf.length) end = start + len.v;
        else {
          const e = text.indexOf('endstream', start);
          end = e < 0 ? pdf.length : e;
        }
        stream = pdf.subarray(start, end);
        header.lastIndex = end;
      } else {
        lex.pos = save;
      }
    }
    objects.set(num, { num, dict, stream });
    if (!stream) header.lastIndex = Math.max(header.lastIndex, lex.pos);
  }
  if (objects.size === 0) warnings.push('no PDF objects were found');
  return objects;
}

function decodeStream(o: PdfObject): Buffer | null {
  if (!o.stream) return null;
  const filter = o.dict?.get('Filter');
  const names =
    filter?.t === 'name'
      ? [filter.v]
      : filter?.t === 'arr'
        ? filter.v.filter((x) => x.t === 'name').map((x) => (x as { v: string }).v)
        : [];
  let data: Buffer = o.stream;
  for (const f of names) {
    if (f !== 'FlateDecode') return null;
    data = inflateSync(data);
  }
  return data;
}

/** Glyph code -> Unicode text, from a ToUnicode CMap (bfchar and bfrange, both forms). */
function parseToUnicode(cmap: string): { map: Map<number, string>; codeBytes: number } {
  const map = new Map<number, string>();
  const utf16 = (raw: string) => {
    // Hex strings may hold whitespace, e.g. <0066 0069> for the "fi" ligature (two UTF-16 units).
    const hex = raw.replace(/\s+/g, '');
    const bytes = Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex');
    let s = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.readUInt16BE(i));
    return s;
  };
  let codeBytes = 2;
  const space = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(cmap);
  if (space) codeBytes = Math.max(1, space[1]!.length / 2);
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g))
      map.set(parseInt(p[1]!, 16), utf16(p[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1]!;
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g;
    for (const r of body.matchAll(re)) {
      const lo = parseInt(r[1]!, 16);
      const hi = parseInt(r[2]!, 16);
      if (hi < lo || hi - lo > 65535) continue;
      const dst = r[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => utf16(x[1]!));
        items.forEach((s, i) => map.set(lo + i, s));
      } else {
        const base = Buffer.from(dst.slice(1, -1).replace(/\s+/g, ''), 'hex');
        for (let code = lo; code <= hi; code++) {
          const b = Buffer.from(base);
          // increment the last byte (the CMap spec's rule for bfrange destinations)
          b[b.length - 1] = (b[b.length - 1]! + (code - lo)) & 0xff;
          map.set(code, utf16(b.toString('hex')));
        }
      }
    }
  }
  return { map, codeBytes };
}

interface FontInfo {
  map: Map<number, string>;
  codeBytes: number;
}

function deref(objects: Map<number, PdfObject>, t: Tok | undefined): Tok | undefined {
  if (t && t.t === 'ref') {
    const o = objects.get(t.v);
    return o?.dict ? { t: 'dict', v: o.dict } : undefined;
  }
  return t;
}

export function scanPdf(pdf: Buffer): PdfScan {
  const warnings: string[] = [];
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return {
      text: '',
      pages: 0,
      imageObjects: [],
      inlineImages: 0,
      warnings: ['the file does not start with %PDF-'],
    };
  }
  const objects = readObjects(pdf, warnings);
  const imageObjects: number[] = [];
  for (const o of objects.values()) {
    const sub = o.dict?.get('Subtype');
    if (sub?.t === 'name' && sub.v === 'Image') imageObjects.push(o.num);
  }

  const fontCache = new Map<number, FontInfo | null>();
  const fontFromRef = (ref: number): FontInfo | null => {
    if (fontCache.has(ref)) return fontCache.get(ref)!;
    let info: FontInfo | null = null;
    const font = objects.get(ref)?.dict;
    const tu = font?.get('ToUnicode');
    if (tu?.t === 'ref') {
      const cm = objects.get(tu.v);
      try {
        const data = cm ? decodeStream(cm) : null;
        if (data) info = parseToUnicode(data.toString('latin1'));
      } catch {
        warnings.push(`the ToUnicode map of font object ${ref} could not be read`);
      }
    }
    if (!info) warnings.push(`font object ${ref} has no readable ToUnicode map`);
    fontCache.set(ref, info);
    return info;
  };

  // Pages in document order: follow /Pages /Kids from the catalog; fall back to file order.
  const pageNums: number[] = [];
  const seen = new Set<number>();
  const walk = (num: number) => {
    if (seen.has(num)) return;
    seen.add(num);
    const d = objects.get(num)?.dict;
    const type = d?.get('Type');
    if (type?.t === 'name' && type.v === 'Page') pageNums.push(num);
    const kids = d?.get('Kids');
    if (kids?.t === 'arr') for (const k of kids.v) if (k.t === 'ref') walk(k.v);
  };
  for (const o of objects.values()) {
    const type = o.dict?.get('Type');
    if (type?.t === 'name' && type.v === 'Catalog') {
      const pages = o.dict!.get('Pages');
      if (pages?.t === 'ref') walk(pages.v);
    }
  }
  if (pageNums.length === 0) {
    for (const o of objects.values()) {
      const type = o.dict?.get('Type');
      if (type?.t === 'name' && type.v === 'Page') pageNums.push(o.num);
    }
  }

  let inlineImages = 0;
  const pageTexts: string[] = [];
  for (const num of pageNums) {
    const page = objects.get(num)!.dict!;
    const resources = deref(objects, page.get('Resources'));
    const fontDict = resources?.t === 'dict' ? deref(objects, resources.v.get('Font')) : undefined;
    const fonts = new Map<string, FontInfo | null>();
    if (fontDict?.t === 'dict')
      for (const [name, ref] of fontDict.v)
        if (ref.t === 'ref') fonts.set(name, fontFromRef(ref.v));
    // Images need no walk of the page's /XObject resources: every image XObject is a top-level
    // object (a stream cannot sit inside an object stream), and all of them were counted above.
    const contents = page.get('Contents');
    const refs =
      contents?.t === 'ref'
        ? [contents.v]
        : contents?.t === 'arr'
          ? contents.v.filter((x) => x.t === 'ref').map((x) => (x as { v: number }).v)
          : [];
    const parts: Buffer[] = [];
    for (const r of refs) {
      const o = objects.get(r);
      try {
        const data = o ? decodeStream(o) : null;
        if (data) parts.push(data);
        else warnings.push(`content stream ${r} could not be read`);
      } catch {
        warnings.push(`content stream ${r} is damaged`);
      }
    }
    const res = contentText(Buffer.concat(parts), fonts);
    inlineImages += res.inlineImages;
    pageTexts.push(res.text);
  }
  return {
    text: pageTexts.join('\n'),
    pages: pageNums.length,
    imageObjects,
    inlineImages,
    warnings,
  };
}

function contentText(
  data: Buffer,
  fonts: Map<string, FontInfo | null>,
): { text: string; inlineImages: number } {
  const lex = new Lexer(data.toString('latin1'));
  const operands: Tok[] = [];
  let font: FontInfo | null = null;
  // Text pieces in order; `atLineStart` avoids re-reading the text to know whether a break is due.
  const out: string[] = [];
  let atLineStart = true;
  let inlineImages = 0;
  const show = (s: Uint8Array) => {
    if (!font) return;
    for (let i = 0; i + font.codeBytes <= s.length; i += font.codeBytes) {
      let code = 0;
      for (let k = 0; k < font.codeBytes; k++) code = code * 256 + s[i + k]!;
      const t = font.map.get(code);
      if (t) {
        out.push(t);
        atLineStart = false;
      }
    }
  };
  const newline = () => {
    if (!atLineStart) {
      out.push('\n');
      atLineStart = true;
    }
  };
  for (;;) {
    const tok = lex.next();
    if (!tok) break;
    if (tok.t !== 'op') {
      operands.push(tok);
      continue;
    }
    switch (tok.v) {
      case 'Tf': {
        const name = operands[operands.length - 2];
        font = name?.t === 'name' ? (fonts.get(name.v) ?? null) : null;
        break;
      }
      case 'Tj':
      case "'":
      case '"': {
        if (tok.v !== 'Tj') newline();
        const s = operands[operands.length - 1];
        if (s?.t === 'str') show(s.v);
        break;
      }
      case 'TJ': {
        const a = operands[operands.length - 1];
        if (a?.t === 'arr') for (const x of a.v) if (x.t === 'str') show(x.v);
        break;
      }
      case 'BT':
      case 'ET':
      case 'Td':
      case 'TD':
      case 'Tm':
      case 'T*':
        newline();
        break;
      case 'BI': {
        // An inline image: skip its data up to EI.
        inlineImages++;
        const rest = data.indexOf('EI', lex.pos, 'latin1');
        lex.pos = rest < 0 ? data.length : rest + 2;
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
  return { text: out.join(''), inlineImages };
}
