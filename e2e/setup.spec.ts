import type { Browser, Locator, Page } from '@playwright/test';
import { expect, expectAccessible, openLinkPlan, openPlan, test, type SeatfoldServer } from './fixtures.ts';
import { addGuests, addRoomWithTables, addTables, createOwnPlan, named } from './plan-setup.ts';
import { drawn } from './drag.ts';

const card = (page: Page, name: string) => page.getByRole('article', { name: new RegExp(`^(Table )?${name},`) });
const row = (page: Page, name: string) => page.getByTestId('guest-row').filter({ hasText: name });
const physical = (page: Page, label: string) =>
  page.getByTestId('physical-table').filter({ has: page.locator('.physical-table__label', { hasText: new RegExp(`^${label}$`) }) });

test('a planner builds an event from nothing', async ({ page, browser, server }) => {
  // Create a plan from the home page and open it.
  await createOwnPlan(page, server.url, 'Summer party');
  const link = new URL(page.url());
  // A new plan opens to its members only: its owner lets anyone with the organiser link organise, so Bob may join.
  const open = await page.request.put(`${server.url}/api/plans/${link.pathname.split('/')[2]}/open-links`, {
    data: { organise: true, review: false },
  });
  expect(open.ok()).toBe(true);

  // A second organiser opens the same link and watches.
  const bob = await (await browser.newContext()).newPage();
  await openPlan(bob, server, link.pathname + link.search + link.hash);

  // The empty board says what to do first.
  await expect(page.getByTestId('empty-board')).toContainText('Set up your event');
  await expectAccessible(page, 'empty plan');

  // Two rooms.
  await page.getByTestId('start-venue').click();
  const venue = page.getByTestId('venue-dialog');
  await venue.getByTestId('room-name').fill('Ballroom');
  await venue.getByTestId('room-name').press('Enter');
  await expect(venue.getByTestId('venue-room')).toHaveCount(1);
  // A size may come with the room, both sides or neither, checked as the Rooms tab checks a size.
  await venue.getByTestId('room-name').fill('Garden');
  await venue.getByTestId('new-room-width').fill('30');
  await venue.getByTestId('add-room').click();
  await expect(venue.locator('#new-room-depth-error')).toHaveText('Enter the depth too, or leave the width empty as well.');
  await expect(venue.getByTestId('new-room-depth')).toBeFocused();
  await venue.getByTestId('new-room-depth').fill('0.5');
  await venue.getByTestId('add-room').click();
  await expect(venue.locator('#new-room-depth-error')).toContainText('The depth is 0.5 m:');
  await expect(venue.getByTestId('venue-room')).toHaveCount(1);
  await venue.getByTestId('new-room-depth').fill('20');
  await venue.getByTestId('add-room').click();
  await expect(venue.getByTestId('venue-room')).toHaveCount(2);
  await expect(venue.getByTestId('add-room-form').getByTestId('setup-done')).toHaveText('Added room Garden, 30 × 20 m.');
  await expect(venue.getByTestId('new-room-width')).toHaveValue('');

  // No name (blanks only): said in the form's words, and the field to type in has the focus.
  await venue.getByTestId('room-name').fill('   ');
  await venue.getByTestId('add-room').click();
  await expect(venue.locator('#room-name-error')).toHaveText('Give the room a name, such as Ballroom.');
  await expect(venue.getByTestId('room-name')).toBeFocused();
  // A second room of one name is refused in place (case aside); the earlier success no longer shows beside it, and
  // typing again clears the refusal.
  await venue.getByTestId('room-name').fill('garden');
  await venue.getByTestId('add-room').click();
  await expect(venue.getByText('There is a room “Garden” already: give this one another name.')).toBeVisible();
  await expect(venue.getByTestId('add-room-form').getByTestId('setup-done')).toHaveText('');
  await venue.getByTestId('room-name').fill('Terrace');
  await expect(venue.getByText('There is a room “Garden” already: give this one another name.')).toHaveCount(0);
  await venue.getByTestId('room-name').fill('');

  // 12 physical tables in two bulk actions.
  await venue.getByTestId('physical-room').selectOption({ label: 'Ballroom' });
  await venue.getByTestId('physical-count').fill('8');
  await venue.getByTestId('physical-seats').fill('10');
  await venue.getByTestId('physical-pattern').fill('B-{01}');
  await venue.getByTestId('add-physical').click();
  await expect(venue.getByTestId('add-physical-form').getByTestId('setup-done')).toContainText('Added 8 physical tables to Ballroom: B-01–B-08');
  // The labels follow the room's own and continue after them (B-09), and the preview says so.
  await expect(venue.getByTestId('physical-pattern')).toHaveValue('B-{01}');
  await expect(venue.getByTestId('physical-from')).toHaveValue('9');
  await expect(venue.getByTestId('physical-preview')).toHaveText(
    'Creates 8 physical tables in Ballroom: B-09, B-10, B-11, B-12, …, B-16 — all at once, or none if anything is refused.',
  );
  // A first number whose labels exist is flagged before anything is sent, with the way out.
  await venue.getByTestId('physical-from').fill('7');
  await expect(venue.getByTestId('physical-preview-taken')).toHaveText('B-07, B-08 exist already. Start at B-09');
  await venue.getByTestId('physical-preview-start-at').click();
  await expect(venue.getByTestId('physical-from')).toHaveValue('9');
  await expect(venue.getByTestId('physical-preview-taken')).toHaveCount(0);
  await venue.getByTestId('physical-room').selectOption({ label: 'Garden' });
  // A room without tables yet is offered the general pattern, from its first free number.
  await expect(venue.getByTestId('physical-pattern')).toHaveValue('T-{01}');
  await venue.getByTestId('physical-count').fill('4');
  await venue.getByTestId('physical-seats').fill('8');
  await venue.getByTestId('physical-pattern').fill('G-{01}');
  // Another pattern starts at its own first free number, not after B-08.
  await expect(venue.getByTestId('physical-from')).toHaveValue('1');
  await expect(venue.getByTestId('physical-preview')).toContainText('Creates 4 physical tables in Garden: G-01, G-02, G-03, G-04 —');
  // A first number below 0 is refused under its own field.
  await venue.getByTestId('physical-from').fill('-3');
  await venue.getByTestId('add-physical').click();
  await expect(venue.locator('#physical-from-error')).toHaveText('The first number is a whole number, 0 or more: enter one such as 1.');
  await venue.getByTestId('physical-from').fill('1');
  await venue.getByTestId('add-physical').click();
  await expect(venue.getByTestId('venue-physical')).toHaveCount(12);
  // A row's seats changed and Enter pressed: saved, as a room's name is.
  const g04 = venue.locator('[data-testid="venue-physical"]').filter({ has: page.locator('input[value="G-04"]') });
  await g04.getByTestId('venue-physical-seats').fill('6');
  await g04.getByTestId('venue-physical-seats').press('Enter');
  await expect(g04.getByTestId('venue-physical-save')).toBeDisabled();
  await expectAccessible(page, 'venue dialog with rooms and tables');
  await page.keyboard.press('Escape');
  await expect(venue).toHaveCount(0);
  await bob.getByTestId('tab-rooms').click();
  // The Garden came with its size; the Ballroom has none yet.
  await bob.getByTestId('floor-room').filter({ hasText: 'Garden' }).click();
  await expect(bob.getByTestId('room-width')).toHaveValue('30');
  await expect(bob.getByTestId('room-depth')).toHaveValue('20');
  await expect(bob.getByTestId('room-unsized')).toHaveCount(0);
  await bob.getByTestId('floor-room').filter({ hasText: 'Ballroom' }).click();
  await expect(bob.getByTestId('room-unsized')).toBeVisible();
  await bob.getByTestId('rooms-list').click();
  await expect(bob.getByTestId('physical-table')).toHaveCount(12);

  // 6 plan tables in one bulk action.
  await page.getByTestId('open-add-tables').click();
  const tables = page.getByTestId('tables-dialog');
  // A range the dialog refuses is not previewed, and the refusal says what to enter where.
  await tables.getByTestId('tables-from').fill('-5');
  await tables.getByTestId('tables-to').fill('3');
  await expect(tables.getByTestId('tables-preview')).toHaveCount(0);
  await tables.getByTestId('tables-submit').click();
  await expect(tables.locator('#tables-from-error')).toHaveText('Table numbers are whole numbers, 0 or more: enter one such as 1 in From.');
  await expect(tables.getByTestId('tables-preview')).toHaveCount(0);
  await tables.getByTestId('tables-from').fill('1');
  await expect(tables.locator('#tables-from-error')).toHaveCount(0);
  await tables.getByTestId('tables-to').fill('6');
  await tables.getByTestId('tables-seats').fill('10');
  await expect(tables.getByTestId('tables-preview')).toContainText('Creates 6 tables');
  await expectAccessible(page, 'add-tables dialog');
  await tables.getByTestId('tables-submit').click();
  await expect(tables).toHaveCount(0);
  await expect(page.getByTestId('table-card')).toHaveCount(6);
  await expectAccessible(page, 'small plan: tables');
  // Each bulk action is one batch, listed with its label and revertible like an import.
  await page.getByTestId('tab-imports').click();
  const batch = page.getByTestId('batch').filter({ hasText: 'Add 6 tables (1–6)' });
  await expect(batch).toHaveCount(1);
  await expect(batch.getByTestId('revert-batch')).toBeVisible();
  await expect(page.getByTestId('batch').filter({ hasText: 'Add 8 physical tables in Ballroom (B-01–B-08)' })).toHaveCount(1);
  await page.getByTestId('tab-tables').click();

  // One table named like another is refused by the plan itself (the range above checks its names before sending).
  await page.getByTestId('open-add-tables').click();
  await tables.getByTestId('tables-one').check();
  await tables.getByTestId('table-name').fill(' 3 ');
  await tables.getByTestId('tables-seats').fill('8');
  await tables.getByTestId('tables-submit').click();
  await expect(tables.getByTestId('setup-error')).toHaveText('There is a table “3” already: give this one another name.');
  await page.keyboard.press('Escape');
  await expect(tables).toHaveCount(0);

  // Ctrl+Z takes back my last change when it was a bulk action too: the whole batch, saying what it took back.
  // The range offered continues after the tables that exist; one that overlaps them says which, and where to start.
  await page.getByTestId('open-add-tables').click();
  await expect(tables.getByTestId('tables-from')).toHaveValue('7');
  await expect(tables.getByTestId('tables-to')).toHaveValue('16');
  await tables.getByTestId('tables-from').fill('5');
  await tables.getByTestId('tables-to').fill('8');
  await expect(tables.getByTestId('tables-preview-taken')).toHaveText('5, 6 exist already. Start at 7');
  await tables.getByTestId('tables-preview-start-at').click();
  await expect(tables.getByTestId('tables-to')).toHaveValue('10');
  await tables.getByTestId('tables-from').fill('7');
  await tables.getByTestId('tables-to').fill('8');
  await tables.getByTestId('tables-seats').fill('10');
  await tables.getByTestId('tables-submit').click();
  await expect(tables).toHaveCount(0);
  await expect(page.getByTestId('table-card')).toHaveCount(8);
  await page.getByTestId('tab-tables').focus();
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('table-card')).toHaveCount(6);
  await expect(page.getByTestId('history-toast').filter({ hasText: 'Undone: you ' })).toBeVisible();

  // Place table 1 on B-01 in the rooms view (keyboard pick-up and drop).
  await page.getByTestId('tab-rooms').click();
  await page.getByTestId('rooms-list').click();
  await page.getByTestId('logical-table').filter({ hasText: /^1/ }).first().focus();
  await page.keyboard.press('Space');
  await physical(page, 'B-01').focus();
  await page.keyboard.press('Enter');
  await expect(physical(page, 'B-01').getByTestId('logical-table')).toBeVisible();
  await expect(physical(bob, 'B-01').getByTestId('logical-table')).toBeVisible();
  await page.getByTestId('tab-tables').click();

  // Three guests by the form; the second one by keyboard only.
  await page.getByTestId('open-add-guest').click();
  const form = page.getByTestId('guest-dialog');
  // The dialog opens at its first field, not at its Close button.
  await expect(form.getByTestId('guest-name')).toBeFocused();
  await form.getByTestId('guest-save').click();
  await expect(form.getByText('Names cannot be empty.')).toBeVisible();
  await expect(form.getByTestId('guest-name')).toBeFocused();
  await form.getByTestId('guest-name').fill('Anna Muller');
  await form.getByTestId('guest-email').fill('anna@example.com');
  await form.getByTestId('guest-department').fill('Sales');
  await form.getByTestId('guest-dietary').fill('vegetarian');
  await form.getByTestId('guest-save').click();
  await expect(form.getByTestId('setup-done')).toContainText('Added Anna Muller');
  await expect(form.getByTestId('guest-name')).toBeFocused();
  await expect(form.getByTestId('guest-name')).toHaveValue('');
  await page.keyboard.type('Ben Braun');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ben@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Braun family');
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('setup-done')).toContainText('Added Ben Braun');
  await expect(form.getByTestId('guest-name')).toBeFocused();
  await page.keyboard.type('Cara Klein');
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('setup-done')).toContainText('Added Cara Klein');
  // Anna once more: the form asks before adding a second guest nobody could tell apart; Enter again adds her.
  await page.keyboard.type('anna muller');
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('guest-twin')).toHaveText(
    'Anna Muller (anna@example.com) is on the guest list already, not seated yet. Add another guest of that name anyway?',
  );
  await expect(form.getByTestId('guest-save')).toHaveText('Add anyway');
  await expect(page.getByTestId('guest-row')).toHaveCount(3);
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('setup-done')).toContainText('Added anna muller');
  await expect(form.getByTestId('guest-twin')).toHaveCount(0);
  await expect(page.getByTestId('guest-row')).toHaveCount(4);
  // … and then thinks better of it: the second Anna goes again (she was added by mistake).
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await page
    .getByTestId('guest-row')
    .filter({ has: page.getByTestId('guest-name-text').getByText('anna muller', { exact: true }) })
    .focus();
  await page.keyboard.press('e');
  await page.getByTestId('guest-dialog').getByTestId('guest-remove').click();
  await page.getByTestId('guest-dialog').getByTestId('guest-remove-yes').click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('guest-row')).toHaveCount(3);

  // Fix a typo: the row opens its form with E.
  await row(page, 'Anna Muller').focus();
  await page.keyboard.press('e');
  await expect(page.getByTestId('guest-dialog')).toContainText('Edit Anna Muller');
  await page.getByTestId('guest-name').fill('Anna Müller');
  await page.getByTestId('guest-name').press('Enter');
  await expect(page.getByTestId('guest-dialog')).toHaveCount(0);
  await expect(row(page, 'Anna Müller')).toHaveCount(1);

  // Seat a guest by keyboard: Space on the row, Enter on the table.
  await row(page, 'Ben Braun').focus();
  await page.keyboard.press('Space');
  await card(page, '1').focus();
  await page.keyboard.press('Enter');
  await expect(card(page, '1').getByTestId('seated-guest').filter({ hasText: 'Ben Braun' })).toBeVisible();

  // The second organiser saw every step live.
  await bob.getByTestId('tab-tables').click();
  await expect(bob.getByTestId('table-card')).toHaveCount(6);
  await expect(bob.getByTestId('guest-row')).toHaveCount(3);
  await expect(row(bob, 'Anna Müller')).toHaveCount(1);
  await expect(card(bob, '1').getByTestId('seated-guest').filter({ hasText: 'Ben Braun' })).toBeVisible();
  await expect(card(bob, '1')).toHaveAttribute('aria-label', /on B-01/);

  // A card's menu renames a table and marks it VIP; the other organiser sees it.
  await card(page, '6').getByTestId('edit-table').click();
  await page.getByTestId('table-dialog').getByTestId('table-name').fill('Head table');
  await page.getByTestId('table-vip').check();
  await page.getByTestId('table-save').click();
  await expect(card(bob, 'Head table')).toHaveAttribute('aria-label', /VIP/);

  // Removing a seated guest asks first, then unseats and removes in one batch.
  // The row's pencil opens the guest's form (the mouse's visible way; double-click and E do too).
  await row(page, 'Ben Braun').getByTestId('guest-row-edit').click();
  await page.getByTestId('guest-remove').click();
  await expect(page.getByTestId('guest-remove-confirm')).toContainText('seated at table 1');
  await page.getByTestId('guest-remove-yes').click();
  await expect(page.getByTestId('guest-dialog')).toHaveCount(0);
  await expect(bob.getByTestId('guest-row')).toHaveCount(2);
  await expect(card(bob, '1').getByTestId('seated-guest')).toHaveCount(0);
});

