// Validates and dispatches one IPC call (docs/design.md): unknown channel, foreign sender,
// malformed payload and imagery are refused with typed errors before any handler runs; errors
// leave as { code, message } and internal details never cross the boundary.
import { ZodError } from 'zod';
import { contract, type IpcResult } from '../../../shared/ipc/contract';
import { isChannel, type Channel } from '../../../shared/ipc/channels';
import { CaseSealError, ERROR_MESSAGES } from '../../../shared/errors';
import { findTextProblem, textProblemError } from '../guard/textBoundary';
import type { Handlers } from './handlers';

export interface CallContext {
  /** True only when the call came from our own top-level renderer frame (checked by the glue). */
  trustedSender: boolean;
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  ctx: CallContext,
): Promise<IpcResult<unknown>> {
  if (!ctx.trustedSender) return fail(new CaseSealError('FORBIDDEN_SENDER'));
  if (!isChannel(channel)) return fail(new CaseSealError('UNKNOWN_CHANNEL'));
  try {
    // A hostile renderer could send a huge payload: nothing a person types comes near this cap.
    if (payloadSize(payload) > MAX_PAYLOAD_CHARS)
      return fail(
        new CaseSealError(
          'BAD_INPUT',
          'That is far more text than CaseSeal accepts in one go. Nothing was saved.',
        ),
      );
  } catch {
    return fail(new CaseSealError('BAD_INPUT'));
  }
  const parsed = contract[channel].safeParse(payload ?? {});
  if (!parsed.success) return fail(badInput(parsed.error));
  try {
    // R2 and clean text on every payload, before any handler sees it (kinds re-check their bodies
    // too): every string of every channel — set-up, account names, settings, searches, export
    // recipients, record bodies — per field and summed over the payload (one record).
    const problem = findTextProblem(parsed.data, { secretPaths: SECRET_PATHS[channel] });
    if (problem) return fail(textProblemError(problem));
    const handler = handlers[channel as Channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value: value ?? null };
  } catch (e) {
    return fail(e);
  }
}

/** Passphrases and recovery keys are never stored, so the run rule (which bounds what can be
 *  saved) is not applied to them: a generated passphrase may look like random data. Signatures are
 *  still sniffed there. Top-level paths only, so no record body can claim the exemption. */
const SECRET_PATHS: Partial<Record<Channel, ReadonlySet<string>>> = {
  'app:setup.begin': new Set(['dsl.passphrase']),
  'app:setup.confirm': new Set(Array.from({ length: 10 }, (_, i) => `groups.${i}`)),
  'app:session.signIn': new Set(['passphrase']),
  'app:accounts.create': new Set(['passphrase']),
  'app:accounts.changePassphrase': new Set(['current', 'next']),
  'app:accounts.resetWithRecovery': new Set(['recoveryKey', 'newPassphrase']),
  'app:records.countersign': new Set(['passphrase']),
  'app:imagery.finalise': new Set(['witnessPassphrase']),
  'app:imagery.signAsOther': new Set(['passphrase']),
  'app:export.verify': new Set(['passphrase']),
};

/** 4 million characters: about 40 long records' worth of text in one call. */
const MAX_PAYLOAD_CHARS = 4_000_000;

function payloadSize(payload: unknown): number {
  // Stryker disable next-line ConditionalExpression: JSON.stringify(undefined) is undefined, so the size is 0 either way
  if (payload === undefined) return 0;
  // JSON.stringify throws on cycles and BigInt — both are refused as bad input by the caller.
  // Stryker disable next-line OptionalChaining: only a function or symbol stringifies to undefined; refused as BAD_INPUT either way
  return JSON.stringify(payload)?.length ?? 0;
}

function badInput(err: ZodError): CaseSealError {
  const first = err.issues[0];
  return new CaseSealError(
    'BAD_INPUT',
    // Stryker disable next-line OptionalChaining,Regex: a ZodError has at least one issue; no plain message in the contract holds these words
    first?.message && !/^Invalid|^Expected|^Unrecognized/.test(first.message)
      ? first.message
      : ERROR_MESSAGES.BAD_INPUT,
    {
      issues: err.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    },
  );
}

function fail(e: unknown): IpcResult<never> {
  if (e instanceof CaseSealError) {
    return {
      ok: false,
      error: { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) },
    };
  }
  if (e instanceof ZodError) return fail(badInput(e));
  // Anything else is a bug or an environment failure: its message may hold data, so it stays here.
  return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
}
