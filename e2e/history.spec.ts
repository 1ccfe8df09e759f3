import type { Locator, Page } from '@playwright/test';
import { demoPicks, labelOf } from './demo.ts';
import { expect, expectAccessible, guestRow, openLinkPlan, openPlan, seatedChip, tableCard, test } from './fixtures.ts';
import { dragOnto } from './drag.ts';
import { addGuests, addTables, importCsv, named } from './plan-setup.ts';

test.describe.configure({ mode: 'serial' });

// Guests and tables from the END of the lists: the other spec files pick from the front, and each test here
// puts what it changed back, so the shared demo plan is left as the other files expect it.
const { s, unseated, roomy } = demoPicks();
const [g1, g2, g3] = unseated.slice(-3);
const [t127, t128, t129, t130] = roomy.slice(-4);

/** Console errors fail the test. */
function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Drags a guest's row (found by e-mail) onto a table: seats or moves them. */
async function seat(page: Page, guest: { id: string; email: string }, tableId: string) {
  await page.getByTestId('guest-search').fill(guest.email);
  // Dropped on the card's header, never on a seated chip (that would swap the two guests).
  await dragOnto(guestRow(page, guest.id), tableCard(page, tableId), { x: 24, y: 14 });
  await expect(seatedChip(page, tableId, guest.id)).toBeVisible();
}

async function unseat(page: Page, guestId: string, tableId: string) {
  await dragOnto(seatedChip(page, tableId, guestId), page.getByTestId('unseat-zone'));
  await expect(seatedChip(page, tableId, guestId)).toHaveCount(0);
}

const entry = (page: Page, text: string): Locator => page.getByTestId('timeline-entry').filter({ hasText: text }).first();
const historyCount = async (page: Page) => Number(await page.getByTestId('history-count').getAttribute('data-count'));

