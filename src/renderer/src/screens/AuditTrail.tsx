// The audit trail ("Access and audit"): who did what and when — sign-ins, locks, who
// opened which case, searches, exports — filtered by person and by case. Hash-chained in the vault.
import { useState } from 'react';
import { ukDateTime } from '../../../shared/ukTime';
import { kindLabel } from '../../../shared/records/registry';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { useLoad } from '../lib/useLoad';
import { ACTION_LABELS } from './auditActionLabels';

function describe(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  // The record's kind by its name on screen ("Note"), never its code ("pupil-linked").
  if (typeof detail.kind === 'string') parts.push(kindLabel(detail.kind));
  if (typeof detail.reason === 'string') parts.push(`reason: ${detail.reason}`);
  if (typeof detail.query === 'string')
    parts.push(`“${detail.query}”, ${String(detail.results)} result(s)`);
  if (typeof detail.access === 'string')
    parts.push(detail.access === 'full' ? 'whole case' : 'own records only');
  if (typeof detail.mode === 'string') parts.push(`${detail.mode} check`);
  return parts.join('; ');
}

export function AuditTrail({ caseId, actorId }: { caseId?: string; actorId?: string }) {
  const { go } = useNav();
  const [person, setPerson] = useState(actorId ?? '');
  const [caseFilter, setCaseFilter] = useState(caseId ?? '');
  const { data: accounts } = useLoad(() => call('app:accounts.list', {}), []);
  const { data: cases } = useLoad(() => call('app:cases.list', { limit: 500, sort: 'ref' }), []);
  const { data, error, loading } = useLoad(
    () =>
      call('app:audit.list', {
        ...(person ? { actorId: person } : {}),
        ...(caseFilter ? { caseId: caseFilter } : {}),
        limit: 500,
      }),
    [person, caseFilter],
  );
  return (
    <div>
      <h1>Audit trail</h1>
      <p>
        Every entry is chained to the one before it by its hash, so a missing or changed entry is
        detected by “Check the log”.
      </p>
      <div className="filters">
        <div className="field">
          <label htmlFor="a-person">Person</label>
          <select id="a-person" value={person} onChange={(e) => setPerson(e.target.value)}>
            <option value="">Everyone</option>
            {accounts?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-case">Case</label>
          <select id="a-case" value={caseFilter} onChange={(e) => setCaseFilter(e.target.value)}>
            <option value="">All cases</option>
            {cases?.cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.ref}: {c.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && <p role="alert">{error}</p>}
      {loading && !data && <p aria-busy="true">Loading…</p>}
      {data && (
        <table className="table" data-testid="audit-table">
          <caption>
            {data.length} entr{data.length === 1 ? 'y' : 'ies'}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Case</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {data.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{ukDateTime(e.at)}</td>
                <td>{e.actorName ?? '—'}</td>
                <td>{ACTION_LABELS[e.action] ?? e.action}</td>
                <td>
                  {e.caseId ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => go({ name: 'case', caseId: e.caseId! })}
                    >
                      {e.caseRef ?? 'case'}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{describe(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
