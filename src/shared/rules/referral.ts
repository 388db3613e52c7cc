// The referral rules R11–R17 as pure functions over a case's facts (docs/rules.md
// and Appendix 1): the five immediate-referral criteria, the same-day deadline, what clears it,
// the parents, R16 and deletion findings, the referral form's defaults and the closure items.
// Used twice (docs/design.md): live guidance in the renderer, enforcement in main.
import type { Option } from '../records/fields';
import type { CaseFacts } from '../records/facts';
import {
  REFERRAL_DUE_FLAG,
  R11_KEYS,
  type Agency,
  type ReferralCheckFact,
  type ReferralFact,
  type R11Key,
} from '../records/referralFacts';
import { ukLocalToUtc, utcToUkLocal } from '../ukTime';
import type { Finding } from './finding';

// ------------------------------------------------------------------ R11: the five criteria

export interface R11Criterion {
  key: R11Key;
  /** The question on the form. */
  label: string;
  /** A few words for lists and the dashboard. */
  short: string;
}

/** docs/rules.md, "An immediate referral to the Police and/or Children's Social Care through the MASH if …". */
export const R11_CRITERIA: readonly R11Criterion[] = [
  {
    key: 'adultInvolved',
    label: 'Does the incident involve an adult?',
    short: 'an adult is involved',
  },
  {
    key: 'coercion',
    label:
      'Is there reason to believe a child has been coerced, blackmailed or groomed, or are there concerns about their capacity to consent (for example, owing to special educational needs)?',
    short: 'coercion, blackmail, grooming or capacity to consent',
  },
  {
    key: 'unusualOrViolent',
    label:
      'Does what you know about the imagery suggest sexual acts unusual for the young person’s developmental stage, or violence?',
    short: 'acts unusual for the child’s development, or violent',
  },
  {
    key: 'under13SexualActs',
    label: 'Does the imagery involve sexual acts, with any child in it under 13?',
    short: 'sexual acts and a child under 13',
  },
  {
    key: 'immediateRisk',
    label:
      'Is there reason to believe a child is at immediate risk of harm because of the sharing (for example, presenting as suicidal or self-harming)?',
    short: 'a child at immediate risk of harm',
  },
];

export function criterionShort(key: R11Key): string {
  return R11_CRITERIA.find((c) => c.key === key)?.short ?? key;
}

/** R11 over a referral-check body: which criteria are answered "yes". */
export function r11Evaluate(body: Record<string, unknown>): {
  yes: R11Key[];
  anyYes: boolean;
  allAnswered: boolean;
} {
  const yes = R11_KEYS.filter((k) => body[k] === true);
  const allAnswered = R11_KEYS.every((k) => typeof body[k] === 'boolean');
  return { yes, anyYes: yes.length > 0, allAnswered };
}

// ------------------------------------------------------------------ agencies

export const AGENCIES: readonly Option[] = [
  { value: 'police', label: 'Police' },
  { value: 'csc', label: 'Children’s social care / MASH' },
  { value: 'lado', label: 'LADO (allegation about an adult who works with children)' },
  { value: 'ceop', label: 'CEOP (National Crime Agency child protection)' },
  { value: 'prevent', label: 'Prevent / Channel' },
  { value: 'iwf', label: 'IWF / Report Remove' },
  { value: 'other', label: 'Other' },
];

/** A referral to one of these clears a same-day R11 referral ("to the police and/or CSC through the MASH"). */
export const CLEARING_AGENCIES: readonly Agency[] = ['police', 'csc'];
/**
 * A referral to one of these makes the imagery evidence, so deletion is never suggested (R17).
 * CEOP is the National Crime Agency's child-protection command: a report to it is a police report.
 */
export const POLICE_AGENCIES: readonly Agency[] = ['police', 'ceop'];

export function hasPoliceReferral(facts: CaseFacts): boolean {
  return (facts.referrals ?? []).some((r) => POLICE_AGENCIES.includes(r.agency));
}

// ------------------------------------------------------------------ the same-day deadline

