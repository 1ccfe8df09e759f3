import { expect, type Page } from '@playwright/test';

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
