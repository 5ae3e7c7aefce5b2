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
  ])('refuses bad values with a message naming the variable (%o)', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
