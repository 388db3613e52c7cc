// "Correction": points at one earlier record (by id and hash), gives the reason and the corrected
// content. The original stays in the log and is shown "corrected by …" (records are evidence).
import { z } from 'zod';
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';

const fields: readonly FieldSpec[] = [
  { name: 'correctsId', label: 'Corrects', type: 'record' },
  { name: 'reason', label: 'Reason for the correction', type: 'textarea', maxLength: 4000 },
];

export const correction: RecordKindDef = {
  kind: 'correction',
  label: 'Correction',
  description:
    'Correct an earlier record: the original stays, with the reason and the corrected content.',
  mayCreate: ['dsl', 'deputy', 'slt', 'staff'],
  userForm: false,
  correctable: false,
  fields,
  schema: z
    .object({
      correctsId: z.string().uuid(),
      correctsHash: z.string().regex(/^[0-9a-f]{64}$/),
      reason: z.string().trim().min(1, 'Give the reason for the correction.').max(4000),
      /** Validated against the corrected record's own kind schema in main. */
      corrected: z.record(z.string(), z.unknown()),
    })
    .strict(),
  summary: (b) => `Correction: ${String(b.reason).slice(0, 80)}`,
};
