// The bundle checks, in the order they run and are printed (an explicit list, like MIGRATIONS).
// The manifest signature comes before the manifest's format and the file hashes, so a changed
// manifest line names the broken signature first.
import type { BundleCheck } from './context';
import { filesPresent } from './filesPresent';
import { manifestFormat } from './manifestFormat';
import { manifestSignature } from './manifestSignature';
import { fileHashes } from './fileHashes';
import { recordsFormat } from './recordsFormat';
import { signerKeys } from './signerKeys';
import { recordSignatures } from './recordSignatures';
import { signerCertificates } from './signerCertificates';
import { caseChains } from './caseChains';
import { countersignatures } from './countersignatures';
import { exportRecords } from './exportRecords';
import { caseSummary } from './caseSummary';
import { auditFormat, auditEntries } from './auditEntries';
import { reportMatches } from './reportMatches';

export const BUNDLE_CHECKS: readonly BundleCheck[] = [
  filesPresent,
  manifestSignature,
  manifestFormat,
  fileHashes,
  recordsFormat,
  signerKeys,
  recordSignatures,
  signerCertificates,
  caseChains,
  countersignatures,
  exportRecords,
  caseSummary,
  auditFormat,
  auditEntries,
  reportMatches,
];
