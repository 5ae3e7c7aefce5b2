import { defineConfig } from '@playwright/test';

// scripts/test.mjs picks a free port; 3100 when run some other way.
const PORTAL = `http://127.0.0.1:${process.env.E2E_PORTAL_PORT || 3100}`;

/**
 * Browser journeys against the built API and portal on a fresh database copy (test/serve-e2e.mjs).
 * Run with `npm run build && node scripts/test.mjs journeys`, which prepares the template database.
 */
export default defineConfig({
  testDir: './journeys',
  outputDir: '../test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  use: {
    baseURL: PORTAL,
    browserName: 'chromium',
    // The real Content-Security-Policy stays on: a violation would break the page, and the
    // fixtures fail any test that logs one. axe is injected through the DevTools protocol.
    bypassCSP: false,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node test/serve-e2e.mjs',
    cwd: '..',
    // Through the portal's proxy to the API's readiness check: both are up, and the database answers.
    url: `${PORTAL}/api/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
