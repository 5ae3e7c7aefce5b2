import { createUserByInvitation, expect, expectNoAxeViolations, linkFromMailbox, test, uniqueEmail } from '../fixtures';

test('an operator invites a user to a practice; the invitee accepts from the email and lands on the practice home', async ({ page, browser, login }) => {
  const invitee = uniqueEmail('new.manager');
  await login('operator');
  await page.goto('/operator');
  await expectNoAxeViolations(page, 'operator home');
  await page.getByRole('link', { name: 'Organisations' }).first().click();
  await expect(page).toHaveURL('/organisations');
  await expectNoAxeViolations(page, 'directory (operator)');
  await page.getByLabel('Search by name, ODS code or postcode').fill('A81001');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=A81001/);
  await expectNoAxeViolations(page, 'directory search (operator)');
  await page.getByRole('link', { name: /THE DENSHAM SURGERY/i }).click();
  await expect(page).toHaveURL('/organisations/A81001');
  await expectNoAxeViolations(page, 'organisation detail (operator)');

  const form = page.getByRole('region', { name: 'Invite a user to this organisation' });
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(form.getByRole('alert').getByRole('link', { name: 'Enter an email address' })).toBeVisible();
  await expectNoAxeViolations(page, 'invite form with an error');

  await form.getByLabel('Email address').fill(invitee);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${invitee}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Invitations not yet accepted' })).toContainText(invitee);
  await expect(form.getByLabel('Email address')).toHaveValue('');
  await expectNoAxeViolations(page, 'organisation detail after inviting');

  // The invitee, in their own browser, opens the link from the email.
  const inviteeContext = await browser.newContext();
  const inviteePage = await inviteeContext.newPage();
  await inviteePage.goto(`/dev/mailbox?to=${encodeURIComponent(invitee)}`);
  const email = inviteePage.getByRole('article').filter({ hasText: 'You have been invited to join' }).first();
  await expect(email).toBeVisible();
  await expectNoAxeViolations(inviteePage, 'development mailbox with an invitation');
  await email.getByRole('link', { name: /\/invitations\// }).click();
  await expect(inviteePage.getByRole('heading', { level: 1 })).toHaveText(/Join THE DENSHAM SURGERY/i);
  await expect(inviteePage.getByRole('main')).toContainText(invitee);
  await expect(inviteePage.getByRole('main')).toContainText('A81001');
  await expectNoAxeViolations(inviteePage, 'accept invitation');

  await inviteePage.getByLabel('Full name').fill('Nadia Newcombe');
  await inviteePage.getByLabel('Create a password').fill('short');
  await inviteePage.getByLabel('Confirm password').fill('short');
  await inviteePage.getByRole('button', { name: 'Accept invitation and sign in' }).click();
  await expect(inviteePage.getByRole('alert').getByRole('link', { name: 'Password must be at least 12 characters' })).toBeVisible();
  await expectNoAxeViolations(inviteePage, 'accept invitation with an error');

  await inviteePage.getByLabel('Create a password').fill('Nadia-new-password-2026');
  await inviteePage.getByLabel('Confirm password').fill('Nadia-new-password-2026');
  await inviteePage.getByRole('button', { name: 'Accept invitation and sign in' }).click();
  await expect(inviteePage).toHaveURL('/practice');
  await expect(inviteePage.getByRole('banner')).toContainText('Nadia Newcombe');
  await expect(inviteePage.getByRole('heading', { level: 1 })).toHaveText(/THE DENSHAM SURGERY/i);
  await expectNoAxeViolations(inviteePage, 'practice home of the new user');

  // The same link cannot be used twice.
  await inviteePage.goBack();
  await inviteePage.reload();
  await expect(inviteePage.getByRole('heading', { level: 1 })).toHaveText('This invitation cannot be used');
  await expectNoAxeViolations(inviteePage, 'used invitation');
  await inviteeContext.close();

  // The operator now sees the new member.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Users of this organisation' })).toContainText('Nadia Newcombe');
});

test('a user with two organisations switches between them from the header', async ({ page, playwright, baseURL }) => {
  // One account in a practice, then invited to a supplier too, accepted with its existing password.
  const user = await createUserByInvitation(playwright, baseURL!, { organisation: 'A81001', name: 'Sam Twohats' });
  const operator = await playwright.request.newContext({ baseURL });
  const session = await (await operator.post('/api/auth/sign-in', { data: { email: 'operator@demo.gpit.test', password: 'Demo-password-2026' } })).json();
  const invited = await operator.post('/api/organisations/10000/invitations', {
    headers: { 'X-CSRF-Token': session.csrfToken },
    data: { email: user.email, isAdmin: false },
  });
  expect(invited.status()).toBe(201);
  const link = await linkFromMailbox(operator, user.email, '/invitations/');
  await operator.dispose();

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole('heading', { name: 'Confirm it is you' })).toBeVisible();
  await expect(page.getByLabel('Full name')).toHaveCount(0);
  await expectNoAxeViolations(page, 'accept invitation with an existing account');
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Enter the password of your existing account' })).toBeVisible();
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page).toHaveURL('/vendor');

  const header = page.getByRole('banner');
  const switcher = header.getByLabel('Acting for');
  await expect(switcher).toBeVisible();
  await expectNoAxeViolations(page, 'vendor home with the organisation switcher');
  const practice = await switcher.locator('option', { hasText: /DENSHAM/i }).getAttribute('value');
  await switcher.selectOption(practice!);
  await header.getByRole('button', { name: 'Switch' }).click();
  await expect(page).toHaveURL('/practice');
  await expect(header).toContainText('Practice manager');
  await expect(header).toContainText('A81001');
  await expectNoAxeViolations(page, 'practice home after switching organisation');
});
