// Assessment and referral end to end in the core over a real vault: a child of 12 → the
// criteria check says yes → a referral is due today → overdue after the deadline → the referral
// clears it; R16, R13 and R17 refusals save nothing; closure lists every missing item, closes only
// when a senior leader countersigns, and the case can be reopened.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSealCore } from '../../src/main/core/app/caseSealCore';
import * as cases from '../../src/main/core/cases/caseService';
import { createHandlers } from '../../src/main/core/api/handlers';
import { referralDueItems } from '../../src/main/core/referral/referralService';
import { readSettings } from '../../src/main/db/repositories/settings';
import { R17_EVIDENCE_MESSAGE } from '../../src/shared/rules/referral';
import { kindDef } from '../../src/shared/records/registry';
import { displayRows } from '../../src/shared/records/display';
import { addAccount, PASSPHRASES, removeDir, setUpVault } from '../helpers/vault';
import { caseDetails, noteBody } from '../helpers/records';
import {
  ALL_NO,
  deletionBody,
  initialReviewBody,
  manageInSchoolBody,
  parentsBody,
  referralBody,
  referralCheckBody,
} from '../helpers/referralRecords';

/** The default decision (R1): an imagery case cannot close without a viewing decision. */
const NOT_VIEW = {
  decision: 'not-view',
  knownAboutImagery: 'Described by the young people, in words.',
  reason: 'Their accounts agree; nothing would be gained by viewing.',
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const clock = { now: new Date('2026-12-01T09:30:00.000Z') };

async function world() {
  clock.now = new Date('2026-12-01T09:30:00.000Z');
  const v = await setUpVault({ clock: () => clock.now });
  const sltId = await addAccount(v.core, 'slt', 'Barnaby Headworth');
  const otherSltId = await addAccount(v.core, 'slt', 'Cordelia Deputyhead');
  const staffId = await addAccount(v.core, 'staff', 'Imogen Staffwell');
  cleanups.push(async () => {
    await v.core.close();
    removeDir(v.dir);
  });
  return { ...v, sltId, otherSltId, staffId, api: createHandlers(v.core) };
}

async function countRecords(core: CaseSealCore): Promise<number> {
  return (await core.requireDb().get<{ n: number }>('SELECT count(*) AS n FROM records'))!.n;
}

async function caseFlags(core: CaseSealCore, caseId: string): Promise<string[]> {
  const row = await core
    .requireDb()
    .get<{ flags: string }>('SELECT flags FROM cases WHERE id = ?', [caseId]);
  return JSON.parse(row!.flags) as string[];
}

async function dueNow(core: CaseSealCore) {
  return core
    .requireDb()
    .exclusive(async (c) => referralDueItems(c, clock.now, await readSettings(c)));
}

function closeBody(approverId: string) {
  return {
    to: 'closed',
    reason: 'All actions complete; police outcome known.',
    approver: { accountId: approverId, name: '' },
  };
}

async function rejection(p: Promise<unknown>): Promise<{
  code: string;
  message: string;
  detail?: { findings?: Array<{ rule: string; status: string; field: string | null }> };
}> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected a refusal');
}

