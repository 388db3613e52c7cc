// More forgeries of a sealed bundle, each caught by one check of the export verifier: the staff
// member's sealed concern rewritten, an inline image drawn into the report, audit entries removed or
// added by the score, an old export without a signed audit list, a record listed under the wrong
// case. As in bundleChecks.test.ts, the forger holds the DSL's real key and re-seals the manifest,
// and each test names what the officer is shown (the record, case or file) and that the bundle is
// invalid — or, for the honest cases, that no false alarm is raised.
import { deflateSync, inflateSync } from 'node:zlib';
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBundleFiles } from '../../../src/main/core/verify/bundle';
import { BUNDLE_FILES } from '../../../src/main/core/verify/bundleFormat';
import { type Envelope } from '../../../src/shared/records/envelope';
import { keyIdOf, signMessage } from '../../../src/main/core/crypto/ed25519';
import { auditHash, auditSigningMessage } from '../../../src/main/core/audit/auditLog';
import type { BundleProblem } from '../../../src/shared/exportReport';
import { goldenBundle, type GoldenBundle } from '../../helpers/goldenBundle';
import { bundleForger, type Case } from '../../helpers/bundleForger';
import { reseal } from '../../helpers/exportFixture';

let g: GoldenBundle;
beforeAll(async () => {
  g = await goldenBundle();
}, 10 * 60_000);

const {
  check,
  problemsOf,
  codes,
  files,
  records,
  audit,
  envOf,
  withRecords,
  withAudit,
  signed,
  mainCase,
  smallCase,
  indexOfKind,
} = bundleForger(() => g);
/** A case's export record re-signed by the DSL after `change`; the case's last record. */
function resignExport(c: Case, change: (body: Record<string, unknown>) => void): Envelope {
  const i = indexOfKind(c, 'export');
  const env = envOf(c.records[i]!);
  const body = structuredClone(env.body);
  change(body);
  const changed = { ...env, body };
  c.records[i] = signed(changed, g.dslKey);
  return changed;
}
const AUDIT_CHECK = 'Audit entries (own hash and signature; links where consecutive)';

describe('sealed concerns', () => {
  it('attack: the DSL rewrites what a staff member’s sealed concern shows and re-signs the record: named as differing from what its author signed', () => {
    const r = records();
    const c = mainCase(r);
    const i = indexOfKind(c, 'sealed-concern');
    const env = envOf(c.records[i]!);
    const body = env.body as { account: string; sealed: { author: { name: string } } };
    const softened = { ...env, body: { ...body, account: 'A pupil seemed upset.' } };
    c.records[i] = signed(softened, g.dslKey);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'uncertified-signer',
      file: 'certificates.json',
      recordId: env.id,
      caseId: g.caseId,
      message: `In case ${c.ref}: Record ${env.id} (a concern sealed by ${body.sealed.author.name}): what the record shows differs from what its author signed.`,
    });
  });
});

describe('audit entries against the signed export record', () => {
  it('an old bundle (no signingFrom) whose last entry is unsigned is valid, and says how many entries predate audit signing', () => {
    const a = audit();
    delete a.signingFrom;
    // The last entry was made after the export's signed list, so no other check depends on it.
    const e = a.entries.at(-1)!;
    e.signature = null;
    e.signerKeyId = null;
    e.hash = auditHash(e as never);
    const r = check(withAudit(a));
    if (r.status !== 'valid') throw new Error(JSON.stringify(r).slice(0, 400));
    const n = a.entries.length;
    expect(r.checks.find((c) => c.name === AUDIT_CHECK)?.detail).toBe(
      `${n} entries: ${n - 1} signed, 1 made before audit signing`,
    );
  });

  it('attack: more than twenty listed entries removed: the officer is told of the first twenty, and that they were removed', () => {
    const a = audit();
    const ref = mainCase(records()).ref;
    const about = a.entries.filter((e) => e.caseId === g.caseId);
    const gone = about.slice(0, 22).map((e) => e.seq);
    a.entries = a.entries.filter((e) => !gone.includes(e.seq));
    expect(problemsOf(withAudit(a))).toContainEqual({
      code: 'audit-entry-missing',
      file: BUNDLE_FILES.audit,
      caseId: g.caseId,
      message: `audit.json lacks entries ${gone.slice(0, 20).join(', ')} about case ${ref}, which the signed export record lists: they have been removed.`,
    });
  });

  it('two entries swapped are named as reordered, not as different entries (the list is compared by position)', () => {
    const a = audit();
    [a.entries[3], a.entries[4]] = [a.entries[4]!, a.entries[3]!];
    const c = codes(withAudit(a));
    expect(c).toContain('audit-out-of-order');
    expect(c).not.toContain('audit-entries-differ');
  });

  it('an export made before the audit list was signed (no list in its export records) is not checked against one', () => {
    const r = records();
    for (const c of r.cases)
      resignExport(c, (body) => {
        delete body.audit;
      });
    const p = problemsOf(withRecords(r));
    expect(p.filter((x) => x.code.startsWith('audit-'))).toEqual([]);
    // re-signing the export records is still seen: the report shows their old hashes
    expect(p.map((x) => x.code)).toContain('report-hash-differs');
  });

  it('an export record whose audit list leaves out its own case: that case’s entries have nothing to be compared with, and none is named', () => {
    const r = records();
    const c = smallCase(r);
    resignExport(c, (body) => {
      const list = body.audit as { cases: Array<{ caseId: string }> };
      list.cases = list.cases.filter((x) => x.caseId !== g.smallCaseId);
    });
    const p = problemsOf(withRecords(r));
    expect(p.filter((x) => x.code.startsWith('audit-'))).toEqual([]);
  });
});

