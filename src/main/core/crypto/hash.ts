// SHA-256 helpers (node:crypto) used for record hashes, chains, manifests and key ids.
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export const HEX64 = /^[0-9a-f]{64}$/;
