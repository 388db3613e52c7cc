// The shape of a record kind as data: schema, who may make it, form fields, display, search text,
// rules, countersignature requirements and what it adds to the case's facts (docs/design.md).
import type { z } from 'zod';
import type { Role } from '../roles';
import type { Finding } from '../rules/finding';
import type { Envelope } from './envelope';
import type { FieldSpec } from './fields';
import type { CaseFacts, CountersignRequirement } from './facts';

export interface AccountSummary {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

export interface CheckContext {
  actor: AccountSummary;
  accounts: readonly AccountSummary[];
  facts: CaseFacts;
  /** UTC ISO time of the check (main's clock in main; the screen's clock in the renderer). */
  now: string;
}

export interface RecordKindDef {
  kind: string;
  /** "Concern", "Decision about viewing imagery" … */
  label: string;
  /** One sentence for the "add a record" menu. */
  description: string;
  /** Roles that may create this kind on a case they can see. */
  mayCreate: readonly Role[];
  /** false for kinds made only by dedicated flows (countersignature, correction, export …). */
  userForm: boolean;
  /** May a correction point at records of this kind? */
  correctable: boolean;
  fields: readonly FieldSpec[];
  /** Built from `fields` (formSchema.ts) plus kind-specific refinements. */
  schema: z.ZodType<Record<string, unknown>>;
  /** Guidance shown above the form (e.g. the R2 reminder for concerns). */
  guidance?: string;
  /** One line for lists. */
  summary(body: Record<string, unknown>): string;
  /** Rule findings for live guidance (renderer) and enforcement (main). */
  check?(body: Record<string, unknown>, ctx: CheckContext): Finding[];
  /** Countersignatures this record needs before it is final. */
  countersignatures?(body: Record<string, unknown>, env: Envelope): CountersignRequirement[];
  /** Adds this record's contribution to the case's facts. */
  reduce?(facts: CaseFacts, env: Envelope, body: Record<string, unknown>): void;
  /**
   * Findings checked in main before a countersignature with this purpose is added to a record of
   * this kind (the witness's countersignature finalises a viewing decision only while R2 and
   * R5 allow it). `ctx.actor` is the countersigner; any blocking finding refuses with RULE_BLOCKED.
   */
  beforeCountersign?(
    body: Record<string, unknown>,
    purpose: string,
    ctx: CheckContext,
    target: Envelope,
  ): Finding[];
  /** Called when a countersignature on a record of this kind is added (e.g. closure approved). */
  onCountersigned?(
    facts: CaseFacts,
    target: Envelope,
    body: Record<string, unknown>,
    purpose: string,
    countersignature: Envelope,
  ): void;
}
