import Stripe from 'stripe';
import type { AppConfig } from '../../core/config/config';

export const STRIPE = Symbol('STRIPE');

/**
 * The Stripe client, or null when payments are switched off (no STRIPE_SECRET_KEY). STRIPE_API_BASE
 * points it at another origin (the fake Stripe server in tests); otherwise it talks to Stripe.
 */
export function createStripe(config: Pick<AppConfig, 'stripeSecretKey' | 'stripeApiBase'>): Stripe | null {
  if (!config.stripeSecretKey) return null;
  const base = config.stripeApiBase ? new URL(config.stripeApiBase) : null;
  return new Stripe(config.stripeSecretKey, {
    appInfo: { name: 'gpit-marketplace' },
    maxNetworkRetries: 2,
    timeout: 20000,
    ...(base
      ? { host: base.hostname, port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)), protocol: base.protocol.replace(':', '') as 'http' | 'https' }
      : {}),
  });
}

/** Verifies a webhook's signature against the raw body; Stripe.webhooks needs no key. */
export const webhookVerifier = Stripe.webhooks;
