// in main: the rule texts for the guidance panel, main's own evaluation of a viewing decision
// (a draft, or a signed record's remaining finalise stage), finalisation by the witness's own
// countersignature (R5), and "sign as another person" so that a senior leader signs a delegation of
// authority (R4) with their own passphrase at the DSL's PC.
import { CaseSealError } from '../../../shared/errors';
import type { AccountSummary, CheckContext } from '../../../shared/records/kindDef';
import { kindDef } from '../../../shared/records/registry';
import { pruneBody } from '../../../shared/records/formSchema';
import { viewingDecisionsOf } from '../../../shared/records/imageryFacts';
import {
  IMAGERY_RULES,
  evaluateViewingDecision,
  type ImageryRule,
} from '../../../shared/rules/imagery';
import { blockingFindings, ruleBlockedError, type Finding } from '../../../shared/rules/finding';
import type { Conn } from '../../db/sqlite';
import type { CountersignHost } from '../app/serviceHost';
import { listAccounts } from '../../db/repositories/accounts';
import { requireCaseAccess } from '../access/policy';
import { caseFacts } from '../log/projections';
import { readRecord } from '../log/recordLog';
import {
  countersign,
  signIntoCase,
  validateBody,
  type PreparedSigner,
  type SignResult,
} from '../cases/caseService';

export const VIEWING_KIND = 'viewing-decision';

/** Kinds a person may sign at someone else's session by typing their own passphrase (R4). */
export const SIGN_AS_OTHER_KINDS = ['delegation', 'delegation-revoked'] as const;
export type SignAsOtherKind = (typeof SIGN_AS_OTHER_KINDS)[number];

export type ViewingState = 'draft' | 'awaiting-witness' | 'final';

export interface ViewingCheck {
  /** For a draft: every finding R1–R8. For a signed record: the finalise stage only. */
  findings: Finding[];
  state: ViewingState;
}

export function imageryRules(): readonly ImageryRule[] {
  return IMAGERY_RULES;
}

async function accountSummaries(conn: Conn): Promise<AccountSummary[]> {
  return (await listAccounts(conn)).map((a) => ({
    id: a.id,
    name: a.name,
    role: a.role,
    active: a.active,
  }));
}

function pruneDraft(body: Record<string, unknown>): Record<string, unknown> {
  const fields = kindDef(VIEWING_KIND)!.fields;
  // Twice: a field shown under another conditional field goes when its parent goes.
  return pruneBody(fields, pruneBody(fields, body));
}

async function readViewingRecord(conn: Conn, core: CountersignHost, recordId: string) {
  const s = core.requireSession();
  const rec = await readRecord(conn, recordId);
  if (!rec || rec.envelope.kind !== VIEWING_KIND) throw new CaseSealError('NOT_FOUND');
  await requireCaseAccess(conn, s.account, rec.envelope.caseId, 'full');
  return rec;
}

/** Main's evaluation, for a draft (as the signed-in person would sign it) or a signed decision. */
export async function checkViewing(
  core: CountersignHost,
  input: { caseId: string; body: Record<string, unknown> } | { recordId: string },
): Promise<ViewingCheck> {
  const s = core.requireSession();
  const db = core.requireDb();
  return db.exclusive(async (conn) => {
    const accounts = await accountSummaries(conn);
    const now = core.clock().toISOString();
    if ('recordId' in input) {
      const rec = await readViewingRecord(conn, core, input.recordId);
      const facts = await caseFacts(conn, rec.envelope.caseId);
      const signer = rec.envelope.signer;
      const actor = accounts.find((a) => a.id === signer.accountId) ?? {
        id: signer.accountId,
        name: signer.name,
        role: signer.role,
        active: false,
      };
      const ctx: CheckContext = { actor, accounts, facts, now };
      const findings = evaluateViewingDecision(
        facts.effective[rec.envelope.id] ?? rec.envelope.body,
        ctx,
        { recordId: rec.envelope.id },
      ).filter((f) => f.stage === 'finalise');
      const entry = viewingDecisionsOf(facts).find((d) => d.recordId === rec.envelope.id);
      return { findings, state: entry?.final ? 'final' : 'awaiting-witness' };
    }
    await requireCaseAccess(conn, s.account, input.caseId, 'full');
    const facts = await caseFacts(conn, input.caseId);
    const actor = accounts.find((a) => a.id === s.account.id)!;
    return {
      findings: evaluateViewingDecision(pruneDraft(input.body), { actor, accounts, facts, now }),
      state: 'draft',
    };
  });
}

export interface FinaliseResult {
  recordId: string;
  final: true;
  /** The witness's countersignature made by this call; null when the decision was final already. */
  countersignature: SignResult | null;
}

/**
 * Finalise a viewing decision: the named witness countersigns with their own passphrase (R5).
 * Without the passphrase, or while another finalise-stage rule is unmet (R2: a copy without the
 * police's advice), it is refused with RULE_BLOCKED listing the unmet rules.
 */
