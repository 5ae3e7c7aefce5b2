import { createUserByInvitation, expect, expectNoAxeViolations, test } from '../fixtures';

test('six wrong passwords lock the account, and the page says for how long and how to unlock it', async ({ page, playwright, baseURL }) => {
  // A fresh account of its own, so locking it cannot affect any other journey.
  const user = await createUserByInvitation(playwright, baseURL!, { organisation: 'A81001', name: 'Locked Out' });

  await page.goto('/sign-in');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The refused password is cleared when the answer arrives: the sign that this attempt is done.
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByRole('alert')).toContainText('Enter a correct email address and password');
  }

  await page.getByLabel('Password').fill('wrong-password-6');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Password')).toHaveValue('');
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Your account is locked for 15 minutes');
  await expect(summary.getByRole('link', { name: 'reset your password' })).toHaveAttribute('href', '/reset-password');
  await expectNoAxeViolations(page, 'sign in, account locked');

  // Even the right password does not get in while the lock lasts.
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByRole('alert')).toContainText('locked');
  await expect(page).toHaveURL('/sign-in');
});
