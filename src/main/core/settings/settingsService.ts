// The school's settings (name, URN, idle lock, retention, ...): read by anyone signed in to the
// vault, changed only by the safeguarding team (the facade checks who), and every change audited
// with the names of the keys it touched, never their values.
import type { School, Settings } from '../../../shared/settings';
import { settingsSchema } from '../../../shared/settings';
import type { Sqlite } from '../../db/sqlite';
import { readSettings, writeSettings } from '../../db/repositories/settings';
import { appendAudit } from '../audit/auditLog';
import type { ServiceContext } from '../identity/session';

export type SettingsPatch = Partial<Omit<Settings, 'school'>> & { school?: Partial<School> };

export function getSettings(db: Sqlite): Promise<Settings> {
  return db.exclusive((c) => readSettings(c));
}

/** Merges the patch over what is stored, re-checks the whole (the schema), writes and audits it. */
export async function updateSettings(
  ctx: ServiceContext<Sqlite>,
  patch: SettingsPatch,
): Promise<Settings> {
  const current = await getSettings(ctx.db);
  const next = settingsSchema.parse({
    ...current,
    ...patch,
    school: { ...current.school, ...(patch.school ?? {}) },
  });
  const at = ctx.now().toISOString();
  await ctx.db.transaction(async (c) => {
    await writeSettings(c, next);
    await appendAudit(c, {
      at,
      actorId: ctx.session.account.id,
      action: 'settings-changed',
      detail: { keys: Object.keys(patch).sort() },
    });
  });
  return next;
}
