// The imagery rules R1–R8 (docs/rules.md, "Once an adult / professional becomes
// aware of any indecent imagery…") as data, and the pure evaluation of a viewing-decision draft
// against them. Used twice: live guidance in the renderer, enforcement in main (architecture rule 3).
// Messages never hold names or case details: they also travel in RULE_BLOCKED errors.
import type { CheckContext } from '../records/kindDef';
import type { CaseFacts } from '../records/facts';
import type { AccountRef } from '../records/formSchema';
import {
  copiesMadeOf,
  delegationCovering,
  delegationsOf,
  viewingDecisionsOf,
} from '../records/imageryFacts';
import { UK_LOCAL_PATTERN, ukDateTime, ukLocalToUtc } from '../ukTime';
import type { Finding } from './finding';

export const IMAGERY_RULE_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'] as const;
export type ImageryRuleId = (typeof IMAGERY_RULE_IDS)[number];

export interface ImageryRule {
  id: ImageryRuleId;
  title: string;
  /** The rule in plain English, as the guidance panel shows it. */
  text: string;
  /** What CaseSeal requires before a decision is signed or finalised. */
  requires: readonly string[];
}

export const IMAGERY_SOURCE =
  'docs/rules.md: “Once an adult / professional becomes aware of any indecent imagery…”';

export const IMAGERY_RULES: readonly ImageryRule[] = [
  {
    id: 'R1',
    title: 'The default is not to view',
    text: 'Imagery is not viewed unless there is a good and clear reason to do so. Both a decision to view and a decision not to view are recorded, with the reason.',
    requires: [
      'A decision: do not view (the default), or view.',
      'The reason for the decision. To view: a good and clear reason, and that viewing is necessary.',
      'A decision not to view needs no witness and is final when signed.',
    ],
  },
  {
    id: 'R2',
    title: 'No copies, ever',
    text: 'Never copy, print, share, store or save imagery: it is illegal, even with good intent. If a copy has already been made, record it and contact the police for advice.',
    requires: [
      'To sign a decision to view: the viewer’s declaration that nothing was copied, printed, shared, stored or saved.',
      'A copy already made is recorded (“A copy was made”) with the police’s advice. While that advice is missing, no decision to view on the case can be finalised.',
      'CaseSeal never takes in image or video data: describe what was seen in words only.',
    ],
  },
  {
    id: 'R3',
    title: 'A senior leader is consulted',
    text: 'The decision to view is discussed with a named member of the senior leadership team before the viewing; the time of the discussion is recorded.',
    requires: [
      'The senior leader consulted: a senior leader’s CaseSeal account, or a named person and their role.',
      'When you discussed it: before viewing started.',
      'Their view.',
    ],
  },
  {
    id: 'R4',
    title: 'An authorised viewer',
    text: 'Viewing is done by the DSL, or by a member of the safeguarding team with delegated authority from a senior leader for this case. The delegation is itself a record, signed by the senior leader.',
    requires: [
      'The viewer is the person signed in: the viewer signs the record.',
      'A deputy DSL needs a delegation of authority for this case, signed by a senior leader with their own passphrase, that was in force when viewing started.',
      'A delegation signed or starting after the viewing does not authorise it: the decision is recorded as a viewing without authority, with the reason, and every export shows it.',
    ],
  },
  {
    id: 'R5',
    title: 'A witness is present',
    text: 'Another member of staff is present in the room, ideally a senior leader. The witness does not need to view. The record cannot be finalised without the witness’s own countersignature.',
    requires: [
      'The witness: another person’s CaseSeal account, not the viewer.',
      'If the witness is not a senior leader, the reason.',
      'Whether the witness also viewed.',
      'To finalise: the witness countersigns with their own passphrase, affirming they were present in the room. Until then the record shows “awaiting witness”.',
    ],
  },
  {
    id: 'R6',
    title: 'On the school premises',
    text: 'Wherever possible, viewing happens on the school premises, ideally in the senior leadership team’s office. Otherwise the reason is recorded.',
    requires: [
      'Whether viewing took place on the premises, and in which room.',
      'If not on the premises, the reason.',
    ],
  },
  {
    id: 'R7',
    title: 'The same sex as the child',
    text: 'Wherever possible, the viewer is the same sex as the child or young person in the imagery. Otherwise the reason is recorded.',
    requires: [
      'Whether the viewer is the same sex as the child or children in the imagery.',
      'If not, the reason.',
    ],
  },
  {
    id: 'R8',
    title: 'A signed and dated record',
    text: 'A signed and dated record of how and why the decision was made, who was present, why the imagery was viewed, what was seen (described in words only) and any subsequent actions.',
    requires: [
      'What was seen, described in words only.',
      'When viewing started and ended (the end after the start, neither in the future).',
      'The subsequent actions.',
      'The viewer signs; CaseSeal’s own clock dates the signature.',
    ],
  },
];

