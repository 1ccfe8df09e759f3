import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, fileServer, guestRow, tableCard, test } from './fixtures.ts';
import { dragOnto } from './drag.ts';
import { addGuests, addTables } from './plan-setup.ts';

// A server of its own: members and revocations must not touch the plans other spec files use.
const server = fileServer();

/** A browser of its own (its own cookie: its own person), with the name it would like kept in localStorage. */
async function person(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((n) => localStorage.setItem('seatfold:userName', n), name);
  return context.newPage();
}

async function invite(owner: Page, role: 'owner' | 'organiser' | 'reviewer'): Promise<string> {
  const panel = owner.getByTestId('members-panel');
  const link = panel.getByTestId('invite-link');
  const before = (await link.count()) ? await link.getAttribute('href') : null;
  await panel.getByTestId('invite-role').selectOption(role);
  await panel.getByTestId('invite-create').click();
  // A new link replaces the one shown before.
  await expect(link).toHaveAttribute('href', /\/invite\/[A-Za-z0-9_-]{43}$/);
  if (before) await expect(link).not.toHaveAttribute('href', before);
  await expect(panel.getByTestId('setup-error')).toHaveCount(0);
  return (await link.getAttribute('href'))!;
}

async function claim(page: Page, link: string, name: string) {
  await page.goto(link);
  await expect(page.getByTestId('claim-page')).toContainText('Join “Members party”');
  await expectAccessible(page, 'claim page');
  await page.getByTestId('claim-name').fill(name);
  await page.getByTestId('claim-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

test('owner invites an organiser and a reviewer, sees them by name, revokes the organiser', async ({ browser }) => {
  const owner = await person(browser, 'Olivia Owner');
  await owner.goto(server.url);
  await owner.getByTestId('new-plan-name').fill('Members party');
  await owner.getByTestId('create-plan').click();
  await owner.getByTestId('open-created-plan').click();
  await expect(owner.getByTestId('connection-status')).toHaveText('Connected');

  // Something to drag: one table, two guests.
  await addTables(owner, 1, 1, 8);
  await addGuests(owner, ['Ann Arbor', 'Ben Braun']);

  // The owner invites, from the keyboard-reachable Members panel.
  await owner.getByTestId('open-members').click();
  const panel = owner.getByTestId('members-panel');
  await expect(panel.getByTestId('member-row')).toHaveCount(1);
  // it opens at the invite, not at the owner's own role
  await expect(panel.getByTestId('invite-role')).toBeFocused();
  await expect(panel.getByTestId('open-organise')).not.toBeChecked();
  const organiserLink = await invite(owner, 'organiser');
  const reviewerLink = await invite(owner, 'reviewer');
  // An owner invite sent to the wrong person: listed with the ones nobody has claimed yet, and withdrawn.
  const wrongLink = await invite(owner, 'owner');
  const waiting = panel.getByTestId('open-invite');
  await expect(waiting).toHaveCount(3);
  await expect(waiting.first()).toContainText('Owner invite');
  await expect(waiting.first()).toContainText('by Olivia Owner');
  await expectAccessible(owner, 'members panel');
  await waiting.first().getByTestId('invite-withdraw').click();
  await expect(panel.getByTestId('setup-done')).toContainText('no longer works: nobody can claim it now.');
  await expect(waiting).toHaveCount(2);
  const mallory = await person(browser, 'Mallory');
  await mallory.goto(wrongLink);
  await expect(mallory.getByTestId('claim-error')).toContainText('This invite link has been used already or has expired.');

  const oskar = await person(browser, 'Organiser 1234');
  const rita = await person(browser, 'Rita Review');
  await claim(oskar, organiserLink, 'Oskar');
  await claim(rita, reviewerLink, 'Rita');
  await expect(rita.getByTestId('role-badge')).toHaveText('Review only');
  await expect(rita.getByTestId('role-badge')).toHaveAccessibleDescription(/^You can only review this plan: look, search, export and print/);
  await expect(oskar.getByTestId('role-badge')).toHaveText('Organiser');
  await expect(owner.getByTestId('role-badge')).toHaveText('Owner');
  // A reviewer's edit keys on a guest row say why nothing happens, instead of doing nothing.
  await rita.getByTestId('guest-row').first().focus();
  await rita.keyboard.press('Space');
  await expect(rita.getByTestId('history-toast').filter({ hasText: 'Ask its owner to make you an organiser to change it.' })).toBeVisible();
  // claimed, they leave the list of waiting links
  await expect(waiting).toHaveCount(0);
  await expect(panel.getByTestId('open-invites')).toContainText('None: every invite link has been claimed');

  // Both show by name in the owner's presence and members list.
  await expect(owner.getByTestId('online-users')).toContainText('Oskar');
  await expect(owner.getByTestId('online-users')).toContainText('Rita');
  await expect(panel.getByTestId('member-row').filter({ hasText: 'Oskar' })).toHaveAttribute('data-role', 'organiser');
  await expect(panel.getByTestId('member-row').filter({ hasText: 'Rita' })).toHaveAttribute('data-role', 'reviewer');

  // The owner makes Rita an organiser: her tab says so at once, and her board can now be changed.
  await panel.getByTestId('member-row').filter({ hasText: 'Rita' }).getByTestId('member-role').selectOption('organiser');
  await expect(rita.getByTestId('history-toast').filter({ hasText: 'You can now change this plan.' })).toBeVisible();
  await expect(rita.getByTestId('role-badge')).toHaveText('Organiser');
  await owner.keyboard.press('Escape');

  // Oskar seats Ann; the owner's timeline names him.
  const ann = oskar.getByTestId('guest-row').filter({ hasText: 'Ann Arbor' });
  const annId = (await ann.getAttribute('data-guest-id'))!;
  const tableId = (await oskar.getByTestId('table-card').first().getAttribute('data-table-id'))!;
  await dragOnto(guestRow(oskar, annId), tableCard(oskar, tableId), { x: 24, y: 14 });
  await expect(owner.getByTestId('totals')).toHaveAttribute('data-seated', '1');
  await owner.getByTestId('history-toggle').click();
  await expect(owner.getByTestId('timeline-entry').filter({ hasText: 'Oskar' }).first()).toBeVisible();
  await owner.getByTestId('history-toggle').click();

  // Oskar starts adding a guest…
  await oskar.getByTestId('open-add-guest').click();
  const form = oskar.getByTestId('guest-dialog');
  await form.getByTestId('guest-name').fill('Half Typed');

  // …and the owner revokes him, asked once more first: his open tab closes the plan at once, saying why; nothing of
  // it is left to edit.
  await owner.getByTestId('open-members').click();
  await panel.getByRole('button', { name: 'Revoke Oskar' }).click();
  await expect(panel.getByRole('button', { name: 'Yes, revoke Oskar' })).toBeFocused();
  await panel.getByTestId('member-revoke-no').click();
  await expect(panel.getByTestId('member-row')).toHaveCount(3);
  await panel.getByRole('button', { name: 'Revoke Oskar' }).click();
  await panel.getByRole('button', { name: 'Yes, revoke Oskar' }).click();
  await expect(panel.getByTestId('member-row')).toHaveCount(2);
  // His open form says so, and adding refuses instead of saying "Added".
  await expect(form.getByTestId('setup-blocked')).toHaveText('Your access to this plan was withdrawn, so nothing here can be saved.');
  await form.getByTestId('guest-name').press('Enter');
  await expect(form.getByTestId('setup-error')).toHaveText('Your access to this plan was withdrawn, so nothing here can be saved.');
  await expect(form.getByText(/^Added /)).toHaveCount(0);
  await form.getByTestId('dialog-close').click();
  await expect(oskar.getByTestId('connection-status')).toHaveText('Not connected');
  await expect(oskar.getByTestId('connection-status')).toHaveAttribute('title', /withdrawn|revoked|no longer/i);
  const closed = oskar.getByTestId('plan-loading');
  await expect(closed).toContainText('This plan is closed to you now');
  await expect(closed).toContainText(/withdrawn/i);
  await expect(oskar.getByTestId('guest-row')).toHaveCount(0);
  await expect(oskar.getByTestId('table-card')).toHaveCount(0);
  await expect(oskar.getByTestId('role-badge')).toHaveCount(0);
  // The header says it in a word (the reason is the page's) and offers nothing of the plan: no one online, no links.
  await expect(oskar.getByTestId('online-users')).toHaveCount(0);
  await expect(oskar.getByTestId('share-button')).toHaveCount(0);
  await expect(oskar.getByTestId('undo-button')).toHaveCount(0);
  // Nothing of his reached the plan after the revocation.
  await expect(owner.getByTestId('totals')).toHaveAttribute('data-seated', '1');
});

test('the owner’s changes in the Members panel show at once, before the server has answered', async ({ browser }) => {
  const owner = await person(browser, 'Olga Owner');
  await owner.goto(server.url);
  await owner.getByTestId('new-plan-name').fill('Members party');
  await owner.getByTestId('create-plan').click();
  await owner.getByTestId('open-created-plan').click();
  await expect(owner.getByTestId('connection-status')).toHaveText('Connected');
  await owner.getByTestId('open-members').click();
  const panel = owner.getByTestId('members-panel');
  const link = await invite(owner, 'reviewer');
  const rita = await person(browser, 'Rita Review');
  await claim(rita, link, 'Rita');
  await expect(panel.getByTestId('member-row')).toHaveCount(2);

  // The server's answers are held up on the way (a slow network) until the test lets them through: each change must
  // show before they arrive. (Held for a fixed 4 s, a busy machine took longer than that to make both changes.)
  let answers = 0;
  let letThrough!: () => void;
  const hold = () => new Promise<void>((resolve) => (letThrough = resolve));
  let held = hold();
  await owner.route('**/api/plans/**', async (route) => {
    const change = ['PUT', 'PATCH'].includes(route.request().method());
    if (change) await held;
    await route.continue();
    if (change) answers++;
  });
  const review = panel.getByTestId('open-review');
  await expect(review).not.toBeChecked();
  await review.check();
  await expect(review).toBeChecked();
  const role = panel.getByTestId('member-row').filter({ hasText: 'Rita' }).getByTestId('member-role');
  await role.selectOption('organiser');
  await expect(role).toHaveValue('organiser');
  expect(answers).toBe(0);
  letThrough();
  // …and they stand once it has answered, and the list been read again.
  await expect(panel.getByTestId('setup-done')).toContainText('Rita is now organiser', { timeout: 15_000 });
  await expect(review).toBeChecked();
  await expect(panel.getByTestId('member-row').filter({ hasText: 'Rita' })).toHaveAttribute('data-role', 'organiser');
  await expect(rita.getByTestId('role-badge')).toHaveText('Organiser');

  // A change the server refuses (the plan's last owner stepping down) shows at once too, then goes back, saying why.
  const mine = panel.getByTestId('member-row').filter({ hasText: '(you)' }).getByTestId('member-role');
  held = hold();
  await mine.selectOption('reviewer');
  await expect(mine).toHaveValue('reviewer');
  letThrough();
  await expect(panel.getByTestId('setup-error')).toContainText(/owner/i, { timeout: 15_000 });
  await expect(mine).toHaveValue('owner');

  // Offline, the server can make no change here: every control that asks it waits, saying why (one note, which each
  // control's description reads), then comes back with the connection. Keep (a question's answer that asks nothing) stays.
  const ritaRow = panel.getByTestId('member-row').filter({ hasText: 'Rita' });
  await panel.getByTestId('invite-create').click();
  await expect(panel.getByTestId('open-invite')).toHaveCount(1);
  await ritaRow.getByTestId('member-revoke').click();
  const asking = [
    panel.getByTestId('invite-withdraw'),
    panel.getByTestId('invite-create'),
    ritaRow.getByTestId('member-role'),
    ritaRow.getByRole('button', { name: 'New link for Rita' }),
    ritaRow.getByTestId('member-revoke-yes'),
    review,
    panel.getByTestId('open-organise'),
  ];
  for (const control of asking) await expect(control).toBeEnabled();
  await owner.context().setOffline(true);
  await expect(panel.getByTestId('members-offline')).toBeVisible();
  for (const control of asking) {
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(/cannot be reached just now/);
  }
  // the revoke question keeps its own words too
  await expect(ritaRow.getByTestId('member-revoke-yes')).toHaveAccessibleDescription(/^Their open tabs close at once\. .*cannot be reached just now/);
  await expect(ritaRow.getByTestId('member-revoke-no')).toBeEnabled();
  await owner.context().setOffline(false);
  for (const control of asking) await expect(control).toBeEnabled({ timeout: 30_000 });
  await expect(panel.getByTestId('members-offline')).toHaveCount(0);
  await expect(ritaRow.getByTestId('member-revoke-yes')).toHaveAccessibleDescription('Their open tabs close at once.');
  await ritaRow.getByTestId('member-revoke-no').click();

  // The Share note says what the owner switched on above, not what the links did when the plan opened.
  await owner.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await owner.getByTestId('share-button').click();
  await expect(owner.getByTestId('share-note')).toHaveText('Anyone with the review link can review; the organiser link opens to members only.');
});

test('at 390 px wide every member row of the Members panel fits it: New link and Revoke can be reached', async ({ browser }) => {
  const owner = await person(browser, 'Olga Owner');
  await owner.setViewportSize({ width: 390, height: 844 });
  await owner.goto(server.url);
  await owner.getByTestId('new-plan-name').fill('Members party');
  await owner.getByTestId('create-plan').click();
  await owner.getByTestId('open-created-plan').click();
  await expect(owner.getByTestId('connection-status')).toHaveText('Connected');
  await owner.getByTestId('open-members').click();
  const panel = owner.getByTestId('members-panel');
  const rita = await person(browser, 'Rita Review');
  await claim(rita, await invite(owner, 'reviewer'), 'Rita Reviewer-Lüdenscheidt');
  await expect(panel.getByTestId('member-row')).toHaveCount(2);

  // Each control of a row within the panel's width (the dialog clips anything past it: no finger reaches it there).
  const fits = async () => {
    const box = (await panel.boundingBox())!;
    for (const control of await panel.getByTestId('member-row').locator('select, button').all()) {
      const c = (await control.boundingBox())!;
      expect(c.x).toBeGreaterThanOrEqual(box.x);
      expect(c.x + c.width).toBeLessThanOrEqual(box.x + box.width);
    }
  };
  await fits();
  const row = panel.getByTestId('member-row').filter({ hasText: 'Rita' });
  await row.getByTestId('member-revoke').click();
  await fits();
  await row.getByTestId('member-revoke-no').click();
  await expectAccessible(owner, 'members panel at 390 px');
});
