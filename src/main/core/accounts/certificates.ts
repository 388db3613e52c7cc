// Certificates: the school key (Ed25519) signs, for every account key, who holds it (account id,
// name, role), from when, and whether it is active. A signature counts only through a certificate
// valid at its time (docs/design.md, "Trust model"): a key inserted into the vault by someone who
// holds the vault key but not the school key signs nothing that the checks accept.
import { randomUUID, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/records/canonical';
import type { Role } from '../../../shared/roles';
import { ROLES } from '../../../shared/roles';
import { sha256Hex } from '../crypto/hash';
import { keyIdOf, signMessage, verifyMessage } from '../crypto/ed25519';

export const CERTIFICATE_TYPE = 'caseseal-certificate';
export const CERTIFICATE_VERSION = 1;

/** Why a certificate was issued; 'upgrade' marks those made for accounts older than the school key. */
export const CERTIFICATE_REASONS = [
  'set-up',
  'account-created',
  'role-changed',
  'disabled',
  're-keyed',
  'appointed-with-recovery-key',
  'certified-at-upgrade',
] as const;
export type CertificateReason = (typeof CERTIFICATE_REASONS)[number];

export interface CertificateBody {
  type: typeof CERTIFICATE_TYPE;
  v: typeof CERTIFICATE_VERSION;
  serial: string;
  vaultId: string;
  accountId: string;
  name: string;
  role: Role;
  keyId: string;
  publicKeyPem: string;
  status: 'active' | 'disabled';
  validFrom: string;
  issuedAt: string;
  reason: CertificateReason;
  /** The school key that signed it (its fingerprint). */
  issuer: string;
}

export interface Certificate {
  body: CertificateBody;
  /** RFC 8785 canonical JSON of `body`, exactly as signed. */
  canonical: string;
  signature: string;
}

/** Domain-separated: a certificate signature can never be mistaken for a record's. */
export function certificateSigningMessage(canonical: string): string {
  return `caseseal-certificate-v1:${sha256Hex(canonical)}`;
}

export function issueCertificate(
  school: { privateKey: KeyObject; fingerprint: string },
  fields: Omit<CertificateBody, 'type' | 'v' | 'serial' | 'issuer'>,
): Certificate {
  const body: CertificateBody = {
    type: CERTIFICATE_TYPE,
    v: CERTIFICATE_VERSION,
    serial: randomUUID(),
    issuer: school.fingerprint,
    ...fields,
  };
  const canonical = canonicalJson(body);
  return {
    body,
    canonical,
    signature: signMessage(school.privateKey, certificateSigningMessage(canonical)),
  };
}

/** Parses stored or exported text; null when it is not a well-formed certificate. */
export function parseCertificate(canonical: string, signature: string): Certificate | null {
  let body: unknown;
  try {
    body = JSON.parse(canonical);
  } catch {
    return null;
  }
  const b = body as Partial<CertificateBody> | null;
  if (
    !b ||
    b.type !== CERTIFICATE_TYPE ||
    b.v !== CERTIFICATE_VERSION ||
    typeof b.serial !== 'string' ||
    typeof b.accountId !== 'string' ||
    typeof b.name !== 'string' ||
    !ROLES.includes(b.role as Role) ||
    typeof b.keyId !== 'string' ||
    typeof b.publicKeyPem !== 'string' ||
    (b.status !== 'active' && b.status !== 'disabled') ||
    typeof b.validFrom !== 'string' ||
    typeof b.issuedAt !== 'string' ||
    typeof b.issuer !== 'string' ||
    !CERTIFICATE_REASONS.includes(b.reason as CertificateReason)
  )
    return null;
  // The stored text must be exactly the canonical form of what it says.
  if (canonicalJson(b) !== canonical) return null;
  return { body: b as CertificateBody, canonical, signature };
}

/** Signed by the given school key, and the public key inside matches its own key id. */
export function certificateIsGenuine(cert: Certificate, schoolPublicKeyPem: string): boolean {
  if (cert.body.issuer !== keyIdOf(schoolPublicKeyPem)) return false;
  if (!verifyMessage(schoolPublicKeyPem, certificateSigningMessage(cert.canonical), cert.signature))
    return false;
  try {
    return keyIdOf(cert.body.publicKeyPem) === cert.body.keyId;
  } catch {
    return false;
  }
}

export interface SignerClaim {
  accountId: string;
  keyId: string;
  /** UTC ISO time the signature claims. */
  at: string;
  /** The role the signed text gives its signer, when it states one. */
  role?: Role;
}

/**
 * The certificates of one school key, checked once; answers "was this key certified for this
 * account at this time?" for records, countersignatures and audit entries.
 */
export class CertificateBook {
  /** Certificates that failed their signature (or are not well formed): named by serial. */
  readonly forged: string[] = [];
  private readonly byAccount = new Map<string, Certificate[]>();

  constructor(
    certs: ReadonlyArray<{ canonical: string; signature: string; serial?: string }>,
    readonly schoolPublicKeyPem: string,
  ) {
    for (const raw of certs) {
      const cert = parseCertificate(raw.canonical, raw.signature);
      if (!cert || !certificateIsGenuine(cert, schoolPublicKeyPem)) {
        this.forged.push(cert?.body.serial ?? raw.serial ?? '(unreadable)');
        continue;
      }
      const list = this.byAccount.get(cert.body.accountId) ?? [];
      list.push(cert);
      this.byAccount.set(cert.body.accountId, list);
    }
    for (const list of this.byAccount.values())
      list.sort(
        (a, b) =>
          cmp(a.body.validFrom, b.body.validFrom) ||
          cmp(a.body.issuedAt, b.body.issuedAt) ||
          cmp(a.body.serial, b.body.serial),
      );
  }

  get schoolFingerprint(): string {
    return keyIdOf(this.schoolPublicKeyPem);
  }

  certificates(): Certificate[] {
    return [...this.byAccount.values()].flat();
  }

  /** The certificate in force for an account at a time (the latest one valid from before it). */
  inForce(accountId: string, at: string): Certificate | undefined {
    const list = this.byAccount.get(accountId);
    if (!list) return undefined;
    let found: Certificate | undefined;
    for (const c of list) {
      if (c.body.validFrom <= at) found = c;
      else break;
    }
    return found;
  }

  /** Public keys that some genuine certificate names (the only keys any check should trust). */
  certifiedKeys(): Map<string, { pem: string; accountId: string }> {
    const out = new Map<string, { pem: string; accountId: string }>();
    for (const c of this.certificates())
      out.set(c.body.keyId, { pem: c.body.publicKeyPem, accountId: c.body.accountId });
    return out;
  }

  /** Null when the claim is covered by a certificate valid at its time; otherwise why not. */
  problemWith(claim: SignerClaim): string | null {
    const cert = this.inForce(claim.accountId, claim.at);
    if (!cert) {
      const any = this.byAccount.get(claim.accountId)?.some((c) => c.body.keyId === claim.keyId);
      return any
        ? 'is dated before its signer’s key was certified by the school key (the computer’s clock may have been wrong, or the record was back-dated)'
        : 'is signed with a key the school key never certified for that person';
    }
    if (cert.body.keyId !== claim.keyId)
      // Stryker disable next-line OptionalChaining: a certificate is in force, so the account's list exists
      return this.byAccount.get(claim.accountId)?.some((c) => c.body.keyId === claim.keyId)
        ? 'is signed with a key that was no longer certified for that person at the time'
        : 'is signed with a key the school key never certified for that person';
    if (cert.body.status !== 'active')
      return 'is signed by an account that had been disabled at the time';
    if (claim.role && cert.body.role !== claim.role)
      return `names its signer as ${claim.role} but the certificate at that time says ${cert.body.role}`;
    return null;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
