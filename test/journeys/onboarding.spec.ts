import { createHash } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO, expect, expectNoAxeViolations, linkFromMailbox, signInByApi, test, uniqueEmail } from '../fixtures';

// The demo round PCF2027 (open when the database is prepared) is this journey's: it forces the
// round on to standstill, so no other journey may rely on PCF2027 being open. Everything else it
// makes is new (a company with a unique name and email, its draft listing); demo data is only read.
const ROUND = { id: 'PCF2027', name: 'Primary Care Digital Services Framework 2027' };

// In order: the first tests need the round open; the main journey then closes it.
test.describe.configure({ mode: 'serial' });

async function switchTo(page: Page, email: string, password?: string) {
  await page.context().clearCookies();
  await signInByApi(page.request, email, password);
}

async function csrf(page: Page): Promise<string> {
  const session = await page.request.get('/api/auth/session');
  expect(session.ok()).toBeTruthy();
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

function taskStatus(page: Page, title: string) {
  return page.getByRole('list', { name: 'Application tasks' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

/** A confirmed supplier account made through the API (its own request context): email and password. */
async function registerByApi(playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } }, baseURL: string, company: string, companiesHouseNumber: string) {
  const email = uniqueEmail('supplier');
  const password = `Journey-password-${Math.random().toString(36).slice(2, 10)}`;
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    const registered = await anonymous.post('/api/onboarding/registrations', {
      data: { companyName: company, companiesHouseNumber, registeredAddress: { line1: '2 Mill Lane', town: 'York', postcode: 'YO1 7HH' }, contactName: 'Sam Lee', email, password },
    });
    expect(registered.status(), await registered.text()).toBe(202);
    const token = (await linkFromMailbox(anonymous, email, '/supplier-registration/confirm/')).split('/supplier-registration/confirm/')[1];
    const verified = await anonymous.post('/api/onboarding/registrations/verify', { data: { token } });
    expect(verified.status(), await verified.text()).toBe(200);
    return { email, password, code: ((await verified.json()) as { organisationCode: string }).organisationCode };
  } finally {
    await anonymous.dispose();
  }
}

test('without JavaScript a supplier applies and saves a declaration section, with field errors', async ({ browser, playwright, baseURL }) => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const supplier = await registerByApi(playwright, baseURL!, `Journey NoScript ${stamp} Ltd`, `NI${String(100_000 + Math.floor(Math.random() * 899_999))}`);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`/sign-in?redirectTo=${encodeURIComponent(`/vendor/frameworks/${ROUND.id}`)}`);
    await page.getByLabel('Email address').fill(supplier.email);
    await page.getByLabel('Password').fill(supplier.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`/vendor/frameworks/${ROUND.id}`);
    await page.getByRole('button', { name: 'Start your application' }).click();
    await expect(page.getByRole('status')).toContainText('Your application has been started');
    await page.getByRole('button', { name: 'Copy answers from your previous framework' }).click();
    await expect(page.getByRole('alert')).toContainText('You have no earlier framework application to copy from');
    await page.getByRole('link', { name: 'Insurance' }).click();
    await page.getByLabel('Employer’s liability cover (£)').fill('lots');
    await page.getByRole('button', { name: 'Save and return' }).click();
    await expect(page.getByRole('alert')).toContainText('Insurance cover');
    await expect(page.getByLabel('Employer’s liability cover (£)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Employer’s liability cover (£)')).toHaveValue('lots');
    await page.getByLabel('Employer’s liability cover (£)').fill('5,000,000');
    await page.getByLabel('Public liability cover (£)').fill('£5000000');
    await page.getByLabel('Professional indemnity cover (£)').fill('1000000.00');
    await page.getByRole('button', { name: 'Save and return' }).click();
    await expect(page.getByRole('status')).toContainText('Your answers have been saved');
    await expect(taskStatus(page, 'Insurance')).toContainText('Completed');
  } finally {
    await context.close();
  }
});

