// Devices and custody end to end in the core over a real vault, through the IPC handler
// table: a phone through every checklist step to the police (receipt text checked with pdftotext),
// the dashboard at each step, a device returned to its owner, a device left out of the safe,
// exhibit references, refusals that save nothing, roles, and the closure check.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import type { DashboardData, DashboardItem } from '../../src/shared/dashboard';
import type { DeviceView } from '../../src/shared/rules/custody';
import { migration0020 } from '../../src/main/db/migrations/0020-waiting';
import { caseSectionsFor, recordExtrasFor } from '../../src/main/core/export/sections';
import type { SignedRecord } from '../../src/shared/records/envelope';
import type { CaseFacts } from '../../src/shared/records/facts';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, concernBody, noteBody } from '../helpers/records';
import {
  describedBody,
  phoneBody,
  seizureBody,
  STEP_BODIES,
  tabletBody,
} from '../helpers/deviceRecords';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** 23 November 2026 is GMT: UK wall-clock equals UTC, which keeps the expected times readable. */
const at = (hm: string, day = '2026-11-23') => new Date(`${day}T${hm}:00.000Z`);

async function world() {
  let now = at('08:00');
  const v = await setUpVault({ clock: () => now });
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  // Main's save dialog for the receipt: answered with a path in the vault's temp folder, or cancelled.
  const saveDialog = { answer: 'save' as 'save' | 'cancel' | 'relative', asked: [] as string[] };
  const handlers = createHandlers(v.core, {
    chooseSavePdfPath: async (suggested) => {
      saveDialog.asked.push(suggested);
      return saveDialog.answer === 'cancel'
        ? null
        : saveDialog.answer === 'relative'
          ? suggested
          : join(v.dir, `saved-${saveDialog.asked.length}-${suggested}`);
    },
  });
  const call = (channel: string, payload: unknown) =>
    dispatch(handlers, channel, payload, { trustedSender: true });
  async function ok<T = unknown>(channel: string, payload: unknown): Promise<T> {
    const r = await call(channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  async function fails(
    channel: string,
    payload: unknown,
  ): Promise<{ code: string; message: string }> {
    const r = await call(channel, payload);
    if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return r.error;
  }
  const db = () => v.core.requireDb();
  const counts = async () => ({
    records: (await db().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n,
    devices: (await db().get<{ n: number }>('SELECT count(*) AS n FROM devices'))!.n,
    counters: await db().all('SELECT name, value FROM counters ORDER BY name'),
  });
  const setClock = (d: Date) => {
    now = d;
  };
  const signIn = (id: string, role: keyof typeof PASSPHRASES) =>
    v.core.signIn(id, PASSPHRASES[role]);
  // A grooming case without imagery by default: the imagery triage (R1, R11) then adds no items to
  // the dashboards these custody tests read; imagery triage is tested in dashboardTriage.test.ts.
  const openCase = async (details = caseDetails({ incidentKind: 'grooming' })) => {
    const r = await ok<{ caseId: string }>('app:cases.open', { details });
    return { caseId: r.caseId, childId: (details.children as Array<{ id: string }>)[0]!.id };
  };
  const step = (deviceId: string, kind: keyof typeof STEP_BODIES, when: string) =>
    ok<{ recordId: string; signedAt: string; hash: string }>('app:devices.step', {
      deviceId,
      kind,
      body: STEP_BODIES[kind](when),
    });
  const dashboard = () => ok<DashboardData>('app:dashboard.get', {});
  const deviceItems = async (deviceId: string): Promise<DashboardItem[]> =>
    (await dashboard()).items.filter((i) => i.target.deviceId === deviceId);
  const devices = (caseId: string) => ok<DeviceView[]>('app:devices.list', { caseId });
  /** Save the receipt through main's dialog; returns the text of the PDF written. */
  const receiptText = async (deviceId: string): Promise<string> => {
    const r = await ok<Receipt>('app:devices.receipt', { deviceId });
    expect(r.saved).toBe(true);
    return pdfText(r.path!);
  };
  return {
    ...v,
    call,
    ok,
    fails,
    counts,
    setClock,
    signIn,
    openCase,
    step,
    dashboard,
    deviceItems,
    devices,
    saveDialog,
    receiptText,
  };
}

type Receipt = { fileName: string; saved: boolean; path?: string };

function pdfText(file: string): string {
  // -layout keeps each row on one line; the text is joined back where the PDF wrapped a long line.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('a phone through every step to the police', () => {
  it('signs each step quoting the exhibit reference, keeps the dashboard in step, and prints the receipt', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    expect((await w.dashboard()).items).toEqual([]);

    // The DSL records the phone at 10:05; main gives it an id and the exhibit reference.
    w.setClock(at('10:05'));
    const added = await w.ok<{
      deviceId: string;
      exhibitRef: string;
      recordId: string;
      signedAt: string;
    }>('app:devices.add', { caseId, body: phoneBody(childId) });
    expect(added.exhibitRef).toBe('CS-123456-2026-001');
    expect(added.signedAt).toBe(at('10:05').toISOString());
    const phone = added.deviceId;
    let items = await w.deviceItems(phone);
    expect(items.map((i) => i.kind)).toEqual(['device-held']);
    expect(items[0]).toMatchObject({
      caseId,
      since: at('10:05').toISOString(),
      target: { screen: 'device', caseId, deviceId: phone },
    });
    expect(items[0]!.detail).toContain('Police not yet called.');

    // 1. Confiscated at 10:00 (typed), recorded at 10:06: held since the confiscation.
    w.setClock(at('10:06'));
    await w.step(phone, 'custody-confiscated', '2026-11-23T10:00');
    items = await w.deviceItems(phone);
    expect(items.map((i) => i.kind)).toEqual(['device-held']);
    expect(items[0]!.since).toBe(at('10:00').toISOString());
    expect(items[0]!.title).toBe('CS-123456-2026-001 held for 6 min');

    // 3. then 2: isolated and the declaration.
    w.setClock(at('10:07'));
    await w.step(phone, 'custody-isolated', '2026-11-23T10:05');
    w.setClock(at('10:08'));
    await w.step(phone, 'custody-declaration', '2026-11-23T10:08');

    // Nobody has recorded securing it by 11:30: an open gap is flagged on the dashboard.
    w.setClock(at('11:30'));
    items = await w.deviceItems(phone);
    expect(items.map((i) => i.kind).sort()).toEqual(['device-flagged', 'device-held']);
    const flagged = items.find((i) => i.kind === 'device-flagged')!;
    expect(flagged).toMatchObject({
      severity: 'urgent',
      since: at('10:05').toISOString(),
      target: { screen: 'device', deviceId: phone },
    });
    expect(flagged.title).toContain('GAP');
    expect(flagged.detail).toContain('Secure it and record where');

    // 4. It was in fact secured at 10:20: recording that with its real time clears the flag.
    w.setClock(at('11:31'));
    await w.step(phone, 'custody-secured', '2026-11-23T10:20');
    items = await w.deviceItems(phone);
    expect(items.map((i) => i.kind)).toEqual(['device-held']);
    expect(items[0]!.detail).toContain('Secured (Safe in the DSL office (room 14))');

    // 5. Police called.
    w.setClock(at('11:35'));
    await w.step(phone, 'custody-police-called', '2026-11-23T10:30');
    items = await w.deviceItems(phone);
    expect(items[0]!.detail).toContain(
      'Police called (reference KB-231126-0042); awaiting collection.',
    );

    // Taken out for the officer, and handed over (6).
    w.setClock(at('14:56'));
    await w.step(phone, 'custody-taken-out', '2026-11-23T14:55');
    items = await w.deviceItems(phone);
    expect(items.map((i) => i.kind).sort()).toEqual(['device-flagged', 'device-held']);
    expect(items.find((i) => i.kind === 'device-flagged')!.title).toContain('OUT');
    w.setClock(at('15:02'));
    const handed = await w.step(phone, 'custody-handed-over', '2026-11-23T15:00');
    expect(await w.deviceItems(phone)).toEqual([]);

    // The chain: every record quotes the exhibit reference and is signed at main's time.
    const [view] = await w.devices(caseId);
    expect(view!.chain.status).toBe('handed-over');
    expect(view!.chain.events.map((e) => e.kind)).toEqual([
      'custody-confiscated',
      'custody-isolated',
      'custody-declaration',
      'custody-secured',
      'custody-police-called',
      'custody-taken-out',
      'custody-handed-over',
    ]);
    expect(view!.chain.stepsMissing).toEqual([]);
    expect(view!.chain.missingAtEnd).toEqual([]);
    expect(view!.flags).toEqual([]);
    const theCase = await w.ok<{
      records: Array<{
        envelope: { kind: string; body: Record<string, unknown>; signedAt: string };
      }>;
    }>('app:cases.get', { caseId });
    const deviceRecords = theCase.records.filter(
      (r) => r.envelope.kind === 'device-added' || r.envelope.kind.startsWith('custody-'),
    );
    expect(deviceRecords).toHaveLength(8);
    for (const r of deviceRecords)
      expect(r.envelope.body).toMatchObject({ deviceId: phone, exhibitRef: 'CS-123456-2026-001' });
    expect(
      deviceRecords.find((r) => r.envelope.kind === 'custody-handed-over')!.envelope.signedAt,
    ).toBe(at('15:02').toISOString());
    // the projection row
    const row = await w.core
      .requireDb()
      .get<{ case_id: string; exhibit_ref: string; state: string }>(
        'SELECT case_id, exhibit_ref, state FROM devices WHERE id = ?',
        [phone],
      );
    expect(row).toMatchObject({ case_id: caseId, exhibit_ref: 'CS-123456-2026-001' });
    expect(JSON.parse(row!.state)).toMatchObject({
      status: 'handed-over',
      ended: true,
      endedAt: at('15:00').toISOString(),
      missingAtEnd: [],
    });

    // The receipt.
    // Closing main's save dialog writes nothing and audits nothing.
    w.saveDialog.answer = 'cancel';
    expect(await w.ok<Receipt>('app:devices.receipt', { deviceId: phone })).toEqual({
      fileName: 'handover-receipt-CS-123456-2026-001.pdf',
      saved: false,
    });
    expect(await w.ok('app:audit.list', { action: 'receipt-printed' })).toEqual([]);
    expect(existsSync(join(w.dir, 'saved-1-handover-receipt-CS-123456-2026-001.pdf'))).toBe(false);
    // Without a save dialog (no Electron glue), main says so rather than returning the PDF.
    const noDialog = await dispatch(
      createHandlers(w.core),
      'app:devices.receipt',
      { deviceId: phone },
      { trustedSender: true },
    );
    expect(noDialog).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    // A path that is not absolute is refused.
    w.saveDialog.answer = 'relative';
    expect(await w.fails('app:devices.receipt', { deviceId: phone })).toMatchObject({
      code: 'BAD_INPUT',
    });
    // Main writes the PDF where the person chose, suggesting a name with the exhibit reference.
    w.saveDialog.answer = 'save';
    const receipt = await w.ok<Receipt>('app:devices.receipt', { deviceId: phone });
    expect(w.saveDialog.asked.at(-1)).toBe('handover-receipt-CS-123456-2026-001.pdf');
    expect(receipt).toEqual({
      fileName: 'saved-3-handover-receipt-CS-123456-2026-001.pdf',
      saved: true,
      path: join(w.dir, 'saved-3-handover-receipt-CS-123456-2026-001.pdf'),
    });
    expect(readFileSync(receipt.path!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(receipt.path!);
    for (const s of [
      'Handover receipt',
      'Riverside Academy Zephyr',
      '123456',
      'CS-123456-2026-001',
      'Apple iPhone 13',
      'Tallulah Vance',
      'DC Rowan Whitlock',
      '4471',
      'Kingsford Constabulary',
      '23/11/2026 at 15:00',
      'Steps missing at handover',
      'None: every step of the seizure checklist was recorded.',
      'Confiscated — 23/11/2026 at 10:00',
      'Isolated from networks — 23/11/2026 at 10:05',
      'Declaration: nothing deleted, nothing copied — 23/11/2026 at 10:08',
      'Secured — 23/11/2026 at 10:20',
      'Police called — 23/11/2026 at 10:30',
      'Taken out of its secure place — 23/11/2026 at 14:55',
      'Handed to the police — 23/11/2026 at 15:00',
      'Received by the police officer',
      'Handed over by the Designated Safeguarding Lead',
      'Quentin Marlowe-Dsl',
    ]) {
      expect(text).toContain(s);
    }
    // Each record's hash, short form beside the event and in full in the list.
    expect(text).toContain(handed.hash.slice(0, 16));
    expect(text).toContain(handed.hash);
    for (const e of view!.chain.events) expect(text).toContain(e.hash.slice(0, 16));
    const audit = await w.ok<Array<{ action: string; detail: Record<string, unknown> }>>(
      'app:audit.list',
      { action: 'receipt-printed' },
    );
    expect(audit.map((a) => a.detail)).toEqual([{ exhibitRef: 'CS-123456-2026-001' }]);

    // Custody has ended: no more movements, but a late-logged call is still accepted.
    w.setClock(at('15:30'));
    expect(
      await w.fails('app:devices.step', {
        deviceId: phone,
        kind: 'custody-taken-out',
        body: STEP_BODIES['custody-taken-out']('2026-11-23T15:20'),
      }),
    ).toMatchObject({ code: 'RULE_BLOCKED' });
    const followUp = await w.step(phone, 'custody-police-called', '2026-11-23T15:25');
    expect(followUp.recordId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await w.devices(caseId))[0]!.flags).toEqual([]);
  });

  it('lists steps missing at handover on the receipt and the device', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:05'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: phoneBody(childId),
    });
    await w.step(deviceId, 'custody-confiscated', '2026-11-23T10:00');
    await w.step(deviceId, 'custody-secured', '2026-11-23T10:04');
    // The police collect before the call is logged.
    w.setClock(at('12:00'));
    const r = await w.ok<{ findings: Array<{ rule: string; status: string; message: string }> }>(
      'app:devices.step',
      {
        deviceId,
        kind: 'custody-handed-over',
        body: STEP_BODIES['custody-handed-over']('2026-11-23T11:55'),
      },
    );
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        rule: 'R9',
        status: 'advice',
        message: expect.stringContaining('Police called'),
      }),
    );
    const [view] = await w.devices(caseId);
    expect(view!.chain.missingAtEnd).toEqual(['declaration', 'isolated', 'police-called']);
    expect(view!.flags.map((f) => f.code)).toEqual(['MISSING-STEPS']);
    let text = await w.receiptText(deviceId);
    expect(text).toContain('• Nothing deleted, nothing copied');
    expect(text).toContain('• Police called');
    expect(text).not.toContain('None: every step');
    // Logged afterwards with its real time, the call leaves the missing list.
    await w.step(deviceId, 'custody-police-called', '2026-11-23T10:30');
    text = await w.receiptText(deviceId);
    expect(text).not.toContain('• Police called');
    expect(text).toContain('• Nothing deleted, nothing copied');
  });
});