test('two organisers edit the same guest and table at once: neither form writes back the other’s change', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Edits at once');
  const [alice, bea] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  await openPlan(alice, server, organisePath);
  await openPlan(bea, server, organisePath);
  await alice.getByTestId('open-add-guest').click();
  await alice.getByTestId('guest-name').fill('Li Xiaolong');
  await alice.getByTestId('guest-save').click();
  await expect(alice.getByTestId('guest-name')).toHaveValue('');
  await alice.keyboard.press('Escape');
  await expect(row(bea, 'Li Xiaolong')).toHaveCount(1);
  // An e-mail address that is not one is refused in the form, as the import refuses it.
  await alice.getByTestId('open-add-guest').click();
  await alice.getByTestId('guest-name').fill('Nora Nomail');
  await alice.getByTestId('guest-email').fill('not an email');
  await alice.getByTestId('guest-save').click();
  await expect(alice.getByTestId('guest-dialog')).toContainText('Enter an e-mail address such as anna@example.com');
  await alice.keyboard.press('Escape');
  await expect(row(alice, 'Nora Nomail')).toHaveCount(0);

  // Both open his form. Alice sets his dietary need and saves; Bea's open form shows it at once.
  await row(alice, 'Li Xiaolong').dblclick();
  await row(bea, 'Li Xiaolong').dblclick();
  await alice.getByTestId('guest-dietary').fill('halal');
  await alice.getByTestId('guest-save').click();
  await expect(alice.getByTestId('guest-dialog')).toHaveCount(0);
  await expect(bea.getByTestId('guest-dietary')).toHaveValue('halal');
  // Bea renames him and saves: the dietary need stays.
  await bea.getByTestId('guest-name').fill('Bruce Lee');
  await bea.getByTestId('guest-save').click();
  await expect(bea.getByTestId('guest-dialog')).toHaveCount(0);
  await row(alice, 'Bruce Lee').dblclick();
  await expect(alice.getByTestId('guest-dietary')).toHaveValue('halal');
  await alice.keyboard.press('Escape');

  // Both change his name: the later form says whose value it shows before it is saved over.
  await row(alice, 'Bruce Lee').dblclick();
  await row(bea, 'Bruce Lee').dblclick();
  await bea.getByTestId('guest-name').fill('Bruce (B)');
  await alice.getByTestId('guest-name').fill('Bruce (A)');
  await alice.getByTestId('guest-save').click();
  await expect(bea.getByTestId('changed-meanwhile')).toContainText('Name (now “Bruce (A)”)');
  await bea.keyboard.press('Escape');

  // Tables: Bea sets 12 seats while Alice's form is open; Alice renames it; the 12 seats stay.
  await addTables(alice, 10, 10, 8);
  await card(alice, '10').getByTestId('edit-table').click();
  await card(bea, '10').getByTestId('edit-table').click();
  await bea.getByTestId('table-seats').fill('12');
  await bea.getByTestId('table-save').click();
  await expect(alice.getByTestId('table-seats')).toHaveValue('12');
  await alice.getByTestId('table-name').fill('Ten');
  await alice.getByTestId('table-save').click();
  await expect(card(bea, 'Ten')).toHaveAttribute('aria-label', /0 of 12 seats taken/);
});

