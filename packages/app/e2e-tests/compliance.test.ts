import { expect, Page, test } from '@playwright/test';

/**
 * Four-eyes in the browser: alice requests an exemption for a planted defect, is not offered
 * to approve it herself (and the server refuses if she tries anyway), and bob, her
 * teammate, approves it.
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
const COMPLIANCE_API =
  '/api/compliance/entities/component/default/ghost-reporter';

/**
 * Opens the Compliance tab and returns the Authorization header the app itself sends to
 * the compliance backend: the signed-in user's session, for calls the UI no longer offers.
 */
async function openComplianceTab(page: Page): Promise<string> {
  const appRequest = page.waitForRequest(
    request =>
      request.method() === 'GET' &&
      new URL(request.url()).pathname === COMPLIANCE_API,
  );
  await page.goto(COMPLIANCE_TAB);
  const authorization = await (await appRequest).headerValue('authorization');
  expect(authorization).toMatch(/^Bearer /);
  return authorization!;
}

test('an exemption needs a second person to approve it', async ({ page }) => {
  await signInAs(page, 'alice');
  const alicesAuth = await openComplianceTab(page);

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

  // alice is not offered to decide her own request: it awaits someone else.
  const exemptions = page.getByRole('table', { name: 'exemptions' });
  await expect(exemptions.getByText('Pending')).toBeVisible();
  await expect(
    exemptions.getByText('Awaiting approval by someone else'),
  ).toBeVisible();
  await expect(exemptions.getByRole('button', { name: 'Approve' })).toHaveCount(
    0,
  );
  await expect(exemptions.getByRole('button', { name: 'Reject' })).toHaveCount(
    0,
  );

  // The server still refuses if she calls the API herself, with her session.
  const entity = await page.request.get(COMPLIANCE_API, {
    headers: { Authorization: alicesAuth },
  });
  expect(entity.status()).toBe(200);
  const pending = (
    (await entity.json()) as {
      exemptions: Array<{ id: string; status: string; requestedBy: string }>;
    }
  ).exemptions.find(exemption => exemption.status === 'pending');
  expect(pending?.requestedBy).toBe('user:default/alice');
  const selfApproval = await page.request.post(
    `/api/compliance/exemptions/${encodeURIComponent(pending!.id)}/decision`,
    {
      headers: { Authorization: alicesAuth },
      data: { decision: 'approve' },
    },
  );
  expect(selfApproval.status()).toBe(403);
  expect((await selfApproval.json()).error.message).toMatch(
    /cannot decide your own exemption/,
  );
  await page.reload();
  await expect(
    page.getByRole('table', { name: 'exemptions' }).getByText('Pending'),
  ).toBeVisible();

  // bob, her teammate, approves it; the check then counts as exempt.
  await signInAs(page, 'bob');
  await openComplianceTab(page);
  const bobsExemptions = page.getByRole('table', { name: 'exemptions' });
  const approve = bobsExemptions.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeEnabled();
  await expect(
    bobsExemptions.getByText('Awaiting approval by someone else'),
  ).toHaveCount(0);
  await approve.click();
  await expect(bobsExemptions.getByText('Approved')).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'compliance checks' })
      .getByText(/^Exempt until/),
  ).toBeVisible();
});

/**
 * Without a permission, an action stays on the page, does nothing, and says why, also to
 * someone who uses the keyboard. The demo allows everything, so the browser is given
 * the permission backend's answer for a person who may not re-evaluate.
 */
test('a person without a permission learns why by keyboard', async ({
  page,
}) => {
  await signInAs(page, 'alice');
  await page.route('**/api/permission/authorize', async route => {
    const { items } = route.request().postDataJSON() as {
      items: Array<{ id: string; permission: { name: string } }>;
    };
    await route.fulfill({
      json: {
        items: items.map(item => ({
          id: item.id,
          result:
            item.permission.name === 'compliance.evaluate' ? 'DENY' : 'ALLOW',
        })),
      },
    });
  });
  const evaluations: string[] = [];
  page.on('request', request => {
    if (request.method() === 'POST' && request.url().endsWith('/evaluate')) {
      evaluations.push(request.url());
    }
  });
  await openComplianceTab(page);

  const reEvaluate = page
    .getByRole('button', { name: /Re-evaluate now/ })
    .first();
  await expect(reEvaluate).toHaveAttribute('aria-disabled', 'true');
  const reason = 'You need the compliance.evaluate permission to';
  await expect(reEvaluate).toHaveAccessibleDescription(
    new RegExp(`^${reason}`),
  );

  // Tab through the page until the denied button has the focus: it is in the tab order.
  let focused = false;
  for (let presses = 0; presses < 80 && !focused; presses++) {
    await page.keyboard.press('Tab');
    focused = await reEvaluate.evaluate(
      button => button === document.activeElement,
    );
  }
  expect(focused).toBe(true);
  await expect(page.getByRole('tooltip')).toContainText(reason);

  // Enter and a click do nothing: no evaluation is asked for.
  await page.keyboard.press('Enter');
  // Playwright waits for aria-disabled buttons to become enabled before clicking: force it.
  await reEvaluate.click({ force: true });
  await page.waitForTimeout(500);
  expect(evaluations).toEqual([]);
});
