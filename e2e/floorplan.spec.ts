import type { Browser, Locator, Page } from '@playwright/test';
import { extractText } from 'unpdf';
import { partiesOf } from '../packages/domain/src/index.ts';
import { demoState } from './demo.ts';
import { expect, expectAccessible, fileServer, guestRow, openPlan, test } from './fixtures.ts';
import { dragAnnouncer, dragOnto } from './drag.ts';

test.describe.configure({ mode: 'serial' });

// A server of this file's own: these tests arrange the Terrace and seat a party there.
const server = fileServer();

// Picked by fact from the demo plan: free round physical tables of the Terrace, empty logical tables not placed,
// and a small party nobody has seated yet.
const s = demoState();
const physical = (label: string) => Object.values(s.physicalTables).find((p) => p.label === label)!;
const [T07, T25, T26, T41] = ['T-07', 'T-25', 'T-26', 'T-41'].map(physical);
for (const p of [T07, T25, T26, T41])
  if (Object.values(s.tables).some((t) => t.physicalTableId === p!.id)) throw new Error(`${p!.label} is not free in the demo plan`);
const [first, second, third, fourth] = Object.values(s.tables).filter((t) => !t.physicalTableId && !t.locked && t.guestIds.length === 0);
const party = [...partiesOf(s).values()].find((p) => p.guestIds.length === 3 && p.guestIds.every((id) => !s.guests[id]!.tableId))!;

const floorTable = (page: Page, label: string) => page.locator(`[data-testid="floor-table"][data-label="${label}"]`);
/** A table's writing (number, fill, names at the chairs), drawn beside its button. */
const floorText = (page: Page, label: string) => page.locator(`[data-testid="floor-table-text"][data-label="${label}"]`);
const num = async (l: Locator, attr: string) => Number(await l.getAttribute(attr));

async function organiser(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript((n) => localStorage.setItem('seatfold:userName', n), name);
  const page = await context.newPage();
  await openPlan(page, server, (await server.demoLinks()).organisePath);
  await page.getByTestId('tab-rooms').click();
  await page.getByTestId('floor-room').filter({ hasText: 'Terrace' }).click();
  await expect(floorTable(page, 'T-07')).toBeVisible();
  return page;
}

/** Room metres → page pixels, from the drawn room's box. */
async function toScreen(page: Page, x: number, y: number) {
  const room = (await page.locator('.floor-room').boundingBox())!;
  const widthM = Number(await page.getByTestId('floor-canvas').getAttribute('data-width-m'));
  const k = room.width / widthM;
  return { x: room.x + x * k, y: room.y + y * k };
}