test('closing the venue dialog with a row edited and not saved asks first: keep editing, or discard', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await page.getByTestId('open-venue').click();
  const venue = page.getByTestId('venue-dialog');
  const row = venue.getByTestId('venue-physical').first();
  const seats = row.getByTestId('venue-physical-seats');
  const label = await row.getByTestId('venue-physical-label').inputValue();
  const saved = await seats.inputValue();
  const edited = String(Number(saved) + 1);
  const question = venue.getByTestId('venue-unsaved');

  // Escape with the row edited: the question, its safe answer focused; Enter keeps editing, the edit kept.
  await seats.fill(edited);
  await seats.press('Escape');
  await expect(question).toContainText(`Your changes to physical table ${label} are not saved yet.`);
  await expect(venue.getByTestId('venue-keep-editing')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(seats).toBeFocused();
  await expect(seats).toHaveValue(edited);

  // Escape on the question is keep editing too; a row put back as it was is no longer asked about.
  await seats.press('Escape');
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(venue).toBeVisible();
  await seats.fill(saved);
  await seats.press('Escape');
  await expect(venue).toHaveCount(0);

  // The Close button asks as Escape does, naming every row not saved; discarding closes and nothing was sent.
  await page.getByTestId('open-venue').click();
  await seats.fill(edited);
  const roomName = venue.getByTestId('venue-room-name').first();
  const room = await roomName.inputValue();
  await roomName.fill(`${room} 2`);
  await venue.getByTestId('dialog-close').click();
  await expect(question).toContainText(`Your changes to physical table ${label} and the name of room ${room} are not saved yet.`);
  await page.keyboard.press('Tab');
  await expect(venue.getByTestId('venue-discard')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(venue).toHaveCount(0);
  await page.getByTestId('open-venue').click();
  await expect(seats).toHaveValue(saved);
  await expect(roomName).toHaveValue(room);
});

test('closing the venue dialog with a new room or physical tables typed and not added asks first', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Venue forms');
  await openPlan(page, server, organisePath);
  await page.getByTestId('open-venue').click();
  const venue = page.getByTestId('venue-dialog');
  const question = venue.getByTestId('venue-unsaved');
  const roomName = venue.getByTestId('room-name');

  // A room name typed and not added: Escape asks; keeping on goes back to the field with the text kept.
  await roomName.fill('Ballroom');
  await roomName.press('Escape');
  await expect(question).toContainText('Your changes to the New room form (“Ballroom”) are not saved yet.');
  await expect(question).toContainText('with the Add room button (or Enter)');
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(roomName).toBeFocused();
  await expect(roomName).toHaveValue('Ballroom');

  // Added, the form is empty again and nothing is left to ask about.
  await roomName.press('Enter');
  await expect(venue.getByTestId('venue-room')).toHaveCount(1);
  await expect(roomName).toHaveValue('');
  await venue.getByTestId('dialog-close').click();
  await expect(venue).toHaveCount(0);

  // Physical tables set up and not added: the Close button asks; discarding closes and drops them.
  await page.getByTestId('open-venue').click();
  const count = venue.getByTestId('physical-count');
  await count.fill('4');
  await venue.getByTestId('physical-pattern').fill('B-{1}');
  await venue.getByTestId('dialog-close').click();
  await expect(question).toContainText('Your changes to the Add physical tables form are not saved yet.');
  await expect(question).toContainText('with the Add physical tables button (or Enter)');
  await venue.getByTestId('venue-discard').click();
  await expect(venue).toHaveCount(0);
  await page.getByTestId('open-venue').click();
  await expect(count).toHaveValue('10');
  await expect(venue.getByTestId('venue-physical')).toHaveCount(0);

  // Once added, what the fields still hold is saved work: closing does not ask.
  await count.fill('2');
  await venue.getByTestId('add-physical').click();
  await expect(venue.getByTestId('venue-physical')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(venue).toHaveCount(0);
});

test('a physical table that holds a plan table: the refusal stays inside the dialog and offers to take the table off', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await page.getByTestId('open-venue').click();
  const venue = page.getByTestId('venue-dialog');
  // A physical table holding an unlocked plan table (the demo's locked VIP tables come first).
  const row = venue
    .getByTestId('venue-physical')
    .filter({ has: page.locator('td:nth-child(4)', { hasText: /^Table / }) })
    .nth(8);
  const rowId = await row.getAttribute('data-physical-id');
  const label = await row.getByTestId('venue-physical-label').inputValue();
  const held = (await row.locator('td:nth-child(4)').innerText()).replace(/^Table /, '');
  await row.getByTestId('venue-physical-remove').click();

  const alert = venue.getByRole('alert').filter({ hasText: `Table ${held} stands on ${label}` });
  await expect(alert).toBeVisible();
  // All of it readable: not cut off past the dialog's right edge.
  const [box, dialog] = [(await alert.boundingBox())!, (await venue.boundingBox())!];
  expect(box.x + box.width).toBeLessThanOrEqual(dialog.x + dialog.width);

  // The way out is right there: take the table off, then the physical table can go.
  await venue.getByRole('button', { name: `Take table ${held} off ${label}` }).click();
  const same = venue.locator(`[data-testid="venue-physical"][data-physical-id="${rowId}"]`);
  await expect(same.locator('td:nth-child(4)')).toHaveText('Empty');
  await expect(alert).toHaveCount(0);
  await expect(same.getByTestId('venue-physical-remove')).toBeFocused();
  const nextId = await same.evaluate((r) => {
    let n = r.nextElementSibling;
    while (n && !(n as HTMLElement).dataset.physicalId) n = n.nextElementSibling;
    return (n as HTMLElement | null)?.dataset.physicalId;
  });
  expect(nextId).toBeTruthy();
  await page.keyboard.press('Enter');
  await expect(same).toHaveCount(0);
  // Its Remove button went with it: it is said, and focus goes to the row that took its place, not to the page.
  await expect(venue.getByTestId('setup-done').filter({ hasText: `Removed physical table ${label}. Undo brings it back.` })).toBeVisible();
  await expect(venue.locator(`[data-testid="venue-physical"][data-physical-id="${nextId}"]`).getByTestId('venue-physical-label')).toBeFocused();
});

