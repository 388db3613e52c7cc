// The readable report of a sealed export: the school, the exporter and the officer; each
// case's flags (e.g. a copy of imagery was made, R2), summary, kind-specific sections (custody) and
// its whole chronology — every record laid out from its kind's fields, with signer, time, rule
// findings, countersignatures and corrections, and its id and SHA-256 (which the verifier reads back
// and compares with records.json); then the case's audit trail. Generic over record kinds.
import type { SignedRecord } from '../../../shared/records/envelope';
import type { CaseFacts } from '../../../shared/records/facts';
import type { AccountSummary, CheckContext } from '../../../shared/records/kindDef';
import type { DisplayLookups } from '../../../shared/records/display';
import type { DisplayRow } from '../../../shared/records/fields';
import { displayRows } from '../../../shared/records/display';
import { deriveCaseFacts } from '../../../shared/records/deriveFacts';
import { kindDef, kindLabel } from '../../../shared/records/registry';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { ukDateTime } from '../../../shared/ukTime';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/records/facts';
import type { AuditEntry } from '../audit/auditLog';
import { formatFingerprint } from '../crypto/ed25519';
import { CasePdf } from '../pdf/pdfDocument';
import {
  caseSectionsFor,
  recordExtrasFor,
  type CaseSectionInput,
  type ReportBlock,
} from './sections';

export interface ReportCase {
  caseId: string;
  ref: string;
  title: string;
  facts: CaseFacts;
  records: SignedRecord[];
  audit: AuditEntry[];
}

export interface ReportInput {
  exportId: string;
  exportedAt: string;
  school: { name: string; urn: string; localAuthority: string };
  exporter: { name: string; role: Role; keyId: string };
  /** The school key fingerprint (hex) that certifies every signer. */
  schoolKey?: string | null;
  recipient: { officerName: string; force: string; reference: string; collarNumber?: string };
  encrypted: boolean;
  cases: ReportCase[];
  accounts: readonly AccountSummary[];
  /** Called after each record is laid out (progress; may throw to cancel). */
  onRecord?: () => Promise<void> | void;
}

/** Plain-English labels for case flags (docs/rules.md: a copy having been made appears in every export). */
export const FLAG_LABELS: Record<string, string> = {
  'copy-made':
    'A COPY OF THE IMAGERY WAS MADE (R2). It was copied, printed, shared, stored or saved before the school recorded it. See the "copy made" record(s) below and the police advice given.',
  'device-evidence-deleted':
    'A device record says something may have been DELETED from a seized device.',
  'device-evidence-copied':
    'A device record says something may have been COPIED from a seized device.',
};

export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? `Case flag: ${flag}`;
}

function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

function findingLine(f: { rule: string; status: string; message: string }): string {
  const status =
    f.status === 'met'
      ? 'met'
      : f.status === 'advice'
        ? 'advice'
        : f.status === 'needs-reason'
          ? 'reason recorded / needed'
          : 'NOT MET';
  return `${f.rule} (${status}): ${f.message}`;
}

/** Lookups that describe referenced records, children, devices and accounts in words. */
function lookupsFor(c: ReportCase, accounts: readonly AccountSummary[]): DisplayLookups {
  const byId = new Map(c.records.map((r) => [r.envelope.id, r]));
  const devices =
    c.facts.devices && typeof c.facts.devices === 'object'
      ? (c.facts.devices as Record<string, { exhibitRef?: string; description?: string }>)
      : {};
  return {
    record: (id) => {
      const r = byId.get(id);
      return r
        ? `#${r.envelope.caseSeq} ${kindLabel(r.envelope.kind)} of ${ukDateTime(r.envelope.signedAt)} by ${r.envelope.signer.name}`
        : undefined;
    },
    child: (id) => c.facts.children.find((ch) => ch.id === id)?.name,
    device: (id) => {
      const d = devices[id];
      return d ? [d.exhibitRef, d.description].filter(Boolean).join(' — ') : undefined;
    },
    account: (id) => accounts.find((a) => a.id === id)?.name,
  };
}

function block(pdf: CasePdf, b: ReportBlock): void {
  pdf.heading(b.heading, 2);
  for (const p of b.paragraphs ?? []) pdf.paragraph(p, b.warning ? { color: '#8b0000' } : {});
  if (b.rows?.length) pdf.rows(b.rows);
}

/** Rule findings as main saw them when the record was signed (the case's records before it). */
function findingsAtSigning(
  r: SignedRecord,
  earlier: SignedRecord[],
  c: ReportCase,
  accounts: readonly AccountSummary[],
): string[] {
  const def = kindDef(r.envelope.kind);
  if (!def?.check) return [];
  try {
    const facts = deriveCaseFacts(
      c.caseId,
      earlier.map((x) => ({ envelope: x.envelope, hash: x.hash })),
    );
    const s = r.envelope.signer;
    const actor = accounts.find((a) => a.id === s.accountId) ?? {
      id: s.accountId,
      name: s.name,
      role: s.role,
      active: true,
    };
    const ctx: CheckContext = { actor, accounts, facts, now: r.envelope.signedAt };
    return def.check(r.envelope.body, ctx).map(findingLine);
  } catch {
    return [
      'The rule findings for this record could not be evaluated in this version of CaseSeal.',
    ];
  }
}

