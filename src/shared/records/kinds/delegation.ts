// "Delegation of authority" and its revocation (R4): a senior leader gives a named deputy
// DSL authority to view imagery for this one case. The senior leader is the signer, with their own
// key — in their own session, or at the DSL's PC through "sign as another person" (their passphrase).
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields, type AccountRef } from '../formSchema';
import { activeDelegationFor, delegationsOf, type DelegationFact } from '../imageryFacts';
import { UK_LOCAL_PATTERN, ukLocalDisplay, ukLocalToUtc } from '../../ukTime';

export const DELEGATION_STATEMENT =
  'As a senior leader, I give this member of the safeguarding team authority to view the imagery in this case, following the rules R1–R8.';

const delegationFields: readonly FieldSpec[] = [
  {
    name: 'delegate',
    label: 'Member of the safeguarding team given authority to view',
    type: 'account',
    roles: ['deputy'],
    help: 'A deputy DSL. The DSL needs no delegation.',
  },
  { name: 'authority', label: 'Authority', type: 'checkbox', statement: DELEGATION_STATEMENT },
  { name: 'reason', label: 'Why this person', type: 'textarea', maxLength: 4000 },
  // R4: the authority must cover the moment a viewing starts. Optional in the schema so that
  // delegations signed before these fields existed stay valid (they start at their signature);
  // the check below requires a start on every new delegation.
  {
    name: 'startsAt',
    label: 'Authority starts',
    type: 'datetime',
    optional: true,
    rule: 'R4',
    help: 'Now, or later. A delegation can never start before it is signed: it cannot authorise a viewing that has already happened.',
  },
  {
    name: 'endsAt',
    label: 'Authority ends',
    type: 'datetime',
    optional: true,
    help: 'Leave empty if it lasts until it is revoked.',
  },
  {
    name: 'conditions',
    label: 'Any conditions',
    type: 'textarea',
    maxLength: 4000,
    optional: true,
    help: 'For example: only with a named senior leader as witness.',
  },
];

export const delegation: RecordKindDef = {
  kind: 'delegation',
  label: 'Delegation of authority to view imagery',
  description:
    'A senior leader gives a deputy DSL authority to view imagery for this case (R4), signed with the senior leader’s own passphrase.',
  mayCreate: ['slt'],
  userForm: true,
  // A correction by someone else could change who holds the authority: revoke and grant again instead.
  correctable: false,
  fields: delegationFields,
  guidance:
    'Only a senior leader signs a delegation, with their own passphrase. It covers this case only and can be revoked by a later record (R4).',
  schema: bodySchemaFromFields(delegationFields),
  summary: () => 'Delegation of authority to view imagery',
  check(b, ctx): Finding[] {
    const out: Finding[] = [];
    if (ctx.actor.role !== 'slt') {
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message:
          'A delegation of authority is signed by a senior leader, with their own passphrase.',
      });
    }
    const delegate = b.delegate as AccountRef | undefined;
    const acc = delegate && ctx.accounts.find((a) => a.id === delegate.accountId);
    if (!delegate)
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message: 'Choose the member of the safeguarding team to give authority to.',
        field: 'delegate',
      });
    else if (!acc || !acc.active)
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message: 'The person chosen does not have an active account.',
        field: 'delegate',
      });
    else if (acc.role === 'dsl')
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message: 'The DSL may view without a delegation: choose a deputy DSL.',
        field: 'delegate',
      });
    else if (acc.role !== 'deputy')
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message:
          'Authority to view can be given only to a member of the safeguarding team (a deputy DSL).',
        field: 'delegate',
      });
    else if (activeDelegationFor(ctx.facts, acc.id))
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message: 'This person already holds an active delegation for this case.',
        field: 'delegate',
      });
    out.push(...windowFindings(b, ctx.now));
    if (out.length === 0)
      out.push({
        rule: 'R4',
        status: 'met',
        stage: 'sign',
        message: 'A senior leader gives a deputy DSL authority to view imagery for this case.',
      });
    return out;
  },
  reduce(facts, env, b) {
    const delegate = b.delegate as AccountRef;
    const end = localUtc(b.endsAt);
    const entry: DelegationFact = {
      recordId: env.id,
      delegateId: delegate.accountId,
      delegateName: delegate.name,
      grantedById: env.signer.accountId,
      grantedByName: env.signer.name,
      grantedAt: env.signedAt,
      startsAt: effectiveStart(b.startsAt, env.signedAt),
      ...(end ? { endsAt: end } : {}),
      revoked: false,
    };
    facts.delegations = [...delegationsOf(facts), entry];
  },
};