/** Presses a table at its centre and moves the pointer to (x, y) metres; `drop: false` keeps it held. */
/** Zooms in round a physical table with the wheel until the guests' names are drawn at its chairs; returns them. */
async function zoomToNames(page: Page, label: string): Promise<Locator> {
  const box = (await floorTable(page, label).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const names = floorText(page, label).getByTestId('chair-name');
  await expect(async () => {
    await page.mouse.wheel(0, -400);
    await expect(names.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return names;
}

async function dragTable(page: Page, label: string, x: number, y: number, drop = true) {
  const t = floorTable(page, label);
  const from = await toScreen(page, await num(t, 'data-x'), await num(t, 'data-y'));
  const to = await toScreen(page, x, y);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  if (drop) await page.mouse.up();
}

const near = (v: number, want: number) => expect(Math.abs(v - want), `${v} ≈ ${want}`).toBeLessThanOrEqual(0.35);

test('a room size left empty or too small is refused before anything is sent, in words, not field names', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  // said under the fields as an alert, the field marked invalid and described by it
  const error = alice.getByTestId('room-size-error');
  const field = alice.getByTestId('room-width');
  const width = await alice.getByTestId('floor-canvas').getAttribute('data-width-m');
  await field.fill('');
  await alice.getByTestId('room-size-save').click();
  await expect(error).toHaveText('Enter the room’s width in metres.');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('Enter the room’s width in metres.');
  await field.fill('0');
  await expect(error).toHaveCount(0);
  await expect(field).not.toHaveAttribute('aria-invalid');
  await alice.getByTestId('room-size-save').click();
  await expect(error).toHaveText('The width is 0 m: a room side is at least 1 m.');
  await expect(alice.getByTestId('floor-canvas')).toHaveAttribute('data-width-m', width!);
  await expect(alice.getByTestId('history-toast')).toHaveCount(0);
  await expect(alice.getByTestId('rejection')).toHaveCount(0);
});

test('arrange the Terrace: size, three tables by drag, one by keyboard, a stage; then seat tables and a party on the plan', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('room-width').fill('50');
  await alice.getByTestId('room-depth').fill('32');
  await alice.getByTestId('room-size-save').click();
  await expect(alice.getByTestId('floor-canvas')).toHaveAttribute('data-width-m', '50');

  // Three tables by drag, into the empty south of the room (the automatic grid fills the north).
  const spots: [string, number, number][] = [
    ['T-07', 10, 24],
    ['T-25', 16, 24],
    ['T-26', 22, 24],
  ];
  for (const [label, x, y] of spots) {
    await dragTable(alice, label, x, y);
    await expect(alice.getByTestId('floor-status')).toHaveText(/Moved 1 table\./);
    await expect.poll(async () => Math.abs((await num(floorTable(alice, label), 'data-y')) - y)).toBeLessThanOrEqual(0.35);
    near(await num(floorTable(alice, label), 'data-x'), x);
  }

  // One by keyboard: focus, Shift+arrows move a metre a press, R turns 15°.
  const t41 = floorTable(alice, 'T-41');
  const y41 = await num(t41, 'data-y');
  await t41.focus();
  await expect(t41).toHaveAttribute('aria-label', /^Table T-41, 0 of 10 seats, at [\d.]+ m, [\d.]+ m/);
  for (let i = 0; i < 8; i++) await alice.keyboard.press('Shift+ArrowDown');
  await expect(t41).toHaveAttribute('data-y', String(Math.round((y41 + 8) * 100) / 100));
  await alice.keyboard.press('r');
  await expect(t41).toHaveAttribute('data-rotation', '15');
  await expect(t41).toHaveAttribute('aria-label', /, turned 15°/);

  // A refused drop snaps back with the reason: T-25 onto T-07.
  await dragTable(alice, 'T-25', 10.5, 24);
  await expect(alice.getByTestId('floor-status')).toContainText('would overlap');
  near(await num(floorTable(alice, 'T-25'), 'data-x'), 16);

  // A stage: the middle of the room (25 m, 16 m) is on the grid's tables, so it goes to the nearest free floor,
  // below them; then moved by keyboard.
  await alice.getByTestId('fixture-kind').selectOption('stage');
  await alice.getByTestId('fixture-label').fill('Main stage');
  await alice.getByTestId('add-fixture').click();
  await expect(alice.getByTestId('floor-status')).toHaveText(
    'Added stage “Main stage” (8 × 4 m) at 25 m, 17.5 m, the nearest free floor to the middle.',
  );
  const stage = alice.locator('[data-testid="floor-fixture"][data-kind="stage"]');
  await expect(stage).toHaveAttribute('aria-label', /^Stage “Main stage”/);
  await stage.focus();
  for (let i = 0; i < 3; i++) await alice.keyboard.press('Shift+ArrowDown');
  await expect(stage).toHaveAttribute('data-y', '20.5');

  // Logical tables from the tray onto physical tables on the plan.
  await dragOnto(alice.locator(`[data-testid="logical-table"][data-table-id="${first!.id}"]`), floorTable(alice, 'T-07'));
  await expect(floorTable(alice, 'T-07')).toHaveAttribute('data-table-id', first!.id);
  await dragOnto(alice.locator(`[data-testid="logical-table"][data-table-id="${second!.id}"]`), floorTable(alice, 'T-25'));
  await expect(floorTable(alice, 'T-25')).toHaveAttribute('data-table-id', second!.id);

  // A whole party onto a table on the plan: its fill and (zoomed in) its names at the chairs.
  await alice.getByTestId('guest-search').fill(party.party);
  await dragOnto(guestRow(alice, party.guestIds[0]!).getByTestId('party-handle'), floorTable(alice, 'T-07'));
  await expect(floorTable(alice, 'T-07')).toHaveAttribute('aria-label', new RegExp(`^Table T-07 \\(table ${first!.name}\\), 3 of 10 seats`));
  for (let i = 0; i < 3; i++) await alice.getByTestId('zoom-in').click();
  await expect(floorText(alice, 'T-07').getByTestId('floor-fill')).toHaveText(`T-07 · 3/10`);
  for (const id of party.guestIds)
    await expect(floorText(alice, 'T-07').locator(`[data-testid="chair-name"][data-name="${s.guests[id]!.name}"]`)).toHaveCount(1);
  // Fit room brings the whole room on screen (the page had scrolled it partly away) and fills the canvas with it:
  // the canvas takes the room's proportions, so no band of empty floor is left above or beside it.
  await alice.locator('main.board__main').evaluate((m) => {
    const canvas = m.querySelector('[data-testid="floor-canvas"]')!;
    m.scrollBy(0, canvas.getBoundingClientRect().top - m.getBoundingClientRect().top + 200);
  });
  expect((await alice.locator('.floor-room').boundingBox())!.y).toBeLessThan(0);
  await alice.getByTestId('zoom-fit').click();
  await expect(async () => {
    const room = (await alice.locator('.floor-room').boundingBox())!;
    const canvas = (await alice.getByTestId('floor-canvas').boundingBox())!;
    const window = alice.viewportSize()!;
    expect(room.y).toBeGreaterThanOrEqual(0);
    expect(room.y + room.height).toBeLessThanOrEqual(window.height);
    expect(room.width / canvas.width).toBeGreaterThan(0.85);
    expect(room.height / canvas.height).toBeGreaterThan(0.8);
  }).toPass({ timeout: 5_000 });
  // A narrower window: the canvas changes size, and the room, still fitted, is fitted again (tools go below it).
  await alice.setViewportSize({ width: 1024, height: 768 });
  await expect(async () => {
    const room = (await alice.locator('.floor-room').boundingBox())!;
    const canvas = (await alice.getByTestId('floor-canvas').boundingBox())!;
    expect(room.x).toBeGreaterThanOrEqual(canvas.x);
    expect(room.x + room.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    // (a small room: the metre of floor around it is a larger share of the canvas)
    expect(room.width / canvas.width).toBeGreaterThan(0.75);
  }).toPass({ timeout: 5_000 });

  await expectAccessible(alice, 'floor plan (organiser)');
});

test('a second organiser sees the ghost while Alice drags, and the table where she drops it', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  const bob = await organiser(browser, 'Bob');
  await dragTable(alice, 'T-26', 28, 28, false);
  const ghost = bob.locator(`[data-testid="floor-ghost"][data-id="${T26!.id}"]`);
  // A ghost lives 3 s after its last refresh: keep the pointer moving until Bob has seen it.
  let wiggle = 0;
  await expect(async () => {
    const p = await toScreen(alice, 28 + (wiggle++ % 2) * 0.3, 28);
    await alice.mouse.move(p.x, p.y);
    await expect(ghost).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(ghost).toHaveAttribute('data-by', 'Alice');
  near(await num(floorTable(bob, 'T-26'), 'data-x'), 22); // not moved for Bob until the drop
  await alice.mouse.up();
  await expect.poll(async () => Math.abs((await num(floorTable(bob, 'T-26'), 'data-x')) - 28)).toBeLessThanOrEqual(0.35);
  near(await num(floorTable(bob, 'T-26'), 'data-y'), 28);
  await expect(ghost).toHaveCount(0);
});

test('scrubbing the timeline back shows the earlier layout; compare marks moved tables and changed seats', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('history-toggle').click();
  const staged = alice.getByTestId('timeline-entry').filter({ hasText: 'added stage “Main stage” in Terrace' }).first();
  await expect(staged).toBeVisible();
  await staged.locator('.tl-row__main').click();
  await expect(alice.getByTestId('past-bar')).toBeVisible();
  // An organiser in the past is told why the floor does not move.
  await expect(alice.getByTestId('floor-status')).toHaveText('The floor plan as it was at this change: go back to now to move tables.');
  // Then: T-26 stood where the first test put it (Bob saw it dragged later), and no plan table stood on T-07 yet.
  await expect.poll(async () => num(floorTable(alice, 'T-26'), 'data-x')).toBeLessThan(25);
  near(await num(floorTable(alice, 'T-26'), 'data-y'), 24);
  await expect(floorTable(alice, 'T-07')).not.toHaveAttribute('data-table-id', first!.id);
  await expect(alice.locator('[data-testid="floor-fixture"][data-kind="stage"]')).toHaveAttribute('data-y', '17.5');
  // Compare that moment with now: T-26 moved since, T-07's seats changed.
  await staged.getByTestId('compare-from').click();
  await alice.getByTestId('back-to-live').click();
  await expect(floorTable(alice, 'T-26')).toHaveAttribute('data-highlight', /moved|both/);
  await expect(floorTable(alice, 'T-07')).toHaveAttribute('data-highlight', /seats|both/);
});

test('the Terrace prints as a PDF page with its table numbers', async ({ browser, request }) => {
  const { organisePath } = await server.demoLinks();
  const token = organisePath.slice('/p/'.length);
  const address = `${server.url}/api/plans/${token}/floor.pdf?room=room-terrace`;
  // The print is the plan's like every plan route: asked without a session (no browser that opened it), refused.
  expect((await request.get(address)).status()).toBe(401);
  const alice = await organiser(browser, 'Alice');
  const res = await alice.request.get(address); // the page's own session, as its print link sends it
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  const { totalPages, text } = await extractText(new Uint8Array(await res.body()), { mergePages: false });
  expect(totalPages).toBe(1);
  expect(text[0]).toMatch(/Terrace/);
  expect(text[0]).toContain('4 tables'); // the four placed on the floor
  // Tables with a plan table on them print its number; the empty ones their physical label.
  for (const n of [first!.name, second!.name, 'T-26', 'T-41']) expect(text[0]).toMatch(new RegExp(`^${n}$`, 'm'));
  expect(text[0]).toContain('Main stage');
});

test('Shift+drag on the floor selects the tables inside, which then move as one; Ctrl+A selects all, Escape none', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  const selected = alice.locator('[data-floor-item][data-selected]');
  // T-07 and T-25 stand at (10, 24) and (16, 24) since the first test; the corners are empty floor.
  const a = await toScreen(alice, 8, 22);
  const b = await toScreen(alice, 18, 26.5);
  await alice.keyboard.down('Shift');
  await alice.mouse.move(a.x, a.y);
  await alice.mouse.down();
  await alice.mouse.move(b.x, b.y, { steps: 8 });
  await expect(alice.getByTestId('floor-marquee')).toBeVisible();
  await alice.mouse.up();
  await alice.keyboard.up('Shift');
  await expect(alice.getByTestId('floor-marquee')).toHaveCount(0);
  await expect(selected).toHaveCount(2);
  await expect(floorTable(alice, 'T-07')).toHaveAttribute('data-selected', 'true');
  await expect(floorTable(alice, 'T-25')).toHaveAttribute('data-selected', 'true');

  // Dragging one of them moves both, in one drop.
  await dragTable(alice, 'T-07', 10, 28);
  await expect(alice.getByTestId('floor-status')).toHaveText(/Moved 2 tables\./);
  await expect.poll(async () => Math.abs((await num(floorTable(alice, 'T-25'), 'data-y')) - 28)).toBeLessThanOrEqual(0.35);
  near(await num(floorTable(alice, 'T-07'), 'data-y'), 28);
  near(await num(floorTable(alice, 'T-25'), 'data-x'), 16);

  // The keyboard's way: Ctrl+A on a focused table selects everything in the room, Escape clears.
  await floorTable(alice, 'T-41').focus();
  await alice.keyboard.press('Control+a');
  await expect(selected).toHaveCount(await alice.locator('[data-floor-item]').count());
  await alice.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
});

test('two organisers drop the same table: the later drop is refused as stale, never overwrites', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  const bob = await organiser(browser, 'Bob');
  // Bob picks up T-26 (at 28, 28 since the ghost test) and holds it 4 m further north…
  await dragTable(bob, 'T-26', 28, 24, false);
  // …while Alice moves it a metre west by keyboard.
  await floorTable(alice, 'T-26').focus();
  await alice.keyboard.press('Shift+ArrowLeft');
  await expect(alice.getByTestId('floor-status')).toHaveText(/Moved 1 table\./);
  // Bob's view follows Alice's move under his drag (data-x is the drawn place, his offset included).
  await expect.poll(async () => Math.abs((await num(floorTable(bob, 'T-26'), 'data-x')) - 27)).toBeLessThanOrEqual(0.35);
  await bob.mouse.up();
  await expect(bob.getByTestId('floor-status')).toContainText('T-26');
  await expect(bob.getByTestId('floor-status')).toContainText(/moved/);
  // Where Alice put it, for both of them.
  for (const page of [alice, bob]) {
    await expect.poll(async () => Math.abs((await num(floorTable(page, 'T-26'), 'data-y')) - 28)).toBeLessThanOrEqual(0.35);
    near(await num(floorTable(page, 'T-26'), 'data-x'), 27);
  }
});

test('dragging a guest’s name onto another chair of the table swaps their chairs', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  const t07 = floorTable(alice, 'T-07');
  await t07.click(); // one table selected: its chair order shows beside the plan
  const order = () =>
    alice
      .getByTestId('seat-order')
      .locator('li')
      .evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.guestId));
  const before = await order();
  expect(before).toHaveLength(3);
  const names = await zoomToNames(alice, 'T-07');
  const centre = async (i: number) => {
    const b = (await names.nth(i).boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const [from, to] = [await centre(0), await centre(2)];
  await alice.mouse.move(from.x, from.y);
  await alice.mouse.down();
  await alice.mouse.move(to.x, to.y, { steps: 10 });
  await expect(alice.getByTestId('chair-drag')).toBeVisible();
  await alice.mouse.up();
  await expect(alice.getByTestId('floor-status')).toHaveText(`${s.guests[before[0]!]!.name} now sits at chair 3 of table ${first!.name}.`);
  await expect.poll(order).toEqual([before[2], before[1], before[0]]);
  await expect(names.nth(0)).toHaveAttribute('data-name', s.guests[before[2]!]!.name); // written whole or cut to fit
});

