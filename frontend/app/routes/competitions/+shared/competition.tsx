import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { StatusTag } from '~/components/status-tag';
import type { components } from '~/lib/api/schema';
import { formatPence } from '~/lib/money';

type Schemas = components['schemas'];
export type CompetitionDetail = Schemas['CompetitionDetail'];
export type CompetitionSolution = Schemas['CompetitionSolution'];
export type CompetitionResult = Schemas['CompetitionResult'];
export type RankingRow = Schemas['RankingRow'];
export type ElementScore = Schemas['ElementScore'];

export const COMPETITION_STATUS_NAME: Record<string, string> = {
  draft: 'In progress',
  completed: 'Completed',
  awarded: 'Awarded',
};

const STATUS_TONE: Record<string, string> = { draft: 'draft', completed: 'complete', awarded: 'complete' };

/** "Awarded" once the draft order exists (the API keeps the status `completed`). */
export function competitionStatus(c: { status: string; orderRef?: string | null }): string {
  return c.status === 'completed' && c.orderRef ? 'awarded' : c.status;
}

export function CompetitionStatusTag({ status, orderRef }: { status: string; orderRef?: string | null }) {
  const s = competitionStatus({ status, orderRef });
  return <StatusTag status={STATUS_TONE[s]}>{COMPETITION_STATUS_NAME[s] ?? s}</StatusTag>;
}

/** The non-price elements, in the order the API and the forms use. */
export const ELEMENTS = ['features', 'implementation', 'interoperability', 'serviceLevels'] as const;
export type ElementKey = (typeof ELEMENTS)[number];

export const ELEMENT_NAME: Record<string, string> = {
  features: 'Features',
  implementation: 'Implementation',
  interoperability: 'Interoperability',
  serviceLevels: 'Service levels',
  service_levels: 'Service levels',
  price: 'Price',
};

export const ELEMENT_HINT: Record<string, string> = {
  features: 'How well the solution meets your MUST and SHOULD feature requirements.',
  implementation: 'The supplier’s plan and support for getting the solution working at your practices.',
  interoperability: 'How well the solution supports the integration types you chose.',
  serviceLevels: 'Support hours, response times and availability the supplier commits to.',
  service_levels: 'Support hours, response times and availability the supplier commits to.',
};

export const CRITERIA_NAME: Record<string, string> = {
  price: 'Price only',
  price_and_non_price: 'Price and non-price',
};

export const PRIORITY_NAME: Record<string, string> = { must: 'MUST', should: 'SHOULD' };

/**
 * Points as the API gives them (whole numbers, 10,000 to a point) shown to 4 decimal places with
 * integer arithmetic only: 37500 → "3.7500". These are exactly the figures used to decide.
 */
export function formatPoints(points: number): string {
  const negative = points < 0;
  const abs = Math.abs(Math.trunc(points));
  return `${negative ? '−' : ''}${Math.trunc(abs / 10000)}.${String(abs % 10000).padStart(4, '0')}`;
}

export function wholeTerm(pence: number | null | undefined): ReactNode {
  return pence == null ? <span className="text-ink-secondary">Not known yet</span> : formatPence(pence);
}

/** "Back to the competition" link above a step's heading. */
export function BackToCompetition({ id, label = 'Back to the competition' }: { id: string; label?: string }) {
  return (
    <p className="mb-4">
      <Link to={`/competitions/${id}`}>{label}</Link>
    </p>
  );
}

export function CompetitionCaption({ competition }: { competition: { name: string } }) {
  return <span className="mb-2 block text-lg text-ink-secondary">Competition: {competition.name}</span>;
}

/** How a ranking's rank reads: equal totals share a rank, and say so. */
function rankText(row: RankingRow, ranking: RankingRow[]): string {
  const shared = ranking.filter((r) => r.rank === row.rank).length > 1;
  return shared ? `${row.rank} (tied)` : String(row.rank);
}

