// VERIFY.txt: plain-text, step-by-step instructions for the officer who receives a sealed export
//: unpack it, compare the key fingerprint with the handover receipt, check the hashes with
// sha256sum and the manifest signature with openssl, and run caseseal-verify.
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { ukDateTime } from '../../../shared/ukTime';
import { formatFingerprint } from '../crypto/ed25519';
import { BUNDLE_FILES } from '../verify/bundleFormat';

export interface VerifyTextInput {
  exportId: string;
  exportedAt: string;
  fileName: string;
  school: { name: string; urn: string };
  exporter: { name: string; role: Role; keyId: string };
  recipient: { officerName: string; force: string; reference: string };
  encrypted: boolean;
  cases: ReadonlyArray<{ ref: string; records: number }>;
  /** The school key fingerprint (hex) that certifies every signer. */
  schoolKey?: string | null;
}

/** A file name as one shell word: bare when safe, else single-quoted (POSIX sh, also PowerShell). */
export function shellWord(name: string): string {
  return /^[A-Za-z0-9._+@%=:,/-]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`;
}

/** The one file the officer needs beside the bundle to run step 5. */
export const VERIFIER_FILE = 'caseseal-verify.cjs';

export function verifyText(i: VerifyTextInput): string {
  const F = BUNDLE_FILES;
  const file = shellWord(i.fileName);
  const lines = [
    'CaseSeal sealed export - how to check it',
    '========================================',
    '',
    `Export id    : ${i.exportId}`,
    `School       : ${i.school.name} (URN ${i.school.urn})`,
    `Exported by  : ${i.exporter.name}, ${ROLE_LABELS[i.exporter.role]}, on ${ukDateTime(i.exportedAt)} (UK time)`,
    `Given to     : ${i.recipient.officerName}, ${i.recipient.force}, reference ${i.recipient.reference}`,
    `Cases        : ${i.cases.map((c) => `${c.ref} (${c.records} records)`).join(', ')}`,
    '',
    'Signing key fingerprint (SHA-256 of the Ed25519 public key in signer.pub.pem).',
    'It must match the fingerprint printed on the handover receipt you signed:',
    '',
    `    ${formatFingerprint(i.exporter.keyId)}`,
    '',
    ...(i.schoolKey
      ? [
          'School key fingerprint: the key that certifies every signer (certificates.json).',
          "It must match the school's set-up sheet and the handover receipt:",
          '',
          `    ${formatFingerprint(i.schoolKey)}`,
          '',
        ]
      : []),
    'What is in this bundle',
    '----------------------',
    `  ${F.report.padEnd(16)} the readable report of every record (PDF)`,
    `  ${F.records.padEnd(16)} the same records exactly as signed: canonical JSON, SHA-256 hashes,`,
    `  ${''.padEnd(16)} Ed25519 signatures, hash-chain links, and the signers' public keys`,
    `  ${F.audit.padEnd(16)} the audit-trail entries about these cases, with their hashes`,
    `  ${F.manifest.padEnd(16)} the SHA-256 of every other file, in sha256sum format`,
    `  ${F.signature.padEnd(16)} the Ed25519 signature over ${F.manifest}, by the exporting DSL`,
    `  ${F.publicKey.padEnd(16)} the exporting DSL's Ed25519 public key`,
    `  ${F.certificates.padEnd(16)} the school key and its certificate for every signer's key`,
    `  ${F.verify.padEnd(16)} this file`,
    '',
    'It holds no images or video. CaseSeal never takes in imagery (rule R2): what was seen is',
    'described in words only.',
    '',
    'Step 0 - check the bundle file against the handover receipt',
    '-----------------------------------------------------------',
    `    sha256sum ${file}`,
    '',
    'must print the "SHA-256 of the bundle file" shown on the handover receipt.',
    '',
    'Step 1 - unpack',
    '---------------',
    i.encrypted
      ? [
          'This export is ENCRYPTED (AES-256 zip). You need the one-time passphrase (six words joined',
          'by hyphens) that the school gave you separately - it is not written anywhere in the bundle.',
          '',
          `    7zz x ${file}          (Debian/Ubuntu: apt install 7zip; older: 7z x)`,
          '',
          'and type the passphrase when asked. On Windows use 7-Zip. The built-in Windows "Extract all"',
          'and the `unzip` command cannot open AES-encrypted zips.',
        ].join('\n')
      : [`    unzip ${file}        (or 7zz x ${file}, or Windows "Extract all")`].join('\n'),
    '',
    'Work in the folder the files were unpacked into for the next steps.',
    '',
    'Step 2 - check the signing key against the handover receipt',
    '-----------------------------------------------------------',
    `    openssl pkey -pubin -in ${F.publicKey} -outform DER | tail -c 32 | sha256sum`,
    '',
    'This prints the key fingerprint as 64 hex digits. Compare it, four digits at a time, with the',
    'fingerprint on the handover receipt (and above). If they differ, the bundle was not sealed by',
    'the person who handed it over: do not rely on it, and contact the school.',
    '',
    'Step 3 - check every file against the manifest',
    '----------------------------------------------',
    `    sha256sum -c ${F.manifest}`,
    '',
    'Every line must end in "OK". (Windows PowerShell: Get-FileHash <file> -Algorithm SHA256, and',
    `compare with the line in ${F.manifest}.)`,
    '',
    'Step 4 - check the manifest signature (OpenSSL 3.0 or later)',
    '------------------------------------------------------------',
    `    openssl pkeyutl -verify -pubin -inkey ${F.publicKey} -rawin -in ${F.manifest} -sigfile ${F.signature}`,
    '',
    'It must print "Signature Verified Successfully". Together with steps 2 and 3 this proves that',
    'every file is exactly as the DSL sealed it.',
    '',
    'Step 5 - check the records themselves with the CaseSeal verifier',
    '----------------------------------------------------------------',
    `The verifier is one file, ${VERIFIER_FILE}, that needs only Node.js 20.19 or later: no account,`,
    'no installation of the desktop app, no network. Build it once from the CaseSeal source',
    `(\`npm ci\` in the CaseSeal folder writes out/cli/${VERIFIER_FILE}) or ask the school for it.`,
    `Put ${VERIFIER_FILE} in the folder that holds ${i.fileName}, and in that folder run:`,
    '',
    `    node ${VERIFIER_FILE} ${file}${i.encrypted ? ' --passphrase <the six words>' : ''}`,
    '',
    '(add --json for a machine-readable report). It checks the manifest signature and every file',
    "hash, every record's canonical form, SHA-256 hash, author signature and place in its case's",
    'hash chain (so no record can have been removed, added or reordered), that countersignatures',
    'and corrections cover the records they name, that the manifest was signed by the same DSL',
    "who signed the export record on each case, each audit entry's own hash and signature, that",
    'the audit entries about each case are the ones the signed export record lists, that the',
    'case titles and flags (copy made, custody, referral due) in the summary are the ones the',
    `signed records give, and that ${F.report} shows exactly the records in ${F.records}.`,
    'Everything it prints about the cases comes from the signed records, never from a summary.',
    '',
    'Exit code 0: valid. 1: invalid or tampered (the report says which file, which record, what).',
    '2: the file could not be used (not a CaseSeal export, wrong passphrase, unreadable).',
    '',
    'What the checks cannot tell you',
    '-------------------------------',
    "- Whether the key is really the DSL's: that is what the fingerprint on the receipt is for.",
    "- Records of other cases, and the vault's whole-log chain: only the exported cases are here.",
    "  audit.json is a subset of the vault's audit chain, so each entry's own hash and signature",
    '  are checked, and the link between two entries only where both are present.',
    '',
  ];
  return lines.join('\n');
}