test('a plan table from the tray onto a table on the plan by keyboard: Space, then Enter on the table', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  // The plan's tables become drop targets when something is picked up (none are registered before).
  await alice.locator(`[data-testid="logical-table"][data-table-id="${third!.id}"]`).focus();
  await alice.keyboard.press('Space');
  await floorTable(alice, 'T-41').focus();
  await alice.keyboard.press('Enter');
  await expect(floorTable(alice, 'T-41')).toHaveAttribute('data-table-id', third!.id);
  await expect(floorTable(alice, 'T-41')).toHaveAttribute('aria-label', new RegExp(`^Table T-41 \\(table ${third!.name}\\)`));
  // The tray's entry went with the drop: focus is on the table it went to, not on the page.
  await expect(floorTable(alice, 'T-41')).toBeFocused();

  // The same with the arrow keys, focus left behind on the tray: the table carried to gets it.
  await alice.locator(`[data-testid="logical-table"][data-table-id="${fourth!.id}"]`).focus();
  await alice.keyboard.press('Space');
  await expect(dragAnnouncer(alice)).toContainText('Picked up');
  // on along the targets to the first free physical table, whichever the earlier tests left free. The live region
  // speaks a moment after each key (on a busy machine, after the next read): each step is read once it has moved on
  // from the one before, or a stale "Over T-06" would be taken for where a drag already over T-07 is.
  let over = (await dragAnnouncer(alice).textContent()) ?? '';
  for (let i = 0; i < 60 && !/^Over physical table \S+, seats \d+\.$/.test(over); i++) {
    await alice.keyboard.press('ArrowRight');
    await expect(dragAnnouncer(alice)).not.toHaveText(over);
    over = (await dragAnnouncer(alice).textContent()) ?? '';
  }
  const label = /^Over physical table (\S+), seats \d+\.$/.exec(over)?.[1];
  expect(label, over).toBeTruthy();
  await expect(alice.locator(`[data-testid="logical-table"][data-table-id="${fourth!.id}"]`)).toBeFocused();
  await alice.keyboard.press('Enter');
  await expect(floorTable(alice, label!)).toHaveAttribute('data-table-id', fourth!.id);
  await expect(floorTable(alice, label!)).toBeFocused();
});