test('at 390 px wide every physical table row of the venue dialog fits it: its Save and Remove can be reached', async ({ page, server }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { organisePath } = await openLinkPlan(server, 'Venue on a phone');
  await openPlan(page, server, organisePath);
  await page.getByTestId('open-venue').click();
  await addRoomWithTables(page, 'Terrasse', 2, 8, 'T-{01}');
  const venue = page.getByTestId('venue-dialog');
  const dialog = (await venue.boundingBox())!;
  // Each control of a row within the dialog's width (the dialog clips anything past it: no finger reaches it there).
  for (const row of await venue.getByTestId('venue-physical').all()) {
    for (const control of await row.locator('input, select, button').all()) {
      const box = (await control.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(dialog.x);
      expect(box.x + box.width).toBeLessThanOrEqual(dialog.x + dialog.width);
    }
  }
  await venue.getByTestId('venue-physical').first().getByTestId('venue-physical-remove').click();
  await expect(venue.getByTestId('venue-physical')).toHaveCount(1);
  await expectAccessible(page, 'the venue dialog at 390 px');
});

test('a guest at a table of a long name keeps their name in the guest list: the table badge is cut short instead', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Long table names');
  await openPlan(page, server, organisePath);
  const long = 'Tisch der Brautjungfern und Trauzeugen (Familie)';
  await page.getByTestId('open-add-tables').click();
  const tables = page.getByTestId('tables-dialog');
  await tables.getByTestId('tables-one').check();
  await tables.getByRole('textbox', { name: 'Name' }).fill(long);
  await tables.getByTestId('tables-submit').click();
  await expect(tables.getByTestId('setup-done')).toContainText(`Added table ${long}`);
  await page.keyboard.press('Escape');
  await addGuests(page, ['Ida Lang']);
  await row(page, 'Ida Lang').press('t');
  await page.getByTestId('seat-picker-select').selectOption({ label: `${long} — 0/10` });
  await page.getByTestId('seat-picker-seat').click();
  await expect(page.getByTestId('seat-picker-table')).toContainText(long);
  await page.keyboard.press('Escape');

  const guest = row(page, 'Ida Lang');
  const [box, name, badge] = await Promise.all([
    guest.boundingBox(),
    guest.getByTestId('guest-name-text').boundingBox(),
    guest.locator('.table-badge').boundingBox(),
  ]);
  // The whole name is shown, the badge ends inside the row, and says the whole table's name on hover.
  expect(await guest.getByTestId('guest-name-text').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect(name!.width).toBeGreaterThan(40);
  expect(badge!.x).toBeGreaterThanOrEqual(name!.x + name!.width);
  expect(badge!.x + badge!.width).toBeLessThanOrEqual(box!.x + box!.width);
  await expect(guest.locator('.table-badge')).toHaveAttribute('title', long);

  // On its card the name is cut short with an ellipsis too, not clipped mid-letter at the seat count.
  const title = page.getByRole('article', { name: new RegExp(`^${long.replace(/[()]/g, '\\$&')},`) }).locator('.table-card__name span[title]');
  const [heading, text] = await Promise.all([title.locator('..').boundingBox(), title.boundingBox()]);
  expect(text!.x + text!.width).toBeLessThanOrEqual(heading!.x + heading!.width);
  expect(await title.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
});

test('removing a table from its own form leaves focus on the board, not the page', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Focus after removal');
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addTables(page, 1, 3, 8);
  await card(page, '2').getByTestId('edit-table').click();
  await page.getByTestId('table-remove').click();
  await page.getByTestId('table-remove-yes').click();
  await expect(page.getByTestId('table-card')).toHaveCount(2);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="table-card"]')?.getAttribute('data-table-id') ?? null))
    .not.toBeNull();
});

