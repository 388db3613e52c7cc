// "Sealed export for the police" (docs/rules.md "Sealed export for the police"): the DSL or a
// deputy chooses cases and the receiving officer, optionally encrypts for transport, and exports.
// Main shows the save dialog and seals the bundle; progress arrives as app:event.progress with a
// Cancel that leaves no file behind; the result (with the one-time passphrase) is shown once.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaseListItem } from '../../../shared/ipc/contract';
import type { ExportOutcome } from '../../../shared/exportReport';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/records/facts';
import { ApiError, call, errorMessage, onEvent } from '../lib/api';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary, TextField } from '../components/Field';
import { ExportResult } from './ExportResult';
import { EXPORT_STAGES, stageOf } from './exportText';

interface Recipient {
  officerName: string;
  collarNumber: string;
  force: string;
  reference: string;
}

type Phase =
  | { kind: 'form' }
  | {
      kind: 'running';
      progress: { task: string; done: number; total: number } | null;
      cancelling: boolean;
    }
  | { kind: 'done'; outcome: ExportOutcome };

type Errors = Partial<Record<'cases' | keyof Recipient, string>>;

function validate(caseIds: readonly string[], r: Recipient): Errors {
  const e: Errors = {};
  if (caseIds.length === 0) e.cases = 'Choose at least one case to export.';
  if (!r.officerName.trim())
    e.officerName = 'Enter the name of the police officer receiving the export.';
  if (!r.force.trim()) e.force = 'Enter the police force.';
  if (!r.reference.trim())
    e.reference = 'Enter the police reference (the crime or incident number).';
  for (const [k, max] of [
    ['officerName', 200],
    ['force', 200],
    ['reference', 200],
    ['collarNumber', 40],
  ] as const) {
    if (r[k].trim().length > max) e[k] = `Use at most ${max} characters.`;
  }
  return e;
}

