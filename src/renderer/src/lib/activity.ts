// Tells main the person is still at the keyboard (throttled), so the idle lock counts
// real use of the window, not just calls that happen to reach main.
import { call } from './api';

const THROTTLE_MS = 15_000;

export function startActivityPings(): () => void {
  let last = 0;
  const ping = () => {
    const now = Date.now();
    if (now - last < THROTTLE_MS) return;
    last = now;
    call('app:session.touch', {}).catch(() => undefined);
  };
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  events.forEach((e) => window.addEventListener(e, ping, { passive: true, capture: true }));
  return () => events.forEach((e) => window.removeEventListener(e, ping, { capture: true }));
}
