// The case list: filter by status, kind, child and date; sort; and full-text search of
// record text (FTS5 inside the encrypted vault).
import { useState } from 'react';
import type { ChannelInput } from '../../../shared/ipc/contract';
import { CASE_STATUSES, CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/records/facts';
import { INCIDENT_KINDS } from '../../../shared/records/kinds/options';
import { incidentKindLabel } from '../../../shared/incidentCategories';
import { kindLabel } from '../../../shared/records/registry';
import { ukDate, ukLocalToUtc } from '../../../shared/ukTime';
import { call, errorMessage } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import type { SearchHitInfo } from '../../../shared/ipc/contract';
import { DateTimeInput } from '../forms/DateTimeInput';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
import { FlagBadges } from '../imagery/FlagBadges';

type Filter = ChannelInput<'app:cases.list'>;

export function CaseList() {
  const session = useSession();
  const { go } = useNav();
  const [filter, setFilter] = useState<Filter>({ sort: 'updated-desc' });
  const [draft, setDraft] = useState({ status: '', incidentKind: '', child: '', from: '', to: '' });
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHitInfo[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const { data, error, loading } = useLoad(
    () => call('app:cases.list', filter),
    [JSON.stringify(filter)],
  );
  // The school's own kinds of incident (retired ones too: older cases name them).
  const { data: own } = useLoad(() => call('app:categories.list', {}), []);

  const apply = (ev: React.FormEvent) => {
    ev.preventDefault();
    setFilter({
      sort: filter.sort,
      ...(draft.status ? { status: draft.status } : {}),
      ...(draft.incidentKind ? { incidentKind: draft.incidentKind } : {}),
      ...(draft.child.trim() ? { child: draft.child.trim() } : {}),
      // A half-typed date (the date input holds it until it is a real date) filters nothing.
      ...(DATE.test(draft.from) ? { from: ukLocalToUtc(`${draft.from}T00:00`) } : {}),
      ...(DATE.test(draft.to) ? { to: ukLocalToUtc(`${draft.to}T23:59`) } : {}),
    });
  };
  const search = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setSearchError(null);
    if (!query.trim()) return setHits(null);
    try {
      setHits(await call('app:cases.search', { query: query.trim() }));
    } catch (e) {
      setSearchError(errorMessage(e));
    }
  };

  return (
    <div>
      <h1>Cases</h1>
      <div className="actions">
        {isTeam(session) && (
          <button type="button" className="primary" onClick={() => go({ name: 'open-case' })}>
            Open a new case
          </button>
        )}
      </div>
      <form className="search" role="search" onSubmit={(e) => void search(e)}>
        <label htmlFor="q">Search the words in every record</label>
        <div className="inline">
          <input id="q" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit">Search</button>
        </div>
      </form>
      {searchError && <p role="alert">{searchError}</p>}
      {hits && (
        <section aria-labelledby="hits-title">
          <h2 id="hits-title">
            {hits.length} result{hits.length === 1 ? '' : 's'} for “{query}”
          </h2>
          <ul className="hits">
            {hits.map((h) => (
              <li key={h.recordId}>
                <button
                  type="button"
                  className="link"
                  onClick={() => go({ name: 'case', caseId: h.caseId, recordId: h.recordId })}
                >
                  {h.caseRef}: {h.caseTitle} — {kindLabel(h.kind)}
                </button>
                <p className="snippet">{h.snippet}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form className="filters" onSubmit={(e) => void apply(e)} aria-label="Filter cases">
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select
            id="f-status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          >
            <option value="">Any</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CASE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">Kind of incident</label>
          <select
            id="f-kind"
            value={draft.incidentKind}
            onChange={(e) => setDraft({ ...draft, incidentKind: e.target.value })}
          >
            <option value="">Any</option>
            {[...INCIDENT_KINDS, ...(own ?? []).map((c) => ({ value: c.id, label: c.label }))].map(
              (k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ),
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-child">Child’s name</label>
          <input
            id="f-child"
            value={draft.child}
            onChange={(e) => setDraft({ ...draft, child: e.target.value })}
          />
        </div>
        {/* GOV.UK date inputs: DD MM YYYY whatever the computer's locale. */}
        <DateTimeInput
          id="f-from"
          kind="date"
          legend="Opened from"
          value={draft.from}
          onChange={(v) => setDraft({ ...draft, from: v })}
        />
        <DateTimeInput
          id="f-to"
          kind="date"
          legend="Opened to"
          value={draft.to}
          onChange={(v) => setDraft({ ...draft, to: v })}
        />
        <div className="field">
          <label htmlFor="f-sort">Sort</label>
          <select
            id="f-sort"
            value={filter.sort}
            onChange={(e) => setFilter({ ...filter, sort: e.target.value as Filter['sort'] })}
          >
            <option value="updated-desc">Most recently updated</option>
            <option value="updated-asc">Least recently updated</option>
            <option value="created-desc">Newest first</option>
            <option value="created-asc">Oldest first</option>
            <option value="ref">Case reference</option>
          </select>
        </div>
        <button type="submit">Apply filters</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {loading && !data && <p aria-busy="true">Loading cases…</p>}
      {data && (
        <table className="table">
          <caption>
            {data.total} case{data.total === 1 ? '' : 's'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Kind</th>
              <th scope="col">Children</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => go({ name: 'case', caseId: c.id })}
                  >
                    {c.ref}
                  </button>
                </td>
                <td>
                  {c.title}
                  {c.flags.length > 0 && <FlagBadges flags={c.flags} />}
                </td>
                <td>{CASE_STATUS_LABELS[c.status as CaseStatus] ?? c.status}</td>
                <td>{c.incidentKind ? incidentKindLabel(c.incidentKind, own ?? []) : '—'}</td>
                <td>{c.children || '—'}</td>
                <td>{ukDate(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