test('a reviewer scrubs back to an old assignment while an organiser keeps moving guests', async ({ browser, server }) => {
  const { organisePath, reviewPath } = await server.demoLinks();
  const alice = await (await browser.newContext()).newPage();
  const reviewer = await (await browser.newContext()).newPage();
  const errors = [...[alice, reviewer].map(watchConsole)];
  await openPlan(alice, server, organisePath);
  await named(alice, 'Alice');
  await openPlan(reviewer, server, reviewPath);

  await seat(alice, g1!, t130!.id);
  await seat(alice, g1!, t129!.id); // a move
  await expect(seatedChip(reviewer, t129!.id, g1!.id)).toBeVisible();

  // The reviewer opens the timeline and goes back to "Alice seated … at table 130".
  await reviewer.getByTestId('history-toggle').click();
  await expect(reviewer.getByTestId('history-count')).toBeVisible();
  const seated = entry(reviewer, `Alice seated ${labelOf(s, g1!)} at table ${t130!.name}`);
  await expect(seated).toBeVisible();
  // The row reads its sentence and time; the change's number is shown for the eye, not read out in every row.
  await expect(seated.locator('.tl-row__main')).toContainText(/#\d+/);
  await expect(seated.locator('.tl-row__main')).not.toHaveAccessibleName(/#\d/);
  await expectAccessible(reviewer, 'history panel (review link)');
  await expect(entry(reviewer, `Alice moved ${labelOf(s, g1!)} from table ${t130!.name} to table ${t129!.name}`)).toBeVisible();
  await seated.locator('.tl-row__main').click();
  await expect(reviewer.getByTestId('past-bar')).toBeVisible();
  await expect(reviewer.getByTestId('past-bar')).toContainText('Viewing');
  await expect(seatedChip(reviewer, t130!.id, g1!.id)).toBeVisible();
  await expect(seatedChip(reviewer, t129!.id, g1!.id)).toHaveCount(0);
  const version = Number(await reviewer.getByTestId('past-bar').getAttribute('data-version'));
  const before = await historyCount(reviewer);

  // Alice keeps working: the reviewer's past view does not move, the timeline grows.
  await seat(alice, g1!, t128!.id);
  await seat(alice, g2!, t130!.id);
  await expect.poll(() => historyCount(reviewer)).toBe(before + 2);
  await expect(reviewer.getByTestId('past-bar')).toHaveAttribute('data-version', String(version));
  await expect(seatedChip(reviewer, t130!.id, g1!.id)).toBeVisible();
  await expect(seatedChip(reviewer, t130!.id, g2!.id)).toHaveCount(0);
  await expect(entry(reviewer, `Alice seated ${labelOf(s, g2!)} at table ${t130!.name}`)).toBeVisible();

  // Keyboard: the scrubber steps one change at a time.
  await reviewer.getByTestId('scrubber').focus();
  await reviewer.keyboard.press('ArrowRight');
  await expect(reviewer.getByTestId('past-bar')).toHaveAttribute('data-version', String(version + 1));
  await expect(seatedChip(reviewer, t129!.id, g1!.id)).toBeVisible();
  await reviewer.keyboard.press('ArrowLeft');
  await expect(seatedChip(reviewer, t130!.id, g1!.id)).toBeVisible();

  // One word for each: the timeline's way back to the present is "Back to now" wherever it is offered, the scrubber's
  // far end is the latest change, the connection's pill says "Connected".
  await expect(reviewer.getByTestId('back-to-live')).toHaveText('Back to now');
  await expect(reviewer.getByTestId('go-live')).toHaveAccessibleName('Back to now');
  await expect(reviewer.locator('.scrubber__labels')).toHaveText(/^Start.*Latest$/);
  await expect(reviewer.getByTestId('scrubber-text')).toHaveText(/^Change \d+ of \d+ · /);
  await expect(reviewer.getByTestId('connection-status')).toHaveText('Connected');
  await expect(reviewer.locator('body')).not.toContainText(/\blive\b/i);

  // Back to now shows the newest state; the scrubber says so, in words no other control uses.
  await reviewer.getByTestId('back-to-live').click();
  await expect(reviewer.getByTestId('past-bar')).toHaveCount(0);
  await expect(reviewer.getByTestId('scrubber-text')).toHaveText(/^Up to date · [\d,]+ changes$/);
  await expect(reviewer.getByTestId('scrubber')).toHaveAttribute('aria-valuetext', /^Up to date: all [\d,]+ changes$/);
  await expect(reviewer.getByTestId('timeline-live')).toContainText('The plan as it is now');
  await expect(reviewer.getByTestId('timeline').getByText('Now', { exact: true })).toHaveCount(0);
  await expect(seatedChip(reviewer, t128!.id, g1!.id)).toBeVisible();
  await expect(seatedChip(reviewer, t130!.id, g2!.id)).toBeVisible();

  await unseat(alice, g1!.id, t128!.id);
  await unseat(alice, g2!.id, t130!.id);
  expect(errors.flat()).toEqual([]);
});

test('a deep link ?at=<version> opens the plan as it was, read only', async ({ browser, server }) => {
  const { organisePath } = await server.demoLinks();
  const alice = await (await browser.newContext()).newPage();
  const errors = watchConsole(alice);
  await openPlan(alice, server, organisePath);
  await named(alice, 'Alice');
  await seat(alice, g2!, t129!.id);
  await seat(alice, g2!, t130!.id);

  await alice.getByTestId('history-toggle').click();
  await entry(alice, `Alice seated ${labelOf(s, g2!)} at table ${t129!.name}`)
    .locator('.tl-row__main')
    .click();
  await expect(alice.getByTestId('past-bar')).toBeVisible();
  // The connection is live, the board is not: the header's pill says "Connected" there too.
  await expect(alice.getByTestId('connection-status')).toHaveText('Connected');
  // The bar and the slider count in the same steps (a command or a batch each).
  const [, step, steps] = /^Change ([\d,]+) of ([\d,]+)/.exec((await alice.getByTestId('scrubber').getAttribute('aria-valuetext')) ?? '') ?? [];
  await expect(alice.getByTestId('past-bar')).toContainText(`change ${step} of ${steps}`);
  await expectAccessible(alice, 'past view');
  // In the past the board is read only, for organisers too.
  await expect(tableCard(alice, t129!.id).getByTestId('lock-toggle')).toHaveCount(0);
  await expect(alice.getByTestId('unseat-zone')).toHaveCount(0);
  await expect(seatedChip(alice, t129!.id, g2!.id)).not.toHaveAttribute('draggable', 'true');
  const version = await alice.getByTestId('past-bar').getAttribute('data-version');
  // written once the moment stands still (HistoryLayer): polled, not read at once
  await expect(alice).toHaveURL(new RegExp(`\\?at=${version}$`));
  const link = (await alice.getByTestId('copy-at-link').getAttribute('data-link'))!;
  expect(link).toMatch(new RegExp(`/p/[^/?]+\\?at=${version}$`));
  // Undo waits until Alice is back in the present: it would change the live plan out of sight.
  await expect(alice.getByTestId('undo-button')).toBeDisabled();
  await alice.getByTestId('tab-tables').focus();
  await alice.keyboard.press('Control+Z');
  const pastNotice = alice.getByTestId('history-toast').filter({ hasText: 'You are looking at the past' });
  await expect(pastNotice).toBeVisible();
  // Closed by hand (it would go by itself in 4 s): it sits over the bottom of the board, where the last drag starts.
  await pastNotice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(pastNotice).toHaveCount(0);

  await alice.getByTestId('back-to-live').click();
  await expect(alice).not.toHaveURL(/at=/);
  await expect(seatedChip(alice, t130!.id, g2!.id)).toBeVisible();
  await expect(alice.getByTestId('connection-status')).toHaveText('Connected');

  const viewer = await (await browser.newContext()).newPage();
  errors.push(...watchConsole(viewer));
  await viewer.goto(link);
  await expect(viewer.getByTestId('past-bar')).toHaveAttribute('data-version', version!);
  await expect(seatedChip(viewer, t129!.id, g2!.id)).toBeVisible();
  await expect(seatedChip(viewer, t130!.id, g2!.id)).toHaveCount(0);
  await expect(viewer.getByTestId('role-badge')).toHaveText('Review only');
  await expect(viewer.getByTestId('history-toast')).toHaveCount(0);
  await viewer.getByTestId('back-to-live').click();
  await expect(seatedChip(viewer, t130!.id, g2!.id)).toBeVisible();

  // A link that cannot be followed says so, shows the plan as it is now and leaves the address bar.
  await viewer.goto(link.replace(/\?at=\d+$/, '?at=99999999'));
  await expect(
    viewer.getByTestId('history-toast').filter({ hasText: 'This link points to a moment (#99,999,999) the plan has not reached yet' }),
  ).toBeVisible();
  await expect(viewer).not.toHaveURL(/at=/);
  await expect(viewer.getByTestId('past-bar')).toHaveCount(0);
  await viewer.goto(link.replace(/\?at=\d+$/, '?at=abc'));
  await expect(viewer.getByTestId('history-toast').filter({ hasText: '“at=abc” is not a change number' })).toBeVisible();
  await expect(viewer).not.toHaveURL(/at=/);

  await unseat(alice, g2!.id, t130!.id);
  expect(errors).toEqual([]);
});

test('undo in one browser shows in the other, survives a reload, and is refused over somebody else’s newer change', async ({ browser, server }) => {
  const { organisePath } = await server.demoLinks();
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  const errors = [alice, bob].map(watchConsole);
  await openPlan(alice, server, organisePath);
  await named(alice, 'Alice');
  await openPlan(bob, server, organisePath);
  await named(bob, 'Bob');

  // A change of Alice's beneath the one Bob will overwrite: where her undo goes once that one is refused.
  await seat(alice, g2!, t130!.id);
  await expect(seatedChip(bob, t130!.id, g2!.id)).toBeVisible();
  await seat(alice, g3!, t127!.id);
  await expect(seatedChip(bob, t127!.id, g3!.id)).toBeVisible();

  // The undo stack survives a reload.
  await alice.reload();
  await expect(alice.getByTestId('connection-status')).toHaveText('Connected');
  await expect(alice.getByTestId('undo-button')).toBeEnabled();
  // and so do its words: the demo plan is joined from a snapshot, so the page reads the history to name the change
  await expect(alice.getByTestId('undo-button')).toHaveAccessibleName(new RegExp(`^Undo: seated .* at table ${t127!.name} \\(Ctrl\\+Z\\)$`));
  await alice.getByTestId('undo-button').click();
  await expect(seatedChip(bob, t127!.id, g3!.id)).toHaveCount(0);
  await expect(seatedChip(alice, t127!.id, g3!.id)).toHaveCount(0);

  // Redo with the keyboard (focus outside any text field).
  await expect(alice.getByTestId('redo-button')).toBeEnabled();
  await alice.getByTestId('tab-tables').focus();
  await alice.keyboard.press('Control+Shift+Z');
  await expect(seatedChip(bob, t127!.id, g3!.id)).toBeVisible();

  // Bob moves the guest on; Alice's undo would overwrite that, so the server refuses and says why.
  await seat(bob, g3!, t128!.id);
  await expect(seatedChip(alice, t128!.id, g3!.id)).toBeVisible();
  await alice.getByTestId('tab-tables').focus();
  await alice.keyboard.press('Control+Z');
  const toast = alice.getByTestId('history-toast').filter({ hasText: 'Bob' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('changed it since');
  // The refused change leaves her list, and the notice says where the next undo goes: her change beneath it.
  await expect(toast).toContainText(`Undo now takes back your change before it (you seated `);
  await expect(toast).toContainText(` at table ${t130!.name}).`);
  await expect(seatedChip(bob, t128!.id, g3!.id)).toBeVisible();
  await expect(seatedChip(alice, t128!.id, g3!.id)).toBeVisible();
  await expect(alice.getByTestId('undo-button')).toHaveAccessibleName(new RegExp(`^Undo: seated .* at table ${t130!.name} \\(Ctrl\\+Z\\)$`));
  await alice.keyboard.press('Control+Z');
  await expect(seatedChip(bob, t130!.id, g2!.id)).toHaveCount(0);
  // and then there is nothing of hers left: said so, once more
  await alice.keyboard.press('Control+Z');
  await expect(alice.getByTestId('history-toast').filter({ hasText: 'Nothing of yours to undo' })).toBeVisible();

  await unseat(bob, g3!.id, t128!.id);
  expect(errors.flat()).toEqual([]);
});

test('a redo’s notice says what it brought back, in the words of the undo’s notice', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await page.getByTestId('history-toggle').click(); // the history is held: the notices can say what the change was
  await expect(page.getByTestId('timeline')).toBeVisible();
  await seat(page, g3!, t127!.id);
  const toast = page.getByTestId('history-toast');

  await page.getByTestId('undo-button').click();
  await expect(seatedChip(page, t127!.id, g3!.id)).toHaveCount(0);
  await expect(toast).toContainText(`Undone: you seated `);
  await expect(toast).toContainText(` at table ${t127!.name}.`);
  const change = (await toast.innerText()).trim().replace(/^Undone: /, ''); // g3 and who else of their party
  await page.getByTestId('redo-button').click();
  await expect(seatedChip(page, t127!.id, g3!.id)).toBeVisible();
  await expect(toast).toHaveText(`Redone: ${change}`);
  // Undoing the redo takes back that same change, and says so (g3 is left unseated, as in the demo).
  await page.getByTestId('undo-button').click();
  await expect(seatedChip(page, t127!.id, g3!.id)).toHaveCount(0);
  await expect(toast).toHaveText(`Undone: ${change}`);
});

test('after a reload the undo and redo notices still say what the change was', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await seat(page, g3!, t127!.id);
  const toast = page.getByTestId('history-toast');

  // The History panel is never opened: the notice reads the change from the undo's own events.
  await page.getByTestId('undo-button').click();
  await expect(seatedChip(page, t127!.id, g3!.id)).toHaveCount(0);
  await expect(toast).toContainText('Undone: you seated ');
  await expect(toast).toContainText(` at table ${t127!.name}.`);
  const change = (await toast.innerText()).trim().replace(/^Undone: /, '');

  // A reload forgets which change the undo was for; the redo's notice still names it, as does the next undo's.
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await page.getByTestId('redo-button').click();
  await expect(seatedChip(page, t127!.id, g3!.id)).toBeVisible();
  await expect(toast).toHaveText(`Redone: ${change}`);
  await page.getByTestId('undo-button').click();
  await expect(seatedChip(page, t127!.id, g3!.id)).toHaveCount(0);
  await expect(toast).toHaveText(`Undone: ${change}`);
});

test('an undo with nothing left to take back says so at once (it makes no events to describe)', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Spring Gala');
  const context = await browser.newContext();
  const [one, two] = [await context.newPage(), await context.newPage()];
  const errors = [one, two].map(watchConsole);
  await openPlan(one, server, organisePath);
  await named(one, 'Alice');
  const rename = async (page: Page, name: string) => {
    await page.getByTestId('rename-plan').click();
    await page.getByTestId('plan-name-input').fill(name);
    await page.getByTestId('plan-name-save').click();
    await expect(page.getByTestId('plan-name')).toHaveText(name);
  };
  await rename(one, 'Summer Gala');
  await expect(one.getByTestId('undo-button')).toBeEnabled();
  // Alice, in a second tab, names it back by hand: her undo of the renaming then has nothing to change.
  await openPlan(two, server, organisePath);
  await rename(two, 'Spring Gala');
  await expect(one.getByTestId('plan-name')).toHaveText('Spring Gala');
  // The History panel is never opened, so the notice cannot come from the history, and no events will come.
  await one.getByTestId('undo-button').click();
  await expect(one.getByTestId('history-toast')).toHaveText('Undone: nothing was left to take back, the plan already was as it would make it.');
  await expect(one.getByTestId('plan-name')).toHaveText('Spring Gala');
  expect(errors.flat()).toEqual([]);
});

test('restoring a guest as it was before it was added asks first, then removes it, and undo brings it back', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Restore');
  const page = await (await browser.newContext()).newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  for (const [name, email] of [
    ['Elias Silva', 'elias.one@example.com'],
    ['Elias Silva', 'elias.two@example.com'],
  ]) {
    await page.getByTestId('open-add-guest').click();
    await page.getByTestId('guest-name').fill(name!);
    await page.getByTestId('guest-email').fill(email!);
    await page.getByTestId('guest-save').click();
    await expect(page.getByTestId('guest-name')).toHaveValue('');
    await page.keyboard.press('Escape');
  }
  await expect(page.getByTestId('guest-row')).toHaveCount(2);

  await page.getByTestId('history-toggle').click();
  await page.getByTestId('timeline-tab-entity').click();
  // Found as the board's search finds guests: every word, in any order.
  await page.getByTestId('entity-search').fill('silva, elias');
  // Namesakes are told apart by their e-mail.
  await expect(page.getByTestId('entity-match')).toHaveCount(2);
  await page.getByTestId('entity-match').filter({ hasText: 'elias.two@example.com' }).click();
  const created = page.getByTestId('entity-event').last();
  await expect(created).toContainText('Elias Silva');

  // "Restore before this" on the change that added it would remove it: it asks, naming that, and Cancel keeps it.
  await created.getByTestId('restore-before').click();
  const ask = page.getByTestId('restore-confirm');
  await expect(ask).toContainText('did not exist yet then: restoring removes it from the plan');
  await expect(ask.getByTestId('restore-confirm-remove')).toBeFocused();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('guest-row')).toHaveCount(2);

  await created.getByTestId('restore-before').click();
  await page.getByTestId('restore-confirm-remove').click();
  await expect(page.getByTestId('guest-row')).toHaveCount(1);
  await expect(page.getByTestId('guest-row')).toContainText('Elias Silva');
  await expect(
    page.getByTestId('history-toast').filter({ hasText: 'Removed Elias Silva (elias.two@example.com): it did not exist yet' }),
  ).toBeVisible();

  // The removal is one of my changes: undo brings the guest back.
  await page.getByTestId('undo-button').click();
  await expect(page.getByTestId('guest-row')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a jump to a time before the plan or after its last change goes to that end, and says so', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Jumps');
  await openPlan(page, server, organisePath);
  await addGuests(page, ['Ada Early']);
  await page.getByTestId('history-toggle').click();
  const said = page.getByTestId('jump-said');
  const field = page.getByTestId('jump-time');
  // The box shows the moment on display as the timeline writes dates (day, month as a word, year), never mm/dd/yyyy.
  await expect(field).toHaveAttribute('placeholder', /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}$/);
  // A date of digits only could be two days: refused, saying how to write it.
  await field.fill('03/02/2001 10:00');
  await page.getByRole('button', { name: 'Jump', exact: true }).click();
  await expect(page.getByTestId('jump-error')).toContainText('could be read two ways');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('past-bar')).toHaveCount(0);
  await field.fill('3 Feb 2001, 10:00');
  await expect(page.getByTestId('jump-error')).toBeEmpty();
  await page.getByRole('button', { name: 'Jump', exact: true }).click();
  await expect(said).toHaveText('The plan did not exist yet then: showing its start.');
  await expect(page.getByTestId('past-bar')).toHaveAttribute('data-version', '0');
  await field.fill('2099-02-03 10:00');
  await expect(said).toBeEmpty(); // a new time: the old word goes
  await page.getByRole('button', { name: 'Jump', exact: true }).click();
  await expect(said).toHaveText('Nothing changed after the latest change: showing the plan as it is now.');
  await expect(page.getByTestId('past-bar')).toHaveCount(0);
});

