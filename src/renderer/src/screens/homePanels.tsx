// Panels on the home screen added by later capabilities (the dashboard of what is waiting).
import type { ComponentType } from 'react';
import type { SessionInfo } from '../../../shared/ipc/contract';
import { isTeam } from '../lib/session';
import { DashboardPanel } from '../dashboard/DashboardPanel';
import { PageCheckPanel } from '../integrity/PageCheckPanel';
import { BackupPanel } from '../backup/BackupPanel';

export interface HomePanel {
  id: string;
  show: (s: SessionInfo) => boolean;
  Panel: ComponentType;
}

export const HOME_PANELS: HomePanel[] = [
  { id: 'dashboard', show: isTeam, Panel: DashboardPanel }, // issues 5 and 6: everything waiting, oldest first
  { id: 'page-check', show: isTeam, Panel: PageCheckPanel }, // the vault file read back page by page
  { id: 'backups', show: isTeam, Panel: BackupPanel }, // age of the last verified backup per folder
];
