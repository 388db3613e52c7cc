// The school key's certificates, attacked directly (no vault: keys made by node:crypto in the test).
// Each test is what an insider who holds the vault key but not the school key would try — insert a
// key, copy or edit a certificate, back-date a record, keep signing after being disabled — and
// asserts what the checks rely on: the certificate refused, or the signer problem named.
import { createHash, generateKeyPairSync, sign as edSign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_REASONS,
  CertificateBook,
  certificateIsGenuine,
  certificateSigningMessage,
  issueCertificate,
  parseCertificate,
  type Certificate,
  type CertificateBody,
} from '../../../src/main/core/accounts/certificates';
import { canonicalJson } from '../../../src/shared/records/canonical';
import { recordSigningMessage } from '../../../src/shared/records/envelope';

interface Pair {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

/** A key pair and its fingerprint, computed here the way the design describes it (SHA-256 of the raw key). */
function pair(): Pair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256')
      .update(der.subarray(der.length - 32))
      .digest('hex'),
  };
}

const school = pair();
const schoolKey = { privateKey: school.privateKey, fingerprint: school.keyId };
const alice = pair();
const bob = pair();
const VAULT = '0b4f6f4e-8a55-4a43-9b38-5b0f1c0f7a11';
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

function fields(over: Partial<CertificateBody> = {}) {
  return {
    vaultId: VAULT,
    accountId: A,
    name: 'Alice Adams',
    role: 'deputy' as const,
    keyId: alice.keyId,
    publicKeyPem: alice.publicKeyPem,
    status: 'active' as const,
    validFrom: '2026-01-01T00:00:00.000Z',
    issuedAt: '2026-01-01T00:00:00.000Z',
    reason: 'account-created' as const,
    ...over,
  };
}

/** A certificate body signed by whichever key the attacker holds (the school's when honest). */
function signedBody(body: CertificateBody, by: KeyObject = school.privateKey): Certificate {
  const canonical = canonicalJson(body);
  const digest = createHash('sha256').update(canonical).digest('hex');
  const signature = edSign(null, Buffer.from(`caseseal-certificate-v1:${digest}`), by).toString(
    'base64',
  );
  return { body, canonical, signature };
}

function body(over: Partial<CertificateBody> = {}): CertificateBody {
  return {
    type: 'caseseal-certificate',
    v: 1,
    serial: '00000000-0000-4000-8000-000000000000',
    issuer: school.keyId,
    ...fields(),
    ...over,
  };
}

const raw = (c: Certificate) => ({ canonical: c.canonical, signature: c.signature });

