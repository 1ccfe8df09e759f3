import type { Locator, Page } from '@playwright/test';
import { demoPicks, labelOf } from './demo.ts';
import { expect, expectAccessible, guestRow, openPlan, seatedChip, tableCard, test } from './fixtures.ts';
import { dragAnnouncer, dragOnto, drawn } from './drag.ts';

test.describe.configure({ mode: 'serial' });

const { unseated, roomy, locked, occupied, s } = demoPicks();

/**
 * During a keyboard drag, Tab from target to target in page order (focus stays on what was picked up) until `card`
 * says it is the one. After each Tab the page draws what is under the drag before it is looked at (on a busy machine
 * React may lag a key).
 */
async function tabOnto(page: Page, card: Locator) {
  for (let i = 0; i < Object.keys(s.tables).length + 2; i++) {
    await page.keyboard.press('Tab');
    await drawn(page);
    if ((await card.getAttribute('data-over')) !== null) break;
  }
  await expect(card).toHaveAttribute('data-over', 'true');
}

test('a drag in one browser appears in the other, and survives a reload and a killed server', async ({ browser, server }) => {
  const { organisePath } = await server.demoLinks();
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await openPlan(alice, server, organisePath);
  await openPlan(bob, server, organisePath);
  await expectAccessible(alice, 'demo board, organiser');

  const guest = unseated[0]!;
  const table = roomy[0]!;
  const before = table.guestIds.length;
  await expect(tableCard(bob, table.id).getByTestId('seat-count')).toHaveText(`${before}/${table.capacity}`);

  await alice.getByTestId('guest-search').fill(guest.email);
  await dragOnto(guestRow(alice, guest.id), tableCard(alice, table.id));

  // Bob sees it without doing anything.
  await expect(seatedChip(bob, table.id, guest.id)).toBeVisible();
  await expect(tableCard(bob, table.id).getByTestId('seat-count')).toHaveText(`${before + 1}/${table.capacity}`);

  // A reload folds the stored events again.
  await alice.reload();
  await expect(alice.getByTestId('connection-status')).toHaveText('Connected');
  await expect(seatedChip(alice, table.id, guest.id)).toBeVisible();

  // Kill the server (no shutdown hook) and start it again on the same data directory.
  await server.kill();
  await expect(bob.getByTestId('connection-status')).not.toHaveText('Connected');
  await server.start();
  await expect(bob.getByTestId('connection-status')).toHaveText('Connected', { timeout: 30_000 });
  await expect(seatedChip(bob, table.id, guest.id)).toBeVisible();
  const carol = await (await browser.newContext()).newPage();
  await openPlan(carol, server, organisePath);
  await expect(seatedChip(carol, table.id, guest.id)).toBeVisible();
  await expect(tableCard(carol, table.id).getByTestId('seat-count')).toHaveText(`${before + 1}/${table.capacity}`);

  // And a move made after the restart (the guest's row dragged onto another table) reaches the others again.
  const other = roomy[1]!;
  await carol.getByTestId('guest-search').fill(guest.email);
  await expect(guestRow(carol, guest.id)).toHaveAttribute('data-table-id', table.id);
  await dragOnto(guestRow(carol, guest.id), tableCard(carol, other.id));
  await expect(seatedChip(bob, other.id, guest.id)).toBeVisible();
  await expect(seatedChip(alice, other.id, guest.id)).toBeVisible();
  await expect(seatedChip(alice, table.id, guest.id)).toHaveCount(0);
});

test('the chip a mouse drag carries stays under the pointer, for a row far down the list too', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  // The virtual list places its rows by translateY: a row measured without it would draw its chip that far above.
  // The rows pressed: those the pointer reaches (not under the list's header), the first and the lowest ones.
  const rows = page.getByTestId('guest-row');
  const reachable: number[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const hit = await rows.nth(i).evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.x + 40, r.y + r.height / 2);
      return r.bottom <= window.innerHeight && !!top && el.contains(top);
    });
    if (hit) reachable.push(i);
  }
  expect(reachable.length).toBeGreaterThan(5);
  for (const i of [reachable[0]!, reachable.at(-2)!, reachable.at(-1)!]) {
    const from = (await rows.nth(i).boundingBox())!;
    const [x0, y0] = [from.x + 40, from.y + from.height / 2];
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x0 + 12, y0 + 12, { steps: 3 });
    await page.mouse.move(x0 + 300, y0 + 20, { steps: 8 });
    await drawn(page);
    const carried = (await page.locator('.drag-overlay').locator('..').boundingBox())!;
    expect([Math.round(carried.x - from.x), Math.round(carried.y - from.y)], `row ${i}`).toEqual([300, 20]);
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await expect(page.locator('.drag-overlay')).toHaveCount(0);
  }
});

