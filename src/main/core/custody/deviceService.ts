// Devices as exhibits: add a device (main gives it an id and a unique exhibit reference
// CS-<URN>-<year>-<NNN>), sign each checklist step and custody movement quoting that reference,
// and list a case's devices with their derived chain of custody (R9, R10).
import { randomUUID } from 'node:crypto';
import { nextCounter } from '../../db/repositories/counters';
import { exhibitRefTaken, getDeviceRow } from '../../db/repositories/devices';
import { caseRefOf } from '../../db/repositories/cases';
import { CaseSealError } from '../../../shared/errors';
import type { CaseFacts } from '../../../shared/records/facts';
import { kindDef } from '../../../shared/records/registry';
import { displayRows } from '../../../shared/records/display';
export type { DeviceView } from '../../../shared/rules/custody';
import { utcToUkLocal } from '../../../shared/ukTime';
import {
  currentFlags,
  deriveCustody,
  exhibitRef as formatExhibitRef,
  isDeviceStepKind,
  DEVICE_ADDED,
  type DeviceFacts,
  type DeviceView,
} from '../../../shared/rules/custody';
import type { Conn } from '../../db/sqlite';
import type { SigningHost } from '../app/serviceHost';
import { requireCaseAccess } from '../access/policy';
import { readSettings } from '../../db/repositories/settings';
import {
  actorOf,
  assertMayCreate,
  sessionSigner,
  signIntoCase,
  validateBody,
  type SignResult,
} from '../cases/caseService';
import { caseFacts } from '../log/projections';
import { assertNoImagery } from '../guard/textBoundary';

/**
 * The next exhibit reference for the year (UK calendar year of main's clock), from the `counters`
 * table inside the caller's transaction: a refused record rolls the number back with it.
 */
export async function nextExhibitRef(conn: Conn, now: Date): Promise<string> {
  const { school } = await readSettings(conn);
  const year = Number(utcToUkLocal(now.toISOString()).slice(0, 4));
  const name = `exhibit-ref-${year}`;
  const ref = formatExhibitRef(school.urn, year, await nextCounter(conn, name));
  const taken = await exhibitRefTaken(conn, ref);
  if (taken)
    throw new CaseSealError(
      'CONFLICT',
      'That exhibit reference is already in use. Nothing was saved.',
    );
  return ref;
}

function plainBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new CaseSealError('BAD_INPUT');
  return { ...(body as Record<string, unknown>) };
}

export interface DeviceAddResult extends SignResult {
  deviceId: string;
  exhibitRef: string;
}

/** Record a device on a case. The device id and exhibit reference are main's, never the renderer's. */
export async function addDevice(
  core: SigningHost,
  input: { caseId: string; body: unknown },
): Promise<DeviceAddResult> {
  const s = core.requireSession();
  const def = kindDef(DEVICE_ADDED)!;
  assertNoImagery(input.body);
  const body = plainBody(input.body);
  if ('deviceId' in body || 'exhibitRef' in body) {
    throw new CaseSealError(
      'BAD_INPUT',
      'The device id and exhibit reference are given by CaseSeal, not by the form.',
    );
  }
  const db = core.requireDb();
  return db.transaction(async (conn) => {
    await assertMayCreate(conn, s, def, input.caseId);
    const deviceId = randomUUID();
    const ref = await nextExhibitRef(conn, core.clock());
    const clean = validateBody(def, { ...body, deviceId, exhibitRef: ref });
    const r = await signIntoCase(core, conn, {
      caseId: input.caseId,
      kind: DEVICE_ADDED,
      body: clean,
      by: sessionSigner(core, s),
      actor: actorOf(s),
    });
    return { ...r, deviceId, exhibitRef: ref };
  });
}

/**
 * One checklist step, custody movement or description record for a device; main quotes the
 * device's exhibit reference.
 */
export async function addCustodyStep(
  core: SigningHost,
  input: { deviceId: string; kind: string; body: unknown },
): Promise<SignResult> {
  const s = core.requireSession();
  if (!isDeviceStepKind(input.kind))
    throw new CaseSealError('BAD_INPUT', 'That is not a custody step.');
  const def = kindDef(input.kind)!;
  assertNoImagery(input.body);
  const body = plainBody(input.body);
  const db = core.requireDb();
  return db.transaction(async (conn) => {
    const device = await getDeviceRow(conn, input.deviceId);
    if (!device) throw new CaseSealError('NOT_FOUND');
    const facts = await assertMayCreate(conn, s, def, device.case_id);
    const added = facts.devices?.[device.id];
    if (!added) throw new CaseSealError('NOT_FOUND');
    // R10: the reference is main's; a form may echo it (for live checks) but never change it.
    if (body.deviceId !== undefined && body.deviceId !== device.id)
      throw new CaseSealError('BAD_INPUT', 'The form names a different device.');
    if (body.exhibitRef !== undefined && body.exhibitRef !== device.exhibit_ref)
      throw new CaseSealError('BAD_INPUT', 'The exhibit reference does not match the device.');
    const clean = validateBody(def, {
      ...body,
      deviceId: device.id,
      exhibitRef: device.exhibit_ref,
    });
    return signIntoCase(core, conn, {
      caseId: device.case_id,
      kind: def.kind,
      body: clean,
      by: sessionSigner(core, s),
      actor: actorOf(s),
      subjectId: added.addedRecordId,
    });
  });
}

// ------------------------------------------------------------------ reads

export function deviceView(
  caseId: string,
  facts: CaseFacts,
  d: DeviceFacts,
  now: string,
): DeviceView {
  const chain = deriveCustody(d);
  const look = { child: (id: string) => facts.children.find((c) => c.id === id)?.name };
  const events = chain.events.map((e) => ({
    ...e,
    rows: displayRows(kindDef(e.kind)?.fields ?? [], e.body, look),
  }));
  return {
    deviceId: d.deviceId,
    caseId,
    exhibitRef: d.exhibitRef,
    description: d.description,
    body: d.body,
    // The seizure answers and every description answer given since (device-described).
    rows: displayRows(kindDef(DEVICE_ADDED)!.fields, d.body, look),
    descriptions: d.descriptions ?? [],
    chain: { ...chain, events },
    flags: currentFlags(chain, now),
  };
}

/** A case's devices with their chains, for anyone who may read the whole case. */
export async function listDevices(
  core: SigningHost,
  input: { caseId: string },
): Promise<DeviceView[]> {
  const s = core.requireSession();
  const db = core.requireDb();
  return db.exclusive(async (conn) => {
    await requireCaseAccess(conn, s.account, input.caseId, 'full');
    const facts = await caseFacts(conn, input.caseId);
    const now = core.clock().toISOString();
    return Object.values(facts.devices ?? {})
      .sort((a, b) => (a.exhibitRef < b.exhibitRef ? -1 : 1))
      .map((d) => deviceView(input.caseId, facts, d, now));
  });
}

/** One device (by id) with its case's facts, for the receipt. NOT_FOUND unless the case is readable in full. */
export async function loadDevice(
  core: SigningHost,
  conn: Conn,
  deviceId: string,
): Promise<{ facts: CaseFacts; device: DeviceFacts; caseRef: string }> {
  const s = core.requireSession();
  const row = await getDeviceRow(conn, deviceId);
  if (!row) throw new CaseSealError('NOT_FOUND');
  await requireCaseAccess(conn, s.account, row.case_id, 'full');
  const facts = await caseFacts(conn, row.case_id);
  const device = facts.devices?.[deviceId];
  if (!device) throw new CaseSealError('NOT_FOUND');
  return { facts, device, caseRef: (await caseRefOf(conn, row.case_id)) ?? '' };
}
