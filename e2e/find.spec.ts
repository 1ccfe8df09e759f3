import { countMeals, freeSeats, guestFilter, noCriteria, type Guest } from '../packages/domain/src/index.ts';
import { demoState } from './demo.ts';
import { expect, expectAccessible, guestRow, openLinkPlan, openPlan, fileServer, seatedChip, tableCard, test } from './fixtures.ts';
import { importCsv } from './plan-setup.ts';

test.describe.configure({ mode: 'serial' });

// A server of this file's own, so the demo plan is exactly demoState() (other files' tests change the shared one).
const server = fileServer();

const s = demoState();
const guests = Object.values(s.guests);
const matching = (c: Partial<typeof noCriteria>) => guests.filter(guestFilter({ ...noCriteria, ...c }));
const seatedOf = (list: Guest[]) => list.find((g) => g.tableId)!;

test('search finds guests by their needs and notes, and tables by number; the board marks the matches', async ({ browser }) => {
  const { organisePath } = await server.demoLinks();
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);

  const wheelchair = matching({ text: 'wheelchair' });
  expect(wheelchair.length).toBeGreaterThan(0);
  await page.getByTestId('guest-search').fill('wheelchair');
  await expect(page.getByTestId('guest-count')).toHaveAttribute('data-count', String(wheelchair.length));
  await expect(page.getByTestId('find-status')).toHaveAttribute('data-guests', String(wheelchair.length));
  await expect(page.getByTestId('find-status-text')).toContainText(`${wheelchair.length} guests`);

  // The row shows the note as an icon whose name is the text; the seated guest's chip is marked, a neighbour dimmed.
  const first = wheelchair[0]!;
  await expect(guestRow(page, first.id)).toHaveAccessibleName(/Note: Wheelchair access/);
  await expect(guestRow(page, first.id).getByTestId('need-note')).toBeVisible();
  const seated = seatedOf(wheelchair);
  await expect(seatedChip(page, seated.tableId!, seated.id)).toHaveAttribute('data-match', 'hit');
  await expect(seatedChip(page, seated.tableId!, seated.id)).toHaveAttribute('aria-label', /note: Wheelchair access/);
  await expect(tableCard(page, seated.tableId!)).toHaveAttribute('data-match', 'match');
  const neighbour = s.tables[seated.tableId!]!.guestIds.find((id) => !wheelchair.some((g) => g.id === id));
  if (neighbour) await expect(seatedChip(page, seated.tableId!, neighbour)).toHaveAttribute('data-match', 'dim');

  // A table by its number: table 57 matches, table 157 does not exist, table 5 is dimmed.
  await page.getByTestId('guest-search').fill('table 57');
  await expect(tableCard(page, 't-057')).toHaveAttribute('data-match', 'match');
  await expect(tableCard(page, 't-005')).toHaveAttribute('data-match', 'dim');

  await page.getByTestId('find-status-clear').click();
  await expect(page.getByTestId('guest-search')).toHaveValue('');
  await expect(tableCard(page, 't-005')).not.toHaveAttribute('data-match', /.*/);
});

test('filters narrow the list and the board: department, dietary, VIP, accessibility and tables with free seats', async ({ browser }) => {
  const { organisePath } = await server.demoLinks();
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);

  await page.getByTestId('find-toggle').click();
  await expect(page.getByTestId('find-toggle')).toHaveAttribute('aria-expanded', 'true');
  await page.getByTestId('find-dietary').selectOption('vegan');
  const vegan = matching({ dietary: 'vegan' });
  await expect(page.getByTestId('guest-count')).toHaveAttribute('data-count', String(vegan.length));

  const department = guests.find((g) => g.department !== 'Executive Office')!.department;
  await page.getByTestId('find-department').selectOption(department);
  const both = matching({ dietary: 'vegan', department });
  await expect(page.getByTestId('guest-count')).toHaveAttribute('data-count', String(both.length));
  await expect(page.getByTestId('find-toggle')).toContainText('Filters (2)');

  await page.getByTestId('find-clear').click();
  await page.getByTestId('find-vip').check();
  await expect(page.getByTestId('guest-count')).toHaveAttribute('data-count', String(matching({ vip: true }).length));
  await page.getByTestId('find-vip').uncheck();

  await page.getByTestId('find-free-seats').check();
  const free = Object.values(s.tables).filter(
    (t) => !t.locked && freeSeats(t, t.physicalTableId ? s.physicalTables[t.physicalTableId]!.capacity : undefined) > 0,
  );
  await expect(page.getByTestId('find-status')).toHaveAttribute('data-tables', String(free.length));
  const full = Object.values(s.tables).find((t) => !free.includes(t))!;
  await expect(tableCard(page, full.id)).toHaveAttribute('data-match', 'dim');
  await expect(tableCard(page, free[0]!.id)).toHaveAttribute('data-match', 'match');
  await page.getByTestId('find-clear').click();
  await expect(tableCard(page, full.id)).not.toHaveAttribute('data-match', /.*/);
});

