// "Case opened": the case's details — children, other people, kind of incident, 4Cs category, title.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { CaseChild } from '../facts';
import { z } from 'zod';
import { bodySchemaFromFieldsWith } from '../formSchema';
import { SCHOOL_KIND_PATTERN } from '../../incidentCategories';
import {
  INCIDENT_KINDS,
  ONLINE_INCIDENT_KINDS,
  RISK_CATEGORIES,
  SEX_OPTIONS,
  optionLabel,
} from './options';

const fields: readonly FieldSpec[] = [
  {
    name: 'title',
    label: 'Short title',
    type: 'text',
    maxLength: 120,
    help: 'For the case list, e.g. "Image shared in Year 9 group chat". Use initials if you prefer.',
  },
  { name: 'incidentKind', label: 'Kind of incident', type: 'select', options: INCIDENT_KINDS },
  {
    name: 'incidentKindOther',
    label: 'Describe the kind of incident',
    type: 'text',
    showIf: { field: 'incidentKind', equals: 'other' },
  },
  {
    name: 'categories',
    label: 'Category of online risk (the 4 Cs)',
    type: 'multiselect',
    options: RISK_CATEGORIES,
    // The 4 Cs describe online risk only: asked for the online kinds of incident (and "Other").
    showIf: { field: 'incidentKind', equals: ONLINE_INCIDENT_KINDS },
  },
  {
    name: 'children',
    label: 'Child',
    type: 'group',
    repeat: { addLabel: 'Add another child', min: 1, max: 30 },
    fields: [
      { name: 'id', label: 'id', type: 'id' },
      { name: 'name', label: 'Name', type: 'text', maxLength: 120 },
      { name: 'dateOfBirth', label: 'Date of birth', type: 'date', optional: true },
      {
        name: 'yearGroup',
        label: 'Year group',
        type: 'text',
        maxLength: 40,
        optional: true,
        help: 'If the date of birth is not known.',
      },
      { name: 'sex', label: 'Sex', type: 'select', options: SEX_OPTIONS },
      { name: 'send', label: 'Special educational needs or disability (SEND)?', type: 'yesno' },
    ],
  },
  {
    name: 'others',
    label: 'Other person involved',
    type: 'group',
    optional: true,
    repeat: { addLabel: 'Add another person', min: 0, max: 50 },
    fields: [
      { name: 'name', label: 'Name or description', type: 'text', maxLength: 120 },
      {
        name: 'kind',
        label: 'Who they are',
        type: 'select',
        options: [
          { value: 'pupil', label: 'Another pupil' },
          { value: 'adult', label: 'An adult' },
          { value: 'staff', label: 'A member of staff or volunteer' },
        ],
      },
      {
        name: 'role',
        label: 'Their role or relationship',
        type: 'text',
        maxLength: 120,
        optional: true,
      },
    ],
  },
  {
    name: 'initialInformation',
    label: 'What is known so far',
    type: 'textarea',
    optional: true,
    guidance: 'Describe in words only. Never copy, forward, screenshot or print imagery (R2).',
  },
];

/**
 * The kind of incident is a built-in kind or one of the school's own ('school-' + 8 hex), whose name
 * main signs in as `incidentKindLabel` (never taken from the form: main replaces it).
 */
const base = bodySchemaFromFieldsWith(fields, {
  incidentKind: z.union(
    [
      z.enum(INCIDENT_KINDS.map((k) => k.value) as [string, ...string[]]),
      z.string().regex(SCHOOL_KIND_PATTERN),
    ],
    { error: 'Choose the kind of incident' },
  ),
  incidentKindLabel: z.string().min(1).max(80).optional(),
});

export const caseOpened: RecordKindDef = {
  kind: 'case-opened',
  label: 'Case opened',
  description: 'Open a case: the children, other people involved and the kind of incident.',
  mayCreate: ['dsl', 'deputy'],
  userForm: false,
  correctable: true,
  fields,
  schema: base.superRefine((b, ctx) => {
    const children = (b.children ?? []) as Array<Partial<CaseChild>>;
    children.forEach((c, i) => {
      if (!c.dateOfBirth && !c.yearGroup) {
        ctx.addIssue({
          code: 'custom',
          path: ['children', i, 'dateOfBirth'],
          message: 'Give a date of birth or a year group.',
        });
      }
    });
  }),
  summary: (b) =>
    `${String(b.title)} — ${typeof b.incidentKindLabel === 'string' ? b.incidentKindLabel : optionLabel(INCIDENT_KINDS, b.incidentKind)}`,
  reduce(facts, env, b) {
    facts.title = String(b.title);
    facts.incidentKind = String(b.incidentKind);
    facts.category = ((b.categories ?? []) as string[]).join(',');
    facts.children = ((b.children ?? []) as CaseChild[]).map((c) => ({ ...c }));
    facts.others = b.others ?? [];
    facts.openedAt ??= env.signedAt;
    if (facts.status === 'concern') facts.status = 'open';
  },
};
