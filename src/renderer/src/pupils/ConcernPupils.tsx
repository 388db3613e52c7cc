// On the concern form (the safeguarding team): pick existing pupils or add one quickly — a name and
// a year group are enough — each with their role. They are signed with the concern, in one step.
import { useState } from 'react';
import { PUPIL_ROLE_OPTIONS, roleLabel, type PupilRole } from '../../../shared/pupils/roles';
import { PupilPicker } from './PupilPicker';

export type ConcernPupil =
  | { pupilId: string; name: string; role: PupilRole }
  | { newPupil: { legalName: string; yearGroup: string }; name: string; role: PupilRole };

export function ConcernPupils({
  value,
  onChange,
}: {
  value: ConcernPupil[];
  onChange: (v: ConcernPupil[]) => void;
}) {
  const [role, setRole] = useState<PupilRole>('child-concerned');
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [year, setYear] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    if (!name.trim() || !year.trim()) {
      setError('Enter the pupil’s name and year group');
      document.getElementById(!name.trim() ? 'quick-pupil-name' : 'quick-pupil-year')?.focus();
      return;
    }
    onChange([
      ...value,
      { newPupil: { legalName: name.trim(), yearGroup: year.trim() }, name: name.trim(), role },
    ]);
    setName('');
    setYear('');
    setError(null);
    setAdding(false);
  };
  return (
    <fieldset className="field group" data-testid="concern-pupils">
      <legend>Pupils this concern is about (optional)</legend>
      <p className="hint">
        Link pupil records as well as writing the names above. A name and a year group are enough
        for a new pupil.
      </p>
      {value.length > 0 && (
        <ul className="plain" data-testid="concern-pupils-chosen">
          {value.map((p, i) => (
            <li key={i}>
              {p.name} — {roleLabel(p.role)}
              {'newPupil' in p ? ' (new pupil)' : ''}{' '}
              <button
                type="button"
                className="link"
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                Remove {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="concern-pupil-role">Role of the next pupil</label>
        <select
          id="concern-pupil-role"
          value={role}
          onChange={(e) => setRole(e.target.value as PupilRole)}
        >
          {PUPIL_ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <PupilPicker
        id="concern-pupil-search"
        label="Find an existing pupil"
        chosen={null}
        onChoose={(p) => p && onChange([...value, { pupilId: p.id, name: p.name, role }])}
      />
      {!adding ? (
        <button type="button" onClick={() => setAdding(true)}>
          Add a new pupil quickly
        </button>
      ) : (
        <div className="group">
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <div className="field">
            <label htmlFor="quick-pupil-name">Pupil’s name</label>
            <input
              id="quick-pupil-name"
              type="text"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="quick-pupil-year">Year group</label>
            <input
              id="quick-pupil-year"
              type="text"
              size={12}
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="button" onClick={add}>
              Add this pupil
            </button>
            <button type="button" className="secondary" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}

/** The concern channel's `pupils` list from what was chosen. */
export function concernPupilsPayload(v: ConcernPupil[]) {
  return v.map((p) =>
    'pupilId' in p ? { pupilId: p.pupilId, role: p.role } : { newPupil: p.newPupil, role: p.role },
  );
}
