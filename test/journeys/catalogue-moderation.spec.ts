import { expect, expectNoAxeViolations, signInByApi, test, DEMO } from '../fixtures';
import type { Page } from '@playwright/test';

// One file, run in order: these journeys change the demo listings 10000-001 and 10000-002.
test.describe.configure({ mode: 'serial' });

async function switchTo(page: Page, role: 'vendor' | 'operator') {
  await page.context().clearCookies();
  await signInByApi(page.request, DEMO[role].email);
}

/** As the vendor: change an item's summary and submit the draft for publication. */
async function editSummaryAndSubmit(page: Page, itemId: string, summary: string) {
  await page.goto(`/vendor/items/${itemId}`);
  await expectNoAxeViolations(page, `vendor item ${itemId}`);
  await page.getByRole('link', { name: 'Summary and description' }).click();
  await expect(page).toHaveURL(`/vendor/items/${itemId}/summary`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summary and description');
  await expectNoAxeViolations(page, `summary section of ${itemId}`);
  await page.getByLabel('Summary', { exact: true }).fill(summary);
  await page.getByRole('button', { name: 'Save and return' }).click();

  await expect(page).toHaveURL(`/vendor/items/${itemId}?saved=summary`);
  await expect(page.getByRole('status')).toContainText('Summary and description: your changes have been saved to the draft');
  const inProgress = page.locator('dl').filter({ hasText: 'Changes in progress' }).first();
  await expect(inProgress).toContainText('Draft');
  await expectNoAxeViolations(page, `vendor item ${itemId} with a draft`);

  await page.getByRole('button', { name: 'Submit for publication' }).click();
  await expect(page.getByRole('status')).toContainText('Your changes have been submitted for publication');
  await expect(inProgress).toContainText('Submitted for publication');
  await expect(page.getByRole('button', { name: 'Withdraw submission' })).toBeVisible();
  await expectNoAxeViolations(page, `vendor item ${itemId} submitted`);
}

test('a vendor changes a live summary, the operator approves it, and buyers see the new summary', async ({ page }) => {
  const summary = `Clinical system for GP practices, changed by a journey ${Date.now().toString(36)}`;
  await switchTo(page, 'vendor');
  await page.goto('/vendor');
  await expectNoAxeViolations(page, 'vendor home');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue items' }).click();
  await expect(page).toHaveURL('/vendor/items');
  await expect(page.getByRole('table', { name: 'Your catalogue items' })).toContainText('Emis Web GP');
  await expectNoAxeViolations(page, 'vendor items');
  await editSummaryAndSubmit(page, '10000-001', summary);

  await switchTo(page, 'operator');
  await page.goto('/operator');
  await page.getByRole('link', { name: 'Moderation queue' }).click();
  await expect(page).toHaveURL('/operator/moderation');
  await expectNoAxeViolations(page, 'moderation queue');
  await page.getByRole('link', { name: /^Emis Web GP/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review Emis Web GP');
  const changes = page.getByRole('table', { name: 'Changes compared with the live listing' });
  const row = changes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Summary' }) });
  await expect(row).toContainText('Changed');
  await expect(row).toContainText(summary);
  await expectNoAxeViolations(page, 'moderation diff');
  await page.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(page).toHaveURL(/\/operator\/moderation\?decided=10000-001/);
  await expect(page.getByRole('status')).toContainText('10000-001 approved and published');

  await switchTo(page, 'vendor');
  await page.goto('/vendor/items/10000-001');
  await expect(page.locator('dl').filter({ hasText: 'Publication status' }).first()).toContainText('Published');
  await expect(page.locator('dl').filter({ hasText: 'Changes in progress' }).first()).toContainText('None');
  await expect(page.locator('#live-content')).toContainText(summary);
  await expect(page.getByRole('table', { name: 'Decisions on this item, newest first' })).toContainText('Approved and published');
  await expectNoAxeViolations(page, 'vendor item after approval');
});

test('the operator rejects a submission with a reason and the vendor sees it', async ({ page }) => {
  await switchTo(page, 'vendor');
  await page.goto('/vendor/items/10000-002/summary');
  await page.getByLabel('Summary', { exact: true }).fill('A summary the operator will reject');
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(page).toHaveURL('/vendor/items/10000-002?saved=summary');

  // This listing has no hosting type: submitting says so, with a link to the section.
  await page.getByRole('button', { name: 'Submit for publication' }).click();
  const problem = page.getByRole('alert');
  await expect(problem).toContainText('Your listing is not complete');
  await expectNoAxeViolations(page, 'submit refused: listing incomplete');
  await problem.getByRole('link', { name: /^Hosting types:/ }).click();
  await expect(page).toHaveURL('/vendor/items/10000-002/hosting-types');
  await expectNoAxeViolations(page, 'hosting types section');
  await page.getByLabel('Offered as public cloud').check();
  await page.locator('#hosting-PublicCloud-summary').fill('Hosted on Microsoft Azure in the UK.');
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(page).toHaveURL('/vendor/items/10000-002?saved=hosting-types');
  await page.getByRole('button', { name: 'Submit for publication' }).click();
  await expect(page.getByRole('status')).toContainText('Your changes have been submitted for publication');

  await switchTo(page, 'operator');
  await page.goto('/operator/moderation');
  await page.getByRole('link', { name: /^Anywhere Consult/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review Anywhere Consult');
  await page.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the reason for rejecting it');
  await expectNoAxeViolations(page, 'reject without a reason');
  const reason = 'The summary must say who the service is for.';
  await page.getByLabel('Reason for rejecting it').fill(reason);
  await page.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('status')).toContainText('10000-002 rejected');

  await switchTo(page, 'vendor');
  await page.goto('/vendor/items/10000-002');
  const decisions = page.getByRole('table', { name: 'Decisions on this item, newest first' });
  await expect(decisions.getByRole('row').nth(1)).toContainText('Rejected');
  await expect(decisions).toContainText(reason);
  await expect(page.getByRole('table', { name: 'Versions of this listing, newest first' })).toContainText(reason);
  await expectNoAxeViolations(page, 'vendor item after rejection');
});