test('in the past, the finder knows a guest by the name they have now too, and says both', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Renamed since');
  await openPlan(page, server, organisePath);
  await addGuests(page, ['Anna Ames']);
  await page.getByTestId('guest-row').first().focus();
  await page.keyboard.press('F2');
  await page.getByTestId('inline-name').fill('Anna Bauer');
  await page.getByTestId('inline-name').press('Enter');
  await expect(page.getByTestId('guest-row')).toContainText('Anna Bauer');
  await page.getByTestId('history-toggle').click();
  await entry(page, 'added guest Anna Ames').locator('.tl-row__main').click();
  await expect(page.getByTestId('past-bar')).toBeVisible();
  await page.getByTestId('timeline-tab-entity').click();
  await page.getByTestId('entity-search').fill('Bauer');
  await expect(page.getByTestId('entity-match')).toHaveText(['Anna Ames · not seated · now Anna Bauer']);
});

test('a guest removed by mistake is found in the finder by the name they had, and restored as they were', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Removed by mistake');
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Hanna Łukasz', 'Ivo Petrov']);
  await page.getByTestId('guest-row').filter({ hasText: 'Hanna Łukasz' }).focus();
  await page.keyboard.press('e');
  await page.getByTestId('guest-dialog').getByTestId('guest-remove').click();
  await page.getByTestId('guest-dialog').getByTestId('guest-remove-yes').click();
  await expect(page.getByTestId('guest-row')).toHaveCount(1);

  await page.getByTestId('history-toggle').click();
  await page.getByTestId('timeline-tab-entity').click();
  await page.getByTestId('entity-search').fill('hanna');
  const match = page.getByTestId('entity-match');
  await expect(match).toHaveText([/^Hanna Łukasz · removed /]);
  await match.click();
  await expect(page.getByTestId('entity-title')).toHaveText('History of Hanna Łukasz');
  // The newest change is her removal: as she was before it, she is back.
  const removal = page.getByTestId('entity-event').first();
  await expect(removal).toContainText('removed');
  await removal.getByTestId('restore-before').click();
  await expect(page.getByTestId('guest-row')).toHaveCount(2);
  await expect(page.getByTestId('guest-row').filter({ hasText: 'Hanna Łukasz' })).toHaveCount(1);
  // Back in the plan, the finder knows her as a guest again, not as a removed one.
  await page.getByTestId('entity-search').fill('hanna');
  await expect(match).toHaveText(['Hanna Łukasz · not seated']);
});

