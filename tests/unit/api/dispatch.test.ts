// The IPC refusal pipeline, channel by channel: a hostile renderer's malformed, oversized, cyclic
// or image-carrying payload is refused with a plain error BEFORE any handler runs. Driven by the
// contract's own channel list, so a channel added later is covered without editing this file.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatch } from '../../../src/main/core/api/dispatch';
import type { Handlers } from '../../../src/main/core/api/handlers';
import { CHANNELS, type Channel } from '../../../src/shared/ipc/channels';
import { contract } from '../../../src/shared/ipc/contract';
import { CaseSealError, ERROR_MESSAGES } from '../../../src/shared/errors';

/** Handlers that only note that they were reached, and with what. */
function spyHandlers(answer: () => unknown = () => ({ done: true })) {
  const reached: Array<{ channel: Channel; input: unknown }> = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (input: unknown) => {
        reached.push({ channel, input });
        return answer();
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, reached };
}

const trusted = { trustedSender: true };
const CAP = 4_000_000;
const SIZE_MESSAGE = 'That is far more text than CaseSeal accepts in one go. Nothing was saved.';

describe('a malformed payload is refused on EVERY channel of the contract, before its handler runs', () => {
  const malformed: Array<[string, unknown]> = [
    ['a string', 'DROP TABLE records'],
    ['a number', 42],
    ['an array', [{ caseId: 'x' }]],
    ['a boolean', true],
    ['an object with a key no schema knows', { injected: true }],
  ];
  it('the contract lists a schema for every channel (the list this test walks)', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS.length).toBeGreaterThanOrEqual(40);
  });
  for (const channel of CHANNELS) {
    it(`${channel}: refused BAD_INPUT, handler never reached`, async () => {
      const { handlers, reached } = spyHandlers();
      for (const [label, payload] of malformed) {
        const r = await dispatch(handlers, channel, payload, trusted);
        expect(r, `${channel} with ${label}`).toMatchObject({
          ok: false,
          error: { code: 'BAD_INPUT', message: expect.any(String) },
        });
      }
      expect(reached).toEqual([]);
    });
  }

  it('a call without a payload reaches the handler of every channel that takes none', async () => {
    const none = CHANNELS.filter((c) => contract[c].safeParse({}).success);
    expect(none).toContain('app:vault.status');
    for (const channel of none) {
      const { handlers, reached } = spyHandlers();
      expect(await dispatch(handlers, channel, undefined, trusted)).toEqual({
        ok: true,
        value: { done: true },
      });
      expect(reached).toEqual([{ channel, input: {} }]);
    }
  });
});

describe('the payload size cap', () => {
  /** A concern whose JSON form is exactly `size` characters long. */
  const concernOfSize = (size: number) => {
    const shell = JSON.stringify({ body: { account: '' } }).length;
    const fill = size - shell;
    const payload = { body: { account: 'a '.repeat(Math.floor(fill / 2)) + 'a'.repeat(fill % 2) } };
    expect(JSON.stringify(payload).length).toBe(size);
    return payload;
  };

  it('an oversized payload (one character over the cap) is refused with a plain message and no handler runs', async () => {
    const { handlers, reached } = spyHandlers();
    const r = await dispatch(handlers, 'app:records.concern', concernOfSize(CAP + 1), trusted);
    expect(r).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: SIZE_MESSAGE } });
    expect(reached).toEqual([]);
  });

  it('a payload exactly at the cap still reaches the handler', async () => {
    const { handlers, reached } = spyHandlers();
    const r = await dispatch(handlers, 'app:records.concern', concernOfSize(CAP), trusted);
    expect(r).toEqual({ ok: true, value: { done: true } });
    expect(reached).toHaveLength(1);
  });

  it('a cyclic payload (structured clone carries cycles) or a BigInt is refused, no handler runs', async () => {
    const { handlers, reached } = spyHandlers();
    const cyclic: Record<string, unknown> = { body: {} };
    (cyclic.body as Record<string, unknown>).self = cyclic;
    for (const payload of [cyclic, { body: { n: 10n } }]) {
      const r = await dispatch(handlers, 'app:records.concern', payload, trusted);
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: ERROR_MESSAGES.BAD_INPUT },
      });
    }
    expect(reached).toEqual([]);
  });
});

describe('refusals before the payload is looked at', () => {
  it('a foreign sender is refused on every channel, even with a valid payload', async () => {
    const { handlers, reached } = spyHandlers();
    for (const channel of CHANNELS) {
      expect(await dispatch(handlers, channel, {}, { trustedSender: false })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER', message: ERROR_MESSAGES.FORBIDDEN_SENDER },
      });
    }
    expect(reached).toEqual([]);
  });

  it('an unknown channel, or a name from Object.prototype, is refused', async () => {
    const { handlers, reached } = spyHandlers();
    for (const channel of ['app:records.delete', 'constructor', 'toString', '__proto__', 7]) {
      expect(await dispatch(handlers, channel, {}, trusted)).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: ERROR_MESSAGES.UNKNOWN_CHANNEL },
      });
    }
    expect(reached).toEqual([]);
  });

  it('a base64 JPEG inside a valid payload is refused under R2, naming the field, before the handler', async () => {
    const { handlers, reached } = spyHandlers();
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0'),
      Buffer.alloc(200, 0x41),
    ]).toString('base64');
    const r = await dispatch(handlers, 'app:records.concern', { body: { account: jpeg } }, trusted);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'IMAGERY_REFUSED',
        // The refusal says what was refused and why, in plain words, citing R2.
        message: expect.stringMatching(
          /^Refused under rule R2: this text holds JPEG data.*Nothing was saved\.$/,
        ),
        detail: { field: 'body.account', format: 'JPEG', encoding: 'base64' },
      },
    });
    expect(reached).toEqual([]);
  });
});

