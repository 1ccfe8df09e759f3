import type { Browser, Page } from '@playwright/test';
import { freeSeats, tableOn, partiesOf, type LogicalTable, type PartyInfo } from '../packages/domain/src/index.ts';
import { demoState, labelOf } from './demo.ts';
import { expect, guestRow, openPlan, fileServer, seatedChip, tableCard, test, type SeatfoldServer } from './fixtures.ts';
import { dragAnnouncer, dragOnto } from './drag.ts';

test.describe.configure({ mode: 'serial' });

// A server of this file's own: these tests seat whole parties, which would change tables other files pick.
const server = fileServer();

// Picked by fact from the demo plan (the server builds the same one). Each test uses its own party and tables.
const s = demoState();
const physicalCapacity = (t: LogicalTable) => (t.physicalTableId ? s.physicalTables[t.physicalTableId]?.capacity : undefined);
const movable = (p: PartyInfo) => p.guestIds.every((id) => !s.guests[id]!.tableId || !s.tables[s.guests[id]!.tableId]!.locked);
const fours = [...partiesOf(s).values()].filter((p) => p.guestIds.length === 4 && movable(p));
const splitFours = fours.filter((p) => p.tableIds.length > 1);
const empty = Object.values(s.tables).filter((t) => !t.locked && t.guestIds.length === 0 && freeSeats(t, physicalCapacity(t)) >= 4);
const twoFree = Object.values(s.tables).filter((t) => !t.locked && freeSeats(t, physicalCapacity(t)) === 2);
const loners = Object.values(s.guests).filter((g) => !g.tableId && !g.party);
const unplaced = Object.values(s.tables).filter((t) => !t.physicalTableId && !t.locked);
const freePhysical = Object.values(s.physicalTables).filter((p) => !tableOn(s, p.id));

/** An organiser's page with a display name (what other organisers see as the author of a change). */
async function organiser(browser: Browser, server: SeatfoldServer, name: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((n) => localStorage.setItem('seatfold:userName', n), name);
  const page = await context.newPage();
  await openPlan(page, server, (await server.demoLinks()).organisePath);
  return page;
}

const showParty = (page: Page, p: PartyInfo) => page.getByTestId('guest-search').fill(p.party);
const handleOf = (page: Page, p: PartyInfo) => guestRow(page, p.guestIds[0]!).getByTestId('party-handle');

test('a split party of 4 is flagged, and one mouse drag of its handle seats all four together', async ({ browser }) => {
  const page = await organiser(browser, server, 'Alice');
  const party = splitFours[0]!;
  const table = empty[0]!;
  const someTable = s.guests[party.guestIds.find((id) => s.guests[id]!.tableId)!]!.tableId!;
  await expect(tableCard(page, someTable).getByTestId('party-split')).toHaveAttribute(
    'aria-label',
    new RegExp(`${escape(party.party)} \\(4 guests\\) is split across`),
  );
  await showParty(page, party);
  await expect(guestRow(page, party.guestIds[0]!).getByTestId('party-split')).toBeVisible();

  await dragOnto(handleOf(page, party), tableCard(page, table.id));

  for (const id of party.guestIds) await expect(seatedChip(page, table.id, id)).toBeVisible();
  await expect(tableCard(page, table.id).getByTestId('seat-count')).toHaveText(`4/${table.capacity}`);
  await expect(guestRow(page, party.guestIds[0]!).getByTestId('party-split')).toHaveCount(0);
  await expect(tableCard(page, table.id).getByTestId('party-split')).toHaveCount(0);
});

test('keyboard: P on a guest row picks up the whole party, Enter on a table seats all four', async ({ browser }) => {
  const page = await organiser(browser, server, 'Alice');
  const party = fours.filter((p) => p !== splitFours[0])[0]!;
  const table = empty[1]!;
  await showParty(page, party);
  await guestRow(page, party.guestIds[0]!).focus();
  await page.keyboard.press('p');
  await expect(dragAnnouncer(page)).toContainText(`Picked up ${party.party} (4 guests)`);
  await tableCard(page, table.id).focus();
  await page.keyboard.press('Enter');
  for (const id of party.guestIds) await expect(seatedChip(page, table.id, id)).toBeVisible();
  for (const id of party.guestIds) await expect(guestRow(page, id)).toHaveAttribute('data-table-id', table.id);
});

test('a drop key pressed at once after the pick-up is not lost, even before any timer has run', async ({ browser }) => {
  const page = await organiser(browser, server, 'Alice');
  const party = fours.filter((p) => p !== splitFours[0])[1]!;
  const table = empty[4]!;
  await showParty(page, party);
  await tableCard(page, table.id).scrollIntoViewIfNeeded();
  // P on the row, then Enter on the table in the same task: after React has drawn the pick-up (microtasks), before
  // any timer. A busy browser runs input before timers, so a planner's quick second key can arrive that early.
  const timerRan = await guestRow(page, party.guestIds[0]!).evaluate(async (row, tableId) => {
    let ran = false;
    setTimeout(() => (ran = true));
    const press = (el: Element, key: string, code: string) =>
      el.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }));
    (row as HTMLElement).focus();
    press(row, 'p', 'KeyP');
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const card = document.querySelector<HTMLElement>(`[data-testid="table-card"][data-table-id="${tableId}"]`)!;
    card.focus();
    press(card, 'Enter', 'Enter');
    return ran;
  }, table.id);
  expect(timerRan).toBe(false);
  for (const id of party.guestIds) await expect(seatedChip(page, table.id, id)).toBeVisible();
  for (const id of party.guestIds) await expect(guestRow(page, id)).toHaveAttribute('data-table-id', table.id);

  // The drag that ended early left no listener behind: the next pick-up is not ended by its own key.
  const guest = loners[1]!;
  const next = empty[5]!;
  await page.getByTestId('guest-search').fill(guest.email);
  await guestRow(page, guest.id).focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toContainText(`Picked up guest ${guest.name}`);
  await tableCard(page, next.id).focus();
  await page.keyboard.press('Enter');
  await expect(seatedChip(page, next.id, guest.id)).toBeVisible();
});

