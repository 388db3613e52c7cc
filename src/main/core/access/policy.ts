// Who may read and write what ("Access and audit"): staff record concerns and read only
// their own records; senior leaders read the cases they take part in; the DSL and deputies read
// everything. Enforced here, in main, for every call — the renderer only hides what it cannot use.
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam, type Role } from '../../../shared/roles';
import type { Conn } from '../../db/sqlite';
import { caseExists, isCasePerson } from '../../db/repositories/cases';
import { signedInCase } from '../../db/repositories/records';

export type CaseAccess = 'full' | 'own-records' | 'none';

export async function caseAccess(
  conn: Conn,
  who: { id: string; role: Role },
  caseId: string,
): Promise<CaseAccess> {
  if (!(await caseExists(conn, caseId))) return 'none';
  if (isSafeguardingTeam(who.role)) return 'full';
  if (who.role === 'slt') {
    if (await isCasePerson(conn, caseId, who.id)) return 'full';
  }
  return (await signedInCase(conn, caseId, who.id)) ? 'own-records' : 'none';
}

/** Throws NOT_FOUND (never "forbidden": a refusal must not confirm that a case exists). */
export async function requireCaseAccess(
  conn: Conn,
  who: { id: string; role: Role },
  caseId: string,
  need: 'full' | 'any',
): Promise<CaseAccess> {
  const access = await caseAccess(conn, who, caseId);
  if (access === 'none' || (need === 'full' && access !== 'full'))
    throw new CaseSealError('NOT_FOUND');
  return access;
}
