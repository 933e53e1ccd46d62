import { expect, Page, test } from '@playwright/test';

/**
 * The foundation's smoke journey: sign in as a demo user, browse the catalog, read a
 * component's TechDocs, and find a word from them with search.
 */

async function signInAs(page: Page, user: string) {
  await page.goto('/');
  await page.getByText(`Sign in as ${user}`).click();
  // The catalog is the landing page once signed in.
  await expect(
    page.getByRole('heading', { name: 'Acme Runway Corp Catalog' }),
  ).toBeVisible();
}

test('a demo user browses the catalog, reads TechDocs and searches them', async ({
  page,
}) => {
  await signInAs(page, 'alice');

  // The catalog (the landing page) lists the components alice's team owns.
  await page.getByRole('link', { name: 'Payments API', exact: true }).click();
  await expect(page).toHaveURL(/\/default\/component\/payments-api/);
  await expect(page.getByText('Authorises').first()).toBeVisible();

  // TechDocs are built locally with mkdocs on first view.
  await page.goto('/docs/default/component/payments-api/runbook/');
  await expect(
    page.getByRole('heading', {
      name: /Replaying stuck settlements with ledgerwatch/,
    }),
  ).toBeVisible({ timeout: 120_000 });

  // The TechDocs collator indexes the freshly published docs; search finds the page.
  await expect(async () => {
    await page.goto('/search?query=ledgerwatch');
    await expect(
      page.getByRole('link', { name: /Runbook/ }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
});

test('the signed-in user is the picked demo user', async ({
  page,
  request,
}) => {
  await signInAs(page, 'bob');
  await page.goto('/settings');
  await expect(page.getByText('Bob Teammate').first()).toBeVisible();

  // The catalog API answers for a signed-in user and refuses anonymous calls.
  const token = await page.evaluate(async () => {
    const res = await fetch('/api/auth/localUserPicker/refresh', {
      headers: { 'x-runway-local-user': 'bob' },
    });
    return (await res.json()).backstageIdentity.token as string;
  });
  const authorized = await request.get('/api/catalog/entities?limit=1', {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(authorized.status()).toBe(200);
  const anonymous = await request.get('/api/catalog/entities?limit=1');
  expect(anonymous.status()).toBe(401);
});
