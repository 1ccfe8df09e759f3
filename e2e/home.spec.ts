import { expect, expectAccessible, openPlan, test } from './fixtures.ts';
import { createOwnPlan } from './plan-setup.ts';

const DEMO = 'Company party 2026 (demo)';

test('the start page lists the plans this browser opened, with their role, and forgets one on request', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('my-plans-empty')).toContainText('No plans yet');
  await expectAccessible(page, 'home, no plans yet');

  // Open the demo, then come back home through the header's home link.
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  const organisePath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Seatfold home' }).click();
  const entries = page.getByTestId('my-plan');
  await expect(entries).toHaveCount(1);
  await expect(entries.first().getByTestId('my-plan-link')).toHaveAttribute('href', organisePath);
  await expect(entries.first()).toContainText(DEMO);
  await expect(entries.first().getByTestId('my-plan-role')).toHaveText('Organiser');
  await expect(entries.first()).toContainText('opened just now');

  // The review link of the same plan is a second entry, newest first; the list survives a reload.
  const { reviewPath } = await server.demoLinks();
  await openPlan(page, server, reviewPath);
  await page.goto(server.url);
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0).getByTestId('my-plan-role')).toHaveText('Review only');
  await expect(entries.nth(1).getByTestId('my-plan-role')).toHaveText('Organiser');
  await expectAccessible(page, 'home, two plans listed');

  // Following an entry opens the plan.
  await entries.nth(1).getByTestId('my-plan-link').click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  expect(new URL(page.url()).pathname).toBe(organisePath);
  await page.goBack();

  // Forget the review entry by keyboard: focus stays in the list, on the entry that took its place.
  await expect(entries).toHaveCount(2);
  const forgetReview = page.getByRole('button', { name: `Forget ${DEMO} (Review only) on this browser` });
  await forgetReview.focus();
  await page.keyboard.press('Enter');
  await expect(entries).toHaveCount(1);
  await expect(entries.first().getByTestId('my-plan-role')).toHaveText('Organiser');
  await expect(entries.first().getByTestId('my-plan-link')).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'removed from this list' })).toHaveCount(1);

  // Forgotten stays forgotten after a reload; the plan itself is untouched on the server.
  await page.reload();
  await expect(entries).toHaveCount(1);
  await page.getByRole('button', { name: `Forget ${DEMO} (Organiser) on this browser` }).click();
  await expect(page.getByTestId('my-plans-empty')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your plans on this browser' })).toBeFocused();
  await openPlan(page, server, reviewPath);
});

test('a plan its creator opened is listed on the start page as theirs: Owner, as its badge says', async ({ page, server }) => {
  await createOwnPlan(page, server.url, 'Board dinner');
  await expect(page.getByTestId('role-badge')).toHaveText('Owner');
  await page.getByRole('link', { name: 'Seatfold home' }).click();
  const entry = page.getByTestId('my-plan').filter({ hasText: 'Board dinner' });
  await expect(entry.getByTestId('my-plan-role')).toHaveText('Owner');
});

test('a plan is listed on the start page as soon as it is created, before anybody opens it', async ({ page, server }) => {
  // A planner who creates a plan, then another, without opening the first, must still find the first one.
  await page.goto(server.url);
  await page.getByTestId('new-plan-name').fill('Board dinner');
  await page.getByTestId('new-plan-owner').fill('Olivia Owner');
  await page.getByTestId('create-plan').click();
  // the form it replaced had the focus: it goes on to Open the plan, described by the news
  await expect(page.getByTestId('open-created-plan')).toBeFocused();
  await expect(page.getByTestId('open-created-plan')).toHaveAccessibleDescription(/^Board dinner is ready, and you are its owner in this browser\./);
  const organisePath = new URL((await page.getByTestId('created-organise-link').getAttribute('href'))!).pathname;
  const entries = page.getByTestId('my-plan');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Board dinner');
  await expect(entries.first().getByTestId('my-plan-role')).toHaveText('Owner');
  await expect(entries.first().getByTestId('my-plan-link')).toHaveAttribute('href', organisePath);

  await page.getByRole('button', { name: 'Create another' }).click();
  await page.getByTestId('new-plan-name').fill('Summer gala');
  await page.getByTestId('new-plan-owner').fill('Olivia Owner');
  await page.getByTestId('create-plan').click();
  await expect(entries).toHaveCount(2);
  await page.reload();
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Summer gala');
  await expect(entries.nth(1)).toContainText('Board dinner');
  // The entry opens the plan as its owner.
  await entries.nth(1).getByTestId('my-plan-link').click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(page.getByTestId('role-badge')).toHaveText('Owner');
});

test('the creator of a plan is asked for their name: the plan’s members know its owner by it, and the next plan’s form too', async ({
  page,
  server,
}) => {
  await page.goto(server.url);
  await page.getByTestId('new-plan-name').fill('Naming dinner');
  await page.getByTestId('create-plan').click();
  // Not sent without it (the field is required: a made-up “Planner 1234” was what others saw before).
  expect(await page.getByTestId('new-plan-owner').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
  await expect(page.getByTestId('created-plan')).toHaveCount(0);
  await page.getByTestId('new-plan-owner').fill('Olivia Owner');
  await page.getByTestId('create-plan').click();
  await page.getByTestId('open-created-plan').click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await page.getByTestId('open-members').click();
  await expect(page.getByTestId('member-row')).toHaveAttribute('data-name', 'Olivia Owner');
  await page.goto(server.url);
  await expect(page.getByTestId('new-plan-owner')).toHaveValue('Olivia Owner');
});