describe('what crosses back to the renderer', () => {
  it('the handler receives the parsed payload and its answer is wrapped; "nothing" becomes null', async () => {
    const { handlers, reached } = spyHandlers(() => undefined);
    const caseId = '00000000-0000-4000-8000-000000000001';
    expect(await dispatch(handlers, 'app:cases.get', { caseId }, trusted)).toEqual({
      ok: true,
      value: null,
    });
    expect(reached).toEqual([{ channel: 'app:cases.get', input: { caseId } }]);
  });

  it("a schema's own plain message reaches the person; zod's raw wording never does", async () => {
    const { handlers } = spyHandlers();
    const plain = await dispatch(
      handlers,
      'app:accounts.create',
      { fullName: 'A', role: 'staff', passphrase: 'x' },
      trusted,
    );
    expect(plain).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'Give the full name.',
        detail: { issues: [{ path: 'fullName', message: 'Give the full name.' }] },
      },
    });
    const nested = await dispatch(
      handlers,
      'app:settings.update',
      { school: { urn: 12 } },
      trusted,
    );
    expect(nested).toMatchObject({
      ok: false,
      error: { detail: { issues: [expect.objectContaining({ path: 'school.urn' })] } },
    });
    for (const payload of [{ caseId: 7 }, { caseId: 'not-a-uuid' }, { caseId: 'x', extra: 1 }]) {
      const raw = await dispatch(handlers, 'app:cases.get', payload, trusted);
      expect(raw).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: ERROR_MESSAGES.BAD_INPUT },
      });
    }
  });

  it('lists at most 20 problems with a payload', async () => {
    const { handlers } = spyHandlers();
    const groups = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`k${i}`, 'x'.repeat(30)]),
    );
    const r = await dispatch(handlers, 'app:setup.confirm', { groups }, trusted);
    if (r.ok) throw new Error('expected a refusal');
    const issues = (r.error.detail as { issues: unknown[] }).issues;
    expect(issues.length).toBe(20);
  });

  it("a handler's own refusal keeps its code, message and detail; without detail, no detail key", async () => {
    const { handlers } = spyHandlers();
    const withDetail = {
      ...handlers,
      'app:cases.get': async () => {
        throw new CaseSealError('RULE_BLOCKED', 'R5 is not met.', { rules: ['R5'] });
      },
    } as unknown as Handlers;
    expect(
      await dispatch(
        withDetail,
        'app:cases.get',
        { caseId: '00000000-0000-4000-8000-000000000001' },
        trusted,
      ),
    ).toEqual({
      ok: false,
      error: { code: 'RULE_BLOCKED', message: 'R5 is not met.', detail: { rules: ['R5'] } },
    });
    const noDetail = {
      ...handlers,
      'app:cases.get': async () => {
        throw new CaseSealError('NOT_FOUND');
      },
    } as unknown as Handlers;
    expect(
      await dispatch(
        noDetail,
        'app:cases.get',
        { caseId: '00000000-0000-4000-8000-000000000001' },
        trusted,
      ),
    ).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND } });
  });

  it('a schema failure deep inside a handler is a plain BAD_INPUT; any other failure stays inside main', async () => {
    const { handlers } = spyHandlers();
    const deep = {
      ...handlers,
      'app:cases.get': async () => {
        z.object({ title: z.string().min(3, 'Give the case a title.') }).parse({ title: '' });
      },
    } as unknown as Handlers;
    expect(
      await dispatch(
        deep,
        'app:cases.get',
        { caseId: '00000000-0000-4000-8000-000000000001' },
        trusted,
      ),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Give the case a title.' } });
    const leaky = {
      ...handlers,
      'app:cases.get': async () => {
        throw new Error('SQLITE_CONSTRAINT: child Tallulah Vance');
      },
    } as unknown as Handlers;
    expect(
      await dispatch(
        leaky,
        'app:cases.get',
        { caseId: '00000000-0000-4000-8000-000000000001' },
        trusted,
      ),
    ).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
  });
});

describe('secrets that are never saved are exempt from the run rule, and nothing else is', () => {
  // A password manager's passphrase: 128 characters that look exactly like encoded data.
  const generated = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 37 + 11) & 255)).toString(
    'base64',
  );
  const accountId = '00000000-0000-4000-8000-000000000001';

  it('a generated passphrase that looks like random data reaches sign-in, a passphrase change and an export check', async () => {
    const { handlers, reached } = spyHandlers();
    const calls: Array<[Channel, Record<string, unknown>]> = [
      ['app:session.signIn', { accountId, passphrase: generated }],
      ['app:accounts.changePassphrase', { current: generated, next: generated }],
      ['app:export.verify', { token: accountId, passphrase: generated }],
    ];
    for (const [channel, payload] of calls) {
      expect(await dispatch(handlers, channel, payload, trusted), channel).toEqual({
        ok: true,
        value: { done: true },
      });
    }
    expect(reached.map((r) => r.channel)).toEqual(calls.map(([c]) => c));
  });

  it('attack: the same encoded-looking text smuggled into a record body, or into a field merely named "passphrase" inside it, is refused under R2', async () => {
    const { handlers, reached } = spyHandlers();
    for (const body of [{ account: generated }, { passphrase: generated }]) {
      const r = await dispatch(handlers, 'app:records.concern', { body }, trusted);
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'IMAGERY_REFUSED', message: expect.stringMatching(/R2/) },
      });
    }
    expect(reached).toEqual([]);
  });
});
