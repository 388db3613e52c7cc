// Test helpers: valid bodies for the case-log record kinds, written the way a user fills the forms.
import { randomUUID } from 'node:crypto';

export function concernBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    childrenConcerned: 'Tallulah Vance (Year 9)',
    account:
      'Tallulah said an older boy in Year 11 shared a photo of her in the group chat "Y9 Squad". She was crying.',
    when: '2026-11-20T13:15',
    where: 'Library, lunchtime; Snapchat group chat',
    involved: 'Tallulah Vance; a Year 11 boy (name not given)',
    actionTaken:
      'Listened, reassured her, and came straight to the DSL. I did not look at the phone.',
    imagery: true,
    ...overrides,
  };
}

export function caseDetails(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Image shared in Year 9 group chat',
    incidentKind: 'nudes',
    categories: ['conduct', 'content'],
    children: [
      {
        id: randomUUID(),
        name: 'Tallulah Vance',
        dateOfBirth: '2012-03-04',
        sex: 'female',
        send: false,
      },
    ],
    others: [{ name: 'Year 11 boy, not yet named', kind: 'pupil' }],
    ...overrides,
  };
}

export function noteBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    noteType: 'discussion',
    subject: 'Spoke with the head of year',
    details:
      'Agreed to keep Tallulah away from the Year 11 corridor at break; head of year to check in daily.',
    ...overrides,
  };
}
