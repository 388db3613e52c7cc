// Refuses any IPC payload that carries image or video data in any string, key or byte buffer (rule R2).
//
// Main calls assertNoImagery on every IPC payload before anything is parsed further or saved. It
// walks the whole value — objects (keys too), arrays, Maps, Sets, to any depth — and runs the R2
// text guard (src/shared/guard/imagery.ts) on every string. Byte buffers (ArrayBuffer, typed arrays,
// DataView) never belong in a CaseSeal payload: they are refused outright as raw bytes, named by
// format when a signature is recognised.

import { CaseSealError } from '../../../shared/errors';
import {
  detectImagery,
  sniffImageryBytes,
  type ImageryFinding,
} from '../../../shared/guard/imagery';

/** Container nesting allowed in a payload (forms are a few levels deep); deeper is BAD_INPUT. */
export const MAX_PAYLOAD_DEPTH = 64;

export interface ImageryLocation extends ImageryFinding {
  /** Dotted path of the value, e.g. 'witness.notes' or 'children[2].name'; '' for the value itself. */
  path: string;
  /** True when the imagery was in an object key (or Map key) rather than a value. */
  inKey: boolean;
}

/** Keys are shown in paths only when they look like field names. Anything else — and any key in
 *  which imagery was found — is shown by position (`<key 3>`), so that an error detail never
 *  repeats case data or the refused data itself. */
const SAFE_KEY = /^[A-Za-z0-9_$-]{1,64}$/;

function join(path: string, part: string): string {
  if (part.startsWith('[')) return path + part;
  return path === '' ? part : `${path}.${part}`;
}

function keyPart(key: string, position: number, flagged: boolean): string {
  return !flagged && SAFE_KEY.test(key) ? key : `<key ${position}>`;
}

function badInput(path: string, reason: 'cycle' | 'depth'): CaseSealError {
  return new CaseSealError('BAD_INPUT', undefined, { field: path, reason });
}

function isBytes(value: object): value is ArrayBuffer | ArrayBufferView {
  return (
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) ||
    ArrayBuffer.isView(value)
  );
}

function bytesOf(value: ArrayBuffer | ArrayBufferView | SharedArrayBuffer): Uint8Array {
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(value);
}

/**
 * The first imagery found in a JSON-like value (R2), with its path, or null. Throws BAD_INPUT for
 * a value nested deeper than MAX_PAYLOAD_DEPTH or containing a cycle.
 */
export function findImagery(value: unknown, path = ''): ImageryLocation | null {
  const ancestors = new Set<object>();
  const visited = new WeakSet<object>();

  const text = (s: string, at: string, inKey: boolean): ImageryLocation | null => {
    const f = detectImagery(s);
    return f === null ? null : { ...f, path: at, inKey };
  };

  const walk = (v: unknown, at: string, depth: number): ImageryLocation | null => {
    if (typeof v === 'string') return text(v, at, false);
    if (typeof v !== 'object' || v === null) return null; // numbers, booleans, undefined, bigint…
    if (v instanceof String) return text(v.valueOf(), at, false);
    if (isBytes(v)) {
      // R2: raw bytes have no place in a payload; refuse them even when no format is recognised.
      const format = sniffImageryBytes(bytesOf(v)) ?? 'binary data';
      return { format, encoding: 'raw', index: 0, path: at, inKey: false };
    }
    if (ancestors.has(v)) throw badInput(at, 'cycle');
    if (visited.has(v)) return null; // the same object reached again by another path: done already
    if (depth > MAX_PAYLOAD_DEPTH) throw badInput(at, 'depth');
    visited.add(v);
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const f = walk(v[i], join(at, `[${i}]`), depth + 1);
          if (f !== null) return f;
        }
        return null;
      }
      if (v instanceof Map) {
        let i = 0;
        for (const [k, item] of v) {
          const entry = join(at, `[<entry ${i}>]`);
          const fk = walk(k, `${entry}<key>`, depth + 1);
          if (fk !== null) return { ...fk, inKey: true };
          const f = walk(item, entry, depth + 1);
          if (f !== null) return f;
          i++;
        }
        return null;
      }
      if (v instanceof Set) {
        let i = 0;
        for (const item of v) {
          const f = walk(item, join(at, `[<item ${i}>]`), depth + 1);
          if (f !== null) return f;
          i++;
        }
        return null;
      }
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] ?? '';
        const fk = detectImagery(key);
        if (fk !== null) return { ...fk, path: join(at, keyPart(key, i, true)), inKey: true };
        const f = walk(
          (v as Record<string, unknown>)[key],
          join(at, keyPart(key, i, false)),
          depth + 1,
        );
        if (f !== null) return f;
      }
      return null;
    } finally {
      ancestors.delete(v);
    }
  };

  return walk(value, path, 1);
}

/**
 * Throws CaseSealError('IMAGERY_REFUSED', …, { field, format, encoding }) if any string, key or
 * buffer in the value carries image or video data (rule R2). Call on every IPC payload before
 * anything is saved.
 */
export function assertNoImagery(value: unknown, path?: string): void {
  const found = findImagery(value, path ?? '');
  if (found !== null) {
    throw new CaseSealError('IMAGERY_REFUSED', undefined, {
      field: found.path,
      format: found.format,
      encoding: found.encoding,
    });
  }
}
