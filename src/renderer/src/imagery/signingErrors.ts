// What a dialog shows when main refuses a signature made with another person's passphrase (R4, R5):
// the message, the rules not met (RULE_BLOCKED), and how long to wait after too many wrong
// passphrases (LOCKED_OUT, retryAfterSeconds). Wrong passphrases keep the dialog open.
import { useEffect, useState } from 'react';
import type { Finding } from '../../../shared/rules/finding';
import { ApiError, errorMessage } from '../lib/api';

export interface Refusal {
  code: string;
  message: string;
  findings: Finding[];
  retryAfterSeconds: number;
}

export function refusalOf(e: unknown, stage: Finding['stage'] = 'sign'): Refusal {
  const code = e instanceof ApiError ? e.code : 'INTERNAL';
  const detail = e instanceof ApiError ? e.detail : undefined;
  const raw = Array.isArray(detail?.findings) ? (detail.findings as Array<Partial<Finding>>) : [];
  // Main's RULE_BLOCKED detail lists rule, status, message (and field); the stage is what was refused.
  const findings = raw.map(
    (f) =>
      ({
        rule: String(f.rule),
        status: f.status ?? 'blocks',
        stage: f.stage ?? stage,
        message: String(f.message),
        ...(f.field ? { field: f.field } : {}),
      }) as Finding,
  );
  const retry = typeof detail?.retryAfterSeconds === 'number' ? detail.retryAfterSeconds : 0;
  return { code, message: errorMessage(e), findings, retryAfterSeconds: retry };
}

/** Seconds left before the person may try their passphrase again (counts down once a second). */
export function useRetryWait(): { seconds: number; start: (seconds: number) => void } {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return {
    seconds,
    start: (s: number) => {
      if (s > 0) {
        setNow(Date.now());
        setUntil(Date.now() + s * 1000);
      }
    },
  };
}
