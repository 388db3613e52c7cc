// Cases and their records: open a case, record a concern, add any record kind, correct,
// countersign, read the chronology, list and search. Every write is validated with the kind's
// schema, checked for imagery (R2), checked against the kind's rules and signed in main.
import { randomUUID } from 'node:crypto';
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
import type { Envelope, SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts } from '../../../shared/records/facts';
import type { AccountSummary, CheckContext, RecordKindDef } from '../../../shared/records/kindDef';
import { kindDef } from '../../../shared/records/registry';
import { pruneBody } from '../../../shared/records/formSchema';
import { blockingFindings, ruleBlockedError, type Finding } from '../../../shared/rules/finding';
import type { Conn } from '../../db/sqlite';
import type { Session } from '../app/caseSealCore';
import type { CountersignHost, SearchHost, SigningHost } from '../app/serviceHost';
import { appendAudit } from '../audit/auditLog';
import { listAccounts } from '../../db/repositories/accounts';
import { resolveIncidentKind } from '../categories/categoryService';
import { assertNoImagery } from '../guard/textBoundary';
import { appendRecord, readCaseRecords, readRecord } from '../log/recordLog';
import { caseFacts, refreshCaseProjection } from '../log/projections';
import { requireCaseAccess, type CaseAccess } from '../access/policy';
import type { KeyObject } from 'node:crypto';
import { searchIndex, type SearchScope } from '../../db/repositories/search';
import { nextCounter } from '../../db/repositories/counters';
import {
  getCaseRow,
  insertCase,
  listCasePage,
  caseIdsTakingPart,
  type CaseDbRow,
  type CaseListScope,
} from '../../db/repositories/cases';
import type { Signer } from '../../../shared/records/envelope';
import { ftsMatch } from '../../../shared/search/synonyms';

export interface SignResult {
  record: SignedRecord;
  caseId: string;
  /** Shown to the user: e.g. the computer's clock looks wrong. */
  warnings: string[];
  findings: Finding[];
}

async function nextCaseRef(conn: Conn, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const name = `case-ref-${year}`;
  return `C-${year}-${String(await nextCounter(conn, name)).padStart(4, '0')}`;
}

/** Replace the name in every {accountId, name} with the account's real name; refuse unknown or disabled accounts. */
function resolveAccountRefs(value: unknown, accounts: ReadonlyMap<string, AccountSummary>): void {
  if (Array.isArray(value)) value.forEach((v) => resolveAccountRefs(v, accounts));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.accountId === 'string') {
      const a = accounts.get(o.accountId);
      if (!a || !a.active)
        throw new CaseSealError(
          'BAD_INPUT',
          'A person chosen on the form does not have an active account.',
        );
      o.name = a.name;
    }
    Object.values(o).forEach((v) => resolveAccountRefs(v, accounts));
  }
}

