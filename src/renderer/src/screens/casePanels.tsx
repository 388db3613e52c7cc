// Panels that later capabilities add to the case view (devices, referral due, export …), shown
// above the chronology. Each receives the loaded case and a reload function.
import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../shared/ipc/contract';
import { ReferralPanel } from '../referral/ReferralPanel';
import { ViewingPanel } from '../imagery/ViewingPanel';
import { DelegationsPanel } from '../imagery/DelegationsPanel';
import { ExportsPanel } from '../export/ExportsPanel';
import { DevicesPanel } from '../custody/DevicesPanel';
import { PupilLinksPanel } from '../pupils/PupilLinksPanel';
import { NextStepsPanel } from '../dashboard/NextStepsPanel';

export interface CasePanelProps {
  detail: CaseDetail;
  reload: () => void;
}

export const CASE_PANELS: Array<ComponentType<CasePanelProps>> = [
  PupilLinksPanel, // pupils linked by role, related cases, the printable case chronology
  NextStepsPanel, // the case's next steps as a task list (R11, R1, R17)
  ReferralPanel, // Assessment and referral steps (R11–R18), closing and reopening
  ViewingPanel, // Decisions about viewing imagery (R1–R8)
  DelegationsPanel, // Delegations of authority to view imagery (R4)
  DevicesPanel, // Devices held as evidence, their custody status and flags
  ExportsPanel, // Sealed exports of this case, their receipts, "Export for the police"
];