test('a table form’s refusal goes away once the planner changes what was refused', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  // A table with guests seated: fewer seats than guests is refused.
  const full = page
    .locator('[data-testid="table-card"][data-locked="false"]')
    .filter({ has: page.getByTestId('seated-guest').nth(1) })
    .first();
  await full.getByTestId('edit-table').click();
  const dialog = page.getByTestId('table-dialog');
  const seats = dialog.getByTestId('table-seats');
  const before = await seats.inputValue();
  await seats.fill('1');
  await seats.press('Enter');
  const refusal = dialog.getByRole('alert').filter({ hasText: 'unseat some before reducing it to 1 seat' });
  await expect(refusal).toBeVisible();
  // Typing again: the sentence about 1 seat no longer describes the form.
  await seats.fill(before);
  await expect(refusal).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
});

test('a table placed on a smaller physical table counts the seats that are there, and says so at the drop', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Smaller tables');
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await page.getByTestId('open-venue').click();
  await addRoomWithTables(page, 'Hall', 1, 6, 'S-{01}');
  await page.getByTestId('dialog-close').click();
  await addTables(page, 1, 1, 10);

  await page.getByTestId('tab-rooms').click();
  await page.getByTestId('rooms-list').click();
  await page.getByTestId('logical-table').filter({ hasText: /^1/ }).first().focus();
  await page.keyboard.press('Space');
  await physical(page, 'S-01').focus();
  await page.keyboard.press('Enter');
  const said = 'Table “1” has 10 seats, but S-01 seats 6: 6 guests can sit there.';
  await expect(page.getByTestId('history-toast').filter({ hasText: said })).toBeVisible();
  await page.getByTestId('tab-tables').click();
  await expect(card(page, '1')).toHaveAttribute('aria-label', /^Table 1, 0 of 6 seats taken \(a table of 10 on S-01, which seats 6\)/);
  await expect(card(page, '1').getByTestId('seat-count')).toHaveText('0/6');
});

test('a room with tables is removed with them in one step, after a question, and one undo brings it all back', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Room removal');
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await page.getByTestId('open-venue').click();
  const venue = page.getByTestId('venue-dialog');
  await addRoomWithTables(page, 'Hall', 2, 8, 'H-{01}');
  await venue.getByTestId('dialog-close').click();
  await addTables(page, 1, 1, 8);
  await page.getByTestId('tab-rooms').click();
  await page.getByTestId('rooms-list').click();
  await page.getByTestId('logical-table').filter({ hasText: /^1/ }).first().focus();
  await page.keyboard.press('Space');
  await physical(page, 'H-01').focus();
  await page.keyboard.press('Enter');
  await expect(physical(page, 'H-01').getByTestId('logical-table')).toBeVisible();

  await page.getByTestId('open-venue').click();
  await venue.getByTestId('venue-room-remove').click();
  await expect(venue.getByTestId('venue-room-remove-confirm').locator('p')).toHaveText(
    'Remove Hall with its 2 physical tables? Table 1 stands on them: it goes back to the tables not placed. One undo brings it all back.',
  );
  await venue.getByTestId('venue-room-remove-yes').click();
  await expect(venue.getByTestId('venue-room')).toHaveCount(0);
  await venue.getByTestId('dialog-close').click();
  await page.getByTestId('tab-tables').click();
  await expect(card(page, '1')).toHaveAttribute('aria-label', /not placed/);
  await page.getByTestId('tab-tables').focus();
  await page.keyboard.press('Control+Z');
  await expect(card(page, '1')).toHaveAttribute('aria-label', /on H-01/);
});

test('two organisers edit one physical table at once: a field left alone follows, a field both changed says so', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Venue at once');
  const [alice, bea] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  await openPlan(alice, server, organisePath);
  await openPlan(bea, server, organisePath);
  await named(alice, 'Alice');
  await named(bea, 'Bea');
  await alice.getByTestId('open-venue').click();
  await addRoomWithTables(alice, 'Hall', 1, 8, 'H-{01}');
  await bea.getByTestId('open-venue').click();
  const venueRow = (p: Page) => p.getByTestId('venue-dialog').getByTestId('venue-physical');
  const [rowA, rowB] = [venueRow(alice), venueRow(bea)];
  const field = (row: Locator, what: 'label' | 'seats') => row.getByTestId(`venue-physical-${what}`);
  await expect(field(rowB, 'label')).toHaveValue('H-01');

  // Alice types a label and has not saved it when Bea saves new seats: Alice's row shows the seats, keeps her draft
  // and her place in it.
  await field(rowA, 'label').fill('H-01 window');
  await field(rowB, 'seats').fill('10');
  await rowB.getByTestId('venue-physical-save').click();
  await expect(field(rowA, 'seats')).toHaveValue('10');
  await expect(field(rowA, 'label')).toHaveValue('H-01 window');
  await expect(field(rowA, 'label')).toBeFocused();
  // Saved, it sends her label only: Bea's seats stay.
  await field(rowA, 'label').press('Enter');
  await expect(field(rowB, 'label')).toHaveValue('H-01 window');
  await expect(field(rowB, 'seats')).toHaveValue('10');
  await expect(field(rowA, 'seats')).toHaveValue('10');

  // Both change the seats: the one who has not saved is told what the seats are now, before saving over them.
  await field(rowB, 'seats').fill('12');
  await field(rowA, 'seats').fill('6');
  await rowA.getByTestId('venue-physical-save').click();
  await expect(bea.getByTestId('changed-meanwhile')).toContainText('Seats (now “6”)');
  await expect(field(rowB, 'seats')).toHaveValue('12');

  // Alice renames the room: Bea's room shows the new name and her row keeps its draft.
  const roomName = (p: Page) => p.getByTestId('venue-dialog').getByTestId('venue-room-name');
  await roomName(alice).fill('Great Hall');
  await roomName(alice).press('Enter');
  await expect(roomName(bea)).toHaveValue('Great Hall');
  await expect(field(rowB, 'seats')).toHaveValue('12');
  await rowB.getByTestId('venue-physical-save').click();
  await expect(field(rowA, 'seats')).toHaveValue('12');
  await expect(bea.getByTestId('changed-meanwhile')).toHaveCount(0);

  // Alice moves the table to another room while Bea types in its row: the row goes to that room's list with Bea's
  // draft and her place in it, and her save sends the label only.
  await alice.getByTestId('room-name').fill('Garden');
  await alice.getByTestId('add-room').click();
  const garden = (p: Page) => p.getByRole('region', { name: 'Room Garden' });
  await expect(garden(bea)).toBeVisible();
  await field(rowB, 'label').fill('H-01 door');
  await rowA.getByLabel(/^Room of physical/).selectOption({ label: 'Garden' });
  await rowA.getByTestId('venue-physical-save').click();
  await expect(garden(bea).getByTestId('venue-physical')).toHaveCount(1);
  await expect(field(rowB, 'label')).toHaveValue('H-01 door');
  await expect(field(rowB, 'label')).toBeFocused();
  await field(rowB, 'label').press('Enter');
  await expect(field(garden(alice).getByTestId('venue-physical'), 'label')).toHaveValue('H-01 door');
  await expect(garden(bea).getByTestId('venue-physical')).not.toHaveAttribute('data-unsaved');
});

/** A plan of its own with tables 1…`tables` and the guest Carla Costa, open for Alice and for Bea, both named. */
async function aliceAndBea(
  browser: Browser,
  server: SeatfoldServer,
  plan: string,
  tables: number,
  { seats = 8, guests = ['Carla Costa'] }: { seats?: number; guests?: string[] } = {},
): Promise<[Page, Page]> {
  const { organisePath } = await openLinkPlan(server, plan);
  const [alice, bea] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  await openPlan(alice, server, organisePath);
  await named(alice, 'Alice');
  await openPlan(bea, server, organisePath);
  await named(bea, 'Bea');
  await addTables(alice, 1, tables, seats);
  await addGuests(alice, guests);
  // Stored, not only shown: a test that then takes Alice offline starts with nothing of hers waiting (on a busy
  // machine the last guest's answer may still be on its way, and the header would count it).
  await expect(alice.getByTestId('pending-count')).toHaveCount(0);
  return [alice, bea];
}

