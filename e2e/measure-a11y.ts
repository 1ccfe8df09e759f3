/**
 * Measures, not tests: axe-core's critical/serious counts on every page and the Tab presses from the board to the
 * History panel, printed per page (docs/accessibility.md). Run from apps/server (for tsx), after building the web app:
 *   node --import tsx ../../e2e/measure-a11y.ts        (ROOMS_ONLY=1 for the rooms view alone)
 */
import { chromium, type Page } from '@playwright/test';
import { launchOptions } from '../playwright.config.ts';
import { axeFindings, SeatfoldServer } from './fixtures.ts';

const server = new SeatfoldServer();
await server.start();
const browser = await chromium.launch(launchOptions);
const page: Page = await (await browser.newContext()).newPage();
const total = { critical: 0, serious: 0, pages: 0 };
async function check(label: string) {
  const t = Date.now();
  const { severe, other } = await axeFindings(page);
  for (const f of severe) total[f.impact as 'critical' | 'serious'] += f.nodes;
  total.pages++;
  console.log(
    `${label} [${((Date.now() - t) / 1000).toFixed(1)}s]: ${severe.map((f) => `${f.impact} ${f.id} ×${f.nodes} (${f.targets.slice(0, 2).join(' | ')})`).join('; ') || 'none'}${other.length ? ` || minor: ${other.map((f) => `${f.id} ×${f.nodes}`).join(', ')}` : ''}`,
  );
}
const step = async (label: string, fn: () => Promise<unknown>) => {
  try {
    await fn();
    await check(label);
  } catch (e) {
    console.log(`${label}: could not reach (${(e as Error).message.split('\n')[0]})`);
  }
};
const tid = (id: string) => page.getByTestId(id);
const { organisePath, reviewPath } = await server.demoLinks();
if (process.env.ROOMS_ONLY) {
  await page.goto(server.url + organisePath);
  await tid('connection-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 120_000 });
  await step('rooms view (organiser)', async () => {
    await tid('tab-rooms').click();
    await tid('rooms-list').click();
    await tid('physical-table').first().waitFor();
  });
  await step('rooms view with history open', async () => {
    await tid('history-toggle').click();
    await tid('timeline-entry').first().waitFor();
  });
  await browser.close();
  await server.stop();
  process.exit(0);
}
const live = () => tid('connection-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 120_000 });
await step('home', async () => {
  await page.goto(server.url);
  await tid('open-demo').waitFor();
});
await step('page not found', async () => {
  await page.goto(server.url + '/nowhere');
  await tid('not-found').waitFor();
});
await step('plan link error', async () => {
  await page.goto(server.url + '/p/not-a-real-token');
  await tid('plan-error').waitFor();
});
await step('board: tables (organiser)', async () => {
  await page.goto(server.url + organisePath);
  await live();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="table-card"]').length === 150, null, { timeout: 120_000 });
});
// Tab presses from the board's first tab into the History panel
{
  await page.goto(server.url + organisePath);
  await live();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="table-card"]').length === 150, null, { timeout: 120_000 });
  if (!(await tid('timeline').count())) await tid('history-toggle').click();
  await tid('timeline').waitFor();
  await tid('tab-tables').focus();
  let n = 0;
  for (n = 1; n <= 4000; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !!document.activeElement?.closest('[data-testid="timeline"]'))) break;
  }
  console.log(`Tab presses from the board to the History panel: ${n}`);
  await tid('history-toggle').click();
}
await step('share popover', async () => {
  await tid('share-button').click();
  await tid('review-link').waitFor();
});
await page.keyboard.press('Escape');
await step('rooms view', async () => {
  await tid('tab-rooms').click();
  await tid('rooms-list').click();
  await tid('physical-table').first().waitFor();
});
await step('imports & batches', async () => {
  await tid('tab-imports').click();
  await page.waitForTimeout(0);
  await tid('batch-list').waitFor();
});
await step('guest list: no match', async () => {
  await tid('tab-tables').click();
  await tid('guest-search').fill('zzzz-nobody');
  await tid('guest-list-empty').waitFor();
});
await tid('guest-search').fill('');
await step('add-guest dialog', async () => {
  await tid('open-add-guest').click();
  await page.locator('dialog[open]').waitFor();
});
await page.keyboard.press('Escape');
await step('edit-guest dialog', async () => {
  await tid('guest-row').first().dblclick();
  await page.locator('dialog[open]').waitFor();
});
await page.keyboard.press('Escape');
await step('add-tables dialog', async () => {
  await tid('open-add-tables').click();
  await page.locator('dialog[open]').waitFor();
});
await page.keyboard.press('Escape');
await step('venue dialog', async () => {
  await tid('open-venue').click();
  await page.locator('dialog[open]').waitFor();
});
await page.keyboard.press('Escape');
await step('history panel', async () => {
  await tid('history-toggle').click();
  await tid('timeline-entry').first().waitFor();
});
await step('past view', async () => {
  await tid('step-back').click();
  await tid('past-bar').waitFor();
});
await tid('back-to-live')
  .click()
  .catch(() => {});
await step('board: tables (review)', async () => {
  await page.goto(server.url + reviewPath);
  await live();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="table-card"]').length === 150, null, { timeout: 120_000 });
});
await step('rooms view (review)', async () => {
  await tid('tab-rooms').click();
  await tid('rooms-list').click();
  await tid('physical-table').first().waitFor();
});
await step('print: table lists', async () => {
  await page.goto(`${server.url}${organisePath}/print?what=tables`);
  await tid('print-table').first().waitFor();
});
await step('print: place cards', async () => {
  await page.goto(`${server.url}${organisePath}/print?what=cards`);
  await tid('place-card').first().waitFor();
});
await step('phone 390: seat picker', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.url + organisePath);
  await live();
  await page.getByTestId('guest-search').fill('a');
  await page.getByTestId('guest-row').first().click();
  await page.getByTestId('seat-picker').waitFor();
});
await page.setViewportSize({ width: 1280, height: 800 });
await step('empty plan', async () => {
  await page.goto(server.url);
  await tid('new-plan-name').fill('Empty');
  await tid('new-plan-owner').fill('Olivia Owner');
  await tid('create-plan').click();
  await tid('open-created-plan').click();
  await tid('empty-board').waitFor();
});
console.log(`TOTAL critical nodes ${total.critical}, serious nodes ${total.serious}, pages ${total.pages}`);
await browser.close();
await server.stop();