test('in the Garden Hall as the grid draws it, a table goes neither onto another table nor through a wall', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Garden Hall' }).click();
  const status = alice.getByTestId('floor-status');
  // Nobody has placed G-03 or G-04 (nor sized the room): a drop of one exactly onto the other is still refused.
  const [g03, g04] = [floorTable(alice, 'G-03'), floorTable(alice, 'G-04')];
  const x03 = (await g03.getAttribute('data-x'))!;
  await dragTable(alice, 'G-03', await num(g04, 'data-x'), await num(g04, 'data-y'));
  await expect(status).toContainText(/G-03\)? would overlap table .*G-04/);
  await expect(status).toContainText('It stays where it was.');
  await expect(g03).toHaveAttribute('data-x', x03);

  // G-01 stands at (2.8, 2.4) with a 1.4 m reach of chairs: Shift+Left steps a metre, then stops at the west wall.
  const g01 = floorTable(alice, 'G-01');
  await g01.focus();
  await alice.keyboard.press('Shift+ArrowLeft');
  await expect(g01).toHaveAttribute('data-x', '1.8');
  await alice.keyboard.press('Shift+ArrowLeft');
  await expect(g01).toHaveAttribute('data-x', '1.4');
  await expect(status).toHaveText(/^Moved 1 table 0\.4 m, as far as it goes: a step further, .*G-01\)? would stand partly outside room Garden Hall/);
  await expect(alice.getByTestId('announcer')).toContainText('as far as it goes');
  await alice.keyboard.press('Shift+ArrowLeft');
  await expect(status).toContainText('It stays where it was.');
  await expect(alice.getByTestId('announcer')).toContainText('It stays where it was.');
  await expect(g01).toHaveAttribute('data-x', '1.4');

  // Eastwards it stops with its chairs touching G-02's (drawn at 7.4 m, where the grid put it).
  for (let i = 0; i < 4; i++) await alice.keyboard.press('Shift+ArrowRight');
  await expect(g01).toHaveAttribute('data-x', '4.6');
  await expect(status).toHaveText(/^Moved 1 table 0\.2 m, as far as it goes: a step further, .*G-01\)? would overlap table .*G-02/);

  // No free floor beside it for a copy (grid tables right and below, walls left and above): the copy goes to the
  // nearest free floor in the room. Undo takes it away again.
  const count = await alice.getByTestId('floor-table').count();
  await alice.keyboard.press('d');
  await expect(status).toHaveText(/^Duplicated 1 table: G-\d+\.$/);
  await expect(alice.getByTestId('floor-table')).toHaveCount(count + 1);
  const copy = floorTable(alice, (await status.innerText()).replace(/^Duplicated 1 table: (G-\d+)\.$/, '$1'));
  await expect(copy).toHaveAttribute('aria-label', /^Table G-\d+, 0 of \d+ seats, at [^,]+, [^,]+$/); // placed, not on the grid
  await alice.keyboard.press('Control+Z');
  await expect(alice.getByTestId('floor-table')).toHaveCount(count);

  // A stage added in the middle of the grid goes to the nearest free floor instead, not over the tables there.
  await alice.getByTestId('fixture-kind').selectOption('stage');
  await alice.getByTestId('fixture-label').fill('Band stage');
  await alice.getByTestId('add-fixture').click();
  await expect(status).toHaveText(/^Added stage “Band stage” \(8 × 4 m\) at [\d.]+ m, [\d.]+ m, the nearest free floor to the middle\.$/);
  const band = alice.locator('[data-testid="floor-fixture"][aria-label^="Stage “Band stage”"]');
  await expect(band).toHaveCount(1);
  await band.focus();
  await alice.keyboard.press('Delete');
  await expect(band).toHaveCount(0);
});

