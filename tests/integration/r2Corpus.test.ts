// R2 over every text route: a generated corpus (every image and video format × every encoding a person could paste) sent through the real handler table for every channel that carries text.
//
// Attacks are crafted IPC calls as an insider with a real DSL account would make them: each text
// field of each channel carries the payload, the rest of the call is valid. Every call must be
// refused by the guard (or, for a text too long for its field, by the field's own limit) and the
// vault must not change: records, audit entries, accounts, cases, devices, settings and the
// plain-text key-slot file are compared before and after. Legitimate text that only looks encoded
// goes through the same routes and must never be refused by the guard. Counts are printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../src/main/core/api/handlers';
import { dispatch } from '../../src/main/core/api/dispatch';
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import type { Channel } from '../../src/shared/ipc/channels';
import { bytes, SAMPLES, type Sample } from '../helpers/imageryCorpus';
import { TEXT_ENCODINGS } from '../helpers/r2Encodings';
import { LEGIT_TEXTS } from '../helpers/r2Legit';
import { caseDetails, concernBody, noteBody } from '../helpers/records';
import { phoneBody } from '../helpers/deviceRecords';
import { DSL, removeDir, SCHOOL, setUpVault, tempDir } from '../helpers/vault';

const GUARD_CODES = new Set(['IMAGERY_REFUSED', 'CONTROL_CHARACTER', 'BROKEN_TEXT']);

interface Ids {
  caseId: string;
  childId: string;
  deviceId: string;
  recordId: string;
}

/** A text route: a channel and how a text is placed in an otherwise valid payload. */
interface Route {
  name: string;
  channel: Channel;
  /** The set-up routes run against a vault that is not set up yet. */
  setup?: boolean;
  payload: (text: string, ids: Ids) => unknown;
}

const ROUTES: readonly Route[] = [
  {
    name: 'set-up: school name',
    channel: 'app:setup.begin',
    setup: true,
    payload: (t) => ({ school: { ...SCHOOL, name: t }, dsl: DSL }),
  },
  {
    name: 'set-up: local authority',
    channel: 'app:setup.begin',
    setup: true,
    payload: (t) => ({ school: { ...SCHOOL, localAuthority: t }, dsl: DSL }),
  },
  {
    name: 'set-up: DSL name (lands in keyslots.json)',
    channel: 'app:setup.begin',
    setup: true,
    payload: (t) => ({ school: SCHOOL, dsl: { ...DSL, fullName: t } }),
  },
  {
    name: 'account name (lands in keyslots.json)',
    channel: 'app:accounts.create',
    payload: (t) => ({ fullName: t, role: 'staff', passphrase: 'velvet-compass-thistle-ember-58' }),
  },
  {
    name: 'settings: school name',
    channel: 'app:settings.update',
    payload: (t) => ({ school: { name: t } }),
  },
  {
    name: 'settings: local contact',
    channel: 'app:settings.update',
    payload: (t) => ({ localContacts: { mash: t } }),
  },
  { name: 'search query', channel: 'app:cases.search', payload: (t) => ({ query: t }) },
  { name: 'case list filter', channel: 'app:cases.list', payload: (t) => ({ child: t }) },
  {
    name: 'new case: title',
    channel: 'app:cases.open',
    payload: (t) => ({ details: caseDetails({ title: t }) }),
  },
  {
    name: 'concern: account',
    channel: 'app:records.concern',
    payload: (t) => ({ body: concernBody({ account: t }) }),
  },
  {
    name: 'note: details',
    channel: 'app:records.add',
    payload: (t, ids) => ({ caseId: ids.caseId, kind: 'note', body: noteBody({ details: t }) }),
  },
  {
    name: 'correction: reason',
    channel: 'app:records.correct',
    payload: (t, ids) => ({ recordId: ids.recordId, reason: t, corrected: noteBody() }),
  },
  {
    name: 'device: condition',
    channel: 'app:devices.add',
    payload: (t, ids) => ({ caseId: ids.caseId, body: phoneBody(ids.childId, { condition: t }) }),
  },
  {
    name: 'custody step: where secured',
    channel: 'app:devices.step',
    payload: (t, ids) => ({
      deviceId: ids.deviceId,
      kind: 'custody-secured',
      body: { when: '2026-11-20T14:00', location: t, keyHolder: 'Quentin Marlowe-Dsl' },
    }),
  },
  {
    name: 'export: to whom (officer)',
    channel: 'app:export.create',
    payload: (t, ids) => ({
      caseIds: [ids.caseId],
      recipient: { officerName: t, force: 'Kingsford Constabulary', reference: 'KB-1' },
      encrypt: false,
    }),
  },
  {
    name: 'export: to whom (reference)',
    channel: 'app:export.create',
    payload: (t, ids) => ({
      caseIds: [ids.caseId],
      recipient: {
        officerName: 'DC Rowan Whitlock',
        force: 'Kingsford Constabulary',
        reference: t,
      },
      encrypt: false,
    }),
  },
  {
    name: 'viewing decision check: what is known',
    channel: 'app:imagery.check',
    payload: (t, ids) => ({
      caseId: ids.caseId,
      body: { decision: 'not-view', knownAboutImagery: t, reason: 'No good and clear reason.' },
    }),
  },
];

