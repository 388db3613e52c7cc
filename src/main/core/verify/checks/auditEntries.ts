// Checks on audit.json: its format; each entry's own hash and signature (by the account that
// acted, or the vault's system key for failed sign-ins); the order and the links where two
// entries are consecutive; and that the entries about each case up to the export are exactly
// those the signed export record lists (so an entry cannot be removed or added unnoticed).
import { auditHash, auditSignatureBreak, type AuditEntry } from '../../audit/auditLog';
import { auditKeyInfo } from '../../audit/auditKeys';
import { auditFileSchema, BUNDLE_FILES } from '../bundleFormat';
import { auditListDigest } from '../auditDigest';
import { parseJson, type BundleCheck } from './context';

export const auditFormat: BundleCheck = {
  name: 'audit.json format',
  // A missing audit.json is named by "Files present"; this check would have nothing to read.
  applies: (ctx) => ctx.files.has(BUNDLE_FILES.audit),
  run(ctx) {
    const raw = ctx.files.get(BUNDLE_FILES.audit)!;
    const parsed = parseJson(raw, BUNDLE_FILES.audit, 'audit-malformed', ctx.problems);
    // Stryker disable next-line StringLiteral: a problem was just named, and it replaces this detail
    if (parsed === undefined) return 'readable';
    const res = auditFileSchema.safeParse(parsed);
    if (res.success) ctx.auditFile = res.data;
    else
      for (const issue of res.error.issues.slice(0, 10))
        ctx.problems.push({
          code: 'audit-malformed',
          file: BUNDLE_FILES.audit,
          message: `audit.json is not in the export format at ${issue.path.join('.') || 'the top level'}: ${issue.message}`,
        });
    return 'readable';
  },
};

const SIGNATURE_WORDS = {
  unsigned: 'has no signature, but it was made after audit signing began',
  'bad-signature': "has a signature that does not verify with its signer's key",
  'unknown-key': 'is signed with a key the bundle does not hold',
  'wrong-signer': 'is signed with a key that is not the key of the person it names as acting',
} as const;

export const auditEntries: BundleCheck = {
  name: 'Audit entries (own hash and signature; links where consecutive)',
  applies: (ctx) => ctx.auditFile !== null,
  run(ctx) {
    const a = ctx.auditFile!;
    const f = ctx.recordsFile;
    const { problems } = ctx;
    ctx.summary.auditEntries = a.entries.length;
    if (f && a.exportId !== f.exportId)
      problems.push({
        code: 'audit-other-export',
        file: BUNDLE_FILES.audit,
        message: 'audit.json belongs to a different export than records.json.',
      });
    const keys = auditKeyInfo([
      // Stryker disable next-line ArrayDeclaration: with no readable records.json there are no account keys; a made-up entry has no key id and matches no signature
      ...(f?.keys ?? []).map((k) => ({
        keyId: k.keyId,
        publicKeyPem: k.publicKeyPem,
        accountId: k.accountId,
      })),
      ...(a.systemKeys ?? []).map((k) => ({ ...k, accountId: null })),
    ]);
    // Old bundles (before audit signing) say nothing: their unsigned entries are not failures.
    const signingFrom = a.signingFrom ?? Number.POSITIVE_INFINITY;
    const cases = new Set(f?.cases.map((c) => c.caseId));
    let prev: { seq: number; hash: string } | null = null;
    let unsigned = 0;
    for (const e of a.entries) {
      const entry = {
        ...e,
        signerKeyId: e.signerKeyId ?? null,
        signature: e.signature ?? null,
      } as AuditEntry;
      const at = { file: BUNDLE_FILES.audit, caseId: e.caseId ?? undefined };
      if (auditHash(entry) !== e.hash) {
        problems.push({
          code: 'audit-entry-changed',
          ...at,
          message: `audit.json entry ${e.seq} (${e.action}) has been changed: its content no longer matches its hash.`,
        });
      } else {
        const b = auditSignatureBreak(entry, keys, signingFrom);
        if (b)
          problems.push({
            code: `audit-${b.problem}`,
            ...at,
            message: `audit.json entry ${e.seq} (${e.action}) ${SIGNATURE_WORDS[b.problem as keyof typeof SIGNATURE_WORDS] ?? 'is not signed correctly'}.`,
          });
        else if (!entry.signature) unsigned++;
      }
      if (prev && e.seq <= prev.seq)
        problems.push({
          code: 'audit-out-of-order',
          file: BUNDLE_FILES.audit,
          message: `audit.json entry ${e.seq} is listed after entry ${prev.seq}: the entries have been reordered.`,
        });
      if (prev && e.seq === prev.seq + 1 && e.prevHash !== prev.hash)
        problems.push({
          code: 'audit-link-broken',
          file: BUNDLE_FILES.audit,
          message: `audit.json entry ${e.seq} does not link to entry ${prev.seq} before it.`,
        });
      if (f && (e.caseId === null || !cases.has(e.caseId)))
        problems.push({
          code: 'audit-foreign-case',
          file: BUNDLE_FILES.audit,
          message: `audit.json entry ${e.seq} is not about an exported case.`,
        });
      prev = { seq: e.seq, hash: e.hash };
    }
    checkAgainstExportRecord(ctx);
    const signed = a.entries.length - unsigned;
    return unsigned > 0
      ? `${a.entries.length} entries: ${signed} signed, ${unsigned} made before audit signing`
      : `${a.entries.length} entries, each signed`;
  },
};