test('zoomed in, the names at the chairs of full tables do not run into each other; a cut name is whole on hover', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Grand Ballroom' }).click();
  const names = alice.getByTestId('chair-name');
  for (let i = 0; i < 3; i++) await alice.getByTestId('zoom-in').click();
  await expect(names.first()).toBeAttached();
  // Over the whole room — a neighbouring table's names too — every pair of names on screen (boxes as drawn, the
  // font's real letters), none overlapping; and none over a table top (a round top by its circle).
  const { clashes, overTops } = await alice.getByTestId('floor-svg').evaluate((svg) => {
    const boxes = Array.from(svg.querySelectorAll('[data-testid="chair-name"]'), (e) => ({
      name: `${e.getAttribute('data-name')} at ${e.closest('[data-label]')?.getAttribute('data-label')}`,
      r: e.getBoundingClientRect(),
    }));
    const meet = (a: DOMRect, b: DOMRect) => a.right > b.left + 0.5 && b.right > a.left + 0.5 && a.bottom > b.top + 0.5 && b.bottom > a.top + 0.5;
    const byTop = [...boxes].sort((a, b) => a.r.top - b.r.top);
    const clashes: string[] = [];
    byTop.forEach((a, i) => {
      for (const b of byTop.slice(i + 1)) {
        if (b.r.top >= a.r.bottom) break;
        if (meet(a.r, b.r)) clashes.push(`${a.name} / ${b.name}`);
      }
    });
    const tops = Array.from(svg.querySelectorAll('.ft__top'), (e) => ({ round: e.tagName === 'circle', r: e.getBoundingClientRect() }));
    const overTops = boxes
      .filter(({ r: a }) =>
        tops.some(({ round, r: t }) => {
          if (!round) return meet(a, t);
          const [cx, cy, rad] = [t.left + t.width / 2, t.top + t.height / 2, t.width / 2];
          return Math.hypot(Math.max(a.left, Math.min(cx, a.right)) - cx, Math.max(a.top, Math.min(cy, a.bottom)) - cy) < rad - 0.5;
        }),
      )
      .map((b) => b.name);
    return { clashes, overTops };
  });
  expect(await names.count()).toBeGreaterThan(100);
  expect({ clashes: clashes.length, overTops: overTops.length, which: [...clashes, ...overTops].slice(0, 20) }).toEqual({
    clashes: 0,
    overTops: 0,
    which: [],
  });
  // A name cut short says itself whole on hover.
  const cut = names.filter({ hasText: '…' }).first();
  await expect(cut.locator('title')).toHaveText((await cut.getAttribute('data-name'))!);
});

test('a table on the floor shows the seats of the plan table on it, not the physical table’s', async ({ browser }) => {
  // By fact: a full plan table on a bigger physical table of the Garden Hall, and a physical table with none on it.
  const garden = Object.values(s.physicalTables).filter((p) => p.roomId === 'room-garden');
  const onIt = (p: (typeof garden)[number]) => Object.values(s.tables).find((t) => t.physicalTableId === p.id);
  const big = garden.find((p) => onIt(p) && onIt(p)!.capacity < p.capacity && onIt(p)!.guestIds.length === onIt(p)!.capacity)!;
  const full = onIt(big)!;
  const free = garden.find((p) => !onIt(p))!;
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Garden Hall' }).click();

  const table = floorTable(alice, big.label);
  await expect(table).toHaveAttribute(
    'aria-label',
    new RegExp(`^Table ${big.label} \\(table ${full.name}\\), ${full.capacity} of ${full.capacity} seats,`),
  );
  // As many chairs as the plan table seats, every one taken: no empty chair a guest could not be dropped on.
  await expect(table.locator('.ft__chair.is-taken')).toHaveAttribute('d', new RegExp(`^(M[^M]+){${full.capacity}}$`));
  await expect(table.locator('.ft__chair:not(.is-taken)')).toHaveCount(0);
  await expect(floorTable(alice, free.label)).toHaveAttribute('aria-label', new RegExp(`^Table ${free.label}, 0 of ${free.capacity} seats,`));
  for (let i = 0; i < 3; i++) await alice.getByTestId('zoom-in').click();
  await expect(floorText(alice, big.label).getByTestId('floor-fill')).toHaveText(`${big.label} · ${full.capacity}/${full.capacity}`);
  await expect(floorText(alice, free.label).getByTestId('floor-fill')).toHaveText(`${free.capacity} seats`);
});

