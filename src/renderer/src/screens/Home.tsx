// Home: for the safeguarding team, what is waiting (the dashboard); for everyone, a way to record
// a concern and the concerns they have recorded.
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/records/facts';
import { ukDateTime } from '../../../shared/ukTime';
import { call } from '../lib/api';
import { useNav } from '../lib/nav';
import { isTeam, useSession } from '../lib/session';
import { useLoad } from '../lib/useLoad';
import { HOME_PANELS } from './homePanels';

export function Home() {
  const session = useSession();
  const { go } = useNav();
  const { data } = useLoad(
    () =>
      call(
        'app:cases.list',
        session.role === 'staff'
          ? { sort: 'updated-desc' }
          : { status: 'concern', sort: 'created-asc' },
      ),
    [session.role],
  );
  return (
    <div>
      <h1>{isTeam(session) ? 'What is waiting' : `Hello, ${session.name}`}</h1>
      <div className="actions">
        <button type="button" className="primary" onClick={() => go({ name: 'concern' })}>
          Record a concern
        </button>
      </div>
      {HOME_PANELS.filter((p) => p.show(session)).map((p) => (
        <p.Panel key={p.id} />
      ))}
      {session.role === 'staff' ? (
        <section aria-labelledby="mine">
          <h2 id="mine">Concerns you have recorded</h2>
          {data && data.cases.length === 0 && <p>You have not recorded any concerns.</p>}
          <ul className="plain">
            {data?.cases.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="link"
                  onClick={() => go({ name: 'case', caseId: c.id })}
                >
                  {c.ref}
                </button>{' '}
                — recorded {ukDateTime(c.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        HOME_PANELS.length === 0 && (
          <section aria-labelledby="new-concerns">
            <h2 id="new-concerns">New concerns awaiting review</h2>
            {data && data.cases.length === 0 && <p>No concerns are waiting.</p>}
            <ul className="plain">
              {data?.cases.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => go({ name: 'case', caseId: c.id })}
                  >
                    {c.ref}: {c.title}
                  </button>{' '}
                  — {CASE_STATUS_LABELS[c.status as CaseStatus]}, {ukDateTime(c.createdAt)}
                </li>
              ))}
            </ul>
          </section>
        )
      )}
    </div>
  );
}
