import { DEMO, DEMO_PASSWORD, expect, expectNoAxeViolations, test, type Role } from '../fixtures';

const HOME_HEADINGS: Record<Role, RegExp> = {
  practice_manager: /THE DENSHAM SURGERY/i,
  commissioner: /North East and North Cumbria/i,
  vendor: /EMIS/i,
  operator: /Operator home/,
};

test.describe('signing in', () => {
  for (const role of Object.keys(DEMO) as Role[]) {
    test(`${role} signs in and lands on their home page`, async ({ page }) => {
      const account = DEMO[role];
      await page.goto('/');
      await expectNoAxeViolations(page, 'home (signed out)');
      await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
      await expect(page).toHaveURL('/sign-in');
      await expectNoAxeViolations(page, 'sign in');

      await page.getByLabel('Email address').fill(account.email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await expect(page).toHaveURL(account.home);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADINGS[role]);
      await expect(page.getByRole('banner')).toContainText(account.name);
      await expectNoAxeViolations(page, `${role} home`);
    });
  }

  test('the header shows the user, organisation and role, and signing out ends the session', async ({ page, login }) => {
    await login('practice_manager');
    await page.goto('/practice');
    const header = page.getByRole('banner');
    await expect(header).toContainText('Priya Patel');
    await expect(header).toContainText('Practice manager');
    await expect(header).toContainText('A81001');
    await expectNoAxeViolations(page, 'practice home');

    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/?signedOut=1');
    await expect(page.getByRole('status')).toContainText('You have signed out');
    await expectNoAxeViolations(page, 'home after signing out');

    // The session is gone: a signed-in page now asks to sign in, and comes back afterwards.
    await page.goto('/practice');
    await expect(page).toHaveURL('/sign-in?redirectTo=%2Fpractice');
    await expectNoAxeViolations(page, 'sign in, coming back to a page');
  });

  test('a wrong password shows the error summary, linked to the field', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(DEMO.vendor.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem');
    await expect(summary.getByRole('link', { name: 'Enter a correct email address and password' })).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(page.getByLabel('Email address')).toHaveValue(DEMO.vendor.email);
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page).toHaveTitle(/^Sign in/);
    await expectNoAxeViolations(page, 'sign in with an error');

    await summary.getByRole('link', { name: 'Enter a correct email address and password' }).click();
    await expect(page.getByLabel('Email address')).toBeFocused();
  });

  test('missing and badly formatted fields get their own messages', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: 'Enter your email address' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Enter your password' })).toBeVisible();
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(summary.getByRole('link', { name: /correct format/ })).toBeVisible();
    await expectNoAxeViolations(page, 'sign in with field errors');
  });

  test('sign in works with the keyboard alone', async ({ page }) => {
    await page.goto('/sign-in');
    // The first Tab reaches the skip link, which jumps to the main content.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Enter');
    const email = page.getByLabel('Email address');
    for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(email).toBeFocused();
    await page.keyboard.type(DEMO.commissioner.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/commissioner');
    await expectNoAxeViolations(page, 'commissioner home after keyboard sign in');
  });

  test('after signing in, the user goes back to the page they asked for, but never to another site', async ({ page }) => {
    await page.goto('/organisation');
    await expect(page).toHaveURL('/sign-in?redirectTo=%2Forganisation');
    await page.getByLabel('Email address').fill(DEMO.operator.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/organisation');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/assurance team/i);
    await expectNoAxeViolations(page, 'my organisation (operator)');

    await page.context().clearCookies();
    await page.goto('/sign-in?redirectTo=//evil.example/steal');
    await page.getByLabel('Email address').fill(DEMO.operator.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/operator');
    await expectNoAxeViolations(page, 'operator home');
  });

  test('works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Password').fill('wrong');
    await page.getByLabel('Email address').fill(DEMO.practice_manager.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter a correct email address and password');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/practice');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/?signedOut=1');
    await context.close();
  });

  test('a form posted without its CSRF token is refused', async ({ page }) => {
    await page.goto('/sign-in');
    const response = await page.request.post('/sign-in', {
      form: { email: DEMO.practice_manager.email, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });
});
