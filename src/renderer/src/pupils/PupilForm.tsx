// Add a pupil, or correct a pupil's details (a correction is a new signed record with its reason;
// the first record stays). A name and a year group are enough to start.
import { useState } from 'react';
import { SEX_OPTIONS } from '../../../shared/records/kinds/options';
import { UPN_PATTERN } from '../../../shared/records/kinds/pupil';
import { ApiError, call, errorMessage } from '../lib/api';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import {
  DateInput,
  EMPTY_DATE,
  LinkedErrorSummary,
  YesNo,
  dateParts,
  errorFor,
  isoFromParts,
  type DateParts,
  type FieldError,
} from './pupilUi';

interface Values {
  legalName: string;
  knownAs: string;
  yearGroup: string;
  tutorGroup: string;
  dob: DateParts;
  sex: string;
  upn: string;
  send: boolean | undefined;
  lookedAfter: boolean | undefined;
  notes: string;
  reason: string;
}

const EMPTY: Values = {
  legalName: '',
  knownAs: '',
  yearGroup: '',
  tutorGroup: '',
  dob: EMPTY_DATE,
  sex: '',
  upn: '',
  send: undefined,
  lookedAfter: undefined,
  notes: '',
  reason: '',
};

function fromDetails(d: Record<string, unknown>): Values {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ...EMPTY,
    legalName: s(d.legalName),
    knownAs: s(d.knownAs),
    yearGroup: s(d.yearGroup),
    tutorGroup: s(d.tutorGroup),
    dob: dateParts(s(d.dateOfBirth)),
    sex: s(d.sex),
    upn: s(d.upn),
    send: typeof d.send === 'boolean' ? d.send : undefined,
    lookedAfter: typeof d.lookedAfter === 'boolean' ? d.lookedAfter : undefined,
    notes: s(d.notes),
  };
}

/** Field ids, so that the error summary's links land on the right control. */
const IDS: Record<string, string> = {
  legalName: 'pupil-legalName',
  knownAs: 'pupil-knownAs',
  yearGroup: 'pupil-yearGroup',
  tutorGroup: 'pupil-tutorGroup',
  dateOfBirth: 'pupil-dob',
  sex: 'pupil-sex',
  upn: 'pupil-upn',
  notes: 'pupil-notes',
  reason: 'pupil-reason',
};

function check(
  v: Values,
  correcting: boolean,
): { errors: FieldError[]; body: Record<string, unknown> } {
  const errors: FieldError[] = [];
  const dob = isoFromParts(v.dob);
  if (!v.legalName.trim())
    errors.push({ field: IDS.legalName!, message: 'Enter the pupil’s legal name' });
  if (!v.yearGroup.trim())
    errors.push({ field: IDS.yearGroup!, message: 'Enter the pupil’s year group' });
  if (dob === null)
    errors.push({
      field: IDS.dateOfBirth!,
      message: 'Date of birth must be a real date, for example 27 3 2013',
    });
  const upn = v.upn.trim().toUpperCase();
  if (upn && !UPN_PATTERN.test(upn))
    errors.push({
      field: IDS.upn!,
      message: 'A UPN is 13 characters: a letter, 11 digits and a last letter or digit',
    });
  if (correcting && !v.reason.trim())
    errors.push({ field: IDS.reason!, message: 'Give the reason for the correction' });
  const body: Record<string, unknown> = {
    legalName: v.legalName.trim(),
    yearGroup: v.yearGroup.trim(),
  };
  if (v.knownAs.trim()) body.knownAs = v.knownAs.trim();
  if (v.tutorGroup.trim()) body.tutorGroup = v.tutorGroup.trim();
  if (dob) body.dateOfBirth = dob;
  if (v.sex) body.sex = v.sex;
  if (upn) body.upn = upn;
  if (v.send !== undefined) body.send = v.send;
  if (v.lookedAfter !== undefined) body.lookedAfter = v.lookedAfter;
  if (v.notes.trim()) body.notes = v.notes.trim();
  return { errors, body };
}

function serverErrors(e: unknown): FieldError[] {
  if (e instanceof ApiError && Array.isArray(e.detail?.issues)) {
    const issues = e.detail.issues as Array<{ path: string; message: string }>;
    if (issues.length > 0)
      return issues.map((i) => ({
        field: IDS[i.path.split('.')[0] ?? ''] ?? IDS.legalName!,
        message: i.message,
      }));
  }
  return [{ field: IDS.legalName!, message: errorMessage(e) }];
}