test('a stage put over the grid sends its tables clear of it; one left past a wall cannot step free by arrows, F moves it', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Grand Ballroom' }).click();
  const status = alice.getByTestId('floor-status');
  // Nobody has placed or sized the Ballroom: its 60 tables stand on the grid, 8 to a row, the last row half full.
  const at = async (label: string) => ({ x: await num(floorTable(alice, label), 'data-x'), y: await num(floorTable(alice, label), 'data-y') });
  const [b01, b02, b09] = await Promise.all(['B-01', 'B-02', 'B-09'].map(at));
  const [cellW, cellD] = [b02!.x - b01!.x, b09!.y - b01!.y];
  // Sized to keep 8 to a row with a strip of 3 m free along the east wall, and 8 rows deep: no ninth row fits.
  const depth = Math.ceil((1 + 8 * cellD) * 2) / 2;
  await alice.getByTestId('room-width').fill(String(Math.floor((1 + 8 * cellW + 3) * 2) / 2));
  await alice.getByTestId('room-depth').fill(String(depth));
  await alice.getByTestId('room-size-save').click();
  await expect(status).toContainText('Grand Ballroom is now');

  // A stage goes to the free end of the last row; dragged up and east onto six tables of the two rows above, it may
  // stand on tables, but no table nobody placed is drawn on it: they leave for the four free cells after the grid's,
  // and two past the south wall.
  await alice.getByTestId('fixture-kind').selectOption('stage');
  await alice.getByTestId('fixture-label').fill('Band stage');
  await alice.getByTestId('add-fixture').click();
  await expect(status).toContainText('Added stage “Band stage”');
  const band = alice.locator('[data-testid="floor-fixture"][aria-label^="Stage “Band stage”"]');
  const [sx, sy] = [await num(band, 'data-x'), await num(band, 'data-y')];
  const from = await toScreen(alice, sx, sy);
  const to = await toScreen(alice, sx + 1.5 * cellW, sy - 1.5 * cellD);
  await alice.mouse.move(from.x, from.y);
  await alice.mouse.down();
  await alice.mouse.move(to.x, to.y, { steps: 12 });
  await alice.mouse.up();
  await expect(status).toHaveText('Moved 1 fixture.');
  await expect(alice.locator('[data-testid="floor-table"][data-on-fixture="true"]')).toHaveCount(0);
  const past: string[] = [];
  for (const t of await alice.getByTestId('floor-table').all())
    if ((await num(t, 'data-y')) > depth) past.push((await t.getAttribute('data-label'))!);
  expect(past.length, 'tables sent past the south wall').toBeGreaterThan(0);

  // Every arrow step of such a table is refused (it stays past the wall): the refusal says the way out.
  const stuck = floorTable(alice, past[0]!);
  await stuck.focus();
  await alice.keyboard.press('ArrowRight');
  await expect(status).toHaveText(
    /stands partly outside room Grand Ballroom \([\d.]+ × [\d.]+ m\) where it stands, so no arrow step can free it: press F to move it to the nearest free floor\.$/,
  );
  await expect(alice.getByTestId('announcer')).toContainText('press F');
  // Selected, the side panel says it too and offers the move; F moves it to the free strip by the east wall.
  await alice.keyboard.press('Space');
  await expect(alice.getByTestId('floor-stuck')).toContainText('where it stands, so no arrow step can free it.');
  await expect(alice.getByRole('button', { name: 'Move to free floor (F)' })).toBeVisible();
  await alice.keyboard.press('f');
  await expect(status).toHaveText('Moved 1 table to the nearest free floor.');
  await expect(stuck).toHaveAttribute('aria-label', /^Table B-\d+.*, at [^,]+, [^,]+$/); // placed now, off the grid
  expect(await num(stuck, 'data-y')).toBeLessThan(depth);
  await expect(alice.getByTestId('floor-stuck')).toHaveCount(0);
  // free now, it steps again; pressed on a table that stands well, F moves nothing
  await alice.keyboard.press('Escape');
  const y = await num(stuck, 'data-y');
  await alice.keyboard.press('ArrowUp');
  await expect(status).toHaveText('Moved 1 table.');
  await expect(stuck).toHaveAttribute('data-y', String(Math.round((y - 0.1) * 100) / 100));
  await alice.keyboard.press('f');
  await expect(status).toHaveText(/already stands on free floor: nothing to move\.$/);
});

test('a room nobody has sized shows no walls east and south, only a dashed edge, asks for its size, and lets a table past', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Garden Hall' }).click();
  await expect(alice.getByTestId('floor-svg')).toHaveAttribute('aria-label', 'Floor plan of Garden Hall, size not set');
  await expect(alice.getByTestId('floor-edge')).toHaveCount(1);
  // said above the canvas, at one size whatever the zoom (in the drawing's scale it was a few pixels high zoomed out)
  const note = alice.getByTestId('floor-unsized-note');
  await expect(note).toHaveText('Size not set: the dashed edges east and south are where the tables end, not walls.');
  const height = (await note.boundingBox())!.height;
  expect(height).toBeGreaterThanOrEqual(14);
  await expect(alice.getByTestId('room-unsized')).toContainText('not walls');
  // G-08 ends the grid's first row, its chairs a metre or so from the drawn edge: a drag 2 m east goes the whole way
  // (with walls there, it would stop at them).
  const g08 = floorTable(alice, 'G-08');
  const [x, y, width] = [await num(g08, 'data-x'), await num(g08, 'data-y'), await num(alice.getByTestId('floor-canvas'), 'data-width-m')];
  await dragTable(alice, 'G-08', x + 2, y);
  await expect(alice.getByTestId('floor-status')).toHaveText('Moved 1 table.');
  await expect.poll(async () => num(g08, 'data-x')).toBeGreaterThan(x + 1.6);
  await expect.poll(async () => num(alice.getByTestId('floor-canvas'), 'data-width-m')).toBeGreaterThan(width);
  // zoomed out, the note reads as before
  const room = (await alice.locator('.floor-room').boundingBox())!.width;
  await alice.getByTestId('zoom-out').click();
  await alice.getByTestId('zoom-out').click();
  await expect.poll(async () => (await alice.locator('.floor-room').boundingBox())!.width).toBeLessThan(room / 2);
  await expect(note).toHaveCSS('font-size', '13px');
  expect((await note.boundingBox())!.height).toBe(height);
});

