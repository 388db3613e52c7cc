// Who may do what with a device from the renderer's side (main enforces it again: R10, roles):
// which custody steps the signed-in person may record now, and whether the case takes new records.
import type { CaseDetail, SessionInfo } from '../../../shared/ipc/contract';
import { kindDef } from '../../../shared/records/registry';
import { DEVICE_ADDED, DEVICE_DESCRIBED, type DeviceStepKind } from '../../../shared/rules/custody';

/**
 * May still be recorded once custody has ended: a late-logged police call or declaration
 * (kinds/custody.ts), and the description of what was seen at the seizure (R9).
 */
export const AFTER_END_KINDS: ReadonlySet<DeviceStepKind> = new Set<DeviceStepKind>([
  'custody-police-called',
  'custody-declaration',
  DEVICE_DESCRIBED,
]);

/** The case can take new device records: read in full and not closed. */
export function caseTakesRecords(detail: CaseDetail): boolean {
  const status = detail.facts?.status ?? detail.case.status;
  return detail.access === 'full' && status !== 'closed';
}

export function mayAddDevice(session: SessionInfo, detail: CaseDetail): boolean {
  return caseTakesRecords(detail) && !!kindDef(DEVICE_ADDED)?.mayCreate.includes(session.role);
}

/** A step is offered while custody continues (in any order), and after it only the late-OK kinds. */
export function mayRecordStep(
  session: SessionInfo,
  detail: CaseDetail,
  kind: DeviceStepKind,
  ended: boolean,
): boolean {
  if (!caseTakesRecords(detail)) return false;
  if (!kindDef(kind)?.mayCreate.includes(session.role)) return false;
  return !ended || AFTER_END_KINDS.has(kind);
}
