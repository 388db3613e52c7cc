// showIfAccountRole (fields.ts): a field shown only for some roles of the account chosen in another
// field — "why the witness is not a senior leader" (R5) — is pruned by the renderer's form (which
// knows the roles) and kept by main's schema (which does not), so what is signed is what was shown.
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../../src/shared/records/fields';
import { accountRoleHolds, pruneBody } from '../../../src/shared/records/formSchema';
import { kindDef } from '../../../src/shared/records/registry';
import type { Role } from '../../../src/shared/roles';

const SLT = '11111111-1111-4111-8111-111111111111';
const STAFF = '22222222-2222-4222-8222-222222222222';
const roles: Record<string, Role> = { [SLT]: 'slt', [STAFF]: 'staff' };
const roleOf = (id: string) => roles[id];

const fields: readonly FieldSpec[] = [
  { name: 'witness', label: 'Witness', type: 'account', optional: true },
  {
    name: 'why',
    label: 'Why not a senior leader',
    type: 'textarea',
    optional: true,
    showIfAccountRole: { field: 'witness', notRoles: ['slt'] },
  },
  {
    name: 'onlySlt',
    label: 'Only for a senior leader',
    type: 'text',
    optional: true,
    showIfAccountRole: { field: 'witness', roles: ['slt'] },
  },
];

describe('showIfAccountRole', () => {
  it.each([
    ['a staff witness', STAFF, { why: true, onlySlt: false }],
    ['a senior leader witness', SLT, { why: false, onlySlt: true }],
    ['an unknown account', '33333333-3333-4333-8333-333333333333', { why: false, onlySlt: false }],
  ])('with %s, keeps exactly the fields its role shows', (_label, witnessId, kept) => {
    const body = {
      witness: { accountId: witnessId, name: 'X' },
      why: 'The head was teaching.',
      onlySlt: 'yes',
    };
    const out = pruneBody(fields, body, body, roleOf);
    expect('why' in out).toBe(kept.why);
    expect('onlySlt' in out).toBe(kept.onlySlt);
  });

  it('is false when no account is chosen', () => {
    expect(accountRoleHolds({ field: 'witness', notRoles: ['slt'] }, {}, {}, roleOf)).toBe(false);
    expect(pruneBody(fields, { why: 'x' }, { why: 'x' }, roleOf)).toEqual({});
  });

  it('without role lookups (main) keeps the field for the kind’s rules to judge', () => {
    const body = { witness: { accountId: SLT, name: 'X' }, why: 'kept' };
    expect(pruneBody(fields, body)).toEqual(body);
  });

  it('is on the viewing decision’s "why the witness is not a senior leader" (R5)', () => {
    const f = kindDef('viewing-decision')!.fields.find((x) => x.name === 'witnessNotSltReason');
    expect(f?.showIfAccountRole).toEqual({ field: 'witness', notRoles: ['slt'] });
    const viewer = kindDef('viewing-decision')!.fields.find((x) => x.name === 'viewer');
    expect(viewer?.type === 'account' && viewer.self).toBe(true);
  });
});
