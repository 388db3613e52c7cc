// The backup file format, version 1 (docs/design.md, "Backups"): one file holding the SQLCipher
// snapshot (already encrypted page by page), the key-slot file (already wrapped per person) and every
// other file of the vault folder, AES-256-GCM encrypted. A plain header says only what the file name
// says (school, time, log position) and is authenticated with a key derived from the vault key; a
// SHA-256 of every byte closes the file, so truncation or a flipped byte is found before any key.
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync, mkdirSync } from 'node:fs';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { dirname, join, normalize, isAbsolute, sep } from 'node:path';
import { z } from 'zod';
import { CaseSealError } from '../../../shared/errors';

export const MAGIC = Buffer.from('CASESEAL-BACKUP\n', 'latin1');
export const CONTAINER_VERSION = 1;
const PREFIX = MAGIC.length + 4;
/** Tail: header length (4), header MAC (32), SHA-256 of everything before it (32). */
const TAIL = 4 + 32 + 32;
const CHUNK = 4 * 1024 * 1024;
const MAX_HEADER = 64 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const section = z
  .object({
    name: z.enum(['vault', 'keyslots', 'files']),
    offset: z.number().int().min(0),
    bytes: z.number().int().min(0),
    sha256: hex64,
    iv: b64.optional(),
    tag: b64.optional(),
  })
  .strict();

export const headerSchema = z
  .object({
    format: z.literal('caseseal-backup'),
    version: z.literal(CONTAINER_VERSION),
    createdAt: z.string().datetime(),
    school: z.object({ name: z.string().max(200), urn: z.string().max(20) }).strict(),
    vaultId: z.string().max(100).nullable(),
    seq: z.number().int().min(0),
    headHash: hex64.nullable(),
    salt: b64,
    sections: z.array(section).length(3),
  })
  .strict();
export type BackupHeader = z.infer<typeof headerSchema>;

export interface VaultFile {
  /** Path inside the vault folder, '/'-separated. */
  path: string;
  data: Buffer;
}

export interface ContainerInput {
  createdAt: Date;
  school: { name: string; urn: string };
  vaultId: string | null;
  seq: number;
  headHash: string | null;
  /** The SQLCipher snapshot file (written by VACUUM INTO). */
  snapshotPath: string;
  keySlots: Buffer;
  files: VaultFile[];
}

function containerKeys(vaultKey: Buffer, salt: Buffer): { enc: Buffer; mac: Buffer } {
  const okm = Buffer.from(hkdfSync('sha256', vaultKey, salt, 'caseseal/backup/v1', 64));
  return { enc: okm.subarray(0, 32), mac: okm.subarray(32) };
}

