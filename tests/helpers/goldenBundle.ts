// One real sealed export (both cases of the export fixture's world), built ONCE per checkout and
// kept on disk, so tests that tamper with a bundle cost milliseconds instead of a vault each. The
// copy is keyed by a hash of every source and test-helper file: any change to the code rebuilds
// it, so it is always what this exact code seals (under StrykerJS the instrumented sources hash
// differently, so the sandbox builds its own copy in the first, unmutated run). Holds throwaway
// test keys only (the fixture accounts' passphrases are in tests/helpers/vault.ts anyway).
import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sealExport } from '../../src/main/core/export/sealExport';
import { PASSPHRASES, removeDir, tempDir } from './vault';
import { insider } from './insider';
import { buildWorld, unzipBundle } from './exportFixture';

const ROOT = resolve(__dirname, '..', '..');

export interface GoldenBundle {
  /** The closed vault the bundle was exported from (copy it before opening: see goldenVault). */
  vaultDir: string;
  vaultKey: Buffer;
  /** The unpacked files of the sealed, unencrypted export. */
  files: Map<string, Buffer>;
  /** The exporting DSL's key (re-sealing with it models the DSL as the forger). */
  dslKey: KeyObject;
  /** The senior leader's key (countersigned the note): for forgeries by a second insider. */
  sltKey: KeyObject;
  /** A staff member's key (staff seal concerns to the team's intake key). */
  staffKey: KeyObject;
  ids: { dsl: string; deputy: string; slt: string; staff: string };
  caseId: string;
  smallCaseId: string;
  /** The manifest key's fingerprint as the export result gave it. */
  fingerprint: string;
}

interface Meta {
  ids: GoldenBundle['ids'];
  caseId: string;
  smallCaseId: string;
  fingerprint: string;
  files: string[];
}

function sourceHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|json|txt)$/.test(name))
        h.update(p.slice(ROOT.length)).update(readFileSync(p));
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'tests', 'helpers'));
  return h.digest('hex').slice(0, 24);
}

async function build(dir: string): Promise<void> {
  const w = await buildWorld();
  const work = tempDir('caseseal-golden-');
  try {
    const sealed = await sealExport(w.core, {
      caseIds: [w.caseId, w.smallCaseId],
      recipient: {
        officerName: 'DC Rowan Whitlock',
        force: 'Kingsford Constabulary',
        reference: 'KB-231126-0042',
      },
      encrypt: false,
      outPath: join(work, 'bundle.zip'),
    });
    const files = await unzipBundle(readFileSync(sealed.outPath));
    const slt = await w.core.authenticateOther(w.ids.slt, PASSPHRASES.slt);
    const staff = await w.core.authenticateOther(w.ids.staff, PASSPHRASES.staff);
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(join(tmp, 'files'), { recursive: true, mode: 0o700 });
    for (const [name, data] of files) writeFileSync(join(tmp, 'files', name), data);
    const pem = (k: KeyObject) => k.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(join(tmp, 'dsl.pem'), pem(w.core.requireSession().privateKey));
    writeFileSync(join(tmp, 'slt.pem'), pem(slt.privateKey));
    writeFileSync(join(tmp, 'staff.pem'), pem(staff.privateKey));
    const meta: Meta = {
      ids: w.ids,
      caseId: w.caseId,
      smallCaseId: w.smallCaseId,
      fingerprint: sealed.fingerprint,
      files: [...files.keys()],
    };
    // The vault itself, closed, with the DSL's copy of its key: for the log's own checks.
    await w.core.close();
    cpSync(w.dir, join(tmp, 'vault'), { recursive: true });
    const x = await insider(join(tmp, 'vault'), w.ids.dsl, PASSPHRASES.dsl);
    writeFileSync(join(tmp, 'vault.key'), x.vaultKey.toString('hex'));
    await x.close();
    writeFileSync(join(tmp, 'meta.json'), JSON.stringify(meta));
    try {
      renameSync(tmp, dir); // atomic: a second process building at once keeps its own copy
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
  } finally {
    await w.core.close();
    removeDir(w.dir);
    removeDir(work);
  }
}

let loaded: Promise<GoldenBundle> | undefined;

/** The golden bundle, built on first use for this code and read from disk afterwards. */
export function goldenBundle(): Promise<GoldenBundle> {
  loaded ??= (async () => {
    const dir = join(tmpdir(), `caseseal-golden-bundle-${sourceHash()}`);
    if (!existsSync(join(dir, 'meta.json'))) await build(dir);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
    return {
      vaultDir: join(dir, 'vault'),
      vaultKey: Buffer.from(readFileSync(join(dir, 'vault.key'), 'utf8'), 'hex'),
      files: new Map(meta.files.map((n) => [n, readFileSync(join(dir, 'files', n))])),
      dslKey: createPrivateKey(readFileSync(join(dir, 'dsl.pem'))),
      sltKey: createPrivateKey(readFileSync(join(dir, 'slt.pem'))),
      staffKey: createPrivateKey(readFileSync(join(dir, 'staff.pem'))),
      ids: meta.ids,
      caseId: meta.caseId,
      smallCaseId: meta.smallCaseId,
      fingerprint: meta.fingerprint,
    };
  })();
  return loaded;
}

/** A fresh copy of the golden vault (the original stays untouched for the next test). */
export async function goldenVault(): Promise<GoldenBundle & { dir: string; remove(): void }> {
  const g = await goldenBundle();
  const dir = tempDir('caseseal-golden-vault-');
  cpSync(g.vaultDir, dir, { recursive: true });
  return { ...g, dir, remove: () => removeDir(dir) };
}