function localUtc(v: unknown): string | undefined {
  return typeof v === 'string' && UK_LOCAL_PATTERN.test(v) ? ukLocalToUtc(v) : undefined;
}

/** The start the senior leader gave, but never before the signature: authority is never backdated (R4). */
export function effectiveStart(startsAt: unknown, signedAt: string): string {
  const start = localUtc(startsAt);
  return start && Date.parse(start) > Date.parse(signedAt) ? start : signedAt;
}

/** Skew allowed between the form's "Now" (to the minute) and CaseSeal's clock at signing. */
const START_SKEW_MS = 5 * 60_000;

/** R4: the delegation names when it starts (not before it is signed) and, if it ends, an end after that. */
function windowFindings(b: Record<string, unknown>, now: string): Finding[] {
  const out: Finding[] = [];
  const start = localUtc(b.startsAt);
  const end = localUtc(b.endsAt);
  if (!start) {
    out.push({
      rule: 'R4',
      status: 'blocks',
      stage: 'sign',
      field: 'startsAt',
      message: 'Give the date and time the authority starts (now, or later).',
    });
  } else if (Date.parse(start) < Date.parse(now) - START_SKEW_MS) {
    out.push({
      rule: 'R4',
      status: 'blocks',
      stage: 'sign',
      field: 'startsAt',
      message: `The authority cannot start before it is signed (${ukLocalDisplay(String(b.startsAt))} is in the past): a delegation signed now cannot authorise a viewing that has already happened. Set the start to now or later.`,
    });
  }
  if (end && start && Date.parse(end) <= Date.parse(start)) {
    out.push({
      rule: 'R4',
      status: 'blocks',
      stage: 'sign',
      field: 'endsAt',
      message: 'The authority must end after it starts.',
    });
  } else if (end && Date.parse(end) <= Date.parse(now)) {
    out.push({
      rule: 'R4',
      status: 'blocks',
      stage: 'sign',
      field: 'endsAt',
      message: 'The end of the authority is already in the past.',
    });
  }
  return out;
}

const revocationFields: readonly FieldSpec[] = [
  { name: 'delegation', label: 'Delegation revoked', type: 'record', kinds: ['delegation'] },
  { name: 'reason', label: 'Reason', type: 'textarea', maxLength: 4000 },
];

export const delegationRevoked: RecordKindDef = {
  kind: 'delegation-revoked',
  label: 'Delegation of authority revoked',
  description: 'Revoke a delegation of authority to view imagery (a senior leader or the DSL).',
  mayCreate: ['slt', 'dsl'],
  userForm: true,
  correctable: false,
  fields: revocationFields,
  schema: bodySchemaFromFields(revocationFields),
  summary: () => 'Delegation of authority revoked',
  check(b, ctx): Finding[] {
    const out: Finding[] = [];
    if (ctx.actor.role !== 'slt' && ctx.actor.role !== 'dsl') {
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message: 'A delegation is revoked by a senior leader or the DSL.',
      });
    }
    const target = delegationsOf(ctx.facts).find((d) => d.recordId === b.delegation);
    if (!target)
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message: 'Choose a delegation of authority recorded on this case.',
        field: 'delegation',
      });
    else if (target.revoked)
      out.push({
        rule: 'R4',
        status: 'blocks',
        stage: 'sign',
        message: 'That delegation has already been revoked.',
        field: 'delegation',
      });
    if (out.length === 0)
      out.push({
        rule: 'R4',
        status: 'met',
        stage: 'sign',
        message: 'From now on the deputy may no longer view imagery for this case.',
      });
    return out;
  },
  reduce(facts, env, b) {
    const target = delegationsOf(facts).find((d) => d.recordId === b.delegation);
    if (target && !target.revoked) {
      target.revoked = true;
      target.revokedById = env.signer.accountId;
      target.revokedAt = env.signedAt;
      target.revocationRecordId = env.id;
    }
  },
};
