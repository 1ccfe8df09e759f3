import { expect, openLinkPlan, openPlan, test } from './fixtures.ts';
import { dragAnnouncer, drawn } from './drag.ts';
import { addGuests, addTables, KIM_DOES } from './plan-setup.ts';

// A plan of its own, so the shared demo plan other spec files use is never touched.
test('two guests of one name: the one seated is the one announced, shown on the card, in the timeline and the undo notice', async ({
  page,
  server,
}) => {
  const { organisePath } = await openLinkPlan(server, 'Namesakes');
  await openPlan(page, server, organisePath);
  await addTables(page, 1, 1, 4);
  await addGuests(page, KIM_DOES);
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
