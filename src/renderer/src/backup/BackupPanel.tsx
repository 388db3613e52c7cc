// The home screen's backup panel (the dashboard): per backup folder, the age of its last verified
// backup — amber after 2 days and red after 7 by default — and a clear warning when a folder is
// missing or cannot be written, or a backup failed its check.
import type { BackupStatus } from '../../../shared/backup';
import { call } from '../lib/api';
import { useLoad } from '../lib/useLoad';
import { useNav } from '../lib/nav';
import { ageWords, levelClass, levelWords } from './backupText';

export function BackupPanel() {
  const nav = useNav();
  const { data, error } = useLoad<BackupStatus>(() => call('app:backup.status', {}), []);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return null;
  const problems = data.folders.filter((f) => f.level !== 'ok');
  return (
    <section className="backup-panel" aria-labelledby="backup-panel-h">
      <h2 id="backup-panel-h">Backups</h2>
      {data.folders.length === 0 ? (
        <p className="banner banner-alarm" role="alert">
          No backup folder has been chosen: the case log exists only on this computer.{' '}
          <button type="button" className="plain" onClick={() => nav.go({ name: 'backups' })}>
            Choose a backup folder
          </button>
        </p>
      ) : (
        <>
          {problems.length > 0 && (
            <div className="banner banner-warn" role="alert">
              <p>
                {problems.length === 1
                  ? 'One backup folder needs'
                  : `${problems.length} backup folders need`}{' '}
                attention:
              </p>
              <ul>
                {problems.map((f) => (
                  <li key={f.folder}>
                    <code>{f.folder}</code>:{' '}
                    {f.problem ??
                      (f.lastFailedFile
                        ? `the backup ${f.lastFailedFile} failed its check and was kept aside.`
                        : `last verified backup: ${ageWords(f).toLowerCase()}.`)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table className="table">
            <caption className="visually-hidden">
              Age of the last verified backup in each folder
            </caption>
            <thead>
              <tr>
                <th scope="col">Backup folder</th>
                <th scope="col">Last verified backup</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {data.folders.map((f) => (
                <tr key={f.folder}>
                  <td>
                    <code>{f.folder}</code>
                  </td>
                  <td>{ageWords(f)}</td>
                  <td>
                    <strong className={levelClass(f)}>{levelWords(f)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>
        <button type="button" className="plain" onClick={() => nav.go({ name: 'backups' })}>
          Backups and restore
        </button>
      </p>
    </section>
  );
}
