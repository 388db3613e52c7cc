// The audit trail screen names every action in plain words: an action added to the trail without a
// label would show its code ("dsl-appointed-with-recovery-key") to the DSL.
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../src/main/core/audit/auditLog';
import { ACTION_LABELS } from '../../../src/renderer/src/screens/auditActionLabels';

describe('audit action labels', () => {
  it.each(AUDIT_ACTIONS.map((a) => [a]))('"%s" has a label in plain words', (action) => {
    const label = ACTION_LABELS[action];
    expect(label, action).toBeTruthy();
    expect(label).not.toBe(action);
    expect(label).not.toMatch(/^[a-z]+(-[a-z]+)+$/);
  });

  it('labels no action that the trail does not have (a renamed action leaves no stale label)', () => {
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
