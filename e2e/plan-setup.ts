import { expect, type Page } from '@playwright/test';

/**
 * Gives the page's person a name and waits until the plan is live again under it. The header was "Connected" before
 * Enter too, so that alone waited for nothing: the name is stored first (PATCH /api/me), then the page re-joins under it
 * and the bar asking a guest's name goes, which moves the board's tabs up. A click aimed before that could land on
 * whatever took the tab's place (seen on a busy CI machine).
 */
export async function named(page: Page, name: string) {
  const stored = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
  await page.getByTestId('my-name').fill(name);
  await page.getByTestId('my-name').press('Enter');
  expect((await stored).ok()).toBe(true);
  await expect(page.getByTestId('name-ask')).toHaveCount(0);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

/** Creates a plan from the home page as its owner, opens it, and waits until it is live. */
export async function createOwnPlan(page: Page, serverUrl: string, name: string, owner = 'Olivia Owner') {
  await page.goto(serverUrl);
  await page.getByTestId('new-plan-name').fill(name);
  await page.getByTestId('new-plan-owner').fill(owner);
  await page.getByTestId('create-plan').click();
  await page.getByTestId('open-created-plan').click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

/** Imports a CSV of `lines` as `fileName` on the Imports tab, once its preview says `counts` ("3 new"). */
export async function importCsv(page: Page, fileName: string, lines: string[], counts: string) {
  await page.getByTestId('tab-imports').click();
  await page.getByTestId('upload-input').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('preview-counts')).toHaveText(counts);
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
}

/** Adds plan tables numbered `from` to `to`, each of `seats` seats, through the Add tables dialog. */
export async function addTables(page: Page, from: number, to: number, seats: number) {
  await page.getByTestId('open-add-tables').click();
  const tables = page.getByTestId('tables-dialog');
  await tables.getByTestId('tables-from').fill(String(from));
  await tables.getByTestId('tables-to').fill(String(to));
  await tables.getByTestId('tables-seats').fill(String(seats));
  await tables.getByTestId('tables-submit').click();
  await expect(tables).toHaveCount(0);
}

/** In the open venue dialog, adds room `room` with `count` physical tables of `seats` seats labelled by `pattern`. */
export async function addRoomWithTables(page: Page, room: string, count: number, seats: number, pattern: string) {
  const venue = page.getByTestId('venue-dialog');
  const rows = venue.getByTestId('venue-physical');
  const before = await rows.count();
  await venue.getByTestId('room-name').fill(room);
  await venue.getByTestId('add-room').click();
  await venue.getByTestId('physical-room').selectOption({ label: room });
  await venue.getByTestId('physical-count').fill(String(count));
  await venue.getByTestId('physical-seats').fill(String(seats));
  await venue.getByTestId('physical-pattern').fill(pattern);
  await venue.getByTestId('add-physical').click();
  await expect(rows).toHaveCount(before + count);
}

/** A guest to add: a name, or a name with an e-mail (what tells two guests of one name apart). */
export type NewGuest = string | { name: string; email: string };

/** Adds guests through the guest dialog, one after the other, each confirmed before the next; then closes it. */
export async function addGuests(page: Page, guests: NewGuest[]) {
  await page.getByTestId('open-add-guest').click();
  const form = page.getByTestId('guest-dialog');
  for (const guest of guests) {
    const { name, email } = typeof guest === 'string' ? { name: guest, email: '' } : guest;
    await form.getByTestId('guest-name').fill(name);
    if (email) await form.getByTestId('guest-email').fill(email);
    await form.getByTestId('guest-name').press('Enter');
    await expect(form.getByTestId('setup-done')).toContainText(`Added ${name}`);
  }
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
}

/** Two guests named Kim Doe, told apart only by their e-mail (sales first, then IT). */
export const KIM_DOES: NewGuest[] = [
  { name: 'Kim Doe', email: 'kim.doe@sales.example' },
  { name: 'Kim Doe', email: 'kim.doe@it.example' },
];
