import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './e2e/fixtures/chromium';
import { ENV_FILE_VARIABLE, READY_MARKER } from './e2e/fixtures/environment';

/*
 * End-to-end tests in Debian's Chromium (never `npx playwright install`: there is no browser CDN here).
 * scripts/e2e-server.ts starts the registries and Archway; e2e/fixtures reads what it started.
 */

// Set once in the runner; the web server and the workers inherit it, so all agree on one file per run.
process.env[ENV_FILE_VARIABLE] ??= path.join(__dirname, '.test-output', `e2e-environment-${process.pid}.json`);

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.test-output/playwright-artifacts',
  // Two cores shared with a registry and a Next server: one browser at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.test-output/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Every project, the secret scan included: its tests get the automatic page guard (fixtures/index.ts) too.
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /secret-scan\.spec\.ts/,
    },
    {
      // Last: reads what the whole run left in the server log and the audit database.
      name: 'secret-scan',
      testMatch: /secret-scan\.spec\.ts/,
      dependencies: ['chromium'],
    },
  ],
  webServer: {
    command: 'node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts',
    wait: { stdout: new RegExp(READY_MARKER) },
    // A cold `next build` on two busy cores can take minutes.
    timeout: 600_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: { [ENV_FILE_VARIABLE]: process.env[ENV_FILE_VARIABLE]!, NEXT_TELEMETRY_DISABLED: '1' },
  },
});