describe('issuing and reading a certificate', () => {
  it('an issued certificate says exactly who holds the key, from when, and is signed with the documented domain-separated message', () => {
    const c = issueCertificate(schoolKey, fields());
    expect(c.body).toMatchObject({
      type: 'caseseal-certificate',
      v: 1,
      issuer: school.keyId,
      ...fields(),
    });
    expect(c.body.serial).toMatch(/^[0-9a-f-]{36}$/);
    expect(issueCertificate(schoolKey, fields()).body.serial).not.toBe(c.body.serial);
    expect(c.canonical).toBe(canonicalJson(c.body));
    const digest = createHash('sha256').update(c.canonical).digest('hex');
    expect(certificateSigningMessage(c.canonical)).toBe(`caseseal-certificate-v1:${digest}`);
    expect(certificateIsGenuine(c, school.publicKeyPem)).toBe(true);
    // what is stored or exported reads back as the same certificate
    expect(parseCertificate(c.canonical, c.signature)).toEqual(c);
  });

  it('a certificate made and signed outside CaseSeal by the documented format is accepted (the police verifier re-derives the same message)', () => {
    const c = signedBody(body());
    const parsed = parseCertificate(c.canonical, c.signature)!;
    expect(parsed).not.toBeNull();
    expect(certificateIsGenuine(parsed, school.publicKeyPem)).toBe(true);
  });

  it('every documented reason reads back; an invented reason is refused', () => {
    for (const reason of CERTIFICATE_REASONS) {
      const c = signedBody(body({ reason }));
      expect(parseCertificate(c.canonical, c.signature)?.body.reason).toBe(reason);
    }
    expect(CERTIFICATE_REASONS).toEqual([
      'set-up',
      'account-created',
      'role-changed',
      'disabled',
      're-keyed',
      'appointed-with-recovery-key',
      'certified-at-upgrade',
    ]);
  });

  it('both statuses and every role read back', () => {
    for (const status of ['active', 'disabled'] as const)
      for (const role of ['dsl', 'deputy', 'slt', 'staff'] as const) {
        const c = signedBody(body({ status, role }));
        expect(parseCertificate(c.canonical, c.signature)?.body).toMatchObject({ status, role });
      }
  });

  const malformed: Array<[string, Record<string, unknown>]> = [
    ['another document type passed off as a certificate', { type: 'caseseal-record' }],
    ['a future format version', { v: 2 }],
    ['a serial that is not text', { serial: 7 }],
    ['an account id that is not text', { accountId: 12 }],
    ['a name that is not text', { name: ['Alice'] }],
    ['an invented role ("headteacher") to gain powers', { role: 'headteacher' }],
    ['a key id that is not text', { keyId: null }],
    ['a public key that is not text', { publicKeyPem: { pem: 'x' } }],
    ['a status other than active or disabled ("suspended")', { status: 'suspended' }],
    ['a start time that is not text', { validFrom: 20260101 }],
    ['an issue time that is not text', { issuedAt: false }],
    ['an issuer that is not text', { issuer: 1 }],
    ['an invented reason', { reason: 'promoted-by-deputy' }],
  ];
  for (const [what, change] of malformed)
    it(`a certificate with ${what} is not read as a certificate`, () => {
      const b = { ...body(), ...change };
      const canonical = canonicalJson(b);
      expect(parseCertificate(canonical, 'c2ln')).toBeNull();
      // and the book names it as forged rather than trusting it
      const book = new CertificateBook(
        [{ canonical, signature: 'c2ln', serial: 'serial-of-the-row' }],
        school.publicKeyPem,
      );
      expect(book.forged).toEqual(['serial-of-the-row']);
      expect(book.certificates()).toEqual([]);
    });

  it('text that is not JSON, JSON null, or a certificate stored in a different (non-canonical) form is not read as a certificate', () => {
    const good = signedBody(body());
    expect(parseCertificate('{not json', good.signature)).toBeNull();
    expect(parseCertificate('null', good.signature)).toBeNull();
    expect(parseCertificate(JSON.stringify(good.body, null, 2), good.signature)).toBeNull();
    expect(parseCertificate(good.canonical + ' ', good.signature)).toBeNull();
  });
});

