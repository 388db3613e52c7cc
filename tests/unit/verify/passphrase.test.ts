// The one-time export passphrase: six words from a list of 2,048 plain words (66 bits),
// drawn with node:crypto; the bundle manifest format that sha256sum reads.
import { describe, expect, it } from 'vitest';
import {
  oneTimePassphrase,
  passphraseBits,
  PASSPHRASE_WORD_COUNT,
} from '../../../src/main/core/export/passphrase';
import { PASSPHRASE_WORDS } from '../../../src/main/core/export/wordList';
import {
  manifestText,
  MANIFEST_LINE,
  MANIFEST_FILES,
  ALL_FILES,
} from '../../../src/main/core/verify/bundleFormat';
import { suggestedFileName } from '../../../src/main/core/export/sealExport';
import { detectImagery } from '../../../src/shared/guard/imagery';

describe('the word list', () => {
  it('has at least 2,048 distinct plain lowercase words of 4 to 7 letters', () => {
    expect(PASSPHRASE_WORDS.length).toBeGreaterThanOrEqual(2048);
    expect(new Set(PASSPHRASE_WORDS).size).toBe(PASSPHRASE_WORDS.length);
    for (const w of PASSPHRASE_WORDS) expect(w).toMatch(/^[a-z]{4,7}$/);
  });
  it('leaves out words about what this tool deals with', () => {
    for (const w of [
      'rape',
      'nude',
      'naked',
      'photo',
      'image',
      'video',
      'camera',
      'groom',
      'abuse',
      'victim',
      'kill',
      'police',
      'sexual',
      'drug',
    ])
      expect(PASSPHRASE_WORDS).not.toContain(w);
  });
});

describe('oneTimePassphrase', () => {
  it('is six list words joined by hyphens, at least 66 bits', () => {
    expect(PASSPHRASE_WORD_COUNT).toBe(6);
    expect(passphraseBits()).toBeGreaterThanOrEqual(66);
    for (let i = 0; i < 50; i++) {
      const p = oneTimePassphrase();
      const words = p.split('-');
      expect(words).toHaveLength(6);
      for (const w of words) expect(PASSPHRASE_WORDS).toContain(w);
      // typed into a form it passes the R2 text guard
      expect(detectImagery(p)).toBeNull();
    }
  });
  it('differs every time and uses the whole list', () => {
    const seen = new Set<string>();
    const words = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = oneTimePassphrase();
      seen.add(p);
      p.split('-').forEach((w) => words.add(w));
    }
    expect(seen.size).toBe(2000);
    // 12,000 draws from 2,048 words cover nearly all of them (expected ≈ 2,042)
    expect(words.size).toBeGreaterThan(2000);
  });
});

describe('the manifest format', () => {
  it('lists every file but the manifest and signature, sorted, as sha256sum writes them', () => {
    expect(MANIFEST_FILES).toEqual([
      'VERIFY.txt',
      'audit.json',
      'certificates.json',
      'records.json',
      'report.pdf',
      'signer.pub.pem',
    ]);
    expect(ALL_FILES).toEqual([...MANIFEST_FILES, 'manifest.sha256', 'manifest.sig'].sort());
    const text = manifestText([
      { name: 'records.json', sha256: 'b'.repeat(64) },
      { name: 'VERIFY.txt', sha256: 'a'.repeat(64) },
    ]);
    expect(text).toBe(`${'a'.repeat(64)}  VERIFY.txt\n${'b'.repeat(64)}  records.json\n`);
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(MANIFEST_LINE);
    // a manifest can never be mistaken for a record signature's message (domain separation by form)
    expect(text.startsWith('caseseal:')).toBe(false);
  });
  it('is the same text whatever order the files come in (an officer’s `sha256sum -c` and the signature both rely on one text)', () => {
    const hashed = MANIFEST_FILES.map((name, i) => ({ name, sha256: String(i).repeat(64) }));
    const expected = hashed.map((h) => `${h.sha256}  ${h.name}\n`).join('');
    const orders = [
      [...hashed].reverse(),
      [...hashed.slice(3), ...hashed.slice(0, 3)],
      [hashed[2]!, hashed[5]!, hashed[0]!, hashed[4]!, hashed[1]!, hashed[3]!],
    ];
    for (const order of orders) expect(manifestText(order)).toBe(expected);
  });
  it('suggests a file name from the case references and the date', () => {
    const at = new Date('2026-11-23T08:00:00Z');
    expect(suggestedFileName(['C-2026-0007'], at)).toBe(
      'caseseal-export-C-2026-0007-2026-11-23.zip',
    );
    expect(suggestedFileName(['C-2026-0007', 'C-2026-0009'], at)).toBe(
      'caseseal-export-C-2026-0007-and-1-more-2026-11-23.zip',
    );
  });
});
