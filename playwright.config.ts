import { defineConfig } from '@playwright/test';

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
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
