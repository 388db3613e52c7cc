// Optional hooks for what a record kind adds to the export report beyond its own fields (issue 7):
// case-level sections (e.g. each device's chain of custody) and record-level extras. The report is
// generic over record kinds; a kind that needs more registers a hook here instead of editing it.
import type { DisplayRow } from '../../../shared/records/fields';
import type { SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts } from '../../../shared/records/facts';
import type { DisplayLookups } from '../../../shared/records/display';

export interface ReportBlock {
  heading: string;
  rows?: DisplayRow[];
  paragraphs?: string[];
  /** Printed in a box, bold: things an officer must not miss (e.g. a copy of imagery was made). */
  warning?: boolean;
}

export interface CaseSectionInput {
  facts: CaseFacts;
  records: readonly SignedRecord[];
  lookups: DisplayLookups;
}

/** A case-level section, printed after the case summary and before the chronology. */
export type CaseSectionHook = (input: CaseSectionInput) => ReportBlock[] | null;
/** Extra rows under one record of a given kind (after its own fields and rule findings). */
export type RecordExtraHook = (
  record: SignedRecord,
  input: CaseSectionInput,
) => DisplayRow[] | null;

const caseSections = new Map<string, CaseSectionHook>();
const recordExtras = new Map<string, RecordExtraHook>();

/** Register (or replace, by name) a case-level section, e.g. addCaseSection('custody', …). */
export function addCaseSection(name: string, hook: CaseSectionHook): void {
  caseSections.set(name, hook);
}

export function addRecordExtra(kind: string, hook: RecordExtraHook): void {
  recordExtras.set(kind, hook);
}

export function caseSectionsFor(input: CaseSectionInput): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (const hook of caseSections.values()) out.push(...(hook(input) ?? []));
  return out;
}

export function recordExtrasFor(record: SignedRecord, input: CaseSectionInput): DisplayRow[] {
  return recordExtras.get(record.envelope.kind)?.(record, input) ?? [];
}

// ------------------------------------------------------------------ built-in: chain of custody

const label = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/\bId\b/g, 'id');

function printable(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  if (typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string')
    return String((v as { name: string }).name);
  return null;
}

/**
 * The devices of a case and their custody, from `facts.devices` (the custody issue's projection),
 * printed generically: each device's own facts, then each custody event in order. The custody
 * issue may replace this with a richer section: addCaseSection('custody', …).
 */
export const genericCustodySection: CaseSectionHook = ({ facts, lookups }) => {
  const raw = facts.devices;
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object'
      ? Object.values(raw)
      : [];
  const devices = list as Array<Record<string, unknown>>;
  if (devices.length === 0) return null;
  const blocks: ReportBlock[] = [];
  for (const d of devices) {
    if (!d || typeof d !== 'object') continue;
    const ref = printable(d.exhibitRef) ?? printable(d.ref) ?? printable(d.id) ?? 'device';
    const rows: DisplayRow[] = [];
    const lists: Array<[string, unknown[]]> = [];
    for (const [k, v] of Object.entries(d)) {
      if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) {
        lists.push([k, v]);
        continue;
      }
      if (k === 'recordId' || k.endsWith('RecordId')) {
        const s = typeof v === 'string' ? (lookups.record?.(v) ?? v) : null;
        if (s) rows.push({ label: label(k.replace(/RecordId$|Id$/, '') || 'record'), value: s });
        continue;
      }
      const s = printable(v);
      if (s !== null) rows.push({ label: label(k), value: s });
    }
    for (const [k, items] of lists) {
      items.forEach((item, i) => {
        if (!item || typeof item !== 'object') return;
        const parts = Object.entries(item as Record<string, unknown>)
          .map(([ik, iv]) => {
            if (ik === 'recordId' && typeof iv === 'string') return lookups.record?.(iv) ?? null;
            const s = printable(iv);
            return s === null ? null : `${label(ik)}: ${s}`;
          })
          .filter((x): x is string => !!x);
        rows.push({ label: `${label(k)} ${i + 1}`, value: parts.join('; ') });
      });
    }
    blocks.push({ heading: `Device ${ref} — chain of custody`, rows });
  }
  return blocks.length ? blocks : null;
};

addCaseSection('custody', genericCustodySection);