export function ExportScreen({ preselected = [] }: { preselected?: readonly string[] }) {
  const session = useSession();
  const cases = useLoad(() => call('app:cases.list', { sort: 'updated-desc', limit: 500 }), []);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(preselected));
  const [filter, setFilter] = useState('');
  const [recipient, setRecipient] = useState<Recipient>({
    officerName: '',
    collarNumber: '',
    force: '',
    reference: '',
  });
  const [encrypt, setEncrypt] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const running = useRef(false);
  const cancelWanted = useRef(false);

  // Progress from main while an export runs. A Cancel pressed before main has started sealing
  // (while its save dialog is still answering) is repeated at the first progress event.
  useEffect(
    () =>
      onEvent('app:event.progress', (p) => {
        if (!running.current || !p.task.startsWith('export-')) return;
        if (cancelWanted.current) void call('app:export.cancel', {}).catch(() => undefined);
        setPhase((ph) => (ph.kind === 'running' ? { ...ph, progress: p } : ph));
      }),
    [],
  );
  // Leaving the screen (or locking) while an export runs cancels it: its result, and the one-time
  // passphrase, could no longer be shown.
  useEffect(
    () => () => {
      if (running.current) void call('app:export.cancel', {}).catch(() => undefined);
    },
    [],
  );

  const all = useMemo(() => cases.data?.cases ?? [], [cases.data]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q
      ? all.filter(
          (c) =>
            selected.has(c.id) || `${c.ref} ${c.title} ${c.children}`.toLowerCase().includes(q),
        )
      : all;
  }, [all, filter, selected]);

  if (!isTeam(session)) {
    return (
      <div>
        <h1>Sealed export for the police</h1>
        <p role="alert">Only the DSL or a deputy DSL can export cases for the police.</p>
      </div>
    );
  }

  if (phase.kind === 'done') {
    return (
      <ExportResult
        outcome={phase.outcome}
        officer={recipient.officerName.trim()}
        onAnother={() => {
          setPhase({ kind: 'form' });
          setSelected(new Set());
          setNotice(null);
        }}
      />
    );
  }

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const set = (k: keyof Recipient) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setRecipient((r) => ({ ...r, [k]: e.target.value }));

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setNotice(null);
    setFailure(null);
    // Keep the order of the case list (most recently updated first) for the chosen cases.
    const caseIds = all.filter((c) => selected.has(c.id)).map((c) => c.id);
    const found = validate(caseIds, recipient);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    running.current = true;
    cancelWanted.current = false;
    setPhase({ kind: 'running', progress: null, cancelling: false });
    try {
      const outcome = await call('app:export.create', {
        caseIds,
        recipient: {
          officerName: recipient.officerName.trim(),
          force: recipient.force.trim(),
          reference: recipient.reference.trim(),
          ...(recipient.collarNumber.trim() ? { collarNumber: recipient.collarNumber.trim() } : {}),
        },
        encrypt,
      });
      setPhase({ kind: 'done', outcome });
    } catch (e) {
      setPhase({ kind: 'form' });
      if (e instanceof ApiError && e.code === 'CANCELLED')
        setNotice('Nothing was exported: no file was saved and nothing was recorded on the cases.');
      else setFailure(errorMessage(e));
    } finally {
      running.current = false;
    }
  };

  const cancel = async () => {
    cancelWanted.current = true;
    setPhase((ph) => (ph.kind === 'running' ? { ...ph, cancelling: true } : ph));
    await call('app:export.cancel', {}).catch(() => undefined);
  };

  const messages = Object.values(errors).filter((m): m is string => !!m);
  const busy = phase.kind === 'running';

  return (
    <div className="export-screen">
      <h1>Sealed export for the police</h1>
      <p>
        One file for the police: a readable report (PDF) of every record, the same records as signed
        data, the audit trail, and a manifest signed with your key so that the officer can check
        nothing was changed. It never holds any imagery (R2). The export is signed onto each case,
        and you can print a handover receipt for you and the officer to sign.
      </p>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      {failure && (
        <div className="banner banner-alarm" role="alert">
          <strong>Not exported.</strong> {failure}
        </div>
      )}
      <ErrorSummary title="Check the export" messages={messages} />
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <fieldset
          className={`field export-cases${errors.cases ? ' field-error' : ''}`}
          disabled={busy}
          aria-describedby={errors.cases ? 'export-cases-error' : undefined}
        >
          <legend>Cases to export</legend>
          {errors.cases && (
            <p className="error-text" id="export-cases-error">
              {errors.cases}
            </p>
          )}
          {cases.loading && !cases.data && <p aria-busy="true">Loading the cases…</p>}
          {cases.error && <p role="alert">{cases.error}</p>}
          {all.length > 8 && (
            <div className="field">
              <label htmlFor="export-filter">Find a case (reference, title or child)</label>
              <input
                id="export-filter"
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            </div>
          )}
          {cases.data && all.length === 0 && <p>There are no cases to export.</p>}
          <ul className="plain export-case-list">
            {shown.map((c: CaseListItem) => (
              <li key={c.id} className="checkbox">
                <input
                  type="checkbox"
                  id={`export-case-${c.id}`}
                  checked={selected.has(c.id)}
                  onChange={(e) => toggle(c.id, e.target.checked)}
                />
                <label htmlFor={`export-case-${c.id}`}>
                  <strong>{c.ref}</strong> — {c.title || 'Untitled'}{' '}
                  <span className="muted">
                    ({CASE_STATUS_LABELS[c.status as CaseStatus] ?? c.status})
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <p className="muted" aria-live="polite">
            {selected.size === 0
              ? 'No case chosen.'
              : `${selected.size} case${selected.size === 1 ? '' : 's'} chosen.`}
          </p>
        </fieldset>

        <fieldset disabled={busy}>
          <legend>Who receives it</legend>
          <TextField
            label="Police officer’s name"
            autoComplete="off"
            value={recipient.officerName}
            onChange={set('officerName')}
            error={errors.officerName}
          />
          <TextField
            label="Collar or warrant number (optional)"
            autoComplete="off"
            value={recipient.collarNumber}
            onChange={set('collarNumber')}
            error={errors.collarNumber}
          />
          <TextField
            label="Force"
            autoComplete="off"
            value={recipient.force}
            onChange={set('force')}
            error={errors.force}
          />
          <TextField
            label="Police reference"
            hint="The crime or incident number the officer gave you."
            autoComplete="off"
            value={recipient.reference}
            onChange={set('reference')}
            error={errors.reference}
          />
        </fieldset>

        <fieldset disabled={busy}>
          <legend>Transport</legend>
          <div className="checkbox">
            <input
              type="checkbox"
              id="export-encrypt"
              checked={encrypt}
              onChange={(e) => setEncrypt(e.target.checked)}
              aria-describedby="export-encrypt-note"
            />
            <label htmlFor="export-encrypt">
              Encrypt for transport (AES-256 zip with a one-time passphrase)
            </label>
          </div>
          <p className="hint" id="export-encrypt-note">
            {encrypt
              ? 'CaseSeal will show a six-word passphrase once. Give it to the officer separately — by phone or in person, never with the file. The officer opens the file with 7-Zip.'
              : 'Not encrypted: anyone who has the file can open it with any unzip tool. Only choose this if the file travels safely, for example handed over in person on an encrypted drive.'}
          </p>
        </fieldset>

        {!busy && (
          <div className="actions">
            <button type="submit" className="primary">
              Export…
            </button>
            <span className="muted">CaseSeal asks where to save the file.</span>
          </div>
        )}
      </form>

      {phase.kind === 'running' && (
        <Progress
          progress={phase.progress}
          cancelling={phase.cancelling}
          onCancel={() => void cancel()}
        />
      )}
    </div>
  );
}

function Progress({
  progress,
  cancelling,
  onCancel,
}: {
  progress: { task: string; done: number; total: number } | null;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const stage = progress ? stageOf(progress.task) : null;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section
      className="export-progress"
      aria-labelledby="export-progress-title"
      data-testid="export-progress"
      ref={ref}
      tabIndex={-1}
    >
      <h2 id="export-progress-title">{cancelling ? 'Cancelling the export…' : 'Exporting…'}</h2>
      {/* The stage name is announced; the running counts are not, to keep screen readers quiet. */}
      <p aria-live="polite" data-testid="export-stage">
        {stage
          ? `Step ${stage.index + 1} of ${EXPORT_STAGES.length}: ${stage.label}`
          : 'Choose where to save the file in the window CaseSeal opened.'}
      </p>
      <div className="progress">
        {progress && progress.total > 0 ? (
          <progress aria-label="Export progress" max={progress.total} value={progress.done} />
        ) : (
          <progress aria-label="Export progress" />
        )}
        {progress && stage && (
          <span className="muted">
            {progress.done} of {progress.total}{' '}
            {progress.total === 1 ? stage.unit.replace(/s$/, '') : stage.unit}
          </span>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel the export'}
        </button>
      </div>
    </section>
  );
}
