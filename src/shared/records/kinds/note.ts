// "Note": a discussion, call, meeting or decision and its reason (KCSIE: record all concerns,
// discussions and decisions, and the reasons for them). May ask a named person to countersign.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import { bodySchemaFromFields } from '../formSchema';

const NOTE_TYPES = [
  { value: 'discussion', label: 'Discussion' },
  { value: 'call', label: 'Phone call' },
  { value: 'meeting', label: 'Meeting' },
  { value: 'decision', label: 'Decision' },
  { value: 'other', label: 'Other' },
] as const;

const fields: readonly FieldSpec[] = [
  { name: 'noteType', label: 'Type of note', type: 'radio', options: NOTE_TYPES },
  { name: 'subject', label: 'Subject', type: 'text', maxLength: 200 },
  { name: 'withWhom', label: 'With whom', type: 'text', maxLength: 500, optional: true },
  { name: 'when', label: 'When', type: 'datetime', optional: true },
  { name: 'details', label: 'What was said or done', type: 'textarea' },
  {
    name: 'decision',
    label: 'Decision made',
    type: 'textarea',
    showIf: { field: 'noteType', equals: 'decision' },
  },
  {
    name: 'reason',
    label: 'Reason for the decision',
    type: 'textarea',
    showIf: { field: 'noteType', equals: 'decision' },
  },
  {
    name: 'countersigner',
    label: 'Ask for a countersignature from',
    type: 'account',
    optional: true,
    excludeSelf: true,
    help: 'Optional: for example a senior leader who was present or agreed the decision.',
  },
];

export const note: RecordKindDef = {
  kind: 'note',
  label: 'Note',
  description: 'A discussion, call, meeting or decision, and its reason.',
  mayCreate: ['dsl', 'deputy', 'slt'],
  userForm: true,
  correctable: true,
  fields,
  schema: bodySchemaFromFields(fields),
  summary: (b) =>
    `${NOTE_TYPES.find((t) => t.value === b.noteType)?.label ?? 'Note'}: ${String(b.subject)}`,
  countersignatures(b) {
    const cs = b.countersigner as { accountId: string; name: string } | undefined;
    return cs
      ? [
          {
            purpose: 'agreement',
            accountId: cs.accountId,
            statement: 'I have read this note and agree it is an accurate record.',
          },
        ]
      : [];
  },
};
