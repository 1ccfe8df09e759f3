import type { Locator, Page } from '@playwright/test';
import { demoPicks } from './demo.ts';
import { axeFindings, expect, expectAccessible, openLinkPlan, openPlan, tableCard, test, type AxeFinding } from './fixtures.ts';
import { dragAnnouncer } from './drag.ts';
import { addGuests, addTables, createOwnPlan } from './plan-setup.ts';

/**
 * axe-core on every page and panel a planner can reach, including those the other specs do not visit. Each group checks
 * all its pages before it fails, so one run lists every violation (and logs the counts per page as it goes).
 */
function survey(page: Page) {
  const found: { label: string; severe: AxeFinding[]; other: AxeFinding[] }[] = [];
  return {
    async check(label: string) {
      test.info().setTimeout(test.info().timeout + 180_000); // axe-core is slow over 1,500 guests on a busy machine
      const f = { label, ...(await axeFindings(page)) };
      found.push(f);
      const list = (v: AxeFinding[]) => v.map((x) => `${x.impact} ${x.id} ×${x.nodes}`).join(', ');
      console.log(`axe ${label}: ${f.severe.length ? list(f.severe) : 'no critical/serious'}${f.other.length ? ` (also ${list(f.other)})` : ''}`);
    },
    done() {
      const bad = found.filter((f) => f.severe.length > 0);
      expect(bad.map((f) => `${f.label}: ${f.severe.map((v) => `${v.impact} ${v.id} ×${v.nodes} ${v.targets[0]}`).join('; ')}`)).toEqual([]);
    },
  };
}

test('the checker itself finds what it must: a missing image text, a nameless button, low contrast', async ({ page }) => {
  await page.setContent(
    '<html lang="en"><head><title>t</title></head><body><main><img src="data:,"><button></button>' +
      '<p style="color:#bbb;background:#fff">faint</p></main></body></html>',
  );
  const { severe } = await axeFindings(page);
  expect(severe.map((f) => f.id).sort()).toEqual(['button-name', 'color-contrast', 'image-alt']);
});

