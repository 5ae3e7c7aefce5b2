import { createUserByInvitation, DEMO_PASSWORD, expect, expectNoAxeViolations, test } from '../fixtures';

test('an organisation administrator sees the practice record and its users, and cannot remove the last administrator', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor');
  await expect(page.getByRole('main')).toContainText('10000');
  await expectNoAxeViolations(page, 'vendor home');
  await page.getByRole('banner').getByRole('link', { name: 'My organisation' }).click();
  await expect(page).toHaveURL('/organisation');
  await expect(page.getByRole('main')).toContainText('Supplier');
  const users = page.getByRole('table', { name: 'Users of this organisation' });
  await expect(users).toContainText('Vera Okafor');
  await expectNoAxeViolations(page, 'my organisation (supplier administrator)');

  await users.getByRole('row', { name: /Vera Okafor/ }).getByRole('button', { name: /Remove administrator/ }).click();
  await expect(page.getByRole('alert')).toContainText('An organisation must keep at least one administrator');
  await expectNoAxeViolations(page, 'my organisation with a role change refused');
});

test('an administrator makes a colleague an administrator, who can then invite people', async ({ page, playwright, baseURL, browser }) => {
  // A practice of its own would be ideal; a fresh colleague at the demo practice is enough.
  const colleague = await createUserByInvitation(playwright, baseURL!, { organisation: 'A81001', name: 'Colin Colleague' });
  await page.request.post('/api/auth/sign-in', { data: { email: 'practice.manager@demo.gpit.test', password: DEMO_PASSWORD } });
  await page.goto('/organisation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/THE DENSHAM SURGERY/i);
  await expect(page.getByRole('main')).toContainText('Registered patients');
  await expect(page.getByRole('main')).toContainText('Current clinical system');
  const row = page.getByRole('table', { name: 'Users of this organisation' }).getByRole('row', { name: /Colin Colleague/ });
  await row.getByRole('button', { name: 'Make administrator for Colin Colleague' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Colin Colleague is now an administrator' })).toBeVisible();
  await expect(row.getByRole('cell').nth(2)).toHaveText('Yes');
  await expectNoAxeViolations(page, 'my organisation after a role change');

  const context = await browser.newContext();
  const colleaguePage = await context.newPage();
  await colleaguePage.request.post('/api/auth/sign-in', { data: { email: colleague.email, password: colleague.password } });
  await colleaguePage.goto('/organisation');
  await expect(colleaguePage.getByRole('region', { name: 'Invite a colleague' })).toBeVisible();
  await expectNoAxeViolations(colleaguePage, 'my organisation (new administrator)');
  await context.close();

  await row.getByRole('button', { name: 'Remove administrator for Colin Colleague' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Colin Colleague is no longer an administrator' })).toBeVisible();
});

test('a member who is not an administrator sees the details but not the user management', async ({ page, playwright, baseURL }) => {
  const member = await createUserByInvitation(playwright, baseURL!, { organisation: 'QHM', name: 'Mo Member' });
  await page.request.post('/api/auth/sign-in', { data: { email: member.email, password: member.password } });
  await page.goto('/organisation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/North East and North Cumbria/i);
  await expect(page.getByRole('table', { name: 'Users of this organisation' })).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText('ask one of its administrators');
  await expectNoAxeViolations(page, 'my organisation (not an administrator)');
});
