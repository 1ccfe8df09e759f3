import { expect, openLinkPlan, openPlan, test } from './fixtures.ts';
import { dragAnnouncer, drawn } from './drag.ts';

// A plan of its own, so the shared demo plan other spec files use is never touched.
test('two guests of one name: the one seated is the one announced, shown on the card, in the timeline and the undo notice', async ({
  page,
  server,
}) => {
  const { organisePath } = await openLinkPlan(server, 'Namesakes');
  await openPlan(page, server, organisePath);
  await page.getByTestId('open-add-tables').click();
  const tables = page.getByTestId('tables-dialog');
  await tables.getByTestId('tables-from').fill('1');
  await tables.getByTestId('tables-to').fill('1');
  await tables.getByTestId('tables-seats').fill('4');
  await tables.getByTestId('tables-submit').click();
  await expect(tables).toHaveCount(0);
  await page.getByTestId('open-add-guest').click();
  const form = page.getByTestId('guest-dialog');
  for (const email of ['kim.doe@sales.example', 'kim.doe@it.example']) {
    await form.getByTestId('guest-name').fill('Kim Doe');
    await form.getByTestId('guest-email').fill(email);
    await form.getByTestId('guest-name').press('Enter');
    await expect(form.getByTestId('setup-done')).toContainText('Added Kim Doe');
  }
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await page.getByTestId('history-toggle').click(); // the timeline, and the undo notice that reads it
  await expect(page.getByTestId('timeline')).toBeVisible();

  // The guest list tells the two apart; the one from IT is picked up from the keyboard and dropped on table 1.
  const it = 'Kim Doe (kim.doe@it.example)';
  const rows = page.getByTestId('guest-row');
  await expect(rows.getByTestId('guest-name-detail')).toHaveText(['(kim.doe@sales.example)', '(kim.doe@it.example)'], { useInnerText: true });
  await rows.filter({ hasText: 'kim.doe@it.example' }).focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toHaveText(`Picked up guest ${it}.`);
  const card = page.getByTestId('table-card');
  for (let i = 0; i < 6 && (await card.getAttribute('data-over')) === null; i++) {
    await page.keyboard.press('Tab');
    await drawn(page);
  }
  await expect(card).toHaveAttribute('data-over', 'true');
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toHaveText(`Dropped guest ${it} on table “1”, 1 of 4 seats.`);
  // The chip shows the name; its tooltip and its name for screen readers tell which one.
  await expect(card.getByTestId('seated-guest').locator('.chip__name')).toHaveText('Kim Doe');
  await expect(card.getByTestId('seated-guest')).toHaveAttribute('title', new RegExp(`^${it.replace(/[().]/g, '\\$&')}`));
  await expect(card.getByRole('button', { name: it, exact: false })).toHaveAccessibleName(new RegExp(`^${it.replace(/[().]/g, '\\$&')}, at table 1`));

  await expect(page.getByTestId('timeline-entry').filter({ hasText: `seated ${it} at table 1` })).toHaveCount(1);
  await page.getByTestId('undo-button').click();
  await expect(card.getByTestId('seated-guest')).toHaveCount(0);
  await expect(page.getByTestId('history-toast')).toHaveText(`Undone: you seated ${it} at table 1.`);
});
