// Who may read and write what ("Access and audit"): staff record concerns and read only
// their own records; senior leaders read the cases they take part in; the DSL and deputies read
// everything. Enforced here, in main, for every call — the renderer only hides what it cannot use.
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam, type Role } from '../../../shared/roles';
import type { Conn } from '../../db/sqlite';

export type CaseAccess = 'full' | 'own-records' | 'none';

export async function caseAccess(
  conn: Conn,
  who: { id: string; role: Role },
  caseId: string,
): Promise<CaseAccess> {
  const exists = await conn.get<{ id: string }>('SELECT id FROM cases WHERE id = ?', [caseId]);
  if (!exists) return 'none';
  if (isSafeguardingTeam(who.role)) return 'full';
  if (who.role === 'slt') {
    const part = await conn.get(
      'SELECT 1 AS x FROM case_people WHERE case_id = ? AND account_id = ?',
      [caseId, who.id],
    );
    if (part) return 'full';
  }
  const own = await conn.get(
    'SELECT 1 AS x FROM records WHERE case_id = ? AND signer_id = ? LIMIT 1',
    [caseId, who.id],
  );
  return own ? 'own-records' : 'none';
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
