import { defineConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * End-to-end journeys in headless Chromium against a real backend that serves the built app
 * (`yarn workspace app build` first). The backend runs on its own port with an in-memory
 * database, so tests neither touch nor depend on the developer's portal and data.
 */
const E2E_PORT = 7017;
const config = (file: string) => `--config ${resolve(__dirname, file)}`;
const chromium: { executablePath: string; args: string[] } = JSON.parse(
  readFileSync(resolve(__dirname, 'scripts/chromium.json'), 'utf8'),
);

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  webServer: {
    command: `yarn workspace backend start ${config(
      'app-config.yaml',
    )} ${config('app-config.e2e.yaml')}`,
    url: `http://localhost:${E2E_PORT}/.backstage/health/v1/readiness`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
  },
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.RUNWAY_CHROMIUM ?? chromium.executablePath,
      args: chromium.args,
    },
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});
