// On a case: the pupils linked to it by role, linking a pupil (including one of the children named
// in the case's own words, whose signed text stays as it is), related cases on both sides, and the
// case's printable chronology. Shown to readers with full access; linking is the team's.
import { useState } from 'react';
import {
  CASE_RELATION_OPTIONS,
  PUPIL_ROLE_OPTIONS,
  roleLabel,
  type PupilRole,
} from '../../../shared/pupils/roles';
import { call, errorMessage } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import type { CasePanelProps } from '../screens/casePanels';
import { LinkedErrorSummary, PrintButton, Section, type FieldError } from './pupilUi';
import { PupilPicker } from './PupilPicker';

export function PupilLinksPanel({ detail, reload }: CasePanelProps) {
  const session = useSession();
  const { go } = useNav();
  const caseId = detail.case.id;
  const full = detail.access === 'full' && session.role !== 'staff';
  const { data, reload: reloadLinks } = useLoad(
    () => (full ? call('app:pupils.forCase', { caseId }) : Promise.resolve(null)),
    [caseId, detail.records.length],
  );
  if (!full || !data) return null;
  const team = isTeam(session) && detail.case.status !== 'closed';
  const done = () => {
    reloadLinks();
    reload();
  };
  return (
    <section
      className="pupil-links-panel"
      aria-labelledby="case-pupils-title"
      data-testid="case-pupils-panel"
    >
      <div className="section-head">
        <h2 id="case-pupils-title">Pupils and related cases</h2>
        <PrintButton target={{ caseId }} label="Save the case chronology as a PDF" />
      </div>
      {data.pupils.length === 0 ? (
        <p className="muted">No pupil record is linked to this case yet.</p>
      ) : (
        <ul className="plain" data-testid="case-pupils">
          {data.pupils.map((p) => (
            <li key={`${p.pupilId}-${p.role}`}>
              <button
                type="button"
                className="link"
                onClick={() => go({ name: 'pupil', pupilId: p.pupilId })}
              >
                {p.name}
              </button>{' '}
              ({p.yearGroup}) — {roleLabel(p.role)}
            </li>
          ))}
        </ul>
      )}
      {team && (
        <LinkPupil
          caseId={caseId}
          named={(detail.facts?.children ?? []).filter((c) => !c.pupilId)}
          onDone={done}
        />
      )}
      <h3>Related cases</h3>
      {data.related.length === 0 ? (
        <p className="muted">No related case is linked.</p>
      ) : (
        <ul className="plain" data-testid="related-cases">
          {data.related.map((r) => (
            <li key={r.caseId}>
              <button
                type="button"
                className="link"
                onClick={() => go({ name: 'case', caseId: r.caseId })}
              >
                {r.ref}
              </button>{' '}
              {r.title} —{' '}
              {CASE_RELATION_OPTIONS.find((o) => o.value === r.relation)?.label ?? r.relation}
            </li>
          ))}
        </ul>
      )}
      {team && <LinkCase caseId={caseId} onDone={done} />}
    </section>
  );
}

function LinkPupil({
  caseId,
  named,
  onDone,
}: {
  caseId: string;
  named: Array<{ id: string; name: string }>;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [pupil, setPupil] = useState<{ id: string; name: string } | null>(null);
  const [role, setRole] = useState<PupilRole>('child-concerned');
  const [childId, setChildId] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Link a pupil
        </button>
      </p>
    );
  const sign = async () => {
    if (!pupil) {
      setErrors([{ field: 'link-pupil-search', message: 'Find and choose the pupil' }]);
      return;
    }
    try {
      await call('app:pupils.link', {
        caseId,
        pupilId: pupil.id,
        role,
        ...(childId ? { childId } : {}),
      });
      setOpen(false);
      setPupil(null);
      setErrors([]);
      onDone();
    } catch (e) {
      setErrors([{ field: 'link-pupil-search', message: errorMessage(e) }]);
    }
  };
  return (
    <Section id="link-pupil-title" title="Link a pupil">
      <LinkedErrorSummary errors={errors} />
      <PupilPicker
        id="link-pupil-search"
        label="Find the pupil"
        chosen={pupil}
        onChoose={setPupil}
      />
      <div className="field">
        <label htmlFor="link-pupil-role">Their role in this case</label>
        <select
          id="link-pupil-role"
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
      {named.length > 0 && (
        <div className="field">
          <label htmlFor="link-pupil-child">Is this a child already named on the case?</label>
          <p className="hint" id="link-pupil-child-hint">
            The case’s signed words stay as they are; the link says who they mean.
          </p>
          <select
            id="link-pupil-child"
            aria-describedby="link-pupil-child-hint"
            value={childId}
            onChange={(e) => setChildId(e.target.value)}
          >
            <option value="">No, or not sure</option>
            {named.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void sign()}>
          Sign the link
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </Section>
  );
}

function LinkCase({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [ref, setRef] = useState('');
  const [relation, setRelation] = useState('same-incident');
  const [errors, setErrors] = useState<FieldError[]>([]);
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Link a related case
        </button>
      </p>
    );
  const sign = async () => {
    if (!ref.trim()) {
      setErrors([
        {
          field: 'link-case-ref',
          message: 'Enter the other case’s reference, for example C-2026-0007',
        },
      ]);
      return;
    }
    try {
      await call('app:cases.link', {
        caseId,
        otherRef: ref.trim(),
        relation: relation as 'related',
      });
      setOpen(false);
      setRef('');
      setErrors([]);
      onDone();
    } catch (e) {
      setErrors([{ field: 'link-case-ref', message: errorMessage(e) }]);
    }
  };
  const error = errors[0]?.message;
  return (
    <Section id="link-case-title" title="Link a related case">
      <LinkedErrorSummary errors={errors} />
      <div className={`field${error ? ' field-error' : ''}`}>
        <label htmlFor="link-case-ref">The other case’s reference</label>
        <p className="hint" id="link-case-ref-hint">
          For example C-2026-0007.
        </p>
        {error && (
          <p className="error-text" id="link-case-ref-error">
            {error}
          </p>
        )}
        <input
          id="link-case-ref"
          type="text"
          value={ref}
          aria-invalid={error ? true : undefined}
          aria-describedby={`link-case-ref-hint${error ? ' link-case-ref-error' : ''}`}
          onChange={(e) => setRef(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="link-case-relation">How they are related</label>
        <select
          id="link-case-relation"
          value={relation}
          onChange={(e) => setRelation(e.target.value)}
        >
          {CASE_RELATION_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void sign()}>
          Sign the link
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </Section>
  );
}
