// caseseal-verify: the standalone verifier a police officer runs on a sealed export.
// Plain Node, no Electron, no account, no vault. Exit codes: 0 valid; 1 invalid or tampered;
// 2 unusable input (not a bundle, wrong passphrase, unreadable file) or bad usage.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { verifyBundle, type VerifyReport } from '../main/core/verify/bundle';
import { ukDateTime } from '../shared/ukTime';
import { ROLE_LABELS, type Role } from '../shared/roles';

export const EXIT = { valid: 0, invalid: 1, unusable: 2 } as const;

const HELP = `caseseal-verify — check a CaseSeal sealed export

Usage:
  caseseal-verify <bundle.zip> [--passphrase <six-words>] [--json]

Checks the manifest's Ed25519 signature and every file's SHA-256; every record's
canonical form, hash, author signature and place in its case's hash chain; that
countersignatures and corrections cover the records they name; that the manifest
was signed by the DSL who signed the export records; the audit entries' own
hashes; and that report.pdf shows exactly the records in records.json.

Options:
  --passphrase <words>  the one-time passphrase of an encrypted export (six words
                        joined by hyphens). It can also be given in the
                        CASESEAL_EXPORT_PASSPHRASE environment variable.
  --json                print the full report as JSON
  -h, --help            show this help

Exit codes:
  0  valid: every check passed (compare the key fingerprint with the receipt)
  1  invalid or tampered: the report says which file, which record, what
  2  unusable: not a CaseSeal export, wrong or missing passphrase, unreadable file
`;

function humanReport(file: string, r: VerifyReport): string {
  const out: string[] = ['CaseSeal export verifier', `File: ${file}`];
  if (r.status === 'unusable') {
    out.push('', `RESULT: CANNOT USE THIS FILE — ${r.message}`);
    return out.join('\n') + '\n';
  }
  const s = r.summary;
  out.push(
    '',
    r.status === 'valid'
      ? 'RESULT: VALID — every check passed.'
      : `RESULT: INVALID — ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} found. Do not rely on this export; contact the school.`,
    '',
  );
  if (s.exportedAt && s.exporter) {
    out.push(
      `Exported:  ${ukDateTime(s.exportedAt)} (UK time) by ${s.exporter.name}, ${ROLE_LABELS[s.exporter.role as Role] ?? s.exporter.role}`,
    );
  }
  if (s.school)
    out.push(`School:    ${s.school.name} (URN ${s.school.urn}), ${s.school.localAuthority}`);
  if (s.recipient)
    out.push(
      `Given to:  ${s.recipient.officerName}${s.recipient.collarNumber ? ` (${s.recipient.collarNumber})` : ''}, ${s.recipient.force}, reference ${s.recipient.reference}`,
    );
  out.push(`Encrypted: ${s.encrypted ? 'yes (AES-256)' : 'no'}`);
  if (s.signingKey)
    out.push(
      '',
      'Signing key fingerprint — compare with the handover receipt:',
      `  ${s.signingKey.fingerprint}`,
    );
  if (s.schoolKey)
    out.push(
      'School key fingerprint — compare with the school’s set-up sheet or the receipt:',
      `  ${s.schoolKey.grouped}`,
    );
  if (s.bundleSha256)
    out.push(
      'SHA-256 of this bundle file — compare with the handover receipt:',
      `  ${s.bundleSha256}`,
    );
  if (s.manifestSha256)
    out.push(
      'SHA-256 of manifest.sha256 — compare with the handover receipt:',
      `  ${s.manifestSha256}`,
    );
  if (s.cases.length) {
    out.push('', 'Cases:');
    for (const c of s.cases)
      out.push(
        `  ${c.ref}  ${c.title} — ${c.records} records${c.flags.length ? `  [WARNING: ${c.flags.join(', ')}]` : ''}`,
      );
    out.push(`  ${s.records} records, ${s.auditEntries} audit entries in all`);
  }
  out.push('', 'Checks:');
  for (const c of r.checks) out.push(`  ${c.ok ? '[ok]  ' : '[FAIL]'} ${c.name} — ${c.detail}`);
  if (r.status === 'invalid') {
    out.push('', 'Problems:');
    r.problems.forEach((p, i) =>
      out.push(`  ${i + 1}. ${p.file ? `[${p.file}] ` : ''}${p.message}`),
    );
  }
  return out.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        passphrase: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`caseseal-verify: ${(e as Error).message}\n\n${HELP}`);
    return EXIT.unusable;
  }
  if (args.values.help) {
    process.stdout.write(HELP);
    return EXIT.valid;
  }
  if (args.positionals.length !== 1) {
    process.stderr.write(`caseseal-verify: give exactly one bundle file to check.\n\n${HELP}`);
    return EXIT.unusable;
  }
  const file = resolve(args.positionals[0]!);
  const passphrase = args.values.passphrase ?? process.env.CASESEAL_EXPORT_PASSPHRASE;
  const report = await verifyBundle(file, passphrase ? { passphrase } : {});
  const code = EXIT[report.status];
  if (args.values.json)
    process.stdout.write(JSON.stringify({ file, exitCode: code, ...report }, null, 2) + '\n');
  else
    (report.status === 'unusable' ? process.stderr : process.stdout).write(
      humanReport(file, report),
    );
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `caseseal-verify: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      process.exitCode = EXIT.unusable;
    },
  );
}
