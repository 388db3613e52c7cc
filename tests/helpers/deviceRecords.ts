// Test helpers: valid device and custody-step bodies, written the way a user fills the forms.

export function phoneBody(
  ownerChildId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    deviceType: 'phone',
    make: 'Apple',
    model: 'iPhone 13',
    colour: 'Black, in a clear case',
    ownerKind: 'child',
    ownerChildId,
    imei: '356938035643809',
    condition: 'Small crack across the top left of the screen.',
    sealNumber: 'EB-0041',
    lockedIn: 'Safe in the DSL office (room 14)',
    powerState: 'on',
    lockState: 'locked',
    battery: 'about 40%',
    wifi: 'on',
    mobileData: 'on',
    flightMode: 'off',
    notBrowsed: true,
    ...overrides,
  };
}

export function tabletBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    deviceType: 'tablet',
    make: 'Samsung',
    colour: 'Grey',
    ownerKind: 'staff',
    ownerName: 'Percival Oakes',
    condition: 'Good; no case.',
    sealNumber: 'EB-0042',
    lockedIn: 'Locked cupboard in the head’s office',
    powerState: 'off',
    notBrowsed: true,
    ...overrides,
  };
}

/** The seizure in four answers: what it is, whose it is, the bag or seal number, where it is locked. */
export function seizureBody(
  ownerChildId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    deviceType: 'phone',
    ownerKind: 'child',
    ownerChildId,
    sealNumber: 'EB-0077',
    lockedIn: 'Safe in the DSL office (room 14)',
    ...overrides,
  };
}

/** The rest of the description, given later in the checklist (a device-described record). */
export function describedBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    make: 'Samsung',
    model: 'Galaxy A14',
    colour: 'Blue',
    condition: 'Scuffed corners; no case.',
    powerState: 'on',
    lockState: 'locked',
    wifi: 'on',
    mobileData: 'not-visible',
    flightMode: 'off',
    notBrowsed: true,
    ...overrides,
  };
}

/** Bodies for each custody step; `when` is the UK wall-clock time it happened. */
export const STEP_BODIES = {
  'custody-confiscated': (when: string) => ({
    when,
    confiscatedBy: 'Mr H. Ashdown, Year 9 tutor',
    confiscatedFrom: 'Tallulah Vance',
    where: 'Room B12',
    useStopped: true,
  }),
  'custody-declaration': (when: string) => ({ when, nothingDeleted: true, nothingCopied: true }),
  'custody-isolated': (when: string) => ({
    method: 'flight-mode-off',
    when,
    flightModeOn: true,
    turnedOff: true,
  }),
  'custody-secured': (when: string) => ({
    when,
    location: 'Safe in the DSL office (room 14)',
    keyHolder: 'Quentin Marlowe-Dsl',
    sealNumber: 'EB-0041',
  }),
  'custody-police-called': (when: string) => ({
    when,
    policeReference: 'KB-231126-0042',
    officer: 'PC Imelda Strand, 101 call handler',
    advice: 'Keep the device switched off in the safe; an officer will collect it this afternoon.',
  }),
  'custody-handed-over': (when: string) => ({
    when,
    officerName: 'DC Rowan Whitlock',
    officerNumber: '4471',
    force: 'Kingsford Constabulary',
    policeReference: 'KB-231126-0042',
  }),
  'custody-returned': (when: string) => ({
    when,
    returnedTo: 'Percival Oakes (owner, member of staff)',
    reason: 'The police advised no further action (reference KB-231126-0077).',
  }),
  'custody-taken-out': (when: string) => ({
    when,
    takenBy: 'Quentin Marlowe-Dsl (DSL)',
    reason: 'To show the police officer the seal number before collection.',
  }),
  'custody-put-back': (when: string) => ({ when, location: 'Safe in the DSL office (room 14)' }),
} as const;
