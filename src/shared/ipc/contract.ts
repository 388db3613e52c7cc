// THE IPC contract (docs/design.md): every channel's zod input schema and output type.
// Main parses every payload with these schemas; the preload exposes exactly these channels.
import { z } from 'zod';
import { CHANNELS, type Channel } from './channels';
import { ROLES, type Role } from '../roles';
import { schoolSchema, settingsSchema, type School, type Settings } from '../settings';
import type { SignedRecord } from '../records/envelope';
import type { CaseFacts } from '../records/facts';
import type { Finding } from '../rules/finding';
import { DEVICE_STEP_KINDS, type DeviceView } from '../rules/custody';
import type { DashboardData } from '../dashboard';
import type { ImageryRule } from '../rules/imagery';
import type { CriterionHint, ReferralDefaults, ReferralDueItem } from '../rules/referral';
import type { LocalContacts } from '../settings';
import { exportRecipientSchema } from '../records/kinds/export';
import type { BundlePick, ExportOutcome, VerifyReport } from '../exportReport';
import { pupilContract, type PupilContractOutputs } from './pupilContract';
import type { IncidentCategory, IncidentCategoryInfo } from '../incidentCategories';
import {
  retentionSchema,
  warnAfterSchema,
  type BackupConfig,
  type BackupPreview,
  type BackupRunOutcome,
  type BackupStatus,
  type RestoreOutcome,
} from '../backup';

const id = z.string().uuid();
const passphrase = z.string().min(1, 'Type your passphrase.').max(1024);
const name = z.string().trim().min(2, 'Give the full name.').max(200);
const empty = z.object({}).strict();
/** Record bodies are checked in depth by the kind's own schema in main; here only their outline. */
const body = z.record(z.string(), z.unknown());

