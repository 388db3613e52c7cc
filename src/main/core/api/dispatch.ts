// Validates and dispatches one IPC call (architecture.md rule 1): unknown channel, foreign sender,
// malformed payload and imagery are refused with typed errors before any handler runs; errors
// leave as { code, message } and internal details never cross the boundary.
import { ZodError } from 'zod';
import { contract, type IpcResult } from '../../../shared/ipc/contract';
import { isChannel, type Channel } from '../../../shared/ipc/channels';
import { CaseSealError, ERROR_MESSAGES } from '../../../shared/errors';
import { findImagery } from '../guard/textBoundary';
import type { Handlers } from './handlers';

export interface CallContext {
  /** True only when the call came from our own top-level renderer frame (checked by the glue). */
  trustedSender: boolean;
}

export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown, ctx: CallContext): Promise<IpcResult<unknown>> {
  if (!ctx.trustedSender) return fail(new CaseSealError('FORBIDDEN_SENDER'));
  if (!isChannel(channel)) return fail(new CaseSealError('UNKNOWN_CHANNEL'));
  const parsed = contract[channel].safeParse(payload ?? {});
  if (!parsed.success) return fail(badInput(parsed.error));
  // R2 on every payload, before any handler sees it (kinds re-check their bodies too).
  const imagery = findImagery(parsed.data);
  if (imagery) return fail(new CaseSealError('IMAGERY_REFUSED', undefined, { field: imagery.path, format: imagery.format }));
  try {
    const handler = handlers[channel as Channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value: value ?? null };
  } catch (e) {
    return fail(e);
  }
}

function badInput(err: ZodError): CaseSealError {
  const first = err.issues[0];
  return new CaseSealError('BAD_INPUT', first?.message && !/^Invalid|^Expected|^Unrecognized/.test(first.message) ? first.message : ERROR_MESSAGES.BAD_INPUT, {
    issues: err.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

function fail(e: unknown): IpcResult<never> {
  if (e instanceof CaseSealError) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) } };
  }
  if (e instanceof ZodError) return fail(badInput(e));
  // Anything else is a bug or an environment failure: its message may hold data, so it stays here.
  return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
}
