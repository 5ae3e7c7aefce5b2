import { longDate, pdfLayout } from '../../core/pdf/layout';
import { formatPounds } from '../ordering/order-pricing';
import { recipientsSection } from '../ordering/summary-pdf';
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
  const layout = pdfLayout({ title: `Competition results: ${c.name}`, subject: 'Competition results' }, { keepTogether: true });
  const { doc, left, width, roomFor, title, heading, pair, paragraph, table, smallPrint, finish } = layout;

  const elements = c.elements as Element[];
  const priceWeight = c.criteria.priceWeight ?? 100;
  const nonPrice = 100 - priceWeight;
  const direct = c.awardType === 'direct';
  const solutionName = (itemId: string) => c.solutions.find((s) => s.itemId === itemId)?.name ?? itemId;

  title(`Competition results: ${c.name}`, direct ? 'Direct award (one solution met the need)' : 'On-catalogue competition');

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

  recipientsSection(layout, c.recipients);

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
  smallPrint('All costs exclude VAT. Per-patient costs use each practice’s registered patients when the competition was completed.');
  return finish(c.name, generatedAt);
}
