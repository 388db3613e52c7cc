// Home panel: the read of every page of the vault file that runs after each sign-in, with its
// progress and result. Damage is reported as damage to the file, with what to do.
import { useEffect, useState } from 'react';
import type { PageCheckInfo } from '../../../shared/ipc/contract';
import { call, errorMessage } from '../lib/api';

export function PageCheckPanel() {
  const [info, setInfo] = useState<PageCheckInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call('app:integrity.pageCheck', {});
        if (stop) return;
        setInfo(next);
        if (next.state === 'running') timer = setTimeout(() => void poll(), 1000);
      } catch (e) {
        if (!stop) setError(errorMessage(e));
      }
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, []);
  const r = info?.result;
  return (
    <section aria-labelledby="page-check-title" className="panel" data-testid="page-check">
      <h2 id="page-check-title">Vault file check</h2>
      {error && <p role="alert">{error}</p>}
      {!info && !error && <p>Loading…</p>}
      {info?.state === 'running' && (
        <div className="progress">
          <label htmlFor="page-check-progress">Pages of the vault file read back</label>
          <progress id="page-check-progress" max={info.total || 1} value={info.done}>
            {info.done} of {info.total}
          </progress>
          <span>
            {info.done} of {info.total}
          </span>
        </div>
      )}
      {info?.state === 'idle' && <p>Not checked since you signed in.</p>}
      {r && r.outcome === 'damaged' && (
        <div className="banner banner-alarm" role="alert">
          <strong>Part of the vault file is damaged.</strong> {r.message}
        </div>
      )}
      {r && r.outcome !== 'damaged' && (
        <p role="status">
          {r.message} {r.outcome === 'intact' && `(${r.pages} pages)`}
        </p>
      )}
    </section>
  );
}
