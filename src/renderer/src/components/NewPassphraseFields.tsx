// A new passphrase typed twice, with the strength meter between the two fields: the same pair on
// every screen where someone chooses a passphrase (appointing a DSL, a recovery-key reset, adding
// an account, changing one's own). With ids, an error summary's items link to each field (GOV.UK).
import { Fragment } from 'react';
import { PassphraseMeter, TextField } from './Field';

export function NewPassphraseFields({
  label,
  confirmLabel,
  value,
  confirm,
  onChange,
  onConfirmChange,
  strength,
  ids,
  errors,
}: {
  label: string;
  confirmLabel: string;
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  /** The policy's verdict on `value` (null while nothing is typed). */
  strength: { score: number; feedback: string } | null;
  /** The two fields' ids, for a summary that links to them. */
  ids?: { pass: string; confirm: string };
  /** Each field's own error text, shown beside it. */
  errors?: { pass?: string | undefined; confirm?: string | undefined };
}) {
  const pair = [
    { id: ids?.pass, label, error: errors?.pass, value, onChange },
    {
      id: ids?.confirm,
      label: confirmLabel,
      error: errors?.confirm,
      value: confirm,
      onChange: onConfirmChange,
    },
  ];
  return (
    <>
      {pair.map((f, i) => (
        <Fragment key={i}>
          <TextField
            id={f.id}
            label={f.label}
            type="password"
            autoComplete="new-password"
            error={f.error}
            value={f.value}
            onChange={(e) => f.onChange(e.target.value)}
          />
          {/* The meter sits under the first field, about what is typed there. */}
          {i === 0 && strength && (
            <PassphraseMeter score={strength.score} feedback={strength.feedback} />
          )}
        </Fragment>
      ))}
    </>
  );
}
