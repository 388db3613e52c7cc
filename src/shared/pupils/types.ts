// What the pupil channels answer: a pupil's details and history, their cases and related pupils,
// and search results. Plain data shared by main and the screens.
import type { ChronologyEntry } from './chronology';

export interface PupilSummary {
  id: string;
  legalName: string;
  knownAs: string | null;
  yearGroup: string;
  tutorGroup: string | null;
  dateOfBirth: string | null;
  upn: string | null;
}

export interface PupilDetail extends PupilSummary {
  /** The pupil record as corrected (every field of the `pupil` kind). */
  details: Record<string, unknown>;
  /** The registering record and each correction of it, oldest first. */
  history: Array<{
    recordId: string;
    kind: 'pupil' | 'correction';
    signedAt: string;
    signerName: string;
    reason: string | null;
  }>;
  /** The cases this reader may see; cases they may not see are left out without a trace. */
  cases: Array<{ caseId: string; ref: string; title: string; status: string; roles: string[] }>;
  related: Array<{ pupilId: string; name: string; yearGroup: string; relation: string }>;
}

export interface CasePupilsInfo {
  pupils: Array<{ pupilId: string; name: string; yearGroup: string; role: string }>;
  related: Array<{ caseId: string; ref: string; title: string; relation: string }>;
}

export type { ChronologyEntry };
