// Screens added by later capabilities (devices, export, verify …) register here by route name.
import type { ReactNode } from 'react';
import type { Route } from '../lib/nav';
import { ExportScreen } from '../export/ExportScreen';
import { VerifyScreen } from '../export/VerifyScreen';
import { DeviceScreen } from '../custody/DeviceScreen';
import { AddDevice } from '../custody/AddDevice';
import { BackupScreen } from '../backup/BackupScreen';
import { RestoreInSession } from '../backup/RestoreInSession';

export const EXTRA_ROUTES: Partial<Record<Route['name'], (route: Route) => ReactNode>> = {
  export: (r) => (
    <ExportScreen
      key={r.name === 'export' ? (r.caseIds ?? []).join(',') : ''}
      preselected={r.name === 'export' ? r.caseIds : undefined}
    />
  ), // issue 7
  verify: () => <VerifyScreen />, // issue 7
  device: (r) =>
    r.name === 'device' ? (
      <DeviceScreen key={r.deviceId} caseId={r.caseId} deviceId={r.deviceId} />
    ) : null, // issue 5: checklist and chain of custody
  'add-device': (r) =>
    r.name === 'add-device' ? <AddDevice key={r.caseId} caseId={r.caseId} /> : null, // issue 5
  backups: () => <BackupScreen />, // folders, generations, Back up now
  restore: () => <RestoreInSession />, // the DSL restores from a backup
};