describe('export records', () => {
  it('a case holding the record of an earlier export as well is not named as exported twice', () => {
    const r = records();
    const c = smallCase(r);
    // The note becomes the record of an earlier export (re-signed, re-linked): the case now holds
    // two export records, one of them for another export id.
    const noteAt = indexOfKind(c, 'note');
    const note = envOf(c.records[noteAt]!);
    const thisExport = envOf(c.records[indexOfKind(c, 'export')]!);
    const earlier = {
      ...note,
      kind: 'export',
      body: { ...thisExport.body, exportId: '00000000-0000-4000-8000-0000000000e1' },
    };
    c.records[noteAt] = signed(earlier, g.dslKey);
    const last = c.records.length - 1;
    const exp = envOf(c.records[last]!);
    c.records[last] = signed({ ...exp, casePrev: c.records[noteAt]!.hash }, g.dslKey);
    const p = problemsOf(withRecords(r));
    expect(p.filter((x) => x.caseId === g.smallCaseId).map((x) => x.code)).not.toContain(
      'export-record-duplicate',
    );
    expect(p.filter((x) => x.caseId === g.smallCaseId).map((x) => x.code)).not.toContain(
      'export-record-missing',
    );
  });
});

describe('case summaries', () => {
  it('attack: the record that opened the small case dropped: the title records.json still gives is named against “Untitled”', () => {
    const r = records();
    const c = smallCase(r);
    c.records.splice(indexOfKind(c, 'case-opened'), 1);
    expect(problemsOf(withRecords(r))).toContainEqual({
      code: 'summary-title-differs',
      file: BUNDLE_FILES.records,
      caseId: g.smallCaseId,
      message: `records.json gives case ${c.ref} the title "${c.title}", but its signed records give "Untitled": the unsigned summary has been changed.`,
    });
  });

  it('a record of the main case listed under the small case does not give the small case the main case’s flags', () => {
    const r = records();
    const copy = mainCase(r).records[indexOfKind(mainCase(r), 'copy-made')]!;
    smallCase(r).records.push(copy);
    const p = problemsOf(withRecords(r));
    expect(p).toContainEqual(
      expect.objectContaining({ code: 'record-in-wrong-case', caseId: g.smallCaseId }),
    );
    expect(p.filter((x) => x.caseId === g.smallCaseId && x.code.startsWith('summary-'))).toEqual(
      [],
    );
  });
});

describe('the report', () => {
  /** report.pdf with `extra` appended to the first content stream that shows text. */
  function withContent(extra: string): Buffer {
    const pdf = g.files.get(BUNDLE_FILES.report)!;
    const text = pdf.toString('latin1');
    const re = /\/Length (\d+)\s*\/Filter \/FlateDecode\s*>>\s*stream\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index + m[0].length;
      const len = Number(m[1]);
      const data = inflateSync(pdf.subarray(start, start + len)).toString('latin1');
      if (!/\bTJ\b|\bTj\b/.test(data)) continue;
      const changed = deflateSync(Buffer.from(data + extra, 'latin1'));
      return Buffer.concat([
        Buffer.from(text.slice(0, m.index) + m[0].replace(m[1]!, String(changed.length)), 'latin1'),
        changed,
        pdf.subarray(start + len),
      ]);
    }
    throw new Error('no content stream found');
  }

  it('attack: an inline image drawn into a page’s content (no image object at all) is named (R2)', () => {
    const pdf = withContent('\nq 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x7f EI Q\n');
    const p = problemsOf(reseal(files().set(BUNDLE_FILES.report, pdf), g.dslKey));
    expect(p).toContainEqual({
      code: 'report-has-images',
      file: BUNDLE_FILES.report,
      message: 'report.pdf embeds 1 image(s): a CaseSeal report never holds images (R2).',
    });
  });

  it('records.json unreadable: the report is not compared with it (no record is named as extra)', () => {
    const f = reseal(files().set(BUNDLE_FILES.records, Buffer.from('{')), g.dslKey);
    const c = codes(f);
    expect(c).toContain('records-malformed');
    expect(c).not.toContain('report-extra-record');
  });
});