export async function renderExportReport(input: ReportInput): Promise<Buffer> {
  const pdf = new CasePdf({
    title: `Sealed export ${input.exportId}`,
    subject: `Sealed export for ${input.recipient.force}`,
    author: input.exporter.name,
    createdAt: new Date(input.exportedAt),
  });
  const total = input.cases.reduce((n, c) => n + c.records.length, 0);

  // ---- cover
  pdf.title('CaseSeal — sealed export for the police');
  pdf.paragraph(
    'A signed, tamper-evident copy of safeguarding case records. It holds no images or video, by construction (rule R2): what was seen is described in words only.',
    { size: 9.5 },
  );
  pdf.rows([
    {
      label: 'School',
      value: `${input.school.name} (URN ${input.school.urn}), ${input.school.localAuthority}`,
    },
    { label: 'Exported by', value: `${input.exporter.name}, ${roleLabel(input.exporter.role)}` },
    { label: 'Exported on', value: `${ukDateTime(input.exportedAt)} (UK time)` },
    {
      label: 'Given to',
      value: `${input.recipient.officerName}${input.recipient.collarNumber ? ` (collar/warrant ${input.recipient.collarNumber})` : ''}, ${input.recipient.force}`,
    },
    { label: 'Police reference', value: input.recipient.reference },
    { label: 'Export id', value: input.exportId },
    {
      label: 'Encrypted for transport',
      value: input.encrypted
        ? 'Yes — AES-256 zip; the one-time passphrase was given separately'
        : 'No',
    },
    {
      label: 'Cases',
      value: input.cases.map((c) => `${c.ref} (${c.records.length} records)`).join(', '),
    },
    { label: 'Records in total', value: String(total) },
  ]);
  pdf.heading('Signing key', 2);
  pdf.paragraph(
    'The bundle’s manifest is signed with this Ed25519 key. Its fingerprint is also printed on the handover receipt: check that they match.',
    { size: 9.5 },
  );
  pdf.mono(formatFingerprint(input.exporter.keyId), 10);
  if (input.schoolKey) {
    pdf.heading('School key', 2);
    pdf.paragraph(
      'Every signer’s key is certified by the school key (certificates.json). Its fingerprint is on the school’s set-up sheet and the handover receipt: check that they match.',
      { size: 9.5 },
    );
    pdf.mono(formatFingerprint(input.schoolKey), 10);
  }

  // ---- flags, prominently, before anything else
  const flagged = input.cases.filter((c) => c.facts.flags.length > 0);
  if (flagged.length) {
    pdf.heading('WARNINGS — read first');
    for (const c of flagged) {
      for (const f of c.facts.flags)
        pdf.paragraph(`${c.ref}: ${flagLabel(f)}`, { color: '#8b0000' });
    }
  }

  pdf.heading('How to check this export', 2);
  pdf.paragraph(
    'Each record below shows its record id and its SHA-256 hash. records.json in the same bundle holds the same records exactly as signed, with their signatures. ' +
      'VERIFY.txt explains how to check the bundle with sha256sum and openssl, and with the CaseSeal verifier (caseseal-verify), which also checks that this report shows the same records as records.json.',
    { size: 9.5 },
  );

  for (const c of input.cases) {
    const lookups = lookupsFor(c, input.accounts);
    const sectionInput: CaseSectionInput = { facts: c.facts, records: c.records, lookups };
    pdf.doc.addPage();
    pdf.title(`Case ${c.ref}: ${c.title}`);
    for (const f of c.facts.flags) pdf.paragraph(`WARNING — ${flagLabel(f)}`, { color: '#8b0000' });
    const summary: DisplayRow[] = [
      {
        label: 'Status',
        value: CASE_STATUS_LABELS[c.facts.status as CaseStatus] ?? String(c.facts.status),
      },
      { label: 'Case id', value: c.caseId },
    ];
    if (c.facts.incidentKind)
      summary.push({ label: 'Kind of incident', value: kindIncidentLabel(c) });
    if (c.facts.children.length)
      summary.push({
        label: 'Children',
        value: c.facts.children
          .map((ch) =>
            [
              ch.name,
              ch.dateOfBirth
                ? `born ${ch.dateOfBirth.split('-').reverse().join('/')}`
                : ch.yearGroup,
            ]
              .filter(Boolean)
              .join(', '),
          )
          .join('; '),
      });
    if (c.facts.openedAt) summary.push({ label: 'Opened', value: ukDateTime(c.facts.openedAt) });
    summary.push({ label: 'Records', value: String(c.records.length) });
    if (c.facts.pendingCountersignatures.length) {
      summary.push({
        label: 'Awaiting countersignature',
        value: c.facts.pendingCountersignatures
          .map((p) => `${lookups.record?.(p.recordId) ?? p.recordId} (${p.purpose})`)
          .join('; '),
      });
    }
    pdf.rows(summary);

    for (const b of caseSectionsFor(sectionInput)) block(pdf, b);

    pdf.heading('Chronology');
    const byId = new Map(c.records.map((r) => [r.envelope.id, r]));
    for (let i = 0; i < c.records.length; i++) {
      const r = c.records[i]!;
      const env = r.envelope;
      const def = kindDef(env.kind);
      const summaryLine = safeSummary(env.kind, env.body);
      pdf.rule();
      pdf.heading(
        `#${env.caseSeq}  ${def?.label ?? env.kind}${summaryLine ? ` — ${summaryLine}` : ''}`,
        2,
      );
      pdf.paragraph(
        `Signed by ${env.signer.name} (${roleLabel(env.signer.role)}) on ${ukDateTime(env.signedAt)} (UK time)`,
        { size: 9.5 },
      );
      const rows: DisplayRow[] = def
        ? displayRows(def.fields, env.body, lookups)
        : Object.entries(env.body).map(([k, v]) => ({
            label: k,
            value: typeof v === 'string' ? v : JSON.stringify(v),
          }));
      if (env.kind === 'correction') {
        const target = byId.get(String(env.body.correctsId));
        const tdef = target ? kindDef(target.envelope.kind) : undefined;
        if (tdef && env.body.corrected && typeof env.body.corrected === 'object') {
          for (const row of displayRows(tdef.fields, env.body.corrected, lookups))
            rows.push({ label: `Corrected — ${row.label}`, value: row.value });
        }
      }
      if (rows.length) pdf.rows(rows);

      const findings = findingsAtSigning(r, c.records.slice(0, i), c, input.accounts);
      if (findings.length) {
        pdf.paragraph('Rule findings when signed:', { size: 9.5 });
        for (const f of findings) pdf.paragraph(`• ${f}`, { size: 9 });
      }
      const extras = recordExtrasFor(r, sectionInput);
      if (extras.length) pdf.rows(extras);

      const facts = c.facts.records[env.id];
      for (const cs of facts?.countersignatures ?? []) {
        const csRec = byId.get(cs.recordId);
        pdf.paragraph(
          `Countersigned by ${cs.name} as ${cs.purpose} on ${ukDateTime(cs.signedAt)} (record #${csRec?.envelope.caseSeq ?? '?'})${csRec?.envelope.body.statement ? `: “${String(csRec.envelope.body.statement)}”` : ''}`,
          { size: 9.5 },
        );
      }
      for (const p of c.facts.pendingCountersignatures.filter((p) => p.recordId === env.id)) {
        pdf.paragraph(`Awaiting countersignature (${p.purpose}): ${p.statement}`, {
          size: 9.5,
          color: '#8b0000',
        });
      }
      for (const corrId of facts?.correctedBy ?? []) {
        const corr = byId.get(corrId);
        if (corr)
          pdf.paragraph(
            `Corrected by record #${corr.envelope.caseSeq} (${corr.envelope.signer.name}, ${ukDateTime(corr.envelope.signedAt)}): ${String(corr.envelope.body.reason ?? '')}`,
            { size: 9.5 },
          );
      }
      // The id and hash stay together on one page: the verifier reads them back as a pair.
      const d = pdf.doc;
      if (d.y + 30 > d.page.height - d.page.margins.bottom) d.addPage();
      pdf.mono(`Record id: ${env.id}\nRecord SHA-256: ${r.hash}`, 8);
      await input.onRecord?.();
    }

    pdf.heading('Audit trail of this case');
    pdf.paragraph(
      'Who opened, searched, signed or exported this case, and when. These entries are part of the vault’s hash-chained audit trail; audit.json holds them with their hashes.',
      { size: 9.5 },
    );
    const names = new Map(input.accounts.map((a) => [a.id, a.name]));
    for (const e of c.audit) {
      const who = e.actorId ? (names.get(e.actorId) ?? e.actorId) : 'CaseSeal';
      const rec = e.recordId ? byId.get(e.recordId) : undefined;
      pdf.paragraph(
        `${e.seq}. ${ukDateTime(e.at)} — ${who} — ${e.action}${rec ? ` — record #${rec.envelope.caseSeq}` : ''}`,
        { size: 8.5 },
      );
    }
  }

  return pdf.toBuffer(
    `CaseSeal sealed export ${input.exportId.slice(0, 8)} — ${input.school.name}`,
  );
}

function safeSummary(kind: string, body: Record<string, unknown>): string {
  try {
    return kindDef(kind)?.summary(body) ?? '';
  } catch {
    return '';
  }
}

function kindIncidentLabel(c: ReportCase): string {
  const opened = c.records.find((r) => r.envelope.kind === 'case-opened');
  const def = kindDef('case-opened');
  const row =
    opened && def
      ? displayRows(def.fields, c.facts.effective[opened.envelope.id] ?? opened.envelope.body).find(
          (x) => x.label === 'Kind of incident',
        )
      : undefined;
  return row?.value ?? String(c.facts.incidentKind);
}
