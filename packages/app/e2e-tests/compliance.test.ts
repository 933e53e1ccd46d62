import { expect, Page, test } from '@playwright/test';

/**
 * Four-eyes in the browser: alice requests an exemption for a planted defect, cannot
 * approve it herself, and bob, her teammate, can.
 */

async function signInAs(page: Page, user: string) {
  await page.goto('/');
  await page.evaluate(() => window.localStorage.clear());
  await page.goto('/');
  await page.getByText(`Sign in as ${user}`).click();
  await expect(
    page.getByRole('heading', { name: 'Acme Runway Corp Catalog' }),
  ).toBeVisible();
}

const COMPLIANCE_TAB = '/catalog/default/component/ghost-reporter/compliance';

test('an exemption needs a second person to approve it', async ({ page }) => {
  await signInAs(page, 'alice');
  await page.goto(COMPLIANCE_TAB);

  // The planted defect: ghost-reporter is owned by a team with no members.
  await page
    .getByRole('button', { name: /Re-evaluate now/ })
    .first()
    .click();
  const checks = page.getByRole('table', { name: 'compliance checks' });
  await expect(checks.getByText(/team-ghost has 0 members/)).toBeVisible();

  await checks
    .getByRole('button', {
      name: 'Request exemption from Owning team is staffed',
    })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel(/Reason/)
    .fill('Hiring two engineers for this team this month');
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await dialog.getByLabel(/Expires on/).fill(inTwoWeeks);
  await dialog.getByRole('button', { name: 'Request exemption' }).click();

  const exemptions = page.getByRole('table', { name: 'exemptions' });
  await expect(exemptions.getByText('Pending')).toBeVisible();

  // alice may not approve her own request.
  await exemptions.getByRole('button', { name: 'Approve' }).click();
  await expect(
    page.getByText(/cannot decide your own exemption/),
  ).toBeVisible();
  await expect(exemptions.getByText('Pending')).toBeVisible();

  // bob, her teammate, approves it; the check then counts as exempt.
  await signInAs(page, 'bob');
  await page.goto(COMPLIANCE_TAB);
  await page
    .getByRole('table', { name: 'exemptions' })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(
    page.getByRole('table', { name: 'exemptions' }).getByText('Approved'),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'compliance checks' })
      .getByText(/^Exempt until/),
  ).toBeVisible();
});