export function validateBody(def: RecordKindDef, raw: unknown): Record<string, unknown> {
  // R2 first: imagery is refused before anything else looks at the payload.
  assertNoImagery(raw);
  const pruned =
    def.kind === 'correction' || def.kind === 'countersignature' ? raw : pruneBody(def.fields, raw);
  const res = def.schema.safeParse(pruned);
  if (!res.success) {
    const first = res.error.issues[0];
    throw new CaseSealError('BAD_INPUT', first ? `${first.message}` : undefined, {
      issues: res.error.issues
        .slice(0, 20)
        .map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return res.data;
}

export interface PreparedSigner {
  signer: Signer;
  privateKey: KeyObject;
}

export function sessionSigner(core: Pick<SigningHost, 'signerOf'>, s: Session): PreparedSigner {
  return { signer: core.signerOf(s), privateKey: s.privateKey };
}

/**
 * The one way anything is signed into a case: validate, check rules, append, refresh projections,
 * audit — all in one transaction. `findings` that block the 'sign' stage refuse the record.
 */
export async function signIntoCase(
  core: { clock: () => Date },
  conn: Conn,
  args: {
    caseId: string;
    kind: string;
    body: Record<string, unknown>;
    by: PreparedSigner;
    actor: AccountSummary;
    subjectId?: string | null;
    skipRules?: boolean;
  },
): Promise<SignResult> {
  const def = kindDef(args.kind);
  if (!def) throw new CaseSealError('BAD_INPUT', 'Unknown record kind.');
  const accounts = (await listAccounts(conn)).map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    active: a.active,
  }));
  resolveAccountRefs(args.body, new Map(accounts.map((a) => [a.id, a])));
  const now = core.clock();
  // The case's facts are derived from all its records: only when this kind's rules need them
  // (an export record, say, has none), so a long case is not read twice for one signature.
  const findings =
    def.check && !args.skipRules
      ? def.check(args.body, {
          actor: args.actor,
          accounts,
          facts: await caseFacts(conn, args.caseId),
          now: now.toISOString(),
        } satisfies CheckContext)
      : [];
  const blocking = blockingFindings(findings, 'sign');
  if (blocking.length > 0) {
    throw ruleBlockedError(blocking, 'sign');
  }
  const { record, clockAnomaly } = await appendRecord(conn, {
    caseId: args.caseId,
    kind: args.kind,
    body: args.body,
    signer: args.by.signer,
    privateKey: args.by.privateKey,
    now,
    subjectId: args.subjectId ?? null,
  });
  await refreshCaseProjection(conn, args.caseId, now.toISOString());
  await appendAudit(conn, {
    at: now.toISOString(),
    actorId: args.by.signer.accountId,
    action: 'record-signed',
    caseId: args.caseId,
    recordId: record.envelope.id,
    detail: { kind: args.kind },
    signWith: { keyId: args.by.signer.keyId, privateKey: args.by.privateKey },
  });
  const warnings: string[] = [];
  if (clockAnomaly) {
    // , "The clock": the record is saved, the anomaly recorded, and the DSL warned.
    await appendAudit(conn, {
      at: now.toISOString(),
      actorId: args.by.signer.accountId,
      action: 'clock-anomaly',
      caseId: args.caseId,
      recordId: record.envelope.id,
      signWith: { keyId: args.by.signer.keyId, privateKey: args.by.privateKey },
      detail: { recordTime: record.envelope.signedAt, lastRecordTime: clockAnomaly.lastSignedAt },
    });
    warnings.push(
      'This computer’s clock is earlier than the time of the last record in the log. The record was saved, and the clock problem has been recorded for the DSL. Ask school IT to check the clock.',
    );
  }
  return { record, caseId: args.caseId, warnings, findings };
}

export function actorOf(s: Session): AccountSummary {
  return { id: s.account.id, name: s.account.name, role: s.account.role, active: true };
}