test('a new company registers, applies to an open round, is evaluated, signs and can publish on the framework', async ({ page }) => {
  test.setTimeout(300_000);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const company = `Journey Health ${stamp} Ltd`;
  const email = uniqueEmail('onboarding');
  const password = `Journey-password-${stamp}`;
  const companiesHouseNumber = String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8);

  // ---- registration (public) -----------------------------------------------------------------
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Register as a supplier' }).click();
  await expect(page).toHaveURL('/supplier-registration');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register your company as a supplier');
  await expectNoAxeViolations(page, 'supplier registration');
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Companies House number').fill('ZZ12');
  await page.getByLabel('Address line 1', { exact: true }).fill('1 Station Road');
  await page.getByLabel('Town or city').fill('Leeds');
  await page.getByLabel('Postcode').fill('LS1 4AP');
  await page.getByLabel('Full name').fill('Nia Walker');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Create a password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Companies House number in the correct format');
  await expect(page.getByLabel('Companies House number')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Company name')).toHaveValue(company);
  await expectNoAxeViolations(page, 'registration with a field error');
  await page.getByLabel('Companies House number').fill(companiesHouseNumber);
  await page.getByLabel('Create a password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  await expectNoAxeViolations(page, 'check your email');

  const link = await linkFromMailbox(page.request, email, '/supplier-registration/confirm/');
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your email address');
  await expectNoAxeViolations(page, 'confirm registration');
  await page.getByRole('button', { name: 'Confirm and create the account' }).click();
  await expect(page.getByRole('status')).toContainText('Your supplier account has been created');
  await expect(page.getByRole('status')).toContainText(company);
  await expectNoAxeViolations(page, 'registration confirmed');
  await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/vendor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(company);

  // ---- apply to the open round -----------------------------------------------------------------
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Framework applications' }).click();
  await expect(page).toHaveURL('/vendor/applications');
  await expectNoAxeViolations(page, 'vendor framework applications');
  await page.getByRole('link', { name: ROUND.name }).click();
  await expect(page).toHaveURL(`/vendor/frameworks/${ROUND.id}`);
  await expectNoAxeViolations(page, 'round as a supplier sees it');
  await page.getByRole('button', { name: 'Start your application' }).click();
  await expect(page).toHaveURL(/\/vendor\/applications\/[0-9a-f-]{36}\?notice=started$/);
  const applicationId = new URL(page.url()).pathname.split('/').pop()!;
  const applicationUrl = `/vendor/applications/${applicationId}`;
  await expect(taskStatus(page, 'Information security')).toContainText('Not started');
  await expectNoAxeViolations(page, 'application task list');

  // ---- the declaration, section by section -----------------------------------------------------
  await page.getByRole('link', { name: 'Information security' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information security');
  await expectNoAxeViolations(page, 'declaration section');
  await page.getByLabel('Standards met').check();
  await page.getByLabel('DSPT organisation code').fill('8JX12');
  const cyber = page.getByRole('group', { name: 'Cyber Essentials Plus certification' });
  await cyber.getByLabel('Yes').check();
  await cyber.getByLabel('Certificate number').fill('CEP-0042');
  await cyber.getByLabel('Expires on').fill('2027-11-30');
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(page).toHaveURL(`${applicationUrl}?notice=saved`);
  await expect(taskStatus(page, 'Information security')).toContainText('Completed');

  await page.getByRole('link', { name: 'Clinical safety' }).click();
  await page.getByRole('group', { name: /DCB0129/ }).getByLabel('Yes').check();
  const cso = page.getByRole('group', { name: 'Your clinical safety officer' });
  await cso.getByLabel('Name').fill('Dr Ana Silva');
  await cso.getByLabel('Professional registration').fill('GMC 7012345');
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(taskStatus(page, 'Clinical safety')).toContainText('Completed');

  // An invalid answer: a field error, what was typed kept, and nothing lost from earlier sections.
  await page.getByRole('link', { name: 'Hosting and accessibility' }).click();
  await page.getByLabel('UK only').check();
  await page.getByLabel('Accessibility statement').fill('not a web address');
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the address of your accessibility statement');
  await expect(page.getByLabel('Accessibility statement')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Accessibility statement')).toHaveValue('not a web address');
  await expect(page.getByLabel('UK only')).toBeChecked();
  await expectNoAxeViolations(page, 'declaration section with a field error');
  await page.goto(applicationUrl);
  await expect(taskStatus(page, 'Information security')).toContainText('Completed');
  await expect(taskStatus(page, 'Clinical safety')).toContainText('Completed');
  await expect(taskStatus(page, 'Hosting and accessibility')).toContainText('Not started');
  await page.getByRole('link', { name: 'Hosting and accessibility' }).click();
  await page.getByLabel('UK only').check();
  await page.getByLabel('Accessibility statement').fill(`https://journey-${stamp}.example/accessibility`);
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(taskStatus(page, 'Hosting and accessibility')).toContainText('Completed');

  // Professional indemnity below £1m: a pass-fail question this answer fails.
  await page.getByRole('link', { name: 'Insurance' }).click();
  await page.getByLabel('Employer’s liability cover (£)').fill('5,000,000');
  await page.getByLabel('Public liability cover (£)').fill('5,000,000');
  await page.getByLabel('Professional indemnity cover (£)').fill('500,000');
  await page.getByLabel('Number of employees').fill('12');
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(taskStatus(page, 'Insurance')).toContainText('Completed');

  // Not submittable without a proposed solution: the page says what is missing.
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('alert')).toContainText('Propose at least one solution');
  await expect(page.getByRole('status')).toHaveCount(0); // not the earlier "saved" notice beside the error
  await expectNoAxeViolations(page, 'application that cannot be submitted yet');

  // ---- a proposed solution: a new draft listing -------------------------------------------------
  await page.getByRole('link', { name: 'Proposed solutions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Proposed solutions');
  await expectNoAxeViolations(page, 'proposed solutions');
  await page.getByRole('link', { name: 'Create a new solution listing' }).click();
  await expect(page).toHaveURL('/vendor/items');
  const solutionName = `Journey Consult ${stamp}`;
  await page.getByLabel('Type of item').selectOption('solution');
  await page.getByLabel('Name', { exact: true }).fill(solutionName);
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page).toHaveURL(/\/vendor\/items\/\d{5}-001/);
  const itemId = new URL(page.url()).pathname.split('/').pop()!;
  // The listing's content through the catalogue API (the vendor pages for each section are covered
  // by the catalogue journeys): Online Consultation (capability 43) and the round among its frameworks.
  const capabilities = (await (await page.request.get('/api/capabilities?pageSize=100')).json()) as { items: { id: number; ref: string }[] };
  const ref = capabilities.items.find((c) => c.id === 43)!.ref;
  const capability = (await (await page.request.get(`/api/capabilities/${ref}`)).json()) as { epics: { must: { id: string }[] } };
  const saved = await page.request.put(`/api/vendor/items/${itemId}/draft`, {
    headers: { 'X-CSRF-Token': await csrf(page) },
    data: {
      name: solutionName,
      summary: 'Online consultation for patients.',
      description: 'Patients describe their problem online and the practice triages it.',
      capabilityIds: [43],
      epicIds: capability.epics.must.map((e) => e.id),
      frameworkIds: [ROUND.id],
      applicationTypes: [{ key: 'browser-based', details: {} }],
      hostingTypes: [{ key: 'PublicCloud', summary: 'Azure UK South', requiresHscn: false }],
      serviceLevels: { availability: '99.9%', supportHours: '08:00-18:30', responseTimes: 'P1 1 hour' },
      dataProcessing: { dataLocation: 'UK only', processingSummary: 'Consultation requests.', subProcessors: [] },
      prices: [{ id: 'p1', provisioningType: 'per_patient', priceType: 'flat', calculationType: 'single_fixed', quantityBasis: 'per_service_recipient', billingPeriod: 'year', unit: 'per patient', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 9000 }] }],
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);

  await page.goto(`${applicationUrl}/solutions`);
  await page.getByLabel(`${solutionName} (${itemId})`).check();
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(page).toHaveURL(`${applicationUrl}?notice=solutions`);
  await expect(taskStatus(page, 'Proposed solutions')).toContainText('Completed');

  // A clarification question, private until answered.
  await page.getByRole('link', { name: 'Clarification questions' }).click();
  await expectNoAxeViolations(page, 'clarification questions');
  await page.getByLabel('Your question').fill(`Journey ${stamp}: does Cyber Essentials Plus need to cover our hosting provider?`);
  await page.getByRole('button', { name: 'Send question' }).click();
  await expect(page.getByRole('status')).toContainText('Your question has been sent');

  await page.goto(applicationUrl);
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('status')).toContainText('Your application has been submitted');
  await expect(page.getByText('You have submitted your application: it can no longer be changed.')).toBeVisible();
  await expectNoAxeViolations(page, 'submitted application');

  // ---- another supplier cannot see it ----------------------------------------------------------
  await switchTo(page, DEMO.vendor.email);
  const foreign = await page.goto(applicationUrl);
  expect(foreign?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');

  // ---- the operator closes the round, reviews and publishes results -----------------------------
  await switchTo(page, DEMO.operator.email);
  await page.goto('/operator');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Framework rounds' }).click();
  await expect(page).toHaveURL('/operator/frameworks');
  await expectNoAxeViolations(page, 'operator framework rounds');
  await page.getByRole('link', { name: ROUND.name }).click();
  await expect(page).toHaveURL(`/operator/frameworks/${ROUND.id}`);
  await expectNoAxeViolations(page, 'operator round');
  const question = page.locator('.card').filter({ hasText: `Journey ${stamp}` });
  await question.getByLabel('Question as published').fill('Does Cyber Essentials Plus need to cover a supplier’s hosting provider?');
  await question.getByLabel('Answer').fill('No: it covers the organisation providing the service.');
  await question.getByRole('button', { name: 'Publish the answer to every applicant' }).click();
  await expect(page.getByRole('status')).toContainText('The answer has been published');

  await page.getByLabel('Move to').selectOption('pending');
  await page.getByLabel('Reason').fill('Closing early for the journey');
  await page.getByRole('button', { name: 'Move the round' }).click();
  await expect(page.getByRole('status')).toContainText('The round has moved on');
  await expect(page.locator('dl').first()).toContainText('Closed: evaluating');
  const csv = await page.request.get(`/api/onboarding/frameworks/${ROUND.id}/applications.csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(company);

  await page.getByRole('link', { name: company }).click();
  await expect(page).toHaveURL(`/operator/applications/${applicationId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Application from ${company}`);
  await expectNoAxeViolations(page, 'operator application review');
  const marks = page.getByRole('table', { name: 'Answers with their automatic marks and reviews' });
  await expect(marks.locator('tr[data-question="insurance"]')).toContainText('Fail');
  for (const [questionId, reason] of [
    ['clinicalSafetyOfficer', 'GMC registered, DCB0129 trained'],
    ['accessibilityStatementUrl', 'Statement published and WCAG 2.2 AA'],
  ]) {
    const row = marks.locator(`tr[data-question="${questionId}"]`);
    await row.getByLabel('Pass').check();
    await row.getByRole('textbox').fill(reason);
    await row.getByRole('button', { name: 'Save review' }).click();
    await expect(page.getByRole('status')).toContainText('Your review has been saved');
  }
  await page.getByRole('link', { name: 'Back to the round' }).click();
  await page.getByLabel('Move to').selectOption('standstill');
  await page.getByLabel('Reason').fill('Evaluation complete');
  await page.getByRole('button', { name: 'Move the round' }).click();
  await expect(page.getByRole('status')).toContainText('The round has moved on');
  await expect(page.locator('dl').first()).toContainText('Standstill');

  await page.goto('/operator/suppliers');
  await expect(page.getByRole('table', { name: 'Suppliers' })).toContainText(company);
  await expectNoAxeViolations(page, 'operator suppliers');

  // ---- the supplier sees its result and signs ------------------------------------------------------
  await switchTo(page, email, password);
  await page.goto(applicationUrl);
  await expect(page.getByRole('heading', { name: 'Result' })).toBeVisible();
  await expect(page.getByText('Your application was successful')).toBeVisible();
  await expect(page.getByTestId('result-reasons')).toContainText('Condition: Insurance cover');
  await expect(page.getByRole('table', { name: 'Each answer’s mark' }).locator('tr[data-question="insurance"]')).toContainText('Fail');
  // Money is stored in pence and shown in pounds, by the labels the declaration gives.
  await expect(page.getByRole('table', { name: 'Each answer’s mark' }).locator('tr[data-question="insurance"]')).toContainText('Professional indemnity cover (£): £500,000');
  await expectNoAxeViolations(page, 'application result');

  // Declarations are read-only after the round closes.
  await page.goto(`${applicationUrl}/sections/insurance`);
  await expect(page.getByTestId('read-only')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save and return' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'read-only declaration section');

  await page.goto(`${applicationUrl}/clarifications`);
  await expect(page.getByText('Does Cyber Essentials Plus need to cover a supplier’s hosting provider?')).toBeVisible();

  await page.goto(applicationUrl);
  await page.getByRole('link', { name: 'Sign the framework agreement' }).click();
  await expect(page).toHaveURL(`${applicationUrl}/agreement`);
  await expectNoAxeViolations(page, 'sign the agreement');
  const agreementText = (await page.getByTestId('agreement-text').textContent()) ?? '';
  const hash = createHash('sha256').update(agreementText, 'utf8').digest('hex');
  await expect(page.getByTestId('agreement-hash')).toHaveText(hash);
  await page.getByLabel('Full name of the signer').fill('Nia Walker');
  await page.getByLabel('Role of the signer').fill('Managing Director');
  await page.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(page.getByRole('status')).toContainText('You have signed the framework agreement');
  await expect(page.getByTestId('signed-hash')).toHaveText(hash);
  await expect(page.getByText('Not yet: waiting for the assurance team')).toBeVisible();
  await expectNoAxeViolations(page, 'signed agreement');

  // Not on the framework until countersigned: the listing cannot be submitted yet.
  await page.goto(`/vendor/items/${itemId}`);
  await page.getByRole('button', { name: 'Submit for publication' }).click();
  await expect(page.getByRole('alert')).toContainText(ROUND.id);

  // ---- the operator countersigns; the listing can then be submitted --------------------------------
  await switchTo(page, DEMO.operator.email);
  await page.goto(`/operator/applications/${applicationId}`);
  await page.getByRole('button', { name: 'Countersign the agreement' }).click();
  await expect(page.getByRole('status')).toContainText('The agreement has been countersigned');
  await expectNoAxeViolations(page, 'countersigned agreement');

  await switchTo(page, email, password);
  await page.goto(applicationUrl);
  await expect(page.getByText('You are on this framework')).toBeVisible();
  await page.goto(`/vendor/items/${itemId}`);
  await page.getByRole('button', { name: 'Submit for publication' }).click();
  await expect(page.getByRole('status')).toContainText('Your changes have been submitted for publication');
});

test('framework rounds are public and registration asks for every field', async ({ page }) => {
  await page.context().clearCookies();
  await page.goto('/framework-rounds');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Framework rounds');
  await expectNoAxeViolations(page, 'public framework rounds');
  await page.getByRole('link', { name: ROUND.name }).click();
  await expect(page).toHaveURL(`/framework-rounds/${ROUND.id}`);
  await expect(page.locator('dl').first()).toContainText('Maximum term of call-off contracts');
  await expectNoAxeViolations(page, 'public round page');

  await page.goto('/supplier-registration');
  await page.getByRole('main').getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the company name');
  await expect(page.getByLabel('Company name')).toHaveAttribute('aria-invalid', 'true');
});

test('the operator creates a round, and merges a duplicate registration and suspends a supplier', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

  // ---- a new round, its dates checked field by field ------------------------------------------------
  await switchTo(page, DEMO.operator.email);
  await page.goto('/operator/frameworks');
  await page.getByRole('link', { name: 'Create a framework round' }).click();
  await expect(page).toHaveURL('/operator/frameworks/new');
  await expectNoAxeViolations(page, 'create a framework round');
  const id = `J${stamp.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 16);
  const name = `Journey Framework ${stamp}`;
  await page.getByLabel('Framework id').fill(id);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Short name').fill(`Journey ${stamp}`);
  await page.getByLabel('Opens for applications').fill('2030-02-04');
  await page.getByLabel('Closes').fill('2030-01-07');
  await page.getByLabel('Results out (standstill)').fill('2030-03-04');
  await page.getByLabel('Live', { exact: true }).fill('2030-03-18');
  await page.getByLabel('Expires').fill('2034-03-18');
  await page.getByRole('checkbox', { name: /Online Consultation/ }).first().check();
  await page.getByRole('button', { name: 'Create the round' }).click();
  await expect(page.getByRole('alert')).toContainText('The round must close after it opens');
  await expect(page.getByLabel('Closes')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Framework id')).toHaveValue(id);
  await expectNoAxeViolations(page, 'create a round with a field error');
  await page.getByLabel('Opens for applications').fill('2030-01-07');
  await page.getByLabel('Closes').fill('2030-02-04');
  await page.getByRole('button', { name: 'Create the round' }).click();
  await expect(page).toHaveURL(`/operator/frameworks/${id}?notice=created`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('dl').first()).toContainText('Coming');
  await expectNoAxeViolations(page, 'new round');

  // A supplier registers interest in the coming round (emailed when it opens).
  await switchTo(page, DEMO.vendor.email);
  await page.goto(`/framework-rounds/${id}`);
  await page.getByRole('link', { name: 'Register interest' }).click();
  await expect(page).toHaveURL(`/vendor/frameworks/${id}`);
  await page.getByRole('button', { name: 'Register interest' }).click();
  await expect(page.getByRole('status')).toContainText('Your interest was registered');
  await expectNoAxeViolations(page, 'interest registered');
  await switchTo(page, DEMO.operator.email);

  // ---- two registrations with one Companies House number: merge one into the other ------------------
  const companiesHouseNumber = `SC${String(100_000 + Math.floor(Math.random() * 899_999))}`;
  const codes: string[] = [];
  for (const n of [1, 2]) codes.push((await registerByApi(playwright, baseURL!, `Journey Duplicate ${stamp} ${n}`, companiesHouseNumber)).code);
  const [keep, duplicate] = codes;
  await page.goto('/operator');
  await page.getByRole('link', { name: 'Supplier registrations' }).click();
  await expect(page).toHaveURL('/operator/suppliers');
  const table = page.getByRole('table', { name: 'Suppliers' });
  await expect(table.getByRole('row').filter({ hasText: `Journey Duplicate ${stamp} 2` })).toContainText(keep);
  await page.getByRole('link', { name: `Suspend or merge Journey Duplicate ${stamp} 2` }).click();
  await expect(page.getByLabel('Code of the supplier to keep')).toHaveValue(keep);
  await expectNoAxeViolations(page, 'suspend or merge a supplier');
  await page.getByRole('button', { name: `Merge ${duplicate}` }).click();
  await expect(page.getByRole('alert')).toContainText('Give a reason');
  await page.getByLabel('Reason for merging').fill('Registered twice by different staff');
  await page.getByRole('button', { name: `Merge ${duplicate}` }).click();
  await expect(page.getByRole('status')).toContainText(`Supplier ${duplicate} has been merged into ${keep}`);
  await expect(table.getByRole('row').filter({ hasText: `Journey Duplicate ${stamp} 2` })).toContainText(`Merged into ${keep}`);

  await page.getByRole('link', { name: `Suspend or merge Journey Duplicate ${stamp} 1` }).click();
  await page.getByLabel('Reason for suspending').fill('Journey: suspended to check the page');
  await page.getByRole('button', { name: `Suspend ${keep}` }).click();
  await expect(page.getByRole('status')).toContainText(`Supplier ${keep} has been suspended`);
  await expect(table.getByRole('row').filter({ hasText: `Journey Duplicate ${stamp} 1` })).toContainText('Suspended');
});
