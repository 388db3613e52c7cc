// Test helpers for the sealed export: a real vault holding a case with one signed record
// of EVERY registered record kind, a second small case, and tools to unpack, tamper with, re-seal
// and re-zip a bundle. Kinds with their own flows (concern, case opening, countersignature,
// correction, devices and custody) go through those flows; every other kind gets a body generated
// from its own field list, validated with its own schema and signed into the case (rules skipped:
// the export must carry whatever the log holds). A kind for which no valid body can be generated is
// reported, so the export test fails and names it.
import { randomUUID, sign as edSign, type KeyObject } from 'node:crypto';
import {
  configure,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
  type FileEntry,
} from '@zip.js/zip.js';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { signIntoCase } from '../../src/main/core/cases/caseService';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { sha256Hex } from '../../src/main/core/crypto/hash';
import {
  BUNDLE_FILES,
  manifestText,
  MANIFEST_FILES,
} from '../../src/main/core/verify/bundleFormat';
import { RECORD_KINDS, kindDef } from '../../src/shared/records/registry';
import { pruneBody } from '../../src/shared/records/formSchema';
import type { FieldSpec } from '../../src/shared/records/fields';
import type { Role } from '../../src/shared/roles';
import { addAccount, PASSPHRASES, setUpVault, staffSealsConcern } from './vault';
import { caseDetails, concernBody, noteBody } from './records';
import { describedBody, phoneBody, STEP_BODIES, tabletBody } from './deviceRecords';

configure({ useWebWorkers: false });

/** Kinds made by dedicated flows below (or by the export itself), not by the generic generator. */
const FLOW_KINDS = new Set([
  'sealed-concern',
  'case-opened',
  'note',
  'countersignature',
  'correction',
  'export',
  'device-added',
  'device-described',
  ...Object.keys(STEP_BODIES),
  // Made by the backup and restore flows on the vault's own log; signed below with real bodies.
  'backup-checked',
  'vault-restored',
]);

const HEX = (c: string) => c.repeat(64);
const VAULT_LOG_BODIES: Record<string, Record<string, unknown>> = {
  'backup-checked': {
    outcome: 'verified',
    folder: '/mnt/backups',
    fileName: 'School CaseSeal backup 20261201T100000Z seq 12.csbackup',
    seq: 12,
    headHash: HEX('a'),
    sha256: HEX('b'),
    bytes: 123456,
  },
  'vault-restored': {
    fileName: 'School CaseSeal backup 20261201T100000Z seq 12.csbackup',
    backupSha256: HEX('b'),
    backupSeq: 12,
    backupHeadHash: HEX('a'),
    restoredAt: '2026-12-01T11:00:00.000Z',
    previousSeq: 15,
    previousHeadHash: HEX('c'),
    lostFrom: 13,
    lostTo: 15,
    previousVault: 'read',
    movedAsideTo: 'vault-before-restore-20261201T110000Z',
  },
};

export interface World {
  core: CaseSealCore;
  dir: string;
  ids: Record<Role, string>;
  caseId: string;
  smallCaseId: string;
  childId: string;
  /** Kinds for which no valid record could be generated, with the reason. */
  notCovered: Array<{ kind: string; reason: string }>;
  signAs(role: Role): Promise<void>;
}

interface GenContext {
  accounts: Record<Role, string>;
  self: string;
  childId: string;
  deviceId: string | null;
  recordsByKind: Map<string, string>;
  anyRecordId: string;
}

function sampleValue(f: FieldSpec, ctx: GenContext, flip: boolean): unknown {
  const ref = (id: string) => ({ accountId: id, name: '' });
  switch (f.type) {
    case 'text':
      return `Sample ${f.label}`.slice(0, Math.min(f.maxLength ?? 120, 120));
    case 'textarea':
      return `Sample text for “${f.label}”, described in words only.`.slice(0, f.maxLength ?? 2000);
    case 'select':
    case 'radio':
      return (flip ? f.options[f.options.length - 1] : f.options[0])!.value;
    case 'multiselect':
      return [f.options[0]!.value];
    case 'yesno':
      return !flip;
    case 'checkbox':
      return true;
    case 'datetime':
      return '2026-11-23T09:00';
    case 'date':
      return '2026-11-20';
    case 'time':
      return '09:00';
    case 'account': {
      const roles = f.roles ?? [];
      const pick = roles.includes('slt')
        ? ctx.accounts.slt
        : roles.includes('deputy')
          ? ctx.accounts.deputy
          : roles.includes('staff')
            ? ctx.accounts.staff
            : f.excludeSelf
              ? ctx.accounts.slt
              : ctx.accounts.dsl;
      return ref(pick);
    }
    case 'accounts':
      return [ref(f.roles?.includes('staff') ? ctx.accounts.staff : ctx.accounts.slt)];
    case 'record': {
      const wanted = (f.kinds ?? []).map((k) => ctx.recordsByKind.get(k)).find(Boolean);
      return wanted ?? ctx.anyRecordId;
    }
    case 'device':
      return ctx.deviceId ?? randomUUID();
    case 'child':
      return ctx.childId;
    case 'id':
      return randomUUID();
    case 'group': {
      const obj = Object.fromEntries(
        f.fields.map((x) => [x.name.split('.').pop()!, sampleValue(x, ctx, flip)]),
      );
      return f.repeat ? [obj] : obj;
    }
  }
}

