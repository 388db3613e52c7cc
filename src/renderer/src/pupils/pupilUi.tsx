// Small GOV.UK-pattern pieces the pupil screens share: an error summary whose items link to their
// fields, a date as three DD MM YYYY fields, yes/no radios, and a "save the PDF" button (main shows
// the save dialog and writes the file; the renderer can neither save nor print one).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { call, errorMessage } from '../lib/api';
import type { ChannelInput } from '../../../shared/ipc/contract';

export interface FieldError {
  field: string;
  message: string;
}

/** Items link to the field with that id (GOV.UK error summary); focused when it appears. */
export function LinkedErrorSummary({ errors }: { errors: readonly FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.field}:${e.message}`).join('\n');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div
      className="error-summary linked-error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="pupil-errors-title"
    >
      <h2 id="pupil-errors-title">There is a problem</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}-${e.message}`}>
            <a
              href={`#${e.field}`}
              onClick={(ev) => {
                ev.preventDefault();
                document.getElementById(e.field)?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export function dateParts(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { day: m[3]!, month: m[2]!, year: m[1]! } : EMPTY_DATE;
}

/** "YYYY-MM-DD", '' when all three are empty, or null when they do not make a real date. */
export function isoFromParts(p: DateParts): string | null {
  if (!p.day && !p.month && !p.year) return '';
  const d = Number(p.day);
  const m = Number(p.month);
  const y = Number(p.year);
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || p.year.length !== 4)
    return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${p.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date as Day, Month, Year fields (GOV.UK date input); the first field carries `id`. */
export function DateInput({
  id,
  legend,
  hint,
  value,
  error,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  value: DateParts;
  error?: string;
  onChange: (v: DateParts) => void;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const part = (key: keyof DateParts, label: string, width: number, suffix: string) => (
    <div className="date-part">
      <label htmlFor={suffix ? `${id}-${suffix}` : id}>{label}</label>
      <input
        id={suffix ? `${id}-${suffix}` : id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={width}
        maxLength={width}
        value={value[key]}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange({ ...value, [key]: e.target.value.trim() })}
      />
    </div>
  );
  return (
    <fieldset
      className={`field date-input${error ? ' field-error' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="date-parts">
        {part('day', 'Day', 2, '')}
        {part('month', 'Month', 2, 'month')}
        {part('year', 'Year', 4, 'year')}
      </div>
    </fieldset>
  );
}

export function YesNo({
  id,
  legend,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  value: boolean | undefined;
  onChange: (v: boolean | undefined) => void;
}) {
  const opts: Array<[string, boolean | undefined]> = [
    ['Yes', true],
    ['No', false],
    ['Not known', undefined],
  ];
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className="radio-list">
        {opts.map(([label, v], i) => (
          <div className="radio" key={label}>
            <input
              type="radio"
              id={i === 0 ? id : `${id}-${i}`}
              name={id}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            <label htmlFor={i === 0 ? id : `${id}-${i}`}>{label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** "Save the chronology as a PDF": audited in main once the file is written. */
export function PrintButton({
  target,
  label,
}: {
  target: ChannelInput<'app:pupils.print'>;
  label: string;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('app:pupils.print', target);
      setMessage(
        r.saved
          ? {
              text: `Saved ${r.fileName} (${r.entries} entries). It is marked OFFICIAL-SENSITIVE: print it for the meeting and keep it secure.`,
              error: false,
            }
          : { text: 'The chronology was not saved.', error: false },
      );
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="receipt-button">
      <button type="button" onClick={() => void save()} disabled={busy}>
        {busy ? 'Saving…' : label}
      </button>
      <span className="receipt-saved" role="status">
        {message && !message.error ? message.text : ''}
      </span>
      {message?.error && (
        <span className="error-text" role="alert">
          {message.text}
        </span>
      )}
    </span>
  );
}

export function Section({
  id,
  title,
  children,
  action,
}: {
  id: string;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="pupil-section">
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}
