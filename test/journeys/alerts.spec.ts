import type { APIRequestContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

// Suppliers whose items other journeys change or order; this journey lapses a solution of its own.
// Suppliers other journeys order from or rely on being accredited (register: 10030; switching: 10052).
const AVOID = new Set(['10000', '10004', '10035', '10030', '10052']);

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** As the practice, through the API: a completed contract for an accredited per-patient solution of another supplier. */
async function contractForSomeSolution(api: APIRequestContext): Promise<{ itemId: string; name: string; contractId: string }> {
  const session = await api.post('/api/auth/sign-in', { data: { email: DEMO.practice_manager.email, password: DEMO_PASSWORD } });
  expect(session.status()).toBe(200);
  const headers = { 'X-CSRF-Token': (await session.json()).csrfToken as string };
  const { items: suppliers } = (await (await api.get('/api/orders/supplier-options')).json()) as { items: { code: string }[] };
  const commencement = addDays(todayInLondon(), 7);
  for (const supplier of suppliers.filter((s) => !AVOID.has(s.code))) {
    const created = await api.post('/api/orders', { headers, data: { description: 'Alerts journey contract' } });
    expect(created.status()).toBe(201);
    const ref = (await created.json()).ref as string;
    await api.put(`/api/orders/${ref}/ordering-party`, { headers, data: { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' } } });
    expect((await api.put(`/api/orders/${ref}/supplier`, { headers, data: { supplierCode: supplier.code, contact: { name: 'Supplier', email: 'orders@supplier.test' } } })).status()).toBe(200);
    await api.put(`/api/orders/${ref}/term`, { headers, data: { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 } });
    const { items } = (await (await api.get(`/api/orders/${ref}/catalogue`)).json()) as {
      items: { id: string; name: string; type: string; orderable: boolean; accreditationStatus: string | null; prices: { id: string; quantityInput: string }[] }[];
    };
    const item = items.find((i) => i.type === 'solution' && i.orderable && i.accreditationStatus === 'accredited' && i.prices.some((p) => p.quantityInput === 'per_patient'));
    if (!item) {
      await api.delete(`/api/orders/${ref}`, { headers });
      continue;
    }
    const price = item.prices.find((p) => p.quantityInput === 'per_patient')!;
    expect((await api.post(`/api/orders/${ref}/items`, { headers, data: { itemId: item.id, priceId: price.id } })).status()).toBe(200);
    expect((await api.put(`/api/orders/${ref}/items/${item.id}/funding`, { headers, data: { fundingSource: 'local' } })).status()).toBe(200);
    const done = await api.post(`/api/orders/${ref}/complete`, { headers });
    expect(done.status(), await done.text()).toBe(200);
    return { itemId: item.id, name: item.name, contractId: (await done.json()).contract.id };
  }
  throw new Error('No accredited per-patient solution to order');
}

test('after the operator marks a contracted solution Lapsed, the buyer sees the alert in the header and on Notifications', async ({ page, browser, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const { itemId, name, contractId } = await contractForSomeSolution(api);
  await api.dispose();

  // The operator records a capability result that has expired: the solution is Lapsed.
  await signInByApi(page.request, DEMO.operator.email);
  await page.goto(`/operator/assessments/${itemId}`);
  await page.getByRole('link', { name: /^Record result for capability/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Record a result for capability/);
  await page.getByLabel('Result').selectOption('passed_full');
  await page.getByLabel('Assessor').fill('Journey Assessor (assurance team)');
  await page.getByLabel('Date assessed').fill(addDays(todayInLondon(), -1100));
  await page.getByLabel('Expiry date (optional)').fill(addDays(todayInLondon(), -5));
  await page.getByRole('button', { name: 'Save result' }).click();
  await expect(page.getByRole('status')).toContainText('Accreditation is now Lapsed');

  // The buyer, in a browser of their own.
  const buyer = await browser.newContext();
  const buyerPage = await buyer.newPage();
  await signInByApi(buyerPage.request, DEMO.practice_manager.email);
  await buyerPage.goto('/practice');
  const link = buyerPage.getByTestId('notifications-link');
  await expect(link).toContainText(/Notifications \d+ unread/);
  await expectNoAxeViolations(buyerPage, 'home with unread notifications');
  await link.click();
  await expect(buyerPage).toHaveURL('/notifications');
  await expect(buyerPage.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  const alert = buyerPage.getByRole('listitem').filter({ has: buyerPage.getByRole('heading', { name: `${name} is now Lapsed` }) });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('Unread');
  await expect(alert).toContainText('flagged in the contract register');
  await expectNoAxeViolations(buyerPage, 'notifications');

  // Mark it read; the link opens the contract.
  await alert.getByRole('button', { name: /^Mark as read/ }).click();
  await expect(alert).not.toContainText('Unread');
  await expect(alert.getByRole('link', { name: `${name} is now Lapsed` })).toHaveAttribute('href', `/contracts/${contractId}`);
  await alert.getByRole('link', { name: `${name} is now Lapsed` }).click();
  await expect(buyerPage).toHaveURL(`/contracts/${contractId}`);

  // Preferences: checkboxes per kind of alert, saved.
  await buyerPage.goto('/notifications/preferences');
  await expect(buyerPage.getByRole('heading', { level: 1 })).toHaveText('Choose which alerts you get');
  await expectNoAxeViolations(buyerPage, 'notification preferences');
  const endDates = buyerPage.getByRole('group', { name: 'Contract end dates' });
  await expect(endDates.getByLabel('Email me')).toBeChecked();
  await endDates.getByLabel('Email me').uncheck();
  await buyerPage.getByRole('button', { name: 'Save choices' }).click();
  await expect(buyerPage.getByRole('status')).toContainText('Your choices have been saved');
  await expect(buyerPage.getByRole('group', { name: 'Contract end dates' }).getByLabel('Email me')).not.toBeChecked();
  await expect(buyerPage.getByRole('group', { name: 'Contract end dates' }).getByLabel('Show in notifications')).toBeChecked();
  await expectNoAxeViolations(buyerPage, 'notification preferences saved');
  await buyerPage.getByRole('group', { name: 'Contract end dates' }).getByLabel('Email me').check();
  await buyerPage.getByRole('button', { name: 'Save choices' }).click();
  await expect(buyerPage.getByRole('status')).toContainText('Your choices have been saved');
  await buyer.close();

  // Put the result back (journeys share one database): a current result, so the solution is accredited again.
  await page.goto(`/operator/assessments/${itemId}`);
  await page.getByRole('link', { name: /^Record result for capability/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Record a result for capability/);
  await page.getByLabel('Result').selectOption('passed_full');
  await page.getByLabel('Assessor').fill('Journey Assessor (assurance team)');
  await page.getByLabel('Date assessed').fill(addDays(todayInLondon(), -1));
  await page.getByLabel('Expiry date (optional)').fill(addDays(todayInLondon(), 365));
  await page.getByRole('button', { name: 'Save result' }).click();
  await expect(page.getByRole('status')).toContainText('Accreditation is now Accredited');
});