export const contract = {
  'app:vault.status': empty,
  'app:setup.begin': z
    .object({ school: schoolSchema, dsl: z.object({ fullName: name, passphrase }).strict() })
    .strict(),
  'app:setup.confirm': z
    .object({ groups: z.record(z.string().regex(/^\d$/), z.string().max(20)) })
    .strict(),
  'app:setup.cancel': empty,
  'app:session.signIn': z.object({ accountId: id, passphrase }).strict(),
  'app:session.lock': empty,
  'app:session.touch': empty,
  'app:accounts.list': empty,
  'app:accounts.create': z.object({ fullName: name, role: z.enum(ROLES), passphrase }).strict(),
  'app:accounts.disable': z.object({ accountId: id }).strict(),
  'app:accounts.changePassphrase': z.object({ current: passphrase, next: passphrase }).strict(),
  'app:accounts.resetWithRecovery': z
    .object({ recoveryKey: z.string().min(1).max(100), accountId: id, newPassphrase: passphrase })
    .strict(),
  // Keys and people (docs/design.md, "Trust model"): only a DSL changes roles; the recovery key
  // appoints a DSL when none can sign in; staff seal their concern to the team.
  'app:accounts.changeRole': z
    .object({ accountId: id, role: z.enum(ROLES), passphrase: passphrase.optional() })
    .strict(),
  'app:accounts.appointWithRecovery': z
    .object({
      recoveryKey: z.string().min(1).max(100),
      fullName: name,
      passphrase,
      // DSLs who have left but whose accounts are still open: disabled by the same appointment.
      replacing: z.array(z.string().uuid()).max(20).optional(),
    })
    .strict(),
  'app:trust.info': empty,
  'app:trust.setupSheet': empty,
  'app:trust.addSchoolKeyToRecovery': z
    .object({ recoveryKey: z.string().min(1).max(100) })
    .strict(),
  'app:intake.seal': z.object({ body }).strict(),
  'app:settings.get': empty,
  // The school's own kinds of incident (added and retired by the DSL or a deputy; never deleted).
  'app:categories.list': empty,
  'app:categories.add': z.object({ label: z.string().max(200) }).strict(),
  'app:categories.retire': z.object({ id: z.string().max(40) }).strict(),
  'app:settings.update': settingsSchema
    .omit({ school: true })
    .partial()
    .extend({ school: schoolSchema.partial().optional() })
    .strict(),
  'app:audit.list': z
    .object({
      actorId: id.optional(),
      caseId: id.optional(),
      action: z.string().max(40).optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .strict(),
  'app:integrity.checkAll': empty,
  // The page read after sign-in, the log seal (docs/design.md, "Trust model").
  'app:integrity.pageCheck': empty,
  'app:seal.print': empty,
  'app:seal.check': z.object({ shortForm: z.string().trim().min(1).max(200) }).strict(),
  // Main shows the open dialog: the renderer never names a file.
  'app:seal.checkPdf': empty,
  'app:cases.list': z
    .object({
      status: z.string().max(20).optional(),
      incidentKind: z.string().max(40).optional(),
      child: z.string().max(120).optional(),
      from: z.string().max(30).optional(),
      to: z.string().max(30).optional(),
      sort: z
        .enum(['updated-desc', 'updated-asc', 'created-desc', 'created-asc', 'ref'])
        .optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
  'app:cases.get': z.object({ caseId: id }).strict(),
  'app:cases.open': z.object({ fromCaseId: id.optional(), details: body }).strict(),
  'app:cases.search': z.object({ query: z.string().min(1).max(200) }).strict(),
  'app:records.concern': z.object({ body }).strict(),
  'app:records.add': z.object({ caseId: id, kind: z.string().min(1).max(64), body }).strict(),
  'app:records.correct': z
    .object({ recordId: id, reason: z.string().max(4000), corrected: body })
    .strict(),
  'app:records.countersign': z
    .object({ recordId: id, purpose: z.string().min(1).max(40), accountId: id, passphrase })
    .strict(),
  // Devices as exhibits and their chain of custody (R9, R10); the dashboard.
  'app:devices.add': z.object({ caseId: id, body }).strict(),
  'app:devices.step': z.object({ deviceId: id, kind: z.enum(DEVICE_STEP_KINDS), body }).strict(),
  'app:devices.list': z.object({ caseId: id }).strict(),
  'app:devices.receipt': z.object({ deviceId: id }).strict(),
  'app:dashboard.get': empty,
  'app:dashboard.acknowledgeClock': z.object({ auditSeq: z.number().int().positive() }).strict(),
  'app:dashboard.acknowledgeAlarm': z.object({ auditSeq: z.number().int().positive() }).strict(),
  // The imagery rules (R1–R8).
  'app:imagery.rules': empty,
  'app:imagery.check': z.union([
    z.object({ caseId: id, body }).strict(),
    z.object({ recordId: id }).strict(),
  ]),
  'app:imagery.finalise': z
    .object({ recordId: id, witnessPassphrase: passphrase.optional() })
    .strict(),
  'app:imagery.signAsOther': z
    .object({
      caseId: id,
      kind: z.enum(['delegation', 'delegation-revoked']),
      body,
      accountId: id,
      passphrase,
    })
    .strict(),
  'app:referral.context': z.object({ caseId: id }).strict(),
  // The sealed export (the save and open dialogs are shown by main, never given a path by the renderer).
  'app:export.create': z
    .object({
      caseIds: z.array(id).min(1, 'Choose at least one case to export.').max(200),
      recipient: exportRecipientSchema,
      encrypt: z.boolean(),
    })
    .strict(),
  'app:export.cancel': empty,
  'app:export.pickBundle': empty,
  'app:export.verify': z.object({ token: id, passphrase: z.string().max(300).optional() }).strict(),
  'app:export.receipt': z.object({ exportId: id }).strict(),
  ...pupilContract,
  // Backups and restore: folders and backup files are chosen in main's own dialogs, never named by the renderer.
  'app:backup.status': empty,
  'app:backup.addFolder': empty,
  'app:backup.removeFolder': z.object({ folder: z.string().min(1).max(1000) }).strict(),
  'app:backup.settings': z
    .object({ retention: retentionSchema, warnAfter: warnAfterSchema })
    .strict(),
  'app:backup.now': empty,
  'app:restore.pick': empty,
  'app:restore.run': z
    .object({
      token: id,
      secret: z.string().trim().min(1, 'Type a passphrase or the recovery key.').max(1024),
    })
    .strict(),
} satisfies Record<Channel, z.ZodTypeAny>;

export type ChannelInput<C extends Channel> = z.input<(typeof contract)[C]>;

// ------------------------------------------------------------------ output types

export interface PickerAccount {
  id: string;
  name: string;
  role: Role;
  retryAfterSeconds: number;
}

export interface SessionInfo {
  accountId: string;
  name: string;
  role: Role;
  school: School;
  idleLockMinutes: number;
  /** False for staff: their session cannot read the vault, only seal a concern. */
  vaultOpen: boolean;
  integrity: {
    ok: boolean;
    mode: string;
    checked: number;
    problems: Array<{ problem: string; recordId?: string; caseId?: string; message: string }>;
  } | null;
}

export interface VaultStatus {
  state: 'needs-setup' | 'locked' | 'unlocked' | 'damaged';
  message?: string;
  accounts: PickerAccount[];
  session: SessionInfo | null;
}

export interface AccountInfo {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export interface AuditEntryInfo {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  caseId: string | null;
  caseRef: string | null;
  recordId: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

export interface CaseListItem {
  id: string;
  ref: string;
  status: string;
  title: string;
  incidentKind: string | null;
  category: string | null;
  children: string;
  createdAt: string;
  openedAt: string | null;
  updatedAt: string;
  flags: string[];
}

export interface CaseDetail {
  case: CaseListItem;
  access: 'full' | 'own-records';
  facts: CaseFacts | null;
  records: SignedRecord[];
}

export interface SignOutcome {
  recordId: string;
  caseId: string;
  hash: string;
  signedAt: string;
  warnings: string[];
  findings: Finding[];
}

export interface SearchHitInfo {
  caseId: string;
  caseRef: string;
  caseTitle: string;
  recordId: string;
  kind: string;
  snippet: string;
}

/** The background page read: running with progress, or its result in plain words. */
export interface PageCheckInfo {
  state: 'idle' | 'running' | 'done';
  done: number;
  total: number;
  result: {
    outcome: 'intact' | 'damaged' | 'cancelled' | 'unreadable';
    pages: number;
    message: string;
    finishedAt: string;
  } | null;
}

/** Checking the vault against a log seal typed from paper. */
export interface SealCheckInfo {
  ok: boolean;
  shortForm: string;
  findings: string[];
  /** `sealed`: the position the seal covers; `head`: the last position in the vault now. */
  records: { sealed: number; head: number; matches: boolean; intact: boolean };
  audit: { sealed: number; head: number; matches: boolean; intact: boolean };
}

/** Checking the vault against the seal printed in a saved PDF (a log seal or an export receipt). */
export interface SealPdfCheckInfo extends SealCheckInfo {
  /** The file's name only, never its folder. */
  fileName: string;
}

export interface IntegrityInfo {
  ok: boolean;
  mode: string;
  checked: number;
  auditChecked: number;
  at: string;
  problems: Array<{
    problem: string;
    recordId?: string;
    caseId?: string;
    seq?: number;
    message: string;
  }>;
}

/** What the referral, referral-check and deletion forms need for one case. */
export interface ReferralContextInfo {
  /** Every local contact from settings, in a fixed order; value null when not filled in. */
  contacts: Array<{ key: keyof LocalContacts; label: string; value: string | null }>;
  schoolDayEnd: string;
  defaults: ReferralDefaults;
  dueItems: ReferralDueItem[];
  hints: CriterionHint[];
  policeReferral: boolean;
  /** Why a deletion instruction would be refused now (R17), or null. */
  deletionRefusal: string | null;
  /** R18: a device search suspected an indecent image — lead to "add a device". */
  seizureSuggested: boolean;
  /** Main's clock (UTC ISO): the form's default times and the preview of a new check's deadline use it, never the renderer's. */
  now: string;
}

/** A "referral due today" item on the dashboard. */
export interface ReferralDueInfo extends ReferralDueItem {
  caseRef: string;
  caseTitle: string;
}

/** Main's evaluation of a viewing decision: a draft's findings R1–R8, or what a signed one still needs to be final. */
export interface ViewingCheckInfo {
  findings: Finding[];
  state: 'draft' | 'awaiting-witness' | 'final';
}

/** A viewing decision finalised by the witness's own countersignature (R5); countersignature null if it was final already. */
export interface FinaliseInfo {
  recordId: string;
  final: true;
  countersignature: SignOutcome | null;
}

/** A device recorded on a case: main's device id and exhibit reference. */
export interface DeviceAddOutcome extends SignOutcome {
  deviceId: string;
  exhibitRef: string;
}

export type { DeviceView, DashboardData };

/** What a staff member sees after sealing a concern: they cannot read it back. */
export interface ConcernReceiptInfo {
  reference: string;
  sealedAt: string;
  sha256: string;
}

/** The school key, for Settings and the set-up sheet. */
export interface TrustInfo {
  /** Hex, 64 characters; null before the first DSL sign-in of an upgraded vault. */
  schoolKeyFingerprint: string | null;
  /** The same, in groups of four for reading aloud. */
  grouped: string | null;
  /** Whether the recovery slot holds the school key (it must, to appoint a DSL or re-key). */
  recoveryHoldsSchoolKey: boolean;
  /** Sealed concerns opened at this sign-in, and any left in the intake folder with the reason. */
  intake: { imported: number; refused: Array<{ file: string; reason: string }> } | null;
}

export interface ContractOutputs extends PupilContractOutputs {
  'app:vault.status': VaultStatus;
  'app:setup.begin': { recoveryKey: string; confirmGroups: number[]; schoolKeyFingerprint: string };
  'app:setup.confirm': SessionInfo;
  'app:setup.cancel': null;
  'app:session.signIn': SessionInfo;
  'app:session.lock': null;
  'app:session.touch': null;
  'app:accounts.list': AccountInfo[];
  'app:accounts.create': AccountInfo;
  'app:accounts.disable': null;
  'app:accounts.changePassphrase': null;
  'app:accounts.resetWithRecovery': null;
  'app:accounts.changeRole': AccountInfo;
  'app:accounts.appointWithRecovery': AccountInfo;
  'app:trust.info': TrustInfo;
  'app:trust.setupSheet': { fileName: string; saved: boolean; path?: string };
  'app:trust.addSchoolKeyToRecovery': null;
  'app:intake.seal': ConcernReceiptInfo;
  'app:settings.get': Settings;
  'app:categories.list': IncidentCategoryInfo[];
  'app:categories.add': IncidentCategory;
  'app:categories.retire': IncidentCategory;
  'app:settings.update': Settings;
  'app:audit.list': AuditEntryInfo[];
  'app:integrity.checkAll': IntegrityInfo;
  'app:integrity.pageCheck': PageCheckInfo;
  'app:seal.print': { fileName: string; saved: boolean; path?: string; shortForm: string };
  'app:seal.check': SealCheckInfo;
  /** Null when the person closed the dialog without choosing a file. */
  'app:seal.checkPdf': SealPdfCheckInfo | null;
  'app:cases.list': { cases: CaseListItem[]; total: number };
  'app:cases.get': CaseDetail;
  'app:cases.open': SignOutcome;
  'app:cases.search': SearchHitInfo[];
  'app:records.concern': SignOutcome;
  'app:records.add': SignOutcome;
  'app:records.correct': SignOutcome;
  'app:records.countersign': SignOutcome;
  'app:devices.add': DeviceAddOutcome;
  'app:devices.step': SignOutcome;
  'app:devices.list': DeviceView[];
  'app:devices.receipt': { fileName: string; saved: boolean; path?: string };
  'app:dashboard.get': DashboardData;
  'app:dashboard.acknowledgeClock': null;
  'app:dashboard.acknowledgeAlarm': null;
  'app:imagery.rules': ImageryRule[];
  'app:imagery.check': ViewingCheckInfo;
  'app:imagery.finalise': FinaliseInfo;
  'app:imagery.signAsOther': SignOutcome;
  'app:referral.context': ReferralContextInfo;
  'app:export.create': ExportOutcome;
  'app:export.cancel': { cancelled: boolean };
  'app:export.pickBundle': BundlePick;
  'app:export.verify': VerifyReport;
  'app:export.receipt': { fileName: string; saved: boolean; path?: string };
  'app:backup.status': BackupStatus;
  'app:backup.addFolder': BackupConfig;
  'app:backup.removeFolder': BackupConfig;
  'app:backup.settings': BackupConfig;
  'app:backup.now': BackupRunOutcome;
  'app:restore.pick': BackupPreview;
  'app:restore.run': RestoreOutcome;
}

export type ChannelOutput<C extends Channel> = C extends keyof ContractOutputs
  ? ContractOutputs[C]
  : never;

export type IpcResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string; detail?: Record<string, unknown> } };

export interface EventPayloads {
  'app:event.locked': { reason: string };
  'app:event.integrityAlarm': { problems: number };
  'app:event.progress': { task: string; done: number; total: number };
}

export { CHANNELS };