export interface ReferralDeadline {
  /** UTC ISO instant by which the referral must be made. */
  deadline: string;
  /** The UK calendar day of the check ("YYYY-MM-DD"). */
  ukDay: string;
  /**
   * The check was made after the end of the school day: the referral is still due that same day
   * (R11 "on the same day as a matter of urgency"), by 23:59 UK time, through the out-of-hours contacts.
   */
  afterSchoolDay: boolean;
}

/**
 * R11's deadline: the end of the school day (settings `schoolDayEnd`, UK wall-clock time) on the
 * UK day of the check; a check made after that time is due by the end of the same UK day (23:59:59).
 */
export function referralDeadline(checkedAt: string, schoolDayEnd: string): ReferralDeadline {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schoolDayEnd))
    throw new Error('schoolDayEnd must be HH:mm');
  const ukDay = utcToUkLocal(checkedAt).slice(0, 10);
  const schoolEnd = ukLocalToUtc(`${ukDay}T${schoolDayEnd}`);
  if (Date.parse(checkedAt) <= Date.parse(schoolEnd))
    return { deadline: schoolEnd, ukDay, afterSchoolDay: false };
  const endOfDay = new Date(Date.parse(ukLocalToUtc(`${ukDay}T23:59`)) + 59_999).toISOString();
  return { deadline: endOfDay, ukDay, afterSchoolDay: true };
}

export function isOverdue(deadline: string, now: string): boolean {
  return Date.parse(now) > Date.parse(deadline);
}

/** A referral clears a due item when it is to the police or CSC/MASH and was recorded after the check. */
export function clearsDueItem(
  check: Pick<ReferralCheckFact, 'caseSeq'>,
  referral: Pick<ReferralFact, 'caseSeq' | 'agency'>,
): boolean {
  return CLEARING_AGENCIES.includes(referral.agency) && referral.caseSeq > check.caseSeq;
}

/** Checks with a "yes" that no clearing referral has followed (independent of the clock). */
export function uncleared(facts: CaseFacts): ReferralCheckFact[] {
  const referrals = facts.referrals ?? [];
  return (facts.referralChecks ?? []).filter(
    (c) => c.yes.length > 0 && !referrals.some((r) => clearsDueItem(c, r)),
  );
}

export interface ReferralDueItem {
  caseId: string;
  checkRecordId: string;
  checkedAt: string;
  criteria: R11Key[];
  /** Plain words for the criteria that apply. */
  reasons: string[];
  deadline: string;
  afterSchoolDay: boolean;
  overdue: boolean;
}

/** The same-day referrals still due on a case, oldest first, with their deadline and overdue flag. */
export function referralDueItems(
  facts: CaseFacts,
  schoolDayEnd: string,
  now: string,
): ReferralDueItem[] {
  return uncleared(facts)
    .sort((a, b) => a.caseSeq - b.caseSeq)
    .map((c) => {
      const d = referralDeadline(c.signedAt, schoolDayEnd);
      return {
        caseId: facts.caseId,
        checkRecordId: c.recordId,
        checkedAt: c.signedAt,
        criteria: [...c.yes],
        reasons: c.yes.map(criterionShort),
        deadline: d.deadline,
        afterSchoolDay: d.afterSchoolDay,
        overdue: isOverdue(d.deadline, now),
      };
    });
}

/** Keeps the 'referral-due' flag (and so the cases projection the dashboard queries) in step. */
export function updateReferralFlag(facts: CaseFacts): void {
  const due = uncleared(facts).length > 0;
  const has = facts.flags.includes(REFERRAL_DUE_FLAG);
  if (due && !has) facts.flags.push(REFERRAL_DUE_FLAG);
  if (!due && has) facts.flags = facts.flags.filter((f) => f !== REFERRAL_DUE_FLAG);
}

// ------------------------------------------------------------------ people and ages

interface OtherPerson {
  kind?: unknown;
}

/** From the case-opened record's `others`: is an adult involved, is a member of staff? */
export function adultsInvolved(facts: CaseFacts): { adult: boolean; staff: boolean } {
  const others = (Array.isArray(facts.others) ? facts.others : []) as OtherPerson[];
  const staff = others.some((o) => o.kind === 'staff');
  const adult = staff || others.some((o) => o.kind === 'adult');
  return { adult, staff };
}

