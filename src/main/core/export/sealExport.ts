// The sealed export for the police (docs/export-format.md): signs an `export` record onto
// each chosen case, builds report.pdf, records.json, audit.json and VERIFY.txt, signs the manifest
// with the exporting DSL's Ed25519 key, zips it all (AES-256 with a one-time passphrase if asked),
// and writes it through a temp file renamed only on success. Everything happens in one vault
// transaction: a cancelled or failed export leaves no file, no export record and no audit entry.
import { randomBytes, randomUUID } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { setImmediate as yieldNow } from 'node:timers/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { CaseSealError, isCaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
import {
  exportRecipientSchema,
  exportRecord,
  type ExportRecipient,
} from '../../../shared/records/kinds/export';
import type { ExportHost } from '../app/serviceHost';
import type { Conn } from '../../db/sqlite';
import { signIntoCase } from '../cases/caseService';
import { requireCaseAccess } from '../access/policy';
import { readCaseRecords } from '../log/recordLog';
import { caseFacts, factsOfRecords } from '../log/projections';
import { appendAudit, auditFromRow, type AuditEntry } from '../audit/auditLog';
import { sealShortForm } from '../log/logSeal';
import { auditListDigest } from '../verify/auditDigest';
import { auditSigningFrom, listSystemKeys } from '../../db/repositories/auditSigning';
import { auditHead, recordHead } from '../../db/repositories/checkpoints';
import { auditRowsOfCase } from '../../db/repositories/audit';
import { caseRefRow } from '../../db/repositories/cases';
import { listAccounts, listPublicKeys } from '../../db/repositories/accounts';
import { readSettings } from '../../db/repositories/settings';
import { formatFingerprint, privateKeyToDer } from '../crypto/ed25519';
import {
  AUDIT_FORMAT,
  AUDIT_SUBSET_NOTE,
  BUNDLE_VERSION,
  RECORDS_FORMAT,
  type AuditFile,
  type RecordsFile,
} from '../verify/bundleFormat';
import type { ReportCase } from './reportPdf';
import { oneTimePassphrase } from './passphrase';
import { runTask } from '../worker/workerHost';
import {
  buildExportBundle,
  CANCELLED_MESSAGE,
  type ExportBundle,
  type ExportBundleInput,
} from './exportBundle';
import { exportCertificates, sealedAuthor } from './exportTrust';

export const exportInputSchema = z
  .object({
    caseIds: z.array(z.string().uuid()).min(1, 'Choose at least one case to export.').max(200),
    recipient: exportRecipientSchema,
    encrypt: z.boolean(),
  })
  .strict();

export type ExportStage = 'records' | 'report' | 'bundle' | 'write';

export interface ExportProgress {
  stage: ExportStage;
  done: number;
  total: number;
}

export interface SealExportOptions {
  caseIds: string[];
  recipient: ExportRecipient;
  encrypt: boolean;
  /** Absolute path of the .zip to write (chosen by the user in a save dialog, or by a test). */
  outPath: string;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  exportId: string;
  outPath: string;
  fileName: string;
  bytes: number;
  /** SHA-256 of manifest.sha256: printed on the handover receipt. */
  manifestSha256: string;
  /** SHA-256 of the bundle file itself: printed on the handover receipt. */
  bundleSha256: string;
  keyId: string;
  fingerprint: string;
  /** The one-time passphrase (encrypted exports only). Shown once; CaseSeal never stores it. */
  passphrase: string | null;
  cases: Array<{
    caseId: string;
    ref: string;
    title: string;
    records: number;
    exportRecordId: string;
  }>;
  records: number;
  exportedAt: string;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CaseSealError('CANCELLED', CANCELLED_MESSAGE);
}

/** A file name for the bundle: caseseal-export-<first case ref>[-and-N-more]-<date>.zip */
export function suggestedFileName(refs: readonly string[], at: Date): string {
  const day = at.toISOString().slice(0, 10);
  const first = (refs[0] ?? 'cases').replace(/[^A-Za-z0-9-]/g, '');
  return `caseseal-export-${first}${refs.length > 1 ? `-and-${refs.length - 1}-more` : ''}-${day}.zip`;
}

