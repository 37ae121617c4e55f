import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test/support/chromium.ts';

const CI = !!process.env.CI;

/**
 * Two projects: `web` drives the real app in web mode with the system Chromium (the fixture in
 * test/e2e/fixtures.ts starts the host), `electron` drives the desktop build and skips itself when this machine
 * has no Electron executable.
 */
export default defineConfig({
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // 2 cores: one browser at a time on CI.
  workers: CI ? 1 : 2,
  timeout: 30_000,
  // A run that hangs fails in bounded time instead of holding CI until its limit.
  globalTimeout: CI ? 20 * 60_000 : 0,
  expect: { timeout: 10_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1280, height: 800 },
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
});
