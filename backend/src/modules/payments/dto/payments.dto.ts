import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const PAYOUT_STATUSES = ['invoice', 'not_started', 'pending', 'enabled', 'restricted'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const PAYMENT_PARTS = ['one_off', 'monthly', 'annual'] as const;
export type PaymentPart = (typeof PAYMENT_PARTS)[number];

export const PART_STATUSES = ['unpaid', 'pending', 'paid', 'failed', 'refunded', 'cancelled', 'expired'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

export const ORDER_PAYMENT_STATUSES = ['invoice', 'nothing_to_pay', ...PART_STATUSES] as const;
export type OrderPaymentStatus = (typeof ORDER_PAYMENT_STATUSES)[number];

export class PayoutAccountView {
  @ApiProperty({ description: 'Whether the portal takes card and Direct Debit payments at all (false: orders are paid by invoice)' })
  paymentsEnabled: boolean;

  @ApiProperty({
    enum: PAYOUT_STATUSES,
    description: 'invoice: payments are switched off; not_started: no Stripe account yet; pending: onboarding not finished; enabled: can be paid; restricted: Stripe needs more information',
  })
  status: PayoutStatus;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'acct_1P…' }) accountId: string | null;
  @ApiProperty() chargesEnabled: boolean;
  @ApiProperty() payoutsEnabled: boolean;
  @ApiProperty() detailsSubmitted: boolean;
  @ApiProperty({ type: [String], description: 'What Stripe still needs (currently due or past due)' }) requirements: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) disabledReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When Stripe last reported on the account' }) updatedAt: string | null;
}

export class OnboardingLink {
  @ApiProperty({ description: 'Stripe’s onboarding page for the supplier’s account; it expires after a few minutes' }) url: string;
  @ApiProperty({ type: PayoutAccountView }) account: PayoutAccountView;
}

export class DashboardLink {
  @ApiProperty({ description: 'Stripe Express dashboard of the supplier’s account (payouts, balances); single use, it expires after a few minutes' }) url: string;
}

export class CheckoutBody {
  @ApiPropertyOptional({ enum: PAYMENT_PARTS, description: 'Which part to pay; the first unpaid part if omitted' })
  @IsOptional()
  @IsIn(PAYMENT_PARTS, { message: 'part must be one_off, monthly or annual' })
  part?: PaymentPart;
}

export class CheckoutLink {
  @ApiProperty({ description: 'Stripe Checkout page to send the buyer to' }) url: string;
  @ApiProperty({ enum: PAYMENT_PARTS }) part: PaymentPart;
}

export class PaymentPartItem {
  @ApiProperty() itemId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Pence per period (once, a month or a year) still to pay in this revision' }) amountPence: number;
  @ApiProperty({ description: 'Pence per period already paid or subscribed to by earlier revisions of the order' }) coveredPence: number;
}

export class PaymentPartView {
  @ApiProperty({ enum: PAYMENT_PARTS }) part: PaymentPart;
  @ApiProperty({ enum: ['payment', 'subscription'] }) kind: 'payment' | 'subscription';
  @ApiProperty({ description: 'Pence once (one_off), or per month or year, charged by this revision: what earlier revisions do not already cover' }) amountPence: number;
  @ApiProperty({ description: 'Pence per period already paid or subscribed to by earlier revisions of the order (an amendment pays only the difference)' }) coveredPence: number;
  @ApiProperty() applicationFeePence: number;
  @ApiProperty({ enum: PART_STATUSES }) status: PartStatus;
  @ApiProperty() amountPaidPence: number;
  @ApiProperty() amountRefundedPence: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'Subscriptions: billing stops on this day' }) cancelAt: string | null;
  @ApiProperty({ type: [PaymentPartItem] }) items: PaymentPartItem[];
}

export class PaymentRecord {
  @ApiProperty({ example: 'C000123-01', description: 'The order revision the payment belongs to' }) orderRef: string;
  @ApiProperty({ enum: PAYMENT_PARTS }) part: PaymentPart;
  @ApiProperty({ enum: ['payment', 'subscription'] }) kind: 'payment' | 'subscription';
  @ApiProperty({ description: 'Pence once, or per month or year' }) amountPence: number;
  @ApiProperty({ enum: PART_STATUSES.filter((s) => s !== 'unpaid') }) status: PartStatus;
  @ApiProperty() amountPaidPence: number;
  @ApiProperty({ description: 'Refunded so far; less than paid while the status is not refunded means partly refunded' }) amountRefundedPence: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' }) cancelAt: string | null;
}

export class PaymentHistoryEntry {
  @ApiProperty({ example: 'C000123-01', description: 'The order revision of the payment' }) orderRef: string;
  @ApiProperty({ enum: PAYMENT_PARTS }) part: PaymentPart;
  @ApiProperty({ example: 'invoice.paid' }) kind: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) amountPence: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) detail: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class OrderPayments {
  @ApiProperty({ description: 'Whether the portal takes card and Direct Debit payments at all' }) paymentsEnabled: boolean;
  @ApiProperty({
    enum: ORDER_PAYMENT_STATUSES,
    description: 'invoice: paid by invoice (payments off, or the supplier cannot take payments); nothing_to_pay: no locally funded items; otherwise the least settled part',
  })
  status: OrderPaymentStatus;
  @ApiProperty({ description: 'What the status means, in words a buyer acts on' }) message: string;
  @ApiProperty({ description: 'Whether this user can pay an unpaid part now' }) canPay: boolean;
  @ApiProperty({ type: [PaymentPartView], description: 'What this revision pays, part by part' }) parts: PaymentPartView[];
  @ApiProperty({ type: [PaymentRecord], description: 'Every payment and subscription of the order up to this revision, earlier revisions first' }) payments: PaymentRecord[];
  @ApiProperty({ type: [PaymentHistoryEntry], description: 'The history of those payments' }) history: PaymentHistoryEntry[];
}

export class WebhookReceipt {
  @ApiProperty() received: boolean;
  @ApiProperty({ description: 'False when the event had been received before (nothing changed)' }) applied: boolean;
}
