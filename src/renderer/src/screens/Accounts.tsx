// Accounts: only a DSL adds people (each types their own passphrase at this PC), changes roles and
// disables accounts — main refuses everyone else; anyone changes their own passphrase.
import { useState } from 'react';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles';
import { checkPassphrase } from '../../../shared/passphrasePolicy';
import { ukDate } from '../../../shared/ukTime';
import { call, errorMessage } from '../lib/api';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary, TextField } from '../components/Field';
import { NewPassphraseFields } from '../components/NewPassphraseFields';

export function Accounts() {
  const session = useSession();
  const isDsl = session.role === 'dsl';
  const { data, error, reload } = useLoad(
    () => (session.vaultOpen ? call('app:accounts.list', {}) : Promise.resolve([])),
    [],
  );
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div>
      <h1>Accounts</h1>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {data && session.vaultOpen && (
        <table className="table">
          <caption>People who can use CaseSeal on this computer</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">State</th>
              {isDsl && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{ROLE_LABELS[a.role]}</td>
                <td>{ukDate(a.createdAt)}</td>
                <td>
                  {a.active ? 'Active' : `Disabled ${a.disabledAt ? ukDate(a.disabledAt) : ''}`}
                </td>
                {isDsl && (
                  <td>
                    {a.active && a.id !== session.accountId && (
                      <ChangeRole
                        name={a.name}
                        role={a.role}
                        onChange={async (role, passphrase) => {
                          await call('app:accounts.changeRole', {
                            accountId: a.id,
                            role,
                            ...(passphrase ? { passphrase } : {}),
                          });
                          setNotice(`${a.name} is now ${ROLE_LABELS[role]}.`);
                          reload();
                        }}
                      />
                    )}{' '}
                    {a.active && a.id !== session.accountId && (
                      <DisableButton
                        name={a.name}
                        onDisable={async () => {
                          await call('app:accounts.disable', { accountId: a.id });
                          setNotice(
                            `${a.name}'s account has been disabled. Their past signatures stay valid.`,
                          );
                          reload();
                        }}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isDsl && (
        <AddAccount onAdded={(name) => (setNotice(`${name} can now sign in.`), reload())} />
      )}
      <ChangePassphrase onDone={() => setNotice('Your passphrase has been changed.')} />
    </div>
  );
}

/** A DSL changes someone's role; a role with more keys needs that person's own passphrase. */
function ChangeRole({
  name,
  role,
  onChange,
}: {
  name: string;
  role: Role;
  onChange: (role: Role, passphrase: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState<Role>(role);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Change {name}’s role
      </button>
    );
  const id = `role-${name.replace(/\W+/g, '-')}`;
  return (
    <span>
      {error && <span role="alert">{error} </span>}
      <label htmlFor={id}>New role for {name}</label>{' '}
      <select id={id} value={next} onChange={(e) => setNext(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>{' '}
      <label htmlFor={`${id}-pass`}>
        {name}’s own passphrase (needed to give them more access)
      </label>{' '}
      <input
        id={`${id}-pass`}
        type="password"
        autoComplete="off"
        value={pass}
        onChange={(e) => setPass(e.target.value)}
      />{' '}
      <button
        type="button"
        className="primary"
        onClick={() =>
          void onChange(next, pass)
            .then(() => setOpen(false))
            .catch((e: unknown) => setError(errorMessage(e)))
        }
      >
        Save role
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </span>
  );
}

function DisableButton({ name, onDisable }: { name: string; onDisable: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)}>
        Disable {name}
      </button>
    );
  }
  return (
    <span>
      {error && <span role="alert">{error} </span>}
      <button
        type="button"
        className="danger"
        onClick={() => void onDisable().catch((e: unknown) => setError(errorMessage(e)))}
      >
        Yes, disable {name}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </span>
  );
}

function AddAccount({ onAdded }: { onAdded: (name: string) => void }) {
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = pass ? checkPassphrase(pass, [fullName]) : null;
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (fullName.trim().length < 2) return setError('Give the person’s full name.');
    if (pass !== confirm) return setError('The two passphrases do not match.');
    if (!strength?.ok) return setError(strength?.feedback ?? 'Choose a passphrase.');
    setBusy(true);
    try {
      await call('app:accounts.create', { fullName, role, passphrase: pass });
      onAdded(fullName);
      setFullName('');
      setPass('');
      setConfirm('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">Add a person</h2>
      <p>
        Ask the person to sit at this computer and type their own passphrase. Nobody else should
        know it.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary messages={error ? [error] : []} />
        <TextField
          label="Full name"
          autoComplete="off"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
        />
        <div className="field">
          <label htmlFor="new-role">Role</label>
          <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <NewPassphraseFields
          label="Their passphrase"
          confirmLabel="Their passphrase again"
          value={pass}
          confirm={confirm}
          onChange={setPass}
          onConfirmChange={setConfirm}
          strength={strength}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating keys…' : 'Add this person'}
        </button>
      </form>
    </section>
  );
}

function ChangePassphrase({ onDone }: { onDone: () => void }) {
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const strength = next ? checkPassphrase(next, [session.name]) : null;
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (next !== confirm) return setError('The two new passphrases do not match.');
    if (!strength?.ok) return setError(strength?.feedback ?? 'Choose a new passphrase.');
    try {
      await call('app:accounts.changePassphrase', { current, next });
      setCurrent('');
      setNext('');
      setConfirm('');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section aria-labelledby="change-title">
      <h2 id="change-title">Change your passphrase</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary messages={error ? [error] : []} />
        <TextField
          label="Current passphrase"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <NewPassphraseFields
          label="New passphrase"
          confirmLabel="New passphrase again"
          value={next}
          confirm={confirm}
          onChange={setNext}
          onConfirmChange={setConfirm}
          strength={strength}
        />
        <button type="submit">Change passphrase</button>
      </form>
    </section>
  );
}
