#!/usr/bin/env node
// What a platform team checks after installing Runway into its app, against the running app:
//   1. the backend starts (readiness);
//   2. GET /api/compliance/rollup answers, as the signed-in guest, and once the first
//      evaluation is done it reports the host app's own entities;
//   3. the deployments API answers: DORA for the organisation, and the audit chain intact;
//   4. the Compliance page opens in Chromium and shows the host's component that fails.
//   node check.mjs <base url> <the backend's log file>
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [baseUrl, backendLog] = process.argv.slice(2);
const DEADLINE_MS = 240_000;
const started = Date.now();
// A component of install-test/app/examples/org.yaml whose owner does not exist.
const FAILING_COMPONENT = 'orphaned-worker';

const CHROMIUM = JSON.parse(
  readFileSync(new URL('../chromium.json', import.meta.url), 'utf8'),
);

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function until(what, attempt) {
  let last;
  while (Date.now() - started < DEADLINE_MS) {
    try {
      const value = await attempt();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(1000);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

async function guestToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

// The backend runs under `backstage-cli package start`, which keeps waiting for a code
// change after a failed start: the failure is read from its log instead of waited out.
function startupFailure() {
  const log = readFileSync(backendLog, 'utf8');
  const failure = log.indexOf('Backend startup failed');
  return failure < 0 ? undefined : log.slice(failure, failure + 600);
}

await until('the backend to be ready', async () => {
  const failure = startupFailure();
  if (failure) {
    console.error(`the backend did not start: ${failure}`);
    process.exit(1);
  }
  const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
  return res.ok;
});
console.log(`ready after ${Math.round((Date.now() - started) / 1000)} s`);

const token = await until('a guest session', guestToken);
const rollup = await until('a rollup with the host app entities', async () => {
  const res = await fetch(`${baseUrl}/api/compliance/rollup`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok)
    throw new Error(
      `GET /api/compliance/rollup: ${res.status} ${await res.text()}`,
    );
  const body = await res.json();
  return body.worstOffenders?.some(o =>
    o.entityRef.endsWith(`/${FAILING_COMPONENT}`),
  )
    ? body
    : undefined;
});
console.log(
  `GET /api/compliance/rollup: ${rollup.entityCount} entities, ${rollup.compliantCount} compliant`,
);

async function getJson(path) {
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok)
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const dora = await getJson('/api/deployments/metrics/dora');
const audit = await getJson('/api/deployments/audit/verify');
if (audit.intact !== true) {
  throw new Error(
    `GET /api/deployments/audit/verify: ${JSON.stringify(audit)}`,
  );
}
console.log(
  `GET /api/deployments/metrics/dora: ${Object.keys(dora).join(
    ', ',
  )}; audit chain intact`,
);

const browser = await chromium.launch({
  executablePath: process.env.RUNWAY_CHROMIUM ?? CHROMIUM.executablePath,
  args: CHROMIUM.args,
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', error => errors.push(String(error)));
  await page.goto(`${baseUrl}/compliance`);
  // A new visitor signs in on the guest card first.
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 60_000 });
  await page
    .getByRole('heading', { name: 'Compliance' })
    .first()
    .waitFor({ timeout: 60_000 });
  await page
    .getByRole('table', { name: 'worst offenders' })
    .getByText(FAILING_COMPONENT)
    .first()
    .waitFor({ timeout: 60_000 });
  if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
  console.log(`the Compliance page shows ${FAILING_COMPONENT} in the browser`);
} finally {
  await browser.close();
}
