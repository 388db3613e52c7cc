// Stable error codes that survive the IPC envelope, with the plain-English message a user sees.
// Messages never contain case data, names or passphrases: they may be shown on the lock screen.

export const ERROR_MESSAGES = {
  BAD_INPUT: 'Some of the information is missing or not in the expected form.',
  UNKNOWN_CHANNEL: 'CaseSeal does not know that request.',
  FORBIDDEN_SENDER: 'That request did not come from the CaseSeal window.',
  NOT_SIGNED_IN: 'CaseSeal is locked. Sign in to continue.',
  NOT_ALLOWED: 'Your role does not allow this.',
  NOT_FOUND: 'That item does not exist or you cannot see it.',
  ALREADY_SET_UP: 'CaseSeal is already set up on this computer.',
  NOT_SET_UP: 'CaseSeal has not been set up on this computer yet.',
  SETUP_NOT_STARTED: 'Start the set-up again: the recovery key step has expired.',
  RECOVERY_MISMATCH:
    'The recovery key groups you typed do not match. Check your copy and try again.',
  WRONG_PASSPHRASE: 'That passphrase is not right for this account.',
  LOCKED_OUT: 'Too many wrong passphrases for this account. Wait before trying again.',
  ACCOUNT_DISABLED: 'This account has been disabled. Ask your DSL.',
  WEAK_PASSPHRASE: 'Choose a longer, harder-to-guess passphrase.',
  WRONG_RECOVERY_KEY: 'That recovery key does not open this vault.',
  VAULT_UNREADABLE: 'The case vault could not be opened. It has not been changed.',
  VAULT_TOO_NEW:
    'This vault was written by a newer version of CaseSeal. Install the newer version to open it.',
  KEYSLOTS_DAMAGED:
    'The key-slot file beside the vault is damaged or missing. The vault has not been changed.',
  IMAGERY_REFUSED:
    'This looks like image or video data. CaseSeal never takes in imagery (rule R2: never copy, store or save it). Describe what was seen in words instead. Nothing was saved.',
  CONTROL_CHARACTER:
    'The text holds an invisible control character that cannot be typed, usually left behind by copying from another program. Delete it and try again. Nothing was saved.',
  BROKEN_TEXT:
    'The text holds a broken character (half of an emoji or symbol), usually left behind by copying from another program. Delete it and try again. Nothing was saved.',
  RULE_BLOCKED: 'This cannot be signed yet: a rule is not met.',
  CONFLICT: 'Someone else changed this at the same time. Reload and try again.',
  LAST_DSL: 'There must always be at least one active DSL account.',
  INTEGRITY: 'The log failed an integrity check.',
  INTAKE_UNAVAILABLE:
    'CaseSeal cannot seal your concern on this computer. Nothing was saved. Tell the DSL in person now.',
  NO_SCHOOL_KEY:
    'Your key slot does not hold the school key, so you cannot change accounts. Ask the DSL who set CaseSeal up, or use the recovery key.',
  CANCELLED: 'Cancelled. Nothing was written.',
  EXPORT_FAILED: 'The export could not be written. No partial file was left behind.',
  BUNDLE_UNUSABLE: 'That file is not a CaseSeal export, or it could not be opened.',
  NOT_A_BACKUP: 'That file is not a CaseSeal backup. Nothing has been changed.',
  BACKUP_UNREADABLE: 'That backup file could not be read. Nothing has been changed.',
  BACKUP_DAMAGED: 'This backup file is damaged and cannot be restored. Nothing has been changed.',
  BACKUP_WRONG_KEY:
    'That passphrase or recovery key does not open this backup. Nothing has been changed.',
  BACKUP_FAILED: 'The backup could not be made. The vault has not been changed.',
  INTERNAL: 'Something went wrong inside CaseSeal. Nothing was saved.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An error with a stable code. `message` is safe to show and to log (no case data). */
export class CaseSealError extends Error {
  readonly code: ErrorCode;
  /** Optional structured, non-sensitive detail (e.g. rule ids, retry-after seconds). */
  readonly detail: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message?: string, detail?: Record<string, unknown>) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'CaseSealError';
    this.code = code;
    this.detail = detail;
  }
}

export function isCaseSealError(e: unknown): e is CaseSealError {
  return e instanceof CaseSealError;
}