/** Whole years between a date of birth ("YYYY-MM-DD") and the UK date of `at`. */
export function childAgeOn(dateOfBirth: string, at: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!m) return null;
  const today = utcToUkLocal(at).slice(0, 10);
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** Children on the case known (by date of birth) to be under 13 at `at` (Sexual Offences Act 2003). */
export function childrenUnder13(facts: CaseFacts, at: string): Array<{ id: string; age: number }> {
  const out: Array<{ id: string; age: number }> = [];
  for (const c of facts.children) {
    const age = c.dateOfBirth ? childAgeOn(c.dateOfBirth, at) : null;
    if (age !== null && age < 13) out.push({ id: c.id, age });
  }
  return out;
}

export interface CriterionHint {
  criterion: R11Key;
  message: string;
}

/**
 * What the case already says about each criterion (case details, assessments). Hints, never
 * answers: the DSL decides (e.g. under-13s sharing out of curiosity need not be referred, Appendix 1).
 */
export function referralCheckHints(facts: CaseFacts, now: string): CriterionHint[] {
  const hints: CriterionHint[] = [];
  const { adult, staff } = adultsInvolved(facts);
  if (staff)
    hints.push({
      criterion: 'adultInvolved',
      message:
        'The case details name a member of staff or volunteer: an adult is involved, and the allegation goes to the LADO.',
    });
  else if (adult)
    hints.push({
      criterion: 'adultInvolved',
      message: 'The case details name an adult involved in the incident.',
    });
  if (facts.children.some((c) => c.send)) {
    hints.push({
      criterion: 'coercion',
      message:
        'A child on this case has special educational needs or a disability: consider their capacity to consent.',
    });
  }
  const assessments = facts.assessments ?? [];
  if (assessments.some((a) => a.pressure === 'pressure' || a.pressure === 'coerced')) {
    hints.push({
      criterion: 'coercion',
      message:
        'An assessment records that a young person was put under pressure, coerced or blackmailed.',
    });
  }
  const young = childrenUnder13(facts, now);
  if (young.length > 0) {
    const ages = young.map((y) => y.age).join(', ');
    hints.push({
      criterion: 'under13SexualActs',
      message: `A child on this case is under 13 (age ${ages}). If the imagery involves sexual acts, this criterion applies.`,
    });
  } else if (assessments.some((a) => a.anyUnder13 === 'yes')) {
    hints.push({
      criterion: 'under13SexualActs',
      message:
        'An assessment records that someone involved is under 13. If the imagery involves sexual acts, this criterion applies.',
    });
  }
  if (assessments.some((a) => a.actsUnexpectedForAge === 'yes')) {
    hints.push({
      criterion: 'unusualOrViolent',
      message:
        'An assessment records acts that would not be expected of a young person of that age.',
    });
  }
  return hints;
}

// ------------------------------------------------------------------ findings for the forms

/** R11 and R16 on a referral-check body. */
export function referralCheckFindings(
  body: Record<string, unknown>,
  facts: CaseFacts,
  now: string,
): Finding[] {
  const out: Finding[] = [];
  const { yes, anyYes, allAnswered } = r11Evaluate(body);
  if (anyYes) {
    if (body.decision === 'manage-in-school') {
      out.push({
        rule: 'R11',
        status: 'blocks',
        stage: 'sign',
        field: 'decision',
        message:
          'At least one immediate-referral criterion applies, so a referral to the police and/or children’s social care must be made today. The incident cannot be managed in school alone.',
      });
    } else {
      out.push({
        rule: 'R11',
        status: 'advice',
        stage: 'sign',
        field: 'decision',
        message: `A referral to the police and/or children’s social care is due today, by the end of the school day (${yes.map(criterionShort).join('; ')}).`,
      });
    }
  } else if (allAnswered) {
    out.push(...r16Findings(body));
  }
  // Hints the DSL answered "no" to are shown, never enforced: the decision is theirs.
  for (const h of referralCheckHints(facts, now)) {
    if (body[h.criterion] === false)
      out.push({
        rule: 'R11',
        status: 'advice',
        stage: 'sign',
        field: h.criterion,
        message: h.message,
      });
  }
  return out;
}

