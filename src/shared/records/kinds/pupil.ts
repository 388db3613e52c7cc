// "Pupil" and "Related pupil": a child as a signed record of their own (legal and known-as name,
// date of birth, year and tutor group, sex for R7, optional UPN, SEND and looked-after for R11).
// Each pupil has their own chain in the log (the envelope's caseId is the pupil's id): corrections
// are `correction` records in that chain, so the first record is never changed.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';
import { SEX_OPTIONS, optionLabel } from './options';
import { PUPIL_RELATION_OPTIONS } from '../../pupils/roles';

/** A UPN is a letter, 11 digits and a check character (DfE Unique Pupil Number). */
export const UPN_PATTERN = /^[A-Z]\d{11}[0-9A-Z]$/;

export const PUPIL_FIELDS: readonly FieldSpec[] = [
  { name: 'legalName', label: 'Legal name', type: 'text', maxLength: 120 },
  {
    name: 'knownAs',
    label: 'Known as',
    type: 'text',
    maxLength: 120,
    optional: true,
    help: 'The name the child uses, if different.',
  },
  {
    name: 'yearGroup',
    label: 'Year group',
    type: 'text',
    maxLength: 40,
    help: 'For example Year 9.',
  },
  {
    name: 'tutorGroup',
    label: 'Tutor group or class',
    type: 'text',
    maxLength: 40,
    optional: true,
  },
  { name: 'dateOfBirth', label: 'Date of birth', type: 'date', optional: true },
  { name: 'sex', label: 'Sex', type: 'select', options: SEX_OPTIONS, optional: true },
  {
    name: 'upn',
    label: 'Unique pupil number (UPN)',
    type: 'text',
    maxLength: 13,
    optional: true,
    help: '13 characters, for example A123456789012.',
  },
  {
    name: 'send',
    label: 'Special educational needs or disability (SEND)?',
    type: 'yesno',
    optional: true,
  },
  { name: 'lookedAfter', label: 'Looked-after child?', type: 'yesno', optional: true },
  {
    name: 'notes',
    label: 'Notes',
    type: 'textarea',
    maxLength: 4000,
    optional: true,
    help: 'For example SEND needs, a child protection plan, or who holds parental responsibility.',
  },
];

export const pupilRecord: RecordKindDef = {
  kind: 'pupil',
  label: 'Pupil details',
  description: 'A pupil: names, date of birth, year group, sex, UPN and notes.',
  mayCreate: ['dsl', 'deputy'],
  userForm: false,
  correctable: true,
  fields: PUPIL_FIELDS,
  schema: bodySchemaFromFields(PUPIL_FIELDS).superRefine((b, ctx) => {
    if (typeof b.upn === 'string' && !UPN_PATTERN.test(b.upn.toUpperCase()))
      ctx.addIssue({
        code: 'custom',
        path: ['upn'],
        message: 'A UPN is 13 characters: a letter, 11 digits and a last letter or digit.',
      });
  }),
  summary: (b) =>
    `Pupil details: ${String(b.legalName)}${b.knownAs ? ` (known as ${String(b.knownAs)})` : ''}, ${String(b.yearGroup)}${b.sex ? `, ${optionLabel(SEX_OPTIONS, b.sex)}` : ''}`,
  reduce(facts, _env, b) {
    facts.pupil = b;
  },
};

const relatedFields: readonly FieldSpec[] = [
  { name: 'otherPupilId', label: 'Related pupil', type: 'id' },
  { name: 'otherName', label: 'Related pupil’s name', type: 'text', maxLength: 120 },
  {
    name: 'relation',
    label: 'How they are related',
    type: 'select',
    options: PUPIL_RELATION_OPTIONS,
  },
  { name: 'note', label: 'Note', type: 'text', maxLength: 300, optional: true },
];

export interface PupilRelationFact {
  recordId: string;
  otherPupilId: string;
  otherName: string;
  relation: string;
}

export const pupilRelated: RecordKindDef = {
  kind: 'pupil-related',
  label: 'Related pupil',
  description: 'Link this pupil to another: siblings, the same household or the same incident.',
  mayCreate: ['dsl', 'deputy'],
  userForm: false,
  correctable: false,
  fields: relatedFields,
  schema: bodySchemaFromFields(relatedFields),
  summary: (b) =>
    `Related pupil: ${String(b.otherName)} (${optionLabel(PUPIL_RELATION_OPTIONS, b.relation)})`,
  reduce(facts, env, b) {
    const list = ((facts.pupilRelations as PupilRelationFact[] | undefined) ??= []);
    list.push({
      recordId: env.id,
      otherPupilId: String(b.otherPupilId),
      otherName: String(b.otherName),
      relation: String(b.relation),
    });
  },
};
