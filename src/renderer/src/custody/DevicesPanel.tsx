// "Devices held as evidence" on the case view: each device's exhibit reference,
// description, custody status and flags (text and colour), a way into its checklist and chain of
// custody, and "Add a device" for the DSL and deputies.
import { CUSTODY_STATUS_LABELS } from '../../../shared/rules/custody';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import type { CasePanelProps } from '../screens/casePanels';
import { CustodyFlagBadges } from './CustodyFlags';
import { mayAddDevice } from './custodyAccess';

export function DevicesPanel({ detail }: CasePanelProps) {
  const session = useSession();
  const { go } = useNav();
  const caseId = detail.case.id;
  const full = detail.access === 'full';
  // Loaded again whenever the case is (a new record may be a custody step).
  const { data, error } = useLoad(
    () => (full ? call('app:devices.list', { caseId }) : Promise.resolve([])),
    [caseId, full, detail.records.length],
  );
  const canAdd = mayAddDevice(session, detail);
  const devices = data ?? [];
  if (!full || (devices.length === 0 && !canAdd)) return null;

  return (
    <section className="custody-panel" aria-labelledby="devices-title" data-testid="devices-panel">
      <div className="section-head">
        <h2 id="devices-title">Devices held as evidence</h2>
        {canAdd && (
          <button type="button" onClick={() => go({ name: 'add-device', caseId })}>
            Add a device
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      {data && devices.length === 0 && (
        <p>
          No devices have been recorded on this case. If a device may hold evidence, add it here:
          CaseSeal gives it an exhibit reference and the seizure checklist.
        </p>
      )}
      {devices.length > 0 && (
        <table className="table custody-devices">
          <caption className="visually-hidden">Devices on this case</caption>
          <thead>
            <tr>
              <th scope="col">Exhibit reference</th>
              <th scope="col">Device</th>
              <th scope="col">Custody</th>
              <th scope="col">Flags</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.deviceId} data-testid="device-row" data-device-id={d.deviceId}>
                <td>
                  <strong className="exhibit-ref-inline">{d.exhibitRef}</strong>
                </td>
                <td>{d.description}</td>
                <td data-testid="device-status">{CUSTODY_STATUS_LABELS[d.chain.status]}</td>
                <td>
                  <CustodyFlagBadges flags={d.flags} />
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => go({ name: 'device', caseId, deviceId: d.deviceId })}
                  >
                    Open<span className="visually-hidden"> {d.exhibitRef}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