test('restoring before one change that would take back more of mine says which, and asks first', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Restore more than one');
  await openPlan(page, server, organisePath);
  await named(page, 'Olivia');
  await addTables(page, 1, 3, 6);
  await addGuests(page, ['Ivo Petrov']);
  // Ivo's department, then his seat: both mine.
  await page.getByTestId('guest-row').focus();
  await page.keyboard.press('e');
  await page.getByTestId('guest-dialog').getByTestId('guest-department').fill('Board');
  await page.getByTestId('guest-dialog').getByTestId('guest-save').click();
  await page.keyboard.press('Escape');
  await dragOnto(page.getByTestId('guest-row'), page.getByTestId('table-card').nth(2));
  await expect(page.getByTestId('guest-row')).toHaveAttribute('data-table-id', /.+/);

  await page.getByTestId('history-toggle').click();
  await page.getByTestId('timeline-tab-entity').click();
  await page.getByTestId('entity-search').fill('ivo');
  await page.getByTestId('entity-match').click();
  const department = page.getByTestId('entity-event').filter({ hasText: 'department' });
  await department.getByTestId('restore-before').click();
  const ask = page.getByTestId('restore-confirm');
  await expect(ask).toContainText('Restoring takes back 2 later changes of yours:');
  await expect(ask.getByTestId('restore-overwrites').getByRole('listitem')).toHaveText([/department/, /seated Ivo Petrov/]);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('guest-row')).toHaveAttribute('data-table-id', /.+/);
  await department.getByTestId('restore-before').click();
  await page.getByTestId('restore-confirm-restore').click();
  await expect(page.getByTestId('guest-row')).toHaveAttribute('data-table-id', '');
});

