/**
 * Competition scoring: pure rules, no I/O (product.md §4 Competitions, docs/decisions/019).
 *
 * PRICE SCORE from the whole-term cost (pence) against the cheapest included solution:
 * cheapest 5; dearer by at most 25% → 4; at most 50% → 3; at most 100% → 2; else 1. "Dearer by at
 * most x%" is compared exactly in integers, `cost × 100 ≤ cheapest × (100 + x)`, so exactly 25%
 * dearer scores 4. When the cheapest costs nothing, only other zero costs score 5 and anything
 * dearer scores 1 (every percentage of nothing is infinitely dearer).
 *
 * WEIGHTS are whole percentages in steps of 5. Price only: price 100. Price and non-price: price
 * 30–90, non-price 100 − price, split between the elements by sub-weights in steps of 5 that sum
 * to 100 (0 = element not used).
 *
 * TOTAL, exact: totalPoints = priceScore × priceWeight × 100 + Σ score_e × sub_e × (100 − priceWeight),
 * an integer of at most 50,000 (5 × 100 × 100). It is shown as totalPoints / 10,000 to four decimal
 * places, which is exact, so the figures people see are the integers that decided the winner
 * (the NHS catalogue mixed weighted and unweighted price scores; we never do).
 */
import type { FieldError } from '../../core/errors/domain-error';

export const COMPETITION_STATUSES = ['draft', 'completed'] as const;
export const AWARD_TYPES = ['competition', 'direct'] as const;
export const CRITERIA_TYPES = ['price', 'price_and_non_price'] as const;
export const ELEMENTS = ['features', 'implementation', 'interoperability', 'serviceLevels'] as const;
export const PRIORITIES = ['must', 'should'] as const;

export type CriteriaType = (typeof CRITERIA_TYPES)[number];
export type Element = (typeof ELEMENTS)[number];
export type Weights = Record<Element, number>;

export const ELEMENT_NAMES: Record<Element, string> = {
  features: 'Features',
  implementation: 'Implementation',
  interoperability: 'Interoperability',
  serviceLevels: 'Service levels',
};

/** Fewest and most solutions a competition compares (one left → direct award instead). */
export const MIN_INCLUDED = 2;
export const MAX_INCLUDED = 8;
export const MIN_PRICE_WEIGHT = 30;
export const MAX_PRICE_WEIGHT = 90;
export const WEIGHT_STEP = 5;
export const MAX_TOTAL_POINTS = 50_000;

export const NO_WEIGHTS: Weights = { features: 0, implementation: 0, interoperability: 0, serviceLevels: 0 };