test('a seated guest dragged from their table onto the unseat zone goes back to the unseated list', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const table = occupied[0]!;
  const guestId = table.guestIds[0]!;
  await dragOnto(seatedChip(page, table.id, guestId), page.getByTestId('unseat-zone'));
  await expect(seatedChip(page, table.id, guestId)).toHaveCount(0);
  await expect(tableCard(page, table.id).getByTestId('seat-count')).toHaveText(`${table.guestIds.length - 1}/${table.capacity}`);
  await page.getByTestId('filter-unseated').click();
  await page.getByTestId('guest-search').fill(s.guests[guestId]!.email);
  await expect(guestRow(page, guestId)).toHaveAttribute('data-table-id', '');
});

test('keyboard: pick a guest up with Space, drop on a table with Enter', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const guest = unseated[1]!;
  const table = roomy[2]!;
  await page.getByTestId('guest-search').fill(guest.email);
  await guestRow(page, guest.id).focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toContainText(`Picked up guest ${guest.name}`);
  await tableCard(page, table.id).focus();
  await page.keyboard.press('Enter');
  await expect(seatedChip(page, table.id, guest.id)).toBeVisible();
  await expect(guestRow(page, guest.id)).toHaveAttribute('data-table-id', table.id);
});

test('keyboard drag: Space picks up, Tab moves over the tables, Space drops; Escape cancels; each step is announced', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const guest = unseated[3]!; // the demo plan has hundreds of each
  const table = roomy[3]!;
  const card = tableCard(page, table.id);
  // Earlier tests in this file may have moved guests of this table: count what the page shows now.
  const seatedNow = Number((await card.getByTestId('seat-count').textContent())?.split('/')[0]);
  await page.getByTestId('guest-search').fill(guest.email);
  await guestRow(page, guest.id).focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toHaveText(`Picked up guest ${labelOf(s, guest)}.`);
  await tabOnto(page, card);
  await expect(dragAnnouncer(page)).toHaveText(`Over table “${table.name}”, ${seatedNow} of ${table.capacity} seats.`);
  await page.keyboard.press('Space');
  await expect(seatedChip(page, table.id, guest.id)).toBeVisible();
  await expect(dragAnnouncer(page)).toHaveText(
    `Dropped guest ${labelOf(s, guest)} on table “${table.name}”, ${seatedNow + 1} of ${table.capacity} seats.`,
  );

  // Picked up again (now from the chip) and put back with Escape: nothing moves.
  await seatedChip(page, table.id, guest.id).focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toHaveText(`Picked up guest ${labelOf(s, guest)}.`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await expect(dragAnnouncer(page)).toHaveText(`Cancelled. Guest ${labelOf(s, guest)} is not moved.`);
  await expect(seatedChip(page, table.id, guest.id)).toBeVisible();
  await expect(guestRow(page, guest.id)).toHaveAttribute('data-table-id', table.id);
});

test('keyboard: a guest seated from the Unseated list leaves it, and the focus goes to the guest in their place', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const table = roomy[4]!;
  await page.getByTestId('filter-unseated').click();
  // the first two rows of the list (it is virtualised: rows far down are not drawn)
  const [first, next] = await page.getByTestId('guest-row').evaluateAll((rows) => rows.slice(0, 2).map((r) => (r as HTMLElement).dataset.guestId!));
  const guest = { id: first! };
  const row = guestRow(page, guest.id);
  await row.focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toContainText('Picked up guest');
  await tabOnto(page, tableCard(page, table.id));
  await page.keyboard.press('Space');
  await expect(seatedChip(page, table.id, guest.id)).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(guestRow(page, next!)).toBeFocused();
  await page.getByTestId('filter-all').click();
});