describe('a device returned to its owner', () => {
  it('ends custody with the reason, leaves the dashboard and needs no receipt', async () => {
    const w = await world();
    const { caseId } = await w.openCase();
    w.setClock(at('09:10'));
    const { deviceId, exhibitRef } = await w.ok<{ deviceId: string; exhibitRef: string }>(
      'app:devices.add',
      { caseId, body: tabletBody() },
    );
    await w.step(deviceId, 'custody-confiscated', '2026-11-23T09:00');
    await w.step(deviceId, 'custody-secured', '2026-11-23T09:15');
    expect((await w.deviceItems(deviceId)).map((i) => i.kind)).toEqual(['device-held']);
    w.setClock(at('16:00'));
    await w.step(deviceId, 'custody-returned', '2026-11-23T15:45');
    expect(await w.deviceItems(deviceId)).toEqual([]);
    const [view] = await w.devices(caseId);
    expect(view).toMatchObject({
      exhibitRef,
      description: 'Tablet — Samsung, Grey; owner: Percival Oakes (staff)',
    });
    expect(view!.chain.status).toBe('returned');
    expect(view!.chain.events.at(-1)!.rows).toContainEqual({
      label: 'Why',
      value: 'The police advised no further action (reference KB-231126-0077).',
    });
    expect(view!.chain.missingAtEnd).toEqual(['declaration', 'isolated', 'police-called']);
    expect(await w.fails('app:devices.receipt', { deviceId })).toMatchObject({ code: 'CONFLICT' });
    // Refused before main asks where to save: no dialog, no file.
    expect(w.saveDialog.asked).toEqual([]);
  });
});

