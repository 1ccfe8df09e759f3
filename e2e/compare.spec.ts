import { expect, openLinkPlan, openPlan, test } from './fixtures.ts';
import { addGuests } from './plan-setup.ts';

test('Compare lists the plan renamed and its department setting, a room renamed and sized, a table placed on the floor and a rule added, each with who did it', async ({
  browser,
  server,
}) => {
  const { organisePath } = await openLinkPlan(server, 'Compare the venue');
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() => localStorage.setItem('seatfold:userName', 'Alice'));
  const page = await context.newPage();
  await openPlan(page, server, organisePath);

  // A room with one physical table, and two guests.
  await page.getByTestId('start-venue').click();
  const venue = page.getByTestId('venue-dialog');
  await venue.getByTestId('room-name').fill('Terrace');
  await venue.getByTestId('room-name').press('Enter');
  await expect(venue.getByTestId('venue-room')).toHaveCount(1);
  await venue.getByTestId('physical-room').selectOption({ label: 'Terrace' });
  await venue.getByTestId('physical-count').fill('1');
  await venue.getByTestId('physical-seats').fill('10');
  await venue.getByTestId('physical-pattern').fill('T-{01}');
  await venue.getByTestId('add-physical').click();
  await expect(venue.getByTestId('add-physical-form').getByTestId('setup-done')).toContainText('T-01');
  await page.keyboard.press('Escape');
  await expect(venue).toHaveCount(0);
  await addGuests(page, ['Kim Doe', 'Lee Park']);

  // Compare on the change on display compares the moment before it: it shows what the change did. Shown the moment
  // before, nothing differs, and the empty state does not pretend only guests and tables count.
  await page.getByTestId('history-toggle').click();
  const leePark = page.getByTestId('timeline-entry').filter({ hasText: 'added guest Lee Park' }).first();
  await leePark.getByTestId('compare-from').click();
  await expect(page.getByTestId('compare-lines').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('compare-lines')).toContainText('Lee Park');
  await page.getByTestId('timeline-tab-changes').click();
  await leePark.getByTestId('view-before').click();
  await page.getByTestId('timeline-tab-compare').click();
  await expect(page.getByTestId('compare')).toContainText('Nothing differs between these two moments.');
  await page.getByTestId('timeline-tab-changes').click();
  await page.getByTestId('timeline-live').click();

  // The room renamed, then sized on the floor plan; its table nudged from where the grid drew it; a rule.
  await page.getByTestId('open-venue').click();
  await venue.getByTestId('venue-room-name').fill('Sky Terrace');
  await venue.getByTestId('venue-room-rename').click();
  await expect(venue.getByTestId('venue-room')).toHaveAttribute('aria-label', 'Room Sky Terrace');
  await page.keyboard.press('Escape');
  await expect(venue).toHaveCount(0);
  await page.getByTestId('tab-rooms').click();
  await page.getByTestId('floor-room').filter({ hasText: 'Sky Terrace' }).click();
  await page.getByTestId('room-width').fill('20');
  await page.getByTestId('room-depth').fill('30');
  await page.getByTestId('room-size-save').click();
  await expect(page.getByTestId('floor-canvas')).toHaveAttribute('data-width-m', '20');
  await page.locator('[data-testid="floor-table"][data-label="T-01"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('floor-status')).toHaveText(/^Moved 1 table/);
  await page.getByTestId('guest-row').filter({ hasText: 'Kim Doe' }).dblclick();
  const dialog = page.getByTestId('guest-dialog');
  await dialog.getByRole('combobox', { name: 'Other guest' }).fill('Lee');
  await page.keyboard.press('Enter');
  await dialog.getByTestId('guest-rule-add').click();
  await expect(dialog.getByTestId('guest-rule-added')).toContainText('Rule added');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // The plan's own settings: its name, and how automatic seating treats departments.
  await page.getByTestId('rename-plan').click();
  await page.getByTestId('plan-name-input').fill('Garden party');
  await page.getByTestId('plan-name-input').press('Enter');
  await expect(page.getByTestId('plan-name')).toHaveText('Garden party');
  await page.getByTestId('open-autoseat').click();
  const autoseat = page.getByRole('dialog', { name: 'Seat automatically' });
  await autoseat.getByRole('combobox', { name: 'Departments' }).selectOption('group');
  await expect(autoseat.getByTestId('autoseat-departments')).toHaveValue('group');
  await page.keyboard.press('Escape');
  await expect(autoseat).toHaveCount(0);

  // Compare from the plan just after Lee Park was added (no longer on display) reads every change since, in the app's
  // words, with who made it; none is a button that leads nowhere.
  await page.getByTestId('timeline-tab-changes').click();
  await leePark.getByTestId('compare-from').click();
  const lines = page.getByTestId('compare-lines');
  await expect(lines.getByRole('listitem')).toHaveText([
    'Plan “Compare the venue” renamed “Garden party” — by Alice',
    'Automatic seating: ignore departments → group colleagues of one department — by Alice',
    'Room Terrace renamed Sky Terrace — by Alice',
    'Room Sky Terrace: size not set → 20 × 30 m — by Alice',
    'Table T-01 placed on the floor — by Alice',
    'Rule added: keep Kim Doe and Lee Park together (wish) — by Alice',
  ]);
  await expect(lines.getByRole('button')).toHaveCount(0);
});
