// The signed-in person and school, for every screen (dropped with the whole tree on lock).
import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../shared/ipc/contract';

export const SessionContext = createContext<SessionInfo | null>(null);

export function useSession(): SessionInfo {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}

export function isTeam(s: SessionInfo): boolean {
  return s.role === 'dsl' || s.role === 'deputy';
}