test('restoring a guest over a later change of somebody else names it and asks first', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Restore over others');
  const [alice, bob] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  await openPlan(alice, server, organisePath);
  await named(alice, 'Alice');
  await openPlan(bob, server, organisePath);
  await named(bob, 'Bob');
  await addGuests(alice, ['Anna Ames']);
  // Bob writes a note on Anna.
  await expect(bob.getByTestId('guest-row')).toHaveCount(1);
  await bob.getByTestId('guest-row-edit').click();
  await bob.getByTestId('guest-notes').fill('Wheelchair access');
  await bob.getByTestId('guest-save').click();
  await expect(alice.getByTestId('guest-row')).toContainText('Wheelchair access');

  await alice.getByTestId('history-toggle').click();
  await alice.getByTestId('timeline-tab-entity').click();
  await alice.getByTestId('entity-search').fill('Anna');
  await alice.getByTestId('entity-match').first().click();
  const bobs = alice.getByTestId('entity-event').first();
  await expect(bobs).toContainText('Bob');
  // As it was before Bob's note: that takes his note back, so it is named and asked, and Cancel keeps it.
  await bobs.getByTestId('restore-before').click();
  const ask = alice.getByTestId('restore-confirm');
  await expect(ask).toContainText('Restoring takes back a later change by others:');
  await expect(ask.getByTestId('restore-overwrites').getByRole('listitem')).toHaveText([/^Bob changed Anna Ames: notes .*Wheelchair access/]);
  await expect(ask.getByTestId('restore-confirm-restore')).toBeFocused();
  await alice.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(alice.getByTestId('guest-row')).toContainText('Wheelchair access');
  await bobs.getByTestId('restore-before').click();
  await alice.getByTestId('restore-confirm-restore').click();
  await expect(alice.getByTestId('history-toast').filter({ hasText: 'One later change by others taken back.' })).toBeVisible();
  // read out by the page's live region, which was there before the toast
  await expect(alice.getByTestId('announcer')).toContainText('Anna Ames restored as it was at');
  await expect(bob.getByTestId('guest-row')).not.toContainText('Wheelchair access');
});

