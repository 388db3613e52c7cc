// The top of the renderer: set-up, the lock screen or the signed-in shell. Locking unmounts the
// whole signed-in tree, so behind the lock screen the DOM holds no case or school data.
import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo, VaultStatus } from '../../shared/ipc/contract';
import { call, errorMessage, onEvent } from './lib/api';
import { startActivityPings } from './lib/activity';
import { ImageryGuard } from './components/ImageryGuard';
import { SetupWizard } from './screens/SetupWizard';
import { SignIn } from './screens/SignIn';
import { Shell } from './screens/Shell';
import { RestoreScreen } from './backup/RestoreScreen';

type View =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'status'; status: VaultStatus }
  | { kind: 'restore'; back: VaultStatus }
  | { kind: 'session'; session: SessionInfo };

export function App() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [lockNotice, setLockNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const status = await call('app:vault.status', {});
      setView(
        status.session ? { kind: 'session', session: status.session } : { kind: 'status', status },
      );
    } catch (e) {
      setView({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const off = onEvent('app:event.locked', (p) => {
      setLockNotice(
        p.reason === 'idle'
          ? 'CaseSeal locked itself because nobody used it for a while.'
          : p.reason === 'sleep' || p.reason === 'screen-lock'
            ? 'CaseSeal locked when the computer went to sleep or the screen was locked.'
            : p.reason === 'restore'
              ? 'The vault has been restored from a backup. The first person to sign in records it in the log.'
              : null,
      );
      // Drop everything signed-in at once, then ask main what is there.
      setView({ kind: 'loading' });
      void refresh();
    });
    return off;
  }, [refresh]);

  useEffect(() => {
    if (view.kind !== 'session') return;
    return startActivityPings();
  }, [view.kind]);

  const onSignedIn = (session: SessionInfo) => {
    setLockNotice(null);
    setView({ kind: 'session', session });
  };

  const lock = async () => {
    setView({ kind: 'loading' });
    await call('app:session.lock', {}).catch(() => undefined);
    setLockNotice(null);
    await refresh();
  };

  return (
    <>
      <ImageryGuard />
      {view.kind === 'loading' && (
        <main className="centered" aria-busy="true">
          <p>Opening CaseSeal…</p>
        </main>
      )}
      {view.kind === 'error' && (
        <main className="centered">
          <h1>CaseSeal could not start</h1>
          <p role="alert">{view.message}</p>
          <button type="button" onClick={() => void refresh()}>
            Try again
          </button>
        </main>
      )}
      {view.kind === 'status' && view.status.state === 'needs-setup' && (
        <SetupWizard
          onDone={onSignedIn}
          onRestore={() => setView({ kind: 'restore', back: view.status })}
        />
      )}
      {view.kind === 'status' && view.status.state === 'locked' && (
        <SignIn
          accounts={view.status.accounts}
          notice={lockNotice}
          onSignedIn={onSignedIn}
          onChanged={() => void refresh()}
          onRestore={() => setView({ kind: 'restore', back: view.status })}
        />
      )}
      {view.kind === 'status' && view.status.state === 'damaged' && (
        <main className="centered">
          <h1>The case vault cannot be opened</h1>
          <p role="alert">{view.status.message}</p>
          <p>
            CaseSeal has not changed anything. Ask school IT to restore the whole vault folder (both{' '}
            <code>caseseal.db</code> and <code>keyslots.json</code>) from the same backup, then
            start CaseSeal again.
          </p>
          <div className="actions">
            <button type="button" onClick={() => setView({ kind: 'restore', back: view.status })}>
              Restore from a backup
            </button>
            <button type="button" onClick={() => void refresh()}>
              Check again
            </button>
          </div>
        </main>
      )}
      {view.kind === 'restore' && (
        <main className="narrow">
          <RestoreScreen
            onCancel={() => setView({ kind: 'status', status: view.back })}
            onDone={() => {
              setLockNotice(
                'The vault has been restored from a backup. The first person to sign in records it in the log.',
              );
              void refresh();
            }}
          />
        </main>
      )}
      {view.kind === 'session' && (
        <Shell key={view.session.accountId} session={view.session} onLock={() => void lock()} />
      )}
    </>
  );
}