test('keyboard: the first arrow goes on from where the guest is, past drops that would change nothing', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  // An unseated guest: the unseat zone (before the tables) would change nothing, the first table comes first.
  const guest = unseated[5]!;
  await page.getByTestId('guest-search').fill(guest.email);
  await guestRow(page, guest.id).focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toContainText('Picked up guest');
  await page.keyboard.press('ArrowRight');
  await expect(dragAnnouncer(page)).toContainText('Over table');
  await page.keyboard.press('Escape');
  await page.getByTestId('guest-search').fill('');

  // A seated guest: from their own table to the next one in the page, not back to the top.
  const table = occupied[2]!;
  const seated = table.guestIds[0]!;
  const next = await tableCard(page, table.id).evaluate((card) => {
    const cards = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="table-card"]'));
    return cards[cards.indexOf(card as HTMLElement) + 1]?.dataset.tableId ?? '';
  });
  expect(next).not.toBe('');
  await seatedChip(page, table.id, seated).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(tableCard(page, next)).toHaveAttribute('data-over', 'true');
  // Down goes to the card drawn below it in the grid, not to the next in the page; Up comes back.
  const below = await tableCard(page, next).evaluate((card) => {
    const a = card.getBoundingClientRect();
    const under = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="table-card"]')).filter((c) => {
      const b = c.getBoundingClientRect();
      return Math.abs(b.left - a.left) < 2 && b.top > a.bottom - 2;
    });
    under.sort((x, y) => x.getBoundingClientRect().top - y.getBoundingClientRect().top);
    return under[0]?.dataset.tableId ?? '';
  });
  expect(below).not.toBe('');
  await page.keyboard.press('ArrowDown');
  await expect(tableCard(page, below)).toHaveAttribute('data-over', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(tableCard(page, next)).toHaveAttribute('data-over', 'true');
  await page.keyboard.press('Escape');
  await expect(seatedChip(page, table.id, seated)).toBeVisible();
});

test('keyboard swap: over a table, Alt+Down steps to a guest seated there, and Space swaps the two', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const [from, to] = [occupied[5]!, occupied[6]!];
  const guest = s.guests[from.guestIds[0]!]!;
  const other = s.guests[to.guestIds[0]!]!;
  const card = tableCard(page, to.id);
  await seatedChip(page, from.id, guest.id).focus();
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toHaveText(`Picked up guest ${labelOf(s, guest)}.`);
  await tabOnto(page, card);
  const said = page.getByTestId('announcer');
  for (let i = 0; i < to.guestIds.length; i++) {
    await page.keyboard.press('Alt+ArrowDown');
    await drawn(page);
    if ((await said.textContent())?.includes(labelOf(s, other))) break;
  }
  await expect(said).toHaveText(`Over ${labelOf(s, other)} at table “${to.name}”. Drop to swap places.`);
  await page.keyboard.press('Space');
  await expect(seatedChip(page, to.id, guest.id)).toBeVisible();
  await expect(seatedChip(page, from.id, other.id)).toBeVisible();
  await expect(dragAnnouncer(page)).toHaveText(
    `Swapped ${labelOf(s, guest)} and ${labelOf(s, other)}: ${labelOf(s, guest)} now sits at table “${to.name}”, ${labelOf(s, other)} at table “${from.name}”.`,
  );
});

test('a locked VIP table refuses a guest and says why', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const guest = unseated[2]!;
  const vip = locked[0]!;
  await page.getByTestId('guest-search').fill(guest.email);
  await dragOnto(guestRow(page, guest.id), tableCard(page, vip.id));
  await expect(tableCard(page, vip.id).getByTestId('seat-count')).toHaveText(`${vip.guestIds.length}/${vip.capacity}`);
  await expect(seatedChip(page, vip.id, guest.id)).toHaveCount(0);
  await expect(guestRow(page, guest.id)).toHaveAttribute('data-table-id', '');
  await expect(page.getByTestId('rejection').first()).toContainText('locked');
  // It goes by itself (the board has rolled the change back) when nobody is reading it: refusals used to pile up
  // over the tables until each was dismissed.
  await page.mouse.move(5, 5);
  await expect(page.getByTestId('rejection')).toHaveCount(0, { timeout: 30_000 });
});

