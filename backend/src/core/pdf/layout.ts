import PDFDocument from 'pdfkit';

/** A table column: its width as a fraction of the text width. */
export interface PdfColumn {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * The one layout our documents share (the order summary, competition results): A4, the standard
 * Helvetica fonts, no images, a footer on every page. `keepTogether` starts a new page before a
 * heading, pair, paragraph or table that would begin too near the foot of one; the order summary
 * has always been laid out without it, and keeps its pages as they were.
 */
export function pdfLayout(info: { title: string; subject: string }, { keepTogether }: { keepTogether: boolean }) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    bufferPages: true,
    info: { Title: info.title, Author: 'GP IT Marketplace', Subject: info.subject },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  /** A new page unless `height` points are left above the bottom margin. */
  const roomFor = (height: number) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - height) doc.addPage();
  };
  const keep = (height: number) => {
    if (keepTogether) roomFor(height);
  };

  /** The document's title, with a grey line under it. */
  const title = (text: string, subtitle: string) => {
    doc.font('Helvetica-Bold').fontSize(18).text(text, left, doc.y, { width });
    doc.font('Helvetica').fontSize(10).fillColor('#505a5f').text(subtitle, { width });
    doc.fillColor('#000');
  };
  const heading = (text: string) => {
    keep(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#000').text(text, left, doc.y, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  /** A key–value row: the label bold on the left, the value beside it. */
  const pair = (label: string, value: string) => {
    keep(30);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).text(label, left, y, { width: 170 });
    const labelBottom = doc.y;
    doc.font('Helvetica').text(value, left + 180, y, { width: width - 180 });
    doc.y = Math.max(doc.y, labelBottom) + 3;
  };
  const paragraph = (text: string) => {
    keep(30);
    doc.font('Helvetica').fontSize(10).fillColor('#000').text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  /** A simple table; a new page repeats the header. */
  const table = (columns: PdfColumn[], rows: string[][]) => {
    const xs: number[] = [];
    let x = left;
    for (const col of columns) {
      xs.push(x);
      x += col.width * width;
    }
    const row = (cells: string[], bold: boolean) => {
      const y = doc.y;
      let bottom = y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      cells.forEach((cell, i) => {
        doc.text(cell, xs[i], y, { width: columns[i].width * width - 6, align: columns[i].align ?? 'left' });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 3;
      doc.moveTo(left, doc.y - 1.5).lineTo(left + width, doc.y - 1.5).lineWidth(0.5).strokeColor('#b1b4b6').stroke();
    };
    keep(50);
    row(columns.map((col) => col.title), true);
    for (const cells of rows) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 40) {
        doc.addPage();
        row(columns.map((col) => col.title), true);
      }
      row(cells, false);
    }
    // The last cell leaves x in the last column; text after the table starts at the margin again.
    doc.x = left;
  };
  /** Small grey print at the end, such as what the figures exclude. */
  const smallPrint = (text: string) => {
    doc.moveDown(0.5).fontSize(9).fillColor('#505a5f').text(text, left, doc.y, { width });
  };

  /** Writes the footer on every page, ends the document and resolves to its bytes. */
  const finish = (footerLabel: string, generatedAt: Date): Promise<Buffer> => {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc.fontSize(8).fillColor('#505a5f');
      // Written inside the bottom margin: lift the margin so pdfkit does not start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.text(`GP IT Marketplace · ${footerLabel} · generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · page ${i + 1} of ${range.count}`, left, doc.page.height - 35, {
        width,
        align: 'center',
      });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  };

  return { doc, left, width, roomFor, title, heading, pair, paragraph, table, smallPrint, finish };
}

export type PdfLayout = ReturnType<typeof pdfLayout>;

/** A day (YYYY-MM-DD) written out in full, e.g. 1 January 2027. */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
