import { expect, expectNoAxeViolations, test } from '../fixtures';

test('a vendor cannot open the audit log', async ({ page, login }) => {
  await login('vendor');
  const response = await page.goto('/operator/audit');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  await expect(page.getByRole('main').getByRole('link', { name: 'Go to your home page' })).toHaveAttribute('href', '/vendor');
  await expectNoAxeViolations(page, '403 page');
});

test('a practice manager cannot use the organisations directory', async ({ page, login }) => {
  await login('practice_manager');
  const response = await page.goto('/organisations');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  await expectNoAxeViolations(page, '403 page (practice manager)');
});

test('signed-out visitors are asked to sign in', async ({ page }) => {
  await page.goto('/operator/audit?action=auth.sign-in');
  await expect(page).toHaveURL('/sign-in?redirectTo=%2Foperator%2Faudit%3Faction%3Dauth.sign-in');
  await expectNoAxeViolations(page, 'sign in, coming back to the audit log');
});

test('an unknown address shows the 404 page', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expectNoAxeViolations(page, '404 page');
});

test('pages carry the security headers', async ({ page }) => {
  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // Every inline script carries this response's nonce.
  const nonce = headers['content-security-policy'].match(/'nonce-([^']+)'/)![1];
  const scripts = await page.locator('script:not([src])').evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
});

test('the operator filters the audit log', async ({ page, login }) => {
  await login('operator');
  await page.goto('/operator');
  await expectNoAxeViolations(page, 'operator home');
  await page.getByRole('link', { name: 'Audit log' }).first().click();
  await expect(page).toHaveURL('/operator/audit');
  await expect(page.getByRole('table')).toContainText('auth.sign-in');
  await expectNoAxeViolations(page, 'audit log');

  await page.getByLabel('Action').selectOption('auth.sign-in');
  await page.getByLabel('Done by (email address)').fill('operator@demo.gpit.test');
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From date').fill(today);
  await page.getByLabel('To date').fill(today);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=auth.sign-in/);
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toContainText('operator@demo.gpit.test');
  for (const text of await rows.allTextContents()) expect(text).toContain('auth.sign-in');
  await expectNoAxeViolations(page, 'audit log filtered');

  // A date range the wrong way round is explained, not sent to the API.
  await page.getByLabel('From date').fill('2026-12-31');
  await page.getByLabel('To date').fill('2026-01-01');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'To date must be the same as or after the from date' })).toBeVisible();
  await expectNoAxeViolations(page, 'audit log with a filter error');
});

test('public reference pages list capabilities, standards and frameworks', async ({ page }) => {
  for (const [path, heading] of [
    ['/capabilities', 'Capabilities'],
    ['/standards', 'Standards'],
    ['/frameworks', 'Frameworks'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
    await expectNoAxeViolations(page, path);
  }
});