describe('a device taken out of the safe and not put back', () => {
  it('is flagged on the dashboard (OUT at once, a GAP after two hours) until it is put back', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    w.setClock(at('09:00'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: phoneBody(childId),
    });
    await w.step(deviceId, 'custody-confiscated', '2026-11-23T08:50');
    await w.step(deviceId, 'custody-secured', '2026-11-23T08:55');
    w.setClock(at('11:00'));
    await w.step(deviceId, 'custody-taken-out', '2026-11-23T11:00');
    let flagged = (await w.deviceItems(deviceId)).find((i) => i.kind === 'device-flagged');
    expect(flagged).toMatchObject({ severity: 'urgent', since: at('11:00').toISOString() });
    expect(flagged!.title).toBe('CS-123456-2026-001: custody flagged (OUT)');
    expect((await w.devices(caseId))[0]!.chain.status).toBe('out-of-safe');
    w.setClock(at('13:30'));
    flagged = (await w.deviceItems(deviceId)).find((i) => i.kind === 'device-flagged');
    expect(flagged!.title).toBe('CS-123456-2026-001: custody flagged (OUT, GAP)');
    expect((await w.devices(caseId))[0]!.flags.map((f) => f.code)).toEqual(['OUT', 'GAP']);
    // Put back at 12:30 (typed): within the window, so nothing remains flagged.
    await w.step(deviceId, 'custody-put-back', '2026-11-23T12:30');
    expect((await w.deviceItems(deviceId)).map((i) => i.kind)).toEqual(['device-held']);
  });
});

