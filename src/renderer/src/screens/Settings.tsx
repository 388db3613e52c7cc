// Settings (DSL/deputy): the school's details, the idle-lock time, the end of the school day (when
// same-day referrals fall due) and the local safeguarding contacts shown on the referral form.
import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/settings';
import { LOCAL_CONTACT_LABELS, type LocalContacts } from '../../../shared/settings';
import { call, errorMessage } from '../lib/api';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary, TextField, type SummaryItem } from '../components/Field';
import { DateTimeInput } from '../forms/DateTimeInput';
import { SchoolKeyPanel } from './SchoolKey';
import { IncidentKindsPanel } from './IncidentKindsPanel';
import { useNav } from '../lib/nav';

export function SettingsScreen() {
  const nav = useNav();
  const { data, error } = useLoad(() => call('app:settings.get', {}), []);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [dayEndErr, setDayEndErr] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  useEffect(() => setDraft(data), [data]);
  if (error) return <p role="alert">{error}</p>;
  if (!draft) return <p aria-busy="true">Loading…</p>;
  const save = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setErr(null);
    setMsg(null);
    setSubmits((n) => n + 1);
    // GOV.UK time input: Hour and Minute boxes, 24-hour, whatever the computer's locale.
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.schoolDayEnd)) {
      setDayEndErr(
        'Enter the end of the school day as a time on the 24-hour clock, for example 16 00',
      );
      return;
    }
    setDayEndErr(null);
    try {
      const saved = await call('app:settings.update', {
        school: { name: draft.school.name, localAuthority: draft.school.localAuthority },
        idleLockMinutes: draft.idleLockMinutes,
        schoolDayEnd: draft.schoolDayEnd,
        localContacts: Object.fromEntries(
          Object.entries(draft.localContacts).filter(([, v]) => v && v.trim()),
        ) as LocalContacts,
      });
      setDraft(saved);
      setMsg('Settings saved.');
    } catch (e) {
      setErr(errorMessage(e));
    }
  };
  return (
    <div>
      <h1>Settings</h1>
      <SchoolKeyPanel />
      <p>
        Backup folders, how many backups to keep and restoring from a backup are under{' '}
        <button type="button" className="link" onClick={() => nav.go({ name: 'backups' })}>
          Backups
        </button>
        .
      </p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <ErrorSummary
          messages={err ? [err] : []}
          items={
            dayEndErr
              ? ([{ message: dayEndErr, fieldId: 'school-day-end' }] satisfies SummaryItem[])
              : []
          }
          focusKey={err || dayEndErr ? submits : undefined}
        />
        {msg && (
          <p className="banner banner-info" role="status">
            {msg}
          </p>
        )}
        <fieldset>
          <legend>School</legend>
          <TextField
            label="School name"
            value={draft.school.name}
            onChange={(e) =>
              setDraft({ ...draft, school: { ...draft.school, name: e.target.value } })
            }
          />
          <p>
            URN: <strong>{draft.school.urn}</strong>{' '}
            <span className="muted">
              (part of every exhibit reference, so it cannot be changed)
            </span>
          </p>
          <TextField
            label="Local authority"
            value={draft.school.localAuthority}
            onChange={(e) =>
              setDraft({ ...draft, school: { ...draft.school, localAuthority: e.target.value } })
            }
          />
        </fieldset>
        <fieldset>
          <legend>Locking and the school day</legend>
          <TextField
            label="Lock CaseSeal after this many minutes without use"
            type="number"
            min={1}
            max={60}
            value={draft.idleLockMinutes}
            onChange={(e) => setDraft({ ...draft, idleLockMinutes: Number(e.target.value) })}
          />
          <DateTimeInput
            id="school-day-end"
            kind="time"
            legend="End of the school day"
            help={
              <p className="hint" id="school-day-end-hint">
                Same-day referrals (R11) are due by this time.
              </p>
            }
            describedBy={`school-day-end-hint school-day-end-format${dayEndErr ? ' school-day-end-error' : ''}`}
            error={
              dayEndErr ? (
                <p className="error-text" id="school-day-end-error">
                  <span className="visually-hidden">Error: </span>
                  {dayEndErr}
                </p>
              ) : undefined
            }
            value={draft.schoolDayEnd}
            onChange={(v) => setDraft({ ...draft, schoolDayEnd: v })}
            withNow={false}
          />
        </fieldset>
        <fieldset>
          <legend>Local contacts (shown on the referral form)</legend>
          {(Object.keys(LOCAL_CONTACT_LABELS) as Array<keyof LocalContacts>).map((k) => (
            <TextField
              key={k}
              label={LOCAL_CONTACT_LABELS[k]}
              value={draft.localContacts[k] ?? ''}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  localContacts: { ...draft.localContacts, [k]: e.target.value },
                })
              }
            />
          ))}
        </fieldset>
        <button type="submit" className="primary">
          Save settings
        </button>
      </form>
      <IncidentKindsPanel />
    </div>
  );
}
