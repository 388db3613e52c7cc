// The zip layer of the export verifier, attacked on the golden bundle (built once): what an officer
// is told for a file that is not an export, a wrong or oddly typed passphrase, a folder or a second
// file of the same name slipped into the zip, a file added unencrypted to an encrypted bundle, and
// an entry whose bytes were damaged.
import { pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { peekBundle, verifyBundle } from '../../../src/main/core/verify/bundle';
import { BUNDLE_FILES } from '../../../src/main/core/verify/bundleFormat';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import type { VerifyReport } from '../../../src/shared/exportReport';
import { goldenBundle, type GoldenBundle } from '../../helpers/goldenBundle';
import { zipBundle, zipEntryData } from '../../helpers/exportFixture';

const PASS = 'abide-ability-able-abroad-absence-absurd';
let g: GoldenBundle;
let plainZip: Uint8Array;
let encZip: Uint8Array;
let dir: string;

beforeAll(async () => {
  g = await goldenBundle();
  plainZip = await zipBundle(g.files);
  encZip = await zipBundle(g.files, PASS);
  dir = mkdtempSync(join(tmpdir(), 'caseseal-zip-'));
}, 10 * 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function problemsOf(r: VerifyReport) {
  if (r.status !== 'invalid') throw new Error(`expected invalid, got ${r.status}`);
  return r.problems;
}

/** A zip written entry by entry, for layouts the export never makes. */
async function zipOf(
  entries: Array<{ name: string; data?: Buffer; password?: string; folder?: boolean }>,
): Promise<Uint8Array> {
  const w = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const e of entries) {
    if (e.folder) await w.add(e.name, undefined, { directory: true });
    else
      await w.add(e.name, new Uint8ArrayReader(e.data ?? Buffer.alloc(0)), {
        ...(e.password ? { password: e.password, encryptionStrength: 3 as const } : {}),
      });
  }
  return w.close();
}

describe('unusable input names the reason', () => {
  it('a path with no file, and a folder, are named as such', async () => {
    expect(await verifyBundle(join(dir, 'missing.zip'))).toEqual({
      status: 'unusable',
      reason: 'unreadable',
      message: 'The file could not be read. There is no file at that path.',
    });
    expect(await verifyBundle(dir)).toEqual({
      status: 'unusable',
      reason: 'unreadable',
      message: 'The file could not be read. That is a folder, not a file.',
    });
  });

  it('a file that is not a zip, and a zip of other files, are named as not an export', async () => {
    expect(await verifyBundle(Buffer.from('%PDF-1.7 pretending'))).toEqual({
      status: 'unusable',
      reason: 'not-a-zip',
      message: 'This is not a CaseSeal export: it is not a readable zip file.',
    });
    expect(
      await verifyBundle(await zipOf([{ name: 'holiday.txt', data: Buffer.from('x') }])),
    ).toEqual({
      status: 'unusable',
      reason: 'not-a-bundle',
      message:
        'This zip file is not a CaseSeal export: it holds none of the files an export holds.',
    });
  });

  it('an encrypted export with no passphrase, or the wrong one, says so', async () => {
    expect(await verifyBundle(encZip)).toEqual({
      status: 'unusable',
      reason: 'passphrase-needed',
      message:
        'This export is encrypted. Give the one-time passphrase that came with it (--passphrase).',
    });
    expect(await verifyBundle(encZip, { passphrase: '' })).toMatchObject({
      reason: 'passphrase-needed',
    });
    for (const p of ['   ', 'abide-ability-able-abroad-absence-absent', PASS.toUpperCase() + 'x'])
      expect(await verifyBundle(encZip, { passphrase: p }), p).toMatchObject({
        status: 'unusable',
        reason: 'wrong-passphrase',
      });
    expect(await verifyBundle(encZip, { passphrase: 'wrong' })).toEqual({
      status: 'unusable',
      reason: 'wrong-passphrase',
      message: 'The passphrase does not open this export. Check the six words and try again.',
    });
  });
});

describe('the file itself', () => {
  it('the plain golden bundle from bytes and from a path is valid, with the zip’s own SHA-256', async () => {
    const path = join(dir, 'bundle.zip');
    writeFileSync(path, plainZip);
    for (const input of [plainZip, path]) {
      const r = await verifyBundle(input);
      expect(r.status).toBe('valid');
      if (r.status !== 'unusable') expect(r.summary.bundleSha256).toBe(sha256Hex(plainZip));
    }
  });

  it('a passphrase typed with capitals, spaces and stray blanks still opens the export', async () => {
    const r = await verifyBundle(encZip, {
      passphrase: '  Abide ability ABLE-abroad absence  absurd ',
    });
    expect(r.status).toBe('valid');
    if (r.status !== 'unusable') expect(r.summary.encrypted).toBe(true);
    const exact = await verifyBundle(encZip, { passphrase: PASS });
    expect(exact.status).toBe('valid');
  });

  it('peekBundle tells a zip from a non-zip, and an encrypted zip from a plain one', async () => {
    expect(await peekBundle(plainZip)).toEqual({ zip: true, encrypted: false });
    expect(await peekBundle(encZip)).toEqual({ zip: true, encrypted: true });
    expect(await peekBundle(Buffer.from('not a zip'))).toEqual({ zip: false, encrypted: false });
    expect(await peekBundle(join(dir, 'nothing-here.zip'))).toEqual({
      zip: false,
      encrypted: false,
    });
  });
});

describe('zip-level tampering is named', () => {
  it('attack: a folder slipped into the zip is named', async () => {
    const entries = [...g.files].map(([name, data]) => ({ name, data }));
    const r = await verifyBundle(await zipOf([...entries, { name: 'hidden/', folder: true }]));
    expect(problemsOf(r)).toContainEqual({
      code: 'extra-file',
      file: 'hidden/',
      message: 'The bundle holds a folder that is not part of a CaseSeal export: hidden/',
    });
  });

  it('attack: a second records.json appended to the zip is named, and the first one is the one checked', async () => {
    // zip.js refuses two entries of one name: write "records.jsoX" and rename it in the bytes
    const entries = [...g.files].map(([name, data]) => ({ name, data }));
    const zip = Buffer.from(
      await zipOf([...entries, { name: 'records.jsoX', data: Buffer.from('{}') }]),
    );
    for (let at = zip.indexOf('records.jsoX'); at >= 0; at = zip.indexOf('records.jsoX', at))
      zip.write('records.json', at, 'latin1');
    const p = problemsOf(await verifyBundle(zip));
    expect(p).toEqual([
      {
        code: 'duplicate-file',
        file: BUNDLE_FILES.records,
        message: 'The bundle holds two files named records.json: one of them has been added.',
      },
    ]);
  });

  it('attack: a file added unencrypted to an encrypted export is named', async () => {
    const entries = [...g.files].map(([name, data]) => ({ name, data, password: PASS }));
    const r = await verifyBundle(
      await zipOf([...entries, { name: 'readme.txt', data: Buffer.from('unencrypted') }]),
      { passphrase: PASS },
    );
    expect(problemsOf(r)).toContainEqual({
      code: 'unencrypted-file',
      file: 'readme.txt',
      message:
        'readme.txt is not encrypted, unlike the other files: it has been added or replaced.',
    });
  });

  it('attack: an encrypted export whose first entry is damaged still opens, and that entry is named', async () => {
    const zip = Buffer.from(encZip);
    // the AES header (salt and password check) of the first entry: right after its local header
    const first = (await zipEntryData(zip))[0]!;
    const start = first.start;
    for (let i = 0; i < 18; i++) zip[start + i] = zip[start + i]! ^ 0xff;
    const r = await verifyBundle(zip, { passphrase: PASS });
    expect(r.status).toBe('invalid');
    const hit = problemsOf(r).find((p) => p.code === 'zip-entry-damaged');
    expect(hit).toEqual({
      code: 'zip-entry-damaged',
      file: first.filename,
      message: `${first.filename}: its encryption header inside the zip is damaged (the passphrase opens the other files but not this one).`,
    });
  });

  it('a mistyped passphrase that happens to pass one file’s two-byte AES check value (one in 65,536 do) is called wrong, not every file altered', async () => {
    const wrong = 'abide-ability-able-abroad-absence-absent';
    // compressed (as CaseSeal writes it), and stored (where data decrypted with the wrong key is
    // not caught by inflating it, only by the authentication code)
    const stored = new ZipWriter(new Uint8ArrayWriter(), {
      useWebWorkers: false,
      level: 0,
      password: PASS,
      encryptionStrength: 3,
    });
    for (const [name, data] of g.files) await stored.add(name, new Uint8ArrayReader(data));
    for (const original of [encZip, await stored.close()]) {
      const zip = Buffer.from(original);
      // WinZip AES-256: a 16-byte salt, then the check value, the last 2 bytes of
      // PBKDF2-HMAC-SHA1(passphrase, salt, 1000 rounds, 66 bytes). Set to the mistyped passphrase's.
      const first = (await zipEntryData(zip))[0]!;
      const salt = zip.subarray(first.start, first.start + 16);
      pbkdf2Sync(wrong, salt, 1000, 66, 'sha1').copy(zip, first.start + 16, 64, 66);
      expect(await verifyBundle(zip, { passphrase: wrong })).toMatchObject({
        status: 'unusable',
        reason: 'wrong-passphrase',
      });
      // the right passphrase still opens the export; the entry whose check value was changed is named
      const r = await verifyBundle(zip, { passphrase: PASS });
      expect(problemsOf(r).map((p) => [p.code, p.file])).toEqual([
        ['zip-entry-damaged', first.filename],
        ['file-hash-mismatch', first.filename],
      ]);
    }
  });

  it('attack: an encrypted export whose encryption headers are damaged on every file but one still opens with the right passphrase, naming each damaged file', async () => {
    const zip = Buffer.from(encZip);
    const entries = await zipEntryData(zip);
    const [kept, ...damaged] = entries;
    for (const { start } of damaged)
      for (let i = 0; i < 18; i++) zip[start + i] = zip[start + i]! ^ 0xff;
    const r = await verifyBundle(zip, { passphrase: PASS });
    expect(r.status).toBe('invalid');
    const named = problemsOf(r)
      .filter((p) => p.code === 'zip-entry-damaged')
      .map((p) => p.file);
    expect(named.sort()).toEqual(damaged.map((e) => e.filename).sort());
    expect(named).not.toContain(kept!.filename);
  });

  it('an encrypted export whose every file is damaged, opened with the right passphrase, names each file as altered rather than the passphrase as wrong', async () => {
    const zip = Buffer.from(encZip);
    const entries = await zipEntryData(zip);
    for (const { start } of entries) zip[start + 20] = zip[start + 20]! ^ 0x01; // after the AES header
    const r = await verifyBundle(zip, { passphrase: PASS });
    expect(r.status).toBe('invalid');
    const damaged = problemsOf(r).filter((p) => p.code === 'zip-entry-damaged');
    expect(damaged.map((p) => p.file).sort()).toEqual(entries.map((e) => e.filename).sort());
    expect(damaged[0]!.message).toMatch(/has been altered \(the AES authentication code/);
  });

  it('an encrypted zip of two files, or of one, both damaged, opened with the right passphrase, names the damage rather than the passphrase', async () => {
    const named = (name: string) => ({ name, data: g.files.get(name)!, password: PASS });
    for (const names of [[BUNDLE_FILES.verify, BUNDLE_FILES.records], [BUNDLE_FILES.verify]]) {
      const zip = Buffer.from(await zipOf(names.map(named)));
      for (const { start } of await zipEntryData(zip)) zip[start + 20] = zip[start + 20]! ^ 0x01;
      const r = await verifyBundle(zip, { passphrase: PASS });
      expect(r.status, names.join()).toBe('invalid');
      expect(
        problemsOf(r)
          .filter((p) => p.code === 'zip-entry-damaged')
          .map((p) => p.file),
      ).toEqual(names);
      // a wrong passphrase is still called wrong
      expect(
        await verifyBundle(zip, { passphrase: 'abide-ability-able-abroad-absence-absent' }),
      ).toMatchObject({ status: 'unusable', reason: 'wrong-passphrase' });
    }
  });

  it('attack: a byte of an encrypted entry’s data changed is named as altered (its AES authentication code)', async () => {
    const zip = Buffer.from(encZip);
    const { start } = (await zipEntryData(zip)).find((x) => x.filename === BUNDLE_FILES.verify)!;
    zip[start + 20] = zip[start + 20]! ^ 0x01; // after the 18-byte AES header: the encrypted data
    expect(problemsOf(await verifyBundle(zip, { passphrase: PASS }))).toContainEqual({
      code: 'zip-entry-damaged',
      file: BUNDLE_FILES.verify,
      message:
        'VERIFY.txt: its encrypted data inside the zip has been altered (the AES authentication code does not match).',
    });
  });

  it('attack: an unencrypted file put FIRST in an encrypted export does not let a wrong passphrase through', async () => {
    const entries = [...g.files].map(([name, data]) => ({ name, data, password: PASS }));
    const zip = await zipOf([
      { name: 'readme.txt', data: Buffer.from('first, unencrypted') },
      ...entries,
    ]);
    expect(
      await verifyBundle(zip, { passphrase: 'abide-ability-able-abroad-absence-absent' }),
    ).toMatchObject({
      status: 'unusable',
      reason: 'wrong-passphrase',
    });
    const ok = await verifyBundle(zip, { passphrase: PASS });
    expect(problemsOf(ok).map((p) => [p.code, p.file])).toEqual([
      ['unencrypted-file', 'readme.txt'],
      ['extra-file', 'readme.txt'],
    ]);
  });

  it('attack: a byte of a stored entry changed inside the zip is named by its CRC-32', async () => {
    const w = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, level: 0 });
    for (const [name, data] of g.files) await w.add(name, new Uint8ArrayReader(data));
    const zip = Buffer.from(await w.close());
    const { start } = (await zipEntryData(zip)).find((x) => x.filename === BUNDLE_FILES.verify)!;
    zip[start + 5] = zip[start + 5]! ^ 0x01;
    const p = problemsOf(await verifyBundle(zip));
    expect(p).toContainEqual({
      code: 'zip-entry-damaged',
      file: BUNDLE_FILES.verify,
      message:
        'VERIFY.txt: its data inside the zip does not match its CRC-32 checksum — the zip has been altered or damaged.',
    });
    // kept as an empty marker: not also called missing
    expect(p.map((x) => x.code)).not.toContain('missing-file');
  });
});