function headerMac(macKey: Buffer, headerJson: Buffer): Buffer {
  return createHmac('sha256', macKey)
    .update('caseseal/backup/v1/header\0')
    .update(headerJson)
    .digest();
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** The other files as one plaintext: a JSON list of paths and sizes, then the bytes in order. */
function packFiles(files: VaultFile[]): Buffer {
  const list = Buffer.from(
    JSON.stringify(files.map((f) => ({ path: f.path, bytes: f.data.length }))),
  );
  return Buffer.concat([u32(list.length), list, ...files.map((f) => f.data)]);
}

function unpackFiles(plain: Buffer): VaultFile[] {
  const n = plain.readUInt32BE(0);
  const list = z
    .array(z.object({ path: z.string().min(1).max(1000), bytes: z.number().int().min(0) }).strict())
    .parse(JSON.parse(plain.subarray(4, 4 + n).toString('utf8')));
  let at = 4 + n;
  return list.map((f) => {
    const data = plain.subarray(at, at + f.bytes);
    at += f.bytes;
    if (data.length !== f.bytes) throw new Error('short');
    return { path: f.path, data };
  });
}

class Writer {
  private readonly hash = createHash('sha256');
  offset = 0;
  constructor(private readonly fd: number) {}
  write(buf: Buffer): void {
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
    this.hash.update(buf);
    this.offset += buf.length;
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

/**
 * Writes the container to `outPath` (created new: 'wx', mode 0600) and fsyncs it. The caller
 * renames it into place only after it has been checked (the rename is the commit).
 */
export function writeContainer(
  outPath: string,
  input: ContainerInput,
  vaultKey: Buffer,
  onBytes?: (done: number, total: number) => void,
): { sha256: string; bytes: number } {
  const salt = randomBytes(16);
  const keys = containerKeys(vaultKey, salt);
  const fd = openSync(outPath, 'wx', 0o600);
  try {
    const w = new Writer(fd);
    w.write(MAGIC);
    w.write(u32(CONTAINER_VERSION));
    // 1. The SQLCipher snapshot, copied as is: it is already encrypted.
    const src = openSync(input.snapshotPath, 'r');
    const vaultSha = createHash('sha256');
    const vaultStart = w.offset;
    try {
      const total = fstatSync(src).size;
      const buf = Buffer.allocUnsafe(CHUNK);
      let pos = 0;
      for (;;) {
        const n = readSync(src, buf, 0, CHUNK, pos);
        if (n === 0) break;
        const chunk = buf.subarray(0, n);
        vaultSha.update(chunk);
        w.write(chunk);
        pos += n;
        onBytes?.(pos, total);
      }
    } finally {
      closeSync(src);
    }
    const vaultBytes = w.offset - vaultStart;
    // 2. The key-slot file: needed to turn a passphrase into the vault key; its keys are wrapped.
    const slotsStart = w.offset;
    w.write(input.keySlots);
    // 3. Everything else in the vault folder, encrypted under a key derived from the vault key.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
    cipher.setAAD(Buffer.from('caseseal/backup/v1/files'));
    const sealed = Buffer.concat([cipher.update(packFiles(input.files)), cipher.final()]);
    const filesStart = w.offset;
    w.write(sealed);
    const header: BackupHeader = {
      format: 'caseseal-backup',
      version: CONTAINER_VERSION,
      createdAt: input.createdAt.toISOString(),
      school: input.school,
      vaultId: input.vaultId,
      seq: input.seq,
      headHash: input.headHash,
      salt: salt.toString('base64'),
      sections: [
        {
          name: 'vault',
          offset: vaultStart,
          bytes: vaultBytes,
          sha256: vaultSha.digest('hex'),
        },
        {
          name: 'keyslots',
          offset: slotsStart,
          bytes: input.keySlots.length,
          sha256: createHash('sha256').update(input.keySlots).digest('hex'),
        },
        {
          name: 'files',
          offset: filesStart,
          bytes: sealed.length,
          sha256: createHash('sha256').update(sealed).digest('hex'),
          iv: iv.toString('base64'),
          tag: cipher.getAuthTag().toString('base64'),
        },
      ],
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    w.write(json);
    w.write(u32(json.length));
    w.write(headerMac(keys.mac, json));
    const sha = w.digest();
    let done = 0;
    while (done < 32) done += writeSync(fd, sha, done, 32 - done);
    fsyncSync(fd);
    return { sha256: sha.toString('hex'), bytes: w.offset + 32 };
  } finally {
    closeSync(fd);
  }
}

export interface Inspection {
  header: BackupHeader;
  sha256: string;
  bytes: number;
  headerJson: Buffer;
  mac: Buffer;
}

const damaged = (why: string) =>
  new CaseSealError(
    'BACKUP_DAMAGED',
    `This backup file is damaged (${why}). It cannot be restored. Nothing has been changed. Choose another backup.`,
  );

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, got, len - got, pos + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/**
 * Reads the header and checks the whole file's SHA-256. Needs no key: a truncated, damaged or
 * foreign file is refused here, before anything is decrypted or changed.
 */
export function inspectContainer(path: string): Inspection {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new CaseSealError(
      'BACKUP_UNREADABLE',
      'That file could not be read. Nothing has been changed.',
    );
  }
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, PREFIX);
    if (head.length < PREFIX || !head.subarray(0, MAGIC.length).equals(MAGIC))
      throw new CaseSealError(
        'NOT_A_BACKUP',
        'That file is not a CaseSeal backup. Nothing has been changed. Choose a file whose name ends in .csbackup.',
      );
    const version = head.readUInt32BE(MAGIC.length);
    if (version > CONTAINER_VERSION)
      throw new CaseSealError(
        'VAULT_TOO_NEW',
        'This backup was made by a newer version of CaseSeal. Update CaseSeal, then restore it.',
      );
    if (version !== CONTAINER_VERSION || size < PREFIX + TAIL) throw damaged('it is incomplete');
    const tail = readAt(fd, size - TAIL, TAIL);
    const headerLen = tail.readUInt32BE(0);
    if (headerLen === 0 || headerLen > MAX_HEADER || headerLen > size - PREFIX - TAIL)
      throw damaged('it is incomplete');
    // The whole-file hash first: nothing inside is trusted before it matches.
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    const end = size - 32;
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, end - pos), pos);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      pos += n;
    }
    const sha = hash.digest();
    if (!timingSafeEqual(sha, tail.subarray(36, 68))) throw damaged('its checksum does not match');
    const headerJson = readAt(fd, size - TAIL - headerLen, headerLen);
    let header: BackupHeader;
    try {
      header = headerSchema.parse(JSON.parse(headerJson.toString('utf8')));
    } catch {
      throw damaged('its description is not valid');
    }
    // The sections must tile the file exactly between the prefix and the header.
    let expect = PREFIX;
    for (const s of header.sections) {
      if (s.offset !== expect) throw damaged('its parts do not fit together');
      expect += s.bytes;
    }
    if (expect !== size - TAIL - headerLen) throw damaged('its parts do not fit together');
    return {
      header,
      sha256: sha.toString('hex'),
      bytes: size,
      headerJson,
      mac: tail.subarray(4, 36),
    };
  } finally {
    closeSync(fd);
  }
}

