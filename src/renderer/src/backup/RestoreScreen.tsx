// "Restore from a backup": choose a backup file (main's open dialog), see what it holds before
// anything changes, type a passphrase or the recovery key, restore. Used from the first screen
// when the vault is missing or will not open, and from Backups by the DSL.
import { useEffect, useRef, useState } from 'react';
import type { BackupPreview, RestoreOutcome } from '../../../shared/backup';
import { ukDateTime } from '../../../shared/ukTime';
import { ApiError, call, errorMessage } from '../lib/api';
import { TextField } from '../components/Field';

export function RestoreScreen({
  onCancel,
  onDone,
}: {
  onCancel: () => void;
  onDone: (r: RestoreOutcome) => void;
}) {
  const [pick, setPick] = useState<BackupPreview | null>(null);
  const [secret, setSecret] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (fieldError) summaryRef.current?.focus();
  }, [fieldError]);

  const choose = async () => {
    setError(null);
    setFieldError(null);
    try {
      setPick(await call('app:restore.pick', {}));
      setSecret('');
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'CANCELLED')) setError(errorMessage(e));
    }
  };

  const restore = async (ev: React.FormEvent) => {
    ev.preventDefault();
    if (!pick) return;
    setError(null);
    if (!secret.trim()) {
      setFieldError('Type a passphrase or the recovery key.');
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const r = await call('app:restore.run', { token: pick.token, secret });
      setSecret('');
      onDone(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'BACKUP_WRONG_KEY') setFieldError(e.message);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="restore-screen">
      <h1 ref={headingRef} tabIndex={-1}>
        Restore from a backup
      </h1>
      <p>
        Choose a CaseSeal backup file (its name ends in <code>.csbackup</code>). You will see what
        it holds before anything changes. The vault now on this computer, if there is one, is moved
        aside and kept — never deleted.
      </p>
      {error && (
        <p className="banner banner-alarm" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void choose()}>
          {pick ? 'Choose another backup file' : 'Choose a backup file'}
        </button>
        <button type="button" className="plain" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {pick && (
        <section aria-labelledby="restore-holds">
          <h2 id="restore-holds">What this backup holds</h2>
          <dl className="rows">
            <dt>File</dt>
            <dd>
              <code>{pick.fileName}</code>
            </dd>
            <dt>School</dt>
            <dd>{pick.school ? `${pick.school.name} (URN ${pick.school.urn})` : 'Unknown'}</dd>
            <dt>Made</dt>
            <dd>{pick.createdAt ? ukDateTime(pick.createdAt) : 'Unknown'}</dd>
            <dt>Last log position</dt>
            <dd>{pick.seq ?? 'Unknown'}</dd>
            <dt>Checked when it was made</dt>
            <dd>
              {pick.checkedWhenMade === 'verified'
                ? 'Yes: it passed its check'
                : pick.checkedWhenMade === 'failed'
                  ? 'No: it FAILED its check when it was made'
                  : 'Not known'}
            </dd>
            <dt>File complete and undamaged</dt>
            <dd>{pick.intact ? 'Yes' : 'No'}</dd>
          </dl>
          {!pick.intact ? (
            <p className="banner banner-alarm" role="alert">
              {pick.problem}
            </p>
          ) : (
            <form onSubmit={(e) => void restore(e)} noValidate>
              {fieldError && (
                <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
                  <h2>There is a problem</h2>
                  <ul>
                    <li>
                      <a href="#restore-secret">{fieldError}</a>
                    </li>
                  </ul>
                </div>
              )}
              <TextField
                id="restore-secret"
                label="Passphrase or recovery key"
                hint="The passphrase of a DSL, deputy DSL or senior leader as it was when the backup was made, or the recovery key written down at set-up."
                type="password"
                autoComplete="off"
                value={secret}
                error={fieldError ?? undefined}
                onChange={(e) => setSecret(e.target.value)}
              />
              <button type="submit" disabled={busy}>
                {busy ? 'Checking and restoring…' : 'Restore this backup'}
              </button>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
