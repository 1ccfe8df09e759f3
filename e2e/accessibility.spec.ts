import type { Page } from '@playwright/test';
import { demoPicks } from './demo.ts';
import { axeFindings, expect, openPlan, tableCard, test, type AxeFinding } from './fixtures.ts';

/**
 * axe-core on every page and panel a planner can reach, including those the other specs do not visit. Every page is
 * checked before any assertion fails, so one run lists all violations at once (and the counts in the report).
 */
test('every page has no critical or serious axe-core violation', async ({ page, server }) => {
  test.setTimeout(900_000); // axe-core on a board of 1,500 guests takes a while on a busy machine
  const found: { label: string; severe: AxeFinding[]; other: AxeFinding[] }[] = [];
  const check = async (label: string) => found.push({ label, ...(await axeFindings(page)) });
  const { organisePath, reviewPath } = await server.demoLinks();

  await page.goto(server.url);
  await expect(page.getByTestId('open-demo')).toBeVisible();
  await check('home');
  await page.goto(`${server.url}/nowhere`);
  await expect(page.getByTestId('not-found')).toBeVisible();
  await check('page not found');
  await page.goto(`${server.url}/p/not-a-real-token`);
  await expect(page.getByTestId('plan-error')).toBeVisible();
  await check('plan link error');

  await openPlan(page, server, organisePath);
  await expect(page.getByTestId('table-card')).toHaveCount(150);
  await check('demo board: tables (organiser)');
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('review-link')).toBeVisible();
  await check('share popover');
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-rooms').click();
  await expect(page.getByTestId('physical-table').first()).toBeVisible();
  await check('rooms view');
  await page.getByTestId('tab-imports').click();
  await check('imports & batches');
  await page.getByTestId('tab-tables').click();
  await page.getByTestId('filter-unseated').click();
  await check('guest list: unseated');
  await page.getByTestId('guest-search').fill('zzzz-nobody');
  await expect(page.getByTestId('guest-list-empty')).toBeVisible();
  await check('guest list: no match');
  await page.getByTestId('guest-search').fill('');
  await page.getByTestId('filter-all').click();

  await page.getByTestId('open-add-guest').click();
  await check('add-guest dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('guest-row').first().dblclick();
  await check('edit-guest dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-add-tables').click();
  await check('add-tables dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-venue').click();
  await check('venue dialog');
  await page.keyboard.press('Escape');
  const { roomy } = demoPicks();
  await tableCard(page, roomy[0].id).getByTestId('edit-table').click();
  await check('edit-table dialog');
  await page.keyboard.press('Escape');

  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('timeline-entry').first()).toBeVisible();
  await check('history panel: changes');
  await page.getByTestId('timeline-tab-compare').click();
  await check('history panel: compare');
  await page.getByTestId('timeline-tab-entity').click();
  await check('history panel: guest / table');
  await page.getByTestId('timeline-tab-changes').click();
  await page.getByTestId('timeline-entry').first().locator('.tl-row__main').click();
  await expect(page.getByTestId('past-bar')).toBeVisible();
  await check('past view');
  await page.getByTestId('back-to-live').click();

  await openPlan(page, server, reviewPath);
  await expect(page.getByTestId('table-card')).toHaveCount(150);
  await check('demo board: tables (review)');
  await page.getByTestId('tab-rooms').click();
  await check('rooms view (review)');

  await page.goto(`${server.url}${organisePath}/print?what=tables`);
  await expect(page.getByText('Ballroom').first()).toBeVisible();
  await check('print: table lists');
  await page.goto(`${server.url}${organisePath}/print?what=cards`);
  await expect(page.locator('body')).not.toBeEmpty();
  await check('print: place cards');

  await page.goto(server.url);
  await page.getByTestId('new-plan-name').fill('Empty party');
  await page.getByTestId('create-plan').click();
  await page.getByTestId('open-created-plan').click();
  await expect(page.getByTestId('empty-board')).toBeVisible();
  await check('empty plan: set-up start');

  const summary = found.map((f) => `${f.label}: ${f.severe.length ? f.severe.map((v) => `${v.impact} ${v.id} ×${v.nodes}`).join(', ') : 'none'}${f.other.length ? ` (minor: ${f.other.map((v) => `${v.id} ×${v.nodes}`).join(', ')})` : ''}`);
  test.info().annotations.push({ type: 'axe', description: summary.join('\n') });
  console.log(`axe-core, critical/serious per page:\n${summary.join('\n')}`);
  expect(found.filter((f) => f.severe.length > 0).map((f) => f.label)).toEqual([]);
});

/** Tab presses from the board's first tab to the first control inside the open History panel. */
async function tabsToHistory(page: Page): Promise<number> {
  await page.getByTestId('tab-tables').focus();
  for (let n = 1; n <= 4000; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !!document.activeElement?.closest('[data-testid="timeline"]'))) return n;
  }
  return Infinity;
}

test('the History panel is a few Tab presses from the board', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await expect(page.getByTestId('table-card')).toHaveCount(150);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  const presses = await tabsToHistory(page);
  console.log(`Tab presses from the board to the History panel: ${presses}`);
  expect(presses).toBeLessThan(60);
});