/** The key-slot file inside the backup (not encrypted: its keys are wrapped per person). */
export function readKeySlotsSection(path: string, ins: Inspection): Buffer {
  const s = ins.header.sections[1]!;
  const fd = openSync(path, 'r');
  try {
    const data = readAt(fd, s.offset, s.bytes);
    if (createHash('sha256').update(data).digest('hex') !== s.sha256)
      throw damaged('its key-slot part');
    return data;
  } finally {
    closeSync(fd);
  }
}

/** True when `vaultKey` is the key this backup was made with (the header's MAC verifies). */
export function keyOpensContainer(ins: Inspection, vaultKey: Buffer): boolean {
  const keys = containerKeys(vaultKey, Buffer.from(ins.header.salt, 'base64'));
  return timingSafeEqual(headerMac(keys.mac, ins.headerJson), ins.mac);
}

function safeRelative(p: string): string {
  const n = normalize(p.replace(/\//g, sep));
  if (isAbsolute(n) || n.startsWith('..') || n.includes(`${sep}..`) || n.includes('\0'))
    throw damaged('it names a file outside the vault folder');
  return n;
}

/**
 * Writes the backup's vault folder into `destDir` (which must be new and empty): caseseal.db,
 * keyslots.json and the other files. Every part is checked against its hash (and the files part
 * against its AES-GCM tag) as it is written.
 */
export function extractContainer(
  path: string,
  ins: Inspection,
  vaultKey: Buffer,
  destDir: string,
  names: { db: string; keySlots: string },
): void {
  if (!keyOpensContainer(ins, vaultKey))
    throw new CaseSealError(
      'BACKUP_WRONG_KEY',
      'This backup was not made with this vault’s key, or its description has been changed. Nothing has been changed.',
    );
  const keys = containerKeys(vaultKey, Buffer.from(ins.header.salt, 'base64'));
  const [vault, slots, files] = ins.header.sections as [
    BackupHeader['sections'][0],
    BackupHeader['sections'][0],
    BackupHeader['sections'][0],
  ];
  const fd = openSync(path, 'r');
  try {
    // The snapshot, streamed.
    const out = openSync(join(destDir, names.db), 'wx', 0o600);
    const h = createHash('sha256');
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      let pos = 0;
      while (pos < vault.bytes) {
        const n = readSync(fd, buf, 0, Math.min(CHUNK, vault.bytes - pos), vault.offset + pos);
        if (n === 0) throw damaged('it is incomplete');
        h.update(buf.subarray(0, n));
        let w = 0;
        while (w < n) w += writeSync(out, buf, w, n - w);
        pos += n;
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    if (h.digest('hex') !== vault.sha256) throw damaged('its vault part');
    const slotData = readAt(fd, slots.offset, slots.bytes);
    if (createHash('sha256').update(slotData).digest('hex') !== slots.sha256)
      throw damaged('its key-slot part');
    writeNew(join(destDir, names.keySlots), slotData);
    const sealed = readAt(fd, files.offset, files.bytes);
    if (createHash('sha256').update(sealed).digest('hex') !== files.sha256)
      throw damaged('its files part');
    let plain: Buffer;
    try {
      const d = createDecipheriv('aes-256-gcm', keys.enc, Buffer.from(files.iv ?? '', 'base64'));
      d.setAAD(Buffer.from('caseseal/backup/v1/files'));
      d.setAuthTag(Buffer.from(files.tag ?? '', 'base64'));
      plain = Buffer.concat([d.update(sealed), d.final()]);
    } catch {
      throw damaged('its files part does not decrypt');
    }
    let list: VaultFile[];
    try {
      list = unpackFiles(plain);
    } catch {
      throw damaged('its files part');
    }
    for (const f of list) {
      const rel = safeRelative(f.path);
      if (rel === names.db || rel === names.keySlots) throw damaged('it names a vault file twice');
      const target = join(destDir, rel);
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeNew(target, f.data);
    }
  } finally {
    closeSync(fd);
  }
}

function writeNew(path: string, data: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    let w = 0;
    while (w < data.length) w += writeSync(fd, data, w, data.length - w);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