test.describe('no critical or serious axe-core violation', () => {
  test('start page and error pages', async ({ page, server }) => {
    const axe = survey(page);
    await page.goto(server.url);
    await expect(page.getByTestId('open-demo')).toBeVisible();
    await axe.check('home');
    await page.goto(`${server.url}/nowhere`);
    await expect(page.getByTestId('not-found')).toBeVisible();
    await axe.check('page not found');
    await page.goto(`${server.url}/p/not-a-real-token`);
    await expect(page.getByTestId('plan-error')).toBeVisible();
    await axe.check('plan link error');
    await page.goto(server.url);
    await page.getByTestId('new-plan-name').fill('Empty party');
    await page.getByTestId('new-plan-owner').fill('Olivia Owner');
    await page.getByTestId('create-plan').click();
    await expect(page.getByTestId('open-created-plan')).toBeVisible();
    // The links alone let nobody else in yet: the page says how to bring people in, not that the links are the way.
    await expect(page.getByTestId('created-members-only')).toContainText('For now only you can open it');
    await axe.check('home: plan created');
    await page.getByTestId('open-created-plan').click();
    await expect(page.getByTestId('empty-board')).toBeVisible();
    await axe.check('empty plan: set-up start');
    axe.done();
  });

  test('the demo board as organiser: tables, rooms, imports, guest list, share', async ({ page, server }) => {
    const axe = survey(page);
    const { organisePath } = await server.demoLinks();
    await openPlan(page, server, organisePath);
    await expect(page.getByTestId('table-card')).toHaveCount(150);
    await axe.check('demo board: tables (organiser)');
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('review-link')).toBeVisible();
    await axe.check('share popover');
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-rooms').click();
    await page.getByTestId('rooms-list').click(); // the grid of physical tables (the floor plan is floorplan.spec's)
    await expect(page.getByTestId('physical-table').first()).toBeVisible();
    await axe.check('rooms view');
    await page.getByTestId('tab-imports').click();
    await axe.check('imports & batches');
    await page.getByTestId('tab-tables').click();
    await page.getByTestId('filter-unseated').click();
    await page.getByTestId('guest-search').fill('zzzz-nobody');
    await expect(page.getByTestId('guest-list-empty')).toBeVisible();
    await axe.check('guest list: no match');
    axe.done();
  });

  test('set-up dialogs', async ({ page, server }) => {
    const axe = survey(page);
    const { organisePath } = await server.demoLinks();
    await openPlan(page, server, organisePath);
    await page.getByTestId('open-add-guest').click();
    await axe.check('add-guest dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('guest-row').first().dblclick();
    await axe.check('edit-guest dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('open-add-tables').click();
    await axe.check('add-tables dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('open-venue').click();
    await axe.check('venue dialog');
    await page.keyboard.press('Escape');
    const { roomy } = demoPicks();
    await tableCard(page, roomy[0]!.id).getByTestId('edit-table').click();
    await axe.check('edit-table dialog');
    axe.done();
  });

  test('the Members dialog, with the banner landmark rules too', async ({ page, server }) => {
    await createOwnPlan(page, server.url, 'Landmarks party');
    await page.getByTestId('open-members').click();
    await expect(page.getByTestId('members-panel')).toBeVisible();
    await expectAccessible(page, 'members dialog');
    // best-practice rules (moderate, outside AXE_TAGS): the page has one banner, its header, and a dialog adds none
    const banners = await axeFindings(page, { type: 'rule', values: ['landmark-banner-is-top-level', 'landmark-no-duplicate-banner'] });
    expect([...banners.severe, ...banners.other].map((f) => `${f.id}: ${f.targets.join(', ')}`)).toEqual([]);
  });

  test('history panel and the past', async ({ page, server }) => {
    const axe = survey(page);
    const { organisePath } = await server.demoLinks();
    await openPlan(page, server, organisePath);
    await page.getByTestId('history-toggle').click();
    await expect(page.getByTestId('timeline-entry').first()).toBeVisible();
    await axe.check('history panel: changes');
    await page.getByTestId('timeline-tab-compare').click();
    await axe.check('history panel: compare');
    await page.getByTestId('timeline-tab-entity').click();
    await axe.check('history panel: guest / table');
    await page.getByTestId('timeline-tab-changes').click();
    await page.getByTestId('step-back').click();
    await expect(page.getByTestId('past-bar')).toBeVisible();
    await axe.check('past view');
    axe.done();
  });

  test('review link and print pages', async ({ page, server }) => {
    const axe = survey(page);
    const { organisePath, reviewPath } = await server.demoLinks();
    await openPlan(page, server, reviewPath);
    await expect(page.getByTestId('table-card')).toHaveCount(150);
    await axe.check('demo board: tables (review)');
    await page.getByTestId('tab-rooms').click();
    await axe.check('rooms view (review)');
    // A reviewer's keyboard help names only what a reviewer can do (nothing moves, nothing is duplicated).
    await expect(page.locator('.floor-help')).toContainText('its number and seats are read out');
    await expect(page.locator('.floor-help')).not.toContainText('duplicates');
    await page.goto(`${server.url}${organisePath}/print?what=tables`);
    await expect(page.getByText('Ballroom').first()).toBeVisible();
    await axe.check('print: table lists');
    await page.goto(`${server.url}${organisePath}/print?what=cards`);
    await expect(page.locator('body')).not.toBeEmpty();
    await axe.check('print: place cards');
    axe.done();
  });
});

/** Tab presses from the board's first tab to the first control inside the open History panel. */
async function tabsToHistory(page: Page): Promise<number> {
  await page.getByTestId('tab-tables').focus();
  for (let n = 1; n <= 4000; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !!document.activeElement?.closest('[data-testid="timeline"]'))) return n;
  }
  return Infinity;
}

/** The fields of a set-up dialog that come after its action buttons, in the page's order or on screen (none should). */
function fieldsAfterActions(dialog: Locator) {
  return dialog.evaluate((d) => {
    const actions = Array.from(d.querySelectorAll<HTMLElement>('.setup-actions')).filter((a) => !a.closest('.setup-confirm'));
    if (actions.length !== 1) return [`${actions.length} rows of actions`];
    const row = actions[0]!;
    const top = row.getBoundingClientRect().top;
    return Array.from(d.querySelectorAll<HTMLElement>('input, select, textarea'))
      .filter((f) => f.getBoundingClientRect().width > 0)
      .filter((f) => !(f.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING) || f.getBoundingClientRect().bottom > top)
      .map((f) => f.dataset.testid ?? f.id);
  });
}

