import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments reconciled across order revisions, refunds per charge, and pruning of stored Stripe
 * events (docs/decisions/018):
 * - `order_payments.covers`: what each payment charged per item (pence once, a month or a year), so
 *   an amendment's checkout charges only what earlier revisions' payments do not already cover.
 *   Payments made before this migration charged their revision's whole part: backfilled from it.
 * - status `expired`: a checkout that was never finished and can no longer be (Stripe expired it).
 * - `order_payment_refunds`: one row per refunded charge with Stripe's running total, so several
 *   charges (a subscription's invoices) add up and an older `charge.refunded` never lowers it.
 * - `stripe_events.payload` may be emptied by the retention job while the event id stays.
 */
/** Payments made before reconciliation charged their revision's whole part: what each covers, from its revision's items. */
export const BACKFILL_COVERS = `      UPDATE order_payments p SET covers = coalesce((
        SELECT jsonb_agg(jsonb_build_object('itemId', i.item_id, 'amountPence', x.amount) ORDER BY i.item_id)
          FROM order_items i
          CROSS JOIN LATERAL (SELECT (CASE p.part WHEN 'one_off' THEN i.cost->>'oneOffPence' WHEN 'monthly' THEN i.cost->>'monthlyPence' ELSE i.cost->>'annualPence' END)::bigint AS amount) x
         WHERE i.order_id = p.order_id AND i.funding_source = 'local' AND x.amount > 0
           AND i.price_snapshot->>'billingPeriod' = CASE p.part WHEN 'one_off' THEN 'one_off' WHEN 'monthly' THEN 'month' ELSE 'year' END
      ), '[]')`;

export class PaymentsReconcile1795000000071 implements MigrationInterface {
  name = 'PaymentsReconcile1795000000071';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_payments ADD COLUMN covers jsonb NOT NULL DEFAULT '[]'`);
    await q.query(BACKFILL_COVERS);
    await q.query(`ALTER TABLE order_payments DROP CONSTRAINT order_payments_status_check`);
    await q.query(`ALTER TABLE order_payments ADD CONSTRAINT order_payments_status_check CHECK (status IN ('pending','paid','failed','refunded','cancelled','expired'))`);

    await q.query(`
      CREATE TABLE order_payment_refunds (
        charge_id varchar(255) PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES order_payments(id),
        payment_intent_id varchar(255),
        amount_pence bigint NOT NULL,
        -- Stripe's running total for the charge: it only grows, whatever order the events arrive in.
        amount_refunded_pence bigint NOT NULL CHECK (amount_refunded_pence >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_payment_refunds_payment ON order_payment_refunds (payment_id)`);

    await q.query(`ALTER TABLE stripe_events ALTER COLUMN payload DROP NOT NULL`);
    await q.query(`CREATE INDEX stripe_events_received ON stripe_events (received_at)`);
    await q.query(`CREATE INDEX order_payment_history_event ON order_payment_history (stripe_event_id) WHERE stripe_event_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX order_payment_history_event`);
    await q.query(`DROP INDEX stripe_events_received`);
    await q.query(`UPDATE stripe_events SET payload = '{}' WHERE payload IS NULL`);
    await q.query(`ALTER TABLE stripe_events ALTER COLUMN payload SET NOT NULL`);
    await q.query(`DROP TABLE order_payment_refunds`);
    await q.query(`UPDATE order_payments SET status = 'cancelled' WHERE status = 'expired'`);
    await q.query(`ALTER TABLE order_payments DROP CONSTRAINT order_payments_status_check`);
    await q.query(`ALTER TABLE order_payments ADD CONSTRAINT order_payments_status_check CHECK (status IN ('pending','paid','failed','refunded','cancelled'))`);
    await q.query(`ALTER TABLE order_payments DROP COLUMN covers`);
  }
}
