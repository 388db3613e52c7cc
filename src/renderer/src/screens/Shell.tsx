// The signed-in window: header (school, person, Lock), navigation by role, the integrity alarm,
// and the current screen. Unmounted as a whole on lock.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../shared/ipc/contract';
import { ROLE_LABELS } from '../../../shared/roles';
import { onEvent } from '../lib/api';
import { NavContext, type Route } from '../lib/nav';
import { SessionContext, isTeam } from '../lib/session';
import { Home } from './Home';
import { CaseList } from './CaseList';
import { CaseView } from './CaseView';
import { ConcernForm } from './ConcernForm';
import { OpenCase } from './OpenCase';
import { AddRecord } from './AddRecord';
import { CorrectRecord } from './CorrectRecord';
import { Accounts } from './Accounts';
import { SettingsScreen } from './Settings';
import { AuditTrail } from './AuditTrail';
import { Integrity } from './Integrity';
import { EXTRA_ROUTES } from './extraRoutes';

interface NavItem {
  route: Route;
  label: string;
  show: (s: SessionInfo) => boolean;
}

const NAV: NavItem[] = [
  { route: { name: 'home' }, label: 'Home', show: (s) => s.vaultOpen },
  { route: { name: 'cases' }, label: 'Cases', show: (s) => s.vaultOpen && s.role !== 'staff' },
  { route: { name: 'pupils' }, label: 'Pupils', show: (s) => s.vaultOpen && s.role !== 'staff' },
  { route: { name: 'concern' }, label: 'Record a concern', show: () => true },
  { route: { name: 'accounts' }, label: 'Accounts', show: () => true },
  { route: { name: 'settings' }, label: 'Settings', show: isTeam },
  { route: { name: 'audit' }, label: 'Audit trail', show: isTeam },
  { route: { name: 'integrity' }, label: 'Check the log', show: isTeam },
  {
    route: { name: 'seal' },
    label: 'Log seals',
    show: (s) => s.role === 'dsl' || s.role === 'deputy' || s.role === 'slt',
  },
  { route: { name: 'export' }, label: 'Sealed export', show: isTeam },
  { route: { name: 'verify' }, label: 'Verify an export', show: isTeam },
  { route: { name: 'backups' }, label: 'Backups', show: isTeam },
];

function screenFor(route: Route): ReactNode {
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'cases':
      return <CaseList />;
    case 'case':
      return <CaseView caseId={route.caseId} focusRecordId={route.recordId} />;
    case 'concern':
      return <ConcernForm />;
    case 'open-case':
      return <OpenCase fromCaseId={route.fromCaseId} />;
    case 'add-record':
      return (
        <AddRecord
          caseId={route.caseId}
          kind={route.kind}
          {...(route.defaults ? { defaults: route.defaults } : {})}
        />
      );
    case 'correct':
      return <CorrectRecord caseId={route.caseId} recordId={route.recordId} />;
    case 'accounts':
      return <Accounts />;
    case 'settings':
      return <SettingsScreen />;
    case 'audit':
      return <AuditTrail caseId={route.caseId} actorId={route.actorId} />;
    case 'integrity':
      return <Integrity />;
    default: {
      const extra = EXTRA_ROUTES[route.name];
      return extra ? extra(route) : <p>That screen is not available.</p>;
    }
  }
}

/** Focus the first h1 in `main`, now or as soon as it appears (a loading screen shows it later). */
function focusHeadingWhenShown(main: HTMLElement | null): (() => void) | undefined {
  if (!main) return undefined;
  const tryFocus = (): boolean => {
    const h = main.querySelector('h1');
    if (!h) return false;
    h.setAttribute('tabindex', '-1');
    h.focus();
    return true;
  };
  if (tryFocus()) return undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  return () => observer.disconnect();
}

function keepFocusInPage(getMain: () => HTMLElement | null): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    clearTimeout(timer);
    // After the DOM settles: a closing dialog hands focus back to its opener first.
    timer = setTimeout(() => {
      const active = document.activeElement;
      if (active && active !== document.body && document.contains(active)) return;
      if (document.querySelector('dialog[open]')) return;
      const h = getMain()?.querySelector('h1');
      if (h) {
        h.setAttribute('tabindex', '-1');
        h.focus();
      }
    }, 50);
  };
  document.addEventListener('focusout', check);
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true });
  return () => {
    clearTimeout(timer);
    document.removeEventListener('focusout', check);
    observer.disconnect();
  };
}

export function Shell({ session, onLock }: { session: SessionInfo; onLock: () => void }) {
  // A staff session has no vault open: it starts on the concern form (it can do nothing else).
  const [route, setRoute] = useState<Route>(
    session.vaultOpen ? { name: 'home' } : { name: 'concern' },
  );
  const [alarm, setAlarm] = useState<number>(
    session.integrity && !session.integrity.ok ? session.integrity.problems.length : 0,
  );
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => onEvent('app:event.integrityAlarm', (p) => setAlarm(p.problems)), []);
  // Focus to the new screen's heading after every navigation, also when the screen shows its
  // heading only once it has loaded (WCAG 2.4.3).
  useEffect(() => focusHeadingWhenShown(mainRef.current), [route]);
  // Focus never drops to the page: when the focused control goes away (a dialog closed, a button
  // replaced after signing, a list reloaded), focus moves to the screen's heading.
  useEffect(() => keepFocusInPage(() => mainRef.current), []);

  const go = (r: Route) => setRoute(r);
  return (
    <SessionContext.Provider value={session}>
      <NavContext.Provider value={{ route, go }}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="app-header">
          <div className="brand">
            <span className="logo" aria-hidden="true">
              ◆
            </span>{' '}
            CaseSeal <span className="school">{session.school.name}</span>
          </div>
          <div className="who">
            <span>
              {session.name} <span className="muted">({ROLE_LABELS[session.role]})</span>
            </span>
            <button type="button" className="lock-button" onClick={onLock}>
              Lock
            </button>
          </div>
        </header>
        <div className="layout">
          <nav aria-label="CaseSeal sections">
            <ul>
              {NAV.filter((n) => n.show(session)).map((n) => (
                <li key={n.label}>
                  <button
                    type="button"
                    className={route.name === n.route.name ? 'nav-current' : ''}
                    aria-current={route.name === n.route.name ? 'page' : undefined}
                    onClick={() => go(n.route)}
                  >
                    {n.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" ref={mainRef}>
            {alarm > 0 && (
              <div className="banner banner-alarm" role="alert" data-testid="integrity-alarm">
                <strong>Integrity alarm:</strong> the log failed its integrity check ({alarm}{' '}
                problem{alarm === 1 ? '' : 's'}). Records may have been changed outside CaseSeal.
                You can still read everything.{' '}
                {isTeam(session) && (
                  <button type="button" className="link" onClick={() => go({ name: 'integrity' })}>
                    See which records
                  </button>
                )}
              </div>
            )}
            {screenFor(route)}
          </main>
        </div>
      </NavContext.Provider>
    </SessionContext.Provider>
  );
}