export interface Criteria {
  type: CriteriaType;
  priceWeight: number;
  weights: Weights;
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

/** Field errors for award criteria (fields: type, priceWeight, weights, weights.<element>); none when valid. */
export function criteriaErrors(c: Criteria): FieldError[] {
  const errors: FieldError[] = [];
  if (!(CRITERIA_TYPES as readonly string[]).includes(c.type)) return [{ field: 'type', message: 'Choose price only, or price and non-price' }];
  if (c.type === 'price') {
    if (c.priceWeight !== 100) errors.push({ field: 'priceWeight', message: 'Price only means price is weighted 100%' });
    for (const e of ELEMENTS) {
      if (c.weights[e] !== 0) errors.push({ field: `weights.${e}`, message: `Price only uses no non-price elements: set ${ELEMENT_NAMES[e].toLowerCase()} to 0` });
    }
    return errors;
  }
  if (!isWhole(c.priceWeight) || c.priceWeight % WEIGHT_STEP !== 0) {
    errors.push({ field: 'priceWeight', message: 'Enter the price weighting in steps of 5, like 60' });
  } else if (c.priceWeight < MIN_PRICE_WEIGHT || c.priceWeight > MAX_PRICE_WEIGHT) {
    errors.push({ field: 'priceWeight', message: 'Price must be weighted between 30% and 90%' });
  }
  let stepsOk = true;
  for (const e of ELEMENTS) {
    const w = c.weights[e];
    if (!isWhole(w) || w < 0 || w > 100 || w % WEIGHT_STEP !== 0) {
      stepsOk = false;
      errors.push({ field: `weights.${e}`, message: `Enter the ${ELEMENT_NAMES[e].toLowerCase()} weighting from 0 to 100 in steps of 5` });
    }
  }
  if (stepsOk) {
    const sum = ELEMENTS.reduce((s, e) => s + c.weights[e], 0);
    if (sum !== 100) errors.push({ field: 'weights', message: `The non-price weightings must add up to 100 (they add up to ${sum})` });
  }
  return errors;
}

/** The non-price elements in use (sub-weight above 0), in the fixed order. */
export function usedElements(c: Pick<Criteria, 'type' | 'weights'> | null): Element[] {
  if (!c || c.type !== 'price_and_non_price') return [];
  return ELEMENTS.filter((e) => c.weights[e] > 0);
}

function assertPence(n: number, what: string) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number of pence, 0 or more, not ${n}`);
}

/** The price score, 1–5, of a whole-term cost against the cheapest (exact integer comparisons). */
export function priceScore(costPence: number, cheapestPence: number): number {
  assertPence(costPence, 'The cost');
  assertPence(cheapestPence, 'The cheapest cost');
  if (costPence < cheapestPence) throw new RangeError('The cheapest cost cannot be more than a cost');
  const cost = BigInt(costPence) * 100n;
  const cheapest = BigInt(cheapestPence);
  if (cost === cheapest * 100n) return 5;
  if (cheapest === 0n) return 1;
  if (cost <= cheapest * 125n) return 4;
  if (cost <= cheapest * 150n) return 3;
  if (cost <= cheapest * 200n) return 2;
  return 1;
}

export interface Candidate {
  itemId: string;
  name: string;
  supplierName: string;
  wholeTermPence: number;
  /** Non-price scores 1–5 for every element in use. */
  scores: Partial<Record<Element, number>>;
}

export interface RankingRow {
  itemId: string;
  name: string;
  supplierName: string;
  wholeTermPence: number;
  priceScore: number;
  elementScores: Partial<Record<Element, number>>;
  pricePoints: number;
  elementPoints: Partial<Record<Element, number>>;
  totalPoints: number;
  rank: number;
}

export interface Result {
  ranking: RankingRow[];
  winners: string[];
  tie: boolean;
}

/**
 * Scores and ranks the candidates: highest totalPoints first, equal totals share a rank (1, 1, 3)
 * and are all winners when they share the first. Throws on criteria or scores that are not valid:
 * callers check readiness first and show those problems as blockers.
 */
export function rank(candidates: Candidate[], criteria: Criteria): Result {
  const problems = criteriaErrors(criteria);
  if (problems.length) throw new RangeError(`Criteria not valid: ${problems.map((p) => p.message).join('; ')}`);
  if (!candidates.length) throw new RangeError('Nothing to rank');
  const elements = usedElements(criteria);
  const cheapest = Math.min(...candidates.map((c) => c.wholeTermPence));
  const nonPrice = 100 - criteria.priceWeight;
  const rows = candidates.map((c): Omit<RankingRow, 'rank'> => {
    const ps = priceScore(c.wholeTermPence, cheapest);
    const pricePoints = ps * criteria.priceWeight * 100;
    const elementScores: Partial<Record<Element, number>> = {};
    const elementPoints: Partial<Record<Element, number>> = {};
    let total = pricePoints;
    for (const e of elements) {
      const s = c.scores[e];
      if (!isWhole(s) || s < 1 || s > 5) throw new RangeError(`${c.itemId} has no score from 1 to 5 for ${e}`);
      elementScores[e] = s;
      elementPoints[e] = s * criteria.weights[e] * nonPrice;
      total += elementPoints[e]!;
    }
    return {
      itemId: c.itemId, name: c.name, supplierName: c.supplierName, wholeTermPence: c.wholeTermPence,
      priceScore: ps, elementScores, pricePoints, elementPoints, totalPoints: total,
    };
  });
  rows.sort((a, b) => b.totalPoints - a.totalPoints || a.wholeTermPence - b.wholeTermPence || a.name.localeCompare(b.name) || a.itemId.localeCompare(b.itemId));
  const ranking = rows.map((r) => ({ ...r, rank: 1 + rows.filter((o) => o.totalPoints > r.totalPoints).length }));
  const winners = ranking.filter((r) => r.rank === 1).map((r) => r.itemId);
  return { ranking, winners, tie: winners.length > 1 };
}

/** totalPoints as shown: exactly totalPoints / 10,000 to four decimal places (50000 → "5.0000"). */
export function formatPoints(points: number): string {
  if (!Number.isSafeInteger(points) || points < 0) throw new RangeError(`Points must be a whole number, 0 or more, not ${points}`);
  return `${Math.floor(points / 10_000)}.${String(points % 10_000).padStart(4, '0')}`;
}