describe('is a certificate genuine (signed by the school key)?', () => {
  it('a vault-key holder signs their own certificate with their own key (not the school key): refused', () => {
    const forged = signedBody(body(), alice.privateKey);
    expect(certificateIsGenuine(forged, school.publicKeyPem)).toBe(false);
  });

  it('a forged school key swapped in: certificates signed by it are not genuine under the school key the slot trusts', () => {
    const rogue = pair();
    const forged = signedBody(body({ issuer: rogue.keyId }), rogue.privateKey);
    expect(certificateIsGenuine(forged, school.publicKeyPem)).toBe(false);
    // even when the forger leaves the real school fingerprint as issuer
    const sneaky = signedBody(body({ issuer: school.keyId }), rogue.privateKey);
    expect(certificateIsGenuine(sneaky, school.publicKeyPem)).toBe(false);
  });

  it('a genuine signature whose issuer field names another school key is refused (the issuer must be the key that signed)', () => {
    const c = signedBody(body({ issuer: bob.keyId }));
    expect(certificateIsGenuine(c, school.publicKeyPem)).toBe(false);
  });

  it('a certificate body edited after signing (role raised to DSL) no longer verifies', () => {
    const c = signedBody(body());
    const edited = { ...c.body, role: 'dsl' as const };
    const tampered = { body: edited, canonical: canonicalJson(edited), signature: c.signature };
    expect(certificateIsGenuine(tampered, school.publicKeyPem)).toBe(false);
  });

  it('a school-key signature made for a record (another domain) is not a certificate signature', () => {
    const b = body();
    const canonical = canonicalJson(b);
    const hash = createHash('sha256').update(canonical).digest('hex');
    const signature = edSign(null, Buffer.from(recordSigningMessage(hash)), school.privateKey);
    const asRecord = { body: b, canonical, signature: signature.toString('base64') };
    expect(certificateIsGenuine(asRecord, school.publicKeyPem)).toBe(false);
    // nor is a signature over the raw text
    const rawSig = edSign(null, Buffer.from(canonical), school.privateKey).toString('base64');
    expect(certificateIsGenuine({ ...asRecord, signature: rawSig }, school.publicKeyPem)).toBe(
      false,
    );
  });

  it('a genuine certificate whose key id does not match the public key inside (Alice’s id, Bob’s key): refused', () => {
    const c = signedBody(body({ publicKeyPem: bob.publicKeyPem }));
    expect(certificateIsGenuine(c, school.publicKeyPem)).toBe(false);
  });

  it('a genuine certificate carrying a public key that cannot be read: refused, not thrown', () => {
    const c = signedBody(body({ publicKeyPem: '-----BEGIN PUBLIC KEY-----\nnonsense\n' }));
    expect(() => certificateIsGenuine(c, school.publicKeyPem)).not.toThrow();
    expect(certificateIsGenuine(c, school.publicKeyPem)).toBe(false);
  });
});