test('keyboard: a restore, and its question answered or put away, leave focus on the restore button, which says its change', async ({
  page,
  server,
}) => {
  const { organisePath } = await openLinkPlan(server, 'Restore by keyboard');
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Anna Ames']);
  await page.getByTestId('guest-row').first().focus();
  await page.keyboard.press('F2');
  await page.getByTestId('inline-name').fill('Anna Bauer');
  await page.getByTestId('inline-name').press('Enter');
  await expect(page.getByTestId('guest-row')).toContainText('Anna Bauer');

  await page.getByTestId('history-toggle').click();
  await page.getByTestId('timeline-tab-entity').click();
  await page.getByTestId('entity-search').fill('Anna');
  await page.getByTestId('entity-search').press('Enter');
  const [renamed, added] = [page.getByTestId('entity-event').first(), page.getByTestId('entity-event').last()];
  await expect(renamed).toContainText('Anna Bauer');
  await expect(added).toContainText('added guest Anna Ames');
  // Every row has its own "Before" and "Restore before this": each is described by its row's change.
  await expect(added.getByTestId('restore-before')).toHaveAccessibleDescription(/^Alice added guest Anna Ames$/);
  await expect(added.getByRole('button', { name: 'Before', exact: true })).toHaveAccessibleDescription(/^Alice added guest Anna Ames$/);

  // Restoring before the change that added her would remove her: asked. Put away (Escape, Cancel), focus is back on
  // the button that asked, not at the top of the page.
  const ask = page.getByTestId('restore-confirm');
  await added.getByTestId('restore-before').focus();
  await page.keyboard.press('Enter');
  await expect(ask.getByTestId('restore-confirm-remove')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(added.getByTestId('restore-before')).toBeFocused();
  await page.keyboard.press('Enter');
  await ask.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(ask).toHaveCount(0);
  await expect(added.getByTestId('restore-before')).toBeFocused();

  // Restoring before my renaming takes back that change only: done at once, and focus stays on its button.
  const restore = page.getByTestId('entity-event').filter({ hasText: 'Anna Bauer' }).last().getByTestId('restore-before');
  await restore.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('guest-row')).toContainText('Anna Ames');
  await expect(restore).toBeFocused();
});

test('an import and a revert are my changes: Ctrl+Z takes them back, never the change before them', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Undo an import');
  const page = await (await browser.newContext()).newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  // Alice's change before the import: a guest added by hand.
  await page.getByTestId('open-add-guest').click();
  await page.getByTestId('guest-name').fill('Hanna Hand');
  await page.getByTestId('guest-save').click();
  await expect(page.getByTestId('guest-name')).toHaveValue('');
  await page.keyboard.press('Escape');
  const rows = page.getByTestId('guest-row');
  await expect(rows).toHaveCount(1);

  await page.getByTestId('tab-imports').click();
  const csv = ['Name;Vorname', 'Import;Ida', 'Import;Ivo', 'Import;Ines'].join('\n');
  await page.getByTestId('upload-input').setInputFiles({ name: 'extra.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('preview-counts')).toHaveText('3 new');
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(rows).toHaveCount(4);

  // Ctrl+Z takes the whole import back; the guest added by hand stays.
  await page.getByTestId('tab-imports').focus();
  await page.keyboard.press('Control+Z');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Hanna Hand');
  await page.keyboard.press('Control+Shift+Z');
  await expect(rows).toHaveCount(4);

  // A revert of a second import is taken back by Ctrl+Z as well: its guests come back.
  const more = ['Name;Vorname', 'Zweit;Zora', 'Zweit;Zeno'].join('\n');
  await page.getByTestId('upload-input').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(more) });
  await expect(page.getByTestId('preview-counts')).toHaveText('2 new');
  await page.getByTestId('apply-import').click();
  await expect(rows).toHaveCount(6);
  await page.getByTestId('batch').filter({ hasText: 'more.csv' }).getByTestId('revert-batch').click();
  await page.getByTestId('revert-confirm').click();
  await expect(page.getByTestId('revert-dialog')).toHaveCount(0);
  await expect(rows).toHaveCount(4);
  await page.getByTestId('tab-imports').focus();
  await page.keyboard.press('Control+Z');
  await expect(rows).toHaveCount(6);
  expect(errors).toEqual([]);
});

test('keyboard: Compare on a change, a guest picked in the finder and a revert leave focus on what they show', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Keyboard history');
  const page = await (await browser.newContext()).newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await page.getByTestId('tab-imports').click();
  const csv = ['Name;Vorname', 'Tast;Tara', 'Tast;Timo'].join('\n');
  await page.getByTestId('upload-input').setInputFiles({ name: 'keys.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('preview-counts')).toHaveText('2 new');
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('guest-row')).toHaveCount(2);

  await page.getByTestId('history-toggle').focus();
  await page.keyboard.press('Enter');
  const importEntry = entry(page, 'keys.csv');
  await importEntry.getByTestId('compare-from').focus();
  await page.keyboard.press('Enter');
  // The list gave way to the Compare tab: focus is on what is compared, not back at the top of the page.
  await expect(page.getByTestId('compare-title')).toBeFocused();

  await page.getByTestId('timeline-tab-entity').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('entity-search').focus();
  await page.keyboard.type('zzqx');
  await expect(page.getByTestId('entity-found')).toHaveText('No guest or table matches “zzqx”.');
  await page.getByTestId('entity-search').fill('');
  await page.keyboard.type('Timo');
  // How many match is said with the field; Down goes into the matches, Up back, Enter shows the first.
  await expect(page.getByTestId('entity-found')).toHaveText(/^1 match:/);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('entity-match')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('entity-search')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('entity-title')).toHaveText('History of Timo Tast');
  await expect(page.getByTestId('entity-title')).toBeFocused();

  // Reverted from the keyboard: its Revert button goes, focus stays on the batch, which now says it was reverted.
  const batch = page.locator('[data-testid="batch"][data-kind="guest-import"]');
  // Counted in the timeline's word ("ran “Guest import: keys.csv…” (2 edits)"): a change in the History's count is one step (a command or a batch), an edit one of its events.
  await expect(batch).toContainText('· 2 edits');
  await batch.getByTestId('revert-batch').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('revert-confirm')).toBeEnabled(); // once it has said what the revert will do
  await page.getByTestId('revert-confirm').focus();
  await page.keyboard.press('Enter');
  await expect(batch.getByTestId('batch-reverted')).toBeVisible();
  await expect(batch).toBeFocused();
  expect(errors).toEqual([]);
});

