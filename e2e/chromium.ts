/**
 * Debian's Chromium (never a downloaded browser) and the switches every tool here launches it with: the e2e tests
 * (playwright.config.ts adds its own), the accessibility measure and the bench's page scenarios.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
