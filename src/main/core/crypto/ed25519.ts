// Ed25519 signing keys (node:crypto): generation, key ids, PEM export and domain-separated signing.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { sha256Hex } from './hash';

export interface SigningKeyPair {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** The raw 32-byte public key (the last 32 bytes of the SPKI DER). */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

/** Key id / fingerprint: SHA-256 of the raw public key, hex. Printed on receipts. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return sha256Hex(rawPublicKey(key));
}

/** "ab12 cd34 …" groups of four, easier to read aloud over the phone. */
export function formatFingerprint(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;
}

export function privateKeyToDer(privateKey: KeyObject): Buffer {
  return privateKey.export({ type: 'pkcs8', format: 'der' });
}

export function privateKeyFromDer(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export function publicKeyFromPrivate(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

export function signMessage(privateKey: KeyObject, message: string | Buffer): string {
  return sign(
    null,
    typeof message === 'string' ? Buffer.from(message, 'utf8') : message,
    privateKey,
  ).toString('base64');
}

export function verifyMessage(
  publicKey: KeyObject | string,
  message: string | Buffer,
  signatureB64: string,
): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return verify(
      null,
      typeof message === 'string' ? Buffer.from(message, 'utf8') : message,
      key,
      Buffer.from(signatureB64, 'base64'),
    );
  } catch {
    return false;
  }
}
