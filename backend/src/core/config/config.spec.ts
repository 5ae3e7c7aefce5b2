import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

describe('loadConfig', () => {
  it('applies development defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ nodeEnv: 'development', port: 3001, cookieSecure: false, devMailbox: true, lockoutThreshold: 5, lockoutMinutes: 15, sessionTtlHours: 12 });
  });

  it('makes cookies Secure and hides the mailbox in production', () => {
    const c = loadConfig({ ...base, NODE_ENV: 'production', DEV_MAILBOX: 'true' });
    expect(c.cookieSecure).toBe(true);
    expect(c.devMailbox).toBe(false);
  });

  it('takes the OCDS ocid prefix from the environment, ocds-gpitm by default', () => {
    expect(loadConfig(base).ocdsOcidPrefix).toBe('ocds-gpitm');
    expect(loadConfig({ ...base, OCDS_OCID_PREFIX: 'ocds-213czf' }).ocdsOcidPrefix).toBe('ocds-213czf');
  });

  it('switches payments off without a Stripe key, and reads the Stripe settings when given', () => {
    expect(loadConfig(base)).toMatchObject({ stripeSecretKey: null, stripeWebhookSecret: null, stripeApiBase: null, platformFeeBps: 0 });
    expect(
      loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc', STRIPE_API_BASE: 'http://127.0.0.1:12111', PLATFORM_FEE_BPS: '150' }),
    ).toMatchObject({ stripeSecretKey: 'sk_test_abc123', stripeWebhookSecret: 'whsec_abc', stripeApiBase: 'http://127.0.0.1:12111', platformFeeBps: 150 });
  });

  it('serves metrics to loopback only without METRICS_TOKEN, and reads the token when given', () => {
    expect(loadConfig(base).metricsToken).toBeNull();
    expect(loadConfig({ ...base, METRICS_TOKEN: 'scrape-0123456789abcdef' }).metricsToken).toBe('scrape-0123456789abcdef');
  });

  it('makes cookies Secure when the public URL is https', () => {
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://marketplace.example' }).cookieSecure).toBe(true);
  });

  it.each([
    [{}, /DATABASE_URL is required/],
    [{ ...base, API_PORT: 'eighty' }, /API_PORT must be a whole number/],
    [{ ...base, API_PORT: '70000' }, /API_PORT must be between 1 and 65535/],
    [{ ...base, NODE_ENV: 'staging' }, /NODE_ENV must be one of/],
    [{ ...base, COOKIE_SECURE: 'maybe' }, /COOKIE_SECURE must be true or false/],
    [{ ...base, PUBLIC_URL: 'not a url' }, /PUBLIC_URL must be a URL/],
    [{ ...base, OCDS_OCID_PREFIX: 'gpitm' }, /OCDS_OCID_PREFIX must look like ocds-xxxxxx/],
    [{ ...base, OCDS_OCID_PREFIX: 'ocds-GP-ITM' }, /OCDS_OCID_PREFIX must look like ocds-xxxxxx/],
    [{ ...base, STRIPE_SECRET_KEY: 'pk_test_abc' }, /STRIPE_SECRET_KEY must be a Stripe secret key/],
    [{ ...base, STRIPE_WEBHOOK_SECRET: 'secret' }, /STRIPE_WEBHOOK_SECRET must be a Stripe webhook signing secret/],
    [{ ...base, METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 printable characters/],
    [{ ...base, METRICS_TOKEN: 'a token with spaces in it' }, /METRICS_TOKEN must be at least 16 printable characters/],
    [{ ...base, PLATFORM_FEE_BPS: '10001' }, /PLATFORM_FEE_BPS must be between 0 and 10000/],
  ])('refuses bad values with a message naming the variable (%o)', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
