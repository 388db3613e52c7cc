// Turns a signed body into label/value rows using the kind's field list: one layout for the
// chronology, the PDF report and the export. Values are text only (R2: words, never imagery).
import type { DisplayRow, FieldSpec } from './fields';
import { conditionHolds } from './formSchema';
import { ukLocalDisplay } from '../ukTime';

function ownKey(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1]!;
}

function formatDate(d: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : d;
}

export interface DisplayLookups {
  /** Describe a referenced record (e.g. "Note of 21/11/2026 at 10:05 by J. Doe"). */
  record?: (id: string) => string | undefined;
  device?: (id: string) => string | undefined;
  child?: (id: string) => string | undefined;
  account?: (id: string) => string | undefined;
}

function formatLeaf(f: FieldSpec, v: unknown, look: DisplayLookups): string {
  switch (f.type) {
    case 'select':
    case 'radio':
      return f.options.find((o) => o.value === v)?.label ?? String(v);
    case 'multiselect':
      return Array.isArray(v)
        ? v.map((x) => f.options.find((o) => o.value === x)?.label ?? String(x)).join('; ')
        : String(v);
    case 'yesno':
      return v === true ? 'Yes' : v === false ? 'No' : '';
    case 'checkbox':
      return v === true ? `Confirmed: ${f.statement}` : 'Not confirmed';
    case 'datetime':
      return typeof v === 'string' ? ukLocalDisplay(v) : '';
    case 'date':
      return typeof v === 'string' ? formatDate(v) : '';
    case 'account':
      return v && typeof v === 'object' ? String((v as { name?: unknown }).name ?? '') : '';
    case 'accounts':
      return Array.isArray(v)
        ? v.map((a) => String((a as { name?: unknown }).name ?? '')).join(', ')
        : '';
    case 'record':
      return (typeof v === 'string' && look.record?.(v)) || String(v);
    case 'device':
      return (typeof v === 'string' && look.device?.(v)) || String(v);
    case 'child':
      return (typeof v === 'string' && look.child?.(v)) || String(v);
    default:
      return String(v);
  }
}

export function displayRows(
  fields: readonly FieldSpec[],
  body: unknown,
  look: DisplayLookups = {},
  root: unknown = body,
  prefix = '',
): DisplayRow[] {
  const src = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const rows: DisplayRow[] = [];
  for (const f of fields) {
    if (f.showIf && !conditionHolds(f.showIf, root, src)) continue;
    const v = src[ownKey(f.name)];
    if (v === undefined || v === null || v === '' || f.type === 'id') continue;
    const label = prefix ? `${prefix} — ${f.label}` : f.label;
    if (f.type === 'group') {
      if (f.repeat && Array.isArray(v)) {
        v.forEach((item, i) =>
          rows.push(...displayRows(f.fields, item, look, root, `${label} ${i + 1}`)),
        );
      } else {
        rows.push(...displayRows(f.fields, v, look, root, label));
      }
      continue;
    }
    rows.push({ label, value: formatLeaf(f, v, look) });
  }
  return rows;
}

/** Every string in a body, for the full-text index. */
export function collectText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectText(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => collectText(v, out));
  return out;
}

/** Every account id named anywhere in a body (witnesses, attendees…): they take part in the case. */
export function collectAccountIds(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectAccountIds(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.accountId === 'string') out.add(o.accountId);
    Object.values(o).forEach((v) => collectAccountIds(v, out));
  }
  return out;
}
