// The registry of byte-producing R2 decoders (one per encoding), in the order the check tries them.
import { ascii85Spans } from './ascii85';
import { base32Spans } from './base32';
import { byteListSpans } from './byteList';
import { backslashSpans, percentSpans } from './escapes';
import { hexSpans } from './hex';
import type { SpanDecoder } from './spans';

export const SPAN_DECODERS: readonly SpanDecoder[] = [
  hexSpans,
  percentSpans,
  backslashSpans,
  byteListSpans,
  base32Spans,
  ascii85Spans,
];