describe('audit.json edited by hand', () => {
  it('attack: an entry’s action edited without re-hashing it is named as changed (and not judged by its signature)', () => {
    const a = audit();
    const e = a.entries[5]!;
    e.action = 'record-viewed';
    const p = problemsOf(withAudit(a)).filter((x) => x.file === BUNDLE_FILES.audit);
    expect(p).toContainEqual({
      code: 'audit-entry-changed',
      file: BUNDLE_FILES.audit,
      caseId: e.caseId,
      message: `audit.json entry ${e.seq} (record-viewed) has been changed: its content no longer matches its hash.`,
    });
    expect(p.map((x) => x.code)).not.toContain('audit-bad-signature');
  });

  it('attack: audit.json that is not JSON is named once, as not JSON', () => {
    const f = reseal(files().set(BUNDLE_FILES.audit, Buffer.from('{"format":')), g.dslKey);
    expect(problemsOf(f).filter((x) => x.file === BUNDLE_FILES.audit)).toEqual([
      {
        code: 'audit-malformed',
        file: BUNDLE_FILES.audit,
        message: 'audit.json is not valid JSON.',
      },
    ]);
  });

  it('attack: many entries broken at once: ten problems at most are named, each with where it is', () => {
    const a = audit();
    for (const e of a.entries.slice(0, 12)) (e as unknown as { seq: unknown }).seq = 'first';
    const p = problemsOf(withAudit(a)).filter((x) => x.code === 'audit-malformed');
    expect(p).toHaveLength(10);
    expect(p[0]!.message).toMatch(/^audit\.json is not in the export format at entries\.0\.seq: /);
  });
});

describe('the export records’ list of cases', () => {
  it('attack: export records re-signed without their list of cases: every case of the bundle is named as not listed, and none as removed', () => {
    const r = records();
    for (const c of r.cases)
      resignExport(c, (body) => {
        delete body.cases;
      });
    const p = problemsOf(withRecords(r));
    const listed = p.filter((x) => x.code === 'case-extra' || x.code === 'case-missing');
    expect(listed.map((x) => [x.code, x.caseId])).toEqual(
      r.cases.flatMap(() => r.cases.map((c) => ['case-extra', c.caseId])),
    );
  });
});

describe('audit entries and certificates', () => {
  it('attack: an entry about no case, re-signed with a key the insider added, is named as uncertified (with no case attached)', () => {
    const r = records();
    const forger = generateKeyPairSync('ed25519');
    const pem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keyId = keyIdOf(pem);
    const dsl = r.keys.find((k) => k.accountId === g.ids.dsl)!;
    r.keys.push({ ...dsl, keyId, publicKeyPem: pem });
    const a = audit();
    const e = a.entries.at(-1)!;
    e.caseId = null;
    e.signerKeyId = keyId;
    e.hash = auditHash(e as never);
    e.signature = signMessage(forger.privateKey, auditSigningMessage(e.hash));
    expect(problemsOf(withAudit(a, withRecords(r)))).toContainEqual({
      code: 'uncertified-signer',
      file: 'audit.json',
      message: `audit.json entry ${e.seq} (${e.action}, made ${e.at}) is signed with a key the school key never certified for that person.`,
    });
  });
});

describe('the report check runs whatever else is wrong with report.pdf', () => {
  it('attack: an image appended to report.pdf without re-sealing is named both as a changed file and as an image (R2), even beside a damaged VERIFY.txt', () => {
    const pdf = g.files.get(BUNDLE_FILES.report)!;
    const image = Buffer.from(
      '\n99 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length 1 >>\nstream\n\x00\nendstream\nendobj\n',
      'latin1',
    );
    const damaged: BundleProblem = {
      code: 'zip-entry-damaged',
      file: BUNDLE_FILES.verify,
      message: 'VERIFY.txt: its data inside the zip is damaged and cannot be read (x).',
    };
    const r = checkBundleFiles(
      files()
        .set(BUNDLE_FILES.report, Buffer.concat([pdf, image]))
        .set(BUNDLE_FILES.verify, Buffer.alloc(0)),
      false,
      [damaged],
    );
    if (r.status !== 'invalid') throw new Error(r.status);
    const about = r.problems.filter((x) => x.file === BUNDLE_FILES.report).map((x) => x.code);
    expect(about).toContain('file-hash-mismatch');
    expect(about).toContain('report-has-images');
  });
});
