// Screens added by later capabilities (devices, export, verify …) register here by route name.
import type { ReactNode } from 'react';
import type { Route } from '../lib/nav';
import { ExportScreen } from '../export/ExportScreen';
import { VerifyScreen } from '../export/VerifyScreen';
import { DeviceScreen } from '../custody/DeviceScreen';
import { AddDevice } from '../custody/AddDevice';
import { PupilsScreen } from '../pupils/PupilsScreen';
import { PupilScreen } from '../pupils/PupilScreen';
import { PupilForm } from '../pupils/PupilForm';
import { SealScreen } from '../integrity/SealScreen';
import { SealPdfScreen } from '../integrity/SealPdfScreen';
import { BackupScreen } from '../backup/BackupScreen';
import { RestoreInSession } from '../backup/RestoreInSession';

export const EXTRA_ROUTES: Partial<Record<Route['name'], (route: Route) => ReactNode>> = {
  export: (r) => (
    <ExportScreen
      key={r.name === 'export' ? (r.caseIds ?? []).join(',') : ''}
      preselected={r.name === 'export' ? r.caseIds : undefined}
    />
  ),
  verify: () => <VerifyScreen />,
  seal: () => <SealScreen />, // log seals: check the log against a seal; the DSL prints one
  'seal-pdf': () => <SealPdfScreen />, // check the log against the seal in a saved PDF
  device: (r) =>
    r.name === 'device' ? (
      <DeviceScreen key={r.deviceId} caseId={r.caseId} deviceId={r.deviceId} />
    ) : null, // Checklist and chain of custody
  'add-device': (r) =>
    r.name === 'add-device' ? <AddDevice key={r.caseId} caseId={r.caseId} /> : null,
  // Pupils, their page and chronology, adding and correcting a pupil.
  pupils: () => <PupilsScreen />,
  pupil: (r) => (r.name === 'pupil' ? <PupilScreen key={r.pupilId} pupilId={r.pupilId} /> : null),
  'add-pupil': () => <PupilForm />,
  'correct-pupil': (r) =>
    r.name === 'correct-pupil' ? <PupilForm key={r.pupilId} pupilId={r.pupilId} /> : null,
  backups: () => <BackupScreen />, // folders, generations, Back up now
  restore: () => <RestoreInSession />, // the DSL restores from a backup
};