describe('exhibit references', () => {
  it('are unique and sequential per year across cases, and restart in a new year', async () => {
    const w = await world();
    const a = await w.openCase();
    const b = await w.openCase(caseDetails({ title: 'Second case' }));
    w.setClock(at('10:00'));
    const refs: string[] = [];
    for (const c of [a, b, a])
      refs.push(
        (
          await w.ok<{ exhibitRef: string }>('app:devices.add', {
            caseId: c.caseId,
            body: phoneBody(c.childId),
          })
        ).exhibitRef,
      );
    expect(refs).toEqual(['CS-123456-2026-001', 'CS-123456-2026-002', 'CS-123456-2026-003']);
    // 00:30 on 1 January 2027 in the UK
    w.setClock(new Date('2027-01-01T00:30:00.000Z'));
    refs.push(
      (
        await w.ok<{ exhibitRef: string }>('app:devices.add', {
          caseId: b.caseId,
          body: tabletBody(),
        })
      ).exhibitRef,
    );
    expect(refs[3]).toBe('CS-123456-2027-001');
    const rows = await w.core
      .requireDb()
      .all<{ exhibit_ref: string }>('SELECT exhibit_ref FROM devices ORDER BY exhibit_ref');
    expect(rows.map((r) => r.exhibit_ref)).toEqual([...refs].sort());
    expect((await w.devices(a.caseId)).map((d) => d.exhibitRef)).toEqual([
      'CS-123456-2026-001',
      'CS-123456-2026-003',
    ]);
  });

  it('takes the year from main’s clock in UK time: 23:30 on 31 December is still 2026, midnight is 2027', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    w.setClock(new Date('2026-12-31T23:30:00.000Z'));
    expect(
      (await w.ok<{ exhibitRef: string }>('app:devices.add', { caseId, body: phoneBody(childId) }))
        .exhibitRef,
    ).toBe('CS-123456-2026-001');
    w.setClock(new Date('2027-01-01T00:00:00.000Z'));
    expect(
      (await w.ok<{ exhibitRef: string }>('app:devices.add', { caseId, body: phoneBody(childId) }))
        .exhibitRef,
    ).toBe('CS-123456-2027-001');
  });
});

