// In-app navigation: a small typed route state (one window, no URLs to navigate — navigation by
// URL is denied in main). Screens call useNav().go(route).
import { createContext, useContext } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'cases' }
  | { name: 'case'; caseId: string; recordId?: string; deviceId?: string }
  | { name: 'concern' }
  | { name: 'open-case'; fromCaseId?: string }
  | { name: 'add-record'; caseId: string; kind: string; defaults?: Record<string, unknown> }
  | { name: 'correct'; caseId: string; recordId: string }
  | { name: 'accounts' }
  | { name: 'settings' }
  | { name: 'audit'; caseId?: string; actorId?: string }
  | { name: 'integrity' }
  | { name: 'seal' }
  | { name: 'seal-pdf' }
  | { name: 'export'; caseIds?: string[] }
  | { name: 'verify' }
  | { name: 'device'; caseId: string; deviceId: string }
  | { name: 'add-device'; caseId: string }
  | { name: 'pupils' }
  | { name: 'pupil'; pupilId: string }
  | { name: 'add-pupil' }
  | { name: 'correct-pupil'; pupilId: string }
  | { name: 'backups' }
  | { name: 'restore' };

export interface Nav {
  route: Route;
  go: (r: Route) => void;
}

export const NavContext = createContext<Nav>({ route: { name: 'home' }, go: () => undefined });

export function useNav(): Nav {
  return useContext(NavContext);
}