/** R16: no referral is a decision too — recorded with reasons, and revisited if new information emerges. */
export function r16Findings(body: Record<string, unknown>): Finding[] {
  if (body.decision !== 'manage-in-school') return [];
  const out: Finding[] = [];
  const reasons = typeof body.reasons === 'string' ? body.reasons.trim() : '';
  out.push(
    reasons
      ? {
          rule: 'R16',
          status: 'met',
          stage: 'sign',
          field: 'reasons',
          message: 'The reasons for managing the incident in school are recorded.',
        }
      : {
          rule: 'R16',
          status: 'needs-reason',
          stage: 'sign',
          field: 'reasons',
          message:
            'No criterion applies and you decided to manage the incident in school: record your reasons (R16).',
        },
  );
  if (body.revisit !== true) {
    out.push({
      rule: 'R16',
      status: 'needs-reason',
      stage: 'sign',
      field: 'revisit',
      message: 'Confirm that this decision will be revisited if new information emerges (R16).',
    });
  }
  return out;
}

/** R13: parents or carers are informed unless that would put the child at risk; not informing needs reasons. */
export function r13Findings(body: Record<string, unknown>): Finding[] {
  if (body.informed !== false) return [];
  const reasons = typeof body.reasons === 'string' ? body.reasons.trim() : '';
  return reasons
    ? [
        {
          rule: 'R13',
          status: 'met',
          stage: 'sign',
          field: 'reasons',
          message: 'The reasons for not informing the parents or carers are recorded.',
        },
      ]
    : [
        {
          rule: 'R13',
          status: 'needs-reason',
          stage: 'sign',
          field: 'reasons',
          message:
            'Parents or carers are informed unless that would put the child at risk: record the reasons for not informing them (R13).',
        },
      ];
}

/** R12: where an adult may destroy evidence, the police and social care are consulted before the family. */
export function r12Findings(body: Record<string, unknown>, facts: CaseFacts): Finding[] {
  if (body.informed !== true) return [];
  const adult =
    adultsInvolved(facts).adult ||
    (facts.referralChecks ?? []).some((c) => c.yes.includes('adultInvolved'));
  if (!adult || body.consultedFirst !== 'no') return [];
  const notes = typeof body.consultedNotes === 'string' ? body.consultedNotes.trim() : '';
  return notes
    ? [
        {
          rule: 'R12',
          status: 'met',
          stage: 'sign',
          field: 'consultedNotes',
          message: 'The reason the police and social care were not consulted first is recorded.',
        },
      ]
    : [
        {
          rule: 'R12',
          status: 'needs-reason',
          stage: 'sign',
          field: 'consultedNotes',
          message:
            'An adult is involved and may destroy evidence: the police and social care should be consulted before the family is told (R12). Record why they were not.',
        },
      ];
}

const CONSULTED_AGENCIES: Record<string, readonly Agency[]> = {
  police: POLICE_AGENCIES,
  csc: ['csc'],
  both: [...POLICE_AGENCIES, 'csc'],
};

/**
 * R12: "the police (or social care) were consulted first" is a claim about a contact. It is tied to
 * the referral that records that contact; with none, it is shown as the DSL's own statement — never
 * as if a contact were on record.
 */
export function r12ConsultedFindings(body: Record<string, unknown>, facts: CaseFacts): Finding[] {
  const claimed = typeof body.consultedFirst === 'string' ? body.consultedFirst : '';
  const agencies = CONSULTED_AGENCIES[claimed];
  if (!agencies) return [];
  const referrals = facts.referrals ?? [];
  const matching = referrals.filter((r) => agencies.includes(r.agency));
  const linked = typeof body.consultedRecord === 'string' ? body.consultedRecord : '';
  if (linked) {
    const r = referrals.find((x) => x.recordId === linked);
    if (!r || !agencies.includes(r.agency))
      return [
        {
          rule: 'R12',
          status: 'blocks',
          stage: 'sign',
          field: 'consultedRecord',
          message:
            'Choose a referral on this case to the police or social care, as your answer says. The referral chosen is not one.',
        },
      ];
    return [
      {
        rule: 'R12',
        status: 'met',
        stage: 'sign',
        field: 'consultedRecord',
        message: 'The consultation before the family is tied to the referral that records it.',
      },
    ];
  }
  return [
    {
      rule: 'R12',
      status: 'advice',
      stage: 'sign',
      field: 'consultedRecord',
      message:
        matching.length === 0
          ? 'No referral to the police or social care is recorded on this case, so this answer will be shown as your own statement, not as a recorded contact. Record the referral to support it.'
          : 'Choose the referral that records this contact; otherwise this answer will be shown as your own statement.',
    },
  ];
}

