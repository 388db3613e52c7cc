// The DSL's restore from Backups: the restore screen inside the signed-in window. When it succeeds
// main locks CaseSeal (the vault has been replaced), and the lock screen says so.
import { useSession } from '../lib/session';
import { useNav } from '../lib/nav';
import { RestoreScreen } from './RestoreScreen';

export function RestoreInSession() {
  const session = useSession();
  const nav = useNav();
  if (session.role !== 'dsl')
    return (
      <div>
        <h1>Restore from a backup</h1>
        <p role="alert">Only the DSL can restore the vault from a backup.</p>
      </div>
    );
  return <RestoreScreen onCancel={() => nav.go({ name: 'backups' })} onDone={() => undefined} />;
}
