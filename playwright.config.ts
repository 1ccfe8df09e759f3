import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium.ts';

/**
 * Debian's Chromium as the tests launch it. Since Chromium ~150 every window of a headless browser also loads the
 * omnibox popup and the reload button as WebUI pages, in a renderer process of their own, and Playwright opens a
 * window per test. Measured on three spec files, alternating (/proc/stat): 212–222 s of CPU and 111–116 s with those
 * renderers, 176 s and 94 s without. Chromium keeps only the last `--disable-features`, so this one repeats
 * Playwright's own list (playwright-core 1.65.1, chromiumSwitches) before adding the WebUI ones.
 */
export const launchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [
    ...CHROMIUM_ARGS,
    '--disable-features=' +
      [
        ...['AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable'],
        ...['LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect'],
        ...['OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch'],
        ...['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIReloadButton', 'PreloadTopChromeWebUI'],
      ].join(','),
  ],
};

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against a real Seatfold server that
// each test file starts itself (e2e/fixtures.ts), so tests can kill and restart it.
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  // Two files at a time, each worker with its own server (fixtures.ts) and Chromium: a file's tests spend much of
  // their time waiting on a page or a server, so two share the 2 cores well (the whole suite, quiet: 5.6 min with one
  // worker, 4.4 min with two, stop 43). The tests of one file still run in order.
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // Generous deadlines: on a busy 2-core machine a page is slow, not wrong. Speed is measured in `pnpm bench`.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
