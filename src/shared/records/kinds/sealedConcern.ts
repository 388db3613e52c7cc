// "Concern (sealed by staff)": a staff member's concern as they signed and sealed it to the team,
// opened at a team member's sign-in. The body keeps the staff member's own signed statement, its
// hash and signature, and the time it was sealed, so that their signature — not the importer's —
// is the evidence of what they wrote (docs/design.md, "Trust model").
import { z } from 'zod';
import type { RecordKindDef } from '../kindDef';
import { ROLES } from '../../roles';
import { concern } from './concern';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const sealedPartSchema = z
  .object({
    intakeId: z.string().uuid(),
    sealedAt: z.string().max(40),
    author: z
      .object({
        accountId: z.string().uuid(),
        name: z.string().min(1).max(200),
        role: z.enum(ROLES),
        keyId: hex64,
      })
      .strict(),
    /** The staff member's statement, canonical JSON exactly as they signed it. */
    statement: z.string().max(2_000_000),
    hash: hex64,
    signature: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();

const schema = z
  .object({ sealed: sealedPartSchema })
  .passthrough()
  .superRefine((b, ctx) => {
    const { sealed: _sealed, ...rest } = b;
    const res = concern.schema.safeParse(rest);
    if (!res.success)
      for (const i of res.error.issues)
        ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  }) as unknown as z.ZodType<Record<string, unknown>>;

export const sealedConcern: RecordKindDef = {
  kind: 'sealed-concern',
  label: 'Concern (sealed by staff)',
  description: 'A staff member’s concern, signed by them and sealed to the safeguarding team.',
  mayCreate: [],
  userForm: false,
  correctable: false,
  fields: concern.fields,
  guidance: concern.guidance,
  schema,
  summary: (b) => concern.summary(b),
  reduce(facts, env, b) {
    concern.reduce?.(facts, env, b);
  },
};
