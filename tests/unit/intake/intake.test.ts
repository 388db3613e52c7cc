// Sealed staff concerns end to end on a copy of one real vault (built once:
// tests/helpers/goldenBundle.ts): a staff member seals a concern to the team's intake key, the DSL's
// sign-in imports it. Each attack is what an insider with the intake folder, their own keys and
// time would try — re-addressing, altering, replaying or forging a sealed file, or swapping the
// intake key — and each test asserts what the staff member or the DSL relies on: the refusal and
// its reason, the file left in place, the record made once.
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createDecipheriv, diffieHellman, hkdfSync, verify as edVerify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../src/main/db/open';
import type { Sqlite } from '../../../src/main/db/sqlite';
import { vaultPathsIn } from '../../../src/main/core/vault/paths';
import { readKeySlots, type KeySlotFile } from '../../../src/main/core/vault/keySlots';
import { keyIdOf } from '../../../src/main/core/crypto/ed25519';
import { loadCertificateBook } from '../../../src/main/core/accounts/schoolKey';
import type { CertificateBook } from '../../../src/main/core/accounts/certificates';
import { openSessionLog, closeSessionLog } from '../../../src/main/core/log/sessionLog';
import type { Session } from '../../../src/main/core/identity/session';
import { sealConcern } from '../../../src/main/core/intake/sealConcern';
import { importSealedConcerns, type ImportStep } from '../../../src/main/core/intake/importIntake';
import {
  listSealedFiles,
  removeSealedFile,
  sealedFileName,
  writeSealedFile,
} from '../../../src/main/core/intake/intakeFolder';
import {
  generateIntakeKey,
  intakeKeyIdOf,
  intakeKeyIsGenuine,
  intakePrivateFromDer,
  intakePrivateToDer,
  signIntakeKey,
} from '../../../src/main/core/intake/intakeKey';
import {
  openSealedFile,
  parseStatement,
  receiptReference,
  sealStatement,
  signStatement,
  statementSignatureValid,
  type ConcernStatement,
  type SealedFile,
} from '../../../src/main/core/intake/sealedConcern';
import { canonicalJson } from '../../../src/shared/records/canonical';
import { goldenBundle, goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';
import { concernBody } from '../../helpers/records';

const NOW = new Date('2026-11-24T09:00:00.000Z');
let schoolFingerprint: string;
beforeAll(async () => {
  const g = await goldenBundle();
  schoolFingerprint = (
    JSON.parse(g.files.get('certificates.json')!.toString('utf8')) as {
      schoolKey: { fingerprint: string };
    }
  ).schoolKey.fingerprint;
}, 10 * 60_000);

const open: Array<{ db: Sqlite; remove(): void }> = [];
afterEach(async () => {
  while (open.length) {
    const o = open.pop()!;
    await closeSessionLog(o.db);
    await o.db.close();
    o.remove();
  }
});

const pub = (k: KeyObject) => createPublicKey(k).export({ type: 'spki', format: 'pem' }).toString();
const session = (
  id: string,
  name: string,
  role: Session['account']['role'],
  privateKey: KeyObject,
): Session =>
  ({
    account: { id, name, role },
    privateKey,
    keyId: keyIdOf(pub(privateKey)),
    signedInAt: NOW.toISOString(),
    lastActivity: 0,
    integrity: null,
    vaultOpen: role !== 'staff',
    trustedSchool: schoolFingerprint,
    certificates: null,
    trustProblem: null,
  }) as unknown as Session;

async function world() {
  const v = await goldenVault();
  const paths = vaultPathsIn(v.dir);
  const db = await openVaultDb(paths.db, v.vaultKey, { create: false, migrate: false });
  open.push({ db, remove: v.remove });
  const file = readKeySlots(paths.keySlots);
  const intakeDir = join(v.dir, 'intake-test');
  const dsl = session(v.ids.dsl, 'Quentin Marlowe-Dsl', 'dsl', v.dslKey);
  const staff = session(v.ids.staff, 'Imogen Staffwell', 'staff', v.staffKey);
  await openSessionLog(db, {
    vaultKey: v.vaultKey,
    vaultId: file.vaultId,
    session: { accountId: dsl.account.id, keyId: dsl.keyId, privateKey: v.dslKey },
    at: NOW.toISOString(),
  });
  const t = await db.exclusive((c) => loadCertificateBook(c, schoolFingerprint));
  if (!t.ok) throw new Error(t.message);
  const seal = (body: unknown = concernBody(), as: Session = staff, f: KeySlotFile = file) =>
    sealConcern({ session: as, file: f, intakeDir, now: () => NOW }, body);
  const steps: Array<[ImportStep, string]> = [];
  const importAll = (book: CertificateBook | null = t.book, vaultId = file.vaultId) =>
    importSealedConcerns(
      { session: dsl, db, now: () => NOW },
      { intakeDir, vaultId, book, onStep: (s, n) => steps.push([s, n]) },
    );
  const sealedFiles = () => listSealedFiles(intakeDir);
  const rewrite = (change: (f: SealedFile) => SealedFile) => {
    const [w] = sealedFiles();
    writeFileSync(w!.path, JSON.stringify(change(JSON.parse(w!.text) as SealedFile)));
  };
  const count = async (sql: string) => (await db.get<{ n: number }>(sql))!.n;
  return {
    ...v,
    db,
    file,
    intakeDir,
    dsl,
    staff,
    book: t.book,
    seal,
    importAll,
    sealedFiles,
    rewrite,
    steps,
    count,
  };
}
const REFUSED = 'could not be opened with the team’s intake key, or was altered';

describe('a concern sealed by staff and imported at the DSL’s sign-in', () => {
  it('the receipt names the concern; the import makes one case with the staff member’s own signature, records it and removes the file', async () => {
    const w = await world();
    const before = await w.count("SELECT count(*) AS n FROM records WHERE kind = 'sealed-concern'");
    const receipt = w.seal();
    expect(receipt.reference).toMatch(/^SC-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(receipt.sealedAt).toBe(NOW.toISOString());
    expect(receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [f] = w.sealedFiles();
    expect(receiptReference(f!.name.slice(0, 36))).toBe(receipt.reference);
    const report = await w.importAll();
    expect(report).toEqual({ imported: 1, alreadyImported: 0, refused: [] });
    expect(w.sealedFiles()).toEqual([]);
    expect(w.steps.map((s) => s[0])).toEqual(['opened', 'committed', 'removed']);
    expect(await w.count("SELECT count(*) AS n FROM records WHERE kind = 'sealed-concern'")).toBe(
      before + 1,
    );
    const rec = (await w.db.get<{ envelope: string }>(
      "SELECT envelope FROM records WHERE kind = 'sealed-concern' ORDER BY seq DESC LIMIT 1",
    ))!;
    const env = JSON.parse(rec.envelope) as {
      body: { sealed: { author: { accountId: string }; hash: string; sealedAt: string } };
    };
    expect(env.body.sealed.author.accountId).toBe(w.ids.staff);
    expect(env.body.sealed.hash).toBe(receipt.sha256);
    expect(env.body.sealed.sealedAt).toBe(NOW.toISOString());
    const imported = await w.db.all<{ detail: string; record_id: string }>(
      "SELECT detail, record_id FROM audit WHERE action = 'concern-imported' ORDER BY seq",
    );
    expect(JSON.parse(imported.at(-1)!.detail)).toEqual({
      intakeId: f!.name.slice(0, 36),
      author: w.ids.staff,
      sealedAt: NOW.toISOString(),
    });
    // nothing was refused, so no refusal is recorded
    expect(await w.count("SELECT count(*) AS n FROM audit WHERE action = 'concern-refused'")).toBe(
      0,
    );
  });

  it('a concern that is not valid (no details) is refused before anything is written', async () => {
    const w = await world();
    expect(() => w.seal({})).toThrow();
    expect(w.sealedFiles()).toEqual([]);
  });
});

describe('the intake key must be the school’s', () => {
  for (const [what, change] of [
    [
      'an intake key swapped into the key-slot file (signed by no one)',
      (f: KeySlotFile) => {
        const k = generateIntakeKey();
        return {
          ...f,
          intakeKey: { ...f.intakeKey!, keyId: k.keyId, publicKeyPem: k.publicKeyPem },
        };
      },
    ],
    ['no intake key', (f: KeySlotFile) => ({ ...f, intakeKey: undefined })],
    ['no school key', (f: KeySlotFile) => ({ ...f, schoolKey: undefined })],
    [
      'a school key the staff member’s slot does not trust',
      (f: KeySlotFile) => ({
        ...f,
        schoolKey: { ...f.schoolKey!, fingerprint: 'b'.repeat(64) },
      }),
    ],
  ] as const) {
    it(`attack: ${what} → refused with a plain message, nothing saved`, async () => {
      const w = await world();
      expect(() => w.seal(concernBody(), w.staff, change(w.file) as KeySlotFile)).toThrow(
        'CaseSeal cannot seal your concern on this computer: its safeguarding team key could not be checked. Nothing was saved. Tell the DSL in person now, and ask them to sign in to CaseSeal.',
      );
      expect(w.sealedFiles()).toEqual([]);
    });
  }

  it('attack: a staff session that trusts no school key cannot seal', async () => {
    const w = await world();
    expect(() => w.seal(concernBody(), { ...w.staff, trustedSchool: null } as Session)).toThrow(
      /could not be checked/,
    );
  });

  it('the intake key statement binds the vault, the key and the time', () => {
    const school = generateKeyPairSync('ed25519');
    const k = generateIntakeKey();
    const claim = {
      vaultId: 'v-1',
      keyId: k.keyId,
      publicKeyPem: k.publicKeyPem,
      createdAt: NOW.toISOString(),
    };
    const signature = signIntakeKey(school.privateKey, claim);
    const schoolPem = pub(school.privateKey);
    expect(intakeKeyIsGenuine(schoolPem, { ...claim, signature })).toBe(true);
    expect(intakeKeyIsGenuine(schoolPem, { ...claim, vaultId: 'v-2', signature })).toBe(false);
    expect(intakeKeyIsGenuine(schoolPem, { ...claim, createdAt: 'later', signature })).toBe(false);
    expect(intakeKeyIsGenuine(schoolPem, { ...claim, keyId: 'c'.repeat(64), signature })).toBe(
      false,
    );
    expect(intakeKeyIsGenuine(schoolPem, { ...claim, publicKeyPem: 'junk', signature })).toBe(
      false,
    );
    const other = generateIntakeKey();
    expect(
      intakeKeyIsGenuine(schoolPem, {
        ...claim,
        publicKeyPem: other.publicKeyPem,
        keyId: other.keyId,
        signature,
      }),
    ).toBe(false);
    expect(intakeKeyIdOf(k.publicKeyPem)).toBe(k.keyId);
    const back = intakePrivateFromDer(intakePrivateToDer(k.privateKey));
    expect(pub(back)).toBe(k.publicKeyPem);
  });
});

describe('sealed files attacked in the intake folder', () => {
  it('attack: the same file imported twice (a copy put back after import) makes one record; the copy is removed', async () => {
    const w = await world();
    w.seal();
    const [f] = w.sealedFiles();
    const text = f!.text;
    await w.importAll();
    writeFileSync(f!.path, text);
    const before = await w.count('SELECT count(*) AS n FROM records');
    expect(await w.importAll()).toEqual({ imported: 0, alreadyImported: 1, refused: [] });
    expect(await w.count('SELECT count(*) AS n FROM records')).toBe(before);
    expect(existsSync(f!.path)).toBe(false);
  });

  it('attack: a file sealed for another school’s vault is refused and left in place', async () => {
    const w = await world();
    w.seal();
    const r = await w.importAll(w.book, '00000000-0000-4000-8000-000000000000');
    expect(r.refused).toEqual([
      { file: w.sealedFiles()[0]!.name, reason: 'sealed for another school’s vault' },
    ]);
    expect(r.imported).toBe(0);
    expect(w.sealedFiles()).toHaveLength(1);
    expect(await w.count("SELECT count(*) AS n FROM audit WHERE action = 'concern-refused'")).toBe(
      1,
    );
  });

  it('attack: a file that is not a sealed concern is refused and left in place', async () => {
    const w = await world();
    mkdirSync(w.intakeDir, { recursive: true });
    const name = sealedFileName('11111111-1111-4111-8111-111111111111');
    writeFileSync(join(w.intakeDir, name), '{"hello":1}');
    expect((await w.importAll()).refused).toEqual([
      { file: name, reason: 'not a sealed concern file of a version this CaseSeal reads' },
    ]);
  });

  for (const [what, change] of [
    [
      'its ciphertext altered',
      (f: SealedFile) => {
        const b = Buffer.from(f.ciphertext, 'base64');
        b[3] = b[3]! ^ 1;
        return { ...f, ciphertext: b.toString('base64') };
      },
    ],
    [
      'its authentication tag altered',
      (f: SealedFile) => {
        const b = Buffer.from(f.tag, 'base64');
        b[0] = b[0]! ^ 1;
        return { ...f, tag: b.toString('base64') };
      },
    ],
    [
      'its salt changed',
      (f: SealedFile) => ({ ...f, salt: Buffer.alloc(32, 7).toString('base64') }),
    ],
    ['its iv changed', (f: SealedFile) => ({ ...f, iv: Buffer.alloc(12, 7).toString('base64') })],
    [
      're-addressed to another intake key id',
      (f: SealedFile) => ({ ...f, recipient: 'd'.repeat(64) }),
    ],
    [
      'its ephemeral key replaced',
      (f: SealedFile) => ({
        ...f,
        ephemeralPublicKey: generateKeyPairSync('x25519')
          .publicKey.export({ type: 'spki', format: 'der' })
          .toString('base64'),
      }),
    ],
  ] as const) {
    it(`attack: a sealed file with ${what} is refused and left in place`, async () => {
      const w = await world();
      w.seal();
      w.rewrite(change);
      const r = await w.importAll();
      expect(r.refused).toEqual([{ file: w.sealedFiles()[0]!.name, reason: REFUSED }]);
      expect(w.steps).toEqual([]);
    });
  }

  it('attack: a sealed file renamed to another id (header re-labelled) does not open', async () => {
    const w = await world();
    w.seal();
    const [f] = w.sealedFiles();
    const sealed = JSON.parse(f!.text) as SealedFile;
    const other = '22222222-2222-4222-8222-222222222222';
    writeFileSync(
      join(w.intakeDir, sealedFileName(other)),
      JSON.stringify({ ...sealed, id: other }),
    );
    removeSealedFile(w.intakeDir, f!.path);
    expect((await w.importAll()).refused).toEqual([
      { file: sealedFileName(other), reason: REFUSED },
    ]);
  });

  it('attack: a statement re-sealed under another file id (cut and pasted between files) is refused', async () => {
    const w = await world();
    const signed = signStatement(
      statementOf(w, { id: '33333333-3333-4333-8333-333333333333' }),
      w.staffKey,
    );
    const sealed = sealStatement(
      signed,
      { ...w.file.intakeKey!, vaultId: w.file.vaultId },
      '44444444-4444-4444-8444-444444444444',
    );
    writeSealedFile(w.intakeDir, sealed);
    expect((await w.importAll()).refused).toEqual([
      { file: sealedFileName(sealed.id), reason: REFUSED },
    ]);
  });

  it('attack: a statement naming another vault, sealed into a file for this vault, is refused', async () => {
    const w = await world();
    const id = '55555555-5555-4555-8555-555555555555';
    const signed = signStatement(
      statementOf(w, { id, vaultId: '66666666-6666-4666-8666-666666666666' }),
      w.staffKey,
    );
    writeSealedFile(
      w.intakeDir,
      sealStatement(signed, { ...w.file.intakeKey!, vaultId: w.file.vaultId }, id),
    );
    expect((await w.importAll()).refused[0]?.reason).toBe(REFUSED);
  });

  it('attack: an insider seals a concern in a staff member’s name with a key the school never certified → refused', async () => {
    const w = await world();
    const forger = generateKeyPairSync('ed25519');
    const id = '77777777-7777-4777-8777-777777777777';
    const st = statementOf(w, { id });
    const forged = { ...st, signer: { ...st.signer, keyId: keyIdOf(pub(forger.privateKey)) } };
    writeSealedFile(
      w.intakeDir,
      sealStatement(
        signStatement(forged, forger.privateKey),
        { ...w.file.intakeKey!, vaultId: w.file.vaultId },
        id,
      ),
    );
    const r = await w.importAll();
    expect(r.refused).toHaveLength(1);
    expect(r.refused[0]!.reason).toMatch(/^its signature /);
    expect(w.steps.map((s) => s[0])).toEqual(['opened']);
  });

  it('attack: a staff member seals a concern naming the senior leader as author, signed with their own certified key → refused', async () => {
    const w = await world();
    const id = '88888888-8888-4888-8888-888888888888';
    const st = statementOf(w, { id });
    const framed = {
      ...st,
      signer: {
        ...st.signer,
        accountId: w.ids.slt,
        name: 'Barnaby Headworth',
        role: 'slt' as const,
      },
    };
    writeSealedFile(
      w.intakeDir,
      sealStatement(
        signStatement(framed, w.staffKey),
        { ...w.file.intakeKey!, vaultId: w.file.vaultId },
        id,
      ),
    );
    expect((await w.importAll()).refused[0]?.reason).toMatch(/^its signature /);
  });

  it('attack: a statement whose text was changed after signing (hash and signature kept) is refused', async () => {
    const w = await world();
    const id = '99999999-9999-4999-8999-999999999999';
    const st = statementOf(w, { id });
    const signed = signStatement(st, w.staffKey);
    const altered = {
      ...signed,
      statement: canonicalJson({ ...st, body: { ...st.body, details: 'Changed later.' } }),
    };
    writeSealedFile(
      w.intakeDir,
      sealStatement(altered, { ...w.file.intakeKey!, vaultId: w.file.vaultId }, id),
    );
    const r = await w.importAll();
    expect(r).toEqual({
      imported: 0,
      alreadyImported: 0,
      refused: [{ file: sealedFileName(id), reason: 'its signature does not match its text' }],
    });
  });

  it('without trusted certificates nothing is imported: the reason is given and the file stays', async () => {
    const w = await world();
    w.seal();
    const r = await w.importAll(null);
    expect(r.refused).toEqual([
      { file: w.sealedFiles()[0]!.name, reason: 'its signature no certificates could be trusted' },
    ]);
  });

  it('attack: a signed statement whose body is not a concern is refused', async () => {
    const w = await world();
    const id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    const signed = signStatement(
      { ...statementOf(w, { id }), body: { nonsense: true } },
      w.staffKey,
    );
    writeSealedFile(
      w.intakeDir,
      sealStatement(signed, { ...w.file.intakeKey!, vaultId: w.file.vaultId }, id),
    );
    expect((await w.importAll()).refused[0]?.reason).toBe(
      'its contents are not a concern this CaseSeal accepts',
    );
  });
});

describe('the sealed-file format', () => {
  it('a statement opens only with the intake key it was sealed to; its signature checks against the signer’s key only', () => {
    const k = generateIntakeKey();
    const other = generateIntakeKey();
    const signer = generateKeyPairSync('ed25519');
    const st: ConcernStatement = {
      type: 'caseseal-concern-statement',
      v: 1,
      id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      vaultId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
      sealedAt: NOW.toISOString(),
      signer: {
        accountId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
        name: 'S',
        role: 'staff',
        keyId: 'e'.repeat(64),
      },
      body: { a: 1 },
    };
    const signed = signStatement(st, signer.privateKey);
    const sealed = sealStatement(signed, {
      keyId: k.keyId,
      publicKeyPem: k.publicKeyPem,
      vaultId: st.vaultId,
    });
    expect(sealed).toMatchObject({
      format: 'caseseal-sealed-concern',
      version: 1,
      vaultId: st.vaultId,
      recipient: k.keyId,
    });
    expect(openSealedFile(sealed, k.privateKey)).toEqual(signed);
    expect(openSealedFile(sealed, other.privateKey)).toBeNull();
    expect(openSealedFile({ ...sealed, vaultId: 'x' }, k.privateKey)).toBeNull();
    expect(openSealedFile({ ...sealed, ephemeralPublicKey: 'AAAA' }, k.privateKey)).toBeNull();
    expect(statementSignatureValid(signed, pub(signer.privateKey))).toBe(true);
    expect(statementSignatureValid(signed, pub(generateKeyPairSync('ed25519').privateKey))).toBe(
      false,
    );
    expect(
      statementSignatureValid({ ...signed, hash: 'f'.repeat(64) }, pub(signer.privateKey)),
    ).toBe(false);
    expect(parseStatement(signed.statement)).toEqual(st);
    expect(parseStatement(JSON.stringify(st, null, 1))).toBeNull();
    expect(parseStatement('{')).toBeNull();
    expect(parseStatement(JSON.stringify({ ...st, type: 'x' }))).toBeNull();
    expect(receiptReference('abcdef01-2345-4678-9abc-def012345678')).toBe('SC-ABCD-EF01');
  });

  it('only complete sealed files are listed: temp files of an interrupted write are ignored', async () => {
    const w = await world();
    w.seal();
    writeFileSync(join(w.intakeDir, '.partial.tmp'), '{');
    writeFileSync(join(w.intakeDir, 'notes.txt'), 'x');
    expect(w.sealedFiles().map((f) => f.name)).toEqual(
      readdirSync(w.intakeDir).filter((n) => n.endsWith('.sealed.json')),
    );
    expect(w.sealedFiles()).toHaveLength(1);
    expect(listSealedFiles(join(w.intakeDir, 'missing'))).toEqual([]);
    const [f] = w.sealedFiles();
    removeSealedFile(w.intakeDir, f!.path);
    removeSealedFile(w.intakeDir, f!.path); // already gone: not an error
    expect(w.sealedFiles()).toEqual([]);
    expect(readFileSync(join(w.intakeDir, 'notes.txt'), 'utf8')).toBe('x');
  });
});

describe('details staff and the DSL rely on', () => {
  it('the intake folder is made private to the computer account (0700), even several folders deep', async () => {
    const w = await world();
    const deep = join(w.dir, 'a', 'b', 'intake');
    sealConcern({ session: w.staff, file: w.file, intakeDir: deep, now: () => NOW }, concernBody());
    expect(statSync(deep).mode & 0o777).toBe(0o700);
    expect(listSealedFiles(deep)).toHaveLength(1);
  });

  it('sealed files are imported in a stable order (by name), whatever order they were written in', async () => {
    const w = await world();
    const ids = [
      'c1c1c1c1-c1c1-4c1c-8c1c-c1c1c1c1c1c1',
      'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a1',
      'b1b1b1b1-b1b1-4b1b-8b1b-b1b1b1b1b1b1',
    ];
    for (const id of ids) {
      const signed = signStatement(statementOf(w, { id }), w.staffKey);
      writeSealedFile(
        w.intakeDir,
        sealStatement(signed, { ...w.file.intakeKey!, vaultId: w.file.vaultId }, id),
      );
    }
    expect(w.sealedFiles().map((f) => f.name)).toEqual([...ids].sort().map(sealedFileName));
  });

  it('a sealed file is written in two steps (temp file, then rename), each announced to the crash test', async () => {
    const w = await world();
    const steps: string[] = [];
    const id = 'a2a2a2a2-a2a2-4a2a-8a2a-a2a2a2a2a2a2';
    const signed = signStatement(statementOf(w, { id }), w.staffKey);
    const path = writeSealedFile(
      w.intakeDir,
      sealStatement(signed, { ...w.file.intakeKey!, vaultId: w.file.vaultId }, id),
      (step) => {
        steps.push(step);
        if (step === 'tmp-written') expect(w.sealedFiles()).toEqual([]);
      },
    );
    expect(steps).toEqual(['tmp-written', 'renamed']);
    expect(path).toBe(join(w.intakeDir, sealedFileName(id)));
  });

  it('attack: a folder flooded with junk files: the refusal recorded names the first 50, all are left in place', async () => {
    const w = await world();
    mkdirSync(w.intakeDir, { recursive: true });
    for (let i = 0; i < 51; i++)
      writeFileSync(
        join(w.intakeDir, sealedFileName(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)),
        'junk',
      );
    const r = await w.importAll();
    expect(r.refused).toHaveLength(51);
    const row = (await w.db.get<{ detail: string }>(
      "SELECT detail FROM audit WHERE action = 'concern-refused' ORDER BY seq DESC LIMIT 1",
    ))!;
    expect((JSON.parse(row.detail) as { files: unknown[] }).files).toHaveLength(50);
    expect(w.sealedFiles()).toHaveLength(51);
  });

  it('removing a file fails loudly for anything but "already gone"', async () => {
    const w = await world();
    mkdirSync(join(w.intakeDir, 'a-folder'), { recursive: true });
    expect(() => removeSealedFile(w.intakeDir, join(w.intakeDir, 'a-folder'))).toThrow();
  });

  it('a refusal is recorded in the audit trail with the file and the reason', async () => {
    const w = await world();
    w.seal();
    const name = w.sealedFiles()[0]!.name;
    await w.importAll(w.book, '00000000-0000-4000-8000-000000000000');
    const row = (await w.db.get<{ detail: string }>(
      "SELECT detail FROM audit WHERE action = 'concern-refused' ORDER BY seq DESC LIMIT 1",
    ))!;
    expect(JSON.parse(row.detail)).toEqual({
      files: [{ file: name, reason: 'sealed for another school’s vault' }],
    });
  });

  it('the import works without a step listener (the sign-in passes none)', async () => {
    const w = await world();
    w.seal();
    const r = await importSealedConcerns(
      { session: w.dsl, db: w.db, now: () => NOW },
      { intakeDir: w.intakeDir, vaultId: w.file.vaultId, book: w.book },
    );
    expect(r.imported).toBe(1);
    expect(w.sealedFiles()).toEqual([]);
  });

  it('attack: another window imports the same file while this import is between opening and committing → one record only', async () => {
    const w = await world();
    w.seal();
    const before = await w.count("SELECT count(*) AS n FROM records WHERE kind = 'sealed-concern'");
    const r = await importSealedConcerns(
      { session: w.dsl, db: w.db, now: () => NOW },
      {
        intakeDir: w.intakeDir,
        vaultId: w.file.vaultId,
        book: w.book,
        onStep: (step, name) => {
          if (step === 'opened')
            w.db.raw
              .prepare(
                'INSERT INTO intake_imports (intake_id, file_hash, record_id, imported_at) VALUES (?,?,?,?)',
              )
              .run(name.slice(0, 36), 'x', 'elsewhere', NOW.toISOString());
        },
      },
    );
    expect(r.refused).toEqual([]);
    expect(await w.count("SELECT count(*) AS n FROM records WHERE kind = 'sealed-concern'")).toBe(
      before,
    );
  });

  it('attack: a sealed file whose inner text is not a canonical statement is refused (not a crash)', async () => {
    const w = await world();
    const id = 'abababab-abab-4bab-8bab-abababababab';
    const signed = signStatement(statementOf(w, { id }), w.staffKey);
    const respaced = {
      ...signed,
      statement: JSON.stringify(JSON.parse(signed.statement), null, 1),
    };
    writeSealedFile(
      w.intakeDir,
      sealStatement(respaced, { ...w.file.intakeKey!, vaultId: w.file.vaultId }, id),
    );
    expect((await w.importAll()).refused).toEqual([{ file: sealedFileName(id), reason: REFUSED }]);
  });

  it('attack: a staff member back-dates a concern to before their key was certified → refused with why', async () => {
    const w = await world();
    const id = 'acacacac-acac-4cac-8cac-acacacacacac';
    const signed = signStatement(
      statementOf(w, { id, sealedAt: '2020-01-01T00:00:00.000Z' }),
      w.staffKey,
    );
    writeSealedFile(
      w.intakeDir,
      sealStatement(signed, { ...w.file.intakeKey!, vaultId: w.file.vaultId }, id),
    );
    expect((await w.importAll()).refused).toEqual([
      {
        file: sealedFileName(id),
        reason:
          'its signature is dated before its signer’s key was certified by the school key (the computer’s clock may have been wrong, or the record was back-dated)',
      },
    ]);
  });

  it('attack: a staff member signs a concern with their own key but claims to be the DSL → refused', async () => {
    const w = await world();
    const id = 'adadadad-adad-4dad-8dad-adadadadadad';
    const st = statementOf(w, { id });
    const claimed = { ...st, signer: { ...st.signer, role: 'dsl' as const } };
    writeSealedFile(
      w.intakeDir,
      sealStatement(
        signStatement(claimed, w.staffKey),
        { ...w.file.intakeKey!, vaultId: w.file.vaultId },
        id,
      ),
    );
    expect((await w.importAll()).refused).toEqual([
      {
        file: sealedFileName(id),
        reason: 'its signature names its signer as dsl but the certificate at that time says staff',
      },
    ]);
  });

  it('the refusal to seal carries the code the screen uses', async () => {
    const w = await world();
    try {
      w.seal(concernBody(), w.staff, { ...w.file, intakeKey: undefined } as KeySlotFile);
      expect.unreachable();
    } catch (e) {
      expect((e as { code?: string }).code).toBe('INTAKE_UNAVAILABLE');
    }
  });

  it('a sealed file opens with the key derivation and header the format documents (X25519, HKDF-SHA256, AES-256-GCM)', () => {
    const k = generateIntakeKey();
    const signer = generateKeyPairSync('ed25519');
    const st: ConcernStatement = {
      type: 'caseseal-concern-statement',
      v: 1,
      id: 'aeaeaeae-aeae-4eae-8eae-aeaeaeaeaeae',
      vaultId: 'afafafaf-afaf-4faf-8faf-afafafafafaf',
      sealedAt: NOW.toISOString(),
      signer: {
        accountId: 'b0b0b0b0-b0b0-4b0b-8b0b-b0b0b0b0b0b0',
        name: 'S',
        role: 'staff',
        keyId: 'e'.repeat(64),
      },
      body: { a: 'é' },
    };
    const signed = signStatement(st, signer.privateKey);
    // the statement signature is over the documented, domain-separated message
    expect(
      edVerify(
        null,
        Buffer.from(`caseseal-concern-statement-v1:${signed.hash}`),
        createPublicKey(signer.privateKey),
        Buffer.from(signed.signature, 'base64'),
      ),
    ).toBe(true);
    const f = sealStatement(
      signed,
      { keyId: k.keyId, publicKeyPem: k.publicKeyPem, vaultId: st.vaultId },
      st.id,
    );
    const shared = diffieHellman({
      privateKey: k.privateKey,
      publicKey: createPublicKey({
        key: Buffer.from(f.ephemeralPublicKey, 'base64'),
        format: 'der',
        type: 'spki',
      }),
    });
    const key = Buffer.from(
      hkdfSync(
        'sha256',
        shared,
        Buffer.from(f.salt, 'base64'),
        `caseseal sealed concern v1|${f.ephemeralPublicKey}|${f.recipient}`,
        32,
      ),
    );
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(f.iv, 'base64'));
    d.setAAD(
      Buffer.from(
        canonicalJson({
          format: f.format,
          version: f.version,
          id: f.id,
          vaultId: f.vaultId,
          recipient: f.recipient,
          ephemeralPublicKey: f.ephemeralPublicKey,
          salt: f.salt,
        }),
        'utf8',
      ),
    );
    d.setAuthTag(Buffer.from(f.tag, 'base64'));
    const plain = Buffer.concat([
      d.update(Buffer.from(f.ciphertext, 'base64')),
      d.final(),
    ]).toString('utf8');
    expect(JSON.parse(plain)).toEqual(signed);
  });

  it('attack: an intake key statement the school signed for a key id that is not the key’s own is refused; so is one for a key that is not a key', () => {
    const school = generateKeyPairSync('ed25519');
    const schoolPem = pub(school.privateKey);
    const k = generateIntakeKey();
    const mismatched = {
      vaultId: 'v',
      keyId: 'a'.repeat(64),
      publicKeyPem: k.publicKeyPem,
      createdAt: NOW.toISOString(),
    };
    expect(
      intakeKeyIsGenuine(schoolPem, {
        ...mismatched,
        signature: signIntakeKey(school.privateKey, mismatched),
      }),
    ).toBe(false);
    const junk = {
      vaultId: 'v',
      keyId: 'a'.repeat(64),
      publicKeyPem: 'not a key',
      createdAt: NOW.toISOString(),
    };
    expect(
      intakeKeyIsGenuine(schoolPem, { ...junk, signature: signIntakeKey(school.privateKey, junk) }),
    ).toBe(false);
  });
});

function statementOf(
  w: { ids: GoldenBundle['ids']; file: KeySlotFile; staff: Session },
  over: Partial<ConcernStatement>,
): ConcernStatement {
  return {
    type: 'caseseal-concern-statement',
    v: 1,
    id: over.id ?? 'ffffffff-ffff-4fff-8fff-ffffffffffff',
    vaultId: w.file.vaultId,
    sealedAt: NOW.toISOString(),
    signer: {
      accountId: w.ids.staff,
      name: 'Imogen Staffwell',
      role: 'staff',
      keyId: w.staff.keyId,
    },
    body: concernBody() as Record<string, unknown>,
    ...over,
  };
}
