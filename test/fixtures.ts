import { readFileSync } from 'node:fs';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export { expect };

export const DEMO_PASSWORD = 'Demo-password-2026';

export type Role = 'practice_manager' | 'commissioner' | 'vendor' | 'operator';

/** The seeded demo accounts (backend/src/core/database/seeds/demo.seed.ts). */
export const DEMO: Record<Role, { email: string; name: string; home: string; organisation: string }> = {
  practice_manager: { email: 'practice.manager@demo.gpit.test', name: 'Priya Patel', home: '/practice', organisation: 'A81001' },
  commissioner: { email: 'commissioner@demo.gpit.test', name: 'Callum Reid', home: '/commissioner', organisation: 'QHM' },
  vendor: { email: 'vendor@demo.gpit.test', name: 'Vera Okafor', home: '/vendor', organisation: '10000' },
  operator: { email: 'operator@demo.gpit.test', name: 'Olu Adeyemi', home: '/operator', organisation: 'GPITM' },
};

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now and fails listing every violation. axe goes in through
 * the DevTools protocol (page.evaluate), so the page's nonce-based CSP does not have to allow it.
 */
export async function expectNoAxeViolations(page: Page, context?: string) {
  await page.waitForLoadState('load');
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
    }));
  });
  const where = context ?? page.url();
  expect(violations, `axe-core violations on ${where}:\n${violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n')}`).toEqual([]);
}

/** Signs in through the API (same cookie jar as the page), for journeys that are not about signing in. */
export async function signInByApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const response = await request.post('/api/auth/sign-in', { data: { email, password } });
  expect(response.status(), `sign in as ${email}`).toBe(200);
  return (await response.json()) as { csrfToken: string; role: Role; user: { name: string } };
}

/** The newest link to `path` in emails to `to`, from the development mailbox API. */
export async function linkFromMailbox(request: APIRequestContext, to: string, path: '/reset-password/' | '/invitations/' | '/supplier-registration/confirm/'): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await request.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`);
    expect(response.ok()).toBeTruthy();
    const { items } = (await response.json()) as { items: Array<{ text: string }> };
    for (const email of items) {
      const match = email.text.match(new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}[A-Za-z0-9_-]+`));
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No email to ${to} with a ${path} link`);
}

/** A unique address for a user made by one test, so tests never share accounts. */
export function uniqueEmail(label: string): string {
  return `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.nhs.uk`;
}

/**
 * Creates a user through the real invitation flow (operator invites, the invitee accepts) and
 * returns its credentials. Uses its own API session, so the page's cookies are untouched.
 */
export async function createUserByInvitation(
  playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } },
  baseURL: string,
  opts: { organisation: string; email?: string; name?: string; password?: string; isAdmin?: boolean },
) {
  const email = opts.email ?? uniqueEmail('user');
  const password = opts.password ?? `Journey-password-${Math.random().toString(36).slice(2, 10)}`;
  const name = opts.name ?? 'Journey User';
  const operator = await playwright.request.newContext({ baseURL });
  try {
    const session = await signInByApi(operator, DEMO.operator.email);
    const invited = await operator.post(`/api/organisations/${opts.organisation}/invitations`, {
      headers: { 'X-CSRF-Token': session.csrfToken },
      data: { email, isAdmin: opts.isAdmin ?? false },
    });
    expect(invited.status(), await invited.text()).toBe(201);
    const link = await linkFromMailbox(operator, email, '/invitations/');
    const token = link.split('/invitations/')[1];
    const anonymous = await playwright.request.newContext({ baseURL });
    try {
      const accepted = await anonymous.post('/api/invitations/accept', { data: { token, name, password } });
      expect(accepted.status(), await accepted.text()).toBe(200);
    } finally {
      await anonymous.dispose();
    }
  } finally {
    await operator.dispose();
  }
  return { email, password, name };
}

type Fixtures = {
  /** Signs the page's browser context in as a demo account. */
  login: (role: Role) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  // Every page: fail the test on a Content-Security-Policy violation or an uncaught script error.
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(msg.text())) problems.push(msg.text());
    });
    page.on('pageerror', (error) => problems.push(`Uncaught: ${error.message}`));
    await use(page);
    expect(problems, `browser errors:\n${problems.join('\n')}`).toEqual([]);
  },
  login: async ({ page }, use) => {
    await use(async (role: Role) => {
      await signInByApi(page.request, DEMO[role].email);
    });
  },
});
