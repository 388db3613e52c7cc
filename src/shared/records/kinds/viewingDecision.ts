// "Decision about viewing imagery" (R1–R8): one record per decision, also — the default —
// a decision not to view. The viewer signs it; a decision to view is final only when the named
// witness countersigns with their own passphrase (R5). Its rules are src/shared/rules/imagery.ts.
import { z } from 'zod';
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec, ShowIf } from '../fields';
import { bodySchemaFromFields, pruneBody, type AccountRef } from '../formSchema';
import {
  VIEWED_WITHOUT_AUTHORITY_FLAG,
  viewingDecisionsOf,
  type ViewingDecision,
  type ViewingDecisionFact,
} from '../imageryFacts';
import {
  AWAITING_WITNESS,
  WITNESS_STATEMENT,
  evaluateViewingDecision,
  viewingAuthorityCovered,
} from '../../rules/imagery';
import { blockingFindings } from '../../rules/finding';
import { R2_GUIDANCE } from './concern';

export const VIEWING_DECISIONS = [
  { value: 'not-view', label: 'Do not view the imagery (the default)' },
  { value: 'view', label: 'View the imagery: there is a good and clear reason' },
] as const;

const VIEW: ShowIf = { field: 'decision', equals: 'view' };

export const VIEWING_GUIDANCE =
  'The default is not to view (R1). View only if there is a good and clear reason, after discussing it with a senior leader (R3); ' +
  'the viewer is the DSL or a deputy with delegated authority for this case (R4), with another member of staff in the room (R5), ' +
  'on the school premises (R6), and wherever possible of the same sex as the child (R7). Never copy, print, share, store or save imagery (R2).';

/** What the form says once a choice is made: guidance for that choice only. */
export const CHOICE_GUIDANCE: Record<ViewingDecision, string> = {
  'not-view':
    'A decision not to view is the default (R1). Record what is known about the imagery from what the child and others said, and the reason. It needs no witness and is final when you sign.',
  view: 'You are the viewer: the person who views signs this record, after the viewing (R8). Record when you discussed it with the senior leader — before viewing started (R3) — and the witness countersigns with their own passphrase to finalise it (R5).',
};

