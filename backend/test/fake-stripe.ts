/**
 * A small fake of Stripe's HTTP API, for tests and local runs without the network: the real `stripe`
 * library is pointed at it with STRIPE_API_BASE. It implements only what the portal calls (accounts,
 * account links and Express login links, checkout sessions and their expiry, invoice payments,
 * subscription updates and cancellation, refunds) and records every
 * request for assertions. Its onboarding and checkout pages (for a browser) finish the flow by sending
 * signed webhooks to the portal, as Stripe would.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Form parameters as sent, flat: `payment_intent_data[application_fee_amount]` → '150'. */
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
}

export interface FakeStripeOptions {
  /** Where the browser pages send their webhooks (e.g. http://127.0.0.1:3001/api/payments/webhook). */
  webhookUrl?: string;
  webhookSecret?: string;
  port?: number;
}

export interface FakeStripe {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests to one endpoint, e.g. ('POST', '/v1/checkout/sessions'). */
  calls: (method: string, path: string | RegExp) => RecordedRequest[];
  sessions: Map<string, Record<string, any>>;
  accounts: Map<string, Record<string, any>>;
  /** Invoices with the payment intent that paid each (served as invoice payments). */
  invoices: Map<string, { invoice: Record<string, any>; paymentIntent: string; amountPaid: number }>;
  /** Records an invoice paid by a payment intent, as Stripe would have it. */
  addInvoice: (invoice: Record<string, any>, paymentIntent: string) => void;
  /** Answer the next call to a path with an error. */
  failNext: (path: string | RegExp, status?: number) => void;
  close: () => Promise<void>;
}

/** A signed webhook, as Stripe sends it: the JSON body and its Stripe-Signature header. */
export function signedEvent(secret: string, event: Record<string, any>): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${(++counter).toString(36)}`;

/** A Stripe event around an object. */
export function stripeEvent(type: string, object: Record<string, any>, extra: { id?: string; created?: number } = {}): Record<string, any> {
  return { id: extra.id ?? nextId('evt'), object: 'event', api_version: '2026-10-28.endive', created: extra.created ?? Math.floor(Date.now() / 1000), livemode: false, type, data: { object } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': nextId('req') });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, body: string) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe</title></head><body><main>${body}</main></body></html>`);
}

