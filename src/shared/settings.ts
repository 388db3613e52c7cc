// School settings kept in the vault: the school's details, the idle-lock time, the end of the
// school day (when same-day referrals fall due, R11) and the local safeguarding contacts.
import { z } from 'zod';

export const urnSchema = z
  .string()
  .regex(
    /^\d{6}$/,
    'The URN is the 6-digit Unique Reference Number from Get Information About Schools.',
  );

export const schoolSchema = z
  .object({
    name: z.string().trim().min(2, 'Give the school’s name.').max(200),
    urn: urnSchema,
    localAuthority: z.string().trim().min(2, 'Give the local authority.').max(200),
  })
  .strict();
export type School = z.infer<typeof schoolSchema>;

const contact = z.string().trim().max(300);

export const localContactsSchema = z
  .object({
    mash: contact.optional(),
    outOfHours: contact.optional(),
    lado: contact.optional(),
    policeNonEmergency: contact.optional(),
    prevent: contact.optional(),
  })
  .strict();
export type LocalContacts = z.infer<typeof localContactsSchema>;

export const LOCAL_CONTACT_LABELS: Record<keyof LocalContacts, string> = {
  mash: 'MASH / children’s services front door',
  outOfHours: 'Out-of-hours social care',
  lado: 'LADO',
  policeNonEmergency: 'Police (non-emergency, 101 or direct line)',
  prevent: 'Prevent lead',
};

export const settingsSchema = z
  .object({
    school: schoolSchema,
    idleLockMinutes: z.number().int().min(1).max(60),
    schoolDayEnd: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use the 24-hour clock, e.g. 16:00.'),
    localContacts: localContactsSchema,
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Omit<Settings, 'school'> = {
  idleLockMinutes: 5,
  schoolDayEnd: '16:00',
  localContacts: {},
};