test('every set-up dialog puts its fields (the accessible mark and seating rules too) above Save and Cancel', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  const { roomy } = demoPicks();
  await tableCard(page, roomy[0]!.id).getByTestId('edit-table').click();
  const table = page.getByTestId('table-dialog');
  await expect(table.getByTestId('table-accessible')).toBeVisible();
  expect(await fieldsAfterActions(table), 'table dialog').toEqual([]);
  // Enter in a field still saves the form (nothing changed: the dialog closes).
  await table.getByTestId('table-name').press('Enter');
  await expect(table).toHaveCount(0);

  await page.getByTestId('guest-row').first().dblclick();
  const guest = page.getByTestId('guest-dialog');
  await expect(guest.getByTestId('guest-seating')).toBeVisible();
  expect(await fieldsAfterActions(guest), 'edit-guest dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(guest).toHaveCount(0);

  await page.getByTestId('open-add-guest').click();
  expect(await fieldsAfterActions(guest), 'add-guest dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByTestId('open-add-tables').click();
  expect(await fieldsAfterActions(page.getByTestId('tables-dialog')), 'add-tables dialog').toEqual([]);
});

test('the History panel is a few Tab presses from the board', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await expect(page.getByTestId('table-card')).toHaveCount(150);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  const presses = await tabsToHistory(page);
  console.log(`Tab presses from the board to the History panel: ${presses}`);
  expect(presses).toBeLessThan(20);
});

test('chips are one tab stop per card: arrows move within, Space picks up, Enter on another card drops', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  const { s, occupied, roomy } = demoPicks();
  const from = occupied.find((t) => t.guestIds.length >= 3)!;
  const to = roomy[5]!;
  await openPlan(page, server, organisePath);
  const chips = tableCard(page, from.id).getByTestId('seated-guest');
  await expect(chips).toHaveCount(from.guestIds.length);
  await expect(chips.first()).toHaveAttribute('tabindex', '-1'); // not yet: the first card holds the tab stop
  await tableCard(page, from.id).focus();
  // A screen reader is told how to move between the cards and into one, as a guest row tells it its keys.
  await expect(tableCard(page, from.id)).toHaveAccessibleDescription(/Arrow keys move between tables\. Tab goes to the guests seated here/);
  await expect(chips.first()).toHaveAttribute('tabindex', '0');
  await expect(chips.nth(1)).toHaveAttribute('tabindex', '-1');
  await chips.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(chips.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(chips.last()).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(chips.nth(1)).toBeFocused();
  await expect(chips.nth(1)).toHaveAttribute('tabindex', '0');
  const moved = s.guests[from.guestIds[1]!]!;
  await page.keyboard.press('Space');
  await expect(dragAnnouncer(page)).toContainText(`Picked up guest ${moved.name}`);
  await tableCard(page, to.id).focus();
  await page.keyboard.press('Enter');
  await expect(tableCard(page, to.id).locator(`[data-testid="seated-guest"][data-guest-id="${moved.id}"]`)).toBeVisible();
  // And back by keyboard, so the demo plan stays as the other tests expect it.
  await tableCard(page, to.id).locator(`[data-testid="seated-guest"][data-guest-id="${moved.id}"]`).focus();
  await page.keyboard.press('Space');
  await tableCard(page, from.id).focus();
  await page.keyboard.press('Enter');
  await expect(tableCard(page, from.id).locator(`[data-testid="seated-guest"][data-guest-id="${moved.id}"]`)).toBeVisible();
});

