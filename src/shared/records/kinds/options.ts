// Option lists shared by several record kinds (docs/rules.md and the list of incident kinds).
import type { Option } from '../fields';

export const INCIDENT_KINDS: readonly Option[] = [
  { value: 'nudes', label: 'Nudes or semi-nudes shared' },
  { value: 'grooming', label: 'Online grooming or sexual communication' },
  { value: 'sextortion', label: 'Sextortion / financially motivated blackmail' },
  { value: 'bullying', label: 'Online bullying' },
  {
    value: 'harmful-content',
    label: 'Harmful content (self-harm, suicide, eating disorders, pornography, violence)',
  },
  { value: 'extremism', label: 'Radicalisation or extremism (Prevent)' },
  { value: 'challenge', label: 'Harmful online challenge or hoax' },
  { value: 'upskirting', label: 'Upskirting' },
  { value: 'intimate-image-abuse', label: 'Intimate image abuse' },
  { value: 'fraud', label: 'Fraud or scam' },
  // The categories DSLs record beyond online harm (KCSIE Part one: abuse, neglect and exploitation),
  // so that the school keeps one system for every safeguarding concern.
  { value: 'neglect', label: 'Neglect' },
  { value: 'physical-abuse', label: 'Physical abuse' },
  { value: 'emotional-abuse', label: 'Emotional abuse' },
  { value: 'sexual-abuse', label: 'Sexual abuse' },
  { value: 'child-on-child', label: 'Child-on-child abuse' },
  { value: 'domestic-abuse', label: 'Domestic abuse' },
  { value: 'mental-health', label: 'Mental health' },
  { value: 'attendance', label: 'Attendance-related (including children missing education)' },
  { value: 'exploitation', label: 'Child sexual or criminal exploitation' },
  { value: 'online-safety', label: 'Online safety (other)' },
  { value: 'other', label: 'Other' },
];

/** The kinds of incident that are online harm, for which the 4 Cs are asked. */
export const ONLINE_INCIDENT_KINDS: string[] = [
  'nudes',
  'grooming',
  'sextortion',
  'bullying',
  'harmful-content',
  'extremism',
  'challenge',
  'upskirting',
  'intimate-image-abuse',
  'fraud',
  'online-safety',
  'other',
];

/** The 4 Cs of online risk (KCSIE). */
export const RISK_CATEGORIES: readonly Option[] = [
  { value: 'content', label: 'Content' },
  { value: 'contact', label: 'Contact' },
  { value: 'conduct', label: 'Conduct' },
  { value: 'commerce', label: 'Commerce' },
];

export const SEX_OPTIONS: readonly Option[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'not-known', label: 'Not known / not stated' },
];

export function optionLabel(options: readonly Option[], value: unknown): string {
  return options.find((o) => o.value === value)?.label ?? String(value ?? '');
}