describe('refusals save nothing', () => {
  it('refuses bad device and step input with clear errors, leaving records, devices and counters unchanged', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:00'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: phoneBody(childId),
    });
    const before = await w.counts();
    const { sealNumber: _s, ...noSeal } = phoneBody(childId);
    const { lockedIn: _l, ...notLocked } = phoneBody(childId);
    const bad: Array<[string, string, unknown, string]> = [
      [
        'a device without its bag or seal number',
        'app:devices.add',
        { caseId, body: noSeal },
        'BAD_INPUT',
      ],
      [
        'a device without where it is locked',
        'app:devices.add',
        { caseId, body: notLocked },
        'BAD_INPUT',
      ],
      [
        'a device whose state was recorded by browsing it',
        'app:devices.add',
        { caseId, body: phoneBody(childId, { notBrowsed: false }) },
        'BAD_INPUT',
      ],
      [
        'a description without the statement that the device was not used',
        'app:devices.step',
        { deviceId, kind: 'device-described', body: describedBody({ notBrowsed: undefined }) },
        'BAD_INPUT',
      ],
      [
        'a description that describes nothing',
        'app:devices.step',
        { deviceId, kind: 'device-described', body: { notBrowsed: true } },
        'RULE_BLOCKED',
      ],
      [
        'a description naming another device in its body',
        'app:devices.step',
        {
          deviceId,
          kind: 'device-described',
          body: describedBody({ deviceId: '11111111-2222-4333-8444-555555555555' }),
        },
        'BAD_INPUT',
      ],
      [
        'another type of device, without saying what',
        'app:devices.add',
        { caseId, body: phoneBody(childId, { deviceType: 'other' }) },
        'BAD_INPUT',
      ],
      [
        'an exhibit reference from the form',
        'app:devices.add',
        { caseId, body: phoneBody(childId, { exhibitRef: 'CS-123456-2026-999' }) },
        'BAD_INPUT',
      ],
      [
        'a device id from the form',
        'app:devices.add',
        { caseId, body: phoneBody(childId, { deviceId }) },
        'BAD_INPUT',
      ],
      [
        'an unknown field',
        'app:devices.add',
        { caseId, body: phoneBody(childId, { pin: '1234' }) },
        'BAD_INPUT',
      ],
      [
        'imagery pasted into the condition',
        'app:devices.add',
        {
          caseId,
          body: phoneBody(childId, {
            condition:
              'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
          }),
        },
        'IMAGERY_REFUSED',
      ],
      [
        'an owner who is not a child on the case',
        'app:devices.add',
        { caseId, body: phoneBody('11111111-2222-4333-8444-555555555555') },
        'RULE_BLOCKED',
      ],
      [
        'a device on a case that does not exist',
        'app:devices.add',
        { caseId: '11111111-2222-4333-8444-555555555555', body: phoneBody(childId) },
        'NOT_FOUND',
      ],
      [
        'a device through the generic records channel',
        'app:records.add',
        {
          caseId,
          kind: 'device-added',
          body: { ...phoneBody(childId), deviceId, exhibitRef: 'CS-123456-2026-009' },
        },
        'BAD_INPUT',
      ],
      [
        'a custody step through the generic records channel',
        'app:records.add',
        {
          caseId,
          kind: 'custody-secured',
          body: {
            ...STEP_BODIES['custody-secured']('2026-11-23T09:50'),
            deviceId,
            exhibitRef: 'CS-123456-2026-001',
          },
        },
        'BAD_INPUT',
      ],
      [
        'a step that is not a custody kind',
        'app:devices.step',
        { deviceId, kind: 'note', body: noteBody() },
        'BAD_INPUT',
      ],
      [
        'a step with another exhibit reference',
        'app:devices.step',
        {
          deviceId,
          kind: 'custody-secured',
          body: {
            ...STEP_BODIES['custody-secured']('2026-11-23T09:50'),
            exhibitRef: 'CS-123456-2026-002',
          },
        },
        'BAD_INPUT',
      ],
      [
        'a step naming another device in its body',
        'app:devices.step',
        {
          deviceId,
          kind: 'custody-secured',
          body: {
            ...STEP_BODIES['custody-secured']('2026-11-23T09:50'),
            deviceId: '11111111-2222-4333-8444-555555555555',
          },
        },
        'BAD_INPUT',
      ],
      [
        'a step for an unknown device',
        'app:devices.step',
        {
          deviceId: '11111111-2222-4333-8444-555555555555',
          kind: 'custody-secured',
          body: STEP_BODIES['custody-secured']('2026-11-23T09:50'),
        },
        'NOT_FOUND',
      ],
      [
        'a step without its time',
        'app:devices.step',
        { deviceId, kind: 'custody-secured', body: { location: 'Safe', keyHolder: 'Q' } },
        'BAD_INPUT',
      ],
      [
        'a step in the future',
        'app:devices.step',
        {
          deviceId,
          kind: 'custody-secured',
          body: STEP_BODIES['custody-secured']('2026-11-23T10:30'),
        },
        'RULE_BLOCKED',
      ],
      [
        'police instruction without the officer',
        'app:devices.step',
        {
          deviceId,
          kind: 'custody-isolated',
          body: {
            method: 'police-instruction',
            when: '2026-11-23T09:50',
            instruction: 'Isolate but leave on',
            instructionAt: '2026-11-23T09:45',
            whatWasDone: 'Flight mode on, left on charge',
          },
        },
        'BAD_INPUT',
      ],
      [
        'isolation without confirming flight mode',
        'app:devices.step',
        {
          deviceId,
          kind: 'custody-isolated',
          body: { method: 'flight-mode-off', when: '2026-11-23T09:50', turnedOff: true },
        },
        'BAD_INPUT',
      ],
      ['a receipt before the handover', 'app:devices.receipt', { deviceId }, 'CONFLICT'],
    ];
    for (const [name, channel, payload, code] of bad) {
      const e = await w.fails(channel, payload);
      expect({ name, code: e.code }).toEqual({ name, code });
      expect(e.message.length).toBeGreaterThan(10);
    }
    expect(await w.counts()).toEqual(before);
    // The refused attempts consumed no exhibit number.
    expect(
      (await w.ok<{ exhibitRef: string }>('app:devices.add', { caseId, body: phoneBody(childId) }))
        .exhibitRef,
    ).toBe('CS-123456-2026-002');
  });

  it('accepts the police’s different instruction, with the officer and the time', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:00'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: phoneBody(childId),
    });
    await w.ok('app:devices.step', {
      deviceId,
      kind: 'custody-isolated',
      body: {
        method: 'police-instruction',
        when: '2026-11-23T09:50',
        instruction: 'Isolate it but leave it on and charging.',
        officer: 'DS Farah Kell 2290, Kingsford Constabulary',
        instructionAt: '2026-11-23T09:45',
        whatWasDone: 'Flight mode on; left on, charging, in the safe.',
      },
    });
    const [view] = await w.devices(caseId);
    expect(view!.chain.events[0]!.rows).toEqual(
      expect.arrayContaining([
        {
          label: 'How it was isolated',
          value: 'As the police instructed (for example: isolate it but leave it on)',
        },
        {
          label: 'Officer who gave it (name, collar or warrant number, force)',
          value: 'DS Farah Kell 2290, Kingsford Constabulary',
        },
        { label: 'When the instruction was given', value: '23/11/2026 at 09:45' },
      ]),
    );
    expect(view!.chain.stepsDone).toContain('isolated');
  });
});

