// Test helpers: pupil record bodies, as the "Add a pupil" form fills them.
export function pupilBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    legalName: 'Tallulah Vance',
    knownAs: 'Lula',
    yearGroup: 'Year 9',
    tutorGroup: '9R',
    dateOfBirth: '2012-03-04',
    sex: 'female',
    upn: 'A123456789012',
    send: false,
    lookedAfter: false,
    ...overrides,
  };
}