test('Ctrl+Z with nothing of mine to undo says so instead of doing nothing', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Nothing to undo');
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await page.getByTestId('tab-tables').focus();
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('history-toast')).toHaveText('Nothing of yours to undo: undo takes back your own changes, newest first.');
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('history-toast').filter({ hasText: 'Nothing to redo' })).toBeVisible();
});

test('Ctrl+Z a moment after a change, before the server has confirmed it, takes back that change, not the one before', async ({
  browser,
  server,
}) => {
  const { organisePath } = await openLinkPlan(server, 'Quick undo');
  const context = await browser.newContext();
  // Between the server and the page, as on a slow network: what the server sends can be held back for a while.
  let held: (() => void)[] | null = null;
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const upstream = ws.connectToServer();
    upstream.onMessage((m) => (held ? held.push(() => ws.send(m)) : ws.send(m)));
  });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Ann Ames', 'Ben Best']);
  const count = page.getByTestId('guest-count');
  await expect(count).toHaveAttribute('data-count', '2');

  // A third guest, shown at once; the server's answer and its event are held back.
  held = [];
  await page.getByTestId('open-add-guest').click();
  const form = page.getByTestId('guest-dialog');
  await form.getByTestId('guest-name').fill('Cleo Cole');
  await form.getByTestId('guest-name').press('Enter');
  await expect(count).toHaveAttribute('data-count', '3');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  // The Undo button does not name Ben meanwhile.
  await expect(page.getByTestId('undo-button')).toHaveAccessibleName('Undo my last change (Ctrl+Z)');
  // Ctrl+Z now means Cleo: the undo waits for her to be confirmed rather than take Ben back.
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('undo-button')).toBeDisabled();
  const release = held;
  held = null;
  for (const send of release) send();
  await expect(page.getByTestId('history-toast')).toContainText('Cleo Cole');
  await expect(count).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('guest-row').filter({ hasText: 'Ben Best' })).toHaveCount(1);
  await expect(page.getByTestId('guest-row').filter({ hasText: 'Cleo Cole' })).toHaveCount(0);

  // Held back for longer (a connection that is not coming back soon): the undo says why it waits, and takes back
  // nothing meanwhile.
  held = [];
  await page.getByTestId('open-add-guest').click();
  await form.getByTestId('guest-name').fill('Dora Dunn');
  await form.getByTestId('guest-name').press('Enter');
  await expect(count).toHaveAttribute('data-count', '3');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('history-toast')).toHaveText(
    'Your latest change is not saved yet, and undo goes newest first: try again once it is saved.',
  );
  for (const send of held.splice(0)) send();
  held = null;
  await expect(page.getByTestId('undo-button')).toHaveAccessibleName(/^Undo: added guest Dora Dunn/);
  await expect(count).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('guest-row').filter({ hasText: 'Ben Best' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('back to now from an old change shows the newest changes at the top of the list again', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Scrolled history');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(
    page,
    Array.from({ length: 14 }, (_, i) => `Guest ${i + 1}`),
  );
  await page.getByTestId('history-toggle').click();
  const list = page.getByTestId('timeline-list');
  await expect(page.getByTestId('timeline-entry').first()).toBeVisible();
  // The oldest change: the list follows it down.
  await page.getByTestId('scrubber').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('past-bar')).toHaveAttribute('data-version', '1');
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // End is live: the newest change is in view again, where live changes arrive.
  await page.keyboard.press('End');
  await expect(page.getByTestId('past-bar')).toHaveCount(0);
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Guest 14' })).toBeInViewport();
  expect(errors).toEqual([]);
});

test('Undo, Redo, the step buttons and Back to now keep the keyboard focus where the planner pressed', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Steady focus');
  const page = await (await browser.newContext()).newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Ann Ames', 'Ben Best']);
  const count = page.getByTestId('guest-count');
  const undo = page.getByTestId('undo-button');
  const redo = page.getByTestId('redo-button');
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(count).toHaveAttribute('data-count', '1');
  await expect(undo).toBeFocused();
  // The last undo turns the button off: it keeps the focus, dimmed, and Enter on it does nothing.
  await page.keyboard.press('Enter');
  await expect(count).toHaveAttribute('data-count', '0');
  await expect(undo).toBeDisabled();
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(redo).toBeEnabled();
  await redo.focus();
  await page.keyboard.press('Enter');
  await expect(count).toHaveAttribute('data-count', '1');
  await expect(redo).toBeFocused();

  await page.getByTestId('history-toggle').click();
  // The step buttons work once the history is read (before, there is no change to step to: they are off).
  await expect(page.getByTestId('step-back')).toHaveAttribute('aria-disabled', 'false');
  await page.getByTestId('step-back').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('past-bar')).toBeVisible();
  await page.getByTestId('step-forward').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('past-bar')).toHaveCount(0);
  await expect(page.getByTestId('step-forward')).toBeFocused();
  await page.getByTestId('step-back').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('back-to-live').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('past-bar')).toHaveCount(0);
  await expect(page.getByTestId('scrubber')).toBeFocused();
  expect(errors).toEqual([]);
});

test('another organiser’s import, made while my history was closed, is named in my timeline when I open it', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Imports seen later');
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  const errors = [watchConsole(alice), watchConsole(bob)];
  await openPlan(alice, server, organisePath);
  await named(alice, 'Alice');
  await openPlan(bob, server, organisePath);
  await named(bob, 'Bob');
  // Alice's own bulk change: her page knows that batch's label.
  await addTables(alice, 1, 2, 8);
  await importCsv(bob, 'late.csv', ['Name;Vorname', 'Late;Lea', 'Late;Leo'], '2 new');
  await expect(alice.getByTestId('guest-count')).toHaveAttribute('data-count', '2');
  await alice.getByTestId('history-toggle').click();
  await expect(entry(alice, 'Bob ran “Guest import: late.csv (2 new, 0 updated)”')).toBeVisible();
  expect(errors.flat()).toEqual([]);
});