describe('roles', () => {
  it('staff cannot add devices or see the dashboard; a senior leader not on the case cannot see its devices', async () => {
    const w = await world();
    const staffId = await addAccount(w.core, 'staff', 'Imogen Staffwell');
    const sltId = await addAccount(w.core, 'slt', 'Cordelia Uninvolved');
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:00'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: phoneBody(childId),
    });
    const before = await w.counts();

    await w.signIn(staffId, 'staff');
    // A staff session seals its concern to the team and never opens the vault: every device and
    // dashboard channel is refused outright.
    await w.ok('app:intake.seal', { body: concernBody() });
    expect(await w.fails('app:devices.add', { caseId, body: phoneBody(childId) })).toMatchObject({
      code: 'NOT_ALLOWED',
    });
    expect(
      await w.fails('app:devices.step', {
        deviceId,
        kind: 'custody-secured',
        body: STEP_BODIES['custody-secured']('2026-11-23T09:55'),
      }),
    ).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(await w.fails('app:devices.list', { caseId })).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(await w.fails('app:dashboard.get', {})).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(await w.fails('app:devices.receipt', { deviceId })).toMatchObject({
      code: 'NOT_ALLOWED',
    });

    await w.signIn(sltId, 'slt');
    expect(await w.fails('app:devices.add', { caseId, body: phoneBody(childId) })).toMatchObject({
      code: 'NOT_ALLOWED',
    });
    expect(
      await w.fails('app:devices.step', {
        deviceId,
        kind: 'custody-secured',
        body: STEP_BODIES['custody-secured']('2026-11-23T09:55'),
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await w.fails('app:devices.list', { caseId })).toMatchObject({ code: 'NOT_FOUND' });
    const after = await w.counts();
    expect(after.devices).toBe(before.devices);
    expect(after.counters.filter((c) => String(c.name).startsWith('exhibit'))).toEqual(
      before.counters.filter((c) => String(c.name).startsWith('exhibit')),
    );
    expect(after.records).toBe(before.records + 1); // the staff member's own concern only
  });
});

describe('closure', () => {
  it('is refused while a device is held and no longer for that reason once it is handed over', async () => {
    const w = await world();
    const sltId = await addAccount(w.core, 'slt', 'Barnaby Headworth');
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:00'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: phoneBody(childId),
    });
    const close = {
      caseId,
      kind: 'status-change',
      body: {
        to: 'closed',
        reason: 'All actions complete.',
        approver: { accountId: sltId, name: '' },
      },
    };
    const refused = await w.fails('app:records.add', close);
    expect(refused.code).toBe('RULE_BLOCKED');
    expect(refused.message).toContain('CLOSE-CUSTODY');
    expect(refused.message).toContain('CS-123456-2026-001');
    await w.step(deviceId, 'custody-confiscated', '2026-11-23T09:50');
    await w.step(deviceId, 'custody-handed-over', '2026-11-23T09:58');
    const again = await w.call('app:records.add', close);
    if (!again.ok) expect(again.error.message).not.toContain('CLOSE-CUSTODY');
  });
});

describe('the dashboard', () => {
  it('lists pending countersignatures, concerns awaiting review and clock anomalies, oldest first, until acted on', async () => {
    const w = await world();
    const staffId = await addAccount(w.core, 'staff', 'Imogen Staffwell');
    const sltId = await addAccount(w.core, 'slt', 'Barnaby Headworth');

    // 08:10 a staff concern.
    w.setClock(at('08:10'));
    await w.signIn(staffId, 'staff');
    await w.ok('app:intake.seal', { body: concernBody({ imagery: false }) });
    // The DSL's sign-in opens the sealed concern and starts its case.
    await w.signIn(w.dslId, 'dsl');
    const concern = {
      caseId: (await w.core
        .requireDb()
        .get<{ case_id: string }>("SELECT case_id FROM records WHERE kind = 'sealed-concern'"))!
        .case_id,
    };

    // 09:00 a note asking the senior leader to countersign.
    w.setClock(at('09:00'));
    const { caseId, childId } = await w.openCase();
    const note = await w.ok<{ recordId: string }>('app:records.add', {
      caseId,
      kind: 'note',
      body: noteBody({ countersigner: { accountId: sltId, name: '' } }),
    });
    // 09:30 a device.
    w.setClock(at('09:30'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: phoneBody(childId),
    });

    let d = await w.dashboard();
    expect(d.generatedAt).toBe(at('09:30').toISOString());
    expect(d.items.map((i) => i.kind)).toEqual([
      'concern-review',
      'countersignature',
      'device-held',
    ]);
    expect(d.items.map((i) => i.since)).toEqual([
      at('08:10').toISOString(),
      at('09:00').toISOString(),
      at('09:30').toISOString(),
    ]);
    expect(d.items[0]).toMatchObject({
      caseId: concern.caseId,
      caseRef: expect.stringMatching(/^C-2026-\d{4}$/),
      target: { screen: 'case', caseId: concern.caseId },
    });
    expect(d.items[0]!.detail).toContain('Imogen Staffwell');
    expect(d.items[1]).toMatchObject({
      title: 'Agreement countersignature awaited: Note',
      target: { screen: 'countersign', caseId, recordId: note.recordId, purpose: 'agreement' },
    });
    expect(d.items[1]!.detail).toContain('Barnaby Headworth');

    // Acting on each removes it.
    await w.ok('app:cases.open', {
      fromCaseId: concern.caseId,
      details: caseDetails({ incidentKind: 'grooming' }),
    });
    await w.ok('app:records.countersign', {
      recordId: note.recordId,
      purpose: 'agreement',
      accountId: sltId,
      passphrase: PASSPHRASES.slt,
    });
    d = await w.dashboard();
    expect(d.items.map((i) => i.kind)).toEqual(['device-held']);
    expect(d.items[0]!.target.deviceId).toBe(deviceId);

    // The clock goes back: the record is saved, the anomaly waits for the DSL to acknowledge it.
    w.setClock(at('09:10'));
    const late = await w.ok<{ recordId: string; warnings: string[] }>('app:records.add', {
      caseId,
      kind: 'note',
      body: noteBody(),
    });
    expect(late.warnings).toHaveLength(1);
    d = await w.dashboard();
    const anomaly = d.items.find((i) => i.kind === 'clock-anomaly')!;
    expect(anomaly).toMatchObject({
      caseId,
      target: { screen: 'audit', caseId, recordId: late.recordId, auditSeq: expect.any(Number) },
    });
    expect(d.items.map((i) => i.kind)).toEqual(['clock-anomaly', 'device-held']);
    await w.ok('app:dashboard.acknowledgeClock', { auditSeq: anomaly.target.auditSeq });
    expect((await w.dashboard()).items.map((i) => i.kind)).toEqual(['device-held']);
    expect(
      await w.fails('app:dashboard.acknowledgeClock', { auditSeq: anomaly.target.auditSeq }),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await w.fails('app:dashboard.acknowledgeClock', { auditSeq: 1 })).toMatchObject({
      code: 'NOT_FOUND',
    });
    const acks = await w.ok<Array<{ detail: Record<string, unknown> }>>('app:audit.list', {
      action: 'clock-anomaly-acknowledged',
    });
    expect(acks.map((a) => a.detail)).toEqual([{ auditSeq: anomaly.target.auditSeq }]);
  });

  it('reads pending countersignatures from the case_waiting projection, which migration 0020 back-fills', async () => {
    const w = await world();
    const sltId = await addAccount(w.core, 'slt', 'Barnaby Headworth');
    const { caseId } = await w.openCase();
    w.setClock(at('09:00'));
    await w.ok('app:records.add', {
      caseId,
      kind: 'note',
      body: noteBody({ countersigner: { accountId: sltId, name: '' } }),
    });
    const rows = () =>
      w.core
        .requireDb()
        .all<{ case_id: string; source: string; since: string }>(
          'SELECT case_id, source, since FROM case_waiting',
        );
    expect(await rows()).toEqual([
      { case_id: caseId, source: 'countersignatures', since: at('09:00').toISOString() },
    ]);
    // Rebuild from the records, as an older vault would be migrated.
    await w.core.requireDb().transaction(async (c) => {
      await c.exec('DROP TABLE case_waiting; DROP INDEX audit_by_action;');
      await migration0020.up(c);
    });
    expect(await rows()).toEqual([
      { case_id: caseId, source: 'countersignatures', since: at('09:00').toISOString() },
    ]);
    expect((await w.dashboard()).items.map((i) => i.kind)).toEqual(['countersignature']);
  });
});

