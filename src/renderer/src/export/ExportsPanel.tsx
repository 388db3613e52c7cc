// "Sealed exports for the police" on a case, from facts.exports: when, by whom, to which
// officer, force and reference — each with its handover receipt — and "Export for the police",
// which opens the export screen with this case chosen. DSL and deputies only (they export).
import { ukDateTime } from '../../../shared/ukTime';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import type { CasePanelProps } from '../screens/casePanels';
import { ReceiptButton } from './ReceiptButton';

export function ExportsPanel({ detail }: CasePanelProps) {
  const session = useSession();
  const { go } = useNav();
  if (!isTeam(session) || detail.access !== 'full') return null;
  const list = detail.facts?.exports ?? [];

  return (
    <section className="export-panel" aria-labelledby="exports-title" data-testid="exports-panel">
      <div className="section-head">
        <h2 id="exports-title">Sealed exports for the police</h2>
        <button type="button" onClick={() => go({ name: 'export', caseIds: [detail.case.id] })}>
          Export for the police
        </button>
      </div>
      {list.length === 0 ? (
        <p className="muted">This case has not been exported.</p>
      ) : (
        <table className="table" data-testid="exports-table">
          <caption>
            {list.length} sealed export{list.length === 1 ? '' : 's'} of this case
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">Police officer</th>
              <th scope="col">Force</th>
              <th scope="col">Police reference</th>
              <th scope="col">Receipt</th>
            </tr>
          </thead>
          <tbody>
            {[...list].reverse().map((x) => (
              <tr key={x.recordId}>
                <td>{ukDateTime(x.at)}</td>
                <td>{x.by}</td>
                <td>{x.officer}</td>
                <td>{x.force}</td>
                <td>{x.reference}</td>
                <td>
                  <ReceiptButton
                    exportId={x.exportId}
                    label="Receipt"
                    className="secondary"
                    accessibleName={`Receipt for the export to ${x.officer} on ${ukDateTime(x.at)}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