test('the T menu says what another organiser did meanwhile: the chosen table removed, the guest moved', async ({ browser, server }) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Gone meanwhile', 3);
  const idOf = async (name: string) => (await card(alice, name).getAttribute('data-table-id'))!;

  // Alice chooses table 2 for Carla in the T menu…
  await row(alice, 'Carla Costa').focus();
  await alice.keyboard.press('t');
  const picker = alice.getByTestId('seat-picker');
  const menu = picker.getByTestId('seat-picker-select');
  await menu.selectOption(await idOf('2'));
  await expect(picker.getByTestId('seat-picker-seat')).toBeEnabled();
  // …and Bea removes it before Alice presses Seat: said, with who, and Seat stays off.
  await card(bea, '2').getByTestId('edit-table').click();
  await bea.getByTestId('table-remove').click();
  await bea.getByTestId('table-remove-yes').click();
  await expect(card(alice, '2')).toHaveCount(0);
  await expect(picker.getByTestId('seat-picker-gone')).toHaveText('Bea removed the table you chose meanwhile: choose another.');
  await expect(picker.getByTestId('seat-picker-seat')).toBeDisabled();
  await expect(menu).toHaveValue('');

  // Alice chooses table 1; Bea seats Carla at table 3 meanwhile. Alice's choice stays, and the picker says why Seat
  // became Move.
  await menu.selectOption(await idOf('1'));
  await expect(picker.getByTestId('seat-picker-gone')).toHaveCount(0);
  await row(bea, 'Carla Costa').focus();
  await bea.keyboard.press('t');
  await bea.getByTestId('seat-picker-select').selectOption(await idOf('3'));
  await bea.getByTestId('seat-picker-seat').click();
  await expect(picker.getByTestId('seat-picker-meanwhile')).toHaveText(
    'Bea just moved Carla Costa to table “3” — press Move if you still want table “1”.',
  );
  await expect(menu).toHaveValue(await idOf('1'));
  await picker.getByTestId('seat-picker-seat').click();
  await expect(card(bea, '1')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
  await expect(picker.getByTestId('seat-picker-meanwhile')).toHaveCount(0);
});

test('a mouse drag held over a table another organiser removes drops on no other table', async ({ browser, server }) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Removed under the pointer', 6);
  await row(alice, 'Carla Costa').focus();
  await alice.keyboard.press('t');
  await alice.getByTestId('seat-picker-select').selectOption(await card(alice, '1').getAttribute('data-table-id'));
  await alice.getByTestId('seat-picker-seat').click();
  await alice.keyboard.press('Escape');
  await expect(card(bea, '1')).toHaveAttribute('aria-label', /1 of 8 seats taken/);

  // Alice holds Carla over table 5…
  const chip = card(alice, '1').getByTestId('seated-guest');
  const from = (await chip.boundingBox())!;
  const to = (await card(alice, '5').boundingBox())!;
  await alice.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await alice.mouse.down();
  await alice.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await expect(card(alice, '5')).toHaveAttribute('data-over', 'true');
  // …Bea removes it, and table 6 takes its place on Alice's board, under her still pointer.
  await card(bea, '5').getByTestId('edit-table').click();
  await bea.getByTestId('table-remove').click();
  await bea.getByTestId('table-remove-yes').click();
  await expect(card(alice, '5')).toHaveCount(0);
  await drawn(alice);
  const six = (await card(alice, '6').boundingBox())!;
  expect(six.x < to.x + to.width / 2 && to.x + to.width / 2 < six.x + six.width, 'table 6 under the pointer').toBe(true);
  await expect(card(alice, '6')).not.toHaveAttribute('data-over', 'true');
  await alice.mouse.up();
  // Dropped over nothing: Carla stays at table 1, table 6 stays empty.
  await expect(card(bea, '6')).toHaveAttribute('aria-label', /0 of 8 seats taken/);
  await expect(card(alice, '1')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
  await expect(card(bea, '1')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
});

test('a drop refused because another organiser locked the table meanwhile says who locked it', async ({ browser, server }) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Locked meanwhile', 2);
  // Alice holds Carla over table 2; Bea locks it; Alice lets go.
  const from = (await row(alice, 'Carla Costa').boundingBox())!;
  const to = (await card(alice, '2').boundingBox())!;
  await alice.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await alice.mouse.down();
  await alice.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await expect(card(alice, '2')).toHaveAttribute('data-over', 'true');
  await card(bea, '2').getByTestId('lock-toggle').click();
  await expect(card(alice, '2')).toHaveAttribute('data-locked', 'true');
  await alice.mouse.up();
  await expect(alice.getByTestId('rejection')).toContainText(/Table “2” is locked: unlock it before .*\. Bea locked it\.$/);
});

test('a drop refused because another organiser took the last seat meanwhile says who took it', async ({ browser, server }) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Filled meanwhile', 2, { seats: 1, guests: ['Carla Costa', 'Dan Diaz'] });
  // Alice holds Carla over table 2; Bea seats Dan there; Alice lets go.
  const from = (await row(alice, 'Carla Costa').boundingBox())!;
  const to = (await card(alice, '2').boundingBox())!;
  await alice.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await alice.mouse.down();
  await alice.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await expect(card(alice, '2')).toHaveAttribute('data-over', 'true');
  await row(bea, 'Dan Diaz').focus();
  await bea.keyboard.press('t');
  await bea.getByTestId('seat-picker-select').selectOption(await card(bea, '2').getAttribute('data-table-id'));
  await bea.getByTestId('seat-picker-seat').click();
  await expect(card(alice, '2')).toHaveAttribute('aria-label', /1 of 1 seats? taken/);
  await alice.mouse.up();
  await expect(alice.getByTestId('rejection')).toContainText(/Table “2” is full \(1 of 1 seats taken\)\. Bea just seated Dan Diaz there\.$/);
});

test('physical tables a sized room has no free floor for are refused by the form, saying what to do', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Small hall');
  await openPlan(page, server, organisePath);
  await page.getByTestId('open-venue').click();
  await addRoomWithTables(page, 'Hall', 4, 10, 'H-{01}');
  await page.getByTestId('dialog-close').click();
  // 10 × 10 m holds the grid's four cells of a 10-seat table, two by two
  await page.getByTestId('tab-rooms').click();
  await expect(page.getByTestId('unplaced-tray')).toContainText('The plan has no tables yet: add them (Add tables), then place each');
  await page.getByTestId('room-width').fill('10');
  await page.getByTestId('room-depth').fill('10');
  await page.getByTestId('room-size-save').click();
  await expect(page.getByTestId('floor-status')).toContainText('Hall is now');

  await page.getByTestId('tab-tables').click();
  await page.getByTestId('open-venue').click();
  const venue = page.getByTestId('venue-dialog');
  await venue.getByTestId('physical-count').fill('1');
  await venue.getByTestId('physical-seats').fill('10');
  await venue.getByTestId('add-physical').click();
  await expect(venue.getByTestId('setup-error')).toHaveText(
    'Room Hall (10 × 10 m) has no free floor left for table H-05: with the tables not placed yet, one would stand outside the walls. Place some tables first, make the room bigger, or use another room.',
  );
  await expect(venue.getByTestId('venue-physical')).toHaveCount(4);
  // a deeper room has a third row (the form back as it opened, it closes without asking)
  await venue.getByTestId('physical-count').fill('10');
  await page.getByTestId('dialog-close').click();
  await page.getByTestId('tab-rooms').click();
  await page.getByTestId('room-depth').fill('14');
  await page.getByTestId('room-size-save').click();
  await expect(page.getByTestId('floor-status')).toContainText('Hall is now');
  await page.getByTestId('tab-tables').click();
  await page.getByTestId('open-venue').click();
  await venue.getByTestId('physical-count').fill('1');
  await venue.getByTestId('add-physical').click();
  await expect(venue.getByTestId('venue-physical')).toHaveCount(5);
});