test('skip links lead to the board, the guest search and the History panel; closing the panel returns focus', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await page.keyboard.press('Tab');
  const board = page.getByRole('link', { name: 'Skip to board' });
  await expect(board).toBeFocused();
  await expect(board).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#board-panel')).toBeFocused();
  await page.getByRole('link', { name: 'Skip to guest list' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('guest-search')).toBeFocused();
  await page.getByRole('button', { name: 'Skip to history' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline')).toBeFocused();
  await page.getByTestId('history-close').click();
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  await expect(page.getByTestId('history-toggle')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline')).toBeFocused();
  // Escape from anywhere in the panel closes it too, focus back on the History button.
  await page.getByTestId('timeline-tab-compare').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  await expect(page.getByTestId('history-toggle')).toBeFocused();
});

test('at 1024 px wide the header items never overlap', async ({ page, server }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await page.getByTestId('my-name').fill('Alexandra Featherstonehaugh');
  await page.getByTestId('my-name').press('Enter');
  // Saved, and the focus stays in the field (it used to fall to the page).
  await expect.poll(() => page.evaluate(() => localStorage.getItem('seatfold:userName'))).toBe('Alexandra Featherstonehaugh');
  await expect(page.getByTestId('my-name')).toBeFocused();
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  const boxes = await page.evaluate(() => {
    const header = document.querySelector('.app-header')!;
    const items = Array.from(header.querySelectorAll<HTMLElement>('.app-header__plan > *, .totals, .app-header__right > *'));
    return {
      width: document.documentElement.clientWidth,
      scroll: header.scrollWidth - header.clientWidth,
      items: items
        .map((el) => ({ name: el.className || el.tagName, r: el.getBoundingClientRect() }))
        .filter((x) => x.r.width > 0 && x.r.height > 0)
        .map((x) => ({ name: x.name, left: x.r.left, right: x.r.right, top: x.r.top, bottom: x.r.bottom })),
    };
  });
  expect(boxes.scroll).toBeLessThanOrEqual(0);
  const overlaps: string[] = [];
  for (const [i, a] of boxes.items.entries()) {
    expect(a.right, `${a.name} ends inside the window`).toBeLessThanOrEqual(boxes.width);
    for (const b of boxes.items.slice(i + 1)) {
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
        overlaps.push(`${a.name} / ${b.name}`);
    }
  }
  expect(overlaps).toEqual([]);
});

test('at 1280 and 1024 px wide an owner’s header and board toolbar keep every item whole, a long plan name cut', async ({ page, server }) => {
  const name = 'Annual company summer party 2026 at the Grand Riverside Hotel ballroom';
  await ownPlanAt1280(page, server.url, name);
  // The name on screen is cut, yet whole for screen readers and in its title.
  await expect(page.getByRole('heading', { level: 1, name })).toHaveAttribute('title', name);
  // Online, then offline with a change waiting (the count and the pill take more room; who is here is not known).
  for (const [width, offline] of [
    [1280, false],
    [1024, false],
    [1280, true],
    [1024, true],
  ] as const) {
    await page.setViewportSize({ width, height: 800 });
    if (offline && !(await page.getByTestId('pending-count').isVisible())) {
      await page.context().setOffline(true);
      await expect(page.getByTestId('connection-status')).toHaveText(/^(Offline|Reconnecting)/);
      await addGuests(page, ['Ann Offline', 'Bo Offline']);
      // who is here is not known offline: not shown
      await expect(page.locator('.online')).toHaveCount(0);
      await expect(page.getByTestId('pending-count')).toBeVisible();
    }
    const header = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll<HTMLElement>('.app-header__plan > *, .totals, .app-header__right > *, .online__alone'));
      return items
        .map((el) => ({
          name: el.className,
          r: el.getBoundingClientRect(),
          cut: el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5,
        }))
        .filter((x) => x.r.width > 0)
        .map((x) => ({ name: x.name, cut: x.cut, left: x.r.left, right: x.r.right, top: x.r.top, bottom: x.r.bottom }));
    });
    expect(
      header.filter((h) => h.cut).map((h) => h.name),
      `only the plan name is cut at ${width} px${offline ? ', offline' : ''}`,
    ).toEqual(['plan-name']);
    const overlaps: string[] = [];
    for (const [i, a] of header.entries()) {
      expect(a.right, `${a.name} ends inside the window at ${width} px`).toBeLessThanOrEqual(width);
      for (const b of header.slice(i + 1)) {
        const nested = (a.left <= b.left && b.right <= a.right) || (b.left <= a.left && a.right <= b.right);
        if (!nested && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          overlaps.push(`${a.name} / ${b.name}`);
      }
    }
    expect(overlaps, `header at ${width} px${offline ? ', offline' : ''}`).toEqual([]);
    if (offline) continue;
    await expect(page.locator('.online__alone')).toHaveText('Only you');
    // The toolbar's buttons stay together on one row, each label on one line.
    await expect(page.getByTestId('open-autoseat')).toBeVisible();
    const buttons = await page
      .locator('.tabs button:not([role="tab"])')
      .evaluateAll((els) => els.map((el) => ({ name: el.textContent.trim(), r: el.getBoundingClientRect() })));
    expect(buttons.map((b) => b.name)).toEqual(['Add tables', 'Rooms & physical tables', 'Catering', 'Seat automatically']);
    expect(
      buttons.map((b) => `${b.name}: ${b.r.top}/${b.r.height}`),
      `at ${width} px`,
    ).toEqual(buttons.map((b) => `${b.name}: ${buttons[0]!.r.top}/${buttons[0]!.r.height}`));
  }
});

test('offline with nothing waiting, the long status pill gives way, not the plan name: the name stays readable at 1280 px', async ({
  page,
  server,
}) => {
  const name = 'Annual company summer party 2026 at the Grand Riverside Hotel ballroom';
  const sentence = 'Offline — changes will sync when back';
  await ownPlanAt1280(page, server.url, name);
  await page.context().setOffline(true);
  const pill = page.getByTestId('connection-status');
  // the whole sentence for a screen reader (the live region's text) and in the pill's title, however much shows
  await expect(pill).toHaveText(sentence);
  await expect(pill).toHaveAttribute('title', sentence);
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
  // (at 1024 px an owner's header has room for no more than the name's start, online or not: the test above)
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    const m = await page.evaluate(() => {
      const box = (sel: string) => document.querySelector<HTMLElement>(sel)!.getBoundingClientRect();
      const text = document.querySelector<HTMLElement>('[data-testid="connection-status-text"]')!;
      const header = document.querySelector<HTMLElement>('.app-header')!;
      return {
        name: box('[data-testid="plan-name"]').width,
        em: parseFloat(getComputedStyle(document.querySelector('[data-testid="plan-name"]')!).fontSize),
        pill: box('[data-testid="connection-status"]'),
        pillWhole: text.scrollWidth <= text.clientWidth + 0.5,
        scroll: header.scrollWidth - header.clientWidth,
        right: box('.app-header__right').right,
      };
    });
    // about twenty letters of the name show at 1280 px (it was cut to 60 px, "Annu…", by the pill's sentence)
    if (width === 1280) expect(m.name, `the plan name's width at ${width} px`).toBeGreaterThanOrEqual(12 * m.em - 1);
    else expect(m.name, `the plan name's width at ${width} px`).toBeGreaterThanOrEqual(59);
    expect(m.scroll, `the header does not scroll at ${width} px`).toBeLessThanOrEqual(0);
    expect(m.right, `the header's right side ends inside the window at ${width} px`).toBeLessThanOrEqual(width);
    // the pill keeps its dot and first word ("Offline…")
    expect(m.pill.width, `the pill at ${width} px`).toBeGreaterThanOrEqual(60);
    test
      .info()
      .annotations.push({ type: 'measured', description: `${width} px: name ${m.name} px, pill ${m.pill.width} px, pill whole: ${m.pillWhole}` });
  }
});