/** A body for `kind` built from its fields that passes its schema, or the schema's complaint. */
export function generateBody(
  kind: string,
  ctx: GenContext,
): { body: Record<string, unknown> } | { error: string } {
  const def = kindDef(kind)!;
  let last = 'no attempt';
  for (const flip of [false, true]) {
    const raw = Object.fromEntries(
      def.fields.map((f) => [f.name.split('.').pop()!, sampleValue(f, ctx, flip)]),
    );
    const res = def.schema.safeParse(pruneBody(def.fields, raw));
    if (res.success) return { body: res.data };
    last = res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  }
  return { error: last };
}

/** The vault, four accounts, a case with every registered kind, and a second small case. */
export async function buildWorld(clockStart = '2026-11-23T08:00:00.000Z'): Promise<World> {
  let now = new Date(clockStart);
  const v = await setUpVault({ clock: () => now });
  const tick = (minutes = 1) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  const core = v.core;
  const ids: Record<Role, string> = {
    dsl: v.dslId,
    deputy: await addAccount(core, 'deputy', 'Devika Deputy-Lead'),
    slt: await addAccount(core, 'slt', 'Barnaby Headworth'),
    staff: await addAccount(core, 'staff', 'Imogen Staffwell'),
  };
  const signAs = async (role: Role) => {
    await core.signIn(ids[role], PASSPHRASES[role]);
  };
  const handlers = createHandlers(core);
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await dispatch(handlers, channel, payload, { trustedSender: true });
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  // concern -> case opened (a staff member seals a concern; the DSL's sign-in imports it, and the
  // DSL opens the case from it)
  const concern = await staffSealsConcern(core, ids.staff, concernBody(), {
    id: ids.dsl,
    role: 'dsl',
  });
  const caseId = concern.caseId;
  const details = caseDetails();
  const childId = (details.children as Array<{ id: string }>)[0]!.id;
  tick();
  await cases.openCase(core, { fromCaseId: caseId, details });
  tick();
  const note = await cases.addRecord(core, {
    caseId,
    kind: 'note',
    body: noteBody({ countersigner: { accountId: ids.slt, name: '' } }),
  });
  tick();
  await cases.correctRecord(core, {
    recordId: note.record.envelope.id,
    reason: 'The corridor was wrong.',
    corrected: noteBody({
      details: 'Agreed to keep her away from the Year 10 corridor.',
      countersigner: { accountId: ids.slt, name: '' },
    }),
  });
  tick();
  await cases.countersign(core, {
    recordId: note.record.envelope.id,
    purpose: 'agreement',
    accountId: ids.slt,
    passphrase: PASSPHRASES.slt,
  });

  // devices and custody, through their own channels
  const hm = () => now.toISOString().slice(0, 16);
  tick(5);
  const phone = await call<{ deviceId: string }>('app:devices.add', {
    caseId,
    body: phoneBody(childId),
  });
  const phoneSteps = [
    'custody-confiscated',
    'custody-declaration',
    'custody-isolated',
    'custody-secured',
    'custody-taken-out',
    'custody-put-back',
    'custody-police-called',
    'custody-handed-over',
  ] as const;
  for (const k of phoneSteps) {
    tick(2);
    await call('app:devices.step', {
      deviceId: phone.deviceId,
      kind: k,
      body: STEP_BODIES[k](hm()),
    });
  }
  // The rest of a description, given later (R9): a signed record of its own.
  tick(2);
  await call('app:devices.step', {
    deviceId: phone.deviceId,
    kind: 'device-described',
    body: describedBody({ make: 'Apple', model: 'iPhone 13', colour: 'Black' }),
  });
  tick(2);
  const tablet = await call<{ deviceId: string }>('app:devices.add', {
    caseId,
    body: tabletBody(),
  });
  for (const k of ['custody-confiscated', 'custody-returned'] as const) {
    tick(2);
    await call('app:devices.step', {
      deviceId: tablet.deviceId,
      kind: k,
      body: STEP_BODIES[k](hm()),
    });
  }

  // every other registered kind, generated from its own fields (two passes: some refer to others)
  const notCovered: Array<{ kind: string; reason: string }> = [];
  const recordsByKind = new Map<string, string>([['note', note.record.envelope.id]]);
  let pending = RECORD_KINDS.map((k) => k.kind).filter((k) => !FLOW_KINDS.has(k));
  for (let pass = 0; pass < 2 && pending.length; pass++) {
    const failed: string[] = [];
    for (const kind of pending) {
      const gen = generateBody(kind, {
        accounts: ids,
        self: ids.dsl,
        childId,
        deviceId: phone.deviceId,
        recordsByKind,
        anyRecordId: note.record.envelope.id,
      });
      if ('error' in gen) {
        if (pass === 1) notCovered.push({ kind, reason: gen.error });
        failed.push(kind);
        continue;
      }
      tick();
      const s = core.requireSession();
      const res = await core.requireDb().transaction((conn) =>
        signIntoCase(core, conn, {
          caseId,
          kind,
          body: gen.body,
          by: { signer: core.signerOf(s), privateKey: s.privateKey },
          actor: { id: s.account.id, name: s.account.name, role: s.account.role, active: true },
          skipRules: true,
        }),
      );
      recordsByKind.set(kind, res.record.envelope.id);
    }
    pending = failed;
  }

  // the vault-log kinds (backups, restores), with the bodies their flows sign
  for (const [kind, body] of Object.entries(VAULT_LOG_BODIES)) {
    tick();
    const s = core.requireSession();
    await core.requireDb().transaction((conn) =>
      signIntoCase(core, conn, {
        caseId,
        kind,
        body,
        by: { signer: core.signerOf(s), privateKey: s.privateKey },
        actor: { id: s.account.id, name: s.account.name, role: s.account.role, active: true },
        skipRules: true,
      }),
    );
  }

  // a second, small case
  tick();
  const small = await cases.openCase(core, {
    details: caseDetails({ title: 'Second case: online bullying', incidentKind: 'bullying' }),
  });
  tick();
  await cases.addRecord(core, {
    caseId: small.caseId,
    kind: 'note',
    body: noteBody({ subject: 'Call with parent' }),
  });
  tick();
  return { core, dir: v.dir, ids, caseId, smallCaseId: small.caseId, childId, notCovered, signAs };
}

