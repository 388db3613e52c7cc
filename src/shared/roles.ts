// The four roles of docs/rules.md ("People") and what each may do, as data used by main and renderer.

export const ROLES = ['dsl', 'deputy', 'slt', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  dsl: 'Designated Safeguarding Lead',
  deputy: 'Deputy DSL',
  slt: 'Senior leader',
  staff: 'Staff',
};

/** The safeguarding team: may read every case and manage the log (docs/rules.md, People). */
export function isSafeguardingTeam(role: Role): boolean {
  return role === 'dsl' || role === 'deputy';
}

/**
 * Least privilege: only the people who must read cases hold the vault key (DSL, deputies, senior
 * leaders). Staff record concerns sealed to the team and cannot decrypt the vault.
 */
export function mayDecryptVault(role: Role): boolean {
  return role === 'dsl' || role === 'deputy' || role === 'slt';
}

/** Only a DSL holds the school key and manages accounts. */
export function managesAccounts(role: Role): boolean {
  return role === 'dsl';
}
