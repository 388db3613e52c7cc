// "Countersignature": a second person's signature over another record's hash, made with their
// own key after typing their own passphrase on the same PC (R5 witnesses, senior-leader approvals).
import { z } from 'zod';
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';

export const COUNTERSIGN_PURPOSES = [
  { value: 'witness', label: 'Witness' },
  { value: 'agreement', label: 'Agreement' },
  { value: 'approval', label: 'Senior leader approval' },
  { value: 'closure', label: 'Closure approval' },
  { value: 'receipt', label: 'Receipt' },
] as const;

const fields: readonly FieldSpec[] = [
  { name: 'recordId', label: 'Countersigns', type: 'record' },
  { name: 'purpose', label: 'As', type: 'select', options: COUNTERSIGN_PURPOSES },
  { name: 'statement', label: 'Statement', type: 'textarea' },
];

export const countersignature: RecordKindDef = {
  kind: 'countersignature',
  label: 'Countersignature',
  description: 'A second signature over a record.',
  mayCreate: ['dsl', 'deputy', 'slt', 'staff'],
  userForm: false,
  correctable: false,
  fields,
  schema: z
    .object({
      recordId: z.string().uuid(),
      recordHash: z.string().regex(/^[0-9a-f]{64}$/),
      purpose: z.enum(COUNTERSIGN_PURPOSES.map((p) => p.value) as [string, ...string[]]),
      statement: z.string().trim().min(1).max(2000),
    })
    .strict(),
  summary: (b) =>
    `Countersigned (${COUNTERSIGN_PURPOSES.find((p) => p.value === b.purpose)?.label ?? String(b.purpose)})`,
};