/** The signed export record lists, per case, the audit entries up to the export: compare. */
function checkAgainstExportRecord(ctx: Parameters<BundleCheck['run']>[0]): void {
  const f = ctx.recordsFile;
  const a = ctx.auditFile!;
  if (!f) return;
  for (const c of f.cases) {
    // "Record hashes and signatures" has parsed every case of a readable records.json.
    const exportEnv = ctx.parsedByCase
      .get(c.caseId)!
      .find((e) => e?.kind === 'export' && e.body.exportId === f.exportId);
    const signedList = exportEnv?.body.audit as
      | { upTo: number; cases: Array<{ caseId: string; seqs: number[]; sha256: string }> }
      | undefined;
    if (!signedList) continue; // exports made before the list was signed
    const want = signedList.cases.find((x) => x.caseId === c.caseId);
    if (!want) continue;
    const have = a.entries.filter((e) => e.caseId === c.caseId && e.seq <= signedList.upTo);
    const haveSeqs = new Set(have.map((e) => e.seq));
    const wantSeqs = new Set(want.seqs);
    const at = { file: BUNDLE_FILES.audit, caseId: c.caseId };
    const missing = want.seqs.filter((s) => !haveSeqs.has(s));
    const extra = have.filter((e) => !wantSeqs.has(e.seq)).map((e) => e.seq);
    if (missing.length > 0)
      ctx.problems.push({
        code: 'audit-entry-missing',
        ...at,
        message: `audit.json lacks ${missing.length === 1 ? 'entry' : 'entries'} ${missing.slice(0, 20).join(', ')} about case ${c.ref}, which the signed export record lists: ${missing.length === 1 ? 'it has' : 'they have'} been removed.`,
      });
    if (extra.length > 0)
      ctx.problems.push({
        code: 'audit-entry-extra',
        ...at,
        message: `audit.json holds ${extra.length === 1 ? 'entry' : 'entries'} ${extra.slice(0, 20).join(', ')} about case ${c.ref} that the signed export record does not list: ${extra.length === 1 ? 'it has' : 'they have'} been added.`,
      });
    if (missing.length === 0 && extra.length === 0 && auditListDigest(have) !== want.sha256)
      ctx.problems.push({
        code: 'audit-entries-differ',
        ...at,
        message: `The audit entries about case ${c.ref} are not the ones the signed export record lists (their hashes differ).`,
      });
  }
}
