// The DSL's dashboard on the home screen:
// every waiting item across all cases from app:dashboard.get, oldest first, labelled by kind, with
// its deadline ("overdue" in words and red once past it) and a button to the place to act.
import { useEffect, useRef, useState } from 'react';
import type { DashboardItem } from '../../../shared/dashboard';
import { DASHBOARD_KIND_LABELS } from '../../../shared/dashboard';
import { ukDateTime, ukTime } from '../../../shared/ukTime';
import { call, errorMessage } from '../lib/api';
import { useNav, type Route } from '../lib/nav';
import { useLoad } from '../lib/useLoad';
import { useSession } from '../lib/session';
import { managesAccounts } from '../../../shared/roles';
import { EXTRA_ROUTES } from '../screens/extraRoutes';

const SEVERITY_WORDS: Record<DashboardItem['severity'], string | null> = {
  normal: null,
  warning: 'Needs attention',
  urgent: 'Urgent',
};

function kindLabel(kind: string): string {
  return DASHBOARD_KIND_LABELS[kind] ?? kind;
}

/** A viewing decision waiting for its witness (R5) says so: "Awaiting witness". */
function itemLabel(item: DashboardItem): string {
  return item.kind === 'countersignature' && item.target.purpose === 'witness'
    ? 'Awaiting witness'
    : kindLabel(item.kind);
}

/** Where an item's button leads (item.target): the case at the record, the device, or the audit trail. */
function routeOf(item: DashboardItem): Route | null {
  const t = item.target;
  if (t.screen === 'device' && t.caseId && t.deviceId)
    return EXTRA_ROUTES.device
      ? { name: 'device', caseId: t.caseId, deviceId: t.deviceId }
      : { name: 'case', caseId: t.caseId, deviceId: t.deviceId };
  if (t.screen === 'audit') return { name: 'audit', ...(t.caseId ? { caseId: t.caseId } : {}) };
  if (t.screen === 'integrity') return { name: 'integrity' };
  if (t.caseId)
    return {
      name: 'case',
      caseId: t.caseId,
      ...(t.recordId ? { recordId: t.recordId } : {}),
      ...(t.deviceId ? { deviceId: t.deviceId } : {}),
    };
  return null;
}

function actionLabel(item: DashboardItem): string {
  switch (item.target.screen) {
    case 'countersign':
      return 'Open the record to countersign';
    case 'device':
      return 'Open the device';
    case 'audit':
      return 'See the audit trail';
    case 'integrity':
      return 'Check the whole log';
    default:
      return item.kind === 'concern-review' || (item.kind === 'imagery-steps' && !item.steps)
        ? 'Review the concern'
        : 'Open the case';
  }
}

function DueCell({ item, now }: { item: DashboardItem; now: string }) {
  if (!item.due) return <span className="muted">—</span>;
  const overdue = Date.parse(now) > Date.parse(item.due);
  return (
    <span className={overdue ? 'due-overdue' : ''}>
      {overdue ? `Was due ${ukDateTime(item.due)}` : `By ${ukTime(item.due)}`}
      {overdue && (
        <>
          {' '}
          <span className="tag tag-alarm">Overdue</span>
        </>
      )}
    </span>
  );
}

