// What the core's facade is built with and what it tells the Electron glue: the options (injected
// vault folder, clock and test hooks), why a session was locked, and the events it emits to listeners.
import type { ImportStep } from '../intake/importIntake';
import type { IntakeStep } from '../intake/intakeFolder';

export type LockReason = 'manual' | 'idle' | 'sleep' | 'screen-lock' | 'quit' | 'restore';

export type CoreEvent =
  | { type: 'locked'; reason: LockReason }
  | { type: 'integrity-alarm'; problems: number }
  | { type: 'progress'; task: string; done: number; total: number };

export interface CoreOptions {
  vaultDir: string;
  clock?: () => Date;
  /** Overrides the idle-lock setting (tests use a few seconds). */
  idleLockMs?: number;
  /** How often the idle timer looks at the clock. */
  idleCheckMs?: number;
  /** Called between the steps of sealing and importing a concern (the crash tests stop there). */
  intakeSteps?: (step: IntakeStep | ImportStep) => void;
  /** The built worker entry (default: beside the main bundle, out/main/worker.js). */
  workerScript?: string;
}

/** The core's listeners (the Electron glue forwards events to the renderer). */
export class CoreEvents {
  private readonly listeners = new Set<(e: CoreEvent) => void>();

  on(listener: (e: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        /* a listener's failure must not break the core */
      }
    }
  }
}
