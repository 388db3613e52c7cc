// The kinds of incident as data: the built-in list (INCIDENT_KINDS) and the school's own, added by
// the DSL or a deputy. Pure: the name check runs in the renderer (live) and again in main.
import type { Option } from './records/fields';
import { INCIDENT_KINDS } from './records/kinds/options';

export interface IncidentCategory {
  /** 'school-' and 8 hex digits: the value a case stores (never the name, which is its label). */
  id: string;
  label: string;
  addedAt: string;
  retiredAt: string | null;
}

/** What app:categories.list gives: each of the school's own, with how many cases name it. */
export interface IncidentCategoryInfo extends IncidentCategory {
  casesUsing: number;
}

export const SCHOOL_KIND_PATTERN = /^school-[0-9a-f]{8}$/;
export const CATEGORY_NAME_MAX = 80;
/** Letters (any language), digits, spaces and the punctuation names need — nothing that reads as markup. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} '’&(),/.-]*$/u;

/** The name folded for the duplicate check: case, accents and spacing do not make a new kind. */
export function categoryKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The tidy form of a name: NFC, single spaces, trimmed. */
export function tidyCategoryName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Plain-English problem with a proposed name, or null when it may be added. `existing` holds the
 * school's own (retired too: a retired name is not reused for a different kind).
 */
export function categoryNameProblem(
  raw: string,
  existing: readonly Pick<IncidentCategory, 'label'>[],
): string | null {
  const name = tidyCategoryName(raw);
  if (name === '') return 'Enter the name of the kind of incident';
  if (name.length < 3) return 'The name must be at least 3 characters';
  if (name.length > CATEGORY_NAME_MAX)
    return `The name must be ${CATEGORY_NAME_MAX} characters or fewer`;
  if (!NAME_PATTERN.test(name))
    return 'The name can only use letters, numbers, spaces and simple punctuation ( - ’ & , / . )';
  const key = categoryKey(name);
  if (INCIDENT_KINDS.some((k) => categoryKey(k.label) === key || k.value === key))
    return `“${name}” is already in the list of kinds of incident`;
  if (existing.some((c) => categoryKey(c.label) === key)) return `“${name}” has already been added`;
  return null;
}

/**
 * The options of the "Kind of incident" list: the built-in kinds, then the school's own that are
 * not retired, then "Other" last. A retired one stays only when `keep` names it (a correction).
 */
export function incidentKindOptions(own: readonly IncidentCategory[], keep?: string): Option[] {
  const builtIn = INCIDENT_KINDS.filter((k) => k.value !== 'other');
  const other = INCIDENT_KINDS.find((k) => k.value === 'other')!;
  const school = own
    .filter((c) => c.retiredAt === null || c.id === keep)
    .map((c) => ({ value: c.id, label: c.label }));
  return [...builtIn, ...school, other];
}

/** The label of any kind: built-in, the school's own, or the label signed into the record. */
export function incidentKindLabel(
  value: string | null | undefined,
  own: readonly Pick<IncidentCategory, 'id' | 'label'>[] = [],
  signedLabel?: unknown,
): string {
  if (!value) return '';
  const builtIn = INCIDENT_KINDS.find((k) => k.value === value);
  if (builtIn) return builtIn.label;
  if (typeof signedLabel === 'string' && signedLabel) return signedLabel;
  return own.find((c) => c.id === value)?.label ?? 'A kind of incident added by the school';
}
