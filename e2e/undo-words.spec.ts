import { expect, openLinkPlan, openPlan, test } from './fixtures.ts';
import { addGuests, importCsv, named } from './plan-setup.ts';

/*
 * Undo and Redo say what they would take back or bring back; undo and redo batches say what they undid; and an
 * import undone and redone is taken back through its redo, never offered a revert that would do nothing.
 */

test('Undo and Redo name the change; an import undone and redone is reverted through its redo', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Undo words');
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  const undo = page.getByTestId('undo-button');
  const redo = page.getByTestId('redo-button');

  // A guest added by hand: the Undo button's name (for screen readers) and its tooltip say which change it takes back.
  await addGuests(page, ['Hanna Hand']);
  const rows = page.getByTestId('guest-row');
  await expect(rows).toHaveCount(1);
  await expect(undo).toHaveAccessibleName('Undo: added guest Hanna Hand (Ctrl+Z)');
  await expect(undo).toHaveAttribute('title', 'Undo: added guest Hanna Hand (Ctrl+Z)');

  // An import: named by its label once the Batches list has it.
  await importCsv(page, 'extra.csv', ['Name;Vorname', 'Import;Ida', 'Import;Ivo', 'Import;Ines'], '3 new');
  await expect(rows).toHaveCount(4);
  const label = 'Guest import: extra.csv (3 new, 0 updated)';
  const importWords = `ran “${label}” (3 edits)`;
  await expect(undo).toHaveAccessibleName(`Undo: ${importWords} (Ctrl+Z)`);

  // Undone: Redo names the import, Undo the change before it.
  await undo.click();
  await expect(rows).toHaveCount(1);
  await expect(redo).toHaveAccessibleName(`Redo: ${importWords} (Ctrl+Shift+Z)`);
  await expect(redo).toHaveAttribute('title', `Redo: ${importWords} (Ctrl+Shift+Z)`);
  await expect(undo).toHaveAccessibleName('Undo: added guest Hanna Hand (Ctrl+Z)');

  // Redone (from the keyboard): Undo names the import again.
  await page.getByTestId('tab-imports').focus();
  await page.keyboard.press('Control+Shift+Z');
  await expect(rows).toHaveCount(4);
  await expect(undo).toHaveAccessibleName(`Undo: ${importWords} (Ctrl+Z)`);

  // The Batches list says what the undo and the redo were, and that the import was undone and redone.
  const batch = (label: string) => page.getByTestId('batch').filter({ has: page.getByTestId('batch-label').getByText(label, { exact: true }) });
  const imported = batch(label);
  const undone = batch(`Undo of “${label}”`);
  const redone = batch(`Redo of “${label}”`);
  await expect(redone).toHaveCount(1);
  await expect(redone.locator('.kind-tag')).toHaveText('Redo');
  await expect(undone.locator('.kind-tag')).toHaveText('Undo');
  await expect(imported.getByTestId('batch-reverted')).toContainText('Undone, then redone by Alice');
  await expect(undone.getByTestId('batch-reverted')).toContainText('Redone by Alice');
  // Reverting the import or its undo would do nothing (all their changes were changed since): not offered.
  await expect(imported.getByTestId('revert-batch')).toHaveCount(0);
  await expect(undone.getByTestId('revert-batch')).toHaveCount(0);

  // The redo is what brought the import back: reverting it takes the import back, by the keyboard too.
  await redone.getByTestId('revert-batch').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('revert-restores')).toHaveText('Takes back 3 edits');
  await page.getByTestId('revert-confirm').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('revert-dialog')).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Hanna Hand');
  await expect(batch(`Revert of “Redo of “${label}””`)).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('after a reload, and in a second tab, Undo and Redo still name the change, kept in this browser', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Undo words after a reload');
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  const undo = page.getByTestId('undo-button');
  const redo = page.getByTestId('redo-button');
  const rows = page.getByTestId('guest-row');
  const live = async () => expect(page.getByTestId('connection-status')).toHaveText('Connected');

  await addGuests(page, ['Hanna Hand']);
  await expect(undo).toHaveAccessibleName('Undo: added guest Hanna Hand (Ctrl+Z)');

  // A change of one command: the reloaded page names it as this browser kept it.
  await page.reload();
  await live();
  await expect(undo).toHaveAccessibleName('Undo: added guest Hanna Hand (Ctrl+Z)');
  await expect(undo).toHaveAttribute('title', 'Undo: added guest Hanna Hand (Ctrl+Z)');

  // An import: named by its batch's label, kept the same way.
  await importCsv(page, 'extra.csv', ['Name;Vorname', 'Import;Ida', 'Import;Ivo'], '2 new');
  await expect(rows).toHaveCount(3);
  const importWords = 'ran “Guest import: extra.csv (2 new, 0 updated)” (2 edits)';
  await expect(undo).toHaveAccessibleName(`Undo: ${importWords} (Ctrl+Z)`);
  await page.getByTestId('tab-tables').click();
  await page.reload();
  await live();
  await expect(undo).toHaveAccessibleName(`Undo: ${importWords} (Ctrl+Z)`);

  // Undone, then reloaded: Redo names the import (what the undo took back), not the undo's own removals.
  await undo.click();
  await expect(rows).toHaveCount(1);
  await page.reload();
  await live();
  await expect(redo).toHaveAccessibleName(`Redo: ${importWords} (Ctrl+Shift+Z)`);
  await expect(redo).toHaveAttribute('title', `Redo: ${importWords} (Ctrl+Shift+Z)`);
  await expect(undo).toHaveAccessibleName('Undo: added guest Hanna Hand (Ctrl+Z)');

  // Redone by the keyboard, then reloaded: Undo names the import again (a redo is an undo of the undo).
  await page.getByTestId('tab-tables').focus();
  await page.keyboard.press('Control+Shift+Z');
  await expect(rows).toHaveCount(3);
  await page.reload();
  await live();
  await expect(undo).toHaveAccessibleName(`Undo: ${importWords} (Ctrl+Z)`);
  await expect(redo).toHaveAccessibleName('Redo (Ctrl+Shift+Z)');

  // A second tab of the same browser opens with the same words.
  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(e.message));
  await openPlan(second, server, organisePath);
  await expect(second.getByTestId('connection-status')).toHaveText('Connected');
  await expect(second.getByTestId('undo-button')).toHaveAccessibleName(`Undo: ${importWords} (Ctrl+Z)`);
  expect(errors).toEqual([]);
});
