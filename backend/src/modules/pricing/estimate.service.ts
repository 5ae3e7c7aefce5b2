import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/auth/roles';
import { FieldError, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { Where } from '../../core/http/paging';
import { LISTED_STATUSES, type ListingContent } from '../catalogue/listing';
import { addScope } from '../organisations/organisations.service';
import { formatPrice } from '../search/price-display';
import { estimateCost, takesEnteredQuantity } from './calculate';
import { CostEstimate, EstimateQuery, MAX_ENTERED_QUANTITY, MAX_TERM_MONTHS } from './dto/estimate.dto';

export const ROUNDING_NOTE =
  'Each price is worked out exactly from its unit price (to a hundredth of a penny) and rounded to whole pence once per practice (or once for the order, for per-solution prices) and billing period, halves rounded up. Monthly figures for yearly prices are the annual cost ÷ 12, rounded half-up; the whole term uses the annual cost × months ÷ 12, rounded half-up. Totals are the sums of the rounded lines. Prices exclude VAT.';

/** Cost estimates for a listed item, for a buyer's own practice or a commissioner's chosen practices. */
@Injectable()
export class EstimateService {
  constructor(private readonly db: DataSource) {}

  async estimate(actor: Actor, itemId: string, query: EstimateQuery): Promise<CostEstimate> {
    if (actor.role !== 'practice_manager' && actor.role !== 'commissioner') throw forbidden('Cost estimates are for practice managers and commissioners.');
    const [item] = await this.db.query(
      `SELECT i.id, v.content FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id
        WHERE i.id = $1 AND i.publication_status = ANY($2::text[])`,
      [itemId, LISTED_STATUSES],
    );
    if (!item) throw notFound('Catalogue item', itemId);
    const content = item.content as ListingContent;
    const prices = content.prices ?? [];

    const errors: FieldError[] = [];
    const quantities: Record<string, number> = {};
    for (const pair of query.quantity ?? []) {
      const [priceId, text] = pair.split(':');
      const price = prices.find((p) => p.id === priceId);
      const field = `quantity.${priceId}`;
      if (!price) errors.push({ field, message: `${content.name} has no price ${priceId}` });
      else if (!takesEnteredQuantity(price)) errors.push({ field, message: `${formatPrice(price)} uses each practice’s registered patients; it takes no quantity` });
      else if (priceId in quantities) errors.push({ field, message: `the quantity for ${priceId} is given twice` });
      else if (Number(text) > MAX_ENTERED_QUANTITY) errors.push({ field, message: `the quantity for ${priceId} must be at most ${MAX_ENTERED_QUANTITY.toLocaleString('en-GB')}` });
      else quantities[priceId] = Number(text);
    }

    let codes = [...new Set(query.practices ?? [])];
    if (actor.role === 'practice_manager' && !codes.length) codes = [actor.organisation.code];
    if (actor.role === 'commissioner' && !codes.length) errors.push({ field: 'practices', message: 'Choose at least one practice in your area' });
    if (errors.length) throw validationFailed(errors);

    // Scope as everywhere else: a practice manager sees its practice, a commissioner its area;
    // anything else is "not found", so codes outside scope are not confirmed.
    const where = addScope(actor, new Where().add('o.code = ANY(?::text[])', codes).add(`o.type = 'practice'`));
    const rows: { code: string; name: string; registered_patients: number | null }[] = await this.db.query(
      `SELECT o.code, o.name, o.registered_patients FROM organisations o ${where.sql}`,
      where.params,
    );
    const found = new Map(rows.map((r) => [r.code, r]));
    const missing = codes.find((c) => !found.has(c));
    if (missing) throw notFound('Practice', missing);
    const recipients = codes.map((c) => {
      const r = found.get(c)!;
      return { odsCode: r.code, name: r.name, registeredPatients: r.registered_patients === null ? null : Number(r.registered_patients) };
    });

    const termMonths = query.termMonths ?? MAX_TERM_MONTHS;
    const result = estimateCost(prices, { recipients, quantities, termMonths });
    return {
      itemId: item.id,
      itemName: content.name,
      termMonths,
      recipients,
      lines: result.lines.map((line, i) => {
        const p = prices[i];
        return {
          priceId: p.id,
          display: formatPrice(p),
          provisioningType: p.provisioningType,
          priceType: p.priceType,
          calculationType: p.calculationType,
          quantityBasis: p.quantityBasis,
          billingPeriod: p.billingPeriod,
          unit: p.unit,
          quantitySource: takesEnteredQuantity(p) ? 'entered' : 'registered_patients',
          quantity: line.quantity,
          oneOffPence: line.oneOffPence,
          monthlyPence: line.monthlyPence,
          annualPence: line.annualPence,
          wholeTermPence: line.wholeTermPence,
          recipients: line.recipients,
        };
      }),
      totals: result.totals,
      rounding: ROUNDING_NOTE,
    };
  }
}
