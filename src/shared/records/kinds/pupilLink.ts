// "Pupil linked", "Pupil unlinked" and "Related case": records in a case's own chain that name a
// pupil record by role (the child concerned, another child involved, the person who shared, a
// witness) or link another case. A link may say which free-text child of the case it is, so older
// cases are linked without changing their signed text. The link carries the pupil's details as they
// stood when linked (what the DSL relied on); main overlays the pupil's current record (R7, R11).
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';
import { SEX_OPTIONS, optionLabel } from './options';
import {
  CASE_RELATION_OPTIONS,
  PUPIL_ROLE_OPTIONS,
  roleLabel,
  type PupilRole,
} from '../../pupils/roles';

export const PUPIL_SNAPSHOT_FIELDS: readonly FieldSpec[] = [
  { name: 'legalName', label: 'Legal name', type: 'text', maxLength: 120 },
  { name: 'knownAs', label: 'Known as', type: 'text', maxLength: 120, optional: true },
  { name: 'yearGroup', label: 'Year group', type: 'text', maxLength: 40 },
  { name: 'dateOfBirth', label: 'Date of birth', type: 'date', optional: true },
  { name: 'sex', label: 'Sex', type: 'select', options: SEX_OPTIONS, optional: true },
  { name: 'send', label: 'SEND', type: 'yesno', optional: true },
  { name: 'lookedAfter', label: 'Looked-after child', type: 'yesno', optional: true },
];

const linkFields: readonly FieldSpec[] = [
  { name: 'pupilId', label: 'Pupil', type: 'id' },
  { name: 'role', label: 'Role in this case', type: 'select', options: PUPIL_ROLE_OPTIONS },
  {
    name: 'childId',
    label: 'The child named on the case',
    type: 'child',
    optional: true,
    help: 'When this pupil is a child already named in the case’s own words.',
  },
  {
    name: 'pupil',
    label: 'Pupil details when linked',
    type: 'group',
    fields: PUPIL_SNAPSHOT_FIELDS,
  },
];

export interface PupilSnapshot {
  legalName: string;
  knownAs?: string;
  yearGroup: string;
  dateOfBirth?: string;
  sex?: string;
  send?: boolean;
  lookedAfter?: boolean;
}

export interface PupilLinkFact {
  recordId: string;
  pupilId: string;
  role: PupilRole;
  childId?: string;
  pupil: PupilSnapshot;
}

export interface CaseLinkFact {
  recordId: string;
  otherCaseId: string;
  otherRef: string;
  relation: string;
}

export function pupilDisplayName(p: { legalName: string; knownAs?: string | null }): string {
  return p.knownAs && p.knownAs !== p.legalName ? `${p.legalName} (${p.knownAs})` : p.legalName;
}

export const pupilLinked: RecordKindDef = {
  kind: 'pupil-linked',
  label: 'Pupil linked',
  description: 'Link a pupil record to this case, with their role.',
  mayCreate: ['dsl', 'deputy'],
  userForm: false,
  correctable: false,
  fields: linkFields,
  schema: bodySchemaFromFields(linkFields),
  summary: (b) => {
    const p = b.pupil as PupilSnapshot;
    return `${pupilDisplayName(p)}, ${p.yearGroup}: ${roleLabel(String(b.role))}`;
  },
  reduce(facts, env, b) {
    const list = ((facts.pupilLinks as PupilLinkFact[] | undefined) ??= []);
    const i = list.findIndex((l) => l.pupilId === b.pupilId && l.role === b.role);
    const link: PupilLinkFact = {
      recordId: env.id,
      pupilId: String(b.pupilId),
      role: b.role as PupilRole,
      ...(typeof b.childId === 'string' ? { childId: b.childId } : {}),
      pupil: b.pupil as PupilSnapshot,
    };
    if (i >= 0) list[i] = link;
    else list.push(link);
  },
};

const unlinkFields: readonly FieldSpec[] = [
  { name: 'pupilId', label: 'Pupil', type: 'id' },
  { name: 'name', label: 'Pupil', type: 'text', maxLength: 120 },
  { name: 'role', label: 'Role removed', type: 'select', options: PUPIL_ROLE_OPTIONS },
  { name: 'reason', label: 'Why the link was wrong', type: 'textarea', maxLength: 2000 },
];

export const pupilUnlinked: RecordKindDef = {
  kind: 'pupil-unlinked',
  label: 'Pupil link removed',
  description:
    'A pupil was linked to this case by mistake: the link stops, the record of it stays.',
  mayCreate: ['dsl', 'deputy'],
  userForm: false,
  correctable: false,
  fields: unlinkFields,
  schema: bodySchemaFromFields(unlinkFields),
  summary: (b) => `Link removed: ${String(b.name)} (${roleLabel(String(b.role))})`,
  reduce(facts, _env, b) {
    const list = (facts.pupilLinks as PupilLinkFact[] | undefined) ?? [];
    facts.pupilLinks = list.filter((l) => !(l.pupilId === b.pupilId && l.role === b.role));
  },
};

const caseLinkFields: readonly FieldSpec[] = [
  { name: 'otherCaseId', label: 'Related case', type: 'id' },
  { name: 'otherRef', label: 'Related case', type: 'text', maxLength: 40 },
  {
    name: 'relation',
    label: 'How they are related',
    type: 'select',
    options: CASE_RELATION_OPTIONS,
  },
  { name: 'note', label: 'Note', type: 'text', maxLength: 300, optional: true },
];

export const caseLinked: RecordKindDef = {
  kind: 'case-linked',
  label: 'Related case',
  description: 'Link another case: the same incident, siblings, or otherwise related.',
  mayCreate: ['dsl', 'deputy'],
  userForm: false,
  correctable: false,
  fields: caseLinkFields,
  schema: bodySchemaFromFields(caseLinkFields),
  summary: (b) =>
    `Related case ${String(b.otherRef)}: ${optionLabel(CASE_RELATION_OPTIONS, b.relation)}`,
  reduce(facts, env, b) {
    const list = ((facts.caseLinks as CaseLinkFact[] | undefined) ??= []);
    if (list.some((l) => l.otherCaseId === b.otherCaseId)) return;
    list.push({
      recordId: env.id,
      otherCaseId: String(b.otherCaseId),
      otherRef: String(b.otherRef),
      relation: String(b.relation),
    });
  },
};