interface CaseRowLite {
  id: string;
  ref: string;
  title: string;
}

export async function sealExport(core: ExportHost, opts: SealExportOptions): Promise<ExportResult> {
  const s = core.requireSession();
  if (!isSafeguardingTeam(s.account.role))
    throw new CaseSealError(
      'NOT_ALLOWED',
      'Only the DSL or a deputy DSL can export cases for the police.',
    );
  const parsed = exportInputSchema.safeParse({
    caseIds: opts.caseIds,
    recipient: opts.recipient,
    encrypt: opts.encrypt,
  });
  if (!parsed.success) throw new CaseSealError('BAD_INPUT', parsed.error.issues[0]?.message);
  const { recipient, encrypt } = parsed.data;
  const caseIds = [...new Set(parsed.data.caseIds)];
  if (!isAbsolute(opts.outPath) || !opts.outPath.toLowerCase().endsWith('.zip'))
    throw new CaseSealError('BAD_INPUT', 'Choose where to save the export (a .zip file).');
  const dir = dirname(opts.outPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CaseSealError(
      'EXPORT_FAILED',
      'The chosen folder does not exist. Choose another place to save the export.',
    );
  throwIfCancelled(opts.signal);

  const fileName = basename(opts.outPath);
  const tmpPath = join(dir, `.${fileName}.${randomBytes(6).toString('hex')}.partial`);
  const exportId = randomUUID();
  const passphrase = encrypt ? oneTimePassphrase() : null;
  const signer = core.signerOf(s);
  const actor = { id: s.account.id, name: s.account.name, role: s.account.role, active: true };
  let renamed = false;

  const db = core.requireDb();
  try {
    return await db.transaction(async (conn) => {
      // ---- 1. the cases, and an export record signed onto each (before building, so the bundle holds it)
      const rows: CaseRowLite[] = [];
      for (const id of caseIds) {
        await requireCaseAccess(conn, s.account, id, 'full');
        const row = await caseRefRow(conn, id);
        if (!row) throw new CaseSealError('NOT_FOUND');
        rows.push(row);
      }
      await yieldNow();
      const listed = await Promise.all(
        rows.map(async (r) => ({
          caseId: r.id,
          ref: r.ref,
          title: ((await caseFacts(conn, r.id)).title ?? r.title).slice(0, 200) || 'Untitled',
        })),
      );
      const exportRecordIds = new Map<string, string>();
      let at = '';
      // The audit entries about each case so far, listed in the signed export record.
      const auditUpTo = (await auditHead(conn)).seq;
      const auditLists = await Promise.all(
        rows.map(async (r) => {
          const entries = await readCaseAudit(conn, r.id);
          return {
            caseId: r.id,
            seqs: entries.map((e) => e.seq),
            sha256: auditListDigest(entries),
          };
        }),
      );
      const body = exportRecord.schema.safeParse({
        exportId,
        fileName,
        cases: listed,
        recipient,
        encrypted: encrypt,
        audit: { upTo: auditUpTo, cases: auditLists },
      });
      if (!body.success) throw new CaseSealError('BAD_INPUT', body.error.issues[0]?.message);
      for (const r of rows) {
        throwIfCancelled(opts.signal);
        const res = await signIntoCase(core, conn, {
          caseId: r.id,
          kind: 'export',
          body: structuredClone(body.data),
          by: { signer, privateKey: s.privateKey },
          actor,
        });
        exportRecordIds.set(r.id, res.record.envelope.id);
        // Each signature refreshes the case's projection (every record re-derived): a turn for the UI.
        await yieldNow();
        at = res.record.envelope.signedAt;
        opts.onProgress?.({ stage: 'records', done: exportRecordIds.size, total: rows.length });
      }
      const exportedAt = at;

      // ---- 2. read everything the bundle holds
      const settings = await readSettings(conn);
      const accounts = (await listAccounts(conn)).map((a) => ({
        id: a.id,
        name: a.name,
        role: a.role,
        active: a.active,
      }));
      const cases: ReportCase[] = [];
      for (const [i, r] of rows.entries()) {
        // The engine is synchronous: give the UI's thread a turn between one case's reads and the next.
        await yieldNow();
        const records = await readCaseRecords(conn, r.id);
        await yieldNow();
        const facts = await factsOfRecords(conn, r.id, records);
        await yieldNow();
        const audit = await readCaseAudit(conn, r.id);
        cases.push({ caseId: r.id, ref: r.ref, title: listed[i]!.title, facts, records, audit });
      }
      const keyIds = new Set<string>([signer.keyId]);
      for (const c of cases)
        for (const r of c.records) {
          keyIds.add(r.envelope.signer.keyId);
          // A sealed concern also carries its author's own signature: their key travels too.
          const author = sealedAuthor(r.envelope.body);
          if (author) keyIds.add(author.keyId);
        }
      // Audit entries are signed too: their signers' keys travel with them.
      for (const c of cases) for (const e of c.audit) if (e.signerKeyId) keyIds.add(e.signerKeyId);
      const accountById = new Map(accounts.map((a) => [a.id, a]));
      const keys = (await listPublicKeys(conn))
        .filter((k) => keyIds.has(k.keyId))
        .map((k) => {
          const a = accountById.get(k.accountId);
          return {
            keyId: k.keyId,
            accountId: k.accountId,
            name: a?.name ?? 'Unknown account',
            role: a?.role ?? 'staff',
            publicKeyPem: k.publicKeyPem,
          };
        });
      const exporterKey = keys.find((k) => k.keyId === signer.keyId);
      if (!exporterKey)
        throw new CaseSealError(
          'EXPORT_FAILED',
          'Your signing key is not in the vault. The export was not made.',
        );
      const totalRecords = cases.reduce((n, c) => n + c.records.length, 0);
      // The school key and the certificates of every signer (verify/exportCertificates.ts).
      const certificates = await exportCertificates(conn, s.trustedSchool, [
        signer.accountId,
        ...keys.map((k) => k.accountId),
      ]);

      // ---- 3. the files
      const recordsFile: RecordsFile = {
        format: RECORDS_FORMAT,
        version: BUNDLE_VERSION,
        exportId,
        exportedAt,
        exporter: {
          accountId: signer.accountId,
          name: signer.name,
          role: signer.role,
          keyId: signer.keyId,
        },
        recipient,
        encrypted: encrypt,
        school: settings.school,
        keys,
        cases: cases.map((c) => {
          const { records: _records, effective: _effective, ...summary } = c.facts;
          return {
            caseId: c.caseId,
            ref: c.ref,
            title: c.title,
            facts: JSON.parse(JSON.stringify(summary)) as Record<string, unknown>,
            records: c.records.map((r) => ({
              canonical: r.canonical,
              hash: r.hash,
              signature: r.signature,
              links: {
                seq: r.envelope.seq,
                prev: r.envelope.prev,
                caseSeq: r.envelope.caseSeq,
                casePrev: r.envelope.casePrev,
              },
            })),
          };
        }),
      };
      const actorIds = new Set<string>();
      for (const c of cases) for (const e of c.audit) if (e.actorId) actorIds.add(e.actorId);
      const auditFile: AuditFile = {
        format: AUDIT_FORMAT,
        version: BUNDLE_VERSION,
        exportId,
        note: AUDIT_SUBSET_NOTE,
        actors: [...actorIds]
          .map((id) => accountById.get(id))
          .filter((a): a is NonNullable<typeof a> => !!a)
          .map((a) => ({ accountId: a.id, name: a.name, role: a.role })),
        entries: cases.flatMap((c) => c.audit).sort((a, b) => a.seq - b.seq),
        systemKeys: (await listSystemKeys(conn)).filter((k) => keyIds.has(k.keyId)),
        signingFrom: await auditSigningFrom(conn),
      };

      // ---- 4. the report, the manifest and its signature, the zip: in the worker thread
      await yieldNow();
      const bundle = await buildBundle(
        core,
        {
          exportId,
          exportedAt,
          fileName,
          school: settings.school,
          signer,
          recipient,
          encrypted: encrypt,
          cases,
          accounts,
          certificates,
          recordsFile,
          auditFile,
          exporterPublicKeyPem: exporterKey.publicKeyPem,
          signingKeyDer: new Uint8Array(privateKeyToDer(s.privateKey)),
          passphrase,
        },
        opts,
      );
      const zipBytes = bundle.zip;
      const { manifestSha256, bundleSha256 } = bundle;
      throwIfCancelled(opts.signal);

      // ---- 5. write: temp file in the same folder, flushed, renamed only on success
      const fh = await open(tmpPath, 'wx', 0o600);
      try {
        await fh.writeFile(zipBytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      throwIfCancelled(opts.signal);
      await rename(tmpPath, opts.outPath);
      renamed = true;
      opts.onProgress?.({ stage: 'write', done: 1, total: 1 });

      // ---- 6. the audit entry, after: with the manifest's SHA-256 and the log seal (the receipt prints both)
      const logSeal = sealShortForm(await recordHead(conn), await auditHead(conn));
      for (const c of cases) {
        await appendAudit(conn, {
          at: core.clock().toISOString(),
          actorId: s.account.id,
          action: 'export',
          caseId: c.caseId,
          recordId: exportRecordIds.get(c.caseId) ?? null,
          detail: {
            exportId,
            manifestSha256,
            bundleSha256,
            keyId: signer.keyId,
            fileName,
            bytes: zipBytes.length,
            encrypted: encrypt,
            cases: cases.map((x) => x.ref),
            records: totalRecords,
            logSeal,
          },
        });
      }
      return {
        exportId,
        outPath: opts.outPath,
        fileName,
        bytes: zipBytes.length,
        manifestSha256,
        bundleSha256,
        keyId: signer.keyId,
        fingerprint: formatFingerprint(signer.keyId),
        passphrase,
        cases: cases.map((c) => ({
          caseId: c.caseId,
          ref: c.ref,
          title: c.title,
          records: c.records.length,
          exportRecordId: exportRecordIds.get(c.caseId)!,
        })),
        records: totalRecords,
        exportedAt,
      };
    });
  } catch (e) {
    // No partial file is ever left behind: the temp file goes, and the final file too if the
    // transaction failed after the rename (then no export record exists either).
    await unlink(tmpPath).catch(() => undefined);
    if (renamed) await unlink(opts.outPath).catch(() => undefined);
    if (isCaseSealError(e)) throw e;
    if (opts.signal?.aborted) throw new CaseSealError('CANCELLED', CANCELLED_MESSAGE);
    throw new CaseSealError('EXPORT_FAILED');
  }
}

/**
 * Builds the bundle in the worker thread (a 1,000-record report takes long enough to freeze the
 * window on main); in-process only when the build has no worker file. The signing key is copied
 * into the worker and zeroed here once posted.
 */
async function buildBundle(
  core: ExportHost,
  input: ExportBundleInput,
  opts: SealExportOptions,
): Promise<ExportBundle> {
  const onProgress = (done: number, total: number, stage?: string): void =>
    opts.onProgress?.({ stage: stage === 'bundle' ? 'bundle' : 'report', done, total });
  const script = core.workerScript;
  if (!existsSync(script)) {
    return buildExportBundle(input, {
      signal: opts.signal ?? { aborted: false },
      abortSignal: opts.signal,
      progress: onProgress,
    });
  }
  const run = runTask('exportBundle', input, {
    script,
    onProgress,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  input.signingKeyDer.fill(0);
  try {
    return await run;
  } catch (e) {
    if (isCaseSealError(e) && e.code !== 'INTERNAL') throw e;
    // The thread itself failed (not a refusal from the task): the export failed, nothing written.
    throw new CaseSealError('EXPORT_FAILED');
  }
}

async function readCaseAudit(conn: Conn, caseId: string): Promise<AuditEntry[]> {
  return (await auditRowsOfCase(conn, caseId)).map(auditFromRow);
}
