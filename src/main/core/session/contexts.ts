// The narrow contexts the facade hands to services, built from the session's keys: each service
// sees the session, the open vault and the clock, plus a key only where its rule needs one (the
// vault key for a new team member's slot, the school key for a certificate) — never the whole core.
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam, managesAccounts } from '../../../shared/roles';
import type { Sqlite } from '../../db/sqlite';
import type { AccountContext } from '../accounts/accountService';
import type { OwnPassphraseContext } from '../accounts/ownPassphrase';
import type { RecoveryContext } from '../accounts/recoveryFlows';
import type { SchoolKey } from '../accounts/schoolKey';
import type { ServiceContext, Session } from '../identity/session';
import type { VaultPaths } from '../vault/paths';
import type { SessionKeys } from './sessionKeys';

/** What every builder reads: the session's keys, the vault's files and the clock. */
export interface ContextSource {
  keys: SessionKeys;
  paths: VaultPaths;
  now: () => Date;
}

/** `{ session, db, now }` for a signed-in session with the vault open. */
export function serviceContext(src: ContextSource): ServiceContext<Sqlite> {
  return { session: src.keys.requireSession(), db: src.keys.requireDb(), now: src.now };
}

/** The safeguarding team only (DSL, deputy, senior leader), with the vault open. */
export function requireTeam(keys: SessionKeys): Session {
  const s = keys.requireSession();
  if (!isSafeguardingTeam(s.account.role) || !s.vaultOpen) throw new CaseSealError('NOT_ALLOWED');
  return s;
}

/** Only a DSL manages accounts (docs/design.md, "Who manages accounts"). */
export function accountContext(src: ContextSource): AccountContext {
  const session = src.keys.requireSession();
  if (!managesAccounts(session.account.role) || !session.vaultOpen)
    throw new CaseSealError('NOT_ALLOWED', 'Only a DSL can manage accounts.');
  return {
    session,
    db: src.keys.requireDb(),
    now: src.now,
    keySlotsPath: src.paths.keySlots,
    vaultKey: src.keys.vaultKey,
    school: src.keys.schoolKey,
  };
}

/** Anyone signed in, staff included (their change is then not audited: no vault). */
export function ownPassphraseContext(src: ContextSource): OwnPassphraseContext {
  return {
    session: src.keys.requireSession(),
    db: src.keys.db,
    now: src.now,
    keySlotsPath: src.paths.keySlots,
    vaultKey: src.keys.vaultKey,
    schoolKey: src.keys.schoolKey,
  };
}

/** The files, the clock, and the open session if any (the recovery key works while locked). */
export function recoveryContext(src: ContextSource): RecoveryContext {
  const { db, session, schoolKey } = src.keys;
  return {
    paths: src.paths,
    now: src.now,
    open: db && session ? { db, session } : null,
    schoolKey,
  };
}

/** A DSL whose slot holds the school key, with the vault open (sealing it into the recovery slot). */
export function schoolKeyHolderContext(
  src: ContextSource,
): ServiceContext<Sqlite> & { paths: VaultPaths; schoolKey: SchoolKey } {
  const session = src.keys.requireSession();
  const { schoolKey, vaultKey } = src.keys;
  if (!managesAccounts(session.account.role) || !schoolKey || !vaultKey)
    throw new CaseSealError('NO_SCHOOL_KEY');
  return { session, db: src.keys.requireDb(), now: src.now, paths: src.paths, schoolKey };
}
