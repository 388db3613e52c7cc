// The handlers of the pupil channels (src/shared/ipc/pupilContract.ts), spread into handlers.ts.
import type { z } from 'zod';
import type { pupilContract, PupilContractOutputs } from '../../../shared/ipc/pupilContract';
import { CaseSealError } from '../../../shared/errors';
import type { SigningHost } from '../app/serviceHost';
import type { ExportIo } from '../export/exportApi';
import { recordConcern, type SignResult } from '../cases/caseService';
import * as pupils from './pupilService';
import { pupilChronology } from './chronologyService';
import { printChronology } from './chronologyPdf';

type PupilChannel = keyof typeof pupilContract;
export type PupilHandlers = {
  [C in PupilChannel]: (
    input: z.output<(typeof pupilContract)[C]>,
  ) => Promise<PupilContractOutputs[C]>;
};

function signed(r: SignResult) {
  return {
    recordId: r.record.envelope.id,
    caseId: r.caseId,
    hash: r.record.hash,
    signedAt: r.record.envelope.signedAt,
    warnings: r.warnings,
  };
}

export function createPupilHandlers(
  core: SigningHost,
  io: ExportIo,
  active: <T>(fn: () => Promise<T>) => Promise<T>,
): PupilHandlers {
  return {
    'app:pupils.search': (input) => active(() => pupils.searchPupils(core, input)),
    'app:pupils.register': (input) => active(() => pupils.registerPupil(core, input.body)),
    'app:pupils.get': (input) => active(() => pupils.getPupilDetail(core, input.pupilId)),
    'app:pupils.correct': (input) => active(() => pupils.correctPupil(core, input)),
    'app:pupils.relate': (input) => active(() => pupils.relatePupils(core, input)),
    'app:pupils.chronology': (input) => active(() => pupilChronology(core, input)),
    'app:pupils.print': (input) =>
      active(() =>
        printChronology(
          core,
          'caseId' in input
            ? { caseId: input.caseId }
            : {
                pupilId: input.pupilId,
                filter: { kinds: input.kinds, from: input.from, to: input.to },
              },
          async (name) => {
            if (!io.chooseSavePdfPath)
              throw new CaseSealError(
                'EXPORT_FAILED',
                'CaseSeal cannot ask where to save it here.',
              );
            return io.chooseSavePdfPath(name);
          },
        ),
      ),
    'app:pupils.link': (input) => active(async () => signed(await pupils.linkPupil(core, input))),
    'app:pupils.unlink': (input) =>
      active(async () => signed(await pupils.unlinkPupil(core, input))),
    'app:pupils.forCase': (input) => active(() => pupils.casePupils(core, input.caseId)),
    'app:pupils.concern': (input) =>
      active(async () => {
        const s = core.requireSession();
        // Picking or adding pupils is for the safeguarding team; others write the names in words.
        if (input.pupils.length > 0 && !pupils.mayLinkOnConcern(s.account.role))
          throw new CaseSealError('NOT_ALLOWED');
        const pupilIds: string[] = [];
        const r = await recordConcern(core, input.body, async (conn, caseId) => {
          for (const p of input.pupils) {
            const pupilId =
              'pupilId' in p
                ? p.pupilId
                : (await pupils.registerPupilIn(core, conn, p.newPupil)).pupilId;
            await pupils.linkPupilIn(core, conn, { caseId, pupilId, role: p.role });
            pupilIds.push(pupilId);
          }
        });
        return { ...signed(r), pupilIds };
      }),
    'app:cases.link': (input) => active(async () => signed(await pupils.linkCases(core, input))),
  };
}