// ------------------------------------------------------------------ bundles: unpack, tamper, re-seal

export async function unzipBundle(
  bytes: Uint8Array,
  password?: string,
): Promise<Map<string, Buffer>> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  const out = new Map<string, Buffer>();
  for (const e of await reader.getEntries()) {
    if (e.directory) continue;
    const data = await (e as FileEntry).getData(new Uint8ArrayWriter(), {
      password,
      useWebWorkers: false,
    });
    out.set(e.filename, Buffer.from(data));
  }
  await reader.close();
  return out;
}

export async function zipBundle(
  files: ReadonlyMap<string, Buffer>,
  password?: string,
): Promise<Uint8Array> {
  const w = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    ...(password ? { password, encryptionStrength: 3 as const } : {}),
  });
  for (const [name, data] of files) await w.add(name, new Uint8ArrayReader(data));
  return w.close();
}

/** Each entry of a zip with where its data starts (after its local header; for AES, its 16-byte
 *  salt and 2-byte check value come first), for tests that damage one byte of it. */
export async function zipEntryData(
  zip: Uint8Array,
): Promise<Array<{ filename: string; start: number }>> {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const reader = new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false });
  const entries = await reader.getEntries();
  await reader.close();
  return entries.map((e) => ({
    filename: e.filename,
    start: e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28),
  }));
}

/** Recompute manifest.sha256 and sign it with `key` (the genuine DSL key, or a forger's), with that key's PEM. */
export function reseal(
  files: ReadonlyMap<string, Buffer>,
  key: KeyObject,
  publicKeyPem?: string,
): Map<string, Buffer> {
  const out = new Map(files);
  if (publicKeyPem) out.set(BUNDLE_FILES.publicKey, Buffer.from(publicKeyPem));
  const manifest = Buffer.from(
    manifestText(
      MANIFEST_FILES.filter((n) => out.has(n)).map((name) => ({
        name,
        sha256: sha256Hex(out.get(name)!),
      })),
    ),
  );
  out.set(BUNDLE_FILES.manifest, manifest);
  out.set(BUNDLE_FILES.signature, edSign(null, manifest, key));
  return out;
}

export function flipBit(data: Buffer, at: number, bit = 0x01): Buffer {
  const copy = Buffer.from(data);
  copy[at] = copy[at]! ^ bit;
  return copy;
}
