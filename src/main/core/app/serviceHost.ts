// What a domain service may use of the running core: who is signed in, the open vault and main's
// clock, and for a few services one or two named capabilities more. Services take one of these
// views, never the whole core (its keys, key-slot file, sign-in and lock), so what each service can
// reach is written in its signature; the facade satisfies every view.
import type { CaseSealCore } from './caseSealCore';

/** Who is signed in, the open vault and main's clock: what most services need. */
export type SessionHost = Pick<CaseSealCore, 'requireSession' | 'requireDb' | 'clock'>;

/** A service that signs records: the session's signer too. */
export type SigningHost = SessionHost & Pick<CaseSealCore, 'signerOf'>;

/** Countersigning: a second person at the same PC proves who they are with their passphrase (R5). */
export type CountersignHost = SigningHost & Pick<CaseSealCore, 'authenticateOther'>;

/** Search: the session's worker-thread reader, so a long search does not freeze the window. */
export type SearchHost = SessionHost & Pick<CaseSealCore, 'backgroundReader'>;

/** The sealed export: signing its export records, and the worker that builds the bundle. */
export type ExportHost = SessionHost &
  Pick<CaseSealCore, 'signerOf' | 'workerScript' | 'schoolKeyFingerprint' | 'audit' | 'emit'>;

/**
 * Backups: after a lock that follows changes and on a timer, so the service also watches the
 * session and the vault's state, and names the vault's files; it signs its backup-checked record.
 */
export type BackupHost = SigningHost &
  Pick<CaseSealCore, 'audit' | 'currentSession' | 'emit' | 'lock' | 'paths' | 'vaultState'>;
