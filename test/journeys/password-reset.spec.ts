import { createUserByInvitation, expect, expectNoAxeViolations, test, uniqueEmail } from '../fixtures';

test('a user resets a forgotten password with the emailed link', async ({ page, playwright, baseURL }) => {
  const user = await createUserByInvitation(playwright, baseURL!, { organisation: 'A81001', name: 'Forgetful Fran' });
  const newPassword = 'A-brand-new-password-for-fran';

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await expect(page).toHaveURL('/reset-password');
  await expectNoAxeViolations(page, 'reset password: request');

  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter an email address' })).toBeVisible();
  await expectNoAxeViolations(page, 'reset password: request with an error');

  await page.getByLabel('Email address').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  await expect(page.getByRole('main')).toContainText(user.email);
  await expectNoAxeViolations(page, 'reset password: check your email');

  // Development systems keep emails in the mailbox page instead of sending them.
  await page.getByRole('main').getByRole('link', { name: 'development mailbox' }).click();
  await expect(page).toHaveURL(/\/dev\/mailbox\?to=/);
  const email = page.getByRole('article').filter({ hasText: 'Reset your GP IT Marketplace password' }).first();
  await expect(email).toBeVisible();
  await expectNoAxeViolations(page, 'development mailbox');
  await email.getByRole('link', { name: /\/reset-password\// }).click();
  await expect(page).toHaveURL(/\/reset-password\/[A-Za-z0-9_-]{20,}$/);
  const resetUrl = page.url();
  await expectNoAxeViolations(page, 'reset password: choose a new password');

  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill('something-else-entirely');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the same password in both boxes' })).toBeVisible();

  // The API's own rule (not checked in the browser): the password may not contain the email's name.
  const localPart = user.email.split('@')[0];
  await page.getByLabel('New password', { exact: true }).fill(`${localPart}-password`);
  await page.getByLabel('Confirm new password').fill(`${localPart}-password`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Password must not contain your email address' })).toBeVisible();
  await expectNoAxeViolations(page, 'reset password: API validation error');

  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL('/sign-in?passwordChanged=1');
  await expect(page.getByRole('status')).toContainText('Your password has been changed');
  await expectNoAxeViolations(page, 'sign in after a password change');

  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/practice');
  await expectNoAxeViolations(page, 'practice home after a password reset');

  // The link works once.
  await page.goto(resetUrl);
  await page.getByLabel('New password', { exact: true }).fill('Yet-another-password-2026');
  await page.getByLabel('Confirm new password').fill('Yet-another-password-2026');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
  await expectNoAxeViolations(page, 'reset password: used link');
});

test('asking for a reset says the same whether or not the account exists', async ({ page }) => {
  await page.goto('/reset-password');
  const nobody = uniqueEmail('nobody');
  await page.getByLabel('Email address').fill(nobody);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  await expect(page.getByRole('main')).toContainText(`If there is an account for ${nobody}`);
});
