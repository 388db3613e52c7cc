// Reading fields out of a byte view: exact byte sequences, little/big-endian integers, four-character codes.
import type { ByteAt } from './bytes';

export function eqAt(b: ByteAt, off: number, sig: readonly number[]): boolean {
  for (let i = 0; i < sig.length; i++) if (b(off + i) !== sig[i]) return false;
  return true;
}
export function u16le(b: ByteAt, i: number): number {
  const x = b(i);
  const y = b(i + 1);
  return (x | y) < 0 ? -1 : x | (y << 8); // either byte missing (-1) makes the OR negative
}
export function u16be(b: ByteAt, i: number): number {
  const x = b(i);
  const y = b(i + 1);
  return (x | y) < 0 ? -1 : (x << 8) | y;
}
export function u32le(b: ByteAt, i: number): number {
  const lo = u16le(b, i);
  const hi = u16le(b, i + 2);
  return lo < 0 || hi < 0 ? -1 : lo + hi * 0x10000;
}
export function u32be(b: ByteAt, i: number): number {
  const hi = u16be(b, i);
  const lo = u16be(b, i + 2);
  return lo < 0 || hi < 0 ? -1 : hi * 0x10000 + lo;
}
/** A four-character code of printable ASCII at i, or null. */
export function fourcc(b: ByteAt, i: number): string | null {
  let s = '';
  for (let k = 0; k < 4; k++) {
    const c = b(i + k);
    if (c < 0x20 || c > 0x7e) return null;
    s += String.fromCharCode(c);
  }
  return s;
}