/** Role first (NOT_ALLOWED), then the case (NOT_FOUND, never confirming it exists), then closed. */
export async function assertMayCreate(
  conn: Conn,
  s: Session,
  def: RecordKindDef,
  caseId: string,
): Promise<CaseFacts> {
  if (!def.mayCreate.includes(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  await requireCaseAccess(conn, s.account, caseId, 'full');
  const facts = await caseFacts(conn, caseId);
  if (facts.status === 'closed' && !(def.kind === 'status-change' || def.kind === 'export')) {
    throw new CaseSealError(
      'NOT_ALLOWED',
      'This case is closed. Reopen it (a status change) before adding records.',
    );
  }
  return facts;
}

// ------------------------------------------------------------------ writes

/** A case waiting for the DSL's review, started by a concern (typed here or sealed by staff). */
export async function createConcernCase(
  conn: Conn,
  c: { id: string; createdBy: string; at: string; now: Date },
): Promise<string> {
  await insertCase(conn, {
    id: c.id,
    ref: await nextCaseRef(conn, c.now),
    status: 'concern',
    title: 'Concern',
    createdAt: c.at,
    createdBy: c.createdBy,
    updatedAt: c.now.toISOString(),
  });
  return c.id;
}

/**
 * Anyone records a concern; from staff it starts its own case, waiting for the DSL.
 * `then` runs in the same transaction once the concern is signed (the pupils picked on the form).
 */
export async function recordConcern(
  core: SigningHost,
  body: unknown,
  then?: (conn: Conn, caseId: string) => Promise<void>,
): Promise<SignResult> {
  const s = core.requireSession();
  const def = kindDef('concern')!;
  const clean = validateBody(def, body);
  const db = core.requireDb();
  return db.transaction(async (conn) => {
    const now = core.clock();
    const caseId = await createConcernCase(conn, {
      id: randomUUID(),
      createdBy: s.account.id,
      at: now.toISOString(),
      now,
    });
    const signed = await signIntoCase(core, conn, {
      caseId,
      kind: 'concern',
      body: clean,
      by: sessionSigner(core, s),
      actor: actorOf(s),
    });
    await then?.(conn, caseId);
    return signed;
  });
}

/** The DSL or a deputy opens a case — new, or from a staff concern (that case's own log continues). */
export async function openCase(
  core: SigningHost,
  input: { fromCaseId?: string; details: unknown },
): Promise<SignResult> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role)) throw new CaseSealError('NOT_ALLOWED');
  const def = kindDef('case-opened')!;
  const valid = validateBody(def, input.details);
  const db = core.requireDb();
  return db.transaction(async (conn) => {
    // The school's own kind of incident: it must exist and not be retired; main signs its name in.
    const clean = await resolveIncidentKind(conn, valid);
    const now = core.clock();
    let caseId = input.fromCaseId;
    if (caseId) {
      await requireCaseAccess(conn, s.account, caseId, 'full');
      const facts = await caseFacts(conn, caseId);
      if (facts.status !== 'concern')
        throw new CaseSealError('CONFLICT', 'A case has already been opened from this concern.');
    } else {
      caseId = randomUUID();
      await insertCase(conn, {
        id: caseId,
        ref: await nextCaseRef(conn, now),
        status: 'open',
        title: 'Untitled',
        createdAt: now.toISOString(),
        createdBy: s.account.id,
        updatedAt: now.toISOString(),
      });
    }
    return signIntoCase(core, conn, {
      caseId,
      kind: 'case-opened',
      body: clean,
      by: sessionSigner(core, s),
      actor: actorOf(s),
    });
  });
}

/** Any user-form record kind onto a case the author may write to. */
export async function addRecord(
  core: SigningHost,
  input: { caseId: string; kind: string; body: unknown },
): Promise<SignResult> {
  const s = core.requireSession();
  const def = kindDef(input.kind);
  if (!def || !def.userForm)
    throw new CaseSealError('BAD_INPUT', 'That kind of record cannot be added this way.');
  const clean = validateBody(def, input.body);
  const db = core.requireDb();
  return db.transaction(async (conn) => {
    await assertMayCreate(conn, s, def, input.caseId);
    return signIntoCase(core, conn, {
      caseId: input.caseId,
      kind: def.kind,
      body: clean,
      by: sessionSigner(core, s),
      actor: actorOf(s),
    });
  });
}

/** A correction points at one earlier record; the original stays, shown "corrected by …". */
export async function correctRecord(
  core: SigningHost,
  input: { recordId: string; reason: string; corrected: unknown },
): Promise<SignResult> {
  const s = core.requireSession();
  const db = core.requireDb();
  assertNoImagery(input);
  return db.transaction(async (conn) => {
    const target = await readRecord(conn, input.recordId);
    if (!target) throw new CaseSealError('NOT_FOUND');
    const access = await requireCaseAccess(conn, s.account, target.envelope.caseId, 'any');
    const targetDef = kindDef(target.envelope.kind);
    if (!targetDef?.correctable)
      throw new CaseSealError(
        'NOT_ALLOWED',
        'This kind of record cannot be corrected; add a new record instead.',
      );
    // Authors correct their own records; the safeguarding team may correct any.
    if (target.envelope.signer.accountId !== s.account.id && !isSafeguardingTeam(s.account.role))
      throw new CaseSealError('NOT_ALLOWED');
    if (access !== 'full' && target.envelope.signer.accountId !== s.account.id)
      throw new CaseSealError('NOT_FOUND');
    let corrected = validateBody(targetDef, input.corrected);
    if (targetDef.kind === 'case-opened') {
      // A correction may keep a kind of incident the school has since retired, never pick one.
      const was = target.envelope.body.incidentKind;
      corrected = await resolveIncidentKind(conn, corrected, {
        ...(typeof was === 'string' ? { allowRetired: was } : {}),
      });
    }
    await refuseNewRuleBreaks(
      core,
      conn,
      s,
      targetDef,
      target.envelope.caseId,
      target.envelope.id,
      corrected,
    );
    const body = validateBody(kindDef('correction')!, {
      correctsId: target.envelope.id,
      correctsHash: target.hash,
      reason: input.reason,
      corrected,
    });
    return signIntoCase(core, conn, {
      caseId: target.envelope.caseId,
      kind: 'correction',
      body,
      by: sessionSigner(core, s),
      actor: actorOf(s),
      subjectId: target.envelope.id,
    });
  });
}

