// Panels that later capabilities add to the case view (devices, referral due, export …), shown
// above the chronology. Each receives the loaded case and a reload function.
import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../shared/ipc/contract';

export interface CasePanelProps {
  detail: CaseDetail;
  reload: () => void;
}

export const CASE_PANELS: Array<ComponentType<CasePanelProps>> = [];
