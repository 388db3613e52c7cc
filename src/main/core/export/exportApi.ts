// The export and verify channels over the plain-Node core. Files are chosen by the
// Electron glue (save and open dialogs), injected as `ExportIo`, so the renderer never supplies a
// filesystem path; tests and the end-to-end harness inject temp paths instead.
import { randomUUID } from 'node:crypto';
import { caseRefsOf } from '../../db/repositories/cases';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CaseSealError } from '../../../shared/errors';
import { isSafeguardingTeam } from '../../../shared/roles';
import type { BundlePick, ExportOutcome, VerifyReport } from '../../../shared/exportReport';
import type { ExportRecipient } from '../../../shared/records/kinds/export';
import type { ExportHost } from '../app/serviceHost';
import { peekBundle, verifyBundle } from '../verify/bundle';
import { sealExport, suggestedFileName } from './sealExport';
import { exportReceipt } from './exportReceipt';

export interface ExportIo {
  /** Ask where to save an export (a save dialog). Resolves an absolute path, or null if the user cancelled. */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
  /** Ask which export to verify (an open dialog). Resolves an absolute path, or null if the user cancelled. */
  chooseBundle?(): Promise<string | null>;
  /** Ask where to save a PDF (a handover receipt, to print). Resolves an absolute path, or null if the user cancelled. */
  chooseSavePdfPath?(suggestedName: string): Promise<string | null>;
}

const MAX_PICKS = 8;

export function createExportApi(core: ExportHost, io: ExportIo) {
  let running: AbortController | null = null;
  const picks = new Map<string, string>();

  return {
    /** Choose where to save (dialog), then seal; progress goes out as 'progress' events (task 'export-<stage>'). */
    async create(input: {
      caseIds: string[];
      recipient: ExportRecipient;
      encrypt: boolean;
    }): Promise<ExportOutcome> {
      const s = core.requireSession();
      if (!isSafeguardingTeam(s.account.role))
        throw new CaseSealError(
          'NOT_ALLOWED',
          'Only the DSL or a deputy DSL can export cases for the police.',
        );
      if (running)
        throw new CaseSealError(
          'CONFLICT',
          'An export is already running. Wait for it to finish, or cancel it.',
        );
      if (!io.chooseSavePath)
        throw new CaseSealError(
          'EXPORT_FAILED',
          'CaseSeal cannot ask where to save the export here.',
        );
      // The export counts as running from the moment its save dialog opens, so a cancel (or the
      // screen closing on lock) while the person is still choosing where to save is not lost.
      const controller = new AbortController();
      running = controller;
      try {
        const refs = await core.requireDb().exclusive((c) => caseRefsOf(c, input.caseIds));
        const outPath = await io.chooseSavePath(suggestedFileName(refs, core.clock()));
        if (!outPath)
          throw new CaseSealError('CANCELLED', 'No file was chosen. Nothing was exported.');
        if (controller.signal.aborted)
          throw new CaseSealError('CANCELLED', 'The export was cancelled. Nothing was exported.');
        const r = await sealExport(core, {
          ...input,
          outPath,
          signal: controller.signal,
          onProgress: (p) =>
            core.emit({
              type: 'progress',
              task: `export-${p.stage}`,
              done: p.done,
              total: p.total,
            }),
        });
        return {
          exportId: r.exportId,
          fileName: r.fileName,
          bytes: r.bytes,
          manifestSha256: r.manifestSha256,
          bundleSha256: r.bundleSha256,
          keyFingerprint: r.fingerprint,
          passphrase: r.passphrase,
          cases: r.cases,
          records: r.records,
          exportedAt: r.exportedAt,
        };
      } finally {
        if (running === controller) running = null;
      }
    },

    /** Cancel the running export: its temp file is removed and nothing is recorded. */
    async cancel(): Promise<{ cancelled: boolean }> {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },

    /** Choose an export to verify (dialog); the path stays in main behind a token. */
    async pickBundle(): Promise<BundlePick> {
      core.requireSession();
      if (!io.chooseBundle)
        throw new CaseSealError(
          'BUNDLE_UNUSABLE',
          'CaseSeal cannot ask which file to verify here.',
        );
      const path = await io.chooseBundle();
      if (!path) throw new CaseSealError('CANCELLED', 'No file was chosen.');
      let bytes: number;
      try {
        bytes = (await stat(path)).size;
      } catch {
        throw new CaseSealError('BUNDLE_UNUSABLE', 'That file could not be read.');
      }
      const peek = await peekBundle(path);
      const token = randomUUID();
      picks.set(token, path);
      while (picks.size > MAX_PICKS) picks.delete(picks.keys().next().value!);
      return { token, fileName: basename(path), bytes, encrypted: peek.encrypted };
    },

    /** Verify a chosen export with the same code as caseseal-verify (audited). */
    async verify(input: { token: string; passphrase?: string }): Promise<VerifyReport> {
      const s = core.requireSession();
      const path = picks.get(input.token);
      if (!path) throw new CaseSealError('NOT_FOUND', 'Choose the export file again.');
      const report = await verifyBundle(
        path,
        input.passphrase ? { passphrase: input.passphrase } : {},
      );
      await core.audit(
        'export-verified',
        {
          detail: {
            status: report.status,
            exportId: report.status === 'unusable' ? null : report.summary.exportId,
            problems: report.status === 'invalid' ? report.problems.length : 0,
          },
        },
        s.account.id,
      );
      return report;
    },

    /** Save the handover receipt (PDF) where the person chooses (dialog); `saved` false if they closed it. */
    async receipt(input: {
      exportId: string;
    }): Promise<{ fileName: string; saved: boolean; path?: string }> {
      return exportReceipt(core, input, async (name) => {
        if (!io.chooseSavePdfPath)
          throw new CaseSealError(
            'EXPORT_FAILED',
            'CaseSeal cannot ask where to save the receipt here.',
          );
        return io.chooseSavePdfPath(name);
      });
    },
  };
}