export function DashboardPanel() {
  const { go, route } = useNav();
  const session = useSession();
  const { data, error, loading, reload } = useLoad(() => call('app:dashboard.get', {}), []);
  // Load again whenever the home screen is shown again (e.g. "Home" pressed while on it).
  const firstRoute = useRef(route);
  useEffect(() => {
    if (route !== firstRoute.current) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload is a new function each render
  }, [route]);
  const [ackError, setAckError] = useState<string | null>(null);
  const items = data?.items ?? [];
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);

  const acknowledge = async (item: DashboardItem, auditSeq: number) => {
    setAckError(null);
    try {
      await call(
        item.kind === 'integrity-alarm'
          ? 'app:dashboard.acknowledgeAlarm'
          : 'app:dashboard.acknowledgeClock',
        { auditSeq },
      );
      reload();
    } catch (e) {
      setAckError(errorMessage(e));
    }
  };

  return (
    <section className="dashboard" aria-labelledby="dashboard-title" data-testid="dashboard">
      <div className="section-head">
        <h2 id="dashboard-title">Waiting across all cases</h2>
        <button type="button" className="secondary" onClick={reload} disabled={loading}>
          Refresh
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {ackError && <p role="alert">{ackError}</p>}
      {data && items.length === 0 && <p data-testid="dashboard-empty">Nothing is waiting.</p>}
      {items.length > 0 && (
        <>
          <p data-testid="dashboard-summary">
            {items.length} item{items.length === 1 ? '' : 's'} waiting, oldest first:{' '}
            {[...counts.entries()]
              .map(([k, n]) => `${kindLabel(k).toLowerCase()} (${n})`)
              .join(', ')}
            .
          </p>
          <table className="table dashboard-table">
            <caption className="visually-hidden">Everything waiting, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Waiting since</th>
                <th scope="col">What</th>
                <th scope="col">Case</th>
                <th scope="col">Details</th>
                <th scope="col">Deadline</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const route = routeOf(item);
                const sev = SEVERITY_WORDS[item.severity];
                return (
                  <tr
                    key={item.key}
                    className={`dash-item dash-${item.severity}`}
                    data-kind={item.kind}
                    data-severity={item.severity}
                    data-testid="dashboard-item"
                  >
                    <td>{ukDateTime(item.since)}</td>
                    <td>
                      {itemLabel(item)}
                      {sev && (
                        <>
                          <br />
                          <span
                            className={
                              item.severity === 'urgent' ? 'tag tag-alarm' : 'tag tag-warn'
                            }
                          >
                            {sev}
                          </span>
                        </>
                      )}
                    </td>
                    <td className="dash-case">{item.caseRef ?? '—'}</td>
                    <td>
                      <strong className="dash-title">{item.title}</strong>
                      <br />
                      {item.detail}
                    </td>
                    <td>
                      <DueCell item={item} now={data?.generatedAt ?? new Date().toISOString()} />
                    </td>
                    <td>
                      <div className="dash-actions">
                        {item.steps?.map(
                          (s) =>
                            item.caseId && (
                              <button
                                key={s.kind}
                                type="button"
                                className="primary"
                                onClick={() =>
                                  go({
                                    name: 'add-record',
                                    caseId: item.caseId!,
                                    kind: s.kind,
                                    ...(item.target.recordId && item.kind === 'deletion-missed'
                                      ? { defaults: { instruction: item.target.recordId } }
                                      : {}),
                                  })
                                }
                              >
                                {s.label}
                                <span className="visually-hidden"> for {item.caseRef}</span>
                              </button>
                            ),
                        )}
                        {item.kind === 'referral-due' && item.caseId && (
                          <button
                            type="button"
                            className="primary"
                            onClick={() =>
                              go({ name: 'add-record', caseId: item.caseId!, kind: 'referral' })
                            }
                          >
                            Record the referral
                            <span className="visually-hidden"> for {item.caseRef}</span>
                          </button>
                        )}
                        {route && (
                          <button
                            type="button"
                            className={item.kind === 'referral-due' ? 'secondary' : ''}
                            onClick={() => go(route)}
                          >
                            {actionLabel(item)}
                            {/* The button names what it opens, for screen readers (several rows have the same action). */}
                            <span className="visually-hidden">{` — ${item.caseRef ? `${item.caseRef}: ` : ''}${item.title}`}</span>
                          </button>
                        )}
                        {(item.kind === 'clock-anomaly' ||
                          (item.kind === 'integrity-alarm' && managesAccounts(session.role))) &&
                          typeof item.target.auditSeq === 'number' && (
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => void acknowledge(item, item.target.auditSeq!)}
                            >
                              Acknowledge
                              <span className="visually-hidden">{` — ${item.title}`}</span>
                            </button>
                          )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
