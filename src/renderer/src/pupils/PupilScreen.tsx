// A pupil's page: their details and every correction of them, the cases they are linked to (only
// those this reader may read), related pupils on both sides, and one time-ordered chronology across
// all their cases with filters by kind and date and who signed each entry; and the printable PDF.
import { useState } from 'react';
import { SEX_OPTIONS, optionLabel } from '../../../shared/records/kinds/options';
import { PUPIL_RELATION_OPTIONS, roleLabel } from '../../../shared/pupils/roles';
import type { ChronologyEntry } from '../../../shared/pupils/types';
import { ukDateTime } from '../../../shared/ukTime';
import { call, errorMessage } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { ageToday, formatDate } from './pupilFormat';
import {
  DateInput,
  EMPTY_DATE,
  LinkedErrorSummary,
  PrintButton,
  Section,
  isoFromParts,
  type DateParts,
  type FieldError,
} from './pupilUi';
import { PupilPicker } from './PupilPicker';

const yesNo = (v: unknown) => (v === true ? 'Yes' : v === false ? 'No' : 'Not known');

export function PupilScreen({ pupilId }: { pupilId: string }) {
  const session = useSession();
  const { go } = useNav();
  const { data: p, error, reload } = useLoad(() => call('app:pupils.get', { pupilId }), [pupilId]);
  if (error)
    return (
      <div>
        <h1>Pupil</h1>
        <p className="error-text" role="alert">
          {error}
        </p>
      </div>
    );
  if (!p) return <p role="status">Loading…</p>;
  const d = p.details;
  const age = p.dateOfBirth ? ageToday(p.dateOfBirth) : null;
  return (
    <div>
      <p>
        <button type="button" className="link" onClick={() => go({ name: 'pupils' })}>
          Back to pupils
        </button>
      </p>
      <h1>
        {p.legalName}
        {p.knownAs ? ` (known as ${p.knownAs})` : ''}
      </h1>
      <Section
        id="pupil-details-title"
        title="Details"
        action={
          isTeam(session) ? (
            <button type="button" onClick={() => go({ name: 'correct-pupil', pupilId })}>
              Correct these details
            </button>
          ) : undefined
        }
      >
        <dl className="case-summary" data-testid="pupil-details">
          <dt>Legal name</dt>
          <dd>{p.legalName}</dd>
          <dt>Known as</dt>
          <dd>{p.knownAs ?? '—'}</dd>
          <dt>Year group</dt>
          <dd>{p.yearGroup}</dd>
          <dt>Tutor group</dt>
          <dd>{p.tutorGroup ?? '—'}</dd>
          <dt>Date of birth</dt>
          <dd>
            {p.dateOfBirth
              ? `${formatDate(p.dateOfBirth)}${age !== null ? ` (age ${age})` : ''}`
              : 'Not recorded'}
          </dd>
          <dt>Sex</dt>
          <dd>{d.sex ? optionLabel(SEX_OPTIONS, d.sex) : 'Not recorded'}</dd>
          <dt>UPN</dt>
          <dd>{p.upn ?? '—'}</dd>
          <dt>SEND</dt>
          <dd>{yesNo(d.send)}</dd>
          <dt>Looked-after child</dt>
          <dd>{yesNo(d.lookedAfter)}</dd>
          <dt>Notes</dt>
          <dd className="prewrap">{typeof d.notes === 'string' ? d.notes : '—'}</dd>
        </dl>
        <h3>Record of these details</h3>
        <ul className="plain" data-testid="pupil-history">
          {p.history.map((h) => (
            <li key={h.recordId}>
              {h.kind === 'pupil'
                ? `Added on ${ukDateTime(h.signedAt)} by ${h.signerName}.`
                : `Corrected on ${ukDateTime(h.signedAt)} by ${h.signerName}. Reason: ${h.reason ?? ''}`}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="pupil-cases-title" title="Cases">
        {p.cases.length === 0 ? (
          <p className="muted">No case you can read is linked to this pupil.</p>
        ) : (
          <table className="table" data-testid="pupil-cases">
            <caption>Cases linked to {p.legalName}</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Title</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {p.cases.map((c) => (
                <tr key={c.caseId}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => go({ name: 'case', caseId: c.caseId })}
                    >
                      {c.ref}
                    </button>
                  </td>
                  <td>{c.title}</td>
                  <td>{c.roles.map(roleLabel).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <RelatedPupils
        pupilId={pupilId}
        related={p.related}
        onChange={reload}
        canLink={isTeam(session)}
      />
      <Chronology pupilId={pupilId} name={p.legalName} />
    </div>
  );
}

function RelatedPupils({
  pupilId,
  related,
  onChange,
  canLink,
}: {
  pupilId: string;
  related: Array<{ pupilId: string; name: string; yearGroup: string; relation: string }>;
  onChange: () => void;
  canLink: boolean;
}) {
  const { go } = useNav();
  const [other, setOther] = useState<{ id: string; name: string } | null>(null);
  const [relation, setRelation] = useState('sibling');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [open, setOpen] = useState(false);
  const link = async () => {
    if (!other) {
      setErrors([{ field: 'relate-search', message: 'Find and choose the related pupil' }]);
      return;
    }
    try {
      await call('app:pupils.relate', {
        pupilId,
        otherPupilId: other.id,
        relation: relation as 'sibling',
      });
      setErrors([]);
      setOther(null);
      setOpen(false);
      onChange();
    } catch (e) {
      setErrors([{ field: 'relate-search', message: errorMessage(e) }]);
    }
  };
  return (
    <Section
      id="pupil-related-title"
      title="Related pupils"
      action={
        canLink && !open ? (
          <button type="button" onClick={() => setOpen(true)}>
            Link a related pupil
          </button>
        ) : undefined
      }
    >
      {related.length === 0 ? (
        <p className="muted">No related pupils are recorded.</p>
      ) : (
        <ul className="plain" data-testid="pupil-related">
          {related.map((r) => (
            <li key={`${r.pupilId}-${r.relation}`}>
              <button
                type="button"
                className="link"
                onClick={() => go({ name: 'pupil', pupilId: r.pupilId })}
              >
                {r.name}
              </button>{' '}
              ({r.yearGroup}) —{' '}
              {PUPIL_RELATION_OPTIONS.find((o) => o.value === r.relation)?.label ?? r.relation}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div className="group">
          <LinkedErrorSummary errors={errors} />
          <PupilPicker
            id="relate-search"
            label="Find the related pupil"
            excludeId={pupilId}
            chosen={other}
            onChoose={setOther}
          />
          <div className="field">
            <label htmlFor="relate-relation">How they are related</label>
            <select
              id="relate-relation"
              value={relation}
              onChange={(e) => setRelation(e.target.value)}
            >
              {PUPIL_RELATION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void link()}>
              Sign the link
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Section>
  );
}

function Chronology({ pupilId, name }: { pupilId: string; name: string }) {
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState<DateParts>(EMPTY_DATE);
  const [to, setTo] = useState<DateParts>(EMPTY_DATE);
  const [applied, setApplied] = useState<{ kinds?: string[]; from?: string; to?: string }>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const { data, error } = useLoad(
    () => call('app:pupils.chronology', { pupilId, ...applied }),
    [pupilId, applied],
  );
  const [kindsSeen, setKindsSeen] = useState<Array<{ kind: string; label: string }>>([]);
  if (data && kindsSeen.length === 0 && data.entries.length > 0) {
    const seen = new Map(data.entries.map((e) => [e.kind, e.label]));
    setKindsSeen(
      [...seen]
        .map(([k, l]) => ({ kind: k, label: l }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    );
  }
  const apply = () => {
    const f = isoFromParts(from);
    const t = isoFromParts(to);
    const errs: FieldError[] = [];
    if (f === null)
      errs.push({
        field: 'chrono-from',
        message: 'The “from” date must be a real date, for example 1 9 2026',
      });
    if (t === null)
      errs.push({
        field: 'chrono-to',
        message: 'The “to” date must be a real date, for example 31 12 2026',
      });
    if (f && t && f > t)
      errs.push({
        field: 'chrono-to',
        message: 'The “to” date must be the same as or after the “from” date',
      });
    setErrors(errs);
    if (errs.length > 0) return;
    setApplied({
      ...(kind ? { kinds: [kind] } : {}),
      ...(f ? { from: f } : {}),
      ...(t ? { to: t } : {}),
    });
  };
  return (
    <Section
      id="pupil-chronology-title"
      title="Chronology across all cases"
      action={<PrintButton target={{ pupilId, ...applied }} label="Save the chronology as a PDF" />}
    >
      <LinkedErrorSummary errors={errors} />
      <form
        className="filters"
        aria-label="Filter the chronology"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="field">
          <label htmlFor="chrono-kind">Kind of entry</label>
          <select id="chrono-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">Every kind</option>
            {kindsSeen.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <DateInput
          id="chrono-from"
          legend="From"
          value={from}
          onChange={setFrom}
          error={errors.find((x) => x.field === 'chrono-from')?.message}
        />
        <DateInput
          id="chrono-to"
          legend="To"
          value={to}
          onChange={setTo}
          error={errors.find((x) => x.field === 'chrono-to')?.message}
        />
        <div className="actions">
          <button type="submit">Apply filters</button>
        </div>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <p role="status">
            {data.entries.length} {data.entries.length === 1 ? 'entry' : 'entries'} for {name}
          </p>
          <ol className="chronology" data-testid="pupil-chronology">
            {data.entries.map((e) => (
              <EntryItem key={e.recordId} e={e} />
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

function EntryItem({ e }: { e: ChronologyEntry }) {
  return (
    <li
      className={`record${e.correctedBy.length > 0 ? ' record-corrected' : ''}`}
      data-kind={e.kind}
    >
      <h3 className="record-summary">
        {ukDateTime(e.signedAt)} — {e.label}
        {e.caseRef ? ` — ${e.caseRef}` : ''}
      </h3>
      <p>{e.summary}</p>
      {e.rows.length > 0 && (
        <dl className="rows">
          {e.rows.map((r, i) => (
            <div className="row" key={i}>
              <dt>{r.label}</dt>
              <dd className="prewrap">{r.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="signed-line">
        Signed by {e.signerName} ({e.signerRole})
      </p>
      {e.correctedBy.map((c) => (
        <p key={c.recordId} className="warning">
          Corrected on {ukDateTime(c.signedAt)} by {c.signerName}: {c.reason}
        </p>
      ))}
      {e.countersignedBy.map((c, i) => (
        <p key={i} className="countersigned">
          Countersigned by {c.name} on {ukDateTime(c.signedAt)}
        </p>
      ))}
    </li>
  );
}