/** Line items and metadata of a session as the form parameters sent them. */
function sessionFrom(id: string, base: string, p: Record<string, string>): Record<string, any> {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    const m = /^metadata\[(.+)\]$/.exec(k);
    if (m) metadata[m[1]] = v;
  }
  let total = 0;
  for (let i = 0; p[`line_items[${i}][quantity]`] !== undefined; i++) {
    total += Number(p[`line_items[${i}][price_data][unit_amount]`] ?? 0) * Number(p[`line_items[${i}][quantity]`]);
  }
  return {
    id,
    object: 'checkout.session',
    mode: p.mode,
    url: `${base}/checkout/${id}`,
    status: 'open',
    payment_status: 'unpaid',
    amount_total: total,
    currency: 'gbp',
    client_reference_id: p.client_reference_id ?? null,
    customer_email: p.customer_email ?? null,
    success_url: p.success_url,
    cancel_url: p.cancel_url,
    metadata,
    payment_intent: null,
    subscription: null,
    interval: p['line_items[0][price_data][recurring][interval]'] ?? null,
  };
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Record<string, any>>();
  const accounts = new Map<string, Record<string, any>>();
  const links = new Map<string, { account: string; return_url: string; refresh_url: string }>();
  const invoices = new Map<string, { invoice: Record<string, any>; paymentIntent: string; amountPaid: number }>();
  const addInvoice = (invoice: Record<string, any>, paymentIntent: string) => invoices.set(invoice.id, { invoice, paymentIntent, amountPaid: invoice.amount_paid ?? 0 });
  const invoicePayment = (e: { invoice: Record<string, any>; paymentIntent: string; amountPaid: number }, expandInvoice: boolean) => ({
    id: `inpay_${e.invoice.id}`,
    object: 'invoice_payment',
    amount_paid: e.amountPaid,
    currency: 'gbp',
    invoice: expandInvoice ? e.invoice : e.invoice.id,
    is_default: true,
    status: 'paid',
    payment: { type: 'payment_intent', payment_intent: e.paymentIntent },
  });
  const failures: { path: string | RegExp; status: number }[] = [];
  let base = '';

  async function sendWebhook(type: string, object: Record<string, any>) {
    if (!options.webhookUrl || !options.webhookSecret) return;
    const { body, signature } = signedEvent(options.webhookSecret, stripeEvent(type, object));
    const res = await fetch(options.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    if (!res.ok) throw new Error(`webhook ${type} answered ${res.status}: ${await res.text()}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);
    const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : raw));
    const path = url.pathname;
    if (path.startsWith('/v1/')) requests.push({ method: req.method ?? 'GET', path, params, headers: req.headers });
    const failure = failures.findIndex((f) => (typeof f.path === 'string' ? f.path === path : f.path.test(path)));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return json(res, f.status, { error: { type: 'api_error', message: 'The fake Stripe was told to fail' } });
    }
    let m: RegExpExecArray | null;

    // ---- the API ----
    if (req.method === 'POST' && path === '/v1/accounts') {
      const account = {
        id: nextId('acct'),
        object: 'account',
        type: params.type ?? 'express',
        country: params.country ?? 'GB',
        email: params.email ?? null,
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
        requirements: { currently_due: ['external_account', 'individual.dob.day'], past_due: [], disabled_reason: 'requirements.past_due' },
        metadata: Object.fromEntries(Object.entries(params).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v])),
      };
      accounts.set(account.id, account);
      return json(res, 200, account);
    }
    if (req.method === 'POST' && path === '/v1/account_links') {
      if (!accounts.has(params.account)) return json(res, 400, { error: { type: 'invalid_request_error', message: `No such account: '${params.account}'` } });
      const id = nextId('link');
      links.set(id, { account: params.account, return_url: params.return_url, refresh_url: params.refresh_url });
      return json(res, 200, { object: 'account_link', created: Math.floor(Date.now() / 1000), expires_at: Math.floor(Date.now() / 1000) + 300, url: `${base}/connect/onboarding/${id}` });
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = nextId('cs_test');
      const session = sessionFrom(id, base, params);
      sessions.set(id, session);
      return json(res, 200, session);
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path)) && req.method === 'POST') {
      const s = sessions.get(m[1]);
      if (!s) return json(res, 404, { error: { type: 'invalid_request_error', message: 'No such checkout session' } });
      if (s.status !== 'open') return json(res, 400, { error: { type: 'invalid_request_error', message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".` } });
      s.status = 'expired';
      // Stripe tells the portal in its own time, not within this call.
      setTimeout(() => void sendWebhook('checkout.session.expired', { ...s }).catch(() => undefined), 50);
      return json(res, 200, s);
    }
    if ((m = /^\/v1\/accounts\/([^/]+)\/login_links$/.exec(path)) && req.method === 'POST') {
      const account = accounts.get(m[1]);
      if (!account) return json(res, 404, { error: { type: 'invalid_request_error', message: `No such account: '${m[1]}'` } });
      if (!account.details_submitted) return json(res, 400, { error: { type: 'invalid_request_error', message: 'Cannot create a login link for an account that has not completed onboarding.' } });
      return json(res, 200, { object: 'login_link', created: Math.floor(Date.now() / 1000), url: `${base}/express/${account.id}` });
    }
    if (path === '/v1/invoice_payments' && req.method === 'GET') {
      const expand = Object.entries(params).some(([k, v]) => k.startsWith('expand[') && v === 'data.invoice');
      const found = [...invoices.values()].filter(
        (e) => (!params.invoice || e.invoice.id === params.invoice) && (!params['payment[payment_intent]'] || e.paymentIntent === params['payment[payment_intent]']),
      );
      return json(res, 200, { object: 'list', url: '/v1/invoice_payments', has_more: false, data: found.map((e) => invoicePayment(e, expand)) });
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const s = sessions.get(m[1]);
      return s ? json(res, 200, s) : json(res, 404, { error: { type: 'invalid_request_error', message: 'No such checkout session' } });
    }
    if ((m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      if (req.method === 'POST') return json(res, 200, { id: m[1], object: 'subscription', status: 'active', cancel_at: params.cancel_at ? Number(params.cancel_at) : null });
      if (req.method === 'DELETE') return json(res, 200, { id: m[1], object: 'subscription', status: 'canceled' });
    }
    if (req.method === 'POST' && path === '/v1/refunds') {
      return json(res, 200, { id: nextId('re'), object: 'refund', amount: Number(params.amount ?? 0), payment_intent: params.payment_intent, status: 'succeeded' });
    }

    // ---- pages a browser visits ----
    if ((m = /^\/express\/([^/]+)$/.exec(path))) {
      if (!accounts.has(m[1])) return html(res, '<h1>This link has expired</h1>');
      return html(res, `<h1>Payouts (fake Stripe Express dashboard)</h1><p>Account ${m[1]}</p><p>No payouts yet.</p>`);
    }
    if ((m = /^\/connect\/onboarding\/([^/]+)$/.exec(path))) {
      const link = links.get(m[1]);
      if (!link) return html(res, '<h1>This link has expired</h1>');
      if (req.method === 'POST') {
        const account: Record<string, any> = { ...accounts.get(link.account)!, charges_enabled: true, payouts_enabled: true, details_submitted: true, requirements: { currently_due: [], past_due: [], disabled_reason: null } };
        accounts.set(account.id, account);
        await sendWebhook('account.updated', account);
        res.writeHead(303, { location: link.return_url });
        return res.end();
      }
      return html(res, `<h1>Set up payouts (fake Stripe)</h1><p>Account ${link.account}</p><form method="post"><button type="submit">Finish onboarding</button></form>`);
    }
    if ((m = /^\/checkout\/([^/]+)$/.exec(path))) {
      const s = sessions.get(m[1]);
      if (!s) return html(res, '<h1>This checkout has expired</h1>');
      if (req.method === 'POST') {
        s.status = 'complete';
        s.payment_status = 'paid';
        if (s.mode === 'payment') {
          s.payment_intent = nextId('pi');
        } else {
          s.subscription = nextId('sub');
          // As since API version 2025-03-31: the invoice does not name its payment intent; its invoice payments do.
          const invoice = {
            id: nextId('in'),
            object: 'invoice',
            number: `FAKE-${counter}`,
            amount_paid: s.amount_total,
            amount_due: s.amount_total,
            metadata: {},
            parent: { type: 'subscription_details', subscription_details: { subscription: s.subscription, metadata: s.metadata } },
          };
          addInvoice(invoice, nextId('pi'));
          await sendWebhook('invoice.paid', invoice);
        }
        await sendWebhook('checkout.session.completed', s);
        res.writeHead(303, { location: s.success_url });
        return res.end();
      }
      const pounds = (s.amount_total / 100).toFixed(2);
      return html(res, `<h1>Pay £${pounds}${s.interval ? ` a ${s.interval}` : ''} (fake Stripe)</h1><form method="post"><button type="submit">Pay</button></form><p><a href="${s.cancel_url}">Cancel</a></p>`);
    }
    return json(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` } });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => json(res, 500, { error: { type: 'api_error', message: String(e) } }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    requests,
    calls: (method, path) => requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))),
    sessions,
    accounts,
    invoices,
    addInvoice,
    failNext: (path, status = 500) => failures.push({ path, status }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Run on its own, for a local portal without the network (docs/operations.md, "Payments"):
//   npx esbuild backend/test/fake-stripe.ts --bundle --platform=node --packages=external --outfile=backend/dist/fake-stripe.js
//   STRIPE_WEBHOOK_SECRET=whsec_local FAKE_STRIPE_WEBHOOK_URL=http://127.0.0.1:3001/api/payments/webhook node backend/dist/fake-stripe.js
if (require.main === module) {
  void startFakeStripe({ port: Number(process.env.FAKE_STRIPE_PORT ?? 12111), webhookUrl: process.env.FAKE_STRIPE_WEBHOOK_URL, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET }).then((f) =>
    console.log(`fake Stripe on ${f.url}`),
  );
}
