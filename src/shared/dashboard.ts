// The dashboard's item shape ("The dashboard"): one waiting thing across all cases, with
// where to go to act on it. Shared so the renderer and main agree; sources live in main.

export type DashboardItemKind =
  | 'countersignature'
  | 'device-held'
  | 'device-flagged'
  | 'concern-review'
  | 'clock-anomaly'
  | 'integrity-alarm'
  // Further sources (e.g. the 'referral-due') add their own kinds.
  | (string & {});

export type DashboardScreen =
  'case' | 'countersign' | 'device' | 'audit' | 'integrity' | (string & {});

export interface DashboardTarget {
  screen: DashboardScreen;
  caseId: string | null;
  recordId?: string;
  deviceId?: string;
  /** For countersignatures: the purpose to pass to app:records.countersign. */
  purpose?: string;
  /** For clock anomalies and integrity alarms: the audit entry to acknowledge. */
  auditSeq?: number;
}

/** A next step the guidance requires, offered as a button that opens the record's form on the case. */
export interface DashboardStep {
  /** The record kind to add, e.g. 'referral-check'. */
  kind: string;
  /** Plain words, with the rule: "Immediate referral check (R11, same day)". */
  label: string;
}

export interface DashboardItem {
  /** Stable and unique within one answer (for React keys and tests). */
  key: string;
  kind: DashboardItemKind;
  caseId: string | null;
  caseRef: string | null;
  title: string;
  /** UTC ISO: since when it has been waiting. Items are listed oldest first. */
  since: string;
  detail: string;
  /** 'urgent' shows red (e.g. an overdue referral, a gap in custody). */
  severity: 'normal' | 'warning' | 'urgent';
  /** UTC ISO deadline, when the item has one. */
  due?: string;
  /** The case's next steps, when the item is a list of them (e.g. an imagery concern: R11, R1). */
  steps?: DashboardStep[];
  target: DashboardTarget;
}

export interface DashboardData {
  /** Main's clock, UTC ISO: "held for …" is measured to this. */
  generatedAt: string;
  items: DashboardItem[];
}

export const DASHBOARD_KIND_LABELS: Record<string, string> = {
  countersignature: 'Awaiting a countersignature',
  'device-held': 'Device held by the school',
  'device-flagged': 'Device custody flagged',
  'concern-review': 'New concern to review',
  'clock-anomaly': 'Computer clock problem',
  'integrity-alarm': 'Integrity alarm',
  'referral-due': 'Referral due today',
  'imagery-steps': 'Imagery: next steps',
  'deletion-missed': 'Deletion deadline missed',
};
