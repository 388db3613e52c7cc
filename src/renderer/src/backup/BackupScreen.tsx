// "Backups" (Settings, for the safeguarding team): the backup folders (added with main's folder
// dialog; every change audited), how many generations each keeps, when the dashboard warns,
// "Back up now" with progress, and — for the DSL — "Restore from a backup".
import { useEffect, useState } from 'react';
import type { BackupRunOutcome, BackupStatus } from '../../../shared/backup';
import { ApiError, call, errorMessage, onEvent } from '../lib/api';
import { useLoad } from '../lib/useLoad';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';
import { TextField } from '../components/Field';
import { ageWords, lastWords, levelClass, levelWords, STAGE_WORDS } from './backupText';

type NumberField = 'daily' | 'weekly' | 'monthly' | 'amberDays' | 'redDays';

const LABELS: Record<NumberField, string> = {
  daily: 'Daily backups to keep',
  weekly: 'Weekly backups to keep',
  monthly: 'Monthly backups to keep',
  amberDays: 'Show amber when the last verified backup is this many days old',
  redDays: 'Show red when the last verified backup is this many days old',
};

export function BackupScreen() {
  const session = useSession();
  const nav = useNav();
  const { data, error, reload } = useLoad<BackupStatus>(() => call('app:backup.status', {}), []);
  const [draft, setDraft] = useState<Record<NumberField, string> | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<NumberField, string>>>({});
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [running, setRunning] = useState<{ task: string; done: number; total: number } | null>(
    null,
  );
  const [outcome, setOutcome] = useState<BackupRunOutcome | null>(null);

  useEffect(() => {
    if (!data) return;
    const c = data.config;
    setDraft({
      daily: String(c.retention.daily),
      weekly: String(c.retention.weekly),
      monthly: String(c.retention.monthly),
      amberDays: String(c.warnAfter.amberDays),
      redDays: String(c.warnAfter.redDays),
    });
  }, [data]);

  useEffect(
    () =>
      onEvent('app:event.progress', (p) => {
        if (p.task.startsWith('backup-')) setRunning(p);
      }),
    [],
  );

  // The heading is there from the first render, so the shell can move focus to it (GOV.UK).
  if (error || !data || !draft)
    return (
      <div className="backup-screen">
        <h1>Backups</h1>
        {error ? <p role="alert">{error}</p> : <p aria-busy="true">Loading…</p>}
      </div>
    );

  const addFolder = async () => {
    setErr(null);
    setMsg(null);
    try {
      await call('app:backup.addFolder', {});
      setMsg('Backup folder added.');
      reload();
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'CANCELLED')) setErr(errorMessage(e));
    }
  };

  const removeFolder = async (folder: string) => {
    setErr(null);
    setMsg(null);
    try {
      await call('app:backup.removeFolder', { folder });
      setMsg('Backup folder removed. Its backups are left where they are.');
      reload();
    } catch (e) {
      setErr(errorMessage(e));
    }
  };

  const saveSettings = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setErr(null);
    setMsg(null);
    const errors: Partial<Record<NumberField, string>> = {};
    const n = (k: NumberField, min: number) => {
      const v = Number(draft[k]);
      if (!/^\d+$/.test(draft[k].trim()) || v < min)
        errors[k] = `${LABELS[k]}: enter a whole number of at least ${min}.`;
      return v;
    };
    const retention = { daily: n('daily', 1), weekly: n('weekly', 0), monthly: n('monthly', 0) };
    const warnAfter = { amberDays: n('amberDays', 1), redDays: n('redDays', 1) };
    if (!errors.redDays && !errors.amberDays && warnAfter.redDays <= warnAfter.amberDays)
      errors.redDays = 'Red must come after amber: enter more days for red than for amber.';
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      await call('app:backup.settings', { retention, warnAfter });
      setMsg('Backup settings saved.');
      reload();
    } catch (e) {
      setErr(errorMessage(e));
    }
  };

  const backUpNow = async () => {
    setErr(null);
    setMsg(null);
    setOutcome(null);
    setRunning({ task: 'backup-snapshot', done: 0, total: 1 });
    try {
      const r = await call('app:backup.now', {});
      setOutcome(r);
      reload();
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setRunning(null);
    }
  };

  const errorList = Object.entries(fieldErrors) as Array<[NumberField, string]>;

  return (
    <div className="backup-screen">
      <h1>Backups</h1>
      <p>
        CaseSeal backs up the whole vault — encrypted, and checked every time — after each lock or
        sign-out that follows changes, at least once a day while it is open, and when you choose
        “Back up now”. Keep at least one backup folder away from this computer (a network folder or
        a drive kept off site).
      </p>
      {err && (
        <p className="banner banner-alarm" role="alert">
          {err}
        </p>
      )}
      {msg && (
        <p className="banner banner-ok" role="status">
          {msg}
        </p>
      )}

      <h2>Backup folders</h2>
      {data.folders.length === 0 ? (
        <p className="banner banner-alarm">No backup folder has been chosen yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Folder</th>
              <th scope="col">Last verified backup</th>
              <th scope="col">Age</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.folders.map((f) => (
              <tr key={f.folder}>
                <td>
                  <code>{f.folder}</code>
                  {f.problem && <p className="error-text">{f.problem}</p>}
                  {f.lastFailedFile && (
                    <p className="error-text">
                      The backup {f.lastFailedFile} failed its check. It was kept aside, named as
                      failed.
                    </p>
                  )}
                </td>
                <td>{lastWords(f)}</td>
                <td>{ageWords(f)}</td>
                <td>
                  <strong className={levelClass(f)}>{levelWords(f)}</strong>
                </td>
                <td>
                  <button type="button" onClick={() => void removeFolder(f.folder)}>
                    Remove<span className="visually-hidden"> the folder {f.folder}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" onClick={() => void addFolder()}>
          Add a backup folder
        </button>
        <button
          type="button"
          onClick={() => void backUpNow()}
          disabled={running !== null || data.folders.length === 0}
        >
          Back up now
        </button>
      </div>
      {running && (
        <div className="progress" role="status" aria-live="polite">
          <p>{STAGE_WORDS[running.task] ?? 'Backing up'}…</p>
          <progress
            max={Math.max(1, running.total)}
            value={running.done}
            aria-label="Backup progress"
          />
        </div>
      )}
      {outcome && (
        <div className="banner banner-ok" role="status">
          <h2>Backup finished</h2>
          <ul>
            {outcome.folders.map((f) => (
              <li key={f.folder}>
                <code>{f.folder}</code>: {f.message}
                {f.fileName && (
                  <>
                    {' '}
                    (<code>{f.fileName}</code>)
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      <h2>Generations and warnings</h2>
      <form onSubmit={(e) => void saveSettings(e)} noValidate>
        {errorList.length > 0 && (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <h2>There is a problem</h2>
            <ul>
              {errorList.map(([k, m]) => (
                <li key={k}>
                  <a href={`#backup-${k}`}>{m}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {(Object.keys(LABELS) as NumberField[]).map((k) => (
          <TextField
            key={k}
            id={`backup-${k}`}
            label={LABELS[k]}
            inputMode="numeric"
            value={draft[k]}
            error={fieldErrors[k]}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
          />
        ))}
        <button type="submit">Save backup settings</button>
      </form>

      {session.role === 'dsl' && (
        <>
          <h2>Restore</h2>
          <p>
            Replace this vault with one from a backup. The current vault is moved aside, never
            deleted, and the first sign-in afterwards records what the backup did not have.
          </p>
          <button type="button" onClick={() => nav.go({ name: 'restore' })}>
            Restore from a backup
          </button>
        </>
      )}
    </div>
  );
}