/**
 * A correction must not make a record break a rule it met (e.g. remove the R13 reasons for not
 * informing parents). The kind's rules are evaluated on the record as it stands and as corrected,
 * in today's case context; only findings that block the corrected version and not the current one
 * refuse the correction — state-based findings (custody has ended since, a later record exists)
 * block both and so never stop a genuine correction.
 */
async function refuseNewRuleBreaks(
  core: SigningHost,
  conn: Conn,
  s: Session,
  def: RecordKindDef,
  caseId: string,
  recordId: string,
  corrected: Record<string, unknown>,
): Promise<void> {
  if (!def.check) return;
  const facts = await caseFacts(conn, caseId);
  const accounts = (await listAccounts(conn)).map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    active: a.active,
  }));
  resolveAccountRefs(corrected, new Map(accounts.map((a) => [a.id, a])));
  const ctx: CheckContext = { actor: actorOf(s), accounts, facts, now: core.clock().toISOString() };
  const key = (f: Finding) => `${f.rule}|${f.field ?? ''}`;
  const current = facts.effective[recordId] ?? {};
  const before = new Set(blockingFindings(def.check(current, ctx), 'sign').map(key));
  const introduced = blockingFindings(def.check(corrected, ctx), 'sign').filter(
    (f) => !before.has(key(f)),
  );
  if (introduced.length > 0) throw ruleBlockedError(introduced, 'sign');
}

/**
 * A second person countersigns a record that asks for it, with their own passphrase (R5 and
 * , "Countersignatures"). Their signature covers the record's hash.
 */
export async function countersign(
  core: CountersignHost,
  input: { recordId: string; purpose: string; accountId: string; passphrase: string },
): Promise<SignResult> {
  const s = core.requireSession();
  const db = core.requireDb();
  // Look the request up first so that a bad request costs no passphrase attempt.
  const { target, requirement } = await db.exclusive(async (conn) => {
    const target = await readRecord(conn, input.recordId);
    if (!target) throw new CaseSealError('NOT_FOUND');
    await requireCaseAccess(conn, s.account, target.envelope.caseId, 'full');
    const facts = await caseFacts(conn, target.envelope.caseId);
    const requirement = facts.pendingCountersignatures.find(
      (p) => p.recordId === target.envelope.id && p.purpose === input.purpose,
    );
    return { target, requirement };
  });
  if (!requirement)
    throw new CaseSealError('CONFLICT', 'This record is not waiting for that countersignature.');
  if (target.envelope.signer.accountId === input.accountId)
    throw new CaseSealError(
      'NOT_ALLOWED',
      'The author of a record cannot countersign it: a second person must.',
    );
  if (requirement.accountId && requirement.accountId !== input.accountId) {
    throw new CaseSealError(
      'NOT_ALLOWED',
      'This record names a different person to countersign it.',
    );
  }
  // (R2, R5): refused before the passphrase is tried, so a refusal costs no attempt.
  await db.exclusive((conn) =>
    assertCountersignAllowed(core, conn, target, input.purpose, input.accountId),
  );
  const other = await core.authenticateOther(input.accountId, input.passphrase);
  if (
    requirement.roles &&
    !requirement.accountId &&
    !requirement.roles.includes(other.account.role)
  ) {
    throw new CaseSealError('NOT_ALLOWED', 'That person’s role cannot give this countersignature.');
  }
  return db.transaction(async (conn) => {
    // Re-check inside the transaction: another countersignature may have landed meanwhile.
    const facts = await caseFacts(conn, target.envelope.caseId);
    if (
      !facts.pendingCountersignatures.some(
        (p) => p.recordId === target.envelope.id && p.purpose === input.purpose,
      )
    ) {
      throw new CaseSealError('CONFLICT', 'This record has already been countersigned.');
    }
    await assertCountersignAllowed(core, conn, target, input.purpose, other.account.id);
    const def = kindDef('countersignature')!;
    const body = validateBody(def, {
      recordId: target.envelope.id,
      recordHash: target.hash,
      purpose: input.purpose,
      statement: requirement.statement,
    });
    const by: PreparedSigner = {
      signer: {
        accountId: other.account.id,
        name: other.account.name,
        role: other.account.role,
        keyId: other.keyId,
      },
      privateKey: other.privateKey,
    };
    const result = await signIntoCase(core, conn, {
      caseId: target.envelope.caseId,
      kind: 'countersignature',
      body,
      by,
      actor: actorOf(s),
      subjectId: target.envelope.id,
    });
    return result;
  });
}

