import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments with Stripe (docs/decisions/018): suppliers' connected (Express) accounts, the payments
 * of locally funded order items, their history, and every Stripe webhook event received, once.
 */
export class Payments1795000000070 implements MigrationInterface {
  name = 'Payments1795000000070';

  async up(q: QueryRunner): Promise<void> {
    // One connected account per supplier. No row: onboarding not started.
    await q.query(`
      CREATE TABLE supplier_payout_accounts (
        supplier_id uuid PRIMARY KEY REFERENCES organisations(id),
        stripe_account_id varchar(255) NOT NULL UNIQUE,
        payout_status varchar(16) NOT NULL DEFAULT 'pending' CHECK (payout_status IN ('pending','enabled','restricted')),
        charges_enabled boolean NOT NULL DEFAULT false,
        payouts_enabled boolean NOT NULL DEFAULT false,
        details_submitted boolean NOT NULL DEFAULT false,
        requirements jsonb NOT NULL DEFAULT '[]',
        disabled_reason text,
        -- The "created" time of the last account.updated applied: an older event arriving later is ignored.
        stripe_updated_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Every event once, by its id: inserting it and applying it commit together; a repeat is a no-op.
    await q.query(`
      CREATE TABLE stripe_events (
        id varchar(255) PRIMARY KEY,
        type varchar(100) NOT NULL,
        created timestamptz NOT NULL,
        livemode boolean NOT NULL DEFAULT false,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);

    // The Stripe side of an order revision's locally funded items: one part per way of paying
    // (one-off amounts as a payment, monthly and annual amounts each as a subscription).
    await q.query(`
      CREATE TABLE order_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id),
        part varchar(8) NOT NULL CHECK (part IN ('one_off','monthly','annual')),
        kind varchar(16) NOT NULL CHECK (kind IN ('payment','subscription')),
        stripe_account_id varchar(255) NOT NULL,
        checkout_session_id varchar(255) UNIQUE,
        payment_intent_id varchar(255) UNIQUE,
        subscription_id varchar(255) UNIQUE,
        amount_pence bigint NOT NULL CHECK (amount_pence > 0),
        currency char(3) NOT NULL DEFAULT 'gbp',
        application_fee_pence bigint NOT NULL CHECK (application_fee_pence >= 0),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','paid','failed','refunded','cancelled')),
        -- The "created" time of the event that set the status: older paid/failed events do not override it.
        status_at timestamptz,
        amount_paid_pence bigint NOT NULL DEFAULT 0,
        amount_refunded_pence bigint NOT NULL DEFAULT 0,
        -- Subscriptions: the last day billed is the day before (contract end, or termination date).
        cancel_at date,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, part)
      )`);

    await q.query(`
      CREATE TABLE order_payment_history (
        id bigserial PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES order_payments(id),
        stripe_event_id varchar(255) REFERENCES stripe_events(id),
        kind varchar(32) NOT NULL,
        amount_pence bigint,
        payment_intent_id varchar(255),
        detail text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_payment_history_payment ON order_payment_history (payment_id, occurred_at)`);
    await q.query(`CREATE INDEX order_payment_history_intent ON order_payment_history (payment_intent_id) WHERE payment_intent_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_payment_history`);
    await q.query(`DROP TABLE order_payments`);
    await q.query(`DROP TABLE stripe_events`);
    await q.query(`DROP TABLE supplier_payout_accounts`);
  }
}