test('tables of more seats than a long banquet are asked about once before they are added', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Big tables');
  await openPlan(page, server, organisePath);
  await page.getByTestId('open-add-tables').click();
  const tables = page.getByTestId('tables-dialog');
  await tables.getByTestId('tables-from').fill('1');
  await tables.getByTestId('tables-to').fill('2');
  // Past the most a table may have, the limit is said at once (not asked about, then refused).
  await tables.getByTestId('tables-seats').fill('100000');
  await tables.getByTestId('tables-submit').click();
  await expect(tables.locator('#tables-seats-error')).toHaveText('A table has at most 500 seats.');
  await expect(tables.getByTestId('setup-error')).toHaveCount(0);
  // Typing other seats takes the word about the old ones away.
  await tables.getByTestId('tables-seats').fill('500');
  await expect(tables.locator('#tables-seats-error')).toHaveCount(0);
  await tables.getByTestId('tables-submit').click();
  await expect(tables.getByTestId('setup-error')).toHaveText(
    '500 seats at each table is unusual: a long banquet seats about 40. Press Add again to add them anyway, or change the seats.',
  );
  await expect(page.getByTestId('table-card')).toHaveCount(0);
  // asked once: the same seats again are added
  await tables.getByTestId('tables-submit').click();
  await expect(tables).toHaveCount(0);
  await expect(page.getByTestId('table-card')).toHaveCount(2);
  await expect(page.getByTestId('totals')).toHaveAttribute('data-tables', '2');
});

test('a T-menu move made offline, while another organiser moved the guest, is refused with who, not applied over it', async ({ browser, server }) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Moved while offline', 3);
  const idOf = async (name: string) => (await card(alice, name).getAttribute('data-table-id'))!;
  const move = async (page: Page, table: string) => {
    await row(page, 'Carla Costa').focus();
    await page.keyboard.press('t');
    await page.getByTestId('seat-picker-select').selectOption(await idOf(table));
    await page.getByTestId('seat-picker-seat').click();
    await page.keyboard.press('Escape');
  };
  await move(alice, '1');
  await expect(card(bea, '1')).toHaveAttribute('aria-label', /1 of 8 seats taken/);

  // Alice, offline, moves Carla to table 2; Bea, online, moves her to table 3.
  await alice.context().setOffline(true);
  await expect(alice.getByTestId('connection-status')).not.toHaveText('Connected');
  await move(alice, '2');
  // nothing saves offline: the card says its change waits, to the eye and to a screen reader
  await expect(card(alice, '2').getByTestId('saving')).toHaveText('not saved yet');
  await expect(card(alice, '2')).toHaveAttribute('aria-label', /, a change not saved yet$/);
  await move(bea, '3');
  await expect(card(bea, '3')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
  // Back online, Alice's move is refused as stale, naming Bea; Carla stays where Bea put her, on both boards.
  await alice.context().setOffline(false);
  await expect(alice.getByTestId('rejection')).toContainText(/Bea just moved Carla Costa .*table “3”/);
  // There was no drop: the refusal says where to choose again (the menu of tables), not "drop again".
  await expect(alice.getByTestId('rejection')).toContainText(
    'Bea just moved Carla Costa to table “3” — choose again in their menu of tables (T) if you still want to move them.',
  );
  await expect(alice.getByTestId('rejection')).not.toContainText('drop');
  await expect(card(alice, '3')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
  await expect(card(alice, '2')).toHaveAttribute('aria-label', /0 of 8 seats taken/);
  await expect(card(bea, '2')).toHaveAttribute('aria-label', /0 of 8 seats taken/);

  // While Alice reads it (the pointer on it keeps it), Bea moves Carla on: the refusal still says why it was made,
  // never rewritten to a later move that had nothing to do with it.
  await alice.getByTestId('rejection').hover();
  await move(bea, '2');
  await expect(card(alice, '2')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
  await expect(alice.getByTestId('rejection')).toContainText(
    'Bea just moved Carla Costa to table “3” — choose again in their menu of tables (T) if you still want to move them.',
  );
});

test('a table removed offline, while another organiser seated a guest there, is kept, and the refusal says who', async ({ browser, server }) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Removed while offline', 2);
  await alice.context().setOffline(true);
  await expect(alice.getByTestId('connection-status')).not.toHaveText('Connected');
  // Alice removes table 2, empty as she sees it…
  await card(alice, '2').getByTestId('edit-table').click();
  await alice.getByTestId('table-remove').click();
  await expect(alice.getByTestId('table-remove-confirm')).toContainText('Nobody is seated here.');
  await alice.getByTestId('table-remove-yes').click();
  await expect(card(alice, '2')).toHaveCount(0);
  // …while Bea seats Carla there.
  await row(bea, 'Carla Costa').focus();
  await bea.keyboard.press('t');
  await bea.getByTestId('seat-picker-select').selectOption(await card(bea, '2').getAttribute('data-table-id'));
  await bea.getByTestId('seat-picker-seat').click();
  await expect(card(bea, '2')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
  await alice.context().setOffline(false);
  await expect(alice.getByTestId('rejection')).toContainText('Bea just seated Carla Costa at table “2” — remove it again if you still want to.');
  await expect(card(alice, '2')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
  await expect(card(bea, '2')).toHaveAttribute('aria-label', /1 of 8 seats taken/);
});

test('a guest renamed offline, while another organiser renamed them, keeps the other name, and the refusal says who', async ({ browser, server }) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Renamed while offline', 1);
  const rename = async (page: Page, from: string, to: string) => {
    await row(page, from).focus();
    await page.keyboard.press('F2');
    await page.getByTestId('inline-name').fill(to);
    await page.getByTestId('inline-name').press('Enter');
    await expect(page.getByTestId('inline-name')).toHaveCount(0);
  };
  await alice.context().setOffline(true);
  await expect(alice.getByTestId('connection-status')).not.toHaveText('Connected');
  await rename(alice, 'Carla Costa', 'Carla Alice');
  await rename(bea, 'Carla Costa', 'Carla Bea');
  await alice.context().setOffline(false);
  await expect(alice.getByTestId('rejection')).toContainText(
    'Bea just renamed Carla Costa to “Carla Bea” — save again if you still want your change (name “Carla Alice”).',
  );
  await expect(row(alice, 'Carla Bea')).toBeVisible();
  await expect(row(bea, 'Carla Bea')).toBeVisible();
  await expect(row(bea, 'Carla Alice')).toHaveCount(0);
});

test('a guest seated offline at a table another organiser removed meanwhile: the refusal says who removed which table', async ({
  browser,
  server,
}) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Table gone while offline', 2);
  const two = (await card(alice, '2').getAttribute('data-table-id'))!;
  await alice.context().setOffline(true);
  await expect(alice.getByTestId('connection-status')).toHaveText('Offline — changes will sync when back');
  await row(alice, 'Carla Costa').focus();
  await alice.keyboard.press('t');
  await alice.getByTestId('seat-picker-select').selectOption(two);
  await alice.getByTestId('seat-picker-seat').click();
  await alice.keyboard.press('Escape');
  // What waits is listed, as the timeline will tell it, from the count in the header (by keyboard too).
  const pending = alice.getByTestId('pending-count');
  await expect(pending).toHaveText('1 change waiting to sync');
  // Beside the count, which says it will sync, the pill keeps to a word (its title says the rest).
  await expect(alice.getByTestId('connection-status')).toHaveText('Offline');
  await expect(alice.getByTestId('connection-status')).toHaveAttribute('title', 'Offline — changes will sync when back');
  await pending.focus();
  await alice.keyboard.press('Enter');
  await expect(pending).toHaveAttribute('aria-expanded', 'true');
  const list = alice.getByRole('region', { name: 'Changes not saved yet' });
  await expect(list.getByTestId('pending-line')).toHaveText(['Seated Carla Costa at table 2']);
  await alice.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await pending.click();
  await expect(list).toBeVisible();
  await card(bea, '2').getByTestId('edit-table').click();
  await bea.getByTestId('table-remove').click();
  await bea.getByTestId('table-remove-yes').click();
  await expect(card(bea, '2')).toHaveCount(0);
  await alice.context().setOffline(false);
  await expect(alice.getByTestId('rejection')).toContainText('Bea removed table “2” meanwhile.');
  // Answered: the count and its list go.
  await expect(pending).toHaveCount(0);
  await expect(list).toHaveCount(0);
  await expect(card(alice, '2')).toHaveCount(0);
  await expect(row(alice, 'Carla Costa')).toContainText('Unseated');
});

test('a guest seated offline at a table of hers the plan refused to add: the refusal says it was not added, not removed', async ({
  browser,
  server,
}) => {
  const [alice, bea] = await aliceAndBea(browser, server, 'Table not added', 1);
  const addTable = async (page: Page, name: string) => {
    await page.getByTestId('open-add-tables').click();
    await page.getByTestId('tables-one').check();
    await page.getByTestId('table-name').fill(name);
    await page.getByTestId('tables-submit').click();
    await expect(page.getByTestId('tables-dialog').getByTestId('setup-done')).toContainText(`Added table ${name}`);
    await page.keyboard.press('Escape');
  };
  await alice.context().setOffline(true);
  await expect(alice.getByTestId('connection-status')).not.toHaveText('Connected');
  await addTable(alice, '9');
  await row(alice, 'Carla Costa').focus();
  await alice.keyboard.press('t');
  const nine = (await card(alice, '9').getAttribute('data-table-id'))!;
  await alice.getByTestId('seat-picker-select').selectOption(nine);
  await alice.getByTestId('seat-picker-seat').click();
  await alice.keyboard.press('Escape');
  await addTable(bea, '9');
  await alice.context().setOffline(false);
  await expect(alice.getByTestId('rejection').filter({ hasText: 'Carla Costa' })).toContainText(
    'table “9” was not added — there is a table “9” already: give this one another name.',
  );
});

test('a room added offline with its size waits to be sent like any change, and arrives with its size', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Room offline');
  const [alice, bea] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  await openPlan(alice, server, organisePath);
  await named(alice, 'Alice');
  await openPlan(bea, server, organisePath);
  await named(bea, 'Bea');

  await alice.context().setOffline(true);
  await expect(alice.getByTestId('connection-status')).not.toHaveText('Connected');
  await alice.getByTestId('start-venue').click();
  const venue = alice.getByTestId('venue-dialog');
  await venue.getByTestId('room-name').fill('Garden');
  await venue.getByTestId('new-room-width').fill('30');
  await venue.getByTestId('new-room-depth').fill('20');
  await venue.getByTestId('add-room').click();
  await expect(venue.getByTestId('add-room-form').getByTestId('setup-done')).toHaveText('Added room Garden, 30 × 20 m.');
  await expect(venue.getByTestId('add-room-form').getByTestId('setup-error')).toHaveCount(0);
  await expect(venue.getByTestId('venue-room')).toHaveCount(1);
  // one change waiting, told with its size
  await expect(alice.getByTestId('pending-count')).toContainText('1 change waiting to sync');
  await venue.getByTestId('dialog-close').click();
  await alice.getByTestId('pending-count').click();
  await expect(alice.getByText('Add room “Garden”, 30 × 20 m (2 changes)')).toBeVisible();
  await alice.keyboard.press('Escape');

  await alice.context().setOffline(false);
  await expect(alice.getByTestId('pending-count')).toHaveCount(0, { timeout: 30_000 });
  await bea.getByTestId('tab-rooms').click();
  await expect(bea.getByTestId('room-width')).toHaveValue('30');
  await expect(bea.getByTestId('room-depth')).toHaveValue('20');
  await expect(bea.getByTestId('room-unsized')).toHaveCount(0);
});

