import { expect, openLinkPlan, openPlan, test } from './fixtures.ts';
import { addGuests, addTables, named } from './plan-setup.ts';

test('a reload while the server is down shows Seatfold’s own page, which opens the plan with its unsaved change once the server is back', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000); // a server restart on a busy machine
  const { organisePath } = await openLinkPlan(server, 'Reload offline');
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);
  await named(page, 'Rosa');
  // The service worker registers after the page's load and takes the page over at once.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // A guest added while the server is up (a page offline from its first moments is the next test's).
  await addGuests(page, ['Olga Online']);
  // ...and stored, before the server goes (else two changes wait, which is right, but not this test's count).
  await expect(page.getByTestId('pending-count')).toHaveCount(0);

  // The server goes down; a guest added meanwhile waits in this browser.
  await server.kill();
  await expect(page.getByTestId('connection-status')).not.toHaveText('Connected');
  await addGuests(page, ['Rita Reload']);
  await expect(page.getByTestId('pending-count')).toContainText('1 change waiting to sync');

  // A reload (the browser asks first, as a change waits) gets Seatfold's page, not the browser's error page.
  page.once('dialog', (d) => void d.accept());
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Seatfold can’t reach its server' })).toBeVisible();
  await expect(page.getByText('Changes you made in a plan that were not saved yet are kept in this browser.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again now' })).toBeVisible();

  // The server comes back: the page's own retry opens the plan, and the waiting guest is sent and stored, once.
  await server.start();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
  const elsewhere = await (await browser.newContext()).newPage();
  await openPlan(elsewhere, server, organisePath);
  await expect(elsewhere.getByTestId('guest-row').filter({ hasText: 'Rita Reload' })).toHaveCount(1);
  await expect(elsewhere.getByTestId('guest-row')).toHaveCount(2);
});

test('a page whose server goes away in its first moments still adds a guest, and sends it once the server is back', async ({ browser, server }) => {
  test.setTimeout(240_000); // a server restart on a busy machine
  const { organisePath } = await openLinkPlan(server, 'Offline early');
  const context = await browser.newContext();
  const before = await context.newPage();
  await openPlan(before, server, organisePath);
  await named(before, 'Edda');
  await before.close();
  // Nothing of the app's files is left in the browser's cache: the next page fetches everything from the server.
  const page = await context.newPage();
  await (await context.newCDPSession(page)).send('Network.clearBrowserCache');

  // The server goes away the moment the page has its files, before the page could be idle (the form's checks run
  // then). The checks' file is a `prefetch` of the page (vite.config.ts), fetched beside it but not part of its load
  // event: on a loaded machine it can still be on its way then, and a server gone before it arrives leaves the form
  // saying so (validation.unit.test.ts). So the server goes once the file is in, which is what this test is about.
  await page.goto(server.url + organisePath);
  await page.waitForFunction(() =>
    performance
      .getEntriesByType('resource')
      .some((e) => /\/assets\/validation-[^/]*\.js$/.test(e.name) && (e as PerformanceResourceTiming).responseEnd > 0),
  );
  await server.kill();
  await expect(page.getByTestId('connection-status')).not.toHaveText('Connected');
  await addGuests(page, ['Fritzi Früh']);
  await expect(page.getByTestId('pending-count')).toContainText('1 change waiting to sync');

  await server.start();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
  const elsewhere = await (await browser.newContext()).newPage();
  await openPlan(elsewhere, server, organisePath);
  await expect(elsewhere.getByTestId('guest-row').filter({ hasText: 'Fritzi Früh' })).toHaveCount(1);
});

test('a change that needs the server, tried while only the server is away, says so — not that the device is offline', async ({ browser, server }) => {
  test.setTimeout(240_000); // a server restart on a busy machine
  const { organisePath } = await openLinkPlan(server, 'Server away');
  const page = await (await browser.newContext()).newPage();
  await openPlan(page, server, organisePath);
  await named(page, 'Rosa');
  await addTables(page, 1, 1, 4);
  await addGuests(page, ['Rita Remove']);
  const row = page.getByTestId('guest-row').filter({ hasText: 'Rita Remove' });
  await row.focus();
  await page.keyboard.press('t');
  const tableId = (await page.getByTestId('table-card').getAttribute('data-table-id'))!;
  await page.getByTestId('seat-picker-select').selectOption(tableId);
  await page.getByTestId('seat-picker-seat').click();
  await page.keyboard.press('Escape');
  await expect(row).toHaveAttribute('data-table-id', tableId);
  await expect(page.getByTestId('pending-count')).toHaveCount(0);

  // The server goes; the browser's network stays: the header says Reconnecting, not Offline.
  await server.kill();
  await expect(page.getByTestId('connection-status')).toHaveText(/^Reconnecting/);
  // Removing a seated guest is one batch (unseat, then remove), which needs the server.
  await row.focus();
  await page.keyboard.press('e');
  const dialog = page.getByTestId('guest-dialog');
  await dialog.getByTestId('guest-remove').click();
  await dialog.getByTestId('guest-remove-yes').click();
  const said = dialog.getByTestId('setup-error');
  await expect(said).toHaveText('Not connected to the server just now: this needs a live connection. Try again once the header says Connected.');

  // Back, the same button does it.
  await server.start();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  await dialog.getByTestId('guest-remove-yes').click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(0);
});