test('on the Rooms tab scrolled down, the “Not placed yet” tray leaves the Floor plan / List switch in view and usable', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPlan(page, server, organisePath);
  await page.getByTestId('tab-rooms').click();
  await expect(page.getByTestId('unplaced-tray')).toBeVisible();
  const board = page.locator('#board-panel');
  const uncovered = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    });
  for (const testId of ['rooms-list', 'rooms-floor']) {
    await board.evaluate((el) => el.scrollBy(0, 400));
    await expect.poll(() => board.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    expect(await uncovered(testId), `${testId} stays uncovered by the tray`).toBe(true);
    await page.getByTestId(testId).click({ timeout: 5_000 });
    await expect(page.getByTestId(testId)).toHaveAttribute('aria-pressed', 'true');
  }
  await page.getByTestId('rooms-list').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rooms-list')).toHaveAttribute('aria-pressed', 'true');
});

test('at 1024 and 1400 px wide, the history open, the board tabs keep one-line labels and its buttons do not overlap', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await page.setViewportSize({ width: 1400, height: 900 });
  await openPlan(page, server, organisePath);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  for (const width of [1400, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    const boxes = await page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLElement>('.tabs [role="tab"], .tabs > :not(.tabs__list):not(.tabs__hint):not(.tabs__actions), .tabs button'),
      )
        .map((el) => ({ name: el.textContent.trim(), r: el.getBoundingClientRect(), tab: el.getAttribute('role') === 'tab' }))
        .filter((x) => x.r.width > 0)
        .map((x) => ({ name: x.name, tab: x.tab, left: x.r.left, right: x.r.right, top: x.r.top, bottom: x.r.bottom, height: x.r.height })),
    );
    const tabs = boxes.filter((b) => b.tab);
    expect(tabs.map((t) => t.name)).toEqual(['Tables', 'Rooms', 'Export, import & batches']);
    // one line each: as tall as the one-word tab
    expect(tabs.map((t) => t.height)).toEqual(tabs.map(() => tabs[0]!.height));
    const overlaps: string[] = [];
    for (const [i, a] of boxes.entries()) {
      expect(a.right, `${a.name} ends inside the window at ${width} px`).toBeLessThanOrEqual(width);
      for (const b of boxes.slice(i + 1)) {
        const nested = (a.left <= b.left && b.right <= a.right && a.top <= b.top && b.bottom <= a.bottom) || (b.left <= a.left && a.right <= b.right);
        if (!nested && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          overlaps.push(`${a.name} / ${b.name}`);
      }
    }
    expect(overlaps, `at ${width} px`).toEqual([]);
  }
});

