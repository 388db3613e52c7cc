// The idle lock: main locks the session when nobody has touched the app for the school's chosen
// time (Settings), so an unattended PC never stays open on a case. Tests set a few seconds.
import { DEFAULT_SETTINGS } from '../../../shared/settings';

export class IdleLock {
  private timer: NodeJS.Timeout | null = null;
  private limitMs: number;

  /**
   * `overrideMs` (tests) wins over the school's setting; `lastActivity` reads the session's last
   * touch, or null when nobody is signed in; `onIdle` locks.
   */
  constructor(
    private readonly overrideMs: number | undefined,
    private readonly checkMs: number,
    private readonly lastActivity: () => number | null,
    private readonly onIdle: () => void,
  ) {
    this.limitMs = overrideMs ?? DEFAULT_SETTINGS.idleLockMinutes * 60_000;
  }

  /** The school's setting, unless a test override holds. */
  setMinutes(minutes: number): void {
    this.limitMs = this.overrideMs ?? minutes * 60_000;
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      const last = this.lastActivity();
      if (last !== null && Date.now() - last >= this.limitMs) this.onIdle();
    }, this.checkMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
