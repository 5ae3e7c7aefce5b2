/**
 * One self-documenting configuration object, validated at boot: a bad value stops the process
 * with a message naming the variable instead of failing later at first use.
 * The README's configuration table lists the same variables.
 */
export type NodeEnv = 'development' | 'test' | 'production';

export interface AppConfig {
  nodeEnv: NodeEnv;
  /** Port the API listens on (the frontend on PORT proxies /api to it). */
  port: number;
  databaseUrl: string;
  /** Public origin of the portal, used in emailed links. */
  publicUrl: string;
  sessionCookieName: string;
  sessionTtlHours: number;
  /** Secure cookies everywhere except development and test over plain http. */
  cookieSecure: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  /** The development mailbox page and API (never in production). */
  devMailbox: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Failed sign-ins before an account locks, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Failed sign-ins allowed per client IP per window. */
  ipSignInLimit: number;
  ipSignInWindowMinutes: number;
  /** Express `trust proxy` setting (addresses, subnet names or a hop count), so rate limits see the client's IP behind the portal. */
  trustProxy: string | number;
  /** Whether to run migrations when the API starts. */
  migrateOnStart: boolean;
  /** Search results cached per API process (0 = off); exact, invalidated when the search index changes. */
  searchCacheSize: number;
  /** False only for tools that build the app without a database (the OpenAPI generator). */
  databaseConnect: boolean;
  /**
   * Run the PostgreSQL-backed job queue (pg-boss: scheduled jobs such as the daily accreditation
   * re-derivation) in this process. Default true except in tests, which turn it on when they need it.
   */
  jobsEnabled: boolean;
  /** Stripe secret key (sk_… or rk_…); without it payments are off and orders are paid by invoice. */
  stripeSecretKey: string | null;
  /** Signing secret of the Stripe webhook endpoint (whsec_…), for POST /api/payments/webhook. */
  stripeWebhookSecret: string | null;
  /** Another Stripe API origin (a local fake in tests); unset means Stripe itself. */
  stripeApiBase: string | null;
  /** The platform's fee on card and Direct Debit payments, in basis points (100 = 1%). */
  platformFeeBps: number;
  /**
   * Days a received Stripe webhook event is kept whole (at least 30: Stripe retries for 3 days and
   * lets an event be resent for 30). Older ones are pruned by the daily `stripe-events-prune` job.
   */
  stripeEventsRetentionDays: number;
  /**
   * Prefix of every Open Contracting ID (ocid) this portal publishes: `<prefix>-C000123`. A real
   * publisher registers an `ocds-xxxxxx` prefix with the Open Contracting Partnership.
   */
  ocdsOcidPrefix: string;
  /**
   * Bearer token for GET /api/metrics (Prometheus). Unset: metrics are served to loopback clients
   * only, so a scraper on another machine needs the token.
   */
  metricsToken: string | null;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const raw = env[name] || fallback;
  if (!raw) throw new ConfigError(`${name} is required`);
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL`);
  }
  return raw;
}

/** An ocid prefix: `ocds-` then lowercase letters or digits (registered prefixes have six, e.g. ocds-213czf). */
function ocidPrefix(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^ocds-[a-z0-9]{1,24}$/.test(raw)) throw new ConfigError(`${name} must look like ocds-xxxxxx (ocds- then lowercase letters or digits), got "${raw}"`);
  return raw;
}

/** A secret with a recognisable shape, or null when unset. The value never appears in the message. */
function secret(env: NodeJS.ProcessEnv, name: string, pattern: RegExp, what: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!pattern.test(raw)) throw new ConfigError(`${name} must be ${what}`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';
  const publicUrl = url(env, 'PUBLIC_URL', 'http://localhost:3000').replace(/\/$/, '');
  return {
    nodeEnv,
    port: int(env, 'API_PORT', 3001, 1, 65535),
    databaseUrl: url(env, 'DATABASE_URL'),
    publicUrl,
    sessionCookieName: env.SESSION_COOKIE_NAME || 'gpit_session',
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool(env, 'COOKIE_SECURE', production || publicUrl.startsWith('https:')),
    smtpUrl: env.SMTP_URL ? url(env, 'SMTP_URL') : null,
    mailFrom: env.MAIL_FROM || 'GP IT Marketplace <no-reply@gpit-marketplace.local>',
    devMailbox: bool(env, 'DEV_MAILBOX', !production) && !production,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, nodeEnv === 'test' ? 'warn' : 'info'),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15, 1, 24 * 60),
    ipSignInLimit: int(env, 'IP_SIGN_IN_LIMIT', 30, 1, 100000),
    ipSignInWindowMinutes: int(env, 'IP_SIGN_IN_WINDOW_MINUTES', 15, 1, 24 * 60),
    trustProxy: env.TRUST_PROXY && /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY || 'loopback',
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    databaseConnect: bool(env, 'DATABASE_CONNECT', true),
    searchCacheSize: int(env, 'SEARCH_CACHE_SIZE', 500, 0, 100000),
    jobsEnabled: bool(env, 'JOBS_ENABLED', nodeEnv !== 'test'),
    stripeSecretKey: secret(env, 'STRIPE_SECRET_KEY', /^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret key (sk_test_… or sk_live_…)'),
    stripeWebhookSecret: secret(env, 'STRIPE_WEBHOOK_SECRET', /^whsec_\w+$/, 'a Stripe webhook signing secret (whsec_…)'),
    stripeApiBase: env.STRIPE_API_BASE ? url(env, 'STRIPE_API_BASE') : null,
    platformFeeBps: int(env, 'PLATFORM_FEE_BPS', 0, 0, 10000),
    stripeEventsRetentionDays: int(env, 'STRIPE_EVENTS_RETENTION_DAYS', 90, 30, 3650),
    ocdsOcidPrefix: ocidPrefix(env, 'OCDS_OCID_PREFIX', 'ocds-gpitm'),
    metricsToken: secret(env, 'METRICS_TOKEN', /^[\x21-\x7e]{16,}$/, 'at least 16 printable characters, no spaces'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