test('not connected, Add tables says a range needs the connection, offers one table instead, and one table still adds', async ({
  browser,
  server,
}) => {
  const { organisePath } = await openLinkPlan(server, 'Range offline');
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);
  const tables = page.getByTestId('tables-dialog');
  const range = tables.getByRole('radio', { name: 'A numbered range' });
  const one = tables.getByRole('radio', { name: 'One table' });
  const why = /^Not connected: a numbered range is added as one batch \(all its tables or none\), which needs the connection to the server\./;

  // The range chosen while connected, then the network goes: the form says why before the planner tries, and again
  // when they do; nothing is added.
  await page.getByTestId('open-add-tables').click();
  await expect(range).toBeChecked();
  await expect(tables.getByTestId('tables-range-offline')).toHaveCount(0);
  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).not.toHaveText('Connected');
  await expect(tables.getByTestId('tables-range-offline')).toHaveText(why);
  await expect(range).toBeDisabled();
  await expect(range).toHaveAccessibleDescription(why);
  await tables.getByTestId('tables-submit').click();
  await expect(tables.getByTestId('setup-error')).toHaveText(why);
  await expect(tables.getByTestId('tables-preview')).toBeVisible();
  await expectAccessible(page, 'add-tables dialog, not connected');
  await page.keyboard.press('Escape');

  // Opened while not connected, it starts on one table; the keyboard cannot pick the range; one table is added.
  await page.getByTestId('open-add-tables').click();
  await expect(one).toBeChecked();
  await expect(one).toHaveAccessibleDescription(why);
  await one.focus();
  await page.keyboard.press('ArrowUp');
  await expect(one).toBeChecked();
  await tables.getByTestId('table-name').fill('7');
  await tables.getByTestId('tables-submit').click();
  await expect(tables.getByTestId('setup-done')).toContainText('Added table 7');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pending-count')).toContainText('1 change waiting to sync');

  // Back online, the waiting table is sent and the range is offered again.
  await page.context().setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
  await page.getByTestId('open-add-tables').click();
  await expect(range).toBeEnabled();
  await expect(range).toBeChecked();
  await expect(tables.getByTestId('tables-range-offline')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Opened in a moment without the connection and left untouched, it offers the range once the connection is there.
  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).not.toHaveText('Connected');
  await page.getByTestId('open-add-tables').click();
  await expect(one).toBeChecked();
  await page.context().setOffline(false);
  await expect(range).toBeChecked({ timeout: 60_000 });
  await expect(range).toBeEnabled();
  await expect(tables.getByTestId('tables-from')).toBeVisible();
});
