// The school's own kinds of incident: listed for the safeguarding team and senior leaders (they read
// cases that name them); added and retired only by the DSL or a deputy, each a signed audit entry.
// A kind is never deleted and never renamed: a case that names it must keep meaning the same thing
// (records are evidence), so a kind no longer wanted is retired — kept, but not offered again.
import { randomBytes } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
import {
  SCHOOL_KIND_PATTERN,
  categoryKey,
  categoryNameProblem,
  tidyCategoryName,
  type IncidentCategory,
  type IncidentCategoryInfo,
} from '../../../shared/incidentCategories';
import {
  casesUsingCategory,
  getCategory,
  insertCategory,
  labelKeyTaken,
  listCategories,
  retireCategory as retireRow,
} from '../../db/repositories/incidentCategories';
import type { Conn } from '../../db/sqlite';
import type { SessionHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import { assertNoImagery } from '../guard/textBoundary';

/** Who may read the list: whoever may read cases (the team and senior leaders). */
function requireReader(core: SessionHost) {
  const s = core.requireSession();
  if (!s.vaultOpen || (!isSafeguardingTeam(s.account.role) && s.account.role !== 'slt'))
    throw new CaseSealError('NOT_ALLOWED');
  return s;
}

/** Only the DSL and deputies shape the school's list (the same people who open cases). */
function requireTeam(core: SessionHost) {
  const s = core.requireSession();
  if (!s.vaultOpen || !isSafeguardingTeam(s.account.role))
    throw new CaseSealError(
      'NOT_ALLOWED',
      'Only the DSL or a deputy DSL can change the kinds of incident.',
    );
  return s;
}

export async function listIncidentCategories(core: SessionHost): Promise<IncidentCategoryInfo[]> {
  requireReader(core);
  return core.requireDb().exclusive(async (conn) => {
    const all = await listCategories(conn);
    const out: IncidentCategoryInfo[] = [];
    for (const c of all) out.push({ ...c, casesUsing: await casesUsingCategory(conn, c.id) });
    return out;
  });
}

export async function addIncidentCategory(
  core: SessionHost,
  input: { label: string },
): Promise<IncidentCategory> {
  const s = requireTeam(core);
  assertNoImagery(input.label, 'label');
  const label = tidyCategoryName(input.label);
  return core.requireDb().transaction(async (conn) => {
    const problem = categoryNameProblem(label, await listCategories(conn));
    if (problem) throw new CaseSealError('BAD_INPUT', `${problem}.`);
    const key = categoryKey(label);
    // The UNIQUE index is the last word (two writers at once): a clear message, not a SQL one.
    if (await labelKeyTaken(conn, key))
      throw new CaseSealError('CONFLICT', `“${label}” has already been added.`);
    const at = core.clock().toISOString();
    const id = `school-${randomBytes(4).toString('hex')}`;
    await insertCategory(conn, { id, label, labelKey: key, addedBy: s.account.id, addedAt: at });
    await appendAudit(conn, {
      at,
      actorId: s.account.id,
      action: 'category-added',
      detail: { id, label },
    });
    return { id, label, addedAt: at, retiredAt: null };
  });
}

export async function retireIncidentCategory(
  core: SessionHost,
  input: { id: string },
): Promise<IncidentCategory> {
  const s = requireTeam(core);
  if (!SCHOOL_KIND_PATTERN.test(input.id))
    throw new CaseSealError(
      'BAD_INPUT',
      'Only a kind of incident the school added can be retired.',
    );
  return core.requireDb().transaction(async (conn) => {
    const c = await getCategory(conn, input.id);
    if (!c) throw new CaseSealError('NOT_FOUND');
    if (c.retiredAt) throw new CaseSealError('CONFLICT', `“${c.label}” is already retired.`);
    const at = core.clock().toISOString();
    await retireRow(conn, c.id, s.account.id, at);
    await appendAudit(conn, {
      at,
      actorId: s.account.id,
      action: 'category-retired',
      detail: { id: c.id, label: c.label },
    });
    return { ...c, retiredAt: at };
  });
}

/**
 * For a case-opened body naming one of the school's own kinds: the kind must exist and, for a new
 * case, not be retired; main then signs its name into the record (`incidentKindLabel`) so the record
 * says what it meant without the table. A built-in kind carries no label from the form.
 */
export async function resolveIncidentKind(
  conn: Conn,
  body: Record<string, unknown>,
  opts: { allowRetired?: string } = {},
): Promise<Record<string, unknown>> {
  const { incidentKindLabel: _fromForm, ...rest } = body;
  const kind = rest.incidentKind;
  if (typeof kind !== 'string' || !SCHOOL_KIND_PATTERN.test(kind)) return rest;
  const c = await getCategory(conn, kind);
  if (!c || (c.retiredAt && opts.allowRetired !== kind))
    throw new CaseSealError('BAD_INPUT', 'Choose a kind of incident from the list.');
  return { ...rest, incidentKindLabel: c.label };
}
