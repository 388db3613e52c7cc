// AES-256-GCM key wrapping (node:crypto). Every wrap binds "additional data" naming the vault, the
// slot and the purpose, so a wrapped blob cannot be moved to another slot and still open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface WrappedBlob {
  iv: string; // base64, 12 bytes
  data: string; // base64 ciphertext
  tag: string; // base64, 16 bytes
}

export function wrap(key: Buffer, plaintext: Buffer, aad: string): WrappedBlob {
  if (key.length !== 32) throw new Error('wrap key must be 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    data: data.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns null when the key is wrong or the blob was altered (GCM authentication failed). */
export function unwrap(key: Buffer, blob: WrappedBlob, aad: string): Buffer | null {
  try {
    const iv = Buffer.from(blob.iv, 'base64');
    const tag = Buffer.from(blob.tag, 'base64');
    if (iv.length !== 12 || tag.length !== 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(blob.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