describe('the sealed export’s custody section', () => {
  it('prints each exhibit, its status, missing steps and chain, and the exhibit reference under each device record', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:05'));
    const { deviceId, exhibitRef } = await w.ok<{ deviceId: string; exhibitRef: string }>(
      'app:devices.add',
      { caseId, body: phoneBody(childId) },
    );
    await w.step(deviceId, 'custody-confiscated', '2026-11-23T10:00');
    await w.step(deviceId, 'custody-secured', '2026-11-23T10:04');
    w.setClock(at('12:00'));
    const handed = await w.step(deviceId, 'custody-handed-over', '2026-11-23T11:55');
    const view = await w.ok<{ facts: CaseFacts; records: SignedRecord[] }>('app:cases.get', {
      caseId,
    });
    const input = { facts: view.facts, records: view.records, lookups: {} };
    const blocks = caseSectionsFor(input).filter((b) => b.heading.includes(exhibitRef));
    expect(blocks.map((b) => b.heading)).toEqual([
      `Exhibit ${exhibitRef}`,
      `Custody flags for ${exhibitRef}`,
      `Chain of custody of ${exhibitRef}`,
    ]);
    expect(blocks[0]!.rows).toEqual(
      expect.arrayContaining([
        { label: 'Status', value: 'Handed to the police' },
        {
          label: 'Steps missing when custody ended',
          value:
            'Nothing deleted, nothing copied; Isolated: flight mode and turned off (or as the police instructed); Police called',
        },
      ]),
    );
    expect(blocks[1]!.warning).toBe(true);
    expect(blocks[2]!.rows!.map((r) => r.label)).toEqual([
      'Confiscated, 23/11/2026 at 10:00',
      'Secured, 23/11/2026 at 10:04',
      'Handed to the police, 23/11/2026 at 11:55',
    ]);
    expect(blocks[2]!.rows![2]!.value).toContain(handed.hash.slice(0, 16));
    const handedRecord = view.records.find((r) => r.envelope.id === handed.recordId)!;
    expect(recordExtrasFor(handedRecord, input)).toEqual([
      { label: 'Exhibit reference', value: exhibitRef },
      {
        label: 'Device',
        value: 'Phone — Apple iPhone 13, Black, in a clear case; owner: Tallulah Vance',
      },
    ]);
    const note = view.records.find((r) => r.envelope.kind === 'case-opened')!;
    expect(recordExtrasFor(note, input)).toEqual([]);
  });
});

