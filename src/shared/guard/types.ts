// The shapes the R2 guard reports: what was found in a text, how it was carried, and where.

/** How imagery (or data that could be imagery) was carried in the text (R2). */
export type ImageryEncoding =
  | 'raw'
  | 'base64'
  | 'data-url'
  | 'markup'
  | 'hex'
  | 'percent'
  | 'escapes'
  | 'byte-list'
  | 'base32'
  | 'ascii85';

export interface ImageryFinding {
  /** What was recognised, e.g. 'PNG', 'JPEG', 'MP4/ISO-BMFF video', 'SVG markup', 'binary data', 'data: URL'. */
  format: string;
  /** How it was carried in the text. */
  encoding: ImageryEncoding;
  /** Character offset in the text where it was found. */
  index: number;
}

/** Searches some text (or text decoded from it, one level deeper) for imagery. */
export type FindInText = (text: string, depth: number) => ImageryFinding | null;

/** Decoded text is searched again at most this many levels deep (hex of base64 of …). */
export const MAX_NESTING = 3;
