// Pupils as signed records: register a pupil (quickly: a name and a year group are enough), correct
// them (a new signed record; the first stays), relate two pupils, link pupils to cases by role, link
// cases to each other, search pupils, and read a pupil's page. Each pupil has their own chain in the
// log (the envelope's caseId is the pupil's id). Access: the safeguarding team and senior leaders
// read pupils; what a pupil's page shows of a case follows the case's own access rule.
import { randomUUID } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam, type Role } from '../../../shared/roles';
import { kindDef } from '../../../shared/records/registry';
import { pupilDisplayName, type PupilSnapshot } from '../../../shared/records/kinds/pupilLink';
import type { PupilRole } from '../../../shared/pupils/roles';
import type { CasePupilsInfo, PupilDetail, PupilSummary } from '../../../shared/pupils/types';
import { ftsMatch, searchTokens } from '../../../shared/search/synonyms';
import type { Conn } from '../../db/sqlite';
import * as repo from '../../db/repositories/pupils';
import type { Session } from '../app/caseSealCore';
import type { SigningHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import { appendRecord, signedRecordFromRow } from '../log/recordLog';
import { caseFacts } from '../log/projections';
import { caseAccess, requireCaseAccess } from '../access/policy';
import {
  actorOf,
  sessionSigner,
  signIntoCase,
  validateBody,
  type SignResult,
} from '../cases/caseService';
import { pupilFromChain, snapshotFromBody } from './pupilProjection';

/** Pupils are read by those who can read cases at all (not staff: they record concerns only). */
export function mayReadPupils(role: Role): boolean {
  return isSafeguardingTeam(role) || role === 'slt';
}

/** Who may pick or quickly add pupils on the concern form (they sign the links into the case). */
export function mayLinkOnConcern(role: Role): boolean {
  return isSafeguardingTeam(role);
}

function requireReader(s: Session): void {
  if (!mayReadPupils(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
}

function requireTeam(s: Session): void {
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
}

export function summaryOf(row: repo.PupilRow): PupilSummary {
  return {
    id: row.id,
    legalName: row.legal_name,
    knownAs: row.known_as,
    yearGroup: row.year_group,
    tutorGroup: row.tutor_group,
    dateOfBirth: row.date_of_birth,
    upn: row.upn,
  };
}

/** Every way the school may look a pupil up: any name, the year group ("Year 9", "Y9", "9"), UPN. */
export function pupilSearchText(b: Record<string, unknown>): string {
  const year = String(b.yearGroup ?? '');
  const digits = /\d+/.exec(year)?.[0];
  return [
    b.legalName,
    b.knownAs,
    year,
    digits ? `Year ${digits} Y${digits}` : '',
    b.tutorGroup,
    b.upn,
  ]
    .filter((x) => typeof x === 'string' && x.length > 0)
    .join(' ');
}

function normalise(body: Record<string, unknown>): Record<string, unknown> {
  return typeof body.upn === 'string' ? { ...body, upn: body.upn.toUpperCase() } : body;
}

async function savePupilProjection(
  conn: Conn,
  pupilId: string,
  firstRecordId: string,
  createdAt: string,
  b: Record<string, unknown>,
  at: string,
): Promise<void> {
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  await repo.savePupil(
    conn,
    {
      id: pupilId,
      legal_name: String(b.legalName),
      known_as: str(b.knownAs),
      year_group: String(b.yearGroup),
      tutor_group: str(b.tutorGroup),
      date_of_birth: str(b.dateOfBirth),
      sex: str(b.sex),
      upn: str(b.upn),
      details: JSON.stringify(b),
      record_id: firstRecordId,
      created_at: createdAt,
      updated_at: at,
    },
    pupilSearchText(b),
  );
}

async function refuseDuplicateUpn(conn: Conn, upn: unknown, exceptId?: string): Promise<void> {
  if (typeof upn !== 'string') return;
  const hits = await repo.searchPupils(conn, ftsMatch([upn]), 5);
  if (hits.some((h) => h.upn === upn && h.id !== exceptId))
    throw new CaseSealError(
      'CONFLICT',
      'A pupil with this UPN is already recorded. Find them instead.',
    );
}

/** Signs a record into a pupil's own chain and audits it (in the caller's transaction). */
async function signIntoPupil(
  core: SigningHost,
  conn: Conn,
  s: Session,
  a: { pupilId: string; kind: string; body: Record<string, unknown>; subjectId?: string },
) {
  const { record } = await appendRecord(conn, {
    caseId: a.pupilId,
    kind: a.kind,
    body: a.body,
    ...sessionSigner(core, s),
    now: core.clock(),
    subjectId: a.subjectId ?? null,
  });
  await appendAudit(conn, {
    at: record.envelope.signedAt,
    actorId: s.account.id,
    action: 'record-signed',
    recordId: record.envelope.id,
    detail: { kind: a.kind, pupilId: a.pupilId },
  });
  return record;
}

/** Register a pupil (in the caller's transaction when `conn` is given: the concern form's quick add). */
export async function registerPupilIn(
  core: SigningHost,
  conn: Conn,
  body: unknown,
): Promise<{ pupilId: string; recordId: string }> {
  const s = core.requireSession();
  requireTeam(s);
  const clean = normalise(validateBody(kindDef('pupil')!, body));
  await refuseDuplicateUpn(conn, clean.upn);
  const pupilId = randomUUID();
  const record = await signIntoPupil(core, conn, s, { pupilId, kind: 'pupil', body: clean });
  const at = record.envelope.signedAt;
  await savePupilProjection(conn, pupilId, record.envelope.id, at, clean, at);
  return { pupilId, recordId: record.envelope.id };
}

export async function registerPupil(core: SigningHost, body: unknown) {
  core.requireSession();
  return core.requireDb().transaction((conn) => registerPupilIn(core, conn, body));
}

async function requirePupil(conn: Conn, pupilId: string): Promise<repo.PupilRow> {
  const row = await repo.getPupil(conn, pupilId);
  if (!row) throw new CaseSealError('NOT_FOUND');
  return row;
}

/** A correction of the pupil's details: a new signed record pointing at the first; it stays. */
export async function correctPupil(
  core: SigningHost,
  input: { pupilId: string; reason: string; corrected: unknown },
): Promise<{ recordId: string }> {
  const s = core.requireSession();
  requireTeam(s);
  const corrected = normalise(validateBody(kindDef('pupil')!, input.corrected));
  return core.requireDb().transaction(async (conn) => {
    const row = await requirePupil(conn, input.pupilId);
    await refuseDuplicateUpn(conn, corrected.upn, row.id);
    const chain = await repo.pupilChain(conn, row.id);
    const first = chain.find((r) => r.id === row.record_id)!;
    const body = validateBody(kindDef('correction')!, {
      correctsId: first.id,
      correctsHash: first.hash,
      reason: input.reason,
      corrected,
    });
    const record = await signIntoPupil(core, conn, s, {
      pupilId: row.id,
      kind: 'correction',
      body,
      subjectId: first.id,
    });
    await savePupilProjection(
      conn,
      row.id,
      row.record_id,
      row.created_at,
      corrected,
      record.envelope.signedAt,
    );
    return { recordId: record.envelope.id };
  });
}

/** Siblings, the same household or the same incident: shown on both pupils' pages. */
export async function relatePupils(
  core: SigningHost,
  input: { pupilId: string; otherPupilId: string; relation: string; note?: string },
): Promise<{ recordId: string }> {
  const s = core.requireSession();
  requireTeam(s);
  if (input.pupilId === input.otherPupilId)
    throw new CaseSealError('BAD_INPUT', 'Choose a different pupil.');
  return core.requireDb().transaction(async (conn) => {
    await requirePupil(conn, input.pupilId);
    const other = await requirePupil(conn, input.otherPupilId);
    const body = validateBody(kindDef('pupil-related')!, {
      otherPupilId: other.id,
      otherName: pupilDisplayName({ legalName: other.legal_name, knownAs: other.known_as }),
      relation: input.relation,
      ...(input.note ? { note: input.note } : {}),
    });
    const record = await signIntoPupil(core, conn, s, {
      pupilId: input.pupilId,
      kind: 'pupil-related',
      body,
    });
    await repo.addPupilRelation(conn, {
      pupilId: input.pupilId,
      otherPupilId: other.id,
      relation: String(body.relation),
      recordId: record.envelope.id,
    });
    return { recordId: record.envelope.id };
  });
}

/** Links a pupil to a case by role, signed into the case's chain (in the caller's transaction). */
export async function linkPupilIn(
  core: SigningHost,
  conn: Conn,
  input: { caseId: string; pupilId: string; role: PupilRole; childId?: string },
): Promise<SignResult> {
  const s = core.requireSession();
  requireTeam(s);
  await requireCaseAccess(conn, s.account, input.caseId, 'full');
  const pupil = await requirePupil(conn, input.pupilId);
  const facts = await caseFacts(conn, input.caseId);
  if (facts.status === 'closed')
    throw new CaseSealError('NOT_ALLOWED', 'This case is closed. Reopen it before adding records.');
  const links = (facts.pupilLinks as Array<{ pupilId: string; role: string }> | undefined) ?? [];
  if (links.some((l) => l.pupilId === pupil.id && l.role === input.role))
    throw new CaseSealError('CONFLICT', 'This pupil is already linked to the case in that role.');
  if (input.childId) {
    // Only a child named in the case's own words (not one added by another link).
    const named = facts.children.find((c) => c.id === input.childId && c.id !== c.pupilId);
    if (!named) throw new CaseSealError('BAD_INPUT', 'That child is not named on this case.');
  }
  // The details signed with the link come from the pupil's signed chain, not the projection.
  const current = pupilFromChain(await repo.pupilChain(conn, pupil.id));
  if (!current) throw new CaseSealError('NOT_FOUND');
  const snapshot: PupilSnapshot = snapshotFromBody(current);
  const body = validateBody(kindDef('pupil-linked')!, {
    pupilId: pupil.id,
    role: input.role,
    ...(input.childId ? { childId: input.childId } : {}),
    pupil: snapshot,
  });
  return signIntoCase(core, conn, {
    caseId: input.caseId,
    kind: 'pupil-linked',
    body,
    by: sessionSigner(core, s),
    actor: actorOf(s),
  });
}

export async function linkPupil(
  core: SigningHost,
  input: { caseId: string; pupilId: string; role: PupilRole; childId?: string },
): Promise<SignResult> {
  core.requireSession();
  return core.requireDb().transaction((conn) => linkPupilIn(core, conn, input));
}

export async function unlinkPupil(
  core: SigningHost,
  input: { caseId: string; pupilId: string; role: PupilRole; reason: string },
): Promise<SignResult> {
  const s = core.requireSession();
  requireTeam(s);
  return core.requireDb().transaction(async (conn) => {
    await requireCaseAccess(conn, s.account, input.caseId, 'full');
    const facts = await caseFacts(conn, input.caseId);
    const links = (facts.pupilLinks as Array<{ pupilId: string; role: string }> | undefined) ?? [];
    if (!links.some((l) => l.pupilId === input.pupilId && l.role === input.role))
      throw new CaseSealError('NOT_FOUND');
    const pupil = await requirePupil(conn, input.pupilId);
    const body = validateBody(kindDef('pupil-unlinked')!, {
      pupilId: pupil.id,
      name: pupilDisplayName({ legalName: pupil.legal_name, knownAs: pupil.known_as }),
      role: input.role,
      reason: input.reason,
    });
    return signIntoCase(core, conn, {
      caseId: input.caseId,
      kind: 'pupil-unlinked',
      body,
      by: sessionSigner(core, s),
      actor: actorOf(s),
    });
  });
}

/** Links two cases (the same incident, siblings, related); both must be readable in full. */
export async function linkCases(
  core: SigningHost,
  input: { caseId: string; otherRef: string; relation: string; note?: string },
): Promise<SignResult> {
  const s = core.requireSession();
  requireTeam(s);
  return core.requireDb().transaction(async (conn) => {
    await requireCaseAccess(conn, s.account, input.caseId, 'full');
    const other = await repo.caseByRef(conn, input.otherRef.trim().toUpperCase());
    if (!other) throw new CaseSealError('NOT_FOUND', 'No case has that reference.');
    await requireCaseAccess(conn, s.account, other.id, 'full');
    if (other.id === input.caseId) throw new CaseSealError('BAD_INPUT', 'Choose a different case.');
    const existing = await repo.relatedCases(conn, input.caseId);
    if (existing.some((r) => r.case_id === other.id))
      throw new CaseSealError('CONFLICT', 'These cases are already linked.');
    const facts = await caseFacts(conn, input.caseId);
    if (facts.status === 'closed')
      throw new CaseSealError(
        'NOT_ALLOWED',
        'This case is closed. Reopen it before adding records.',
      );
    const body = validateBody(kindDef('case-linked')!, {
      otherCaseId: other.id,
      otherRef: input.otherRef.trim().toUpperCase(),
      relation: input.relation,
      ...(input.note ? { note: input.note } : {}),
    });
    return signIntoCase(core, conn, {
      caseId: input.caseId,
      kind: 'case-linked',
      body,
      by: sessionSigner(core, s),
      actor: actorOf(s),
    });
  });
}

// ------------------------------------------------------------------ reads

export async function searchPupils(
  core: SigningHost,
  input: { query?: string; limit?: number },
): Promise<PupilSummary[]> {
  const s = core.requireSession();
  requireReader(s);
  const db = core.requireDb();
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const terms = searchTokens(input.query ?? '').slice(0, 12);
  return db.transaction(async (conn) => {
    const rows =
      terms.length === 0
        ? await repo.listPupils(conn, limit)
        : await repo.searchPupils(conn, ftsMatch(terms), limit);
    if (terms.length > 0)
      await appendAudit(conn, {
        at: core.clock().toISOString(),
        actorId: s.account.id,
        action: 'search',
        detail: { scope: 'pupils', query: terms.join(' '), results: rows.length },
      });
    return rows.map(summaryOf);
  });
}

/** The cases of a pupil this reader may read in full (others are left out without a trace). */
export async function visibleCasesOf(
  conn: Conn,
  s: Session,
  pupilId: string,
): Promise<Array<repo.PupilCaseRow & { roles: string[] }>> {
  const rows = await repo.casesOfPupil(conn, pupilId);
  const byCase = new Map<string, repo.PupilCaseRow & { roles: string[] }>();
  for (const r of rows) {
    const seen = byCase.get(r.case_id);
    if (seen) {
      seen.roles.push(r.role);
      continue;
    }
    if ((await caseAccess(conn, s.account, r.case_id)) !== 'full') continue;
    byCase.set(r.case_id, { ...r, roles: [r.role] });
  }
  return [...byCase.values()];
}

export async function getPupilDetail(core: SigningHost, pupilId: string): Promise<PupilDetail> {
  const s = core.requireSession();
  requireReader(s);
  return core.requireDb().transaction(async (conn) => {
    const row = await requirePupil(conn, pupilId);
    const rows = await repo.pupilChain(conn, pupilId);
    // The page shows the signed chain as corrected, never the search projection.
    const details = pupilFromChain(rows);
    if (!details) throw new CaseSealError('NOT_FOUND');
    const chain = rows.map(signedRecordFromRow);
    const history: PupilDetail['history'] = chain
      .filter((r) => r.envelope.kind === 'pupil' || r.envelope.kind === 'correction')
      .map((r) => ({
        recordId: r.envelope.id,
        kind: r.envelope.kind as 'pupil' | 'correction',
        signedAt: r.envelope.signedAt,
        signerName: r.envelope.signer.name,
        reason: r.envelope.kind === 'correction' ? String(r.envelope.body.reason) : null,
      }));
    const cases = await visibleCasesOf(conn, s, pupilId);
    const related = await repo.relatedPupils(conn, pupilId);
    await appendAudit(conn, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'pupil-viewed',
      detail: { pupilId },
    });
    return {
      ...summaryOf({
        ...row,
        legal_name: String(details.legalName),
        known_as: typeof details.knownAs === 'string' ? details.knownAs : null,
        year_group: String(details.yearGroup),
        tutor_group: typeof details.tutorGroup === 'string' ? details.tutorGroup : null,
        date_of_birth: typeof details.dateOfBirth === 'string' ? details.dateOfBirth : null,
        upn: typeof details.upn === 'string' ? details.upn : null,
      }),
      details,
      history,
      cases: cases.map((c) => ({
        caseId: c.case_id,
        ref: c.ref,
        title: c.title,
        status: c.status,
        roles: c.roles,
      })),
      related: related.map((r) => ({
        pupilId: r.pupil_id,
        name: pupilDisplayName({ legalName: r.legal_name, knownAs: r.known_as }),
        yearGroup: r.year_group,
        relation: r.relation,
      })),
    };
  });
}

/** The pupils linked to a case and the cases related to it (both sides), for its page. */
export async function casePupils(core: SigningHost, caseId: string): Promise<CasePupilsInfo> {
  const s = core.requireSession();
  return core.requireDb().transaction(async (conn) => {
    await requireCaseAccess(conn, s.account, caseId, 'full');
    const pupils = await repo.pupilsOfCase(conn, caseId);
    const related: CasePupilsInfo['related'] = [];
    for (const r of await repo.relatedCases(conn, caseId)) {
      if ((await caseAccess(conn, s.account, r.case_id)) !== 'full') continue;
      related.push({ caseId: r.case_id, ref: r.ref, title: r.title, relation: r.relation });
    }
    return {
      pupils: pupils.map((p) => ({
        pupilId: p.pupil_id,
        name: pupilDisplayName({ legalName: p.legal_name, knownAs: p.known_as }),
        yearGroup: p.year_group,
        role: p.role,
      })),
      related,
    };
  });
}