describe('assessment and referral', () => {
  it('a child of 12: referral due today, overdue after the deadline, cleared by the police referral; R17, R13; closure and reopening', async () => {
    const { core, api, sltId, otherSltId } = await world();
    const avaId = randomUUID();
    const opened = await cases.openCase(core, {
      details: caseDetails({
        children: [
          {
            id: avaId,
            name: 'Ava Lindqvist',
            dateOfBirth: '2014-05-10',
            sex: 'female',
            send: false,
          },
        ],
        others: [{ name: 'Year 8 boy', kind: 'pupil' }],
      }),
    });
    const caseId = opened.caseId;

    // Before the check: the form's context shows the under-13 hint and nothing due.
    const ctx0 = await api['app:referral.context']({ caseId });
    expect(ctx0.hints).toEqual([
      expect.objectContaining({
        criterion: 'under13SexualActs',
        message: expect.stringContaining('age 12'),
      }),
    ]);
    expect(ctx0.dueItems).toEqual([]);
    expect(ctx0.schoolDayEnd).toBe('16:00');
    // Main's clock, for the form's default times and the deadline preview (never the renderer's).
    expect(ctx0.now).toBe(clock.now.toISOString());
    expect(ctx0.contacts.map((c) => c.key)).toEqual([
      'mash',
      'outOfHours',
      'lado',
      'policeNonEmergency',
      'prevent',
    ]);

    // A closure attempt now lists every missing item at once.
    const early = await rejection(
      cases.addRecord(core, { caseId, kind: 'status-change', body: closeBody(sltId) }),
    );
    expect(early.code).toBe('RULE_BLOCKED');
    const earlyRules = early.detail!.findings!.map((f) => f.rule);
    expect(earlyRules).toEqual(
      expect.arrayContaining(['CLOSE-REVIEW', 'CLOSE-REFERRAL', 'CLOSE-PARENTS']),
    );
    expect(earlyRules).not.toContain('CLOSE-DELETION');
    for (const r of ['CLOSE-REVIEW', 'CLOSE-REFERRAL', 'CLOSE-PARENTS'])
      expect(early.message).toContain(r);

    // The criteria check says yes: a referral is due today, by the end of the school day.
    const checked = await cases.addRecord(core, {
      caseId,
      kind: 'referral-check',
      body: referralCheckBody(),
    });
    expect(checked.findings).toContainEqual(
      expect.objectContaining({ rule: 'R11', status: 'advice' }),
    );
    expect(await caseFlags(core, caseId)).toContain('referral-due');
    const due = await dueNow(core);
    expect(due).toEqual([
      expect.objectContaining({
        caseId,
        checkRecordId: checked.record.envelope.id,
        criteria: ['under13SexualActs'],
        deadline: '2026-12-01T16:00:00.000Z',
        overdue: false,
        afterSchoolDay: false,
      }),
    ]);
    expect(due[0]!.caseRef).toMatch(/^C-2026-/);
    // On the dashboard: "referral due today" with its deadline, not yet red.
    const dash1 = (await api['app:dashboard.get']({})).items.filter(
      (i) => i.kind === 'referral-due',
    );
    expect(dash1).toEqual([
      expect.objectContaining({
        caseId,
        due: '2026-12-01T16:00:00.000Z',
        severity: 'warning',
        title: 'Referral due today by 16:00',
      }),
    ]);
    const ctx1 = await api['app:referral.context']({ caseId });
    expect(ctx1.dueItems).toHaveLength(1);
    expect(ctx1.defaults).toMatchObject({ agency: 'csc' });
    expect(ctx1.deletionRefusal).toMatch(/due/);

    // While the referral is due, a deletion instruction is refused (R17) and nothing is saved.
    let before = await countRecords(core);
    const whileDue = await rejection(
      cases.addRecord(core, { caseId, kind: 'deletion-instruction', body: deletionBody(avaId) }),
    );
    expect(whileDue).toMatchObject({ code: 'RULE_BLOCKED' });
    expect(whileDue.detail!.findings![0]!.rule).toBe('R17');
    expect(await countRecords(core)).toBe(before);

    // After the deadline it is overdue (red on the dashboard).
    clock.now = new Date('2026-12-01T16:30:00.000Z');
    expect((await dueNow(core))[0]).toMatchObject({ overdue: true });
    expect(
      (await api['app:dashboard.get']({})).items.filter((i) => i.kind === 'referral-due'),
    ).toEqual([
      expect.objectContaining({ severity: 'urgent', title: expect.stringMatching(/overdue/) }),
    ]);

    // A referral to IWF / Report Remove alone does not clear it; the police referral does.
    await cases.addRecord(core, {
      caseId,
      kind: 'referral',
      body: referralBody({ agency: 'iwf', madeAt: '2026-12-01T16:10', reference: undefined }),
    });
    expect(await dueNow(core)).toHaveLength(1);
    const referred = await cases.addRecord(core, {
      caseId,
      kind: 'referral',
      body: referralBody({ madeAt: '2026-12-01T16:20' }),
    });
    expect(referred.record.envelope.body.agency).toBe('police');
    expect(await dueNow(core)).toEqual([]);
    expect(await caseFlags(core, caseId)).not.toContain('referral-due');
    expect((await api['app:dashboard.get']({})).items.some((i) => i.kind === 'referral-due')).toBe(
      false,
    );
    const ctx2 = await api['app:referral.context']({ caseId });
    expect(ctx2.dueItems).toEqual([]);
    expect(ctx2.policeReferral).toBe(true);
    expect(ctx2.deletionRefusal).toBe(R17_EVIDENCE_MESSAGE);

    // A referral dated in the future is refused.
    await expect(
      cases.addRecord(core, {
        caseId,
        kind: 'referral',
        body: referralBody({ agency: 'csc', madeAt: '2026-12-02T09:00' }),
      }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED' });

    // Deletion on a case with a police referral: refused with R17's message, nothing saved.
    before = await countRecords(core);
    const refused = await rejection(
      cases.addRecord(core, { caseId, kind: 'deletion-instruction', body: deletionBody(avaId) }),
    );
    expect(refused.code).toBe('RULE_BLOCKED');
    expect(refused.message).toContain(R17_EVIDENCE_MESSAGE);
    expect(refused.detail!.findings).toEqual([
      expect.objectContaining({ rule: 'R17', status: 'blocks' }),
    ]);
    expect(await countRecords(core)).toBe(before);

    // Parents not informed: the reasons are required (R13); nothing saved without them.
    const noReasons = await rejection(
      cases.addRecord(core, {
        caseId,
        kind: 'parents',
        body: parentsBody(avaId, { reasons: undefined }),
      }),
    );
    expect(noReasons.code).toBe('RULE_BLOCKED');
    expect(noReasons.detail!.findings).toEqual([
      expect.objectContaining({ rule: 'R13', status: 'needs-reason', field: 'reasons' }),
    ]);
    expect(await countRecords(core)).toBe(before);
    // A child who is not on the case is refused.
    await expect(
      cases.addRecord(core, { caseId, kind: 'parents', body: parentsBody(randomUUID()) }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED' });
    await cases.addRecord(core, { caseId, kind: 'parents', body: parentsBody(avaId) });
    // An imagery case records its viewing decision (R1): here, the default, not to view.
    await cases.addRecord(core, { caseId, kind: 'viewing-decision', body: NOT_VIEW });

    // Only the initial review is missing now.
    const late = await rejection(
      cases.addRecord(core, { caseId, kind: 'status-change', body: closeBody(sltId) }),
    );
    expect(late.detail!.findings!.map((f) => f.rule)).toEqual(['CLOSE-REVIEW']);

    await cases.addRecord(core, { caseId, kind: 'initial-review', body: initialReviewBody() });
    const closing = await cases.addRecord(core, {
      caseId,
      kind: 'status-change',
      body: closeBody(sltId),
    });
    let view = await cases.getCase(core, caseId);
    expect(view.facts!.status).toBe('closing');
    expect(view.facts!.pendingCountersignatures).toEqual([
      expect.objectContaining({
        recordId: closing.record.envelope.id,
        purpose: 'closure',
        accountId: sltId,
      }),
    ]);

    // Only the named senior leader's own countersignature closes it.
    await expect(
      cases.countersign(core, {
        recordId: closing.record.envelope.id,
        purpose: 'closure',
        accountId: otherSltId,
        passphrase: PASSPHRASES.slt,
      }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(
      cases.countersign(core, {
        recordId: closing.record.envelope.id,
        purpose: 'closure',
        accountId: sltId,
        passphrase: 'wrong-passphrase',
      }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect((await cases.getCase(core, caseId)).facts!.status).toBe('closing');
    await cases.countersign(core, {
      recordId: closing.record.envelope.id,
      purpose: 'closure',
      accountId: sltId,
      passphrase: PASSPHRASES.slt,
    });
    view = await cases.getCase(core, caseId);
    expect(view.facts!.status).toBe('closed');
    expect(view.case.status).toBe('closed');
    await expect(
      cases.addRecord(core, { caseId, kind: 'note', body: noteBody() }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });

    // Reopening is a record too; new information means a new check (R16).
    await cases.addRecord(core, {
      caseId,
      kind: 'status-change',
      body: { to: 'reopened', reason: 'New information from the police.' },
    });
    view = await cases.getCase(core, caseId);
    expect(view.facts!.status).toBe('reopened');
    expect(
      view.records.map((r) => r.envelope.kind).filter((k) => k === 'status-change'),
    ).toHaveLength(2);
    await cases.addRecord(core, { caseId, kind: 'note', body: noteBody() });
  });

  it('all "no": the decision to manage in school and its reasons are required (R16); a "yes" cannot be managed in school (R11)', async () => {
    const { core } = await world();
    const kidId = randomUUID();
    const { caseId } = await cases.openCase(core, {
      details: caseDetails({
        children: [
          { id: kidId, name: 'Theo Marsh', dateOfBirth: '2011-02-02', sex: 'male', send: false },
        ],
      }),
    });
    const before = await countRecords(core);

    await expect(
      cases.addRecord(core, { caseId, kind: 'referral-check', body: { ...ALL_NO } }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/decision/i) });
    const noReasons = await rejection(
      cases.addRecord(core, {
        caseId,
        kind: 'referral-check',
        body: manageInSchoolBody({ reasons: undefined }),
      }),
    );
    expect(noReasons).toMatchObject({
      code: 'RULE_BLOCKED',
      message: expect.stringContaining('R16'),
    });
    expect(noReasons.detail!.findings).toEqual([
      expect.objectContaining({ rule: 'R16', field: 'reasons' }),
    ]);
    const notRevisited = await rejection(
      cases.addRecord(core, {
        caseId,
        kind: 'referral-check',
        body: manageInSchoolBody({ revisit: false }),
      }),
    );
    expect(notRevisited.detail!.findings).toEqual([
      expect.objectContaining({ rule: 'R16', field: 'revisit' }),
    ]);
    const yesButManaged = await rejection(
      cases.addRecord(core, {
        caseId,
        kind: 'referral-check',
        body: manageInSchoolBody({ immediateRisk: true }),
      }),
    );
    expect(yesButManaged.detail!.findings).toEqual([
      expect.objectContaining({ rule: 'R11', status: 'blocks', field: 'decision' }),
    ]);
    // Reasons belong to "manage in school" only: on a "refer" decision the hidden field is not signed.
    await expect(
      cases
        .addRecord(core, {
          caseId,
          kind: 'referral-check',
          body: referralCheckBody({ reasons: 'x' }),
        })
        .then((r) => r.record.envelope.body.reasons),
    ).resolves.toBeUndefined();
    expect(await countRecords(core)).toBe(before + 1);
  });

  it('managing in school: no referral due; deletion asked and confirmed; closure lists the deletion until confirmed', async () => {
    const { core, api, sltId, staffId } = await world();
    const kidId = randomUUID();
    const { caseId } = await cases.openCase(core, {
      details: caseDetails({
        children: [
          { id: kidId, name: 'Theo Marsh', dateOfBirth: '2011-02-02', sex: 'male', send: false },
        ],
      }),
    });
    const check = await cases.addRecord(core, {
      caseId,
      kind: 'referral-check',
      body: manageInSchoolBody(),
    });
    expect(check.record.envelope.body).toMatchObject({
      decision: 'manage-in-school',
      revisit: true,
    });
    expect(await dueNow(core)).toEqual([]);
    expect(await caseFlags(core, caseId)).toEqual([]);
    expect((await api['app:referral.context']({ caseId })).deletionRefusal).toBeNull();

    // A deadline before the instruction is refused; then the instruction is recorded.
    await expect(
      cases.addRecord(core, {
        caseId,
        kind: 'deletion-instruction',
        body: deletionBody(kidId, { deadline: '2026-12-01T09:00' }),
      }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED' });
    await expect(
      cases.addRecord(core, {
        caseId,
        kind: 'deletion-instruction',
        body: deletionBody(kidId, { presentOthers: undefined }),
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const instruction = await cases.addRecord(core, {
      caseId,
      kind: 'deletion-instruction',
      body: deletionBody(kidId),
    });
    await cases.addRecord(core, { caseId, kind: 'initial-review', body: initialReviewBody() });
    await cases.addRecord(core, { caseId, kind: 'viewing-decision', body: NOT_VIEW });
    await cases.addRecord(core, {
      caseId,
      kind: 'parents',
      body: parentsBody(kidId, {
        informed: true,
        reasons: undefined,
        who: 'Mrs Marsh (mother)',
        when: '2026-12-01T09:15',
        informedBy: { accountId: core.currentSession()!.account.id, name: '' },
        how: 'phone',
        consultedFirst: 'no',
      }),
    });

    const blocked = await rejection(
      cases.addRecord(core, { caseId, kind: 'status-change', body: closeBody(sltId) }),
    );
    expect(blocked.detail!.findings!.map((f) => f.rule)).toEqual(['CLOSE-DELETION']);

    // The confirmation must point at a deletion instruction on this case.
    await expect(
      cases.addRecord(core, {
        caseId,
        kind: 'deletion-confirmed',
        body: {
          instruction: check.record.envelope.id,
          confirmedBy: 'Theo',
          confirmedAt: '2026-12-01T09:25',
          how: 'He told us.',
        },
      }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED' });
    const confirm = {
      instruction: instruction.record.envelope.id,
      confirmedBy: 'Theo Marsh, with his mother',
      confirmedAt: '2026-12-01T09:25',
      how: 'Theo and his mother confirmed in a meeting with the DSL.',
    };
    await cases.addRecord(core, { caseId, kind: 'deletion-confirmed', body: confirm });
    await expect(
      cases.addRecord(core, { caseId, kind: 'deletion-confirmed', body: confirm }),
    ).rejects.toMatchObject({ code: 'RULE_BLOCKED', message: expect.stringContaining('already') });

    const closing = await cases.addRecord(core, {
      caseId,
      kind: 'status-change',
      body: closeBody(sltId),
    });
    await cases.countersign(core, {
      recordId: closing.record.envelope.id,
      purpose: 'closure',
      accountId: sltId,
      passphrase: PASSPHRASES.slt,
    });
    expect((await cases.getCase(core, caseId)).facts!.status).toBe('closed');

    // Staff may neither record the decisions nor read the referral context.
    await core.signIn(staffId, PASSPHRASES.staff);
    await expect(api['app:referral.context']({ caseId })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    });
  });

  it('a device search that suspects an indecent image leads to the seizure checklist; assessment, support and outcome are recorded', async () => {
    const { core, api, staffId } = await world();
    const kidId = randomUUID();
    const { caseId } = await cases.openCase(core, {
      details: caseDetails({
        children: [
          { id: kidId, name: 'Mia Patel', dateOfBirth: '2012-09-09', sex: 'female', send: true },
        ],
        others: [{ name: 'Mr X, PE teacher', kind: 'staff' }],
      }),
    });
    const ctx = await api['app:referral.context']({ caseId });
    expect(ctx.defaults).toEqual(
      expect.objectContaining({ agency: 'lado', suggested: ['lado', 'police'] }),
    );
    expect(ctx.hints.map((h) => h.criterion).sort()).toEqual(['adultInvolved', 'coercion']);

    const search = await cases.addRecord(core, {
      caseId,
      kind: 'device-search',
      body: {
        searchedAt: '2026-12-01T09:00',
        device: 'Black phone in a blue case',
        owner: 'Mia Patel',
        grounds:
          'Reported by a friend that an image was being shared from it; authorised by the headteacher.',
        searchedBy: 'Ms Quinn, deputy head',
        present: 'Mr Ortiz, head of year',
        found:
          'A chat thread with a message describing an image; an image thumbnail appeared and the search stopped.',
        suspectedImage: true,
      },
    });
    expect(search.findings).toContainEqual(
      expect.objectContaining({
        rule: 'R18',
        status: 'advice',
        message: expect.stringContaining('device-seizure checklist'),
      }),
    );
    expect(kindDef('device-search')!.summary(search.record.envelope.body)).toMatch(/stop/);
    expect((await api['app:referral.context']({ caseId })).seizureSuggested).toBe(true);

    await cases.addRecord(core, {
      caseId,
      kind: 'assessment',
      body: {
        child: kidId,
        vulnerable: 'yes',
        vulnerabilityFactors: ['send', 'in-care'],
        whyShared: 'She says the teacher asked for it.',
        pressure: 'coerced',
        sharedBeyond: 'not-known',
        withoutConsent: 'not-known',
        intentToHarm: 'not-known',
        ages: 'Mia is 14; the adult is a member of staff.',
        anyUnder13: 'no',
        ageDifference: 'yes',
        actsUnexpectedForAge: 'not-known',
        moreThanOne: 'no',
        understands: 'partly',
        parentConcerns: 'no',
      },
    });
    // The vulnerability factors are required once "yes" is chosen.
    await expect(
      cases.addRecord(core, {
        caseId,
        kind: 'assessment',
        body: {
          child: kidId,
          vulnerable: 'yes',
          whyShared: 'x',
          pressure: 'consent',
          sharedBeyond: 'no',
          withoutConsent: 'no',
          intentToHarm: 'no',
          ages: '14',
          anyUnder13: 'no',
          ageDifference: 'no',
          actsUnexpectedForAge: 'no',
          moreThanOne: 'no',
          understands: 'yes',
          parentConcerns: 'no',
        },
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const hints = (await api['app:referral.context']({ caseId })).hints;
    expect(hints.filter((h) => h.criterion === 'coercion')).toHaveLength(2);

    const support = await cases.addRecord(core, {
      caseId,
      kind: 'support-offered',
      body: {
        child: kidId,
        offered: ['report-remove', 'counselling', 'other'],
        otherDetails: 'Weekly check-in with form tutor',
      },
    });
    const rows = displayRows(kindDef('support-offered')!.fields, support.record.envelope.body);
    expect(rows).toContainEqual({
      label: 'Support offered',
      value: 'Report Remove (Childline and IWF); Counselling; Other',
    });
    const out = await cases.addRecord(core, {
      caseId,
      kind: 'outcome',
      body: {
        policeOutcome: 'further-investigation',
        schoolActions: 'Staff member suspended pending the LADO process.',
      },
    });
    expect(kindDef('outcome')!.summary(out.record.envelope.body)).toBe(
      'Outcome — police: Further investigation',
    );
    const facts = (await cases.getCase(core, caseId)).facts!;
    expect(facts.supportOffered).toEqual([
      expect.objectContaining({
        childId: kidId,
        offered: ['report-remove', 'counselling', 'other'],
      }),
    ]);
    expect(facts.outcomes).toEqual([out.record.envelope.id]);
    expect(facts.deviceSearches).toEqual([expect.objectContaining({ suspectedImage: true })]);

    // Staff cannot record any of these.
    await core.signIn(staffId, PASSPHRASES.staff);
    await expect(
      cases.addRecord(core, { caseId, kind: 'referral-check', body: referralCheckBody() }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });
});
