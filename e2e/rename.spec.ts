import type { Page } from '@playwright/test';
import { expect, openLinkPlan, openPlan, test } from './fixtures.ts';

/** Console errors fail the test. */
function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('an organiser renames the plan inline; the other page and the start page show the new name', async ({ browser, server }) => {
  // A plan of its own: the demo plan's name is what the other spec files expect.
  const { organisePath, reviewPath } = await openLinkPlan(server, 'Winter ball');

  const alice = await (await browser.newContext()).newPage();
  const reviewer = await (await browser.newContext()).newPage();
  const errors = [alice, reviewer].map(watchConsole);
  await openPlan(alice, server, organisePath);
  await openPlan(reviewer, server, reviewPath);
  await expect(alice.getByTestId('plan-name')).toHaveText('Winter ball');
  await expect(reviewer.getByTestId('plan-name')).toHaveText('Winter ball');
  // Review links cannot rename.
  await expect(reviewer.getByTestId('rename-plan')).toHaveCount(0);

  // Keyboard only: the rename button opens the field; Escape cancels and gives focus back to the button.
  const rename = alice.getByRole('button', { name: 'Rename the plan “Winter ball”' });
  await rename.focus();
  await alice.keyboard.press('Enter');
  const field = alice.getByRole('textbox', { name: 'Plan name' });
  await expect(field).toBeFocused();
  await alice.keyboard.type('Never saved');
  await alice.keyboard.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(alice.getByTestId('plan-name')).toHaveText('Winter ball');
  await expect(alice.getByTestId('rename-plan')).toBeFocused();

  // An empty name is refused in place, with the reason, and nothing is sent.
  await alice.keyboard.press('Enter');
  await field.fill('   ');
  await field.press('Enter');
  await expect(alice.getByTestId('plan-name-error')).toHaveText('Names cannot be empty.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  // Enter saves; the reviewer's page follows live.
  await field.fill('  Summer party ');
  await field.press('Enter');
  await expect(alice.getByTestId('plan-name')).toHaveText('Summer party');
  await expect(reviewer.getByTestId('plan-name')).toHaveText('Summer party');
  await expect(alice.getByTestId('pending-count')).toHaveCount(0);

  // The timeline says who renamed it, from what to what.
  await alice.getByTestId('history-toggle').click();
  await expect(alice.getByTestId('timeline-entry').filter({ hasText: 'renamed the plan “Winter ball” to “Summer party”' })).toBeVisible();
  // Back before the rename, the header shows the name of then, as the board does; the browser tab keeps the live one.
  await expect(alice).toHaveTitle('Summer party — Seatfold');
  await alice.getByTestId('timeline-entry').filter({ hasText: 'set up the plan' }).locator('.tl-row__main').click();
  await expect(alice.getByTestId('past-bar')).toBeVisible();
  await expect(alice.getByTestId('plan-name')).toHaveText('Winter ball');
  await expect(alice).toHaveTitle('Summer party — Seatfold');
  await alice.getByTestId('back-to-live').click();
  await expect(alice.getByTestId('plan-name')).toHaveText('Summer party');

  // After a reload, the plan and both browsers' start pages carry the new name.
  await alice.reload();
  await expect(alice.getByTestId('connection-status')).toHaveText('Connected');
  await expect(alice.getByTestId('plan-name')).toHaveText('Summer party');
  for (const [page, path] of [
    [alice, organisePath],
    [reviewer, reviewPath],
  ] as const) {
    await page.goto(server.url);
    const entry = page.getByTestId('my-plan').filter({ has: page.locator(`a[href="${path}"]`) });
    await expect(entry).toContainText('Summer party');
    await expect(entry).not.toContainText('Winter ball');
  }
  expect(errors.flat()).toEqual([]);
});
