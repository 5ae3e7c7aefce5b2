import { hundredthsOfPennyToPounds, poundsToHundredthsOfPenny } from '~/lib/money';
import type { ListingPrice } from '~/lib/catalogue';
import type { FieldErrors } from '~/lib/forms';

/** A price as typed in the form: every value a string, so it can be shown again unchanged. */
export interface PriceRow {
  id: string;
  provisioningType: string;
  priceType: string;
  calculationType: string;
  quantityBasis: string;
  billingPeriod: string;
  unit: string;
  tiers: { from: string; to: string; price: string }[];
}

export function priceToRow(p: ListingPrice): PriceRow {
  return {
    id: p.id,
    provisioningType: p.provisioningType,
    priceType: p.priceType,
    calculationType: p.calculationType,
    quantityBasis: p.quantityBasis,
    billingPeriod: p.billingPeriod,
    unit: p.unit,
    tiers: p.tiers.map((t) => ({ from: String(t.from), to: t.to == null ? '' : String(t.to), price: hundredthsOfPennyToPounds(t.priceHundredthsOfPenny) })),
  };
}

export function newPriceRow(id: string): PriceRow {
  return {
    id,
    provisioningType: 'per_patient',
    priceType: 'flat',
    calculationType: 'single_fixed',
    quantityBasis: 'per_solution',
    billingPeriod: 'year',
    unit: 'per patient',
    tiers: [{ from: '1', to: '', price: '' }],
  };
}

function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === 'string' ? v : '';
}

/** The price list as posted: `prices[0].unit`, `prices[0].tiers[1].price`, … */
export function rowsFromForm(formData: FormData): PriceRow[] {
  const rows: PriceRow[] = [];
  for (let i = 0; formData.has(`prices[${i}].id`); i++) {
    const p = `prices[${i}]`;
    const tiers = [];
    for (let j = 0; formData.has(`${p}.tiers[${j}].price`); j++) {
      const t = `${p}.tiers[${j}]`;
      tiers.push({ from: text(formData, `${t}.from`), to: text(formData, `${t}.to`), price: text(formData, `${t}.price`) });
    }
    rows.push({
      id: text(formData, `${p}.id`),
      provisioningType: text(formData, `${p}.provisioningType`),
      priceType: text(formData, `${p}.priceType`),
      calculationType: text(formData, `${p}.calculationType`),
      quantityBasis: text(formData, `${p}.quantityBasis`),
      billingPeriod: text(formData, `${p}.billingPeriod`),
      unit: text(formData, `${p}.unit`),
      tiers,
    });
  }
  return rows;
}

const WHOLE = /^\d{1,10}$/;

/** Converts the typed rows to the API's prices, or says what is wrong, field by field. */
export function rowsToPrices(rows: PriceRow[]): { prices: ListingPrice[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const prices = rows.map((r, i) => {
    const p = `prices[${i}]`;
    if (!r.unit.trim()) errors[`${p}.unit`] = `Enter what one unit is for price ${i + 1}, like per patient`;
    else if (r.unit.length > 100) errors[`${p}.unit`] = `Unit for price ${i + 1} must be 100 characters or fewer`;
    const tiers = r.tiers.map((t, j) => {
      const f = `${p}.tiers[${j}]`;
      const last = j === r.tiers.length - 1;
      const price = poundsToHundredthsOfPenny(t.price);
      if (!t.price.trim()) errors[`${f}.price`] = `Enter the price in pounds for price ${i + 1}, tier ${j + 1}`;
      else if (price === null) errors[`${f}.price`] = `Price ${i + 1}, tier ${j + 1} must be an amount in pounds with up to 4 decimal places, like 1.26 or 0.017`;
      if (!WHOLE.test(t.from.trim())) errors[`${f}.from`] = `"From" for price ${i + 1}, tier ${j + 1} must be a whole number, like 1`;
      if (t.to.trim() && !WHOLE.test(t.to.trim())) errors[`${f}.to`] = `"To" for price ${i + 1}, tier ${j + 1} must be a whole number, or blank for the last tier`;
      else if (!t.to.trim() && !last) errors[`${f}.to`] = `Enter "to" for price ${i + 1}, tier ${j + 1}: only the last tier is open-ended`;
      return { from: Number(t.from.trim()), to: t.to.trim() ? Number(t.to.trim()) : null, priceHundredthsOfPenny: price ?? 0 };
    });
    return {
      id: r.id,
      provisioningType: r.provisioningType,
      priceType: r.priceType,
      calculationType: r.calculationType,
      quantityBasis: r.quantityBasis,
      billingPeriod: r.billingPeriod,
      unit: r.unit.trim(),
      tiers,
    } as ListingPrice;
  });
  return { prices, errors };
}

/** An API field (`prices[0].tiers[0].priceHundredthsOfPenny`) as the form's field name. */
export function priceFieldOf(apiField: string): string {
  return apiField.replace(/\.priceHundredthsOfPenny$/, '.price');
}
