// How a pupil takes part in a case, and how two pupils or two cases relate: plain data shared by the
// record kinds, the rules (R7, R11, R17), main and the screens.
import type { Option } from '../records/fields';

export const PUPIL_ROLES = ['child-concerned', 'other-child', 'shared', 'witness'] as const;
export type PupilRole = (typeof PUPIL_ROLES)[number];

export const PUPIL_ROLE_OPTIONS: readonly Option[] = [
  { value: 'child-concerned', label: 'The child concerned' },
  { value: 'other-child', label: 'Another child involved' },
  { value: 'shared', label: 'The person who shared' },
  { value: 'witness', label: 'A witness' },
];

export const PUPIL_RELATIONS = ['sibling', 'same-household', 'same-incident', 'other'] as const;
export const PUPIL_RELATION_OPTIONS: readonly Option[] = [
  { value: 'sibling', label: 'Sibling' },
  { value: 'same-household', label: 'Lives in the same household' },
  { value: 'same-incident', label: 'Involved in the same incident' },
  { value: 'other', label: 'Other connection' },
];

export const CASE_RELATIONS = ['same-incident', 'siblings', 'related'] as const;
export const CASE_RELATION_OPTIONS: readonly Option[] = [
  { value: 'same-incident', label: 'The same incident' },
  { value: 'siblings', label: 'Concerns siblings' },
  { value: 'related', label: 'Related' },
];

export function roleLabel(role: string): string {
  return PUPIL_ROLE_OPTIONS.find((o) => o.value === role)?.label ?? role;
}