export function imageryRule(id: ImageryRuleId): ImageryRule {
  return IMAGERY_RULES.find((r) => r.id === id)!;
}

/** Shown in the finalise-stage R5 finding until the witness countersigns (and by the UI as the record's state). */
export const AWAITING_WITNESS = 'Awaiting witness';

/** What the witness affirms when they countersign with their own passphrase (R5). */
export const WITNESS_STATEMENT =
  'I was present in the room while the imagery was viewed, as this record describes. I saw nothing copied, printed, shared, stored or saved.';

export interface ViewingEvaluationOptions {
  /** A signed record: its witness countersignature is looked up in ctx.facts. */
  recordId?: string;
  /** Main, about to add a witness countersignature by this account: evaluate as if it were added. */
  countersignerId?: string;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function ref(v: unknown): AccountRef | undefined {
  if (v && typeof v === 'object' && typeof (v as { accountId?: unknown }).accountId === 'string')
    return v as AccountRef;
  return undefined;
}

function localToMs(v: unknown): number | undefined {
  if (typeof v !== 'string' || !UK_LOCAL_PATTERN.test(v)) return undefined;
  const ms = Date.parse(ukLocalToUtc(v));
  return Number.isNaN(ms) ? undefined : ms;
}

type Out = Finding[];

function f(
  out: Out,
  rule: ImageryRuleId,
  status: Finding['status'],
  stage: Finding['stage'],
  message: string,
  field?: string,
): void {
  out.push(field ? { rule, status, stage, message, field } : { rule, status, stage, message });
}

// ------------------------------------------------------------------ one function per rule

function r1(b: Record<string, unknown>, out: Out): void {
  const decision = b.decision;
  const reason = text(b.reason);
  if (decision !== 'view' && decision !== 'not-view') {
    f(
      out,
      'R1',
      'blocks',
      'sign',
      'Choose the decision: do not view (the default), or view.',
      'decision',
    );
    return;
  }
  if (decision === 'not-view') {
    if (!reason)
      f(
        out,
        'R1',
        'needs-reason',
        'sign',
        'Give the reason for the decision not to view.',
        'reason',
      );
    else
      f(
        out,
        'R1',
        'met',
        'sign',
        'Not viewing is the default. The decision and its reason are recorded; no witness is needed.',
      );
    return;
  }
  if (b.necessary === false) {
    f(
      out,
      'R1',
      'blocks',
      'sign',
      'Imagery is viewed only when it is necessary. If the facts can be established without viewing, record a decision not to view.',
      'necessary',
    );
  } else if (b.necessary !== true) {
    f(
      out,
      'R1',
      'blocks',
      'sign',
      'Say whether viewing is necessary: whether the facts cannot be established from what the children and others have said.',
      'necessary',
    );
  }
  if (!reason)
    f(
      out,
      'R1',
      'needs-reason',
      'sign',
      'A decision to view needs a good and clear reason. Write it down.',
      'reason',
    );
  else if (b.necessary === true)
    f(out, 'R1', 'met', 'sign', 'Viewing is recorded as necessary, with the reason.');
}

function r2(b: Record<string, unknown>, ctx: CheckContext, out: Out): void {
  const copiesWithoutAdvice = copiesMadeOf(ctx.facts).filter((c) => c.adviceMissing).length;
  if (b.decision !== 'view') {
    f(
      out,
      'R2',
      'met',
      'sign',
      'Nothing is to be viewed. Never copy, print, share, store or save imagery.',
    );
    if (copiesWithoutAdvice > 0) {
      f(
        out,
        'R2',
        'advice',
        'finalise',
        'A copy of the imagery is recorded on this case without the police’s advice. Contact the police for advice and record it.',
      );
    }
    return;
  }
  if (b.noCopyDeclaration === true)
    f(
      out,
      'R2',
      'met',
      'sign',
      'The viewer declares that nothing was copied, printed, shared, stored or saved.',
    );
  else
    f(
      out,
      'R2',
      'blocks',
      'sign',
      'Confirm the no-copy declaration: nothing was copied, printed, shared, stored or saved. If a copy was made, record “A copy was made” and contact the police for advice.',
      'noCopyDeclaration',
    );
  if (copiesWithoutAdvice > 0) {
    f(
      out,
      'R2',
      'blocks',
      'finalise',
      `A copy of the imagery is recorded on this case (${copiesWithoutAdvice === 1 ? 'one copy' : `${copiesWithoutAdvice} copies`}) and the police’s advice about it is missing. A decision to view cannot be finalised until that advice is recorded (“Police advice about a copy”).`,
    );
  } else {
    f(
      out,
      'R2',
      'met',
      'finalise',
      copiesMadeOf(ctx.facts).length > 0
        ? 'The police’s advice is recorded for every copy made.'
        : 'No copy of the imagery is recorded on this case.',
    );
  }
}

function r3(b: Record<string, unknown>, ctx: CheckContext, out: Out): void {
  if (b.decision !== 'view') {
    f(
      out,
      'R3',
      'met',
      'sign',
      'A senior leader needs to be consulted only before a decision to view.',
    );
    return;
  }
  const before = out.length;
  if (b.sltConsulted === 'account') {
    const slt = ref(b.sltAccount);
    const acc = slt && ctx.accounts.find((a) => a.id === slt.accountId);
    if (!slt)
      f(out, 'R3', 'blocks', 'sign', 'Choose the senior leader you consulted.', 'sltAccount');
    else if (!acc || !acc.active)
      f(
        out,
        'R3',
        'blocks',
        'sign',
        'The senior leader chosen does not have an active account.',
        'sltAccount',
      );
    else if (acc.role !== 'slt')
      f(
        out,
        'R3',
        'blocks',
        'sign',
        'The person chosen as the senior leader consulted is not a senior leader.',
        'sltAccount',
      );
  } else if (b.sltConsulted === 'named') {
    if (!text(b.sltName))
      f(
        out,
        'R3',
        'blocks',
        'sign',
        'Give the name of the senior leader you consulted.',
        'sltName',
      );
    if (!text(b.sltRole))
      f(
        out,
        'R3',
        'blocks',
        'sign',
        'Give the role of the senior leader you consulted (for example, headteacher).',
        'sltRole',
      );
  } else {
    f(
      out,
      'R3',
      'blocks',
      'sign',
      'Discuss the decision to view with a named member of the senior leadership team, and record who it was.',
      'sltConsulted',
    );
  }
  const consulted = localToMs(b.sltConsultedAt);
  const started = localToMs(b.viewingStarted);
  if (consulted === undefined)
    f(
      out,
      'R3',
      'blocks',
      'sign',
      'Give the date and time you discussed the decision with the senior leader.',
      'sltConsultedAt',
    );
  else if (started !== undefined && consulted > started)
    f(
      out,
      'R3',
      'blocks',
      'sign',
      'The senior leader must be consulted before the viewing: the discussion is recorded after viewing started. Check both times.',
      'sltConsultedAt',
    );
  if (!text(b.sltView))
    f(
      out,
      'R3',
      'blocks',
      'sign',
      'Record the senior leader’s view of the decision to view.',
      'sltView',
    );
  if (out.length === before)
    f(
      out,
      'R3',
      'met',
      'sign',
      'A named senior leader was consulted before the viewing and their view is recorded.',
    );
}

function r4(b: Record<string, unknown>, ctx: CheckContext, out: Out): void {
  if (b.decision !== 'view') {
    f(out, 'R4', 'met', 'sign', 'Nobody is to view the imagery.');
    return;
  }
  const viewer = ref(b.viewer);
  if (!viewer) {
    f(
      out,
      'R4',
      'blocks',
      'sign',
      'Confirm the viewer. The viewer is the person signed in: the viewer signs this record.',
      'viewer',
    );
    return;
  }
  if (viewer.accountId !== ctx.actor.id) {
    f(
      out,
      'R4',
      'blocks',
      'sign',
      'The viewer must sign this record. The person who viewed signs in and records the decision themselves.',
      'viewer',
    );
    return;
  }
  const role = ctx.actor.role;
  if (role === 'dsl') {
    f(out, 'R4', 'met', 'sign', 'The viewer is the DSL.');
  } else if (role === 'deputy') {
    r4Deputy(b, ctx, out);
  } else {
    f(
      out,
      'R4',
      'blocks',
      'sign',
      'Only the DSL, or a deputy DSL with delegated authority for this case, may view imagery.',
      'viewer',
    );
  }
}

/**
 * R4 for a deputy: a delegation must have covered the moment viewing started. One signed or
 * starting afterwards never counts as if it had been in force: the viewing is recorded as it
 * happened, with the reason, and the case is flagged (viewingAuthorityCovered, every export).
 */
function r4Deputy(b: Record<string, unknown>, ctx: CheckContext, out: Out): void {
  const mine = delegationsOf(ctx.facts).filter((d) => d.delegateId === ctx.actor.id);
  if (mine.length === 0) {
    f(
      out,
      'R4',
      'blocks',
      'sign',
      'A deputy DSL may view only with a delegation of authority for this case, signed by a senior leader. None is recorded for the viewer: ask a senior leader to sign one.',
      'viewer',
    );
    return;
  }
  const started = localToMs(b.viewingStarted);
  if (started === undefined) {
    f(
      out,
      'R4',
      'blocks',
      'sign',
      'Give when viewing started: the delegation of authority must have been in force at that moment.',
      'viewingStarted',
    );
    return;
  }
  if (delegationCovering(ctx.facts, ctx.actor.id, started)) {
    f(
      out,
      'R4',
      'met',
      'sign',
      'A delegation of authority from a senior leader for this case was in force when viewing started.',
    );
    return;
  }
  const when = ukDateTime(new Date(started).toISOString());
  // Only a delegation that came after the viewing opens the "record it as it happened" path; one
  // revoked or ended before the viewing refuses outright, as a missing delegation does.
  const late = mine.some((d) => Date.parse(d.startsAt ?? d.grantedAt) >= started + 60_000);
  if (!late) {
    f(
      out,
      'R4',
      'blocks',
      'sign',
      `The viewer’s delegation of authority was revoked or had ended before viewing started (${when}). A deputy DSL may view only while a delegation is in force.`,
      'viewer',
    );
    return;
  }
  if (!text(b.noAuthorityReason))
    f(
      out,
      'R4',
      'needs-reason',
      'sign',
      `No delegation of authority was in force when viewing started (${when}). A delegation signed or starting afterwards does not authorise it. This decision will be recorded as a viewing without delegated authority, and every export will show it: say why the viewing happened without authority.`,
      'noAuthorityReason',
    );
  else
    f(
      out,
      'R4',
      'advice',
      'sign',
      `Recorded as it happened: no delegation of authority was in force when viewing started (${when}). The case is flagged, and every export shows it.`,
      'noAuthorityReason',
    );
}

/** For a signed decision to view by a deputy: did a delegation cover the start of viewing (R4)? */
export function viewingAuthorityCovered(
  b: Record<string, unknown>,
  facts: CaseFacts,
  signerId: string,
): boolean {
  const started = localToMs(b.viewingStarted);
  return started !== undefined && delegationCovering(facts, signerId, started) !== undefined;
}

function witnessCountersigned(
  ctx: CheckContext,
  recordId: string | undefined,
  witnessId: string,
): boolean {
  if (!recordId) return false;
  return (ctx.facts.records[recordId]?.countersignatures ?? []).some(
    (c) => c.purpose === 'witness' && c.accountId === witnessId,
  );
}

function r5(
  b: Record<string, unknown>,
  ctx: CheckContext,
  opts: ViewingEvaluationOptions,
  out: Out,
): void {
  if (b.decision !== 'view') {
    f(out, 'R5', 'met', 'sign', 'A decision not to view needs no witness.');
    f(out, 'R5', 'met', 'finalise', 'A decision not to view is final when signed.');
    return;
  }
  const witness = ref(b.witness);
  const viewer = ref(b.viewer);
  const acc = witness && ctx.accounts.find((a) => a.id === witness.accountId);
  const before = out.length;
  if (!witness) {
    f(
      out,
      'R5',
      'blocks',
      'sign',
      'Name the witness: another member of staff present in the room, ideally a senior leader.',
      'witness',
    );
  } else if (witness.accountId === ctx.actor.id || witness.accountId === viewer?.accountId) {
    f(
      out,
      'R5',
      'blocks',
      'sign',
      'The witness must be another person, not the viewer.',
      'witness',
    );
  } else if (!acc || !acc.active) {
    f(
      out,
      'R5',
      'blocks',
      'sign',
      'The witness must have an active CaseSeal account, so that they can countersign with their own passphrase.',
      'witness',
    );
  } else if (acc.role !== 'slt') {
    if (!text(b.witnessNotSltReason))
      f(
        out,
        'R5',
        'needs-reason',
        'sign',
        'The witness is not a senior leader. Give the reason a senior leader could not be the witness.',
        'witnessNotSltReason',
      );
  }
  if (b.witnessViewed !== true && b.witnessViewed !== false) {
    f(
      out,
      'R5',
      'blocks',
      'sign',
      'Say whether the witness also viewed the imagery. (The witness does not need to.)',
      'witnessViewed',
    );
  } else if (b.witnessViewed === true) {
    f(
      out,
      'R5',
      'advice',
      'sign',
      'The witness does not need to view. Make sure the reason the witness also viewed is in the record.',
      'witnessViewed',
    );
  }
  if (out.length === before || out.slice(before).every((x) => x.status === 'advice')) {
    f(
      out,
      'R5',
      'met',
      'sign',
      acc?.role === 'slt'
        ? 'The witness is a senior leader, present in the room.'
        : 'The witness is another member of staff, present in the room; the reason they are not a senior leader is recorded.',
    );
  }
  // Finalisation: only the named witness's own countersignature finalises the record.
  if (!witness) {
    f(
      out,
      'R5',
      'blocks',
      'finalise',
      `${AWAITING_WITNESS}: no witness is named, so this decision cannot be finalised.`,
      'witness',
    );
  } else if (opts.countersignerId !== undefined) {
    if (opts.countersignerId === witness.accountId)
      f(
        out,
        'R5',
        'met',
        'finalise',
        'The named witness is countersigning with their own passphrase.',
      );
    else
      f(
        out,
        'R5',
        'blocks',
        'finalise',
        'Only the witness named in the record can countersign as witness, with their own passphrase.',
        'witness',
      );
  } else if (witnessCountersigned(ctx, opts.recordId, witness.accountId)) {
    f(
      out,
      'R5',
      'met',
      'finalise',
      'The witness has countersigned with their own passphrase: the decision is final.',
    );
  } else {
    f(
      out,
      'R5',
      'blocks',
      'finalise',
      `${AWAITING_WITNESS}: the named witness must countersign with their own passphrase, affirming they were present in the room, before this decision is final.`,
      'witness',
    );
  }
}

function r6(b: Record<string, unknown>, out: Out): void {
  if (b.decision !== 'view') {
    f(out, 'R6', 'met', 'sign', 'Nothing is to be viewed.');
    return;
  }
  if (b.onPremises === true) {
    if (!text(b.room))
      f(
        out,
        'R6',
        'blocks',
        'sign',
        'Say in which room the imagery was viewed (ideally the senior leadership team’s office).',
        'room',
      );
    else f(out, 'R6', 'met', 'sign', 'Viewed on the school premises; the room is recorded.');
  } else if (b.onPremises === false) {
    if (!text(b.notOnPremisesReason))
      f(
        out,
        'R6',
        'needs-reason',
        'sign',
        'Viewing did not take place on the school premises. Give the reason.',
        'notOnPremisesReason',
      );
    else f(out, 'R6', 'met', 'sign', 'Not on the premises; the reason is recorded.');
  } else {
    f(
      out,
      'R6',
      'blocks',
      'sign',
      'Say whether viewing took place on the school premises.',
      'onPremises',
    );
  }
}

function r7(b: Record<string, unknown>, ctx: CheckContext, out: Out): void {
  if (b.decision !== 'view') {
    f(out, 'R7', 'met', 'sign', 'Nothing is to be viewed.');
    return;
  }
  const sexes = new Set(
    ctx.facts.children.map((c) => c.sex).filter((s) => s === 'female' || s === 'male'),
  );
  if (b.sameSex === true) {
    f(
      out,
      'R7',
      'met',
      'sign',
      'The viewer is the same sex as the child or children in the imagery.',
    );
    if (sexes.size > 1)
      f(
        out,
        'R7',
        'advice',
        'sign',
        'The children on this case are recorded as of different sexes. Make sure the answer is about the child or children in the imagery.',
        'sameSex',
      );
  } else if (b.sameSex === false) {
    if (!text(b.notSameSexReason))
      f(
        out,
        'R7',
        'needs-reason',
        'sign',
        'The viewer is not the same sex as the child or children in the imagery. Give the reason.',
        'notSameSexReason',
      );
    else f(out, 'R7', 'met', 'sign', 'Not the same sex; the reason is recorded.');
  } else {
    f(
      out,
      'R7',
      'blocks',
      'sign',
      'Say whether the viewer is the same sex as the child or children in the imagery.',
      'sameSex',
    );
  }
  if (sexes.size === 0 && ctx.facts.children.length > 0) {
    f(
      out,
      'R7',
      'advice',
      'sign',
      'The sex of the children on this case is not recorded. Check it before answering.',
      'sameSex',
    );
  }
}

function r8(b: Record<string, unknown>, ctx: CheckContext, out: Out): void {
  if (b.decision !== 'view') {
    if (!text(b.knownAboutImagery))
      f(
        out,
        'R8',
        'blocks',
        'sign',
        'Record what is known about the imagery from what the child and others said, in words only.',
        'knownAboutImagery',
      );
    else
      f(
        out,
        'R8',
        'met',
        'sign',
        'What is known and why the decision was made are recorded; the record is signed and dated by CaseSeal.',
      );
    if (!text(b.subsequentActions))
      f(
        out,
        'R8',
        'advice',
        'sign',
        'Record any subsequent actions (for example, the next steps agreed).',
        'subsequentActions',
      );
    return;
  }
  const before = out.length;
  if (!text(b.knownAboutImagery))
    f(
      out,
      'R8',
      'blocks',
      'sign',
      'Record what is known about the imagery from what the child and others said, in words only.',
      'knownAboutImagery',
    );
  if (!text(b.whatSeen))
    f(out, 'R8', 'blocks', 'sign', 'Describe what was seen, in words only.', 'whatSeen');
  const start = localToMs(b.viewingStarted);
  const end = localToMs(b.viewingEnded);
  const now = Date.parse(ctx.now);
  if (start === undefined)
    f(out, 'R8', 'blocks', 'sign', 'Give the date and time viewing started.', 'viewingStarted');
  if (end === undefined)
    f(out, 'R8', 'blocks', 'sign', 'Give the date and time viewing ended.', 'viewingEnded');
  if (start !== undefined && end !== undefined && end <= start)
    f(
      out,
      'R8',
      'blocks',
      'sign',
      'Viewing must end after it started. Check both times.',
      'viewingEnded',
    );
  if ((start !== undefined && start > now) || (end !== undefined && end > now)) {
    f(
      out,
      'R8',
      'blocks',
      'sign',
      'The viewing times cannot be in the future: this record is signed after the viewing.',
      end !== undefined && end > now ? 'viewingEnded' : 'viewingStarted',
    );
  }
  if (!text(b.subsequentActions))
    f(out, 'R8', 'blocks', 'sign', 'Record the subsequent actions.', 'subsequentActions');
  if (out.length === before)
    f(
      out,
      'R8',
      'met',
      'sign',
      'What was seen (in words), when, who was present and the subsequent actions are recorded; the viewer signs and CaseSeal dates it.',
    );
}

/**
 * Findings for every rule R1–R8 over a viewing-decision draft (or a signed body). `ctx.actor` is
 * the person signing — for a decision to view, the viewer. Stage 'sign' findings must be met before
 * the viewer signs; stage 'finalise' ones (the witness's countersignature, police advice about a
 * copy) before the decision is final.
 */
export function evaluateViewingDecision(
  draft: Record<string, unknown>,
  ctx: CheckContext,
  opts: ViewingEvaluationOptions = {},
): Finding[] {
  const out: Finding[] = [];
  r1(draft, out);
  r2(draft, ctx, out);
  r3(draft, ctx, out);
  r4(draft, ctx, out);
  r5(draft, ctx, opts, out);
  r6(draft, out);
  r7(draft, ctx, out);
  r8(draft, ctx, out);
  return out;
}

/** Does the case involve nude or semi-nude imagery (the concern says so, or the case's kind of incident)? */
export function involvesImagery(facts: CaseFacts): boolean {
  return facts.imageryReported === true || facts.incidentKind === 'nudes';
}

/**
 * Closing checklist item: every viewing decision on the case is final (R5: witnessed); and a case
 * that involves imagery has a decision recorded — not to view, or to view (R1: both are recorded).
 */
export function viewingClosureCheck(facts: CaseFacts): Finding | null {
  const decisions = viewingDecisionsOf(facts).filter((d) => !d.withdrawn);
  if (decisions.length === 0)
    return involvesImagery(facts)
      ? {
          rule: 'CLOSE-VIEWING',
          status: 'blocks',
          stage: 'sign',
          message:
            'This case involves nude or semi-nude imagery: record the decision about viewing it — not to view (the default) or to view — before the case is closed (R1).',
        }
      : null;
  const open = decisions.filter((d) => !d.final).length;
  return open > 0
    ? {
        rule: 'CLOSE-VIEWING',
        status: 'blocks',
        stage: 'sign',
        message: `${open} decision(s) to view imagery are ${AWAITING_WITNESS.toLowerCase()}: every viewing decision must be finalised before the case is closed.`,
      }
    : {
        rule: 'CLOSE-VIEWING',
        status: 'met',
        stage: 'sign',
        message: 'Every viewing decision is finalised.',
      };
}
