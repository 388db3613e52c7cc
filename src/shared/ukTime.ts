// UK local time for display and entry: records are stored in UTC and shown in Europe/London time
// (docs/rules.md, "Records are evidence": "when (UTC, shown in UK local time)").

const UK_ZONE = 'Europe/London';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function ukParts(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

/** "21/11/2026" */
export function ukDate(iso: string): string {
  const p = ukParts(new Date(iso));
  return `${p.day}/${p.month}/${p.year}`;
}

/** "14:05" */
export function ukTime(iso: string): string {
  const p = ukParts(new Date(iso));
  return `${p.hour}:${p.minute}`;
}

/** "21/11/2026 at 14:05" — the form every signature line uses. */
export function ukDateTime(iso: string): string {
  return `${ukDate(iso)} at ${ukTime(iso)}`;
}

/** "Signed by Jane Doe on 21/11/2026 at 14:05" */
export function signedLine(name: string, iso: string): string {
  return `Signed by ${name} on ${ukDateTime(iso)}`;
}

/** A UK wall-clock time as typed in a form: "2026-11-21T14:05". */
export const UK_LOCAL_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The Europe/London offset from UTC in minutes at the given instant (0 in winter, 60 in summer). */
function ukOffsetMinutes(instant: Date): number {
  const p = ukParts(instant);
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - instant.getTime()) / 60000);
}

/**
 * Convert a UK wall-clock time ("2026-11-21T14:05") to a UTC ISO string. In the autumn hour that
 * happens twice, the earlier (BST) reading is used; in the spring gap, the time is read as GMT.
 */
export function ukLocalToUtc(local: string): string {
  if (!UK_LOCAL_PATTERN.test(local)) throw new Error('not a UK local date-time');
  const [d, t] = local.split('T') as [string, string];
  const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
  const [h, mi] = t.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, da, h, mi);
  // Try the BST reading first, then GMT: the first whose offset agrees wins.
  for (const offset of [60, 0]) {
    const candidate = new Date(naive - offset * 60000);
    if (ukOffsetMinutes(candidate) === offset) return candidate.toISOString();
  }
  return new Date(naive).toISOString();
}

/** Inverse of ukLocalToUtc, for pre-filling datetime inputs. */
export function utcToUkLocal(iso: string): string {
  const p = ukParts(new Date(iso));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Format a UK local "2026-11-21T14:05" as "21/11/2026 at 14:05" without a time-zone round trip. */
export function ukLocalDisplay(local: string): string {
  if (!UK_LOCAL_PATTERN.test(local)) return local;
  const [d, t] = local.split('T') as [string, string];
  const [y, mo, da] = d.split('-');
  return `${da}/${mo}/${y} at ${t}`;
}

/** "2 h 05 min", "3 days 4 h" — how long something has been waiting. */
export function humanDuration(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60000));
  const days = Math.floor(min / 1440);
  const hours = Math.floor((min % 1440) / 60);
  const mins = min % 60;
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} ${hours} h`;
  if (hours > 0) return `${hours} h ${String(mins).padStart(2, '0')} min`;
  return `${mins} min`;
}