const fields: readonly FieldSpec[] = [
  { name: 'decision', label: 'Decision', type: 'radio', options: VIEWING_DECISIONS },
  {
    name: 'knownAboutImagery',
    label: 'What is known about the imagery, from what the child and others have said',
    type: 'textarea',
    guidance: R2_GUIDANCE,
  },
  {
    name: 'reason',
    label: 'Reason for the decision',
    type: 'textarea',
    maxLength: 4000,
    optional: true,
    rule: 'R1',
    help: 'Required (R1). To view: the good and clear reason — why the facts cannot be established without viewing.',
  },
  {
    name: 'necessary',
    label:
      'Is viewing necessary? (The facts cannot be established from what the children and others have said.)',
    type: 'yesno',
    optional: true,
    rule: 'R1',
    showIf: VIEW,
  },
  // R3
  {
    name: 'sltConsulted',
    label: 'Senior leader consulted',
    type: 'radio',
    optional: true,
    rule: 'R3',
    showIf: VIEW,
    options: [
      { value: 'account', label: 'A senior leader with a CaseSeal account' },
      { value: 'named', label: 'A senior leader without an account (give their name and role)' },
    ],
  },
  {
    name: 'sltAccount',
    label: 'Senior leader',
    type: 'account',
    roles: ['slt'],
    optional: true,
    rule: 'R3',
    showIf: { field: 'sltConsulted', equals: 'account' },
  },
  {
    name: 'sltName',
    label: 'Senior leader’s name',
    type: 'text',
    maxLength: 200,
    optional: true,
    rule: 'R3',
    showIf: { field: 'sltConsulted', equals: 'named' },
  },
  {
    name: 'sltRole',
    label: 'Their role (for example, headteacher)',
    type: 'text',
    maxLength: 120,
    optional: true,
    rule: 'R3',
    showIf: { field: 'sltConsulted', equals: 'named' },
  },
  {
    name: 'sltConsultedAt',
    label: 'When you discussed it',
    type: 'datetime',
    optional: true,
    rule: 'R3',
    showIf: VIEW,
    help: 'Before viewing started.',
  },
  {
    name: 'sltView',
    label: 'The senior leader’s view',
    type: 'textarea',
    maxLength: 4000,
    optional: true,
    rule: 'R3',
    showIf: VIEW,
  },
  // R4: the viewer is the signed-in person, who signs.
  {
    name: 'viewer',
    label: 'Viewer',
    type: 'account',
    roles: ['dsl', 'deputy'],
    optional: true,
    rule: 'R4',
    showIf: VIEW,
    self: true,
    help: 'You are the viewer: the person who views signs this record. A deputy DSL needs a delegation of authority for this case from a senior leader.',
  },
  // R4: only for a deputy whose delegation came after the viewing; the rule asks for it then.
  {
    name: 'noAuthorityReason',
    label:
      'Why the viewing happened without delegated authority (only if no delegation was in force when viewing started)',
    type: 'textarea',
    maxLength: 4000,
    optional: true,
    rule: 'R4',
    showIf: VIEW,
    showIfAccountRole: { field: 'viewer', roles: ['deputy'] },
  },
  // R5
  {
    name: 'witness',
    label: 'Witness present in the room',
    type: 'account',
    excludeSelf: true,
    optional: true,
    rule: 'R5',
    showIf: VIEW,
    help: 'Another member of staff, ideally a senior leader. They countersign with their own passphrase to finalise this record.',
  },
  // Shown (and kept) only when the chosen witness is not a senior leader; R5 requires it then.
  {
    name: 'witnessNotSltReason',
    label: 'Why the witness is not a senior leader',
    type: 'textarea',
    maxLength: 2000,
    optional: true,
    rule: 'R5',
    showIf: VIEW,
    showIfAccountRole: { field: 'witness', notRoles: ['slt'] },
  },
  {
    name: 'witnessViewed',
    label: 'Did the witness also view the imagery?',
    type: 'yesno',
    optional: true,
    rule: 'R5',
    showIf: VIEW,
    help: 'The witness does not need to view.',
  },
  {
    name: 'othersPresent',
    label: 'Anyone else present',
    type: 'text',
    maxLength: 500,
    optional: true,
    showIf: VIEW,
  },
  // R6
  {
    name: 'onPremises',
    label: 'Did viewing take place on the school premises?',
    type: 'yesno',
    optional: true,
    rule: 'R6',
    showIf: VIEW,
  },
  {
    name: 'room',
    label: 'Which room',
    type: 'text',
    maxLength: 200,
    optional: true,
    rule: 'R6',
    showIf: { field: 'onPremises', equals: true },
    help: 'Ideally the senior leadership team’s office.',
  },
  {
    name: 'notOnPremisesReason',
    label: 'Why not on the school premises',
    type: 'textarea',
    maxLength: 2000,
    optional: true,
    rule: 'R6',
    showIf: { field: 'onPremises', equals: false },
  },
  // R7
  {
    name: 'sameSex',
    label: 'Is the viewer the same sex as the child or children in the imagery?',
    type: 'yesno',
    optional: true,
    rule: 'R7',
    showIf: VIEW,
  },
  {
    name: 'notSameSexReason',
    label: 'Why not',
    type: 'textarea',
    maxLength: 2000,
    optional: true,
    rule: 'R7',
    showIf: { field: 'sameSex', equals: false },
  },
  // R8
  {
    name: 'viewingStarted',
    label: 'Viewing started',
    type: 'datetime',
    optional: true,
    rule: 'R8',
    showIf: VIEW,
  },
  {
    name: 'viewingEnded',
    label: 'Viewing ended',
    type: 'datetime',
    optional: true,
    rule: 'R8',
    showIf: VIEW,
  },
  {
    name: 'whatSeen',
    label: 'What was seen — described in words only',
    type: 'textarea',
    optional: true,
    rule: 'R8',
    showIf: VIEW,
    guidance: R2_GUIDANCE,
  },
  // R2
  {
    name: 'noCopyDeclaration',
    label: 'No-copy declaration (R2)',
    type: 'checkbox',
    optional: true,
    rule: 'R2',
    showIf: VIEW,
    statement: 'Nothing was copied, printed, shared, stored or saved during or after the viewing.',
  },
  {
    name: 'subsequentActions',
    label: 'Subsequent actions',
    type: 'textarea',
    maxLength: 4000,
    optional: true,
    rule: 'R8',
  },
];

