// Issues a certificate with the school key and stores it in the vault (inside the caller's
// transaction), so that an account change and its certificate are committed together.
import type { Role } from '../../../shared/roles';
import type { Conn } from '../../db/sqlite';
import { insertCertificate } from '../../db/repositories/trustKeys';
import { issueCertificate, type Certificate, type CertificateReason } from './certificates';
import type { SchoolKey } from './schoolKey';

export async function certify(
  conn: Conn,
  school: Pick<SchoolKey, 'privateKey' | 'fingerprint'>,
  c: {
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
  },
): Promise<Certificate> {
  const cert = issueCertificate(school, c);
  await insertCertificate(conn, {
    serial: cert.body.serial,
    accountId: c.accountId,
    keyId: c.keyId,
    validFrom: c.validFrom,
    issuedAt: c.issuedAt,
    body: cert.canonical,
    signature: cert.signature,
  });
  return cert;
}
