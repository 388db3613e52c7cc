// First run: the school, the first DSL account, the recovery key shown once and re-typed
// in part before anything is written to disk.
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { SessionInfo } from '../../../shared/ipc/contract';
import { schoolSchema } from '../../../shared/settings';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import { call, errorMessage } from '../lib/api';
import { ErrorSummary, PassphraseMeter, TextField } from '../components/Field';

const formSchema = z
  .object({
    school: schoolSchema,
    fullName: z.string().trim().min(2, 'Give your full name.').max(200),
    passphrase: z.string(),
    confirm: z.string(),
  })
  .superRefine((v, ctx) => {
    const s = checkPassphrase(v.passphrase, [v.fullName, v.school.name]);
    if (!s.ok) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: s.feedback });
    if (v.passphrase !== v.confirm)
      ctx.addIssue({
        code: 'custom',
        path: ['confirm'],
        message: 'The two passphrases do not match.',
      });
  });
type FormValues = z.infer<typeof formSchema>;

export function SetupWizard({
  onDone,
  onRestore,
}: {
  onDone: (s: SessionInfo) => void;
  /** The vault is missing: restore it from a backup instead of setting up a new one. */
  onRestore?: () => void;
}) {
  const [step, setStep] = useState<'details' | 'key' | 'confirm' | 'sheet'>('details');
  const [done, setDone] = useState<SessionInfo | null>(null);
  const [sheetMsg, setSheetMsg] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<{
    recoveryKey: string;
    confirmGroups: number[];
    schoolKeyFingerprint: string;
  } | null>(null);
  const [written, setWritten] = useState(false);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { register, handleSubmit, control, formState } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      school: { name: '', urn: '', localAuthority: '' },
      fullName: '',
      passphrase: '',
      confirm: '',
    },
    mode: 'onTouched',
  });
  const [pass, fullName, schoolName] = useWatch({
    control,
    name: ['passphrase', 'fullName', 'school.name'],
  });
  const strength = pass ? checkPassphrase(pass, [fullName, schoolName]) : null;
  const e = formState.errors;

  const submitDetails = handleSubmit(async (v) => {
    setBusy(true);
    setServerError(null);
    try {
      const r = await call('app:setup.begin', {
        school: v.school,
        dsl: { fullName: v.fullName, passphrase: v.passphrase },
      });
      setRecovery(r);
      setStep('key');
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  });

  const confirm = async () => {
    setBusy(true);
    setServerError(null);
    try {
      const session = await call('app:setup.confirm', { groups: typed });
      // The set-up sheet (school key fingerprint) comes next, before the case log opens.
      setDone(session);
      setStep('sheet');
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const errors = [
    e.school?.name?.message,
    e.school?.urn?.message,
    e.school?.localAuthority?.message,
    e.fullName?.message,
    e.passphrase?.message,
    e.confirm?.message,
  ].filter((m): m is string => !!m);

  return (
    <main className="narrow" aria-labelledby="setup-title">
      <h1 id="setup-title" tabIndex={-1}>
        Set up CaseSeal for your school
      </h1>
      {onRestore && step === 'details' && (
        <p>
          Has CaseSeal been used at this school before, on this or another computer?{' '}
          <button type="button" className="link" onClick={onRestore}>
            Restore from a backup
          </button>
        </p>
      )}
      {step === 'details' && (
        <form onSubmit={(e) => void submitDetails(e)} noValidate>
          <ErrorSummary
            messages={
              serverError ? [serverError, ...errors] : formState.submitCount > 0 ? errors : []
            }
          />
          <fieldset>
            <legend>Your school</legend>
            <TextField
              label="School name"
              autoComplete="off"
              error={e.school?.name?.message}
              {...register('school.name')}
            />
            <TextField
              label="URN"
              hint="The 6-digit Unique Reference Number from Get Information About Schools."
              inputMode="numeric"
              autoComplete="off"
              error={e.school?.urn?.message}
              {...register('school.urn')}
            />
            <TextField
              label="Local authority"
              autoComplete="off"
              error={e.school?.localAuthority?.message}
              {...register('school.localAuthority')}
            />
          </fieldset>
          <fieldset>
            <legend>Your account (Designated Safeguarding Lead)</legend>
            <TextField
              label="Your full name"
              autoComplete="off"
              error={e.fullName?.message}
              {...register('fullName')}
            />
            <TextField
              label="Choose a passphrase"
              type="password"
              autoComplete="new-password"
              hint="At least 12 characters. Four or five unrelated words are easy to remember and hard to guess. Nobody, including CaseSeal, can recover it for you."
              error={e.passphrase?.message}
              {...register('passphrase')}
            />
            {strength && <PassphraseMeter score={strength.score} feedback={strength.feedback} />}
            <TextField
              label="Type the passphrase again"
              type="password"
              autoComplete="new-password"
              error={e.confirm?.message}
              {...register('confirm')}
            />
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Preparing keys…' : 'Continue'}
          </button>
        </form>
      )}
      {step === 'key' && recovery && (
        <section aria-labelledby="key-title">
          <h2 id="key-title">Your recovery key</h2>
          <p>
            This key is shown <strong>once</strong>. It can reset a forgotten passphrase and open
            the vault if every passphrase is lost. Write it down by hand now — do not photograph,
            print or save it on a computer.
          </p>
          <p
            className="recovery-key"
            data-testid="recovery-key"
            aria-label={`Recovery key: ${recovery.recoveryKey.split('-').join(', ')}`}
          >
            {recovery.recoveryKey.split('-').map((g, i) => (
              <span key={i} className="group">
                <span className="group-no">{i + 1}</span>
                {g}
              </span>
            ))}
          </p>
          <p>
            Keep the written copy in the school safe, separate from this computer. Letters and
            numbers only: there is no letter I, L, O or U.
          </p>
          <div className="checkbox">
            <input
              id="written"
              type="checkbox"
              checked={written}
              onChange={(ev) => setWritten(ev.target.checked)}
            />
            <label htmlFor="written">
              I have written the recovery key down by hand and will keep it in the school safe.
            </label>
          </div>
          <button
            type="button"
            className="primary"
            disabled={!written}
            onClick={() => setStep('confirm')}
          >
            Continue
          </button>
        </section>
      )}
      {step === 'sheet' && recovery && done && (
        <section aria-labelledby="sheet-title">
          <h2 id="sheet-title">Print the set-up sheet</h2>
          <p>
            The school key certifies every person’s signature in CaseSeal. Its fingerprint is
            printed on every export. Save the set-up sheet, print it, and keep it with the recovery
            key: anyone checking an export compares the fingerprint with this sheet.
          </p>
          <p className="mono" data-testid="setup-school-key">
            {recovery.schoolKeyFingerprint}
          </p>
          {sheetMsg && (
            <p className="banner banner-info" role="status">
              {sheetMsg}
            </p>
          )}
          <ErrorSummary messages={serverError ? [serverError] : []} />
          <div className="actions">
            <button
              type="button"
              onClick={() =>
                void call('app:trust.setupSheet', {})
                  .then((r) =>
                    setSheetMsg(
                      r.saved ? `Set-up sheet saved as ${r.fileName}. Print it now.` : 'Not saved.',
                    ),
                  )
                  .catch((err: unknown) => setServerError(errorMessage(err)))
              }
            >
              Save the set-up sheet (PDF)
            </button>
            <button type="button" className="primary" onClick={() => onDone(done)}>
              Continue to CaseSeal
            </button>
          </div>
        </section>
      )}
      {step === 'confirm' && recovery && (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            void confirm();
          }}
          noValidate
        >
          <h2>Check your written copy</h2>
          <p>
            The key is no longer on screen. From your written copy, type the groups CaseSeal asks
            for.
          </p>
          <ErrorSummary messages={serverError ? [serverError] : []} />
          {recovery.confirmGroups.map((g) => (
            <TextField
              key={g}
              label={`Group ${g + 1}`}
              autoComplete="off"
              maxLength={9}
              value={typed[String(g)] ?? ''}
              onChange={(ev) => setTyped({ ...typed, [String(g)]: ev.target.value })}
            />
          ))}
          <div className="actions">
            <button type="button" onClick={() => setStep('key')}>
              Show the key again
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Creating the vault…' : 'Finish set-up'}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
