// A small layer over pdfkit for CaseSeal's printable documents (handover receipts, the export
// report): A4, an embedded Unicode font (DejaVu, so any pupil's name prints), headings, label/value
// rows, signature boxes and page numbers. Text only — a CaseSeal PDF never holds an image (R2).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require_ = createRequire(__filename);
const FONT_REGULAR = require_.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require_.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const FONT_MONO = require_.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf');

export interface DocInfo {
  title: string;
  subject?: string;
  author?: string;
  /** Fixed creation date, so that the same input gives the same bytes. */
  createdAt: Date;
}

export class CasePdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(info: DocInfo) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      autoFirstPage: true,
      compress: true,
      info: {
        Title: info.title,
        Subject: info.subject ?? '',
        Author: info.author ?? 'CaseSeal',
        Creator: 'CaseSeal',
        Producer: 'CaseSeal',
        CreationDate: info.createdAt,
        ModDate: info.createdAt,
      },
    });
    this.doc.registerFont('body', FONT_REGULAR);
    this.doc.registerFont('bold', FONT_BOLD);
    this.doc.registerFont('mono', FONT_MONO);
    this.doc.font('body').fontSize(10);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom)
      this.doc.addPage();
  }

  title(text: string): this {
    this.doc.font('bold').fontSize(18).fillColor('#000').text(text, { width: this.width });
    this.doc.moveDown(0.4);
    this.doc.font('body').fontSize(10);
    return this;
  }

  heading(text: string, level: 1 | 2 = 1): this {
    this.ensureSpace(48);
    this.doc.moveDown(0.6);
    this.doc
      .font('bold')
      .fontSize(level === 1 ? 14 : 11.5)
      .fillColor('#000')
      .text(text, { width: this.width });
    this.doc.moveDown(0.25);
    this.doc.font('body').fontSize(10);
    return this;
  }

  paragraph(text: string, opts: { italic?: boolean; size?: number; color?: string } = {}): this {
    this.doc
      .font('body')
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? '#000')
      .text(text, { width: this.width });
    this.doc.moveDown(0.3);
    this.doc.fillColor('#000');
    return this;
  }

  /** Monospaced text for hashes, fingerprints and references. */
  mono(text: string, size = 8.5): this {
    this.doc.font('mono').fontSize(size).fillColor('#000').text(text, { width: this.width });
    this.doc.font('body').fontSize(10);
    return this;
  }

  rows(rows: ReadonlyArray<{ label: string; value: string }>, labelWidth = 170): this {
    for (const r of rows) {
      const valueWidth = this.width - labelWidth - 8;
      // Measure each column in the font it is drawn in (the bold label wraps sooner than body text).
      this.doc.font('bold').fontSize(9.5);
      const labelHeight = this.doc.heightOfString(r.label, { width: labelWidth });
      this.doc.font('body').fontSize(10);
      const h = Math.max(
        labelHeight,
        this.doc.heightOfString(r.value || '—', { width: valueWidth }),
      );
      this.ensureSpace(h + 4);
      const y = this.doc.y;
      const x = this.doc.page.margins.left;
      this.doc
        .font('bold')
        .fontSize(9.5)
        .fillColor('#333')
        .text(r.label, x, y, { width: labelWidth });
      this.doc
        .font('body')
        .fontSize(10)
        .fillColor('#000')
        .text(r.value || '—', x + labelWidth + 8, y, { width: valueWidth });
      this.doc.x = x;
      this.doc.y = y + h + 4;
    }
    return this;
  }

  rule(): this {
    this.ensureSpace(12);
    const y = this.doc.y + 3;
    this.doc
      .moveTo(this.doc.page.margins.left, y)
      .lineTo(this.doc.page.margins.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor('#888')
      .stroke();
    this.doc.y = y + 6;
    return this;
  }

  /** An empty box to sign by hand, with the printed name and role beneath. */
  signatureBox(
    caption: string,
    lines: readonly string[] = ['Name', 'Signature', 'Date and time'],
  ): this {
    const h = 20 + lines.length * 26;
    this.ensureSpace(h + 10);
    const x = this.doc.page.margins.left;
    const y = this.doc.y;
    this.doc.rect(x, y, this.width, h).lineWidth(0.8).strokeColor('#000').stroke();
    this.doc
      .font('bold')
      .fontSize(10)
      .text(caption, x + 8, y + 6, { width: this.width - 16 });
    lines.forEach((l, i) => {
      const ly = y + 24 + i * 26;
      this.doc
        .font('body')
        .fontSize(9)
        .text(`${l}:`, x + 8, ly + 8, { width: 110 });
      this.doc
        .moveTo(x + 120, ly + 18)
        .lineTo(x + this.width - 10, ly + 18)
        .lineWidth(0.5)
        .strokeColor('#555')
        .stroke();
    });
    this.doc.x = x;
    this.doc.y = y + h + 10;
    return this;
  }

  /** Footer on every page: a label and "Page n of m". */
  private footers(label: string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.height - this.doc.page.margins.bottom + 20;
      // Writing inside the bottom margin must not trigger a new page.
      const saved = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .font('body')
        .fontSize(8)
        .fillColor('#444')
        .text(`${label} — page ${i + 1} of ${range.count}`, this.doc.page.margins.left, bottom, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      this.doc.page.margins.bottom = saved;
    }
  }

  async toBuffer(footerLabel: string): Promise<Buffer> {
    this.footers(footerLabel);
    this.doc.end();
    return this.done;
  }
}
