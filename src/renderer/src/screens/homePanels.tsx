// Panels on the home screen added by later capabilities (the dashboard of what is waiting).
import type { ComponentType } from 'react';
import type { SessionInfo } from '../../../shared/ipc/contract';

export interface HomePanel {
  id: string;
  show: (s: SessionInfo) => boolean;
  Panel: ComponentType;
}

export const HOME_PANELS: HomePanel[] = [];
