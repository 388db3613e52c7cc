// "Authority to view imagery" on a case (R4), from facts.delegations: who holds a delegation, which
// senior leader granted it and when, whether it is active or revoked — with "Revoke", and the way for
// a senior leader to grant one: at the DSL's PC in the delegation dialog (their own passphrase), or
// in their own session through the ordinary "Add a record" form.
import { useState } from 'react';
import type { CaseFacts } from '../../../shared/records/facts';
import {
  copiesMadeOf,
  delegationsOf,
  viewingDecisionsOf,
  type DelegationFact,
} from '../../../shared/records/imageryFacts';
import { ukDateTime } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import type { CasePanelProps } from '../screens/casePanels';
import { DelegationDialog } from './DelegationDialog';
import { RevokeDialog } from './RevokeDialog';

/** Kinds of incident where imagery may be involved: the panel is offered on these cases from the start. */
export const IMAGERY_INCIDENTS = [
  'nudes',
  'sextortion',
  'intimate-image-abuse',
  'upskirting',
  'grooming',
];

export function caseInvolvesImagery(facts: CaseFacts, incidentKind?: string | null): boolean {
  return (
    delegationsOf(facts).length > 0 ||
    viewingDecisionsOf(facts).length > 0 ||
    copiesMadeOf(facts).length > 0 ||
    IMAGERY_INCIDENTS.includes(incidentKind ?? facts.incidentKind ?? '')
  );
}

export function DelegationsPanel({ detail, reload }: CasePanelProps) {
  const session = useSession();
  const { go } = useNav();
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<DelegationFact | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const accounts = useLoad(() => call('app:accounts.list', {}), []);
  const facts = detail.facts;
  if (!facts || detail.access !== 'full' || !caseInvolvesImagery(facts, detail.case.incidentKind))
    return null;
  const list = delegationsOf(facts);
  const open = facts.status !== 'closed';
  const mayRevoke = open && (isTeam(session) || session.role === 'slt');

  return (
    <section
      className="imagery-panel"
      aria-labelledby="delegations-title"
      data-testid="delegations-panel"
    >
      <h2 id="delegations-title">Authority to view imagery (R4)</h2>
      <p>
        The DSL may view imagery. A deputy DSL may view it only with a delegation of authority for
        this case, signed by a senior leader.
      </p>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      {list.length === 0 ? (
        <p className="muted">No delegation of authority has been given for this case.</p>
      ) : (
        <table className="table" data-testid="delegations-table">
          <caption>Delegations of authority for this case</caption>
          <thead>
            <tr>
              <th scope="col">Who holds it</th>
              <th scope="col">Granted by</th>
              <th scope="col">When</th>
              <th scope="col">State</th>
              {mayRevoke && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr
                key={d.recordId}
                data-record-id={d.recordId}
                data-state={d.revoked ? 'revoked' : 'active'}
              >
                <td>{d.delegateName}</td>
                <td>{d.grantedByName}</td>
                <td>{ukDateTime(d.grantedAt)}</td>
                <td>
                  {d.revoked ? (
                    <span className="warning">
                      Revoked{d.revokedAt ? ` on ${ukDateTime(d.revokedAt)}` : ''}
                    </span>
                  ) : (
                    <span className="ok">Active</span>
                  )}
                </td>
                {mayRevoke && (
                  <td>
                    {!d.revoked && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={!accounts.data}
                        onClick={() => (setNotice(null), setRevoking(d))}
                        aria-label={`Revoke ${d.delegateName}’s delegation`}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && isTeam(session) && (
        <div className="actions">
          <button
            type="button"
            disabled={!accounts.data}
            onClick={() => (setNotice(null), setGranting(true))}
          >
            A senior leader gives authority to view…
          </button>
        </div>
      )}
      {open && session.role === 'slt' && (
        <div className="actions">
          <button
            type="button"
            onClick={() => go({ name: 'add-record', caseId: detail.case.id, kind: 'delegation' })}
          >
            Give a deputy DSL authority to view (you sign)
          </button>
        </div>
      )}
      {granting && accounts.data && (
        <DelegationDialog
          caseId={detail.case.id}
          facts={facts}
          accounts={accounts.data}
          onClose={() => setGranting(false)}
          onDone={() => {
            setGranting(false);
            setNotice('The delegation of authority is signed by the senior leader.');
            reload();
          }}
        />
      )}
      {revoking && accounts.data && (
        <RevokeDialog
          caseId={detail.case.id}
          delegation={revoking}
          accounts={accounts.data}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            setNotice('The delegation is revoked.');
            reload();
          }}
        />
      )}
    </section>
  );
}