test('at 1024 px wide, the history open, the bar over a past board keeps its sentence readable and its buttons inside', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await page.setViewportSize({ width: 1024, height: 768 });
  await openPlan(page, server, organisePath);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('step-back')).toHaveAttribute('aria-disabled', 'false'); // the history is read
  await page.getByTestId('step-back').click();
  const bar = page.getByTestId('past-bar');
  await expect(bar).toBeVisible();
  const box = async (el: Locator) => (await el.boundingBox())!;
  const b = await box(bar);
  const text = await box(bar.locator('.past-bar__text'));
  const copy = await box(page.getByTestId('copy-at-link'));
  const live = await box(page.getByTestId('back-to-live'));
  // The sentence is read across its width (it was squeezed to one word a line: 18 lines), the buttons are whole.
  expect(text.height, 'the sentence takes at most three lines').toBeLessThanOrEqual(3 * 22);
  for (const [name, r] of [
    ['copy', copy],
    ['back to now', live],
  ] as const) {
    expect(r.x + r.width, `${name} ends inside the bar`).toBeLessThanOrEqual(b.x + b.width);
    expect(r.height, `${name} is one line`).toBeLessThan(40);
  }
});

/**
 * What a sighted planner cannot read off the screen: a field whose only label is hidden (read to screen readers only),
 * and a button drawn as an icon alone with no tooltip. Search boxes (a magnifier and their placeholder), the header's
 * own name (a pencil beside it, its tooltip on the field's label) and a name edited in place are named where they stand.
 */
function unlabelledOnScreen(page: Page) {
  return page.evaluate(() => {
    const shown = (el: Element) => !el.closest('[inert]') && (el as HTMLElement).offsetWidth > 0;
    const text = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('.visually-hidden, svg').forEach((x) => x.remove());
      return copy.textContent?.trim() ?? '';
    };
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLInputElement>('input:not([type=hidden]):not([type=search]), select, textarea'))) {
      if (!shown(el) || el.closest('td') || ['my-name', 'inline-name'].includes(el.dataset.testid ?? '')) continue;
      if (!Array.from(el.labels ?? []).some((l) => text(l) !== '') && !el.hasAttribute('aria-labelledby'))
        out.push(`field ${el.dataset.testid ?? el.outerHTML.slice(0, 80)}`);
    }
    for (const b of Array.from(document.querySelectorAll<HTMLElement>('button'))) {
      if (shown(b) && text(b) === '' && !b.title) out.push(`button ${b.getAttribute('aria-label') ?? b.outerHTML.slice(0, 80)}`);
    }
    return out;
  });
}

test('every field shows its label and every icon button its name on hover: board, History, seat picker', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Labels');
  await openPlan(page, server, organisePath);
  await addTables(page, 1, 2, 8);
  await addGuests(page, ['Ada Label']);
  expect(await unlabelledOnScreen(page)).toEqual([]);
  await page.getByTestId('history-toggle').click();
  await expect(page.getByTestId('jump-time')).toBeVisible();
  expect(await unlabelledOnScreen(page)).toEqual([]);
  await page.getByTestId('history-close').click();
  await page.getByTestId('guest-row').first().focus();
  await page.keyboard.press('t');
  await expect(page.getByTestId('seat-picker')).toBeVisible();
  expect(await unlabelledOnScreen(page)).toEqual([]);
});