describe('the certificate book', () => {
  it('keeps only genuine certificates; a forged one is named by its serial, an unreadable one by the row’s serial or as unreadable', () => {
    const good = signedBody(body({ serial: 'good-1' }));
    const forged = signedBody(body({ serial: 'forged-1' }), alice.privateKey);
    const book = new CertificateBook(
      [
        raw(good),
        { ...raw(forged), serial: 'row-serial-ignored' },
        { canonical: 'garbage', signature: 'x', serial: 'row-7' },
        { canonical: 'garbage', signature: 'x' },
      ],
      school.publicKeyPem,
    );
    expect(book.forged).toEqual(['forged-1', 'row-7', '(unreadable)']);
    expect(book.certificates().map((c) => c.body.serial)).toEqual(['good-1']);
    expect(book.schoolFingerprint).toBe(school.keyId);
    expect(book.schoolPublicKeyPem).toBe(school.publicKeyPem);
  });

  it('lists every account’s certificates, and the certified keys map each key to its pem and account only', () => {
    const a = signedBody(body({ serial: 'a' }));
    const b = signedBody(
      body({ serial: 'b', accountId: B, keyId: bob.keyId, publicKeyPem: bob.publicKeyPem }),
    );
    const book = new CertificateBook([raw(a), raw(b)], school.publicKeyPem);
    expect(
      book
        .certificates()
        .map((c) => c.body.serial)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(book.certifiedKeys()).toEqual(
      new Map([
        [alice.keyId, { pem: alice.publicKeyPem, accountId: A }],
        [bob.keyId, { pem: bob.publicKeyPem, accountId: B }],
      ]),
    );
    // a key no genuine certificate names is not among them
    const rogue = signedBody(body({ serial: 'r' }), bob.privateKey);
    const book2 = new CertificateBook([raw(rogue)], school.publicKeyPem);
    expect(book2.certifiedKeys().size).toBe(0);
  });

  it('the certificate in force is the latest one valid from before the time, whatever order they are stored in', () => {
    const c1 = signedBody(body({ serial: 's1', validFrom: '2026-01-01T00:00:00.000Z' }));
    const c2 = signedBody(
      body({ serial: 's2', validFrom: '2026-03-01T00:00:00.000Z', role: 'dsl' }),
    );
    const c3 = signedBody(
      body({ serial: 's3', validFrom: '2026-06-01T00:00:00.000Z', status: 'disabled' }),
    );
    for (const order of [
      [c1, c2, c3],
      [c3, c2, c1],
      [c2, c3, c1],
      [c3, c1, c2],
    ]) {
      const book = new CertificateBook(order.map(raw), school.publicKeyPem);
      expect(book.inForce(A, '2025-12-31T23:59:59.999Z')).toBeUndefined();
      expect(book.inForce(A, '2026-01-01T00:00:00.000Z')?.body.serial).toBe('s1');
      expect(book.inForce(A, '2026-02-28T00:00:00.000Z')?.body.serial).toBe('s1');
      expect(book.inForce(A, '2026-03-01T00:00:00.000Z')?.body.serial).toBe('s2');
      expect(book.inForce(A, '2026-05-31T00:00:00.000Z')?.body.serial).toBe('s2');
      expect(book.inForce(A, '2026-06-01T00:00:00.000Z')?.body.serial).toBe('s3');
      expect(book.inForce(A, '2030-01-01T00:00:00.000Z')?.body.serial).toBe('s3');
      expect(book.inForce(B, '2030-01-01T00:00:00.000Z')).toBeUndefined();
    }
  });

  it('two certificates from the same moment: the one issued later is in force, then the serial decides', () => {
    const at = '2026-02-01T00:00:00.000Z';
    const early = signedBody(
      body({ serial: 'z-early', validFrom: at, issuedAt: '2026-02-01T00:00:00.000Z' }),
    );
    const late = signedBody(
      body({
        serial: 'a-late',
        validFrom: at,
        issuedAt: '2026-02-02T00:00:00.000Z',
        status: 'disabled',
      }),
    );
    for (const order of [
      [early, late],
      [late, early],
    ])
      expect(
        new CertificateBook(order.map(raw), school.publicKeyPem).inForce(A, at)?.body.serial,
      ).toBe('a-late');
    const x = signedBody(body({ serial: 'serial-x', validFrom: at }));
    const y = signedBody(body({ serial: 'serial-y', validFrom: at, role: 'dsl' }));
    const w = signedBody(body({ serial: 'serial-w', validFrom: at, role: 'slt' }));
    for (const order of [
      [x, y, w],
      [y, x, w],
      [w, y, x],
      [y, w, x],
    ])
      expect(
        new CertificateBook(order.map(raw), school.publicKeyPem).inForce(A, at)?.body.serial,
      ).toBe('serial-y');
  });
});

describe('signer problems: a signature counts only through a certificate valid at its time', () => {
  const created = signedBody(
    body({ serial: 'c1', validFrom: '2026-01-01T00:00:00.000Z', role: 'deputy' }),
  );
  const promoted = signedBody(
    body({ serial: 'c2', validFrom: '2026-03-01T00:00:00.000Z', role: 'dsl' }),
  );
  const rekeyed = signedBody(
    body({
      serial: 'c3',
      validFrom: '2026-05-01T00:00:00.000Z',
      role: 'dsl',
      keyId: bob.keyId,
      publicKeyPem: bob.publicKeyPem,
      reason: 're-keyed',
    }),
  );
  const disabled = signedBody(
    body({
      serial: 'c4',
      validFrom: '2026-07-01T00:00:00.000Z',
      role: 'dsl',
      keyId: bob.keyId,
      publicKeyPem: bob.publicKeyPem,
      status: 'disabled',
      reason: 'disabled',
    }),
  );
  const book = new CertificateBook(
    [created, promoted, rekeyed, disabled].map(raw),
    school.publicKeyPem,
  );

  it('a signature by the certified key within its certificate’s time is accepted', () => {
    expect(book.problemWith({ accountId: A, keyId: alice.keyId, at: '2026-02-01T00:00:00Z' })).toBe(
      null,
    );
    expect(
      book.problemWith({
        accountId: A,
        keyId: alice.keyId,
        at: '2026-02-01T00:00:00Z',
        role: 'deputy',
      }),
    ).toBe(null);
    expect(
      book.problemWith({
        accountId: A,
        keyId: bob.keyId,
        at: '2026-06-01T00:00:00Z',
        role: 'dsl',
      }),
    ).toBe(null);
  });

  it('a signing key not certified by the school key (inserted by a vault-key holder) is refused', () => {
    const rogue = pair();
    expect(book.problemWith({ accountId: A, keyId: rogue.keyId, at: '2026-02-01T00:00:00Z' })).toBe(
      'is signed with a key the school key never certified for that person',
    );
    // before any certificate of the account, an unknown key is still "never certified"
    expect(book.problemWith({ accountId: A, keyId: rogue.keyId, at: '2025-01-01T00:00:00Z' })).toBe(
      'is signed with a key the school key never certified for that person',
    );
  });

  it('a certificate for person A used for person B’s records: A’s key signing in B’s name is refused', () => {
    const bBook = new CertificateBook(
      [
        raw(created),
        raw(
          signedBody(
            body({
              serial: 'b1',
              accountId: B,
              name: 'Bob Brown',
              keyId: bob.keyId,
              publicKeyPem: bob.publicKeyPem,
            }),
          ),
        ),
      ],
      school.publicKeyPem,
    );
    expect(
      bBook.problemWith({ accountId: B, keyId: alice.keyId, at: '2026-02-01T00:00:00Z' }),
    ).toBe('is signed with a key the school key never certified for that person');
    // a person with no certificate at all
    expect(
      bBook.problemWith({
        accountId: 'cccccccc-0000-4000-8000-000000000003',
        keyId: alice.keyId,
        at: '2026-02-01T00:00:00Z',
      }),
    ).toBe('is signed with a key the school key never certified for that person');
  });

  it('a certificate used before its start (a back-dated record) is named as dated before certification', () => {
    expect(
      book.problemWith({ accountId: A, keyId: alice.keyId, at: '2025-12-31T23:59:59.999Z' }),
    ).toBe(
      'is dated before its signer’s key was certified by the school key (the computer’s clock may have been wrong, or the record was back-dated)',
    );
  });

  it('a certificate used after it was replaced (the old key after a re-key) is refused', () => {
    expect(book.problemWith({ accountId: A, keyId: alice.keyId, at: '2026-05-01T00:00:00Z' })).toBe(
      'is signed with a key that was no longer certified for that person at the time',
    );
    // and the new key before it was certified
    expect(book.problemWith({ accountId: A, keyId: bob.keyId, at: '2026-04-30T00:00:00Z' })).toBe(
      'is signed with a key that was no longer certified for that person at the time',
    );
  });

  it('a certificate used after it was revoked (the account disabled) is refused', () => {
    expect(book.problemWith({ accountId: A, keyId: bob.keyId, at: '2026-07-01T00:00:00Z' })).toBe(
      'is signed by an account that had been disabled at the time',
    );
    expect(
      book.problemWith({ accountId: A, keyId: bob.keyId, at: '2026-12-01T00:00:00Z', role: 'dsl' }),
    ).toBe('is signed by an account that had been disabled at the time');
  });

  it('a role claimed in the signed text that the certificate did not give at that time (deputy signing as DSL) is refused', () => {
    expect(
      book.problemWith({
        accountId: A,
        keyId: alice.keyId,
        at: '2026-02-01T00:00:00Z',
        role: 'dsl',
      }),
    ).toBe('names its signer as dsl but the certificate at that time says deputy');
    expect(
      book.problemWith({
        accountId: A,
        keyId: alice.keyId,
        at: '2026-03-02T00:00:00Z',
        role: 'deputy',
      }),
    ).toBe('names its signer as deputy but the certificate at that time says dsl');
  });
});
