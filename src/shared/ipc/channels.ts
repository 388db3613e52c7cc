// The names of every renderer-to-main channel and main-to-renderer event. Plain data, no zod, so
// the sandboxed preload can import it; contract.ts gives each channel its schema.

export const CHANNELS = [
  'app:vault.status',
  'app:setup.begin',
  'app:setup.confirm',
  'app:setup.cancel',
  'app:session.signIn',
  'app:session.lock',
  'app:session.touch',
  'app:accounts.list',
  'app:accounts.create',
  'app:accounts.disable',
  'app:accounts.changePassphrase',
  'app:accounts.resetWithRecovery',
  'app:settings.get',
  'app:settings.update',
  'app:audit.list',
  'app:integrity.checkAll',
  'app:cases.list',
  'app:cases.get',
  'app:cases.open',
  'app:cases.search',
  'app:records.concern',
  'app:records.add',
  'app:records.correct',
  'app:records.countersign',
  'app:devices.add',
  'app:devices.step',
  'app:devices.list',
  'app:devices.receipt',
  'app:dashboard.get',
  'app:dashboard.acknowledgeClock',
  'app:imagery.rules',
  'app:imagery.check',
  'app:imagery.finalise',
  'app:imagery.signAsOther',
  'app:referral.context',
  'app:export.create',
  'app:export.cancel',
  'app:export.pickBundle',
  'app:export.verify',
  'app:export.receipt',
  'app:backup.status',
  'app:backup.addFolder',
  'app:backup.removeFolder',
  'app:backup.settings',
  'app:backup.now',
  'app:restore.pick',
  'app:restore.run',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENTS = [
  'app:event.locked',
  'app:event.integrityAlarm',
  'app:event.progress',
] as const;
export type EventName = (typeof EVENTS)[number];

export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && (CHANNELS as readonly string[]).includes(x);
}
