// One time-ordered chronology from signed records of several chains (a pupil's own and the cases
// they are linked to): what happened, when, in which case, who signed it, and whether it was
// corrected. Used by the pupil page, the case and pupil chronology PDFs, and the tests.
import type { Envelope } from '../records/envelope';
import type { DisplayRow } from '../records/fields';
import { displayRows, type DisplayLookups } from '../records/display';
import { kindDef, kindLabel } from '../records/registry';
import { ROLE_LABELS } from '../roles';
import { pupilDisplayName, type PupilSnapshot } from '../records/kinds/pupilLink';

export interface ChronologyEntry {
  recordId: string;
  kind: string;
  label: string;
  summary: string;
  signedAt: string;
  signerName: string;
  signerRole: string;
  /** null for a record of the pupil's own chain (their details, corrections, related pupils). */
  caseId: string | null;
  caseRef: string | null;
  hash: string;
  rows: DisplayRow[];
  /** A correction: the record it corrects and the reason. */
  corrects: { recordId: string; label: string; reason: string } | null;
  correctedBy: Array<{ recordId: string; signedAt: string; signerName: string; reason: string }>;
  countersignedBy: Array<{ name: string; signedAt: string; purpose: string }>;
}

export interface ChronologyInput {
  envelope: Envelope;
  hash: string;
}

/** Names for ids that records point at, built from the records themselves (no other reads). */
function lookupsFrom(records: readonly ChronologyInput[]): DisplayLookups {
  const children = new Map<string, string>();
  const records_ = new Map<string, string>();
  const devices = new Map<string, string>();
  for (const { envelope: e } of records) {
    records_.set(e.id, `${kindLabel(e.kind)} of ${e.signedAt.slice(0, 10)} by ${e.signer.name}`);
    if (e.kind === 'case-opened' && Array.isArray(e.body.children))
      for (const c of e.body.children as Array<{ id?: string; name?: string }>)
        if (c.id && c.name) children.set(c.id, c.name);
    if (e.kind === 'pupil-linked')
      children.set(String(e.body.pupilId), pupilDisplayName(e.body.pupil as PupilSnapshot));
    if (e.kind === 'device-added' && typeof e.body.deviceId === 'string')
      devices.set(e.body.deviceId, kindDef('device-added')?.summary(e.body) ?? 'Device');
  }
  return {
    child: (id) => children.get(id),
    record: (id) => records_.get(id),
    device: (id) => devices.get(id),
  };
}

export function buildChronology(
  records: readonly ChronologyInput[],
  caseRefs: ReadonlyMap<string, string>,
): ChronologyEntry[] {
  const look = lookupsFrom(records);
  const byId = new Map(records.map((r) => [r.envelope.id, r]));
  const entries = new Map<string, ChronologyEntry>();
  // ISO times compare as plain strings (no locale collation: it was the slowest step).
  const sorted = [...records].sort((a, b) =>
    a.envelope.signedAt < b.envelope.signedAt
      ? -1
      : a.envelope.signedAt > b.envelope.signedAt
        ? 1
        : a.envelope.seq - b.envelope.seq,
  );
  for (const { envelope: e, hash } of sorted) {
    const def = kindDef(e.kind);
    let rows: DisplayRow[] = [];
    let summary = def?.summary(e.body) ?? kindLabel(e.kind);
    let corrects: ChronologyEntry['corrects'] = null;
    if (e.kind === 'correction') {
      const target = byId.get(String(e.body.correctsId));
      const targetDef = target ? kindDef(target.envelope.kind) : undefined;
      const label = targetDef?.label ?? 'an earlier record';
      corrects = {
        recordId: String(e.body.correctsId),
        label,
        reason: String(e.body.reason),
      };
      summary = `Correction to ${label}: ${String(e.body.reason)}`;
      rows = targetDef ? displayRows(targetDef.fields, e.body.corrected, look) : [];
      const t = entries.get(corrects.recordId);
      t?.correctedBy.push({
        recordId: e.id,
        signedAt: e.signedAt,
        signerName: e.signer.name,
        reason: corrects.reason,
      });
    } else if (e.kind === 'countersignature') {
      const t = entries.get(String(e.body.recordId));
      t?.countersignedBy.push({
        name: e.signer.name,
        signedAt: e.signedAt,
        purpose: String(e.body.purpose),
      });
      summary = `Countersignature (${String(e.body.purpose)})${t ? ` of ${t.label}` : ''}`;
    } else if (def) {
      rows = displayRows(def.fields, e.body, look);
    }
    const isCase = caseRefs.has(e.caseId);
    entries.set(e.id, {
      recordId: e.id,
      kind: e.kind,
      label: def?.label ?? e.kind,
      summary,
      signedAt: e.signedAt,
      signerName: e.signer.name,
      signerRole: ROLE_LABELS[e.signer.role] ?? e.signer.role,
      caseId: isCase ? e.caseId : null,
      caseRef: isCase ? (caseRefs.get(e.caseId) ?? null) : null,
      hash,
      rows,
      corrects,
      correctedBy: [],
      countersignedBy: [],
    });
  }
  return [...entries.values()];
}
