// "Sealed export": made by the export flow only (docs/rules.md "Sealed export for the police"):
// who exported, when (the envelope), which cases and to whom. Signed onto each exported case before
// the bundle is built, so the bundle carries its own export record.
import { z } from 'zod';
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';

const text = (max: number) => z.string().trim().min(1).max(max);

export const exportRecipientSchema = z
  .object({
    officerName: text(200),
    force: text(200),
    reference: text(200),
    collarNumber: text(40).optional(),
  })
  .strict();
export type ExportRecipient = z.infer<typeof exportRecipientSchema>;

const fields: readonly FieldSpec[] = [
  { name: 'exportId', label: 'Export id', type: 'text' },
  { name: 'fileName', label: 'File', type: 'text' },
  {
    name: 'cases',
    label: 'Case',
    type: 'group',
    repeat: { addLabel: 'Add case', min: 1, max: 200 },
    fields: [
      { name: 'caseId', label: 'Case id', type: 'id' },
      { name: 'ref', label: 'Reference', type: 'text' },
      { name: 'title', label: 'Title', type: 'text' },
    ],
  },
  {
    name: 'recipient',
    label: 'Given to',
    type: 'group',
    fields: [
      { name: 'officerName', label: 'Police officer', type: 'text' },
      { name: 'collarNumber', label: 'Collar or warrant number', type: 'text', optional: true },
      { name: 'force', label: 'Force', type: 'text' },
      { name: 'reference', label: 'Police reference', type: 'text' },
    ],
  },
  {
    name: 'encrypted',
    label: 'Encrypted for transport (AES-256 zip, passphrase given separately)',
    type: 'yesno',
  },
];

export const exportRecord: RecordKindDef = {
  kind: 'export',
  label: 'Sealed export',
  description: 'The case was exported, sealed, for the police.',
  mayCreate: ['dsl', 'deputy'],
  userForm: false,
  correctable: false,
  fields,
  schema: z
    .object({
      exportId: z.string().uuid(),
      fileName: text(255),
      cases: z
        .array(z.object({ caseId: z.string().uuid(), ref: text(40), title: text(200) }).strict())
        .min(1)
        .max(200),
      recipient: exportRecipientSchema,
      encrypted: z.boolean(),
      // The audit entries about each case up to the export (position list and digest), so the
      // verifier can tell none was removed from the bundle's audit.json.
      audit: z
        .object({
          upTo: z.number().int().min(0),
          cases: z
            .array(
              z
                .object({
                  caseId: z.string().uuid(),
                  seqs: z.array(z.number().int().positive()).max(1_000_000),
                  sha256: z.string().regex(/^[0-9a-f]{64}$/),
                })
                .strict(),
            )
            .max(200),
        })
        .strict()
        .optional(),
    })
    .strict(),
  summary: (b) => {
    const r = (b.recipient ?? {}) as Partial<ExportRecipient>;
    return `Sealed export for ${String(r.officerName ?? '')} (${String(r.force ?? '')}, ref. ${String(r.reference ?? '')})`;
  },
  reduce(facts, env, b) {
    const r = b.recipient as ExportRecipient;
    const list = (facts.exports ??= []);
    list.push({
      exportId: String(b.exportId),
      recordId: env.id,
      at: env.signedAt,
      by: env.signer.name,
      officer: r.officerName,
      force: r.force,
      reference: r.reference,
    });
  },
};