test('in a room nobody has sized, a table held at the canvas’s east edge carries on east as the view pans after it', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Garden Hall' }).click();
  await expect(alice.getByTestId('floor-svg')).toHaveAttribute('aria-label', 'Floor plan of Garden Hall, size not set');
  const g08 = floorTable(alice, 'G-08');
  const canvas = alice.getByTestId('floor-canvas');
  await expect(g08).toBeVisible();
  const [x, y, width] = [await num(g08, 'data-x'), await num(g08, 'data-y'), await num(canvas, 'data-width-m')];
  // The fitted view shows the room and a metre round it: its east edge is `width + 1` m. Pressed on the table, the
  // pointer goes to just inside the canvas's east edge and is held there.
  const from = await toScreen(alice, x, y);
  const box = (await canvas.boundingBox())!;
  const room = alice.locator('.floor-room');
  const drawn = (await room.boundingBox())!;
  const scale = drawn.width / width; // pixels a metre
  await alice.mouse.move(from.x, from.y);
  await alice.mouse.down();
  await alice.mouse.move(box.x + box.width - 6, from.y, { steps: 12 });
  // Held there until the view has panned 9 m east (the floor moved west under the pointer): as far as that takes
  // on this machine, not a fixed time.
  await expect.poll(async () => (await room.boundingBox())!.x).toBeLessThan(drawn.x - 9 * scale);
  await alice.mouse.up();
  await expect(alice.getByTestId('floor-status')).toHaveText('Moved 1 table.');
  // well past what the canvas showed when the drag began; the room's drawn extent grows to take it in
  await expect.poll(async () => num(g08, 'data-x')).toBeGreaterThan(width + 8);
  near(await num(g08, 'data-y'), y);
  await expect.poll(async () => num(canvas, 'data-width-m')).toBeGreaterThan(await num(g08, 'data-x'));
});

test('in a room nobody has sized, a zoomed view keeps its zoom when a table moved east grows the room', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Garden Hall' }).click();
  await expect(alice.getByTestId('floor-svg')).toHaveAttribute('aria-label', 'Floor plan of Garden Hall, size not set');
  const canvas = alice.getByTestId('floor-canvas');
  /** The view's scale: pixels a metre, from the drawn room's box. */
  const scale = async () => (await alice.locator('.floor-room').boundingBox())!.width / (await num(canvas, 'data-width-m'));
  const fitted = await scale();
  await alice.getByTestId('zoom-in').click();
  await expect.poll(scale).toBeGreaterThan(fitted * 1.1);
  const zoomed = await scale();
  // The east-most table, a metre further east by keyboard, takes the room's drawn extent with it.
  const tables = alice.getByTestId('floor-table');
  const xs = await tables.evaluateAll((ts) => ts.map((t) => Number(t.getAttribute('data-x'))));
  const width = await num(canvas, 'data-width-m');
  await tables.nth(xs.indexOf(Math.max(...xs))).focus();
  await alice.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => num(canvas, 'data-width-m')).toBeGreaterThan(width);
  // still as zoomed as the planner left it, not fitted to the grown room
  expect(await scale()).toBeCloseTo(zoomed, 1);
});

test('a marquee held at the canvas’s east edge pans the view on and grows with it, past what the canvas showed', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('floor-room').filter({ hasText: 'Garden Hall' }).click();
  await expect(alice.getByTestId('floor-svg')).toHaveAttribute('aria-label', 'Floor plan of Garden Hall, size not set');
  for (let i = 0; i < 2; i++) await alice.getByTestId('zoom-in').click();
  const canvas = (await alice.getByTestId('floor-canvas').boundingBox())!;
  // empty floor in the canvas's west half: where the room's floor itself is under the pointer
  const start = await alice.evaluate(({ x: left, y: top, width, height }) => {
    for (let y = top + 60; y < top + height / 2; y += 10)
      for (let x = left + 20; x < left + width / 2; x += 10) if (document.elementFromPoint(x, y)?.classList.contains('floor-room')) return { x, y };
    return null;
  }, canvas);
  expect(start).not.toBeNull();
  // the canvas's east edge in room metres, as the view stands when the marquee begins
  const room = (await alice.locator('.floor-room').boundingBox())!;
  const east = (canvas.x + canvas.width - room.x) / (room.width / (await num(alice.getByTestId('floor-canvas'), 'data-width-m')));
  await alice.keyboard.down('Shift');
  await alice.mouse.move(start!.x, start!.y);
  await alice.mouse.down();
  await alice.mouse.move(canvas.x + canvas.width - 6, start!.y + 300, { steps: 10 });
  const marquee = alice.getByTestId('floor-marquee');
  await expect(marquee).toBeVisible();
  // held there, the view pans east and the rectangle grows with it, well past what the canvas showed
  await expect.poll(async () => (await num(marquee, 'x')) + (await num(marquee, 'width'))).toBeGreaterThan(east + 3);
  await alice.keyboard.press('Escape');
  await alice.mouse.up();
  await alice.keyboard.up('Shift');
  await expect(marquee).toHaveCount(0);
});

test('a guest’s name held at the canvas’s east edge pans the view on, as a table does', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  const names = await zoomToNames(alice, 'T-07');
  const canvas = (await alice.getByTestId('floor-canvas').boundingBox())!;
  const room = alice.locator('.floor-room');
  const west = (await room.boundingBox())!.x;
  const name = (await names.first().boundingBox())!;
  await alice.mouse.move(name.x + name.width / 2, name.y + name.height / 2);
  await alice.mouse.down();
  await alice.mouse.move(canvas.x + canvas.width - 6, name.y + name.height / 2, { steps: 10 });
  await expect(alice.getByTestId('chair-drag')).toBeVisible();
  // held there, the floor moves west under it: the view pans east
  await expect.poll(async () => (await room.boundingBox())!.x).toBeLessThan(west - 200);
  await alice.keyboard.press('Escape');
  await alice.mouse.up();
  await expect(alice.getByTestId('chair-drag')).toHaveCount(0);
});