/**
 * a kind may refuse a countersignature while rules of its 'finalise' stage remain unmet —
 * the witness's countersignature finalises a viewing decision only if no copy lacks the police's
 * advice (R2) and the countersigner is the named witness (R5). Lists the unmet rules.
 */
async function assertCountersignAllowed(
  core: SigningHost,
  conn: Conn,
  target: SignedRecord,
  purpose: string,
  countersignerId: string,
): Promise<void> {
  const def = kindDef(target.envelope.kind);
  if (!def?.beforeCountersign) return;
  const accounts = (await listAccounts(conn)).map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    active: a.active,
  }));
  const actor = accounts.find((a) => a.id === countersignerId);
  if (!actor) return; // an unknown account is refused by authenticateOther
  const facts = await caseFacts(conn, target.envelope.caseId);
  const body = facts.effective[target.envelope.id] ?? target.envelope.body;
  const blocking = blockingFindings(
    def.beforeCountersign(
      body,
      purpose,
      { actor, accounts, facts, now: core.clock().toISOString() },
      target.envelope,
    ),
    'finalise',
  );
  if (blocking.length > 0) {
    throw ruleBlockedError(blocking, 'finalise');
  }
}

// ------------------------------------------------------------------ reads

export interface CaseRow {
  id: string;
  ref: string;
  status: string;
  title: string;
  incidentKind: string | null;
  category: string | null;
  children: string;
  createdAt: string;
  openedAt: string | null;
  updatedAt: string;
  flags: string[];
}

function caseFromRow(r: CaseDbRow): CaseRow {
  return {
    id: r.id,
    ref: r.ref,
    status: r.status,
    title: r.title,
    incidentKind: r.incident_kind,
    category: r.category,
    children: r.children,
    createdAt: r.created_at,
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    flags: JSON.parse(r.flags) as string[],
  };
}

export interface CaseListFilter {
  status?: string;
  incidentKind?: string;
  child?: string;
  from?: string;
  to?: string;
  sort?: 'updated-desc' | 'updated-asc' | 'created-desc' | 'created-asc' | 'ref';
  limit?: number;
  offset?: number;
}

/** Who may see which cases in a list (the same rule as reading a case). */
function listScope(s: Session): CaseListScope {
  if (isSafeguardingTeam(s.account.role)) return { kind: 'team' };
  if (s.account.role === 'slt') return { kind: 'slt', accountId: s.account.id };
  return { kind: 'own', accountId: s.account.id };
}

