// Test helpers: valid bodies for the assessment and referral record kinds, written the way
// a user fills the forms. Times are UK wall-clock "YYYY-MM-DDTHH:mm".

export const ALL_NO = {
  adultInvolved: false,
  coercion: false,
  unusualOrViolent: false,
  under13SexualActs: false,
  immediateRisk: false,
};

export function referralCheckBody(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...ALL_NO,
    under13SexualActs: true,
    under13SexualActsNotes: 'Ava is 12; the account describes a sexual act.',
    decision: 'refer',
    ...overrides,
  };
}

export function manageInSchoolBody(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...ALL_NO,
    decision: 'manage-in-school',
    reasons:
      'Both 15, consensual exchange, not shared further; no aggravating features. Education and support in school.',
    revisit: true,
    ...overrides,
  };
}

export function referralBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agency: 'police',
    madeAt: '2026-12-01T10:00',
    method: 'phone',
    contact: 'PC Dana Okafor, child protection team',
    reference: 'KB-2026-55821',
    shared: 'The account of the concern, in words; the child’s age; that the phone is secured.',
    advice:
      'Keep the phone switched off and secured; do not inform the family until the police call back.',
    nextSteps: 'Police to visit tomorrow morning; strategy discussion to follow.',
    ...overrides,
  };
}

export function initialReviewBody(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    meetingAt: '2026-12-01T09:00',
    attendeesOthers: [{ name: 'Mr Head of Year', role: 'Head of Year 8' }],
    known: 'Ava (12) said a boy in Year 8 shared an image of her in a group chat.',
    decisions: 'Run the immediate-referral check now; secure the phone.',
    reasons: 'The child is under 13 and the account describes a sexual act.',
    ...overrides,
  };
}

export function parentsBody(
  childId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    child: childId,
    informed: false,
    reasons: 'The police asked us not to inform the family until they have visited.',
    consultedFirst: 'police',
    ...overrides,
  };
}

export function deletionBody(
  childId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    child: childId,
    what: 'The image of herself she sent to one classmate on 28 November.',
    where: ['devices', 'cloud', 'social-media'],
    instructedAt: '2026-12-01T09:20',
    deadline: '2026-12-02T16:00',
    presentOthers: [{ name: 'Ms Pastoral', role: 'Pastoral lead' }],
    ...overrides,
  };
}
