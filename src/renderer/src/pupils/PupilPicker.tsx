// Find and choose a pupil: a search box, the matches as buttons, and the one chosen. Used to link a
// pupil to a case, relate two pupils, and pick a pupil on the concern form.
import { useState } from 'react';
import type { PupilSummary } from '../../../shared/pupils/types';
import { call, errorMessage } from '../lib/api';

export function PupilPicker({
  id,
  label,
  excludeId,
  chosen,
  onChoose,
}: {
  id: string;
  label: string;
  excludeId?: string;
  chosen: { id: string; name: string } | null;
  onChoose: (p: { id: string; name: string } | null) => void;
}) {
  const [typed, setTyped] = useState('');
  const [results, setResults] = useState<PupilSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async () => {
    setError(null);
    if (!typed.trim()) {
      setResults(null);
      return;
    }
    try {
      setResults(
        (await call('app:pupils.search', { query: typed.trim(), limit: 20 })).filter(
          (p) => p.id !== excludeId,
        ),
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (chosen)
    return (
      <p data-testid={`${id}-chosen`}>
        Chosen: <strong>{chosen.name}</strong>{' '}
        <button type="button" className="link" onClick={() => onChoose(null)}>
          Choose someone else
        </button>
      </p>
    );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        Any name, a year group or a UPN.
      </p>
      <div className="inline">
        <input
          id={id}
          type="search"
          aria-describedby={`${id}-hint`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
        />
        <button type="button" onClick={() => void search()}>
          Find
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div role="status">
        {results && (results.length === 0 ? 'No pupil found.' : `${results.length} found.`)}
      </div>
      {results && results.length > 0 && (
        <ul className="plain">
          {results.map((p) => {
            const name = `${p.legalName}${p.knownAs ? ` (${p.knownAs})` : ''}`;
            return (
              <li key={p.id}>
                <button type="button" className="link" onClick={() => onChoose({ id: p.id, name })}>
                  Choose {name}, {p.yearGroup}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
