// The sealed export's custody section: each device's exhibit
// reference, status, secure place, steps missing and flags, and its whole chain of custody with
// each record's hash; and, under every device record in the chronology, the exhibit reference (R10).
import {
  CUSTODY_KINDS,
  CUSTODY_STATUS_LABELS,
  deriveCustody,
  stepLabel,
  DEVICE_ADDED,
  type DeviceFacts,
} from '../../../shared/rules/custody';
import { ukDateTime, ukLocalDisplay } from '../../../shared/ukTime';
import type { CaseSectionHook, RecordExtraHook, ReportBlock } from '../export/sectionTypes';

export const custodyExportSection: CaseSectionHook = ({ facts }) => {
  const devices = Object.values((facts.devices ?? {}) as Record<string, DeviceFacts>).sort(
    (a, b) => (a.exhibitRef < b.exhibitRef ? -1 : 1),
  );
  if (devices.length === 0) return null;
  const blocks: ReportBlock[] = [];
  for (const d of devices) {
    const c = deriveCustody(d);
    blocks.push({
      heading: `Exhibit ${d.exhibitRef}`,
      rows: [
        { label: 'Device', value: d.description },
        ...(c.descriptionMissing.length > 0
          ? [{ label: 'Not yet described', value: c.descriptionMissing.join('; ') }]
          : []),
        ...(c.lockedIn ? [{ label: 'Locked in when recorded', value: c.lockedIn }] : []),
        { label: 'Status', value: CUSTODY_STATUS_LABELS[c.status] },
        {
          label: 'Recorded as an exhibit',
          value: `${ukDateTime(c.recorded.signedAt)} by ${c.recorded.signerName} (record ${c.recorded.hash.slice(0, 16)})`,
        },
        ...(c.heldSince ? [{ label: 'Custody began', value: ukDateTime(c.heldSince) }] : []),
        ...(c.endedAt ? [{ label: 'Custody ended', value: ukDateTime(c.endedAt) }] : []),
        ...(c.location
          ? [
              {
                label: 'Secure place',
                value: `${c.location}${c.keyHolder ? `; key held by ${c.keyHolder}` : ''}`,
              },
            ]
          : []),
        ...(c.policeCalled ? [{ label: 'Police reference', value: c.policeCalled.reference }] : []),
        { label: 'Steps recorded', value: c.stepsDone.map(stepLabel).join('; ') || 'None' },
        {
          label: c.ended ? 'Steps missing when custody ended' : 'Steps not yet recorded',
          value: (c.ended ? c.missingAtEnd : c.stepsMissing).map(stepLabel).join('; ') || 'None',
        },
      ],
    });
    if (c.flags.length > 0)
      blocks.push({
        heading: `Custody flags for ${d.exhibitRef}`,
        paragraphs: c.flags.map((f) => `${f.code}: ${f.message}`),
        warning: true,
      });
    blocks.push({
      heading: `Chain of custody of ${d.exhibitRef}`,
      rows: c.events.map((e) => ({
        label: `${e.label}, ${ukLocalDisplay(e.at)}`,
        value: `Signed by ${e.signerName} on ${ukDateTime(e.signedAt)}${e.corrected ? ' (corrected later)' : ''}; record ${e.hash.slice(0, 16)}`,
      })),
    });
  }
  return blocks;
};

/** Under each device record in the chronology: which exhibit it is about (not a form field). */
const exhibitRows: RecordExtraHook = (record, { facts }) => {
  const ref = record.envelope.body.exhibitRef;
  const d = facts.devices?.[String(record.envelope.body.deviceId)];
  return typeof ref === 'string'
    ? [
        { label: 'Exhibit reference', value: ref },
        ...(d ? [{ label: 'Device', value: d.description }] : []),
      ]
    : null;
};

export const custodyRecordExtras = {
  kinds: [DEVICE_ADDED, ...CUSTODY_KINDS] as readonly string[],
  hook: exhibitRows,
};