test('in a narrow window the Catering table scrolls sideways under its table names, which stay in view', async ({ browser }) => {
  const { reviewPath } = await server.demoLinks();
  const page = await (await browser.newContext({ viewport: { width: 520, height: 800 } })).newPage();
  await openPlan(page, server, reviewPath);
  await page.getByTestId('open-catering').click();
  const scroll = page.getByTestId('catering-summary').getByRole('region', { name: 'Meals per table' });
  const name = scroll.getByTestId('catering-row').nth(6).getByRole('rowheader');
  const headers = [name, scroll.getByRole('columnheader', { name: 'Table' }), scroll.getByTestId('catering-total-row').getByRole('rowheader')];
  expect(await scroll.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeGreaterThan(100);

  // Scrolled to the far right and a few rows down: the counts have moved under the names, and the first rows under
  // the headings; the names have not moved sideways.
  const before = (await name.boundingBox())!.x;
  await scroll.evaluate((e) => e.scrollBy({ left: e.scrollWidth, top: 60 }));
  await expect.poll(() => scroll.evaluate((e) => e.scrollLeft)).toBeGreaterThan(100);
  await expect(scroll.getByRole('columnheader', { name: 'Other needs' })).toBeInViewport();
  for (const cell of headers) {
    await expect(cell).toBeInViewport({ ratio: 1 });
    expect((await cell.boundingBox())!.x).toBeCloseTo(before, 0);
    // On top of the counts scrolled under it, and opaque: the counts do not show through.
    expect(
      await cell.evaluate((e) => {
        const r = e.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { onTop: e === top || e.contains(top), background: getComputedStyle(e).backgroundColor };
      }),
    ).toMatchObject({ onTop: true, background: expect.not.stringMatching(/^(transparent|rgba\(0, 0, 0, 0\))$/) });
  }
});

test('the caterer summary counts meals per table and in total', async ({ browser }) => {
  const { reviewPath } = await server.demoLinks();
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, reviewPath);
  await page.getByTestId('open-catering').click();
  const dialog = page.getByTestId('catering-summary');
  await expect(dialog).toBeVisible();
  const total = countMeals(guests);
  const tile = (key: string) => dialog.locator(`[data-testid="catering-total"][data-key="${key}"]`);
  await expect(tile('guests')).toHaveAttribute('data-count', String(total.guests));
  await expect(tile('standard')).toHaveAttribute('data-count', String(total.standard));
  await expect(tile('vegan')).toHaveAttribute('data-count', String(total.categories.vegan));
  await expect(tile('vegetarian')).toHaveAttribute('data-count', String(total.categories.vegetarian));

  const table = Object.values(s.tables).find((t) => t.guestIds.length > 0)!;
  const counts = countMeals(table.guestIds.map((id) => s.guests[id]!));
  const row = dialog.locator(`[data-testid="catering-row"][data-table-id="${table.id}"]`);
  await expect(row.locator('[data-key="guests"]')).toHaveAttribute('data-count', String(counts.guests));
  await expect(row.locator('[data-key="standard"]')).toHaveAttribute('data-count', String(counts.standard));
  await expect(dialog.getByTestId('catering-total-row').locator('[data-key="guests"]')).toHaveAttribute('data-count', String(total.guests));
  // A column for guests with several needs comes only when somebody has them (none in the demo: unit-tested).
  expect(total.combined).toEqual([]);
  await expect(dialog.getByRole('columnheader').last()).toHaveText('Other needs');

  // At 1280 px every column fits (Kosher and Other needs were cut off); the list scrolls from the keyboard.
  expect(page.viewportSize()!.width).toBe(1280);
  const scroll = dialog.getByRole('region', { name: 'Meals per table' });
  await expect(scroll).toHaveAttribute('tabindex', '0');
  expect(await scroll.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  await expect(dialog.getByRole('columnheader', { name: 'Other needs' })).toBeInViewport({ ratio: 1 });
  await scroll.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => scroll.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  await expectAccessible(page, 'catering summary');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a guest renamed in place (F2, Enter) is seen live in a second page; Escape cancels, an empty name is refused inline', async ({ browser }) => {
  const { organisePath } = await server.demoLinks();
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await openPlan(alice, server, organisePath);
  await openPlan(bob, server, organisePath);
  const guest = guests.find((g) => g.id === 'g-0500')!;
  await alice.getByTestId('guest-search').fill(guest.email);
  await bob.getByTestId('guest-search').fill(guest.email);

  // Escape leaves the name as it was.
  await guestRow(alice, guest.id).focus();
  await alice.keyboard.press('F2');
  const input = alice.getByTestId('inline-name');
  await expect(input).toBeFocused();
  await input.fill('Someone Else');
  await input.press('Escape');
  await expect(input).toHaveCount(0);
  await expect(guestRow(alice, guest.id)).toBeFocused();
  await expect(guestRow(alice, guest.id).getByTestId('guest-name-text')).toHaveText(guest.name);

  // An empty name is refused with the domain's sentence, and nothing is sent.
  await alice.keyboard.press('F2');
  await input.fill('   ');
  await input.press('Enter');
  await expect(alice.getByTestId('inline-error')).toHaveText('Names cannot be empty.');
  await expect(input).toHaveAttribute('aria-invalid', 'true');

  // Enter saves; Bob sees the new name without doing anything.
  await input.fill('Renata Late-RSVP');
  await input.press('Enter');
  await expect(input).toHaveCount(0);
  await expect(guestRow(alice, guest.id).getByTestId('guest-name-text')).toHaveText('Renata Late-RSVP');
  await expect(guestRow(bob, guest.id).getByTestId('guest-name-text')).toHaveText('Renata Late-RSVP');

  // A double-click on the name opens the same editor.
  await guestRow(bob, guest.id).getByTestId('guest-name-text').dblclick();
  await expect(bob.getByTestId('inline-name')).toHaveValue('Renata Late-RSVP');
  await bob.getByTestId('inline-name').press('Escape');
});

test('a guest row gives the name the width up to the table badge: the party handle and the pencil sit under it', async ({ browser }) => {
  const { organisePath } = await server.demoLinks();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openPlan(page, server, organisePath);
  // Agnieszka and a surname: 15–20 letters, most in parties (their rows carry the party handle), some with needs icons.
  const agnieszkas = guests.filter((g) => g.name.startsWith('Agnieszka '));
  expect(agnieszkas.length).toBeGreaterThan(8);
  await page.getByTestId('guest-search').fill('Agnieszka');
  await expect(page.getByTestId('guest-count')).toHaveAttribute('data-count', String(agnieszkas.length));
  let handles = 0;
  for (let i = 0; i < 8; i++) {
    const row = page.getByTestId('guest-row').nth(i);
    const name = row.getByTestId('guest-name-text');
    await expect(name).toHaveText(/^Agnieszka /);
    // Not cut: the text is as wide as its box.
    expect(await name.evaluate((e) => e.scrollWidth - e.clientWidth), await name.innerText()).toBeLessThanOrEqual(1);
    const handle = row.getByTestId('party-handle');
    if ((await handle.count()) > 0) {
      handles++;
      const [n, h] = [(await name.boundingBox())!, (await handle.boundingBox())!];
      expect(h.y).toBeGreaterThanOrEqual(n.y + n.height - 2);
    }
  }
  expect(handles).toBeGreaterThan(3);
});

test('guests with several needs are counted under each, and their meals named once under Several needs', async ({ browser }) => {
  const { organisePath } = await openLinkPlan(server, 'Several needs');
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);
  await importCsv(
    page,
    'needs.csv',
    ['Name;Vorname;Ernährung', 'Veg;Vera;"vegan, glutenfrei"', 'Veg;Vito;vegan', 'Hal;Hana;"halal; no pork"', 'Std;Sam;'],
    '4 new',
  );
  await page.getByTestId('tab-tables').click();
  await page.getByTestId('open-catering').click();
  const dialog = page.getByTestId('catering-summary');
  const tile = (key: string) => dialog.locator(`[data-testid="catering-total"][data-key="${key}"]`);
  await expect(tile('vegan')).toHaveAttribute('data-count', '2');
  await expect(tile('gluten-free')).toHaveAttribute('data-count', '1');
  await expect(dialog.getByRole('columnheader').last()).toHaveText('Several needs');
  const total = dialog.getByTestId('catering-total-row');
  await expect(total.locator('td').last()).toHaveText('1× Halal + no pork, 1× Vegan + Gluten-free');
  await expectAccessible(page, 'catering: several needs');
});
