// Screens added by later capabilities (devices, export, verify …) register here by route name.
import type { ReactNode } from 'react';
import type { Route } from '../lib/nav';
import { ExportScreen } from '../export/ExportScreen';
import { VerifyScreen } from '../export/VerifyScreen';

export const EXTRA_ROUTES: Partial<Record<Route['name'], (route: Route) => ReactNode>> = {
  export: (r) => <ExportScreen key={r.name === 'export' ? (r.caseIds ?? []).join(',') : ''} preselected={r.name === 'export' ? r.caseIds : undefined} />, // issue 7
  verify: () => <VerifyScreen />, // issue 7
};
