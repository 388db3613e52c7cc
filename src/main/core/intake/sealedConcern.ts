// The sealed-concern file, version 1 (docs/design.md, "Intake file format"): a staff member's
// concern, signed with their own Ed25519 key, then sealed to the team's intake key with X25519 +
// HKDF-SHA256 + AES-256-GCM (node:crypto only). The header is authenticated as the cipher's
// additional data, so a file cannot be re-addressed or renamed to another id and still open.
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/records/canonical';
import { ROLES } from '../../../shared/roles';
import { sha256Hex } from '../crypto/hash';
import { signMessage, verifyMessage } from '../crypto/ed25519';

export const INTAKE_FORMAT = 'caseseal-sealed-concern';
export const INTAKE_VERSION = 1;
const HKDF_INFO = 'caseseal sealed concern v1';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const sealedFileSchema = z
  .object({
    format: z.literal(INTAKE_FORMAT),
    version: z.literal(INTAKE_VERSION),
    id: z.string().uuid(),
    vaultId: z.string().uuid(),
    recipient: hex64,
    ephemeralPublicKey: b64.max(200),
    salt: b64.max(100),
    iv: b64.max(40),
    tag: b64.max(40),
    ciphertext: b64.max(2_000_000),
  })
  .strict();
export type SealedFile = z.infer<typeof sealedFileSchema>;

export const statementSchema = z
  .object({
    type: z.literal('caseseal-concern-statement'),
    v: z.literal(1),
    id: z.string().uuid(),
    vaultId: z.string().uuid(),
    sealedAt: z.string().max(40),
    signer: z
      .object({
        accountId: z.string().uuid(),
        name: z.string().min(1).max(200),
        role: z.enum(ROLES),
        keyId: hex64,
      })
      .strict(),
    body: z.record(z.string(), z.unknown()),
  })
  .strict();
export type ConcernStatement = z.infer<typeof statementSchema>;

export interface SignedStatement {
  /** RFC 8785 canonical JSON of the statement, exactly as signed. */
  statement: string;
  /** SHA-256 of `statement`: the staff member's receipt shows it. */
  hash: string;
  signature: string;
}

export function statementSigningMessage(hash: string): string {
  return `caseseal-concern-statement-v1:${hash}`;
}

export function signStatement(s: ConcernStatement, privateKey: KeyObject): SignedStatement {
  const statement = canonicalJson(s);
  const hash = sha256Hex(statement);
  return { statement, hash, signature: signMessage(privateKey, statementSigningMessage(hash)) };
}

export function statementSignatureValid(signed: SignedStatement, publicKeyPem: string): boolean {
  return (
    sha256Hex(signed.statement) === signed.hash &&
    verifyMessage(publicKeyPem, statementSigningMessage(signed.hash), signed.signature)
  );
}

function header(f: Omit<SealedFile, 'iv' | 'tag' | 'ciphertext'>): Buffer {
  return Buffer.from(
    canonicalJson({
      format: f.format,
      version: f.version,
      id: f.id,
      vaultId: f.vaultId,
      recipient: f.recipient,
      ephemeralPublicKey: f.ephemeralPublicKey,
      salt: f.salt,
    }),
    // Stryker disable next-line StringLiteral: Buffer.from(text, '') is UTF-8 too (Node's default encoding)
    'utf8',
  );
}

function contentKey(shared: Buffer, salt: Buffer, eph: string, recipient: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, salt, `${HKDF_INFO}|${eph}|${recipient}`, 32));
}

export function sealStatement(
  signed: SignedStatement,
  to: { keyId: string; publicKeyPem: string; vaultId: string },
  id: string = randomUUID(),
): SealedFile {
  const eph = generateKeyPairSync('x25519');
  const ephemeralPublicKey = eph.publicKey
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
  const shared = diffieHellman({
    privateKey: eph.privateKey,
    publicKey: createPublicKey(to.publicKeyPem),
  });
  const salt = randomBytes(32);
  const head = {
    format: INTAKE_FORMAT,
    version: INTAKE_VERSION,
    id,
    vaultId: to.vaultId,
    recipient: to.keyId,
    ephemeralPublicKey,
    salt: salt.toString('base64'),
  } as const;
  const key = contentKey(shared, salt, ephemeralPublicKey, to.keyId);
  shared.fill(0);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header(head));
  // Stryker disable next-line StringLiteral: Buffer.from(text, '') is UTF-8 too (Node's default encoding)
  const plain = Buffer.from(canonicalJson(signed), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  key.fill(0);
  plain.fill(0);
  return {
    ...head,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Null when the file was not sealed to this key or was altered (GCM authentication fails). */
export function openSealedFile(
  file: SealedFile,
  intakePrivateKey: KeyObject,
): SignedStatement | null {
  try {
    const shared = diffieHellman({
      privateKey: intakePrivateKey,
      publicKey: createPublicKey({
        key: Buffer.from(file.ephemeralPublicKey, 'base64'),
        format: 'der',
        type: 'spki',
      }),
    });
    const key = contentKey(
      shared,
      Buffer.from(file.salt, 'base64'),
      file.ephemeralPublicKey,
      file.recipient,
    );
    shared.fill(0);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
    decipher.setAAD(header(file));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(file.ciphertext, 'base64')),
      decipher.final(),
    ]);
    key.fill(0);
    const parsed = z
      .object({ statement: z.string(), hash: hex64, signature: b64 })
      .strict()
      .parse(JSON.parse(plain.toString('utf8')));
    plain.fill(0);
    return parsed;
  } catch {
    return null;
  }
}

/** Parses the signed statement's text; null when it is not exactly a canonical statement. */
export function parseStatement(text: string): ConcernStatement | null {
  try {
    const s = statementSchema.parse(JSON.parse(text));
    return canonicalJson(s) === text ? s : null;
  } catch {
    return null;
  }
}

/** The reference on the staff member's receipt: short enough to read out to the DSL. */
export function receiptReference(id: string): string {
  // Stryker disable next-line StringLiteral: only the first 8 hex digits are used and a UUID's first dash comes after them
  const hex = id.replace(/-/g, '').toUpperCase();
  return `SC-${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}
