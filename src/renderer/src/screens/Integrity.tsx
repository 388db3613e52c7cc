// "Check the whole log": verify every hash and signature with a progress bar; breaks are
// listed by record and recorded in the audit trail. Reading the log is never blocked.
import { useEffect, useState } from 'react';
import type { IntegrityInfo } from '../../../shared/ipc/contract';
import { call, errorMessage, onEvent } from '../lib/api';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';

export function Integrity() {
  const session = useSession();
  const { go } = useNav();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<IntegrityInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(
    () =>
      onEvent(
        'app:event.progress',
        (p) => p.task === 'integrity' && setProgress({ done: p.done, total: p.total }),
      ),
    [],
  );
  const run = async () => {
    setRunning(true);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: 0 });
    try {
      setResult(await call('app:integrity.checkAll', {}));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const last = session.integrity;
  return (
    <div>
      <h1>Check the log</h1>
      <p>
        CaseSeal checks the newest records every time someone signs in. This checks every record and
        every audit entry: each hash, each signature and each link in the chain.
      </p>
      {last && (
        <p>
          At sign-in:{' '}
          {last.ok
            ? `no problems found (${last.checked} new record${last.checked === 1 ? '' : 's'} checked).`
            : `${last.problems.length} problem(s) found.`}
        </p>
      )}
      <button type="button" className="primary" onClick={() => void run()} disabled={running}>
        {running ? 'Checking…' : 'Check the whole log'}
      </button>
      {progress && running && (
        <div className="progress">
          <label htmlFor="integrity-progress">Records checked</label>
          <progress id="integrity-progress" max={progress.total || 1} value={progress.done}>
            {progress.done} of {progress.total}
          </progress>
          <span>
            {progress.done} of {progress.total}
          </span>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      {result && (
        <section aria-labelledby="result-title" role="status">
          <h2 id="result-title">
            {result.ok
              ? 'The log is intact'
              : result.problems.every((p) => p.problem === 'page-damaged')
                ? 'Part of the vault file is damaged'
                : 'The log has been tampered with or damaged'}
          </h2>
          <p>
            {result.checked} records and {result.auditChecked} audit entries checked.
          </p>
          {!result.ok && (
            <ul className="problems" data-testid="integrity-problems">
              {result.problems.map((p, i) => (
                <li key={i}>
                  {p.message}{' '}
                  {p.caseId && (
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        go({
                          name: 'case',
                          caseId: p.caseId!,
                          ...(p.recordId ? { recordId: p.recordId } : {}),
                        })
                      }
                    >
                      Open the case
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
