// A pupil's chronology across every case they are linked to, and a case's own chronology: one
// time-ordered list of signed records, filtered by kind and date, each with who signed it. What a
// reader sees of a case follows the case's access rule (a senior leader not on a case sees nothing
// of it here either); each case read this way is audited as a case view.
import { CaseSealError } from '../../../shared/errors';
import { buildChronology, type ChronologyEntry } from '../../../shared/pupils/chronology';
import { ukLocalToUtc } from '../../../shared/ukTime';
import type { Conn } from '../../db/sqlite';
import * as repo from '../../db/repositories/pupils';
import type { Session } from '../app/caseSealCore';
import type { SessionHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import { requireCaseAccess } from '../access/policy';
import { signedRecordFromRow } from '../log/recordLog';
import { mayReadPupils, visibleCasesOf } from './pupilService';

export interface ChronologyQuery {
  kinds?: string[];
  /** UK dates "YYYY-MM-DD", inclusive. */
  from?: string;
  to?: string;
}

/** The UTC bounds of UK dates: from the start of `from` to the end of `to` (UK wall clock). */
function bounds(q: ChronologyQuery): repo.ChronologyFilter {
  const next = (d: string) => {
    const t = new Date(`${d}T12:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  };
  return {
    ...(q.kinds && q.kinds.length > 0 ? { kinds: q.kinds } : {}),
    ...(q.from ? { from: ukLocalToUtc(`${q.from}T00:00`) } : {}),
    ...(q.to ? { to: ukLocalToUtc(`${next(q.to)}T00:00`) } : {}),
  };
}

async function entriesOf(
  conn: Conn,
  chainIds: string[],
  refs: Map<string, string>,
  q: ChronologyQuery,
): Promise<ChronologyEntry[]> {
  const f = bounds(q);
  const rows = await repo.chronologyRecords(conn, chainIds, f);
  // Corrections and countersignatures annotate their target even when a filter leaves them out.
  const extra =
    f.kinds || f.from || f.to
      ? (
          await repo.chronologyRecords(conn, chainIds, {
            kinds: ['correction', 'countersignature'],
          })
        ).filter((r) => !rows.some((x) => x.id === r.id))
      : [];
  const all = [...rows, ...extra].map(signedRecordFromRow);
  const shown = new Set(rows.map((r) => r.id));
  return buildChronology(
    all.map((r) => ({ envelope: r.envelope, hash: r.hash })),
    refs,
  ).filter((e) => shown.has(e.recordId));
}

async function auditCaseReads(
  core: SessionHost,
  conn: Conn,
  s: Session,
  caseIds: string[],
  detail: Record<string, unknown>,
): Promise<void> {
  for (const caseId of caseIds)
    await appendAudit(conn, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'case-viewed',
      caseId,
      detail: { access: 'full', ...detail },
    });
}

export interface PupilChronology {
  pupilId: string;
  name: string;
  cases: Array<{ caseId: string; ref: string; title: string; roles: string[] }>;
  entries: ChronologyEntry[];
}

/** Reads in the caller's transaction (the PDF reuses it); audits each case read. */
export async function pupilChronologyIn(
  core: SessionHost,
  conn: Conn,
  s: Session,
  input: ChronologyQuery & { pupilId: string; caseId?: string },
  via: string,
): Promise<PupilChronology> {
  if (!mayReadPupils(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const pupil = await repo.getPupil(conn, input.pupilId);
  if (!pupil) throw new CaseSealError('NOT_FOUND');
  let cases = await visibleCasesOf(conn, s, pupil.id);
  if (input.caseId) {
    // A case filter never widens access: a case this reader may not read is simply not found.
    cases = cases.filter((c) => c.case_id === input.caseId);
    if (cases.length === 0) throw new CaseSealError('NOT_FOUND');
  }
  const refs = new Map(cases.map((c) => [c.case_id, c.ref]));
  const chains = input.caseId ? cases.map((c) => c.case_id) : [pupil.id, ...refs.keys()];
  const entries = await entriesOf(conn, chains, refs, input);
  await auditCaseReads(core, conn, s, [...refs.keys()], { via, pupilId: pupil.id });
  return {
    pupilId: pupil.id,
    name: pupil.known_as ? `${pupil.legal_name} (${pupil.known_as})` : pupil.legal_name,
    cases: cases.map((c) => ({ caseId: c.case_id, ref: c.ref, title: c.title, roles: c.roles })),
    entries,
  };
}

export async function pupilChronology(
  core: SessionHost,
  input: ChronologyQuery & { pupilId: string; caseId?: string },
): Promise<PupilChronology> {
  const s = core.requireSession();
  return core
    .requireDb()
    .transaction((conn) => pupilChronologyIn(core, conn, s, input, 'pupil-chronology'));
}

export interface CaseChronology {
  caseId: string;
  ref: string;
  title: string;
  entries: ChronologyEntry[];
}

/** A case's own chronology, for reading in full only (the printed form is for meetings). */
export async function caseChronologyIn(
  core: SessionHost,
  conn: Conn,
  s: Session,
  caseId: string,
): Promise<CaseChronology> {
  await requireCaseAccess(conn, s.account, caseId, 'full');
  const [head] = await repo.caseHeads(conn, [caseId]);
  if (!head) throw new CaseSealError('NOT_FOUND');
  const entries = await entriesOf(conn, [caseId], new Map([[caseId, head.ref]]), {});
  return { caseId, ref: head.ref, title: head.title, entries };
}
