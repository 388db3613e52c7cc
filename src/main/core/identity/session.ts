// The signed-in person: their account, their own signing key and what their sign-in opened. A staff
// session never opens the vault (least privilege): it can only seal a concern to the team.
import type { KeyObject } from 'node:crypto';
import type { Signer } from '../../../shared/records/envelope';
import type { Account } from '../../db/repositories/accounts';
import type { CertificateBook } from '../accounts/certificates';
import type { IntegrityReport } from '../log/integrity';

export interface Session {
  account: Account;
  privateKey: KeyObject;
  keyId: string;
  signedInAt: string;
  lastActivity: number;
  integrity: IntegrityReport | null;
  /** False for staff: the vault stays closed and no case can be read. */
  vaultOpen: boolean;
  /** The school key fingerprint this person's key slot trusts (null before the upgrade). */
  trustedSchool: string | null;
  /** The vault's certificates, checked against the trusted school key (team sessions). */
  certificates: CertificateBook | null;
  /** Why the certificates could not be trusted, when they could not. */
  trustProblem: string | null;
}

export function signerOf(s: Session): Signer {
  return { accountId: s.account.id, name: s.account.name, role: s.account.role, keyId: s.keyId };
}

/** The narrow context services take (architecture: `{ session, db, now }`). */
export interface ServiceContext<Db> {
  session: Session;
  db: Db;
  now: () => Date;
}

/** A session as a sign-in (or set-up) starts it: nothing checked yet, certificates loaded after. */
export function startSession(args: {
  account: Account;
  privateKey: KeyObject;
  keyId: string;
  at: string;
  vaultOpen: boolean;
  trustedSchool: string | null;
}): Session {
  return {
    account: args.account,
    privateKey: args.privateKey,
    keyId: args.keyId,
    signedInAt: args.at,
    lastActivity: Date.now(),
    integrity: null,
    vaultOpen: args.vaultOpen,
    trustedSchool: args.trustedSchool,
    certificates: null,
    trustProblem: null,
  };
}
