import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, openLinkPlan, openPlan, test } from './fixtures.ts';
import { addGuests, addTables, createOwnPlan, importCsv, KIM_DOES } from './plan-setup.ts';

const seated = (page: Page) => page.getByTestId('totals');

/** Adds a rule from the rules panel's form: finds and ticks each guest, picks the kind, must or wish. */
async function addRule(panel: Locator, names: string[], kind: string, hard: boolean) {
  for (const name of names) {
    await panel.getByLabel('Find guests').fill(name);
    await panel.getByRole('group', { name: 'Matching guests' }).getByRole('checkbox', { name }).check();
  }
  await expect(panel.getByRole('list', { name: 'Guests in the rule' }).getByRole('listitem')).toHaveCount(names.length);
  await panel.getByLabel('Rule', { exact: true }).selectOption(kind);
  await panel.getByLabel('Must (not just a wish)').setChecked(hard);
  await panel.getByTestId('rule-add').click();
  await expect(panel.getByTestId('rule-added')).toHaveText(`Rule added for ${names.length} guests.`);
}

// A small plan of its own, so the shared demo plan other spec files use is never touched.
test('seat everybody: preview, apply as one batch, refused when the plan changed, reverted from the batch list', async ({
  page,
  browser,
  server,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await createOwnPlan(page, server.url, 'Autoseat dinner');
  const link = new URL(page.url());
  // A new plan opens to its members only: its owner lets anyone with the organiser link organise, so Bob may join.
  const open = await page.request.put(`${server.url}/api/plans/${link.pathname.split('/')[2]}/open-links`, {
    data: { organise: true, review: false },
  });
  expect(open.ok()).toBe(true);
  const bob = await (await browser.newContext()).newPage();
  await openPlan(bob, server, link.pathname + link.search + link.hash);

  // Without tables there is nothing to seat at: the panel says so and offers no run.
  await page.getByTestId('open-autoseat').click();
  const panel = page.getByRole('dialog', { name: 'Seat automatically' });
  await expect(panel.getByTestId('autoseat-empty')).toContainText('There are no tables yet');
  await expect(panel.getByRole('button', { name: 'Seat everybody' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // Two tables of 3 seats, four guests.
  await addTables(page, 1, 2, 3);
  await addGuests(page, ['Ann Arbor', 'Ben Braun', 'Cara Klein', 'Dan Dorn']);
  await expect(seated(page)).toHaveAttribute('data-guests', '4');
  await expect(seated(page)).toHaveAttribute('data-seated', '0');

  // Seat everybody, from the keyboard: the preview lists who goes where.
  await page.getByTestId('open-autoseat').focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('autoseat-counts')).toHaveText('4 guests, 4 without a seat, 2 tables.');
  // A rule first: Ann and Ben must sit apart.
  await expect(panel.getByTestId('autoseat-no-rules')).toBeVisible();
  await addRule(panel, ['Ann Arbor', 'Ben Braun'], 'apart', true);
  await expect(panel.getByTestId('autoseat-rule')).toHaveText(/keep Ann Arbor and Ben Braun apart \(must\)/);

  await panel.getByRole('button', { name: 'Seat everybody' }).click();
  const preview = panel.getByRole('region', { name: 'Seat everybody: proposal' });
  await expect(preview.getByTestId('autoseat-unseated')).toHaveText('4 before → 0 after');
  await expect(preview.getByTestId('autoseat-move-count')).toHaveText('4');
  await expect(preview.getByTestId('autoseat-moves').getByRole('listitem')).toHaveCount(4);
  await expect(preview.getByTestId('autoseat-moves')).toContainText(/Ann Arbor: unseated → [12]/);
  await expect(preview.getByTestId('autoseat-hard')).toHaveText('0');
  // in a planner's words, never the solver's raw score: 4 guests at 2 tables sit 2 and 2
  await expect(preview.getByTestId('autoseat-balance')).toHaveText(/^fullest 2 of \d+, emptiest 2 of \d+$/);
  await expect(preview.getByTestId('autoseat-balance-before')).toHaveText(/^fullest 0 of \d+, emptiest 0 of \d+$/);
  await expect(preview.getByTestId('autoseat-wishes')).toHaveText('none set');
  await expect(preview.getByRole('table', { name: 'The plan as it is and this proposal, by what the seating weighs' })).not.toContainText('Score');
  const tableOf = async (name: string) =>
    /→ (\S+)$/.exec((await preview.getByTestId('autoseat-moves').getByRole('listitem').filter({ hasText: name }).innerText()).trim())?.[1];
  expect(await tableOf('Ann Arbor')).not.toBe(await tableOf('Ben Braun'));
  // Checked before applying: counted, found by name, and listed by table (who each gets).
  await expect(preview.getByTestId('autoseat-move-summary')).toHaveText('4 get a seat');
  await preview.getByTestId('autoseat-moves-find').fill('arbor');
  await expect(preview.getByTestId('autoseat-moves').getByRole('listitem')).toHaveText([/^Ann Arbor: unseated → [12]$/]);
  await preview.getByTestId('autoseat-moves-find').fill('');
  const annAt = await tableOf('Ann Arbor');
  await preview.getByTestId('autoseat-moves-by-table').check();
  const byTable = preview.getByTestId('autoseat-moves-by-table-list').getByRole('listitem');
  await expect(byTable).toHaveCount(2);
  await expect(byTable.filter({ hasText: `${annAt}: gets` })).toContainText('Ann Arbor');
  await preview.getByRole('radio', { name: 'by guest' }).check();

  // Bob adds a guest meanwhile: the proposal is refused, and runs again from the panel.
  await addGuests(bob, ['Eve Early']);
  await expect(seated(page)).toHaveAttribute('data-guests', '5');
  await preview.getByTestId('autoseat-apply').click();
  await expect(panel.getByTestId('autoseat-stale')).toHaveText(/The plan changed since this proposal: run it again/);
  await panel.getByTestId('autoseat-rerun').click();
  await expect(preview.getByTestId('autoseat-unseated')).toHaveText('5 before → 0 after');

  // Apply: one batch; Bob sees everybody seated.
  await preview.getByTestId('autoseat-apply').click();
  await expect(panel.getByTestId('autoseat-applied')).toContainText('Applied “Seat everybody (5 guests)”');
  await expect(seated(bob)).toHaveAttribute('data-seated', '5');
  await expect(seated(page)).toHaveAttribute('data-seated', '5');

  // Fix after changes on a plan that needs nothing: says so, offers no apply.
  await panel.getByRole('button', { name: 'Fix after changes' }).click();
  await expect(panel.getByTestId('autoseat-no-moves')).toBeVisible();
  await expect(panel.getByTestId('autoseat-apply')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // The batch is listed and reverts in one click: everybody is unseated again, for Bob too.
  await page.getByTestId('tab-imports').click();
  const batch = page.getByTestId('batch').filter({ hasText: 'Seat everybody (5 guests)' });
  await expect(batch).toHaveCount(1);
  await expect(batch).toContainText('Seat automatically');
  await batch.getByTestId('revert-batch').click();
  const revert = page.getByTestId('revert-dialog');
  await revert.getByTestId('revert-confirm').click();
  await expect(revert).toHaveCount(0);
  await expect(seated(bob)).toHaveAttribute('data-seated', '0');
  await expect(seated(page)).toHaveAttribute('data-seated', '0');
  // The rule goes again, from the keyboard-reachable remove button named after it.
  await page.getByTestId('tab-tables').click();
  await page.getByTestId('open-autoseat').click();
  await panel.getByRole('button', { name: 'Remove the rule: keep Ann Arbor and Ben Braun apart (must)' }).click();
  await expect(panel.getByTestId('autoseat-no-rules')).toBeVisible();
  expect(errors).toEqual([]);
});

// A plan of its own: seat it, pin a guest and give them a rule they cannot keep without moving, run again.
test('a pinned guest is never moved; scores before and after; Stop keeps the best plan so far; a rule naming a removed guest is ignored with a note', async ({
  page,
  server,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await createOwnPlan(page, server.url, 'Autoseat pins');
  await addTables(page, 1, 2, 3);
  await addGuests(page, ['Ann Arbor', 'Ben Braun', 'Cara Klein', 'Dan Dorn']);

  const panel = page.getByRole('dialog', { name: 'Seat automatically' });
  const preview = panel.getByRole('region', { name: 'Seat everybody: proposal' });
  await page.getByTestId('open-autoseat').click();
  await panel.getByRole('button', { name: 'Seat everybody' }).click();
  await preview.getByTestId('autoseat-apply').click();
  await expect(panel.getByTestId('autoseat-applied')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(seated(page)).toHaveAttribute('data-seated', '4');

  // Pin Ann from her row's menu (E opens the guest dialog) and ask for her at the other table (a must).
  const ann = page.getByTestId('guest-row').filter({ hasText: 'Ann Arbor' });
  const annTable = (await ann.locator('.table-badge').innerText()).trim(); // "Table 1" or "Table 2"
  const other = annTable === 'Table 1' ? 'Table 2' : 'Table 1';
  await ann.focus();
  await page.keyboard.press('e');
  const dialog = page.getByTestId('guest-dialog');
  await dialog.getByTestId('guest-pin').check();
  await expect(ann.getByTestId('guest-pinned-mark')).toBeVisible();
  // This plan has no floor plan, so no fixtures: the guest's dialog says so, and where to add one, as the rules panel does.
  await dialog.getByLabel('Rule', { exact: true }).selectOption('nearFixture');
  await expect(dialog.getByLabel('Fixture', { exact: true }).locator('option')).toHaveText(['No fixtures yet (add them on a floor plan)']);
  await dialog.getByLabel('Rule', { exact: true }).selectOption('atTable');
  await dialog.getByLabel('Table', { exact: true }).selectOption({ label: other });
  await dialog.getByTestId('guest-rule-hard').check();
  await dialog.getByTestId('guest-rule-add').click();
  await expect(dialog.getByTestId('guest-rule-added')).toContainText(`seat at table ${other}`);
  await expectAccessible(page, 'guest dialog with automatic seating');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Seat everybody again: Ann stays; the rule is reported broken because she is pinned; both scores shown.
  await page.getByTestId('open-autoseat').click();
  await expect(panel.getByTestId('autoseat-rule').filter({ hasText: `seat Ann Arbor at table ${other.slice(6)} (must)` })).toHaveCount(1);
  await panel.getByRole('button', { name: 'Seat everybody' }).click();
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('autoseat-moves').or(preview.getByTestId('autoseat-no-moves'))).toBeVisible();
  await expect(preview.getByTestId('autoseat-moves').getByRole('listitem').filter({ hasText: 'Ann Arbor' })).toHaveCount(0);
  await expect(preview.getByTestId('autoseat-unsatisfied')).toContainText(
    `seat Ann Arbor at table ${other.slice(6)}: Ann Arbor at table “${annTable.slice(6)}” (Ann Arbor pinned at table “${annTable.slice(6)}”)`,
  );
  await expect(preview.getByTestId('autoseat-hard-before')).toHaveText('1');
  await expect(preview.getByTestId('autoseat-hard')).toHaveText('1');
  await expect(preview.getByTestId('autoseat-no-seat-before')).toHaveText('0');
  await expect(preview.getByTestId('autoseat-moved')).toHaveText(/^\d+$/);
  await expectAccessible(page, 'autoseat preview with scores before and after');

  // A long run, stopped: the preview is the best plan the run had reported, marked as stopped early.
  await panel.getByTestId('autoseat-budget').selectOption('30000');
  await panel.getByRole('button', { name: 'Seat everybody' }).click();
  const best = panel.getByTestId('autoseat-best-so-far');
  await expect(best).toHaveAttribute('data-score', /\d/);
  await expect(best).toHaveText(/^Best plan so far: \d+ without a seat, \d+ must-haves broken, tables fullest \d+ of \d+, emptiest \d+ of \d+\.$/);
  // read the best shown and press Stop in one step, so no newer best can come in between
  const shown = await page.evaluate(() => {
    const score = document.querySelector<HTMLElement>('[data-testid="autoseat-best-so-far"]')!.dataset.score;
    document.querySelector<HTMLElement>('[data-testid="autoseat-stop"]')!.click();
    return score;
  });
  await expect(preview.getByRole('heading', { level: 3 })).toHaveText('Proposal (stopped early: the best plan found so far)');
  await expect(preview).toHaveAttribute('data-score', shown!);
  await expect(preview.getByTestId('autoseat-moves').getByRole('listitem').filter({ hasText: 'Ann Arbor' })).toHaveCount(0);

  // A rule naming a guest who is then removed keeps folding: shown as "(removed guest)", ignored with a note.
  await addRule(panel, ['Ben Braun', 'Dan Dorn'], 'together', false);
  await expect(panel.getByTestId('autoseat-rule').filter({ hasText: 'keep Ben Braun and Dan Dorn together (wish)' })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.getByTestId('guest-row').filter({ hasText: 'Dan Dorn' }).dblclick();
  await page.getByTestId('guest-remove').click();
  await page.getByTestId('guest-remove-yes').click();
  await expect(page.getByTestId('guest-dialog')).toHaveCount(0);
  await page.getByTestId('open-autoseat').click();
  const gone = panel.getByTestId('autoseat-rule').filter({ hasText: 'keep Ben Braun and (removed guest) together (wish)' });
  await expect(gone.getByTestId('autoseat-rule-note')).toContainText('ignored by automatic seating');
  await panel.getByRole('button', { name: 'Seat everybody' }).click();
  await expect(preview.getByTestId('autoseat-rule-notes')).toContainText(
    'keep Ben Braun and (removed guest) together (wish): it names a guest who was removed, so it is ignored.',
  );
  expect(errors).toEqual([]);
});

test('two guests of one name read apart where a rule picks the other guest', async ({ page, server }) => {
  const { organisePath } = await server.demoLinks();
  await openPlan(page, server, organisePath);
  await addGuests(page, KIM_DOES);

  // In another guest's dialog, the "Other guest" choice shows the two apart, by what differs.
  await page.getByTestId('guest-row').first().dblclick();
  const dialog = page.getByTestId('guest-dialog');
  await dialog.getByRole('combobox', { name: 'Other guest' }).fill('doe kim');
  const kims = dialog.getByRole('listbox', { name: 'Other guest' }).getByRole('option', { name: 'Kim Doe' });
  const apart = ['Kim Doe (kim.doe@it.example)', 'Kim Doe (kim.doe@sales.example)'];
  await expect(kims).toHaveCount(2);
  expect((await kims.allTextContents()).sort()).toEqual(apart);
  await page.keyboard.press('Escape'); // closes the list
  await page.keyboard.press('Escape'); // clears the text
  await page.keyboard.press('Escape'); // closes the dialog
  await expect(dialog).toHaveCount(0);

  // So do the rules panel's matches.
  await page.getByTestId('open-autoseat').click();
  const panel = page.getByTestId('rule-form');
  await panel.getByLabel('Find guests').fill('kim doe');
  const matches = panel.getByRole('group', { name: 'Matching guests' }).locator('label');
  await expect(matches).toHaveCount(2);
  expect((await matches.allTextContents()).map((t) => t.trim()).sort()).toEqual(apart);
});

// A plan of its own, so the shared demo plan other spec files use is never touched.
test('a rule’s other guest is found by typing part of the name, chosen from the keyboard', async ({ page, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Picker');
  await openPlan(page, server, organisePath);
  await addGuests(page, ['Ann Arbor', 'Jürgen Müller', 'Julia Muster', 'Ben Braun']);
  await page.getByTestId('guest-row').filter({ hasText: 'Ann Arbor' }).dblclick();
  const dialog = page.getByTestId('guest-dialog');
  const other = dialog.getByRole('combobox', { name: 'Other guest' });
  const list = dialog.getByRole('listbox', { name: 'Other guest' });
  await expect(other).toHaveAttribute('aria-expanded', 'false');

  // Nobody matches: the list says so, and Escape closes it without closing the dialog.
  await other.fill('zz');
  await expect(other).toHaveAttribute('aria-expanded', 'true');
  await expect(dialog.getByRole('status').filter({ hasText: 'No guest matches “zz”.' })).toBeVisible();
  await expect(list.getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(other).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog).toBeVisible();

  // "mu" finds both M(ü)… guests; "muell" (the umlaut spelled out) only Jürgen Müller. Down, Enter chooses.
  await other.fill('mu');
  await expect(list.getByRole('option')).toHaveText(['Julia Muster', 'Jürgen Müller']);
  await expectAccessible(page, 'guest dialog, the other-guest list open');
  await expect(other).not.toHaveAttribute('aria-activedescendant'); // no option is taken before an arrow key
  await other.fill('muell');
  await expect(list.getByRole('option')).toHaveText(['Jürgen Müller']);
  await page.keyboard.press('ArrowDown');
  await expect(other).toHaveAttribute('aria-activedescendant', (await list.getByRole('option').first().getAttribute('id'))!);
  await page.keyboard.press('Enter');
  await expect(other).toHaveValue('Jürgen Müller');
  await expect(other).toHaveAttribute('aria-expanded', 'false');
  // Typing again takes the choice back but keeps the text; Enter takes the only match again.
  await page.keyboard.press('Backspace');
  await expect(other).toHaveValue('Jürgen Mülle');
  await expect(list.getByRole('option')).toHaveText(['Jürgen Müller']);
  await page.keyboard.press('Enter');
  await expect(other).toHaveValue('Jürgen Müller');
  await expect(other).toHaveAttribute('aria-expanded', 'false');
  await dialog.getByTestId('guest-rule-add').click();
  await expect(dialog.getByTestId('guest-rule-added')).toContainText('Rule added: keep together with Jürgen Müller.');
  // in force at once (the dialog says so), and listed there with its Remove
  await expect(dialog.getByTestId('guest-seating')).toContainText('Pin and rules take effect at once, without Save changes');
  await expect(dialog.getByTestId('guest-rule')).toHaveCount(1);
  await expect(dialog.getByTestId('guest-rule').getByRole('button')).toHaveAccessibleName(
    'Remove the rule: keep Ann Arbor and Jürgen Müller together (wish)',
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('open-autoseat').click();
  await expect(page.getByTestId('autoseat-rule')).toHaveText(/keep Ann Arbor and Jürgen Müller together \(wish\)/);
});

test('guests needing access in a plan with no table marked accessible: the panel says so before a run', async ({ page, server }) => {
  await createOwnPlan(page, server.url, 'Autoseat access');
  await addTables(page, 1, 1, 4);
  await importCsv(page, 'access.csv', ['Name,Accessibility needs', 'Ann Arbor,wheelchair', 'محمد علي,', 'سارة أحمد,'], '3 new');

  await page.getByTestId('tab-tables').click();
  await page.getByTestId('open-autoseat').click();
  const panel = page.getByRole('dialog', { name: 'Seat automatically' });
  await expect(panel.getByTestId('autoseat-access-note')).toHaveText(
    '1 guest has accessibility needs, but no table is marked accessible, so automatic seating may seat them at any table. ' +
      'To keep them to step-free tables, edit a table placed in a room (the pencil on its card) and tick “Accessible”.',
  );
  await expectAccessible(page, 'autoseat panel with the accessibility note');

  // The proposal by table lists the names in order, each whole: two right-to-left names in a row stay apart (bdi).
  await panel.getByRole('button', { name: 'Seat everybody' }).click();
  const preview = panel.getByRole('region', { name: 'Seat everybody: proposal' });
  await preview.getByTestId('autoseat-moves-by-table').check();
  const names = preview.getByTestId('autoseat-moves-by-table-list').getByRole('listitem').locator('bdi');
  await expect(names).toHaveCount(3);
  const boxes = await names.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()));
  for (let i = 1; i < boxes.length; i++) expect(boxes[i - 1]!.right).toBeLessThanOrEqual(boxes[i]!.left);
});
