import PDFDocument from 'pdfkit';
import { formatPounds } from '../ordering/order-pricing';
import type { CompetitionDetail } from './dto/competitions.dto';
import { Element, ELEMENT_NAMES, formatPoints } from './scoring';

/**
 * The results of a completed competition as a PDF (A4, the standard Helvetica fonts): the criteria
 * and weightings, every solution considered (and why any was left out), the whole-term costs, the
 * ranking with every score and the points it gives, every justification, and the winner or the tie.
 * Built from the same CompetitionDetail the API returns, so it can never disagree with the page.
 */
export function renderResults(c: CompetitionDetail, generatedAt: Date = new Date()): Promise<Buffer> {
  const results = c.results;
  if (!results) throw new Error('A competition has results only once it is completed');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    bufferPages: true,
    info: { Title: `Competition results: ${c.name}`, Author: 'GP IT Marketplace', Subject: 'Competition results' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const roomFor = (height: number) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - height) doc.addPage();
  };
  const heading = (text: string) => {
    roomFor(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#000').text(text, left, doc.y, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const pair = (label: string, value: string) => {
    roomFor(30);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).text(label, left, y, { width: 170 });
    const labelBottom = doc.y;
    doc.font('Helvetica').text(value, left + 180, y, { width: width - 180 });
    doc.y = Math.max(doc.y, labelBottom) + 3;
  };
  const paragraph = (text: string) => {
    roomFor(30);
    doc.font('Helvetica').fontSize(10).fillColor('#000').text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  /** A simple table: column widths as fractions of the page width; a new page repeats the header. */
  const table = (columns: { title: string; width: number; align?: 'left' | 'right' }[], rows: string[][]) => {
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
    roomFor(50);
    row(columns.map((col) => col.title), true);
    for (const cells of rows) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 40) {
        doc.addPage();
        row(columns.map((col) => col.title), true);
      }
      row(cells, false);
    }
    doc.x = left;
  };

  const elements = c.elements as Element[];
  const priceWeight = c.criteria.priceWeight ?? 100;
  const nonPrice = 100 - priceWeight;
  const direct = c.awardType === 'direct';
  const solutionName = (itemId: string) => c.solutions.find((s) => s.itemId === itemId)?.name ?? itemId;

  doc.font('Helvetica-Bold').fontSize(18).text(`Competition results: ${c.name}`, left, doc.y, { width });
  doc.font('Helvetica').fontSize(10).fillColor('#505a5f').text(direct ? 'Direct award (one solution met the need)' : 'On-catalogue competition', { width });
  doc.fillColor('#000');

  heading('Outcome');
  if (direct) pair('Direct award', solutionName(results.winners[0]));
  else if (results.tie) pair('Result', `A tie between ${results.winners.map(solutionName).join(' and ')}, with ${formatPoints(results.ranking[0].totalPoints)} points each`);
  else pair('Winner', `${solutionName(results.winners[0])} with ${formatPoints(results.ranking[0].totalPoints)} points`);
  if (c.orderRef) pair('Order', `${c.orderRef} (draft order made on award)`);
  if (c.completedAt) pair('Completed', `${longDate(c.completedAt.slice(0, 10))}${c.completedByName ? ` by ${c.completedByName}` : ''}`);
  if (c.shortlist) pair('Shortlist', c.shortlist.name);
  if (c.framework) pair('Framework', `${c.framework.name} (${c.framework.id})`);
  if (c.termMonths) pair('Contract length', `${c.termMonths} month${c.termMonths === 1 ? '' : 's'}`);

  if (!direct) {
    heading('Award criteria and weightings');
    pair('Price', `${priceWeight}%`);
    if (nonPrice > 0) {
      pair('Non-price', `${nonPrice}%`);
      for (const e of elements) pair(`  ${ELEMENT_NAMES[e]}`, `${c.criteria.weights[e]}% of non-price (${(c.criteria.weights[e] * nonPrice) / 100}% overall)`);
    }
    paragraph(
      'Price scores come from the whole-term cost: the cheapest scores 5; up to 25% dearer 4; up to 50% dearer 3; up to 100% dearer 2; more than that 1. ' +
        'Non-price elements are scored 1 to 5 with a justification. Points = price score × price weighting + Σ element score × element weighting × non-price weighting, ' +
        'shown to four decimal places exactly as calculated (the maximum is 5.0000). The winner is the highest total; equal totals are a tie.',
    );
  }

  if (c.requirements.features.length || c.requirements.integrationTypes.length) {
    heading('Requirements');
    for (const f of c.requirements.features) paragraph(`${f.priority === 'must' ? 'MUST' : 'SHOULD'}: ${f.text}`);
    if (c.requirements.integrationTypes.length) paragraph(`Integration types: ${c.requirements.integrationTypes.join('; ')}`);
  }

  heading(`Service recipients (${c.recipients.length})`);
  table(
    [
      { title: 'ODS code', width: 0.15 },
      { title: 'Practice', width: 0.6 },
      { title: 'Registered patients', width: 0.25, align: 'right' },
    ],
    c.recipients.map((r) => [r.odsCode, r.name, r.registeredPatients === null ? 'Not known' : r.registeredPatients.toLocaleString('en-GB')]),
  );

  heading('Solutions considered');
  table(
    [
      { title: 'Solution', width: 0.3 },
      { title: 'Supplier', width: 0.22 },
      { title: 'Price compared', width: 0.28 },
      { title: 'Whole-term cost', width: 0.2, align: 'right' },
    ],
    c.solutions
      .filter((s) => s.included)
      .map((s) => [
        `${s.name} (${s.itemId})`,
        s.supplierName,
        `${s.prices.find((p) => p.id === s.priceId)?.display ?? '—'}${s.quantity !== null ? `, quantity ${s.quantity.toLocaleString('en-GB')}` : ''}`,
        s.wholeTermPence === null ? '—' : formatPounds(s.wholeTermPence),
      ]),
  );
  const excluded = c.solutions.filter((s) => s.included === false);
  if (excluded.length) {
    heading('Solutions left out');
    table(
      [
        { title: 'Solution', width: 0.35 },
        { title: 'Reason', width: 0.65 },
      ],
      excluded.map((s) => [`${s.name} (${s.itemId})`, s.exclusionReason ?? '']),
    );
  }

  // A direct award compares nothing: its cost is shown above, without scores or points.
  if (!direct) {
    heading('Ranking');
    table(
      [
        { title: 'Rank', width: 0.07 },
        { title: 'Solution', width: 0.25 },
        { title: 'Whole-term cost', width: 0.15, align: 'right' },
        { title: 'Price score', width: 0.09, align: 'right' },
        ...elements.map((e) => ({ title: ELEMENT_NAMES[e], width: 0.32 / Math.max(elements.length, 1), align: 'right' as const })),
        { title: 'Points', width: elements.length ? 0.12 : 0.44, align: 'right' },
      ],
      results.ranking.map((r) => [
        `${r.rank}${results.winners.includes(r.itemId) ? (results.tie ? ' (tie)' : ' (winner)') : ''}`,
        r.name,
        formatPounds(r.wholeTermPence),
        String(r.priceScore),
        ...elements.map((e) => String(r.elementScores[e] ?? '—')),
        formatPoints(r.totalPoints),
      ]),
    );

    heading('How each total is made up');
    table(
      [
        { title: 'Solution', width: 0.28 },
        { title: `Price (${priceWeight}%)`, width: 0.16, align: 'right' },
        ...elements.map((e) => ({ title: `${ELEMENT_NAMES[e]} (${c.criteria.weights[e]}% of ${nonPrice}%)`, width: 0.42 / Math.max(elements.length, 1), align: 'right' as const })),
        { title: 'Total', width: elements.length ? 0.14 : 0.56, align: 'right' },
      ],
      results.ranking.map((r) => [
        r.name,
        `${r.priceScore} → ${formatPoints(r.pricePoints)}`,
        ...elements.map((e) => `${r.elementScores[e] ?? '—'} → ${formatPoints(r.elementPoints[e] ?? 0)}`),
        formatPoints(r.totalPoints),
      ]),
    );

    if (elements.length) {
      heading('Scores and justifications');
      for (const r of results.ranking) {
        roomFor(60);
        doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(`${r.name} (${r.supplierName})`, left, doc.y, { width });
        doc.moveDown(0.2);
        table(
          [
            { title: 'Element', width: 0.2 },
            { title: 'Weighting', width: 0.12, align: 'right' },
            { title: 'Score', width: 0.08, align: 'right' },
            { title: 'Justification', width: 0.6 },
          ],
          elements.map((e) => {
            const score = c.scores.find((s) => s.itemId === r.itemId && s.element === e);
            return [ELEMENT_NAMES[e], `${c.criteria.weights[e]}%`, String(score?.score ?? r.elementScores[e] ?? '—'), score?.justification ?? ''];
          }),
        );
      }
    }
  }
  doc.moveDown(0.5).fontSize(9).fillColor('#505a5f').text('All costs exclude VAT. Per-patient costs use each practice’s registered patients when the competition was completed.', left, doc.y, { width });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.fontSize(8).fillColor('#505a5f');
    // Written inside the bottom margin: lift the margin so pdfkit does not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(`GP IT Marketplace · ${c.name} · generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · page ${i + 1} of ${range.count}`, left, doc.page.height - 35, {
      width,
      align: 'center',
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
