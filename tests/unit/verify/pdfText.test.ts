// The verifier's own PDF reader: text decoded through each font's ToUnicode CMap across
// pages (no external tools), the record id/hash pairs read back, images found, damage reported.
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { CasePdf } from '../../../src/main/core/pdf/pdfDocument';
import { scanPdf } from '../../../src/main/core/verify/pdfText';
import { reportRecordHashes } from '../../../src/main/core/verify/bundle';

async function samplePdf(pages = 3): Promise<Buffer> {
  const pdf = new CasePdf({ title: 'Sample', createdAt: new Date('2026-11-23T08:00:00Z') });
  pdf.title('Sealed export — “Zoë” Ünïcode: café, naïve, fiancé, ﬁ ligature, Łódź, Ελληνικά');
  for (let p = 0; p < pages; p++) {
    if (p > 0) pdf.doc.addPage();
    pdf.heading(`Page heading ${p + 1}`);
    pdf.rows([
      { label: 'Officer', value: `DC Rowan Whitlock ${p}` },
      {
        label: 'A long label that wraps over two lines in bold',
        value:
          'A value that is long enough to wrap onto a second line within the value column of the row layout.',
      },
    ]);
    pdf.mono(
      `Record id: 0000000${p}-1111-4222-8333-444444444444\nRecord SHA-256: ${String(p).repeat(64)}`,
      8,
    );
  }
  return pdf.toBuffer('Footer label');
}

describe('scanPdf', () => {
  it('reads every page’s text in order, Unicode and ligatures included, with no images', async () => {
    const scan = scanPdf(await samplePdf(3));
    expect(scan.pages).toBe(3);
    expect(scan.warnings).toEqual([]);
    expect(scan.imageObjects).toEqual([]);
    expect(scan.inlineImages).toBe(0);
    const flat = scan.text.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'Sealed export — “Zoë” Ünïcode: café, naïve, fiancé, fi ligature, Łódź, Ελληνικά',
    );
    expect(scan.text.indexOf('Page heading 1')).toBeLessThan(scan.text.indexOf('Page heading 2'));
    expect(scan.text.indexOf('Page heading 2')).toBeLessThan(scan.text.indexOf('Page heading 3'));
    expect(scan.text).toContain('Footer label — page 3 of 3');
    const pairs = reportRecordHashes(scan.text);
    expect([...pairs.entries()].map(([id, h]) => [id, [...h]])).toEqual(
      [0, 1, 2].map((p) => [`0000000${p}-1111-4222-8333-444444444444`, [String(p).repeat(64)]]),
    );
  });

  it('finds an image XObject and an inline image', async () => {
    const pdf = await samplePdf(1);
    const xobj = Buffer.from(
      '\n500 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length 1 >>\nstream\n\x00\nendstream\nendobj\n',
      'latin1',
    );
    expect(scanPdf(Buffer.concat([pdf, xobj])).imageObjects).toEqual([500]);
    // an inline image inside a page's content stream
    const content = deflateSync(
      Buffer.from('BT /F1 10 Tf (x) Tj ET\nq BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI Q\n', 'latin1'),
    );
    const page = Buffer.concat([
      Buffer.from(
        '%PDF-1.3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << >> >>\nendobj\n',
        'latin1',
      ),
      Buffer.from(
        `4 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`,
        'latin1',
      ),
      content,
      Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
    ]);
    const scan = scanPdf(page);
    expect(scan.pages).toBe(1);
    expect(scan.inlineImages).toBe(1);
  });

  it('says what it could not read instead of throwing', async () => {
    expect(scanPdf(Buffer.from('hello'))).toMatchObject({
      pages: 0,
      warnings: ['the file does not start with %PDF-'],
    });
    const pdf = await samplePdf(1);
    // damage the first content stream's compressed bytes
    const at = pdf.indexOf('stream\n', pdf.indexOf('/FlateDecode')) + 'stream\n'.length + 4;
    const damaged = Buffer.from(pdf);
    damaged[at] = damaged[at]! ^ 0xff;
    damaged[at + 1] = damaged[at + 1]! ^ 0xff;
    const scan = scanPdf(damaged);
    expect(scan.warnings.length + (scan.text.includes('Page heading 1') ? 0 : 1)).toBeGreaterThan(
      0,
    );
  });
});

describe('reportRecordHashes', () => {
  it('pairs each id with the hash printed after it, across a page footer but never across another record', () => {
    const id1 = 'aaaaaaaa-1111-4222-8333-444444444444';
    const id2 = 'bbbbbbbb-1111-4222-8333-444444444444';
    const text = `Record id: ${id1}\nFooter — page 2 of 9\n\nRecord SHA-256: ${'a'.repeat(64)}\nRecord id: ${id2}\nRecord id: cccccccc-1111-4222-8333-444444444444\nRecord SHA-256: ${'c'.repeat(64)}`;
    const m = reportRecordHashes(text);
    expect(m.get(id1)).toEqual(new Set(['a'.repeat(64)]));
    expect(m.has(id2)).toBe(false);
    expect(m.get('cccccccc-1111-4222-8333-444444444444')).toEqual(new Set(['c'.repeat(64)]));
  });
});
