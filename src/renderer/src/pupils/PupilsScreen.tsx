// "Pupils": find a pupil by any name, year group or UPN, and add one. The safeguarding team and
// senior leaders only (staff record concerns in words).
import { useState } from 'react';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { formatDate } from './pupilFormat';

export function PupilsScreen() {
  const { go } = useNav();
  const session = useSession();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const { data, error, loading } = useLoad(() => call('app:pupils.search', { query }), [query]);
  return (
    <div>
      <div className="section-head">
        <h1>Pupils</h1>
        {isTeam(session) && (
          <button type="button" className="primary" onClick={() => go({ name: 'add-pupil' })}>
            Add a pupil
          </button>
        )}
      </div>
      <form
        className="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(typed.trim());
        }}
      >
        <div className="field">
          <label htmlFor="pupil-search">Find a pupil</label>
          <p className="hint" id="pupil-search-hint">
            Any name, a year group (for example Year 9) or a UPN.
          </p>
          <div className="inline">
            <input
              id="pupil-search"
              type="search"
              aria-describedby="pupil-search-hint"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
            <button type="submit">Search</button>
          </div>
        </div>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {loading && <p role="status">Loading…</p>}
      {data && (
        <table className="table" data-testid="pupil-results">
          <caption>
            {query
              ? `${data.length} pupil${data.length === 1 ? '' : 's'} found for “${query}”`
              : `Pupils (${data.length} shown)`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Year group</th>
              <th scope="col">Tutor group</th>
              <th scope="col">Date of birth</th>
              <th scope="col">UPN</th>
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.id}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => go({ name: 'pupil', pupilId: p.id })}
                  >
                    {p.legalName}
                    {p.knownAs ? ` (${p.knownAs})` : ''}
                  </button>
                </td>
                <td>{p.yearGroup}</td>
                <td>{p.tutorGroup ?? '—'}</td>
                <td>{p.dateOfBirth ? formatDate(p.dateOfBirth) : '—'}</td>
                <td>{p.upn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
