// The signed record envelope (docs/design.md, "Records"): what is canonicalised (RFC 8785),
// hashed with SHA-256 and signed with Ed25519. Shared by main, the renderer and the verifier.
import { z } from 'zod';
import { ROLES } from '../roles';

export const RECORD_ENVELOPE_VERSION = 1;

/** Domain-separation prefixes: a signature made for one purpose never verifies for another. */
export const RECORD_SIGNATURE_PREFIX = 'caseseal:record:v1:';

export function recordSigningMessage(hash: string): string {
  return RECORD_SIGNATURE_PREFIX + hash;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const signerSchema = z.object({
  accountId: z.string().uuid(),
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  keyId: hex64,
});
export type Signer = z.infer<typeof signerSchema>;

export const envelopeSchema = z.object({
  v: z.literal(RECORD_ENVELOPE_VERSION),
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  kind: z.string().min(1).max(64),
  seq: z.number().int().positive(),
  prev: hex64.nullable(),
  caseSeq: z.number().int().positive(),
  casePrev: hex64.nullable(),
  signedAt: z.string().datetime(),
  signer: signerSchema,
  body: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** A record as stored and as exported: the canonical text, its hash and its signature. */
export interface SignedRecord {
  envelope: Envelope;
  /** Exactly the canonical JSON text that was hashed (RFC 8785). */
  canonical: string;
  hash: string;
  signature: string; // base64 Ed25519 over recordSigningMessage(hash)
}