test('at 390 px wide a planner searches a guest, sees their table and moves them', async ({ page, server }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { organisePath } = await server.demoLinks();
  const { s, occupied, roomy } = demoPicks();
  const from = occupied[3]!;
  const guest = s.guests[from.guestIds[0]!]!;
  const to = roomy[6]!;
  await openPlan(page, server, organisePath);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The guest panel takes about two fifths of the height: three guests and the first table card whole on screen.
  expect((await page.getByRole('complementary', { name: 'Guests' }).boundingBox())!.height).toBeLessThanOrEqual(844 * 0.45);
  await expect(page.getByTestId('guest-row').nth(2)).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('table-card').first()).toBeInViewport({ ratio: 1 });
  await page.getByTestId('guest-search').fill(guest.email);
  await page.getByTestId('guest-row').first().click();
  const picker = page.getByTestId('seat-picker');
  await expect(picker).toBeInViewport();
  await expect(picker.getByTestId('seat-picker-table')).toHaveText(`Table ${from.name} (${from.guestIds.length}/${from.capacity})`);
  await expectAccessible(page, 'phone: seat picker');
  await picker.getByTestId('seat-picker-select').selectOption(to.id);
  await picker.getByTestId('seat-picker-seat').click();
  await expect(picker.getByTestId('seat-picker-table')).toHaveText(`Table ${to.name} (${to.guestIds.length + 1}/${to.capacity})`);
  await expect(page.getByTestId('guest-row').first()).toHaveAttribute('data-table-id', to.id);
  await picker.getByTestId('seat-picker-select').selectOption(from.id);
  await picker.getByTestId('seat-picker-seat').click();
  await expect(page.getByTestId('guest-row').first()).toHaveAttribute('data-table-id', from.id);
  // The picker is named for what it offers: a seated guest is moved or unseated, an unseated one seated.
  await expect(picker).toHaveAccessibleName(/^Move or unseat /);
  await picker.getByTestId('seat-picker-unseat').click();
  await expect(picker).toHaveAccessibleName(/^Seat /);
  await picker.getByTestId('seat-picker-select').selectOption(from.id);
  await picker.getByTestId('seat-picker-seat').click();
  await expect(picker).toHaveAccessibleName(/^Move or unseat /);
  await expect(page.getByTestId('guest-row').first()).toHaveAttribute('data-table-id', from.id);

  // The guest's dialog fits the phone: nothing wider than it, its buttons whole on screen.
  await page.keyboard.press('Escape');
  await page.getByTestId('guest-row').first().focus();
  await page.keyboard.press('e');
  const dialog = page.getByTestId('guest-dialog');
  const save = dialog.getByTestId('guest-save');
  await save.scrollIntoViewIfNeeded();
  await expect(save).toBeInViewport({ ratio: 1 });
  expect(await dialog.locator('.setup-dialog__body').evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
});

