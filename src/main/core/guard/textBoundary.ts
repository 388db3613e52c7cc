// Refuses any IPC payload whose text carries imagery, encoded data, a control character or broken Unicode, per field and per record (rule R2).
//
// Main calls findTextProblem on every IPC payload before any handler sees it (and the record
// services call assertTextAccepted on bodies again). It walks the whole value — objects (keys
// too), arrays, Maps, Sets, to any depth — and runs the R2 text check (src/shared/guard/imagery.ts)
// on every string: signatures in every encoding the guard decodes, then the run rule per field.
// The run rule is applied to the payload as a whole too: the encoded-looking data of all its
// fields may not add up to more than RECORD_LIMIT_BYTES, so an image cannot be cut into pieces
// that each pass and spread over one record's fields. Byte buffers (ArrayBuffer, typed arrays,
// DataView) never belong in a CaseSeal payload: they are refused outright as raw bytes.

import { CaseSealError, type ErrorCode } from '../../../shared/errors';
import {
  describeTextProblem,
  inspectText,
  sniffImageryBytes,
  type ImageryEncoding,
  type TextProblem,
} from '../../../shared/guard/imagery';
import { RECORD_LIMIT_BYTES } from '../../../shared/guard/runRule';

/** Container nesting allowed in a payload (forms are a few levels deep); deeper is BAD_INPUT. */
export const MAX_PAYLOAD_DEPTH = 64;

export interface TextLocation {
  problem: TextProblem;
  /** Dotted path of the value, e.g. 'witness.notes' or 'children[2].name'; '' for the value itself. */
  path: string;
  /** True when the problem was in an object key (or Map key) rather than a value. */
  inKey: boolean;
}

export interface WalkOptions {
  /** Root path for the reported field. */
  path?: string;
  /** Paths of secrets that are never stored (passphrases): signatures are still sniffed there, but
   *  the run rule is not applied — a generated passphrase may look random and is never saved. */
  secretPaths?: ReadonlySet<string>;
}

/** Keys are shown in paths only when they look like field names. Anything else — and any key in
 *  which a problem was found — is shown by position (`<key 3>`), so that an error detail never
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
 * The first text problem in a JSON-like value (R2 and clean text), with its path, or null; then the
 * record-wide sum of encoded-looking data. Throws BAD_INPUT for a value nested deeper than
 * MAX_PAYLOAD_DEPTH or containing a cycle.
 */
export function findTextProblem(value: unknown, options: WalkOptions = {}): TextLocation | null {
  const ancestors = new Set<object>();
  const visited = new WeakSet<object>();
  const secrets = options.secretPaths;
  let weight = 0;
  let heaviest: { weight: number; encoding: ImageryEncoding } = { weight: 0, encoding: 'base64' };

  const text = (s: string, at: string, inKey: boolean): TextLocation | null => {
    const inspection = inspectText(s, { runRule: !(secrets?.has(at) ?? false) });
    weight += inspection.weight;
    if (inspection.weight > heaviest.weight && inspection.encoding !== undefined)
      heaviest = { weight: inspection.weight, encoding: inspection.encoding };
    return inspection.problem === null ? null : { problem: inspection.problem, path: at, inKey };
  };

  const walk = (v: unknown, at: string, depth: number): TextLocation | null => {
    if (typeof v === 'string') return text(v, at, false);
    if (typeof v !== 'object' || v === null) return null; // numbers, booleans, undefined, bigint…
    if (v instanceof String) return text(v.valueOf(), at, false);
    if (isBytes(v)) {
      // R2: raw bytes have no place in a payload; refuse them even when no format is recognised.
      const format = sniffImageryBytes(bytesOf(v)) ?? 'binary data';
      return {
        problem: { kind: 'imagery', format, encoding: 'raw', index: 0 },
        path: at,
        inKey: false,
      };
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
        const fk = text(key, join(at, keyPart(key, i, true)), true);
        if (fk !== null) return fk;
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

  const root = options.path ?? '';
  const found = walk(value, root, 1);
  if (found !== null) return found;
  // R2 across a record's fields: pieces that each pass may not add up to an image.
  if (weight > RECORD_LIMIT_BYTES)
    return {
      problem: {
        kind: 'encoded-data',
        scope: 'record',
        encoding: heaviest.encoding,
        bytes: weight,
        index: 0,
      },
      path: root,
      inKey: false,
    };
  return null;
}

/** The error a text problem is refused with: R2 refusals as IMAGERY_REFUSED, the others with their
 *  own codes. The message is plain words and never repeats the text. */
export function textProblemError(found: TextLocation): CaseSealError {
  const p = found.problem;
  const code: ErrorCode =
    p.kind === 'control-character'
      ? 'CONTROL_CHARACTER'
      : p.kind === 'broken-text'
        ? 'BROKEN_TEXT'
        : 'IMAGERY_REFUSED';
  const detail: Record<string, unknown> = { field: found.path };
  if (p.kind === 'imagery') Object.assign(detail, { format: p.format, encoding: p.encoding });
  if (p.kind === 'encoded-data')
    Object.assign(detail, {
      format: 'encoded data',
      encoding: p.encoding,
      scope: p.scope,
      bytes: p.bytes,
    });
  if (p.kind === 'control-character') detail.codePoint = p.codePoint;
  return new CaseSealError(code, describeTextProblem(p), detail);
}

/**
 * Throws the refusal (IMAGERY_REFUSED, CONTROL_CHARACTER or BROKEN_TEXT, with { field, … }) if any
 * string, key or buffer in the value is refused (rule R2; clean text). Call on every payload
 * before anything is saved.
 */
export function assertTextAccepted(value: unknown, options: WalkOptions = {}): void {
  const found = findTextProblem(value, options);
  if (found !== null) throw textProblemError(found);
}

/** The first R2 refusal (imagery, or encoded data) in a value, with its path and format, or null:
 *  the view of findTextProblem that names formats. */
export function findImagery(
  value: unknown,
  path = '',
): (TextLocation & { format: string; encoding: ImageryEncoding }) | null {
  const found = findTextProblem(value, { path });
  if (found === null) return null;
  const p = found.problem;
  if (p.kind === 'imagery') return { ...found, format: p.format, encoding: p.encoding };
  if (p.kind === 'encoded-data') return { ...found, format: 'encoded data', encoding: p.encoding };
  return null;
}

/** assertTextAccepted with a root path (the record services' name for it). */
export function assertNoImagery(value: unknown, path?: string): void {
  assertTextAccepted(value, { path: path ?? '' });
}
