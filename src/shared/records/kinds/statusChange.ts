// "Status change": referred, closed or reopened — each change a signed record with its reason.
// Closing needs a senior leader's countersignature before the case shows as closed.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import type { CaseStatus } from '../facts';
import { bodySchemaFromFields } from '../formSchema';
import { closureFindings } from '../../rules/closure';

export const STATUS_TARGETS = [
  { value: 'referred', label: 'Referred' },
  { value: 'closed', label: 'Closed' },
  { value: 'reopened', label: 'Reopened' },
] as const;

/** Which changes make sense from which status. */
const ALLOWED: Record<string, readonly CaseStatus[]> = {
  referred: ['open', 'reopened'],
  closed: ['open', 'referred', 'reopened'],
  reopened: ['closed'],
};

const fields: readonly FieldSpec[] = [
  { name: 'to', label: 'New status', type: 'radio', options: STATUS_TARGETS },
  { name: 'reason', label: 'Reason', type: 'textarea', maxLength: 4000 },
  {
    name: 'approver',
    label: 'Senior leader who will countersign the closure',
    type: 'account',
    roles: ['slt'],
    showIf: { field: 'to', equals: 'closed' },
    help: 'A case is closed only when a senior leader countersigns with their own passphrase.',
  },
];

export const statusChange: RecordKindDef = {
  kind: 'status-change',
  label: 'Status change',
  description: 'Mark the case referred, close it (a senior leader countersigns) or reopen it.',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: false,
  fields,
  schema: bodySchemaFromFields(fields),
  summary: (b) =>
    `Status changed to ${STATUS_TARGETS.find((t) => t.value === b.to)?.label ?? String(b.to)}`,
  check(b, ctx): Finding[] {
    const to = String(b.to);
    const from = ctx.facts.status;
    const out: Finding[] = [];
    if (from === 'closing') {
      out.push({
        rule: 'STATUS',
        status: 'blocks',
        stage: 'sign',
        message:
          'A closure is waiting for a senior leader to countersign. It must be countersigned before the status changes again.',
      });
    } else if (!(ALLOWED[to] ?? []).includes(from)) {
      out.push({
        rule: 'STATUS',
        status: 'blocks',
        stage: 'sign',
        message: `A case that is ${from} cannot be changed to ${to}.`,
      });
    }
    if (to === 'closed') out.push(...closureFindings(ctx.facts));
    return out;
  },
  countersignatures(b) {
    const approver = b.approver as { accountId: string } | undefined;
    return b.to === 'closed' && approver
      ? [
          {
            purpose: 'closure',
            accountId: approver.accountId,
            roles: ['slt'],
            statement:
              'As a senior leader I have reviewed this case and agree that it can be closed.',
          },
        ]
      : [];
  },
  reduce(facts, _env, b) {
    if (b.to === 'closed') facts.status = 'closing';
    else facts.status = b.to as CaseStatus;
  },
  onCountersigned(facts, _target, b, purpose) {
    if (b.to === 'closed' && purpose === 'closure' && facts.status === 'closing')
      facts.status = 'closed';
  },
};