test('at 390 px wide History is a sheet: the board above it shows the moment scrubbed to, and it folds to the scrubber', async ({ page, server }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { organisePath } = await server.demoLinks();
  const { s, occupied, roomy } = demoPicks();
  const from = occupied[7]!;
  const guest = s.guests[from.guestIds[0]!]!;
  const to = roomy[9]!;
  await openPlan(page, server, organisePath);
  await page.getByTestId('guest-search').fill(guest.email);
  const row = page.getByTestId('guest-row').first();
  const moveTo = async (tableId: string) => {
    await row.click();
    await page.getByTestId('seat-picker').getByTestId('seat-picker-select').selectOption(tableId);
    await page.getByTestId('seat-picker').getByTestId('seat-picker-seat').click();
    await expect(row).toHaveAttribute('data-table-id', tableId);
    await page.keyboard.press('Escape');
  };
  await moveTo(to.id);

  await page.getByTestId('history-toggle').click();
  const sheet = page.getByTestId('timeline');
  const scrubber = sheet.getByTestId('scrubber');
  await expect(sheet).toBeFocused(); // opening moves focus into the panel, as on a wide screen
  // The whole history is in before a step back (while it loads, a step before the changes loaded so far shows the
  // plan's start: the finding in stop 54's note)
  await expect(sheet.getByTestId('history-count')).toBeVisible();
  // Open, the sheet takes the lower half: the board shows above it.
  const open = (await sheet.boundingBox())!;
  expect(open.y).toBeGreaterThanOrEqual(844 * 0.45);
  const covered = (box: { x: number; y: number; width: number; height: number }) =>
    page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.timeline'), [box.x + box.width / 2, box.y + box.height / 2] as const);

  // Folded to the scrubber and its buttons, it leaves the guest's row in view while the planner steps back.
  const fold = sheet.getByRole('button', { name: 'Fold to the scrubber' });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await fold.click();
  await expect(sheet.getByRole('tab')).toHaveCount(0);
  expect((await sheet.boundingBox())!.height).toBeLessThan(open.height / 2);
  await scrubber.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('past-bar')).toBeAttached();
  await expect(row).toHaveAttribute('data-table-id', from.id);
  expect(await covered((await row.boundingBox())!)).toBe(false);
  // The bar saying the board is a past moment (read only) is where the planner looks: over the guest list, in view,
  // uncovered, and it stays in view while the page scrolls down to the tables.
  const bar = page.getByTestId('past-bar');
  const inSight = async () => {
    const b = (await bar.boundingBox())!;
    const atTop = await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('[data-testid="past-bar"]'), [
      b.x + b.width / 2,
      b.y + b.height / 2,
    ] as const);
    return { top: b.y >= 0 && b.y + b.height <= 844 * 0.5, atTop };
  };
  await expect(bar).toBeInViewport();
  expect((await bar.boundingBox())!.y, 'the bar is above the guest list').toBeLessThan((await page.getByTestId('guest-search').boundingBox())!.y);
  expect(await inSight()).toEqual({ top: true, atTop: true });
  await page.evaluate(() => window.scrollBy(0, 900));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  expect(await inSight(), 'scrolled down to the tables').toEqual({ top: true, atTop: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.keyboard.press('End');
  await expect(row).toHaveAttribute('data-table-id', to.id);

  const unfold = sheet.getByRole('button', { name: 'Show the list of changes' });
  await expect(unfold).toHaveAttribute('aria-expanded', 'false');
  await unfold.press('Enter');
  await expect(sheet.getByRole('tab', { name: 'Changes' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await moveTo(from.id);
});

test('on a touch screen the guest row’s pencil and party handle show and take a fingertip around them', async ({ browser, server }) => {
  const { organisePath } = await server.demoLinks();
  const page = await (await browser.newContext({ viewport: { width: 393, height: 851 }, isMobile: true, hasTouch: true })).newPage();
  await openPlan(page, server, organisePath);
  expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  const row = page
    .getByTestId('guest-row')
    .filter({ has: page.locator('.party-handle') })
    .first();
  const pencil = row.getByTestId('guest-row-edit');
  await expect(pencil).toHaveCSS('opacity', '1'); // no hover on a phone to bring it out
  const p = (await pencil.boundingBox())!;
  const h = (await row.locator('.party-handle').boundingBox())!;
  const hit = (x: number, y: number) =>
    page.evaluate(
      ([x, y]) => {
        const e = document.elementFromPoint(x, y);
        return e?.closest('[data-testid="guest-row-edit"]') ? 'pencil' : e?.closest('.party-handle') ? 'handle' : 'row';
      },
      [x, y] as const,
    );
  // 7 px beyond each: still theirs; each grows away from the other.
  expect(await hit(p.x + p.width + 7, p.y + p.height / 2)).toBe('pencil');
  expect(await hit(p.x + p.width / 2, p.y - 7)).toBe('pencil');
  expect(await hit(h.x - 7, h.y + h.height / 2)).toBe('handle');
  expect(await hit(h.x + h.width / 2, h.y - 7)).toBe('handle');
  // A tap just beside the pencil opens the guest's form.
  await page.touchscreen.tap(p.x + p.width + 6, p.y + p.height / 2);
  await expect(page.getByTestId('guest-dialog')).toBeVisible();
});

/** A new plan of Olivia Owner's, named `name`, opened at 1280 × 800 and connected. */
async function ownPlanAt1280(page: Page, url: string, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await createOwnPlan(page, url, name);
  await expect(page.getByTestId('open-members')).toBeVisible();
}