export async function finaliseViewing(
  core: CountersignHost,
  input: { recordId: string; witnessPassphrase?: string },
): Promise<FinaliseResult> {
  const db = core.requireDb();
  const { witnessId, blocking, final, withdrawn } = await db.exclusive(async (conn) => {
    const rec = await readViewingRecord(conn, core, input.recordId);
    const facts = await caseFacts(conn, rec.envelope.caseId);
    const entry = viewingDecisionsOf(facts).find((d) => d.recordId === rec.envelope.id);
    const accounts = await accountSummaries(conn);
    const signer = rec.envelope.signer;
    const actor = accounts.find((a) => a.id === signer.accountId) ?? {
      id: signer.accountId,
      name: signer.name,
      role: signer.role,
      active: false,
    };
    const findings = evaluateViewingDecision(
      facts.effective[rec.envelope.id] ?? rec.envelope.body,
      { actor, accounts, facts, now: core.clock().toISOString() },
      { recordId: rec.envelope.id },
    );
    return {
      witnessId: entry?.witnessId ?? null,
      final: entry?.final === true,
      withdrawn: !!entry?.withdrawn,
      blocking: blockingFindings(
        findings.filter((f) => f.stage === 'finalise'),
        'finalise',
      ),
    };
  });
  if (final) return { recordId: input.recordId, final: true, countersignature: null };
  if (withdrawn)
    throw new CaseSealError(
      'CONFLICT',
      'This decision to view was withdrawn, so it can no longer be finalised. Record a new decision if needed.',
    );
  if (input.witnessPassphrase === undefined || !witnessId) {
    throw ruleBlockedError(blocking, 'finalise');
  }
  // The countersignature path re-checks every finalise-stage rule (caseService, beforeCountersign).
  const cs = await countersign(core, {
    recordId: input.recordId,
    purpose: 'witness',
    accountId: witnessId,
    passphrase: input.witnessPassphrase,
  });
  return { recordId: input.recordId, final: true, countersignature: cs };
}

/**
 * "Sign as another person" (R4): a senior leader signs a delegation of authority — or a senior
 * leader revokes one — at the signed-in DSL's PC with their own passphrase. The record's signer is
 * the senior leader and their own key signs it; the rules are evaluated with them as the actor.
 * A refusal by the rules or the roles costs no passphrase attempt; a wrong passphrase counts.
 */
export async function signAsOther(
  core: CountersignHost,
  input: {
    caseId: string;
    kind: SignAsOtherKind;
    body: Record<string, unknown>;
    accountId: string;
    passphrase: string;
  },
): Promise<SignResult> {
  const s = core.requireSession();
  if (!(SIGN_AS_OTHER_KINDS as readonly string[]).includes(input.kind))
    throw new CaseSealError('BAD_INPUT', 'That kind of record cannot be signed this way.');
  const def = kindDef(input.kind)!;
  const clean = validateBody(def, input.body); // R2 guard first, then the kind's schema
  const db = core.requireDb();

  const precheck = async (conn: Conn): Promise<AccountSummary> => {
    await requireCaseAccess(conn, s.account, input.caseId, 'full');
    const facts = await caseFacts(conn, input.caseId);
    if (facts.status === 'closed')
      throw new CaseSealError(
        'NOT_ALLOWED',
        'This case is closed. Reopen it (a status change) before adding records.',
      );
    const accounts = await accountSummaries(conn);
    const other = accounts.find((a) => a.id === input.accountId);
    if (!other || !other.active)
      throw new CaseSealError(
        'ACCOUNT_DISABLED',
        'That account cannot sign: it does not exist or has been disabled.',
      );
    if (!def.mayCreate.includes(other.role)) {
      throw new CaseSealError(
        'NOT_ALLOWED',
        input.kind === 'delegation'
          ? 'Only a senior leader can sign a delegation of authority.'
          : 'Only a senior leader or the DSL can revoke a delegation of authority.',
      );
    }
    const ctx: CheckContext = { actor: other, accounts, facts, now: core.clock().toISOString() };
    const blocking = blockingFindings(def.check?.(clean, ctx) ?? [], 'sign');
    if (blocking.length > 0) {
      throw ruleBlockedError(blocking, 'sign');
    }
    return other;
  };

  await db.exclusive(precheck);
  const other = await core.authenticateOther(input.accountId, input.passphrase);
  return db.transaction(async (conn) => {
    const actor = await precheck(conn);
    const by: PreparedSigner = {
      signer: {
        accountId: other.account.id,
        name: other.account.name,
        role: other.account.role,
        keyId: other.keyId,
      },
      privateKey: other.privateKey,
    };
    return signIntoCase(core, conn, {
      caseId: input.caseId,
      kind: input.kind,
      body: structuredClone(clean),
      by,
      actor,
    });
  });
}