function Text({
  name,
  label,
  hint,
  value,
  errors,
  onChange,
  width,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  errors: FieldError[];
  onChange: (v: string) => void;
  width?: number;
}) {
  const id = IDS[name]!;
  const error = errorFor(errors, id);
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
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
      <input
        id={id}
        type="text"
        autoComplete="off"
        size={width}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function PupilForm({ pupilId }: { pupilId?: string }) {
  const { go } = useNav();
  const session = useSession();
  const correcting = Boolean(pupilId);
  const { data: existing } = useLoad(
    () => (pupilId ? call('app:pupils.get', { pupilId }) : Promise.resolve(null)),
    [pupilId],
  );
  const [values, setValues] = useState<Values | null>(correcting ? null : EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const v = values ?? (existing ? fromDetails(existing.details) : null);
  if (!v) return <p role="status">Loading…</p>;
  const set = (patch: Partial<Values>) => setValues({ ...v, ...patch });

  const submit = async () => {
    const { errors: found, body } = check(v, correcting);
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      if (pupilId) {
        await call('app:pupils.correct', { pupilId, reason: v.reason.trim(), corrected: body });
        go({ name: 'pupil', pupilId });
      } else {
        const r = await call('app:pupils.register', { body });
        go({ name: 'pupil', pupilId: r.pupilId });
      }
    } catch (e) {
      setErrors(serverErrors(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>
        {correcting
          ? `Correct the details of ${existing?.legalName ?? 'this pupil'}`
          : 'Add a pupil'}
      </h1>
      <p>
        {correcting
          ? 'The details signed before stay in the log; your correction is signed as a new record with its reason.'
          : 'A name and a year group are enough to start. Add the rest when you know it.'}
      </p>
      <LinkedErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Text
          name="legalName"
          label="Legal name"
          value={v.legalName}
          errors={errors}
          onChange={(x) => set({ legalName: x })}
        />
        <Text
          name="knownAs"
          label="Known as (optional)"
          hint="The name the child uses, if different."
          value={v.knownAs}
          errors={errors}
          onChange={(x) => set({ knownAs: x })}
        />
        <Text
          name="yearGroup"
          label="Year group"
          hint="For example Year 9."
          value={v.yearGroup}
          errors={errors}
          onChange={(x) => set({ yearGroup: x })}
          width={12}
        />
        <Text
          name="tutorGroup"
          label="Tutor group or class (optional)"
          value={v.tutorGroup}
          errors={errors}
          onChange={(x) => set({ tutorGroup: x })}
          width={12}
        />
        <DateInput
          id={IDS.dateOfBirth!}
          legend="Date of birth (optional)"
          hint="For example, 27 3 2013. It tells the rules whether a child is under 13 (R11)."
          value={v.dob}
          error={errorFor(errors, IDS.dateOfBirth!)}
          onChange={(dob) => set({ dob })}
        />
        <fieldset className="field">
          <legend>Sex (optional)</legend>
          <p className="hint">Used for the same-sex rule when imagery is viewed (R7).</p>
          <div className="radio-list">
            {SEX_OPTIONS.map((o, i) => (
              <div className="radio" key={o.value}>
                <input
                  type="radio"
                  id={i === 0 ? IDS.sex : `${IDS.sex}-${o.value}`}
                  name="pupil-sex"
                  checked={v.sex === o.value}
                  onChange={() => set({ sex: o.value })}
                />
                <label htmlFor={i === 0 ? IDS.sex : `${IDS.sex}-${o.value}`}>{o.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <Text
          name="upn"
          label="Unique pupil number (UPN, optional)"
          hint="13 characters, for example A123456789012."
          value={v.upn}
          errors={errors}
          onChange={(x) => set({ upn: x })}
          width={15}
        />
        <YesNo
          id="pupil-send"
          legend="Special educational needs or disability (SEND)?"
          value={v.send}
          onChange={(send) => set({ send })}
        />
        <YesNo
          id="pupil-lookedAfter"
          legend="Looked-after child?"
          value={v.lookedAfter}
          onChange={(lookedAfter) => set({ lookedAfter })}
        />
        <div className="field">
          <label htmlFor={IDS.notes}>Notes (optional)</label>
          <p className="hint" id={`${IDS.notes}-hint`}>
            For example SEND needs, a child protection plan, or who holds parental responsibility.
            Words only.
          </p>
          <textarea
            id={IDS.notes}
            rows={4}
            aria-describedby={`${IDS.notes}-hint`}
            value={v.notes}
            onChange={(e) => set({ notes: e.target.value })}
          />
        </div>
        {correcting && (
          <div className={`field${errorFor(errors, IDS.reason!) ? ' field-error' : ''}`}>
            <label htmlFor={IDS.reason}>Reason for the correction</label>
            {errorFor(errors, IDS.reason!) && (
              <p className="error-text" id={`${IDS.reason}-error`}>
                {errorFor(errors, IDS.reason!)}
              </p>
            )}
            <textarea
              id={IDS.reason}
              rows={3}
              value={v.reason}
              aria-invalid={errorFor(errors, IDS.reason!) ? true : undefined}
              aria-describedby={errorFor(errors, IDS.reason!) ? `${IDS.reason}-error` : undefined}
              onChange={(e) => set({ reason: e.target.value })}
            />
          </div>
        )}
        <p className="muted">You are signing this as {session.name}.</p>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {correcting ? 'Sign the correction' : 'Sign and add the pupil'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => go(pupilId ? { name: 'pupil', pupilId } : { name: 'pupils' })}
          >
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
