/**
 * The system's headless Chromium as the e2e tests (playwright.config.ts) and the benchmark (bench/browser.ts)
 * launch it: Debian's package, with the background work that would add noise or reach the network turned off.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
