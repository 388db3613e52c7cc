// SQL for the trust tables of migration 0040: school keys, certificates, the intake key and the
// record of sealed concerns already imported.
import type { Conn } from '../sqlite';
import { RECORD_PAIRS, signerPairSpans } from './signerPairs';

export interface SchoolKeyRow {
  fingerprint: string;
  publicKeyPem: string;
  createdAt: string;
}

export interface CertificateRow {
  serial: string;
  accountId: string;
  keyId: string;
  validFrom: string;
  issuedAt: string;
  body: string;
  signature: string;
}

export async function insertSchoolKey(conn: Conn, k: SchoolKeyRow): Promise<void> {
  await conn.run('INSERT INTO school_keys (fingerprint, public_key, created_at) VALUES (?,?,?)', [
    k.fingerprint,
    k.publicKeyPem,
    k.createdAt,
  ]);
}

export async function listSchoolKeys(conn: Conn): Promise<SchoolKeyRow[]> {
  const rows = await conn.all<{ fingerprint: string; public_key: string; created_at: string }>(
    'SELECT * FROM school_keys ORDER BY created_at',
  );
  return rows.map((r) => ({
    fingerprint: r.fingerprint,
    publicKeyPem: r.public_key,
    createdAt: r.created_at,
  }));
}

export async function insertCertificate(conn: Conn, c: CertificateRow): Promise<void> {
  await conn.run(
    'INSERT INTO certificates (serial, account_id, key_id, valid_from, issued_at, body, signature) VALUES (?,?,?,?,?,?,?)',
    [c.serial, c.accountId, c.keyId, c.validFrom, c.issuedAt, c.body, c.signature],
  );
}

export async function listCertificates(conn: Conn): Promise<CertificateRow[]> {
  const rows = await conn.all<{
    serial: string;
    account_id: string;
    key_id: string;
    valid_from: string;
    issued_at: string;
    body: string;
    signature: string;
  }>('SELECT * FROM certificates ORDER BY valid_from, issued_at, serial');
  return rows.map((r) => ({
    serial: r.serial,
    accountId: r.account_id,
    keyId: r.key_id,
    validFrom: r.valid_from,
    issuedAt: r.issued_at,
    body: r.body,
    signature: r.signature,
  }));
}

export interface IntakeKeyRow {
  keyId: string;
  publicKeyPem: string;
  privateKeyDer: string;
  createdAt: string;
}

export async function insertIntakeKey(conn: Conn, k: IntakeKeyRow): Promise<void> {
  await conn.run(
    'INSERT INTO intake_keys (key_id, public_key, private_key, created_at) VALUES (?,?,?,?)',
    [k.keyId, k.publicKeyPem, k.privateKeyDer, k.createdAt],
  );
}

export async function getIntakeKey(conn: Conn, keyId: string): Promise<IntakeKeyRow | undefined> {
  const r = await conn.get<{
    key_id: string;
    public_key: string;
    private_key: string;
    created_at: string;
  }>('SELECT * FROM intake_keys WHERE key_id = ?', [keyId]);
  return r
    ? {
        keyId: r.key_id,
        publicKeyPem: r.public_key,
        privateKeyDer: r.private_key,
        createdAt: r.created_at,
      }
    : undefined;
}

export async function findIntakeImport(
  conn: Conn,
  intakeId: string,
): Promise<{ recordId: string; fileHash: string } | undefined> {
  const r = await conn.get<{ record_id: string; file_hash: string }>(
    'SELECT record_id, file_hash FROM intake_imports WHERE intake_id = ?',
    [intakeId],
  );
  return r ? { recordId: r.record_id, fileHash: r.file_hash } : undefined;
}

export async function insertIntakeImport(
  conn: Conn,
  i: { intakeId: string; fileHash: string; recordId: string; at: string },
): Promise<void> {
  await conn.run(
    'INSERT INTO intake_imports (intake_id, file_hash, record_id, imported_at) VALUES (?,?,?,?)',
    [i.intakeId, i.fileHash, i.recordId, i.at],
  );
}

/** Role changes are certified by the school key; this column is the convenience copy for lists. */
export async function setAccountRole(conn: Conn, accountId: string, role: string): Promise<void> {
  await conn.run('UPDATE accounts SET role = ? WHERE id = ?', [role, accountId]);
}

/**
 * Every (account, key, first and last signing time) in the log, for the certificate check: by
 * seeks in the covering index records_by_signer_key (migration 0100), never a read of the table.
 */
export async function signerKeySpans(
  conn: Conn,
): Promise<Array<{ accountId: string; keyId: string; first: string; last: string }>> {
  return (await signerPairSpans(conn, RECORD_PAIRS)).map((p) => ({
    accountId: p.personId,
    keyId: p.keyId,
    first: p.first,
    last: p.last,
  }));
}

/** The records one key signed for one account, for naming each one in a certificate failure. */
export async function recordsBySignerKey(
  conn: Conn,
  accountId: string,
  keyId: string,
): Promise<Array<{ seq: number; envelope: string }>> {
  return conn.all<{ seq: number; envelope: string }>(
    'SELECT seq, envelope FROM records WHERE signer_id = ? AND key_id = ? ORDER BY seq',
    [accountId, keyId],
  );
}