export const R17_EVIDENCE_MESSAGE =
  'A police referral exists on this case, so the imagery is evidence: nobody may be asked to delete it. Ask the police for advice instead (R17).';

/** R17: deletion is never suggested where a police referral exists, nor while a same-day referral is due. */
export function r17Findings(facts: CaseFacts): Finding[] {
  if (hasPoliceReferral(facts))
    return [{ rule: 'R17', status: 'blocks', stage: 'sign', message: R17_EVIDENCE_MESSAGE }];
  if (uncleared(facts).length > 0) {
    return [
      {
        rule: 'R17',
        status: 'blocks',
        stage: 'sign',
        message:
          'A same-day referral to the police or children’s social care is due on this case: do not ask for deletion until they have advised (R11, R17).',
      },
    ];
  }
  return [];
}

// ------------------------------------------------------------------ the referral form's defaults

export interface ReferralDefaults {
  /** The agency the referral form pre-selects, if any. */
  agency?: Agency;
  /** Every agency the case points at and has not yet been referred to, in order. */
  suggested: Agency[];
  /** Why, in plain words. */
  reasons: string[];
}

/** Adult involvement pre-selects the police; an allegation about a member of staff pre-selects the LADO. */
export function referralDefaults(facts: CaseFacts): ReferralDefaults {
  const { adult, staff } = adultsInvolved(facts);
  const made = new Set((facts.referrals ?? []).map((r) => r.agency));
  const wanted: Array<{ agency: Agency; reason: string }> = [];
  if (staff)
    wanted.push({
      agency: 'lado',
      reason: 'An allegation about a member of staff or volunteer goes to the LADO.',
    });
  if (adult)
    wanted.push({ agency: 'police', reason: 'An adult is involved: refer to the police (R11).' });
  if (uncleared(facts).length > 0 && !adult) {
    wanted.push({
      agency: 'csc',
      reason:
        'A same-day referral is due: refer to children’s social care through the MASH, and/or the police (R11).',
    });
  }
  const open = wanted.filter((w) => !made.has(w.agency));
  return {
    ...(open[0] ? { agency: open[0].agency } : {}),
    suggested: open.map((w) => w.agency),
    reasons: open.map((w) => w.reason),
  };
}

// ------------------------------------------------------------------ closure items

type Check = (facts: CaseFacts) => Finding;

const closeReview: Check = (facts) =>
  (facts.initialReviews ?? []).length > 0
    ? {
        rule: 'CLOSE-REVIEW',
        status: 'met',
        stage: 'sign',
        message: 'The initial review meeting is recorded (R15).',
      }
    : {
        rule: 'CLOSE-REVIEW',
        status: 'blocks',
        stage: 'sign',
        message: 'Record the initial review meeting (R15).',
      };

const closeReferral: Check = (facts) => {
  const rule = 'CLOSE-REFERRAL';
  if (uncleared(facts).length > 0) {
    return {
      rule,
      status: 'blocks',
      stage: 'sign',
      message:
        'A same-day referral to the police or children’s social care is still due (R11): record the referral.',
    };
  }
  if ((facts.referrals ?? []).length > 0)
    return { rule, status: 'met', stage: 'sign', message: 'A referral is recorded.' };
  const last = (facts.referralChecks ?? []).at(-1);
  if (!last) {
    return {
      rule,
      status: 'blocks',
      stage: 'sign',
      message:
        'Record the referral decision: the immediate-referral check (R11), then a referral or the reasons for managing the incident in school (R16).',
    };
  }
  if (last.decision === 'manage-in-school' && last.reasons) {
    return {
      rule,
      status: 'met',
      stage: 'sign',
      message: 'The decision to manage the incident in school is recorded with its reasons (R16).',
    };
  }
  return {
    rule,
    status: 'blocks',
    stage: 'sign',
    message: 'The referral check records a decision to refer: record the referral.',
  };
};

