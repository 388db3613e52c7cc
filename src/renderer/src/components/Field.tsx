// Labelled form controls with hint and error text wired up for screen readers (WCAG 2.2:
// labels, aria-describedby, aria-invalid), used by every form.
import {
  forwardRef,
  useEffect,
  useId,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';

interface Common {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

function describedBy(
  hintId: string,
  errorId: string,
  hint: unknown,
  error: unknown,
): string | undefined {
  return [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
}

/** The label, hint and error around one control, and the ARIA wiring the control needs. */
export function FieldFrame({
  label,
  hint,
  error,
  id,
  className,
  children,
}: Common & {
  id: string | undefined;
  /** Extra classes on the field's wrapper (e.g. "field-self"). */
  className?: string;
  children: (a11y: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field${className ? ` ${className}` : ''}${error ? ' field-error' : ''}`}>
      <label htmlFor={fieldId}>{label}</label>
      {hint && (
        <div className="hint" id={`${fieldId}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="error-text" id={`${fieldId}-error`}>
          {error}
        </p>
      )}
      {children({
        id: fieldId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(`${fieldId}-hint`, `${fieldId}-error`, hint, error),
      })}
    </div>
  );
}

export const TextField = forwardRef<
  HTMLInputElement,
  Common & InputHTMLAttributes<HTMLInputElement>
>(function TextField({ label, hint, error, id, ...rest }, ref) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      {(a11y) => <input ref={ref} {...a11y} {...rest} />}
    </FieldFrame>
  );
});

export const TextArea = forwardRef<
  HTMLTextAreaElement,
  Common & TextareaHTMLAttributes<HTMLTextAreaElement>
>(function TextArea({ label, hint, error, id, ...rest }, ref) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      {(a11y) => <textarea ref={ref} rows={5} {...a11y} {...rest} />}
    </FieldFrame>
  );
});

/** One problem in the error summary: its message and, when it has one, the field it is about. */
export interface SummaryItem {
  message: string;
  /** The id of the field the item links to (GOV.UK: each item is a link to its field). */
  fieldId?: string;
}

/**
 * A form-level error summary (GOV.UK pattern). It takes focus once per submit — when `focusKey`
 * changes (e.g. the form's submit count) — never while the person types; without a `focusKey`, when
 * the messages change. Its items link to their fields; it disappears when nothing is left to fix.
 */
export function ErrorSummary({
  title = 'There is a problem',
  messages = [],
  items,
  focusKey,
}: {
  title?: string;
  messages?: readonly string[];
  items?: readonly SummaryItem[];
  focusKey?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const all: SummaryItem[] = [...messages.map((m) => ({ message: m })), ...(items ?? [])];
  const key = focusKey !== undefined ? String(focusKey) : all.map((i) => i.message).join('\n');
  const shown = all.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
    // Only the key decides when to take focus: a change in the messages while typing must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!shown) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {all.map((m, i) => (
          <li key={i}>
            {m.fieldId ? (
              <a
                href={`#${m.fieldId}`}
                onClick={(e) => {
                  // Move to the field itself (a hash change would do nothing in this app).
                  e.preventDefault();
                  const el = document.getElementById(m.fieldId!);
                  const target =
                    el && el.matches('input,select,textarea,button')
                      ? el
                      : el?.querySelector<HTMLElement>('input,select,textarea,button');
                  target?.focus();
                  el?.scrollIntoView({ block: 'center' });
                }}
              >
                {m.message}
              </a>
            ) : (
              m.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PassphraseMeter({ score, feedback }: { score: number; feedback: string }) {
  const labels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];
  return (
    <div className="meter" aria-live="polite">
      <meter
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={score}
        aria-label="Passphrase strength"
      />
      <span>
        {labels[score] ?? ''}. {feedback}
      </span>
    </div>
  );
}
