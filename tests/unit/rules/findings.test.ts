// Which findings stop a record being signed or finalised, the refusal the user then reads, and the
// closing checklist's countersignature item (R5, R15): each test names the bug it catches.
import { describe, expect, it } from 'vitest';
import { emptyFacts, type CaseFacts } from '../../../src/shared/records/facts';
import {
  blockingFindings,
  ruleBlockedError,
  type Finding,
} from '../../../src/shared/rules/finding';
import { closureFindings } from '../../../src/shared/rules/closure';

const f = (rule: string, status: Finding['status'], stage: Finding['stage'], field?: string) =>
  ({ rule, status, stage, message: `${rule} message`, ...(field ? { field } : {}) }) as Finding;

describe('blocking findings', () => {
  const all = [
    f('R1', 'met', 'sign'),
    f('R2', 'blocks', 'sign'),
    f('R3', 'needs-reason', 'sign'),
    f('R4', 'advice', 'sign'),
    f('R5', 'blocks', 'finalise'),
    f('R6', 'needs-reason', 'finalise'),
  ];

  it('bug: a missing reason (needs-reason) let through at signing, or a finalise-stage rule blocking the author', () => {
    expect(blockingFindings(all, 'sign').map((x) => x.rule)).toEqual(['R2', 'R3']);
  });

  it('bug: a rule due at finalising (R5: the witness) skipped when the record is finalised', () => {
    expect(blockingFindings(all, 'finalise').map((x) => x.rule)).toEqual(['R2', 'R3', 'R5', 'R6']);
  });

  it('advice and met findings never block', () => {
    expect(
      blockingFindings([f('R4', 'advice', 'sign'), f('R1', 'met', 'finalise')], 'finalise'),
    ).toEqual([]);
  });
});

describe('the refusal when rules are unmet', () => {
  it('names every unmet rule in plain words, and says whether signing or finalising was refused', () => {
    const blocking = [f('R3', 'blocks', 'sign', 'seniorLeader'), f('R6', 'needs-reason', 'sign')];
    const signErr = ruleBlockedError(blocking, 'sign');
    expect(signErr.code).toBe('RULE_BLOCKED');
    expect(signErr.message).toBe('This cannot be signed yet: R3: R3 message R6: R6 message');
    expect(signErr.detail).toEqual({
      findings: [
        { rule: 'R3', status: 'blocks', message: 'R3 message', field: 'seniorLeader' },
        { rule: 'R6', status: 'needs-reason', message: 'R6 message', field: null },
      ],
    });
    expect(ruleBlockedError(blocking, 'finalise').message).toMatch(
      /^This cannot be finalised yet: /,
    );
  });
});

describe('closing checklist: countersignatures (R5)', () => {
  const facts = (extra: Partial<CaseFacts> = {}): CaseFacts => ({
    ...emptyFacts('33333333-3333-4333-8333-333333333333'),
    status: 'open',
    ...extra,
  });

  it('attack: closing a case while a record still waits for its countersignature', () => {
    const pending = {
      purpose: 'witness',
      statement: 'I witnessed',
      recordId: 'r1',
      kind: 'viewing-decision',
      requestedAt: '2026-12-01T10:00:00.000Z',
      authorId: 'dsl',
    };
    const item = closureFindings(
      facts({ pendingCountersignatures: [pending, { ...pending, recordId: 'r2' }] }),
    ).find((x) => x.rule === 'CLOSE-COUNTERSIGN');
    expect(item).toEqual({
      rule: 'CLOSE-COUNTERSIGN',
      status: 'blocks',
      stage: 'sign',
      message: '2 record(s) still wait for a countersignature.',
    });
  });

  it('with nothing waiting the item is met, with a message saying so', () => {
    const item = closureFindings(facts()).find((x) => x.rule === 'CLOSE-COUNTERSIGN');
    expect(item).toEqual({
      rule: 'CLOSE-COUNTERSIGN',
      status: 'met',
      stage: 'sign',
      message: 'No record is waiting for a countersignature.',
    });
  });
});