const closeParents: Check = (facts) => {
  const rule = 'CLOSE-PARENTS';
  const decided = new Set((facts.parentsDecisions ?? []).map((p) => p.childId));
  if (facts.children.length === 0) {
    return decided.size > 0
      ? {
          rule,
          status: 'met',
          stage: 'sign',
          message: 'The decision about informing parents or carers is recorded (R13).',
        }
      : {
          rule,
          status: 'blocks',
          stage: 'sign',
          message: 'Record the decision about informing parents or carers (R13).',
        };
  }
  const missing = facts.children.filter((c) => !decided.has(c.id)).length;
  return missing === 0
    ? {
        rule,
        status: 'met',
        stage: 'sign',
        message:
          'The decision about informing parents or carers is recorded for every child (R13).',
      }
    : {
        rule,
        status: 'blocks',
        stage: 'sign',
        message: `Record the decision about informing parents or carers for ${missing} of ${facts.children.length} ${facts.children.length === 1 ? 'child' : 'children'} (R13).`,
      };
};

const closeDeletion: Check = (facts) => {
  const rule = 'CLOSE-DELETION';
  const instructions = facts.deletionInstructions ?? [];
  if (instructions.length === 0)
    return { rule, status: 'met', stage: 'sign', message: 'No deletion was asked for.' };
  // An instruction followed by a police referral is overtaken by it: the police advise (R17).
  const police = (facts.referrals ?? []).filter((r) => POLICE_AGENCIES.includes(r.agency));
  const open = instructions.filter(
    (i) => !i.confirmedBy && !police.some((p) => p.caseSeq > i.caseSeq),
  ).length;
  return open === 0
    ? {
        rule,
        status: 'met',
        stage: 'sign',
        message: 'Every deletion instruction has its confirmation recorded (R17).',
      }
    : {
        rule,
        status: 'blocks',
        stage: 'sign',
        message: `Record the confirmation of ${open} deletion instruction${open === 1 ? '' : 's'} (R17).`,
      };
};

/**
 * R18: a search that suspected an indecent image leads to the device-seizure checklist. A case
 * cannot close while such a search has no device added after it — or, where the police took the
 * matter on, no police referral after it (the police then advise about the device).
 */
const closeSeizure = (facts: CaseFacts): Finding | null => {
  const rule = 'CLOSE-SEIZURE';
  const suspected = (facts.deviceSearches ?? []).filter((d) => d.suspectedImage);
  if (suspected.length === 0) return null;
  const deviceSeqs = Object.values(facts.devices ?? {}).map(
    (d) => facts.records[d.addedRecordId]?.caseSeq ?? 0,
  );
  const policeSeqs = (facts.referrals ?? [])
    .filter((r) => POLICE_AGENCIES.includes(r.agency))
    .map((r) => r.caseSeq);
  const open = suspected.filter(
    (s) => !deviceSeqs.some((q) => q > s.caseSeq) && !policeSeqs.some((q) => q > s.caseSeq),
  ).length;
  return open === 0
    ? {
        rule,
        status: 'met',
        stage: 'sign',
        message:
          'Every search that suspected an indecent image led to the device-seizure checklist or a police referral (R18).',
      }
    : {
        rule,
        status: 'blocks',
        stage: 'sign',
        message: `${open} device search${open === 1 ? '' : 'es'} suspected an indecent image: add the device and follow the seizure checklist, or record the police referral (R18).`,
      };
};

/** The issue-6 items of the closing checklist (rules/closure.ts lists them with the others). */
export const REFERRAL_CLOSURE_CHECKS: ReadonlyArray<(facts: CaseFacts) => Finding | null> = [
  closeReview,
  closeReferral,
  closeParents,
  closeDeletion,
  closeSeizure,
];
