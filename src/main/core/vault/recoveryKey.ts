// The recovery key: 160 random bits written as 8 groups of 4 Crockford base32 characters — easy to
// copy by hand and read back (no I, L, O or U; typing them is forgiven). Wraps the vault key via
// HKDF-SHA256: with 160 bits of entropy a memory-hard KDF adds nothing.
import { hkdfSync, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_BYTES = 20;
export const RECOVERY_GROUPS = 8;

export function generateRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_BYTES);
}

export function encodeRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Parse what a person typed: case, spaces and dashes do not matter; I/L read as 1, O as 0. */
export function decodeRecoveryKey(typed: string): Buffer | null {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== Math.ceil((RECOVERY_BYTES * 8) / 5)) return null;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out.length === RECOVERY_BYTES ? Buffer.from(out) : null;
}

/** Normalised groups of a typed key, for the "re-type groups N and M" confirmation. */
export function recoveryGroups(encoded: string): string[] {
  return encoded.split('-');
}

export function normaliseGroup(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

export function recoveryWrapKey(recovery: Buffer, saltB64: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', recovery, Buffer.from(saltB64, 'base64'), 'caseseal recovery key v1', 32),
  );
}
