// The printed log seal read back as a person reads it (the project's own PDF text reader, and
// pdfinfo for the document's properties): the lines a head teacher, governor or officer relies on,
// the full hashes and signature a sceptic re-checks by hand, and the seal block on export receipts.
import { createPublicKey, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../src/main/db/open';
import type { Sqlite } from '../../../src/main/db/sqlite';
import { vaultPathsIn } from '../../../src/main/core/vault/paths';
import {
  LOG_SEAL_SIGNATURE_PREFIX,
  makeLogSeal,
  type SignedLogSeal,
} from '../../../src/main/core/log/logSeal';
import { renderLogSeal, renderSealOnReceipt } from '../../../src/main/core/log/logSealPdf';
import { CasePdf } from '../../../src/main/core/pdf/pdfDocument';
import { scanPdf } from '../../../src/main/core/verify/pdfText';
import { sha256Hex } from '../../../src/main/core/crypto/hash';
import { goldenVault, type GoldenBundle } from '../../helpers/goldenBundle';
import { tempDir, removeDir } from '../../helpers/vault';

const AT = '2026-11-24T09:00:00.000Z';
const PRINTED = new Date('2026-11-25T10:30:00.000Z');
const open: Array<{ db?: Sqlite; remove(): void }> = [];
afterEach(async () => {
  while (open.length) {
    const o = open.pop()!;
    await o.db?.close();
    o.remove();
  }
});

async function realSeal(): Promise<{ v: GoldenBundle; seal: SignedLogSeal }> {
  const v = await goldenVault();
  const db = await openVaultDb(vaultPathsIn(v.dir).db, v.vaultKey, {
    create: false,
    migrate: false,
  });
  open.push({ db, remove: v.remove });
  const keyId = (
    JSON.parse(
      (await db.get<{ envelope: string }>('SELECT envelope FROM records WHERE seq = 2'))!.envelope,
    ) as { signer: { keyId: string } }
  ).signer.keyId;
  const seal = await db.exclusive((c) =>
    makeLogSeal(c, {
      school: { name: 'Riverside Academy Zephyr', urn: '123456' },
      at: AT,
      signer: { accountId: v.ids.dsl, name: 'Quentin Marlowe-Dsl', keyId, privateKey: v.dslKey },
      schoolKeyFingerprint: async () => '0123456789abcdef'.repeat(4),
    }),
  );
  return { v, seal };
}

/** A seal made by hand (no vault): for the empty-log wording. */
function handSeal(over: Partial<SignedLogSeal['body']>): SignedLogSeal {
  return {
    body: {
      v: 1,
      type: 'caseseal-log-seal',
      school: { name: 'Riverside Academy Zephyr', urn: '123456' },
      at: AT,
      records: { seq: 0, hash: null },
      audit: { seq: 0, hash: null },
      schoolKeyFingerprint: null,
      signer: { accountId: 'a', name: 'Quentin Marlowe-Dsl', keyId: 'f'.repeat(64) },
      ...over,
    },
    text: '{}',
    signature: 'c2lnbmF0dXJl',
    shortForm: 'R 0 0000-0000-0000-0000 / A 0 0000-0000-0000-0000',
  };
}

const textOf = (pdf: Buffer) => scanPdf(pdf).text;
/** The page's words with every line break and run of spaces made one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** A printed label with the value printed beside it (the reader gives each its own line). */
const row = (label: string, value: string) => `\n${label}\n${value}\n`;

describe('the printed log seal', () => {
  it('names the school, when and by whom it was sealed, both chain positions and both key fingerprints, in plain words', async () => {
    const { seal } = await realSeal();
    const b = seal.body;
    const text = textOf(await renderLogSeal(seal, PRINTED));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Log seal');
    expect(lines[1]).toBe('Riverside Academy Zephyr (URN 123456)');
    expect(text).toContain(row('Sealed on', '24/11/2026 at 09:00 (UK time)'));
    expect(text).toContain(row('Sealed by', 'Quentin Marlowe-Dsl, Designated Safeguarding Lead'));
    expect(text).toContain(row('Records in the case log', String(b.records.seq)));
    expect(text).toContain(row('Entries in the audit trail', String(b.audit.seq)));
    expect(flat(text)).toContain(
      `School key fingerprint ${'0123 4567 89ab cdef '.repeat(4)}Signing key fingerprint ${b.signer.keyId.match(/.{4}/g)!.join(' ')} Short form (type this back to check) ${seal.shortForm} Full head hashes`,
    );
    expect(lines).toContain(seal.shortForm);
    expect(text).toContain(
      `\nCase log, record ${b.records.seq}:\n${b.records.hash}\nAudit trail, entry ${b.audit.seq}:\n${b.audit.hash}\n`,
    );
    expect(flat(text)).toContain(
      'To check the log against this seal later: in CaseSeal choose "Check the log against a seal" and type the short form above. It proves the vault still holds exactly the history sealed here — nothing removed, nothing replaced. An older copy of the vault, or one cut short, fails.',
    );
    expect(text).toContain('\nReceived by (head teacher or governor)\nName:\nSignature:\nDate:\n');
    expect(lines).toContain('Produced by CaseSeal on 25/11/2026 at 10:30.');
    expect(lines).toContain('Log seal 2026-11-24 — page 1 of 1');
    expect(scanPdf(await renderLogSeal(seal, PRINTED)).pages).toBe(1);
  });

  it('attack: a seal whose signature or signed text is left off the paper cannot be re-checked by hand — both are printed in full, and the printed signature verifies over the printed text with the DSL’s key', async () => {
    const { v, seal } = await realSeal();
    const text = textOf(await renderLogSeal(seal, PRINTED));
    const after = text.split('Signature (Ed25519, base64) over the seal text below:\n')[1]!;
    expect(after).toBeDefined();
    // The mono lines wrap without adding characters; the how-to paragraph follows them.
    const [printed] = after.split('\nTo check the log');
    const joined = printed!.replace(/\n/g, '');
    expect(joined).toBe(seal.signature + seal.text);
    const signature = joined.slice(0, seal.signature.length);
    const signedText = joined.slice(seal.signature.length);
    expect(
      verify(
        null,
        Buffer.from(LOG_SEAL_SIGNATURE_PREFIX + sha256Hex(signedText)),
        createPublicKey(v.dslKey),
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('a seal of an empty vault says so in words, and a vault without a school key says its fingerprint is not recorded', async () => {
    const text = textOf(await renderLogSeal(handSeal({}), PRINTED));
    expect(text).toContain(
      '\nCase log, record 0:\n(empty log)\nAudit trail, entry 0:\n(empty trail)\n',
    );
    expect(text).toContain(row('School key fingerprint', 'Not recorded'));
  });

  it('the file’s own properties and footer name it as the log seal of its day, by its signer (what a file list or viewer shows)', async () => {
    const dir = tempDir('caseseal-seal-pdf-');
    open.push({ remove: () => removeDir(dir) });
    const path = join(dir, 'seal.pdf');
    writeFileSync(path, await renderLogSeal(handSeal({ at: '2026-11-24T23:30:00.000Z' }), PRINTED));
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/^Title: +Log seal 2026-11-24T23:30:00\.000Z$/m);
    expect(info).toMatch(/^Subject: +Seal of the safeguarding case log$/m);
    expect(info).toMatch(/^Author: +Quentin Marlowe-Dsl$/m);
    expect(scanPdf(await renderLogSeal(handSeal({}), PRINTED)).text).toContain(
      '\nLog seal 2026-11-24 — page 1 of 1\n',
    );
  });
});

describe('the seal block on an export receipt', () => {
  it('prints its heading, the short form to type back, and what it proves', async () => {
    const pdf = new CasePdf({ title: 'Receipt', createdAt: new Date(AT) });
    pdf.heading('Handover receipt');
    const shortForm = 'R 120 3FA2-9C01-77DE-0B45 / A 341 1B2C-0000-0000-0000';
    renderSealOnReceipt(pdf, shortForm);
    const text = textOf(await pdf.toBuffer('Receipt'));
    expect(text).toContain(`\nLog seal at the time of export\n${shortForm}\n`);
    expect(flat(text)).toContain(
      'Record positions and the start of each head hash of the school’s case log and audit trail when this export was made. The school can check its vault against it at any time (“Check the log against a seal”).',
    );
  });
});