test('a party that does not fit is refused whole, with the numbers', async ({ browser }) => {
  const page = await organiser(browser, server, 'Alice');
  const table = twoFree.find((t) => !fours.slice(0, 3).some((p) => p.tableIds.includes(t.id)))!;
  const party = fours.filter((p) => p !== splitFours[0])[2]!;
  const before = Object.fromEntries(party.guestIds.map((id) => [id, s.guests[id]!.tableId ?? '']));
  await showParty(page, party);
  await dragOnto(handleOf(page, party), tableCard(page, table.id));
  await expect(page.getByTestId('rejection')).toContainText(`${party.party} (4): table “${table.name}” has 2 free seats.`);
  await expect(tableCard(page, table.id).getByTestId('seat-count')).toHaveText(`${table.capacity - 2}/${table.capacity}`);
  for (const id of party.guestIds) await expect(guestRow(page, id)).toHaveAttribute('data-table-id', before[id]!);
  // The refusal stays until dismissed; with the history open it stands beside the timeline, not over its list.
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(async () => {
    const toast = (await page.getByTestId('rejection').boundingBox())!;
    const timeline = (await page.getByTestId('timeline').boundingBox())!;
    expect(toast.x + toast.width).toBeLessThanOrEqual(timeline.x);
  }).toPass({ timeout: 5_000 });
});

test('a stale drop is refused with who changed it, never turned into a move (guests and table placement)', async ({ browser }) => {
  const alice = await organiser(browser, server, 'Alice');
  const bob = await organiser(browser, server, 'Bob');
  const guest = loners[0]!;
  const [aliceTable, bobTable] = [empty[2], empty[3]];

  // Bob picks the unseated guest up; before he drops, Alice seats that guest.
  await bob.getByTestId('guest-search').fill(guest.email);
  await guestRow(bob, guest.id).focus();
  await bob.keyboard.press('Space');
  await expect(dragAnnouncer(bob)).toContainText(`Picked up guest ${guest.name}`);
  await alice.getByTestId('guest-search').fill(guest.email);
  await dragOnto(guestRow(alice, guest.id), tableCard(alice, aliceTable!.id));
  await expect(seatedChip(bob, aliceTable!.id, guest.id)).toBeVisible();

  await tableCard(bob, bobTable!.id).focus();
  await bob.keyboard.press('Enter');
  const toast = bob.locator('[data-testid="rejection"][data-code="Stale"]');
  await expect(toast).toContainText(
    `Alice just seated ${labelOf(s, guest)} at table “${aliceTable!.name}” — drop again if you still want to move them.`,
  );
  await expect(seatedChip(bob, bobTable!.id, guest.id)).toHaveCount(0);
  await expect(seatedChip(alice, aliceTable!.id, guest.id)).toBeVisible();
  await expect(seatedChip(bob, aliceTable!.id, guest.id)).toBeVisible();

  // The same in the rooms view: Bob carries a table that is not placed; Alice places it first.
  const table = unplaced[0]!;
  const [aliceSpot, bobSpot] = freePhysical;
  for (const page of [alice, bob]) {
    await page.getByTestId('tab-rooms').click();
    await page.getByTestId('rooms-list').click();
  }
  const tile = (page: Page) => page.locator(`[data-testid="logical-table"][data-table-id="${table.id}"]`);
  const spot = (page: Page, id: string) => page.locator(`[data-testid="physical-table"][data-physical-id="${id}"]`);
  await tile(bob).focus();
  await bob.keyboard.press('Space');
  await expect(dragAnnouncer(bob)).toContainText(`Picked up table “${table.name}”`);
  // The tray of unplaced tables stays at the top of the board while it scrolls: drop where the spot is in the open.
  await spot(alice, aliceSpot!.id).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await dragOnto(tile(alice), spot(alice, aliceSpot!.id));
  await expect(spot(bob, aliceSpot!.id).locator(`[data-table-id="${table.id}"]`)).toBeVisible();
  await spot(bob, bobSpot!.id).focus();
  await bob.keyboard.press('Enter');
  await expect(toast.filter({ hasText: 'placed' })).toContainText(
    `Alice just placed table “${table.name}” on ${aliceSpot!.label} — drop again if you still want to place it.`,
  );
  await expect(spot(bob, bobSpot!.id).locator(`[data-table-id="${table.id}"]`)).toHaveCount(0);
  await expect(spot(alice, aliceSpot!.id).locator(`[data-table-id="${table.id}"]`)).toBeVisible();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
