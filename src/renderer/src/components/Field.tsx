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
  label: string;
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
function FieldFrame({
  label,
  hint,
  error,
  id,
  children,
}: Common & {
  id: string | undefined;
  children: (a11y: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={fieldId}>{label}</label>
      {hint && (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
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

/** A form-level error summary that takes focus, so the problem is announced and found. */
export function ErrorSummary({
  title = 'There is a problem',
  messages,
}: {
  title?: string;
  messages: readonly string[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = messages.join('\n');
  // Focus when the messages change, not on every render: typing in a controlled field re-renders
  // the form, and the summary must not take the focus away from the field being typed in.
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (messages.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{title}</h2>
      <ul>
        {messages.map((m, i) => (
          <li key={i}>{m}</li>
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
