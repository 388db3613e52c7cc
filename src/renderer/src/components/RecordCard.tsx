// One signed record in the chronology: what it says (label/value rows from its kind's fields),
// "Signed by … on DD/MM/YYYY at HH:MM", its countersignatures, corrections and what still waits.
import type { SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts, PendingCountersignature } from '../../../shared/records/facts';
import { kindDef, kindLabel } from '../../../shared/records/registry';
import { displayRows, type DisplayLookups } from '../../../shared/records/display';
import { COUNTERSIGN_PURPOSES } from '../../../shared/records/kinds/countersignature';
import { signedLine, ukDateTime } from '../../../shared/ukTime';
import { ROLE_LABELS } from '../../../shared/roles';
import { RECORD_EXTRAS } from './recordExtras';

export interface RecordCardProps {
  record: SignedRecord;
  facts: CaseFacts | null;
  byId: ReadonlyMap<string, SignedRecord>;
  lookups: DisplayLookups;
  pending: readonly PendingCountersignature[];
  canCorrect: boolean;
  onCorrect?: () => void;
  onCountersign?: (p: PendingCountersignature) => void;
  focused?: boolean;
}

function Rows({
  rows,
  label,
}: {
  rows: ReadonlyArray<{ label: string; value: string }>;
  label?: string;
}) {
  return (
    <dl className="rows" aria-label={label}>
      {rows.map((r, i) => (
        <div key={i} className="row">
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function purposeLabel(p: string): string {
  return COUNTERSIGN_PURPOSES.find((x) => x.value === p)?.label ?? p;
}

export function RecordCard({
  record,
  facts,
  byId,
  lookups,
  pending,
  canCorrect,
  onCorrect,
  onCountersign,
  focused,
}: RecordCardProps) {
  const env = record.envelope;
  const def = kindDef(env.kind);
  const summary = facts?.records[env.id];
  const corrections = (summary?.correctedBy ?? [])
    .map((id) => byId.get(id))
    .filter((r): r is SignedRecord => !!r);
  const latest = corrections.at(-1);
  const body = env.body;
  const Extra = RECORD_EXTRAS[env.kind];
  let rows = def ? displayRows(def.fields, body, lookups) : [];
  if (env.kind === 'correction') {
    const target = byId.get(String(body.correctsId));
    const tdef = target ? kindDef(target.envelope.kind) : undefined;
    rows = [
      {
        label: 'Corrects',
        value: target
          ? `${kindLabel(target.envelope.kind)} signed by ${target.envelope.signer.name} on ${ukDateTime(target.envelope.signedAt)}`
          : String(body.correctsId),
      },
      { label: 'Reason', value: String(body.reason) },
      ...(tdef
        ? displayRows(tdef.fields, body.corrected, lookups).map((r) => ({
            label: `Corrected — ${r.label}`,
            value: r.value,
          }))
        : []),
    ];
  }
  return (
    <article
      className={`record record-${env.kind}${latest ? ' record-corrected' : ''}${focused ? ' record-focused' : ''}`}
      aria-labelledby={`rec-${env.id}`}
      data-record-id={env.id}
      data-kind={env.kind}
    >
      <header>
        <h3 id={`rec-${env.id}`}>
          {kindLabel(env.kind)}
          {def?.summary && env.kind !== 'correction' && env.kind !== 'countersignature' && (
            <span className="record-summary"> — {def.summary(body)}</span>
          )}
        </h3>
        <p className="signed-line">
          {signedLine(env.signer.name, env.signedAt)}{' '}
          <span className="muted">({ROLE_LABELS[env.signer.role]})</span>
        </p>
        {env.kind === 'sealed-concern' && <SealedBy body={env.body} />}
      </header>
      {latest && def && (
        <>
          <p className="banner banner-warn corrected-by">
            Corrected by {latest.envelope.signer.name} on {ukDateTime(latest.envelope.signedAt)}.
            Reason: {String(latest.envelope.body.reason).replace(/\.+$/, '')}.
          </p>
          <Rows
            rows={displayRows(def.fields, latest.envelope.body.corrected, lookups)}
            label="As corrected"
          />
          <details className="original">
            <summary>The original, exactly as it was signed</summary>
            <Rows rows={rows} />
          </details>
        </>
      )}
      {!latest && rows.length > 0 && <Rows rows={rows} />}
      {(summary?.countersignatures ?? []).map((c) => (
        <p key={c.recordId} className="countersigned">
          ✓ Countersigned as {purposeLabel(c.purpose).toLowerCase()} by {c.name} on{' '}
          {ukDateTime(c.signedAt)}
        </p>
      ))}
      {Extra && <Extra record={record} facts={facts} lookups={lookups} />}
      {pending.map((p) => (
        <div key={`${p.recordId}-${p.purpose}`} className="awaiting">
          <p>
            <strong>Awaiting {purposeLabel(p.purpose).toLowerCase()}</strong>
            {p.accountId ? ` — ${lookups.account?.(p.accountId) ?? 'named person'}` : ''}:{' '}
            {p.statement}
          </p>
          {onCountersign && (
            <button type="button" onClick={() => onCountersign(p)}>
              Countersign as {purposeLabel(p.purpose).toLowerCase()}
            </button>
          )}
        </div>
      ))}
      <footer className="record-footer">
        <span className="hash" title="SHA-256 of this record as signed">
          #{env.caseSeq} · {record.hash.slice(0, 16)}…
        </span>
        {canCorrect && onCorrect && (
          <button type="button" className="secondary" onClick={onCorrect}>
            Correct this record
          </button>
        )}
      </footer>
    </article>
  );
}

/** A concern sealed by staff: its author wrote and signed it; the team member above opened it. */
function SealedBy({ body }: { body: Record<string, unknown> }) {
  const sealed = body.sealed as { author?: { name?: string }; sealedAt?: string } | undefined;
  if (!sealed?.author?.name || !sealed.sealedAt) return null;
  return (
    <p className="sealed-line">
      Written and sealed by {sealed.author.name} on {ukDateTime(sealed.sealedAt)}; their own
      signature is kept with it.
    </p>
  );
}
