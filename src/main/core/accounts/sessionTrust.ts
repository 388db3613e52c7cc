// What a team sign-in trusts: a DSL's sign-in keeps the trust keys in place (and upgrades a
// first-release vault), anyone whose slot does not yet seal the school key fingerprint gets it now
// from their own passphrase, and the session's certificates are loaded against that fingerprint
// (docs/design.md, "Trust model": a signature counts only through a certificate).
import { managesAccounts } from '../../../shared/roles';
import type { Sqlite } from '../../db/sqlite';
import type { Session } from '../identity/session';
import { findSlot } from '../identity/signInAttempts';
import { readKeySlots } from '../vault/keySlots';
import type { OpenedSlot } from './keySlot';
import { loadCertificateBook, type SchoolKey } from './schoolKey';
import { sealTrustedSchoolIntoSlot } from './slotTrust';
import { ensureTrust } from './trustSetup';

export interface SessionTrustContext {
  session: Session;
  db: Sqlite;
  now: () => Date;
  keySlotsPath: string;
  vaultKey: Buffer;
}

/** Returns the school key a DSL's session now holds (null for anyone else); certificates loaded. */
export async function keepTrustAtSignIn(
  ctx: SessionTrustContext,
  passphrase: string,
  opened: OpenedSlot,
): Promise<SchoolKey | null> {
  const s = ctx.session;
  let school: SchoolKey | null = null;
  if (managesAccounts(s.account.role)) {
    const r = await ensureTrust({
      db: ctx.db,
      keySlotsPath: ctx.keySlotsPath,
      now: ctx.now,
      dsl: s.account,
      passphrase,
      signingKey: s.privateKey,
      keyId: s.keyId,
      vaultKey: ctx.vaultKey,
      schoolKey: opened.schoolKey,
    });
    school = r.school;
    if (r.school) s.trustedSchool = r.school.fingerprint;
  }
  const file = readKeySlots(ctx.keySlotsPath);
  const slot = findSlot(file, s.account.id);
  if (slot && !slot.trust && file.schoolKey) {
    await sealTrustedSchoolIntoSlot(ctx.keySlotsPath, {
      vaultId: file.vaultId,
      accountId: s.account.id,
      name: slot.name,
      role: s.account.role,
      passphrase,
      signingKey: s.privateKey,
      keyId: s.keyId,
      vaultKey: ctx.vaultKey,
      fingerprint: file.schoolKey.fingerprint,
    });
    s.trustedSchool = file.schoolKey.fingerprint;
  }
  await loadSessionTrust(ctx.db, s);
  return school;
}

/**
 * The vault's certificates, checked against the school key this session trusts. A vault from
 * before the school key has none and is checked as then; any other failure is the session's
 * trust problem, which every check reports.
 */
export async function loadSessionTrust(db: Sqlite, s: Session): Promise<void> {
  const t = await db.exclusive((c) => loadCertificateBook(c, s.trustedSchool));
  s.certificates = t.ok ? t.book : null;
  s.trustProblem = t.ok ? null : t.reason === 'no-school-key' ? null : t.message;
}
