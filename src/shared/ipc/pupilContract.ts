// The pupil channels of the IPC contract (app:pupils.*, app:cases.link): input schemas and output
// types, spread into contract.ts. Main parses every payload with these; every payload is hostile.
import { z } from 'zod';
import { CASE_RELATIONS, PUPIL_RELATIONS, PUPIL_ROLES } from '../pupils/roles';
import type { CasePupilsInfo, ChronologyEntry, PupilDetail, PupilSummary } from '../pupils/types';

const id = z.string().uuid();
const body = z.record(z.string(), z.unknown());
const ukDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date.');
const chronologyFilter = {
  kinds: z.array(z.string().min(1).max(64)).max(60).optional(),
  from: ukDate.optional(),
  to: ukDate.optional(),
};
const concernPupil = z.union([
  z.object({ pupilId: id, role: z.enum(PUPIL_ROLES) }).strict(),
  z
    .object({
      newPupil: z
        .object({
          legalName: z.string().max(120),
          yearGroup: z.string().max(40),
        })
        .strict(),
      role: z.enum(PUPIL_ROLES),
    })
    .strict(),
]);

export const pupilContract = {
  'app:pupils.search': z
    .object({
      query: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  'app:pupils.register': z.object({ body }).strict(),
  'app:pupils.get': z.object({ pupilId: id }).strict(),
  'app:pupils.correct': z
    .object({ pupilId: id, reason: z.string().max(4000), corrected: body })
    .strict(),
  'app:pupils.relate': z
    .object({
      pupilId: id,
      otherPupilId: id,
      relation: z.enum(PUPIL_RELATIONS),
      note: z.string().max(300).optional(),
    })
    .strict(),
  'app:pupils.chronology': z
    .object({ pupilId: id, caseId: id.optional(), ...chronologyFilter })
    .strict(),
  'app:pupils.print': z.union([
    z.object({ pupilId: id, ...chronologyFilter }).strict(),
    z.object({ caseId: id }).strict(),
  ]),
  'app:pupils.link': z
    .object({ caseId: id, pupilId: id, role: z.enum(PUPIL_ROLES), childId: id.optional() })
    .strict(),
  'app:pupils.unlink': z
    .object({ caseId: id, pupilId: id, role: z.enum(PUPIL_ROLES), reason: z.string().max(2000) })
    .strict(),
  'app:pupils.forCase': z.object({ caseId: id }).strict(),
  'app:pupils.concern': z.object({ body, pupils: z.array(concernPupil).max(20) }).strict(),
  'app:cases.link': z
    .object({
      caseId: id,
      otherRef: z.string().trim().min(1, 'Give the other case’s reference.').max(40),
      relation: z.enum(CASE_RELATIONS),
      note: z.string().max(300).optional(),
    })
    .strict(),
};

interface Signed {
  recordId: string;
  caseId: string;
  hash: string;
  signedAt: string;
  warnings: string[];
}

export interface PupilContractOutputs {
  'app:pupils.search': PupilSummary[];
  'app:pupils.register': { pupilId: string; recordId: string };
  'app:pupils.get': PupilDetail;
  'app:pupils.correct': { recordId: string };
  'app:pupils.relate': { recordId: string };
  'app:pupils.chronology': {
    pupilId: string;
    name: string;
    cases: Array<{ caseId: string; ref: string; title: string; roles: string[] }>;
    entries: ChronologyEntry[];
  };
  'app:pupils.print': { fileName: string; saved: boolean; path?: string; entries: number };
  'app:pupils.link': Signed;
  'app:pupils.unlink': Signed;
  'app:pupils.forCase': CasePupilsInfo;
  'app:pupils.concern': Signed & { pupilIds: string[] };
  'app:cases.link': Signed;
}