const payloadOf = (s: Sample): Uint8Array => s.bytes ?? bytes(s.markup ?? '');

/** Every attack text: every format × every encoding (plus plain base64 and a data: URL). */
const ATTACKS: ReadonlyArray<{ label: string; text: string }> = SAMPLES.flatMap((s) => [
  ...TEXT_ENCODINGS.map((e) => ({ label: `${s.name} as ${e.name}`, text: e.encode(payloadOf(s)) })),
  { label: `${s.name} as base64`, text: Buffer.from(payloadOf(s)).toString('base64') },
  {
    label: `${s.name} as a data: URL`,
    text: `data:${s.mime};base64,${Buffer.from(payloadOf(s)).toString('base64')}`,
  },
]);

interface World {
  call: (route: Route, payload: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
  ids: Ids;
  snapshot: () => Promise<string>;
  close: () => Promise<void>;
}

async function world(): Promise<World> {
  const v = await setUpVault();
  const handlers = createHandlers(v.core);
  const setupDir = tempDir();
  const fresh = new CaseSealCore({ vaultDir: setupDir });
  const setupHandlers = createHandlers(fresh);
  const raw = async (h: Handlers, channel: Channel, payload: unknown) =>
    (await dispatch(h, channel, payload, { trustedSender: true })) as {
      ok: boolean;
      value?: Record<string, unknown>;
      error?: { code: string };
    };
  const opened = await raw(handlers, 'app:cases.open', { details: caseDetails() });
  const caseId = opened.value?.caseId as string;
  const detail = await raw(handlers, 'app:cases.get', { caseId });
  const facts = (detail.value as { facts: { children: Array<{ id: string }> } }).facts;
  const childId = facts.children[0]?.id as string;
  const device = await raw(handlers, 'app:devices.add', { caseId, body: phoneBody(childId) });
  const note = await raw(handlers, 'app:records.add', { caseId, kind: 'note', body: noteBody() });
  const ids: Ids = {
    caseId,
    childId,
    deviceId: device.value?.deviceId as string,
    recordId: note.value?.recordId as string,
  };
  expect(Object.values(ids).every((x) => typeof x === 'string' && x.length > 0)).toBe(true);
  const db = v.core.requireDb();
  const count = async (table: string) =>
    (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
  const snapshot = async () =>
    JSON.stringify({
      records: await count('records'),
      audit: await count('audit'),
      accounts: await count('accounts'),
      cases: await count('cases'),
      settings: await raw(handlers, 'app:settings.get', {}),
      keySlots: readFileSync(join(v.dir, 'keyslots.json'), 'utf8'),
      setUp: fresh.vaultState().state,
    });
  return {
    ids,
    snapshot,
    call: (route, payload) => raw(route.setup ? setupHandlers : handlers, route.channel, payload),
    close: async () => {
      await v.core.close();
      await fresh.close();
      removeDir(v.dir);
      removeDir(setupDir);
    },
  };
}

let w: World;
beforeAll(async () => {
  w = await world();
}, 60_000);
afterAll(async () => {
  await w.close();
});

describe('R2 corpus over every text route', () => {
  it('every format in every encoding, pasted into every text field of every channel (crafted IPC), is refused and nothing is written', async () => {
    const before = await w.snapshot();
    const rows: string[] = [];
    const passed: string[] = [];
    let guard = 0;
    let schema = 0;
    for (const route of ROUTES) {
      let byGuard = 0;
      let bySchema = 0;
      for (const a of ATTACKS) {
        const r = await w.call(route, route.payload(a.text, w.ids));
        if (!r.ok && r.error && GUARD_CODES.has(r.error.code)) byGuard++;
        else if (!r.ok && r.error?.code === 'BAD_INPUT' && a.text.length > 40) bySchema++;
        else passed.push(`${route.name}: ${a.label} -> ${JSON.stringify(r).slice(0, 120)}`);
      }
      guard += byGuard;
      schema += bySchema;
      rows.push(
        `${route.name.padEnd(42)} refused by the guard ${byGuard}, by the field's length ${bySchema}`,
      );
      // Every route is really guarded: much of the corpus fits even a short field.
      expect(byGuard, route.name).toBeGreaterThan(ATTACKS.length / 8);
    }
    console.log(
      `R2 corpus: ${SAMPLES.length} format samples × ${TEXT_ENCODINGS.length + 2} encodings × ${ROUTES.length} routes = ` +
        `${ATTACKS.length * ROUTES.length} crafted calls; refused ${guard + schema} ` +
        `(guard ${guard}, field length ${schema}); stored ${passed.length}\n  ${rows.join('\n  ')}`,
    );
    expect(passed).toEqual([]);
    expect(await w.snapshot()).toBe(before);
  }, 600_000);

  it('legitimate text that only looks encoded (IMEIs, serials, police references, fingerprints, links, five languages, emoji) is never refused by the guard on any route', async () => {
    const refused: string[] = [];
    let accepted = 0;
    let tooLong = 0;
    for (const route of ROUTES) {
      for (const l of LEGIT_TEXTS) {
        const r = await w.call(route, route.payload(l.text, w.ids));
        if (!r.ok && r.error && GUARD_CODES.has(r.error.code))
          refused.push(`${route.name}: ${l.name} -> ${r.error.code}`);
        else if (!r.ok && r.error?.code === 'BAD_INPUT' && l.text.length > 40) tooLong++;
        else accepted++;
      }
    }
    console.log(
      `R2 legitimate corpus: ${LEGIT_TEXTS.length} texts × ${ROUTES.length} routes; accepted by the guard ` +
        `${accepted + tooLong} (${tooLong} then too long for a short field); refused ${refused.length}`,
    );
    expect(refused).toEqual([]);
  }, 300_000);

  it('a bell, another control character and a lone surrogate get their own clear messages on every route, never an image refusal nor an internal error, and nothing is written', async () => {
    const before = await w.snapshot();
    const cases: Array<[string, string, string]> = [
      ['bell (U+0007)', 'Ring\u0007 the office', 'CONTROL_CHARACTER'],
      ['escape (U+001B)', 'red \u001b[31m text', 'CONTROL_CHARACTER'],
      ['lone high surrogate', 'She sent \ud83d then left', 'BROKEN_TEXT'],
      ['lone low surrogate', 'broken \ude00 emoji', 'BROKEN_TEXT'],
    ];
    for (const route of ROUTES) {
      for (const [label, text, code] of cases) {
        const r = (await w.call(route, route.payload(text, w.ids))) as {
          ok: boolean;
          error?: { code: string; message: string };
        };
        expect(r, `${route.name}: ${label}`).toMatchObject({ ok: false, error: { code } });
        expect(r.error?.message).toMatch(/Nothing was saved\.$/);
        expect(r.error?.message).not.toMatch(/image|video|R2/i);
      }
    }
    expect(await w.snapshot()).toBe(before);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Images cut into pieces
// ---------------------------------------------------------------------------------------------

/** 1,600 bytes standing in for the body of a picture (no header: the attacker sends that apart). */
const BODY = Uint8Array.from({ length: 1600 }, (_, i) => ((i * 2654435761) >>> 13) & 255);

const PIECE_ENCODINGS: ReadonlyArray<[string, (b: Uint8Array) => string]> = [
  ['hex', (b) => Buffer.from(b).toString('hex')],
  ['base64', (b) => Buffer.from(b).toString('base64')],
  ['byte list', (b) => Array.from(b).join(', ')],
  ['percent', (b) => Array.from(b, (x) => `%${x.toString(16).padStart(2, '0')}`).join('')],
];

/** Pieces of `size` bytes, each encoded, numbered so they could be put back together. */
function pieces(size: number, encode: (b: Uint8Array) => string, from = 0, count = 999): string[] {
  const out: string[] = [];
  for (let o = from; o < BODY.length && out.length < count; o += size)
    out.push(`part ${out.length + 1}: ${encode(BODY.subarray(o, o + size))}`);
  return out;
}

describe('R2: an image cut into pieces', () => {
  it('pieces under the run limit, many in one field (attack: many short runs in one box), are refused by the field sum and nothing is written', async () => {
    const before = await w.snapshot();
    let refused = 0;
    for (const [name, encode] of PIECE_ENCODINGS) {
      const field = pieces(60, encode, 0, 8).join(' and then ');
      const r = await w.call(
        ROUTES.find((x) => x.name === 'note: details')!,
        {
          caseId: w.ids.caseId,
          kind: 'note',
          body: noteBody({ details: field }),
        },
      );
      expect(r, name).toMatchObject({
        ok: false,
        error: { code: 'IMAGERY_REFUSED', detail: { scope: 'field' } },
      });
      refused++;
    }
    console.log(
      `R2 pieces in one field: refused ${refused} of ${PIECE_ENCODINGS.length}, stored 0`,
    );
    expect(await w.snapshot()).toBe(before);
  });

  it("pieces under every field limit spread across one record's fields (attack: assembling from fields) are refused by the record sum and nothing is written", async () => {
    const before = await w.snapshot();
    const fields = ['childrenConcerned', 'account', 'where', 'involved', 'actionTaken'];
    let refused = 0;
    for (const [name, encode] of PIECE_ENCODINGS) {
      const all = pieces(60, encode);
      // Three pieces (180 bytes) per field: under the run and field limits, 900 bytes in the record.
      const body = concernBody(
        Object.fromEntries(fields.map((f, i) => [f, all.slice(i * 3, i * 3 + 3).join(' ')])),
      );
      const r = await w.call(
        ROUTES.find((x) => x.name === 'concern: account')!,
        { body },
      );
      expect(r, name).toMatchObject({
        ok: false,
        error: { code: 'IMAGERY_REFUSED', detail: { scope: 'record' } },
      });
      refused++;
    }
    console.log(
      `R2 pieces across one record's fields: refused ${refused} of ${PIECE_ENCODINGS.length}, stored 0`,
    );
    expect(await w.snapshot()).toBe(before);
  });

  it('an image spread over several records, each record carrying more than the record limit (attack: assembling from records), is refused record by record and nothing is written', async () => {
    const before = await w.snapshot();
    let refused = 0;
    let sent = 0;
    for (const [name, encode] of PIECE_ENCODINGS) {
      const all = pieces(60, encode);
      // Nine pieces (540 bytes) per record, three to a field: every record over the record limit.
      for (let k = 0; k + 9 <= all.length; k += 9) {
        const chunk = all.slice(k, k + 9);
        const r = await w.call(
          ROUTES.find((x) => x.name === 'note: details')!,
          {
            caseId: w.ids.caseId,
            kind: 'note',
            body: noteBody({
              noteType: 'decision',
              details: chunk.slice(0, 3).join(' '),
              decision: chunk.slice(3, 6).join(' '),
              reason: chunk.slice(6, 9).join(' '),
            }),
          },
        );
        sent++;
        if (!r.ok && r.error && GUARD_CODES.has(r.error.code)) refused++;
        else expect.fail(`${name}: record ${k / 9 + 1} was not refused: ${JSON.stringify(r)}`);
      }
    }
    console.log(`R2 pieces across several records: refused ${refused} of ${sent}, stored 0`);
    expect(refused).toBe(sent);
    expect(await w.snapshot()).toBe(before);
  });
});