test('a review link shows the plan but cannot move a guest', async ({ browser, server }) => {
  const { reviewPath, organisePath } = await server.demoLinks();
  const reviewer = await (await browser.newContext()).newPage();
  await openPlan(reviewer, server, reviewPath);
  await expectAccessible(reviewer, 'demo board, review link');
  const table = occupied[1]!;
  const seatedGuest = s.guests[table.guestIds[0]!]!;
  const target = roomy[4]!;
  await expect(seatedChip(reviewer, table.id, seatedGuest.id)).toBeVisible();
  await expect(seatedChip(reviewer, table.id, seatedGuest.id)).not.toHaveAttribute('draggable', 'true');
  await dragOnto(seatedChip(reviewer, table.id, seatedGuest.id), tableCard(reviewer, target.id));
  await seatedChip(reviewer, table.id, seatedGuest.id).focus();
  await reviewer.keyboard.press('Space');
  await tableCard(reviewer, target.id).focus();
  await reviewer.keyboard.press('Enter');

  // Nothing moved, for the reviewer or for an organiser who opens the plan afresh.
  const organiser = await (await browser.newContext()).newPage();
  await openPlan(organiser, server, organisePath);
  for (const p of [reviewer, organiser]) {
    await expect(seatedChip(p, table.id, seatedGuest.id)).toBeVisible();
    await expect(seatedChip(p, target.id, seatedGuest.id)).toHaveCount(0);
  }
});

test('a drag does not make the cards it refuses taller: the card under the pointer stays where it was', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await page.setViewportSize({ width: 1400, height: 900 });
  await openPlan(page, server, organisePath);
  const guest = unseated[5]!;
  // Every card drawn, by table (the board draws what is near the screen: compared where drawn both times).
  const heights = async () =>
    new Map(
      await page
        .getByTestId('table-card')
        .evaluateAll((cards) => cards.map((c) => [(c as HTMLElement).dataset.tableId!, c.getBoundingClientRect().height] as const)),
    );
  const before = await heights();
  await page.getByTestId('guest-search').fill(guest.email);
  await guestRow(page, guest.id).focus();
  await page.keyboard.press('Space');
  await expect(tableCard(page, locked[1]!.id)).toHaveAttribute('data-drop', 'refused');
  await expect(tableCard(page, locked[1]!.id).locator('.refusal')).toBeVisible();
  const during = await heights();
  const both = [...before.keys()].filter((id) => during.has(id));
  expect(both.length).toBeGreaterThan(10);
  expect(both.filter((id) => during.get(id) !== before.get(id)).map((id) => `${id}: ${before.get(id)} → ${during.get(id)}`)).toEqual([]);
  await page.keyboard.press('Escape');
});

test('keyboard: T on a guest row opens a table menu that reaches a table by its number, and Escape comes back to the list', async ({
  page,
  server,
}) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const table = roomy[6]!;
  await page.getByTestId('filter-unseated').click();
  const [first] = await page.getByTestId('guest-row').evaluateAll((rows) => rows.slice(0, 1).map((r) => (r as HTMLElement).dataset.guestId!));
  await guestRow(page, first!).focus();
  await page.keyboard.press('t');
  const picker = page.getByTestId('seat-picker');
  await expect(picker).toBeVisible();
  const menu = picker.getByTestId('seat-picker-select');
  await expect(menu).toBeFocused();
  // the menu's own type-ahead: the table's number, not 100 arrow presses
  await page.keyboard.type(table.name);
  await expect(menu).toHaveValue(table.id);
  await page.keyboard.press('Tab');
  await expect(picker.getByTestId('seat-picker-seat')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(seatedChip(page, table.id, first!)).toBeVisible();
  await expect(picker.getByTestId('seat-picker-table')).toContainText(`${table.name} (`);
  // Seat turned itself off (the guest sits there now): focus stays in the picker, on the menu, not on the page.
  await expect(menu).toBeFocused();
  await expect(picker.getByTestId('seat-picker-meanwhile')).toHaveCount(0); // one's own change is not news
  // Enter on the menu itself moves (a select does not submit its form by itself).
  const next = roomy[7]!;
  await menu.selectOption(next.id);
  await expect(menu).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(seatedChip(page, next.id, first!)).toBeVisible();
  await expect(seatedChip(page, table.id, first!)).toHaveCount(0);
  await expect(menu).toBeFocused();
  // So does Unseat, which goes with the seat.
  await picker.getByTestId('seat-picker-unseat').focus();
  await page.keyboard.press('Enter');
  await expect(seatedChip(page, next.id, first!)).toHaveCount(0);
  await expect(picker.getByTestId('seat-picker-table')).toHaveText('Unseated');
  await expect(menu).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(page.getByTestId('guest-row').and(page.locator('[tabindex="0"]'))).toBeFocused();
  await page.getByTestId('filter-all').click();
});