export async function listCases(
  core: SigningHost,
  f: CaseListFilter,
): Promise<{ cases: CaseRow[]; total: number }> {
  const s = core.requireSession();
  const db = core.requireDb();
  const { rows, total, fullIds } = await db.exclusive(async (conn) => ({
    ...(await listCasePage(conn, {
      scope: listScope(s),
      status: f.status,
      incidentKind: f.incidentKind,
      child: f.child,
      from: f.from,
      to: f.to,
      sort: f.sort ?? 'updated-desc',
      limit: Math.min(Math.max(f.limit ?? 100, 1), 500),
      offset: f.offset ?? 0,
    })),
    fullIds: isSafeguardingTeam(s.account.role)
      ? null
      : await caseIdsTakingPart(conn, s.account.id),
  }));
  // A case the reader may not read in full (staff: any; a senior leader: one they only signed in)
  // shows no title and none of its details.
  const cases = rows.map(caseFromRow).map((c) =>
    fullIds && (s.account.role === 'staff' || !fullIds.has(c.id))
      ? {
          ...c,
          title: 'A case you signed in',
          children: '',
          incidentKind: null,
          category: null,
          flags: [],
        }
      : c,
  );
  return { cases, total };
}

export interface CaseView {
  case: CaseRow;
  access: CaseAccess;
  facts: CaseFacts | null;
  records: SignedRecord[];
}

export async function getCase(core: SigningHost, caseId: string): Promise<CaseView> {
  const s = core.requireSession();
  const db = core.requireDb();
  return db.transaction(async (conn) => {
    const access = await requireCaseAccess(conn, s.account, caseId, 'any');
    const row = await getCaseRow(conn, caseId);
    const all = await readCaseRecords(conn, caseId);
    const records =
      access === 'full'
        ? all
        : all.filter(
            (r) =>
              r.envelope.signer.accountId === s.account.id ||
              isCountersignatureOfOwn(r.envelope, all, s.account.id),
          );
    await appendAudit(conn, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'case-viewed',
      caseId,
      detail: { access },
    });
    const facts = access === 'full' ? await caseFacts(conn, caseId) : null;
    const c = caseFromRow(row!);
    return {
      case:
        access === 'full'
          ? c
          : { ...c, children: '', incidentKind: null, category: null, flags: [] },
      access,
      facts,
      records,
    };
  });
}

function isCountersignatureOfOwn(env: Envelope, all: SignedRecord[], me: string): boolean {
  if (env.kind !== 'countersignature' && env.kind !== 'correction') return false;
  const targetId = String(env.body.recordId ?? env.body.correctsId);
  return all.some((r) => r.envelope.id === targetId && r.envelope.signer.accountId === me);
}

export interface SearchHit {
  caseId: string;
  caseRef: string;
  caseTitle: string;
  recordId: string;
  kind: string;
  snippet: string;
}

/** FTS5 search inside the encrypted vault; results respect the same access rules as reading. */
export async function searchRecords(
  core: SearchHost,
  query: string,
  limit = 50,
): Promise<SearchHit[]> {
  const s = core.requireSession();
  const db = core.requireDb();
  const terms = query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 12);
  if (terms.length === 0) return [];
  // Each term quoted (FTS5 syntax cannot be injected) and prefix-matched; the guidance's synonyms
  // for nudes and semi-nudes find each other.
  const match = ftsMatch(terms);
  const scope: SearchScope = isSafeguardingTeam(s.account.role)
    ? { kind: 'team' }
    : s.account.role === 'slt'
      ? { kind: 'slt', accountId: s.account.id }
      : { kind: 'own', accountId: s.account.id };
  // On the session's background reader when there is one (a cold-cache search must not block the
  // UI's thread); the same SQL on the main connection otherwise.
  const reader = core.backgroundReader();
  const rows = reader
    ? await reader.run('search', { match, scope, limit })
    : await searchIndex(db, match, scope, limit);
  await db.exclusive((c) =>
    appendAudit(c, {
      at: core.clock().toISOString(),
      actorId: s.account.id,
      action: 'search',
      detail: { query: terms.join(' '), results: rows.length },
    }),
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    caseRef: r.ref,
    caseTitle: s.account.role === 'staff' ? 'Your concern' : r.title,
    recordId: r.record_id,
    kind: r.kind,
    snippet: r.snip,
  }));
}