/**
 * The ranking with every score, weight and points, and the exact totals used to decide. Weights:
 * price as a percentage of the total; each non-price element as its sub-weight of the non-price share.
 */
export function RankingTable({
  result,
  criteria,
  elements,
  caption,
}: {
  result: CompetitionResult;
  criteria: CompetitionDetail['criteria'];
  elements: string[];
  caption: string;
}) {
  const weights = criteria.weights as Record<string, number>;
  const priceWeight = criteria.priceWeight ?? 100;
  const nonPrice = 100 - priceWeight;
  const winners = new Set(result.winners);
  return (
    <DataTable id="ranking" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Rank</th>
          <th scope="col">Solution</th>
          <th scope="col" className="text-right">
            Whole-term cost
          </th>
          <th scope="col" className="text-right">
            Price score (1–5)
          </th>
          <th scope="col" className="text-right">
            Price points (weight {priceWeight}%)
          </th>
          {elements.map((e) => (
            <th key={e} scope="col" className="text-right">
              {ELEMENT_NAME[e] ?? e} (weight {weights[e] ?? 0}% of {nonPrice}%): score → points
            </th>
          ))}
          <th scope="col" className="text-right">
            Total points
          </th>
        </tr>
      </thead>
      <tbody>
        {result.ranking.map((row) => {
          const scores = row.elementScores as Record<string, number>;
          const points = row.elementPoints as Record<string, number>;
          return (
            <tr key={row.itemId} data-testid={`ranking-${row.itemId}`}>
              <td data-testid="rank">{rankText(row, result.ranking)}</td>
              <th scope="row" className="text-left font-normal">
                <strong>{row.name}</strong>
                <br />
                <span className="text-ink-secondary">{row.supplierName}</span>
                {winners.has(row.itemId) ? (
                  <>
                    <br />
                    <StatusTag status="complete">{result.tie ? 'Joint winner' : 'Winner'}</StatusTag>
                  </>
                ) : null}
              </th>
              <td className="text-right">{wholeTerm(row.wholeTermPence)}</td>
              <td className="text-right">{row.priceScore}</td>
              <td className="text-right" data-testid="price-points">
                {formatPoints(row.pricePoints)}
              </td>
              {elements.map((e) => (
                <td key={e} className="text-right" data-testid={`points-${e}`}>
                  {scores[e] ?? '–'}
                  <span className="sr-only"> out of 5, </span>
                  <span aria-hidden="true"> → </span>
                  {points[e] != null ? formatPoints(points[e]) : '–'}
                  <span className="sr-only"> points</span>
                </td>
              ))}
              <td className="text-right font-bold" data-testid="total-points">
                {formatPoints(row.totalPoints)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/** Who won, in words: one winner, or a tie between several. */
export function WinnerText({ result }: { result: CompetitionResult }) {
  const names = result.ranking.filter((r) => result.winners.includes(r.itemId));
  if (!names.length) return null;
  if (result.tie) {
    return (
      <p className="text-lg" data-testid="winner">
        <strong>A tie:</strong> {names.map((n) => `${n.name} (${n.supplierName})`).join(' and ')} have the same highest total,{' '}
        {formatPoints(names[0].totalPoints)} points.
      </p>
    );
  }
  const w = names[0];
  return (
    <p className="text-lg" data-testid="winner">
      <strong>Winner:</strong> {w.name} ({w.supplierName}) with {formatPoints(w.totalPoints)} points.
    </p>
  );
}

/** A summary row with an optional "Change" link (check your answers). */
export function Row({ label, children, change, changeLabel }: { label: string; children: ReactNode; change?: string | null; changeLabel?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className="flex flex-wrap justify-between gap-2">
        <span>{children}</span>
        {change ? (
          <Link to={change}>
            Change<span className="sr-only"> {changeLabel ?? label.toLowerCase()}</span>
          </Link>
        ) : null}
      </dd>
    </div>
  );
}
