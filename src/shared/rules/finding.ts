// A rule finding: which rule (R1..R18, or a checklist item), whether it is met, blocks signing or
// finalising, or needs a recorded reason — with the plain-English message the user sees.
import { CaseSealError } from '../errors';

export type FindingStatus = 'met' | 'blocks' | 'needs-reason' | 'advice';

export interface Finding {
  /** "R5", "R11", or a named check such as "CLOSE-REVIEW". */
  rule: string;
  status: FindingStatus;
  message: string;
  /** The form field the user should look at, when there is one (dotted path). */
  field?: string;
  /** 'sign': must be met before the author signs; 'finalise': before the record is final. */
  stage: 'sign' | 'finalise';
}

/** Findings that stop the given stage. 'needs-reason' blocks too: the reason must be written. */
export function blockingFindings(
  findings: readonly Finding[],
  stage: 'sign' | 'finalise',
): Finding[] {
  return findings.filter(
    (f) =>
      (f.status === 'blocks' || f.status === 'needs-reason') &&
      (stage === 'finalise' || f.stage === 'sign'),
  );
}

/**
 * The refusal main sends when blocking findings remain: every unmet rule in the message, and the
 * findings themselves in `detail.findings` for the form to show (docs/design.md).
 */
export function ruleBlockedError(
  blocking: readonly Finding[],
  stage: 'sign' | 'finalise',
): CaseSealError {
  return new CaseSealError(
    'RULE_BLOCKED',
    `This cannot be ${stage === 'sign' ? 'signed' : 'finalised'} yet: ${blocking.map((f) => `${f.rule}: ${f.message}`).join(' ')}`,
    {
      findings: blocking.map((f) => ({
        rule: f.rule,
        status: f.status,
        message: f.message,
        field: f.field ?? null,
      })),
    },
  );
}