/**
 * Prune until nothing changes: a field shown by another conditional field ("which room" under "on
 * premises", under "view") must go when its parent's own condition fails — one pass cannot see that.
 */
function pruneStable(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  let cur = pruneBody(fields, value);
  for (let i = 0; i < 4; i += 1) {
    const next = pruneBody(fields, cur);
    if (Object.keys(next).length === Object.keys(cur).length) return next;
    cur = next;
  }
  return cur;
}

const base = bodySchemaFromFields(fields);

export const viewingDecision: RecordKindDef = {
  kind: 'viewing-decision',
  label: 'Decision about viewing imagery',
  description:
    'Record a decision not to view imagery (the default) or to view it, with the rules R1–R8.',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  // Not correctable: the rules were checked at signing and the witness countersigned exactly this
  // content; a correction would change what the witness affirmed without either rule check.
  correctable: false,
  fields,
  guidance: VIEWING_GUIDANCE,
  schema: z.preprocess(pruneStable, base) as unknown as z.ZodType<Record<string, unknown>>,
  summary: (b) =>
    b.decision === 'view' ? 'Decision to view imagery' : 'Decision not to view imagery',
  check: (b, ctx) => evaluateViewingDecision(b, ctx),
  countersignatures(b) {
    const witness = b.witness as AccountRef | undefined;
    return b.decision === 'view' && witness
      ? [{ purpose: 'witness', accountId: witness.accountId, statement: WITNESS_STATEMENT }]
      : [];
  },
  beforeCountersign(b, purpose, ctx, target) {
    if (purpose !== 'witness') return [];
    // Sign-stage rules were enforced when the viewer signed (a delegation revoked after the viewing
    // does not undo it); what remains is the finalise stage: R5's countersignature and R2's advice.
    const viewer = ctx.accounts.find((a) => a.id === target.signer.accountId) ?? {
      id: target.signer.accountId,
      name: target.signer.name,
      role: target.signer.role,
      active: true,
    };
    const findings = evaluateViewingDecision(
      b,
      { ...ctx, actor: viewer },
      { recordId: target.id, countersignerId: ctx.actor.id },
    );
    return blockingFindings(
      findings.filter((x) => x.stage === 'finalise'),
      'finalise',
    );
  },
  reduce(facts, env, b) {
    const decision = b.decision as ViewingDecision;
    const witness = b.witness as AccountRef | undefined;
    const entry: ViewingDecisionFact = {
      recordId: env.id,
      decision,
      decidedById: env.signer.accountId,
      signedAt: env.signedAt,
      viewerId: decision === 'view' ? env.signer.accountId : null,
      witnessId: decision === 'view' ? (witness?.accountId ?? null) : null,
      final: decision !== 'view',
      awaitingWitness: decision === 'view',
    };
    // R4, recorded as it happened: a deputy's viewing that no delegation covered flags the case.
    if (decision === 'view' && env.signer.role === 'deputy') {
      entry.authorityCovered = viewingAuthorityCovered(b, facts, env.signer.accountId);
      if (!entry.authorityCovered && !facts.flags.includes(VIEWED_WITHOUT_AUTHORITY_FLAG))
        facts.flags.push(VIEWED_WITHOUT_AUTHORITY_FLAG);
    }
    facts.viewingDecisions = [...viewingDecisionsOf(facts), entry];
  },
  onCountersigned(facts, target, b, purpose, cs) {
    const witness = b.witness as AccountRef | undefined;
    if (purpose !== 'witness' || !witness || cs.signer.accountId !== witness.accountId) return;
    const entry = viewingDecisionsOf(facts).find((d) => d.recordId === target.id);
    if (entry) {
      entry.final = true;
      entry.awaitingWitness = false;
    }
  },
};

/** The state line the UI shows on a viewing decision. */
export function viewingDecisionState(d: ViewingDecisionFact): string {
  if (d.withdrawn) return 'Withdrawn';
  if (d.final) return d.decision === 'view' ? 'Final: witnessed' : 'Final';
  return AWAITING_WITNESS;
}
