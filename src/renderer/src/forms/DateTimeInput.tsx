// Dates and times as the GOV.UK date input: separate Day, Month, Year (and 24-hour Hour, Minute)
// boxes that never depend on the computer's locale, with a one-click "Now" (or "Today"). The value
// is the UK wall-clock text the records hold: "YYYY-MM-DD", "HH:mm" or "YYYY-MM-DDTHH:mm".
import { useEffect, useState, type ReactNode } from 'react';
import { utcToUkLocal } from '../../../shared/ukTime';

export type DateTimeKind = 'date' | 'time' | 'datetime';

interface Parts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

const EMPTY: Parts = { day: '', month: '', year: '', hour: '', minute: '' };

/** Read a stored value into boxes; anything else leaves them empty. */
export function partsOf(kind: DateTimeKind, value: unknown): Parts {
  if (typeof value !== 'string') return EMPTY;
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const time = /(?:^|T)(\d{2}):(\d{2})$/.exec(value);
  return {
    year: kind !== 'time' && date ? date[1]! : '',
    month: kind !== 'time' && date ? date[2]! : '',
    day: kind !== 'time' && date ? date[3]! : '',
    hour: kind !== 'date' && time ? time[1]! : '',
    minute: kind !== 'date' && time ? time[2]! : '',
  };
}

/** Held while the boxes do not make a date: the schema refuses it with the field's plain message. */
const NOT_A_DATE = 'not a date';

const pad = (s: string, n = 2) => s.trim().padStart(n, '0');

/**
 * The stored text for what was typed: '' when every box is empty; a well-formed value when the
 * boxes make a real date and time; otherwise text the schema refuses with its plain message
 * ("Enter … as a date (DD MM YYYY) and a time (HH:MM)"), so a typed date is never silently dropped.
 */
export function valueOf(kind: DateTimeKind, p: Parts): string {
  const used =
    kind === 'date'
      ? [p.day, p.month, p.year]
      : kind === 'time'
        ? [p.hour, p.minute]
        : Object.values(p);
  if (used.every((x) => x.trim() === '')) return '';
  const digits = used.every((x) => /^\d+$/.test(x.trim()));
  const [d, m, y, h, mi] = [p.day, p.month, p.year, p.hour, p.minute].map((x) => Number(x.trim()));
  const realDate =
    kind === 'time' ||
    (p.year.trim().length === 4 &&
      (() => {
        const t = new Date(Date.UTC(y!, m! - 1, d!));
        return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d;
      })());
  const realTime = kind === 'date' || (h! >= 0 && h! <= 23 && mi! >= 0 && mi! <= 59);
  if (!digits || !realDate || !realTime) return NOT_A_DATE;
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  return kind === 'date' ? date : kind === 'time' ? time : `${date}T${time}`;
}

export function DateTimeInput({
  id,
  kind,
  legend,
  help,
  error,
  describedBy,
  value,
  onChange,
  onBlur,
  withNow = true,
}: {
  /** The first box's id: the error summary links here. */
  id: string;
  kind: DateTimeKind;
  legend: ReactNode;
  help?: ReactNode;
  error?: ReactNode;
  describedBy?: string;
  value: unknown;
  onChange: (v: string) => void;
  onBlur?: () => void;
  /** "Now" suits when something happened; not a setting such as the end of the school day. */
  withNow?: boolean;
}) {
  const [parts, setParts] = useState<Parts>(() => partsOf(kind, value));
  // Follow a value set from outside (a default, "Now", a reset) without undoing what is being
  // typed: a half-typed date is held in the boxes, and its stored text is never read back.
  useEffect(() => {
    const mine = valueOf(kind, parts);
    if (value === mine) return;
    if (typeof value === 'string' && value !== '' && value !== NOT_A_DATE)
      setParts(partsOf(kind, value));
    else if ((value === undefined || value === '') && mine !== '') setParts(EMPTY);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const set = (patch: Partial<Parts>) => {
    const next = { ...parts, ...patch };
    setParts(next);
    onChange(valueOf(kind, next));
  };
  const now = () => {
    const next = partsOf(
      kind,
      utcToUkLocal(new Date().toISOString()).slice(
        kind === 'time' ? 11 : 0,
        kind === 'date' ? 10 : undefined,
      ),
    );
    setParts(next);
    onChange(valueOf(kind, next));
  };
  const box = (key: keyof Parts, label: string, width: number, boxId: string): ReactNode => (
    <div className="date-input-item" key={key}>
      <label htmlFor={boxId}>{label}</label>
      <input
        id={boxId}
        className={`date-input-box w${width}`}
        inputMode="numeric"
        autoComplete="off"
        maxLength={width}
        value={parts[key]}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => set({ [key]: e.target.value.replace(/[^\d]/g, '') })}
        onBlur={onBlur}
      />
    </div>
  );
  const first = kind === 'time' ? 'hour' : 'day';
  const idOf = (k: keyof Parts) => (k === first ? id : `${id}-${k}`);
  return (
    <fieldset
      className={`field date-input${error ? ' field-error' : ''}`}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {help}
      <p className="hint" id={`${id}-format`}>
        {kind === 'date'
          ? 'For example, 27 11 2026.'
          : kind === 'time'
            ? 'For example, 14 05 (24-hour clock).'
            : 'For example, 27 11 2026 at 14 05 (24-hour clock).'}
      </p>
      {error}
      <div className="date-input-row">
        {kind !== 'time' && (
          <>
            {box('day', 'Day', 2, idOf('day'))}
            {box('month', 'Month', 2, idOf('month'))}
            {box('year', 'Year', 4, idOf('year'))}
          </>
        )}
        {kind === 'datetime' && (
          <span className="date-input-at" aria-hidden="true">
            at
          </span>
        )}
        {kind !== 'date' && (
          <>
            {box('hour', 'Hour', 2, idOf('hour'))}
            {box('minute', 'Minute', 2, idOf('minute'))}
          </>
        )}
        {kind !== 'date' && withNow && (
          <button type="button" className="secondary date-input-now" onClick={now}>
            Now<span className="visually-hidden"> — fill in the current date and time</span>
          </button>
        )}
      </div>
    </fieldset>
  );
}