test('a name with no room beside its chair is numbered on the chair, whole in the key, on hover and in the table’s name', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  // T-25 pushed west against T-07 (the last step goes as far as it can): the chairs facing it have no floor left
  const t25 = floorTable(alice, 'T-25');
  await t25.focus();
  for (let i = 0; i < 4; i++) await alice.keyboard.press('Shift+ArrowLeft');
  const x07 = await num(floorTable(alice, 'T-07'), 'data-x');
  // the floors of two round tables of ten touch 2.8 m apart; steps go a tenth of a metre
  await expect.poll(async () => (await num(t25, 'data-x')) - x07).toBeLessThan(3.05);
  await zoomToNames(alice, 'T-07');
  const text = floorText(alice, 'T-07');
  const partyNames = party.guestIds.map((id) => s.guests[id]!.name);

  // No name is cut to a stub nobody can read: each is whole or keeps four letters or more.
  const shown = await text
    .getByTestId('chair-name')
    .evaluateAll((els) => els.map((e) => ({ name: e.getAttribute('data-name')!, shown: e.childNodes[0]?.textContent ?? '' })));
  const stubs = shown.filter(({ name, shown }) => shown !== name && [...shown.replace('…', '')].length < 4);
  expect(stubs).toEqual([]);

  // The name with no room: a number on its chair, the whole name on hover
  const number = text.getByTestId('chair-key');
  await expect(number).toHaveCount(1);
  await expect(number).toBeVisible();
  const name = (await number.getAttribute('data-name'))!;
  expect(partyNames).toContain(name);
  expect(shown.map((n) => n.name)).not.toContain(name);
  await expect(number.locator('title')).toHaveText(name);
  const n = (await number.evaluate((e) => e.childNodes[0]?.textContent ?? '')).trim();
  expect(n).toMatch(/^\d+$/);
  // in the key beside the floor, with its table and chair
  const chair = Number(await number.getAttribute('data-chair')) + 1;
  await expect(alice.getByTestId('name-key').getByRole('listitem').filter({ hasText: name })).toHaveText(
    `${n} ${name} — table ${first!.name}, chair ${chair}`,
  );
  // and in the table's accessible name, for the keyboard and a screen reader
  await expect(floorTable(alice, 'T-07')).toHaveAttribute('aria-label', new RegExp(`numbered chairs: ${n} ${name} \\(chair ${chair}\\)`));
});

test('a table put on the stage may stand there, and says so: dashed, in its name and in the side panel', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  const t41 = floorTable(alice, 'T-41');
  const listed = alice.getByTestId('floor-on-fixtures');
  await expect(t41).not.toHaveAttribute('data-on-fixture', 'true');
  // The Main stage (8 × 4 m) stands at 25 m, 20.5 m since the Terrace was arranged.
  await dragTable(alice, 'T-41', 27, 20);
  await expect(alice.getByTestId('floor-status')).toHaveText(/Moved 1 table\./);
  await expect(t41).toHaveAttribute('aria-label', /, on the stage “Main stage”/);
  await expect(t41).toHaveAttribute('data-on-fixture', 'true');
  await expect(listed).toContainText(/Table T-41 (\(table \d+\) )?stands on the stage “Main stage”\./);
  await alice.screenshot({ path: test.info().outputPath('on-stage.png') });
  // Taken back, it stands clear again.
  await alice.keyboard.press('Control+z');
  await expect(t41).not.toHaveAttribute('aria-label', /on the stage/);
  await expect(t41).not.toHaveAttribute('data-on-fixture', 'true');
  await expect(listed.filter({ hasText: 'T-41' })).toHaveCount(0);
});

test('a run of arrow steps is one change: drawn moving at once, sent once the keys rest, taken back by one undo', async ({ browser }) => {
  const alice = await organiser(browser, 'Alice');
  await alice.getByTestId('history-toggle').click();
  const count = alice.getByTestId('history-count');
  const changes = async () => Number(/^([\d,]+)/.exec((await count.textContent()) ?? '')![1]!.replace(/,/g, ''));
  await expect(count).toBeVisible();
  const before = await changes();
  const t41 = floorTable(alice, 'T-41');
  const [x, y] = [await num(t41, 'data-x'), await num(t41, 'data-y')];
  await t41.focus();
  for (let i = 0; i < 5; i++) await alice.keyboard.press('ArrowRight');
  await alice.keyboard.press('ArrowDown');
  // each step shows and is said at once…
  await expect(t41).toHaveAttribute('data-x', String(Math.round((x + 0.5) * 100) / 100));
  await expect(t41).toHaveAttribute('data-y', String(Math.round((y + 0.1) * 100) / 100));
  await expect(alice.getByTestId('floor-status')).toHaveText('Moved 1 table.');
  // …and the run is one change once the keys rest
  await expect.poll(changes).toBe(before + 1);
  await alice.waitForTimeout(1_500);
  expect(await changes()).toBe(before + 1);
  await expect(alice.getByTestId('timeline-entry').first()).toContainText('Alice');
  // one undo takes the whole run back
  await alice.keyboard.press('Control+Z');
  await expect(t41).toHaveAttribute('data-x', String(x));
  await expect(t41).toHaveAttribute('data-y', String(y));
  // a step and, before the keys rest, a turn: the step is sent first, the turn after it, nothing lost
  const turned = (await num(t41, 'data-rotation')) + 15;
  await t41.focus();
  await alice.keyboard.press('Shift+ArrowRight');
  await alice.keyboard.press('r');
  await expect(t41).toHaveAttribute('data-rotation', String(turned % 360));
  await expect.poll(async () => num(t41, 'data-x')).toBe(Math.round((x + 1) * 100) / 100);
  await alice.waitForTimeout(1_500);
  expect(await num(t41, 'data-x')).toBe(Math.round((x + 1) * 100) / 100);
});
