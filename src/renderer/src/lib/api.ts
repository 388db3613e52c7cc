// The renderer's only way to reach main (docs/design.md): typed calls over the preload's
// window.api, one per contract channel, unwrapping the { ok, value } | { ok: false, error } envelope.
import type { Channel, EventName } from '../../../shared/ipc/channels';
import type {
  ChannelInput,
  ChannelOutput,
  EventPayloads,
  IpcResult,
} from '../../../shared/ipc/contract';

type Bridge = { [C in Channel]: (payload: unknown) => Promise<IpcResult<unknown>> } & {
  on: (event: EventName, listener: (payload: unknown) => void) => () => void;
};

declare global {
  interface Window {
    api: Bridge;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly detail: Record<string, unknown> | undefined;
  constructor(code: string, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
  }
}

export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const res = await window.api[channel](input);
  if (!res.ok) throw new ApiError(res.error.code, res.error.message, res.error.detail);
  return res.value as ChannelOutput<C>;
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  return window.api.on(event, (p) => listener(p as EventPayloads[E]));
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return 'Something went wrong. Nothing was saved.';
}