test('a reload or the address bar right after a step into the past opens that step, not the one before', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Quick reload');
  const page = await (await browser.newContext()).newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Ann Ames', 'Ben Best', 'Cy Cole']);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('history-count')).toBeVisible();
  await page.getByTestId('scrubber').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/\?at=\d+$/);
  const first = await page.getByTestId('past-bar').getAttribute('data-version');
  // One step further, then at once (one frame later, well inside the wait for stillness) a reload key and the
  // pointer leaving for the address bar: each writes the address there and then.
  const [before, afterKey, afterLeave] = await page.evaluate(async () => {
    const scrubber = document.querySelector<HTMLElement>('[data-testid="scrubber"]')!;
    scrubber.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const before = location.search;
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F5' }));
    const afterKey = location.search;
    scrubber.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    document.documentElement.dispatchEvent(new MouseEvent('mouseleave'));
    return [before, afterKey, location.search];
  });
  const second = Number(first) - 1;
  expect(before).toBe(`?at=${first}`);
  expect(afterKey).toBe(`?at=${second}`);
  expect(afterLeave).toBe(`?at=${second - 1}`);
  await page.reload();
  await expect(page.getByTestId('past-bar')).toHaveAttribute('data-version', String(second - 1));
  expect(errors).toEqual([]);
});

test('keyboard: with the History panel open, Enter on a table’s card, or on a reviewer’s guest row, shows its history', async ({
  browser,
  server,
}) => {
  const { organisePath, reviewPath } = await openLinkPlan(server, 'Enter for history');
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addTables(page, 1, 2, 6);
  await addGuests(page, ['Ann Ames']);
  const reviewer = await (await browser.newContext()).newPage();
  const errors = watchConsole(reviewer);
  await openPlan(reviewer, server, reviewPath);
  await reviewer.getByTestId('history-toggle').click();
  await expect(reviewer.getByTestId('history-count')).toBeVisible();
  // In the present: no pick-up on a reviewer's board, so Enter is free for the history, as a click is.
  await reviewer.getByTestId('table-card').nth(1).focus();
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('entity-title')).toHaveText('History of table 2');
  await expect(reviewer.getByTestId('entity-event').first()).toContainText('Alice added table 2');
  await expect(reviewer.getByTestId('table-card').nth(1)).toBeFocused();
  await reviewer.getByTestId('guest-row').first().focus();
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('entity-title')).toHaveText('History of Ann Ames');
  // The hint says so.
  await reviewer.getByTestId('timeline').getByRole('button', { name: 'Clear' }).click();
  await expect(reviewer.getByTestId('entity-empty')).toContainText('press Enter on a table’s card');
  expect(errors).toEqual([]);
});

test('a guest’s name longer than the History panel wraps in its history and in a comparison, never past the panel', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Long names');
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  const long = 'Hubert Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfalt';
  await addGuests(page, [long]);
  await page.getByTestId('history-toggle').click();
  await page.getByTestId('timeline-entry').first().getByTestId('compare-from').click();
  await expect(page.getByTestId('compare-lines')).toContainText('Wolfeschlegel');
  // who made the edits in between, counted in edits (not in the lines listed)
  await expect(page.getByTestId('compare-by')).toHaveText('Edits made in between: 1 by Alice');
  await page.getByTestId('timeline-tab-entity').click();
  await page.getByTestId('entity-search').fill('Wolfeschlegel');
  await page.getByTestId('entity-search').press('Enter');
  await expect(page.getByTestId('entity-title')).toHaveText(`History of ${long}`);
  // Nothing in the panel is wider than the panel (a word too long for a line was laid out past its edge, cut off there).
  const inside = async () =>
    page.getByTestId('timeline').evaluate((panel) => {
      const right = panel.getBoundingClientRect().right;
      return Array.from(panel.querySelectorAll('h3, .tl-row__sentence, .compare__line'))
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right + 1)
        .map((el) => el.textContent?.slice(0, 40));
    });
  expect(await inside()).toEqual([]);
  await page.getByTestId('timeline-tab-compare').click();
  await expect(page.getByTestId('compare-lines')).toContainText('Wolfeschlegel');
  expect(await inside()).toEqual([]);
});

test('at a moment before any guest was added, the guest list says so, not that the plan has none yet', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Guests later');
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Ann Ames']);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('step-back')).toHaveAttribute('aria-disabled', 'false'); // the history is read
  await page.getByRole('button', { name: 'Go to the start' }).click();
  await expect(page.getByTestId('past-bar')).toHaveAttribute('data-version', '0');
  const empty = page.getByTestId('guest-list-empty');
  await expect(empty).toContainText('No guests at this moment');
  await expect(empty).toContainText('Move the timeline on, or go back to now, to see the plan as it is.');
  await page.getByTestId('back-to-live').first().click();
  await expect(page.getByTestId('guest-row')).toHaveCount(1);
});

test('in the past, a guest row’s pick-up keys say why nothing moves, and Enter shows the guest’s history', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Keys in the past');
  const page = await (await browser.newContext()).newPage();
  const errors = watchConsole(page);
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Ann Ames', 'Ben Best']);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('step-back')).toHaveAttribute('aria-disabled', 'false'); // the history is read
  await page.getByTestId('scrubber').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('past-bar')).toBeVisible();
  const row = page.getByTestId('guest-row').first();
  await row.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('history-toast').filter({ hasText: 'go back to now to move guests' })).toBeVisible();
  await expect(page.getByTestId('past-bar')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline-tab-entity')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#tl-panel')).toContainText((await row.getByTestId('guest-name-text').textContent())!);
  expect(errors).toEqual([]);
});
