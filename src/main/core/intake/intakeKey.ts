// The team's intake key (X25519): staff concerns are sealed to its public half; its private half is
// kept inside the encrypted vault, so exactly the people who hold the vault key (DSL, deputies,
// senior leaders, the recovery slot) can open them. The public half is signed by the school key so
// that a swapped intake key in the key-slot file is refused before anything is sealed to it.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '../../../shared/records/canonical';
import { sha256Hex } from '../crypto/hash';
import { signMessage, verifyMessage } from '../crypto/ed25519';

export interface IntakeKeyPair {
  keyId: string;
  publicKeyPem: string;
  privateKey: KeyObject;
}

export function intakeKeyIdOf(publicKeyPem: string): string {
  return sha256Hex(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }));
}

export function generateIntakeKey(): IntakeKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: intakeKeyIdOf(publicKeyPem), publicKeyPem, privateKey };
}

export function intakePrivateToDer(k: KeyObject): string {
  return k.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}

export function intakePrivateFromDer(b64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
}

function statement(
  vaultId: string,
  keyId: string,
  publicKeyPem: string,
  createdAt: string,
): string {
  return `caseseal-intake-key-v1:${sha256Hex(
    canonicalJson({ vaultId, keyId, publicKeyPem, createdAt }),
  )}`;
}

export function signIntakeKey(
  schoolPrivateKey: KeyObject,
  k: { vaultId: string; keyId: string; publicKeyPem: string; createdAt: string },
): string {
  return signMessage(schoolPrivateKey, statement(k.vaultId, k.keyId, k.publicKeyPem, k.createdAt));
}

export function intakeKeyIsGenuine(
  schoolPublicKeyPem: string,
  k: { vaultId: string; keyId: string; publicKeyPem: string; createdAt: string; signature: string },
): boolean {
  try {
    if (intakeKeyIdOf(k.publicKeyPem) !== k.keyId) return false;
  } catch {
    return false;
  }
  return verifyMessage(
    schoolPublicKeyPem,
    statement(k.vaultId, k.keyId, k.publicKeyPem, k.createdAt),
    k.signature,
  );
}