describe('a seizure in four answers (R9, R10)', () => {
  it('gives the exhibit reference from what it is, whose it is, the seal number and where it is locked; the description follows as new signed records and the checklist lists what is still missing', async () => {
    const w = await world();
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:00'));
    const added = await w.ok<{ deviceId: string; exhibitRef: string; recordId: string }>(
      'app:devices.add',
      { caseId, body: seizureBody(childId) },
    );
    expect(added.exhibitRef).toBe('CS-123456-2026-001');
    let [view] = await w.devices(caseId);
    expect(view!.chain.lockedIn).toBe('Safe in the DSL office (room 14)');
    expect(view!.chain.descriptionMissing).toEqual([
      'Make',
      'Colour',
      'Condition',
      'On or off when seized',
      'Statement that it was recorded without using the device',
    ]);

    // Part of the description now: what is left shrinks, and the advice says what remains.
    w.setClock(at('10:20'));
    const first = await w.ok<{ recordId: string; findings: Array<{ message: string }> }>(
      'app:devices.step',
      {
        deviceId: added.deviceId,
        kind: 'device-described',
        body: { make: 'Samsung', colour: 'Blue', powerState: 'on', notBrowsed: true },
      },
    );
    expect(first.findings.map((f) => f.message).join(' ')).toContain('Still to describe');
    [view] = await w.devices(caseId);
    expect(view!.chain.descriptionMissing).toEqual([
      'Condition',
      'Locked or not',
      'Wi-Fi indicator',
      'Mobile data indicator',
      'Flight mode indicator',
    ]);

    // The rest later: complete, and the one-line description reads from every record.
    w.setClock(at('11:00'));
    await w.ok('app:devices.step', {
      deviceId: added.deviceId,
      kind: 'device-described',
      body: describedBody({ make: undefined, colour: undefined }),
    });
    [view] = await w.devices(caseId);
    expect(view!.chain.descriptionMissing).toEqual([]);
    expect(view!.description).toBe('Phone — Samsung Galaxy A14, Blue; owner: Tallulah Vance');
    expect(view!.descriptions.map((d) => d.given.length)).toEqual([3, 7]);

    // Nothing was edited: the seizure record still says only the four answers, each description
    // is its own signed record, in order.
    const records = (await w.ok<{ records: SignedRecord[] }>('app:cases.get', { caseId })).records;
    const seized = records.find((r) => r.envelope.id === added.recordId)!;
    expect(seized.envelope.body.make).toBeUndefined();
    expect(seized.envelope.body.sealNumber).toBe('EB-0077');
    expect(
      records
        .filter((r) => r.envelope.kind === 'device-described')
        .map((r) => r.envelope.body.make),
    ).toEqual(['Samsung', undefined]);
    const chk = await w.ok<{ ok: boolean }>('app:integrity.checkAll', {});
    expect(chk.ok).toBe(true);
  });

  it('never keeps the device from the police: handover is allowed undescribed and the receipt says what was not described, but the case cannot close until the description is complete', async () => {
    const w = await world();
    const sltId = await addAccount(w.core, 'slt', 'Barnaby Headworth');
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:00'));
    const { deviceId } = await w.ok<{ deviceId: string }>('app:devices.add', {
      caseId,
      body: seizureBody(childId),
    });
    await w.step(deviceId, 'custody-confiscated', '2026-11-23T09:55');
    w.setClock(at('10:30'));
    const handed = await w.ok<{
      findings: Array<{ rule: string; status: string; message: string }>;
    }>('app:devices.step', {
      deviceId,
      kind: 'custody-handed-over',
      body: STEP_BODIES['custody-handed-over']('2026-11-23T10:25'),
    });
    expect(handed.findings).toContainEqual(
      expect.objectContaining({
        rule: 'R9',
        status: 'advice',
        message: expect.stringContaining('The description is not complete (Make; Colour'),
      }),
    );
    let text = await w.receiptText(deviceId);
    expect(text).toMatch(/Not yet described\s+Make; Colour; Condition/);

    const close = {
      caseId,
      kind: 'status-change',
      body: {
        to: 'closed',
        reason: 'All actions complete.',
        approver: { accountId: sltId, name: '' },
      },
    };
    const refused = await w.fails('app:records.add', close);
    expect(refused.code).toBe('RULE_BLOCKED');
    expect(refused.message).toContain('CLOSE-DESCRIPTION');
    expect(refused.message).toContain('CS-123456-2026-001');

    // Described after the handover from what was noted at the seizure: allowed, and the closure
    // no longer refuses for that reason.
    w.setClock(at('11:00'));
    await w.ok('app:devices.step', { deviceId, kind: 'device-described', body: describedBody() });
    text = await w.receiptText(deviceId);
    expect(text).not.toContain('Not yet described');
    const again = await w.call('app:records.add', close);
    if (!again.ok) expect(again.error.message).not.toContain('CLOSE-DESCRIPTION');
  });

  it('refuses a description signed by staff or a senior leader, or smuggled through the generic records channel, saving nothing', async () => {
    const w = await world();
    const staffId = await addAccount(w.core, 'staff', 'Imogen Staffwell');
    const sltId = await addAccount(w.core, 'slt', 'Cordelia Uninvolved');
    const { caseId, childId } = await w.openCase();
    w.setClock(at('10:00'));
    const { deviceId, exhibitRef } = await w.ok<{ deviceId: string; exhibitRef: string }>(
      'app:devices.add',
      { caseId, body: seizureBody(childId) },
    );
    const before = await w.counts();
    expect(
      await w.fails('app:records.add', {
        caseId,
        kind: 'device-described',
        body: { ...describedBody(), deviceId, exhibitRef },
      }),
    ).toMatchObject({ code: 'BAD_INPUT' });
    const describe = { deviceId, kind: 'device-described', body: describedBody() };
    await w.signIn(staffId, 'staff');
    expect(await w.fails('app:devices.step', describe)).toMatchObject({ code: 'NOT_ALLOWED' });
    await w.signIn(sltId, 'slt');
    expect((await w.fails('app:devices.step', describe)).code).toMatch(/NOT_FOUND|NOT_ALLOWED/);
    const after = await w.counts();
    expect(after.records).toBe(before.records);
  });
});
