// "Decisions about viewing imagery" on a case (R1–R8), from facts.viewingDecisions: each
// decision's state — "Final" for a decision not to view (R1); "Awaiting witness — name" for a decision
// to view until the named witness countersigns (R5), then "Final — witnessed by X on date" — with
// "Finalise" (main refuses, listing the unmet rules, until the witness has countersigned) and
// "Witness countersigns", which opens the witness's dialog.
import { useState } from 'react';
import type { PendingCountersignature } from '../../../shared/records/facts';
import { viewingDecisionsOf, type ViewingDecisionFact } from '../../../shared/records/imageryFacts';
import { AWAITING_WITNESS, WITNESS_STATEMENT } from '../../../shared/rules/imagery';
import { ukDateTime } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { ErrorSummary } from '../components/Field';
import { FindingsPanel } from '../components/Findings';
import type { CasePanelProps } from '../screens/casePanels';
import { WitnessDialog } from './WitnessDialog';
import { refusalOf, type Refusal } from './signingErrors';

interface Row {
  fact: ViewingDecisionFact;
  title: string;
  signer: string;
  witnessName: string | null;
  witnessed: { name: string; signedAt: string } | null;
}

function rowsOf(detail: CasePanelProps['detail']): Row[] {
  const facts = detail.facts;
  if (!facts) return [];
  return viewingDecisionsOf(facts).map((fact) => {
    const rec = detail.records.find((r) => r.envelope.id === fact.recordId);
    const witnessRef = rec?.envelope.body.witness as { name?: string } | undefined;
    const cs = facts.records[fact.recordId]?.countersignatures.find(
      (c) => c.purpose === 'witness' && c.accountId === fact.witnessId,
    );
    return {
      fact,
      title: fact.decision === 'view' ? 'Decision to view imagery' : 'Decision not to view imagery',
      signer: facts.records[fact.recordId]?.signerName ?? rec?.envelope.signer.name ?? '',
      witnessName: witnessRef?.name ?? null,
      witnessed: cs ? { name: cs.name, signedAt: cs.signedAt } : null,
    };
  });
}

/** The state line of one decision, as the case and its chronology show it. */
export function viewingStateText(row: Pick<Row, 'fact' | 'witnessName' | 'witnessed'>): string {
  if (row.fact.withdrawn)
    return `Withdrawn on ${ukDateTime(row.fact.withdrawn.at)}: ${row.fact.withdrawn.reason}`;
  if (row.fact.final) {
    if (row.fact.decision !== 'view') return 'Final';
    return row.witnessed
      ? `Final — witnessed by ${row.witnessed.name} on ${ukDateTime(row.witnessed.signedAt)}`
      : 'Final';
  }
  return `${AWAITING_WITNESS} — ${row.witnessName ?? 'no witness named'}`;
}

export function ViewingPanel({ detail, reload }: CasePanelProps) {
  const { go } = useNav();
  const session = useSession();
  const rows = rowsOf(detail);
  const [open, setOpen] = useState<PendingCountersignature | null>(null);
  const [refused, setRefused] = useState<{ recordId: string; refusal: Refusal } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const accounts = useLoad(() => call('app:accounts.list', {}), []);
  if (rows.length === 0) return null;
  const full = detail.access === 'full';

  const finalise = async (recordId: string) => {
    setRefused(null);
    setNotice(null);
    try {
      // No passphrase: main finalises only a decision that is final already, otherwise it refuses
      // with the unmet rules (R5: awaiting the witness; R2: a copy without the police's advice).
      await call('app:imagery.finalise', { recordId });
      setNotice('This decision is final.');
      reload();
    } catch (e) {
      setRefused({ recordId, refusal: refusalOf(e, 'finalise') });
    }
  };

  const witnessPending = (f: ViewingDecisionFact): PendingCountersignature =>
    detail.facts?.pendingCountersignatures.find(
      (p) => p.recordId === f.recordId && p.purpose === 'witness',
    ) ?? {
      recordId: f.recordId,
      kind: 'viewing-decision',
      purpose: 'witness',
      statement: WITNESS_STATEMENT,
      requestedAt: f.signedAt,
      authorId: f.decidedById,
      ...(f.witnessId ? { accountId: f.witnessId } : {}),
    };

  return (
    <section
      className="imagery-panel"
      aria-labelledby="viewing-panel-title"
      data-testid="viewing-panel"
    >
      <h2 id="viewing-panel-title">Decisions about viewing imagery</h2>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      <ul className="plain">
        {rows.map((row) => (
          <li
            key={row.fact.recordId}
            className={`viewing-decision ${row.fact.final ? 'viewing-final' : 'viewing-awaiting'}`}
            data-testid="viewing-decision"
            data-record-id={row.fact.recordId}
            data-state={
              row.fact.withdrawn ? 'withdrawn' : row.fact.final ? 'final' : 'awaiting-witness'
            }
          >
            <p>
              <strong>{row.title}</strong> — signed by {row.signer} on{' '}
              {ukDateTime(row.fact.signedAt)}.
            </p>
            <p className="viewing-state" data-testid="viewing-state">
              <span className={row.fact.final ? 'ok' : 'warning'}>{viewingStateText(row)}</span>
            </p>
            {refused?.recordId === row.fact.recordId && (
              <>
                <ErrorSummary title="Not finalised" messages={[refused.refusal.message]} />
                {refused.refusal.findings.length > 0 && (
                  <FindingsPanel title="Rules not met" findings={refused.refusal.findings} />
                )}
                {refused.refusal.findings.some((f) => f.rule === 'R2') && (
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      go({ name: 'add-record', caseId: detail.case.id, kind: 'copy-made-advice' })
                    }
                  >
                    Record the police’s advice about the copy (R2)
                  </button>
                )}
              </>
            )}
            {!row.fact.final && !row.fact.withdrawn && full && (
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={!row.fact.witnessId || !accounts.data}
                  onClick={() => (setRefused(null), setOpen(witnessPending(row.fact)))}
                >
                  Witness countersigns
                </button>
                <button type="button" onClick={() => void finalise(row.fact.recordId)}>
                  Finalise
                </button>
                {/* When the named witness can never countersign (e.g. they have left), the DSL withdraws the decision with its reason. */}
                {isTeam(session) && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      go({
                        name: 'add-record',
                        caseId: detail.case.id,
                        kind: 'viewing-decision-withdrawn',
                        defaults: { decision: row.fact.recordId },
                      })
                    }
                  >
                    Withdraw (witness cannot countersign)
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {open && accounts.data && (
        <WitnessDialog
          pending={open}
          accounts={accounts.data}
          authorId={open.authorId}
          recordLabel={`Decision to view imagery, signed by ${rows.find((r) => r.fact.recordId === open.recordId)?.signer ?? ''}`}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            setNotice('The witness has countersigned: the decision is final.');
            reload();
          }}
        />
      )}
    </section>
  );
}
