// Option lists and helpers shared by the assessment and referral record kinds (R11–R18).
import type { CaseFacts } from '../facts';
import type { FieldSpec, Option } from '../fields';
import type { Finding } from '../../rules/finding';
import { UK_LOCAL_PATTERN, ukLocalToUtc } from '../../ukTime';

export const YES_NO_UNKNOWN: readonly Option[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known yet' },
];

/** docs/rules.md, "Do you have any concerns about the young person's vulnerability?" */
export const VULNERABILITY_FACTORS: readonly Option[] = [
  { value: 'in-care', label: 'In care' },
  { value: 'send', label: 'Special educational needs or disability' },
  { value: 'abuse-victim', label: 'Has been a victim of abuse' },
  { value: 'less-parent-contact', label: 'Less direct contact with parents' },
  { value: 'no-role-models', label: 'Lacks positive role modelling at home' },
  { value: 'sexuality', label: 'Their sexuality makes them additionally vulnerable' },
  { value: 'other', label: 'Other' },
];

/** Appendix 1, "Was the young person put under pressure or coerced or was consent freely given?" */
export const PRESSURE_OPTIONS: readonly Option[] = [
  { value: 'consent', label: 'Consent freely given' },
  { value: 'pressure', label: 'Put under pressure' },
  { value: 'coerced', label: 'Coerced, blackmailed or groomed' },
  { value: 'not-known', label: 'Not known yet' },
];

export const UNDERSTANDING_OPTIONS: readonly Option[] = [
  { value: 'yes', label: 'Yes, understands' },
  { value: 'partly', label: 'Partly' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known yet' },
];

export const REFERRAL_METHODS: readonly Option[] = [
  { value: 'phone', label: 'Phone' },
  { value: 'online-form', label: 'Online referral form' },
  { value: 'secure-email', label: 'Secure email' },
  { value: 'in-person', label: 'In person' },
  { value: 'other', label: 'Other' },
];

export const CONTACT_METHODS: readonly Option[] = [
  { value: 'in-person', label: 'In person' },
  { value: 'phone', label: 'Phone' },
  { value: 'video', label: 'Video call' },
  { value: 'letter-email', label: 'Letter or email' },
  { value: 'other', label: 'Other' },
];

/** R12: who was consulted before the family. */
export const CONSULTED_OPTIONS: readonly Option[] = [
  { value: 'police', label: 'The police' },
  { value: 'csc', label: 'Children’s social care' },
  { value: 'both', label: 'Both the police and children’s social care' },
  { value: 'no', label: 'Neither' },
];

/** R17: where the young person is asked to delete the imagery from. */
export const DELETION_PLACES: readonly Option[] = [
  { value: 'devices', label: 'Devices' },
  { value: 'cloud', label: 'Cloud storage' },
  { value: 'social-media', label: 'Social media' },
  { value: 'other', label: 'Somewhere else' },
];

export const SUPPORT_OPTIONS: readonly Option[] = [
  { value: 'report-remove', label: 'Report Remove (Childline and IWF)' },
  { value: 'childline', label: 'Childline' },
  { value: 'counselling', label: 'Counselling' },
  { value: 'school-nurse', label: 'School nurse' },
  { value: 'early-help', label: 'Early help' },
  { value: 'other', label: 'Other' },
];

export const POLICE_OUTCOMES: readonly Option[] = [
  { value: 'not-involved', label: 'The police were not involved' },
  { value: 'awaiting', label: 'Not known yet' },
  { value: 'outcome-21', label: 'Outcome 21 (crime recorded, action not in the public interest)' },
  { value: 'further-investigation', label: 'Further investigation' },
  { value: 'nfa', label: 'No further action' },
  { value: 'charged', label: 'Charged' },
  { value: 'other', label: 'Other' },
];

/** "Who was present" as CaseSeal accounts and/or named others (at least one, refined per kind). */
export function peopleFields(name: string, label: string): FieldSpec[] {
  return [
    {
      name,
      label: `${label} — CaseSeal users`,
      type: 'accounts',
      optional: true,
      requiredNote: 'at least one person here or below',
    },
    {
      name: `${name}Others`,
      label: `${label} — others`,
      type: 'group',
      optional: true,
      requiredNote: 'at least one person here or above',
      repeat: { addLabel: 'Add a person', min: 0, max: 30 },
      fields: [
        { name: 'name', label: 'Name', type: 'text', maxLength: 120 },
        { name: 'role', label: 'Role', type: 'text', maxLength: 120 },
      ],
    },
  ];
}

export function hasPeople(body: Record<string, unknown>, name: string): boolean {
  const a = body[name];
  const o = body[`${name}Others`];
  return (Array.isArray(a) && a.length > 0) || (Array.isArray(o) && o.length > 0);
}

/** A 'child' field must name a child on this case. */
export function childFinding(facts: CaseFacts, childId: unknown, field = 'child'): Finding[] {
  if (typeof childId !== 'string') return [];
  if (facts.children.length === 0) {
    return [
      {
        rule: 'CASE',
        status: 'blocks',
        stage: 'sign',
        field,
        message: 'Open the case with its children before recording this.',
      },
    ];
  }
  return facts.children.some((c) => c.id === childId)
    ? []
    : [
        {
          rule: 'CASE',
          status: 'blocks',
          stage: 'sign',
          field,
          message: 'Choose a child on this case.',
        },
      ];
}

/** The people entered as "other person involved" in the case details, by name (R17: the sharer). */
export function otherPeopleNames(facts: CaseFacts): string[] {
  const others = Array.isArray(facts.others) ? (facts.others as Array<{ name?: unknown }>) : [];
  return others.map((o) => (typeof o.name === 'string' ? o.name.trim() : '')).filter(Boolean);
}

/** A 'person' field must name another person involved, as the case details give them. */
export function otherPersonFinding(
  facts: CaseFacts,
  name: unknown,
  field = 'otherPerson',
): Finding[] {
  if (typeof name !== 'string' || !name.trim()) return [];
  return otherPeopleNames(facts).includes(name.trim())
    ? []
    : [
        {
          rule: 'CASE',
          status: 'blocks',
          stage: 'sign',
          field,
          message: 'Choose a person named in the case details as another person involved.',
        },
      ];
}

/** A UK local time typed on the form that is more than a few minutes after `now` (clock skew allowed). */
export function futureFinding(local: unknown, now: string, field: string, what: string): Finding[] {
  if (typeof local !== 'string' || !UK_LOCAL_PATTERN.test(local)) return [];
  return Date.parse(ukLocalToUtc(local)) > Date.parse(now) + 5 * 60_000
    ? [
        {
          rule: 'TIME',
          status: 'blocks',
          stage: 'sign',
          field,
          message: `${what} cannot be in the future.`,
        },
      ]
    : [];
}

export function push<T>(facts: CaseFacts, key: string, item: T): void {
  const list = (Array.isArray(facts[key]) ? facts[key] : []) as T[];
  list.push(item);
  facts[key] = list;
}
