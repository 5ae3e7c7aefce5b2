import { longDate, pdfLayout, PdfLayout } from '../../core/pdf/layout';
import type { ListingPrice } from '../catalogue/listing';
import type { OrderDetail } from './dto/orders.dto';
import { formatPounds } from './order-pricing';

/**
 * The order summary as a PDF (A4, the standard Helvetica fonts, no images): what was ordered, for
 * whom, on what terms and at what cost. Figures come from the same OrderDetail the API and pages
 * show, so the document can never disagree with them.
 */
export function renderOrderSummary(order: OrderDetail, generatedAt: Date = new Date()): Promise<Buffer> {
  const layout = pdfLayout({ title: `Order summary ${order.ref}`, subject: order.description ?? '' }, { keepTogether: false });
  const { doc, width, title, heading, pair, table, smallPrint, finish } = layout;

  title(`Order summary ${order.ref}`, order.description ?? '');

  heading('Order');
  pair('Status', STATUS[order.status] ?? order.status);
  pair('Ordering party', `${order.orderingParty.name} (${order.orderingParty.code})`);
  if (order.orderingContact) pair('Ordering party contact', contactText(order.orderingContact));
  if (order.supplier) pair('Supplier', `${order.supplier.name} (${order.supplier.code})`);
  if (order.supplierContact) pair('Supplier contact', contactText(order.supplierContact));
  if (order.framework) pair('Framework', `${order.framework.name} (${order.framework.id})`);
  if (order.commencementDate) pair('Commencement date', longDate(order.commencementDate));
  if (order.initialPeriodMonths) pair('Initial period', months(order.initialPeriodMonths));
  if (order.maximumTermMonths) pair('Maximum term', months(order.maximumTermMonths));
  if (order.approval.status !== 'not_required') pair('Approval', `${APPROVAL[order.approval.status]}${order.approval.decidedByName ? ` by ${order.approval.decidedByName}` : ''}`);
  if (order.completedAt) pair('Completed', longDate(order.completedAt.slice(0, 10)));

  if (order.contract) {
    heading('Contract');
    pair('Start date', longDate(order.contract.startDate));
    pair('End date', longDate(order.contract.endDate));
    pair('Notice deadline', longDate(order.contract.noticeDeadline));
    pair('Contract value', `${formatPounds(order.contract.valuePence)} (whole term, excluding VAT)`);
  }

  recipientsSection(layout, order.recipients);

  heading('Items and costs');
  table(
    [
      { title: 'Item', width: 0.24 },
      { title: 'Price', width: 0.17 },
      { title: 'Quantity', width: 0.12 },
      { title: 'Funding', width: 0.08 },
      { title: 'One-off', width: 0.13, align: 'right' },
      { title: 'Annual', width: 0.13, align: 'right' },
      { title: 'Whole term', width: 0.13, align: 'right' },
    ],
    order.items.map((it) => [
      `${it.name} (${it.itemId})`,
      priceText(it.price as unknown as ListingPrice),
      quantityText(it),
      it.fundingSource === 'central' ? 'Central' : it.fundingSource === 'local' ? 'Local' : '—',
      it.cost ? formatPounds(it.cost.oneOffPence) : '—',
      it.cost ? formatPounds(it.cost.annualPence) : '—',
      it.cost ? formatPounds(it.cost.wholeTermPence) : '—',
    ]),
  );

  heading('Totals');
  if (order.totals) {
    pair('One-off', formatPounds(order.totals.oneOffPence));
    pair('Monthly', formatPounds(order.totals.monthlyPence));
    pair('Annual', formatPounds(order.totals.annualPence));
    pair('Whole term', formatPounds(order.totals.wholeTermPence));
  } else {
    doc.text('Not yet known: some quantities are missing.', { width });
  }
  smallPrint('All prices and totals exclude VAT. Per-patient quantities use each practice’s registered patients when the order was completed.');
  return finish(order.ref, generatedAt);
}

/** The service recipients as a table; competition results show theirs the same way. */
export function recipientsSection({ heading, table }: PdfLayout, recipients: { odsCode: string; name: string; registeredPatients: number | null }[]) {
  heading(`Service recipients (${recipients.length})`);
  table(
    [
      { title: 'ODS code', width: 0.15 },
      { title: 'Practice', width: 0.6 },
      { title: 'Registered patients', width: 0.25, align: 'right' },
    ],
    recipients.map((r) => [r.odsCode, r.name, r.registeredPatients === null ? 'Not known' : r.registeredPatients.toLocaleString('en-GB')]),
  );
}

const STATUS: Record<string, string> = {
  in_progress: 'In progress (not yet completed)',
  awaiting_approval: 'Waiting for approval',
  completed: 'Completed',
  superseded: 'Superseded by a later revision',
  terminated: 'Terminated',
};
const APPROVAL: Record<string, string> = { pending: 'Waiting for approval', approved: 'Approved', returned: 'Returned' };

const contactText = (c: { name: string; email: string; telephone?: string }) => [c.name, c.email, c.telephone].filter(Boolean).join(', ');
const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`;

/** A unit price in hundredths of a penny as pounds: two decimals, up to four when needed (£0.017). */
export function formatUnitPrice(hundredths: number): string {
  const pounds = Math.floor(hundredths / 10000).toLocaleString('en-GB');
  const fraction = String(hundredths % 10000).padStart(4, '0').replace(/0{1,2}$/, '');
  return `£${pounds}.${fraction.length < 2 ? fraction.padEnd(2, '0') : fraction}`;
}

const PERIOD: Record<string, string> = { year: 'a year', month: 'a month', one_off: 'one-off' };

function priceText(p: ListingPrice): string {
  const tiers = p.tiers.length === 1 ? formatUnitPrice(p.tiers[0].priceHundredthsOfPenny) : p.tiers.map((t) => `${t.from}${t.to === null ? '+' : `–${t.to}`}: ${formatUnitPrice(t.priceHundredthsOfPenny)}`).join('; ');
  return `${tiers} ${p.unit}, ${PERIOD[p.billingPeriod] ?? p.billingPeriod}`;
}

function quantityText(it: OrderDetail['items'][number]): string {
  if (it.quantityInput === 'per_patient') return 'Registered patients';
  if (it.quantityInput === 'per_order') return it.quantity === null ? '—' : it.quantity.toLocaleString('en-GB');
  return it.quantities.map((q) => `${q.odsCode}: ${q.quantity}`).join(', ') || '—';
}
