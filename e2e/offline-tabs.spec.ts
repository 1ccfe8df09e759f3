import { expect, openLinkPlan, openPlan, test } from './fixtures.ts';
import { addGuests, named } from './plan-setup.ts';

test('two tabs offline each keep their changes: closing one loses nothing, the next page sends them', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const { organisePath } = await openLinkPlan(server, 'Two tabs offline');
  const context = await browser.newContext();
  const first = await context.newPage();
  await openPlan(first, server, organisePath);
  await named(first, 'Olga');
  const second = await context.newPage();
  await openPlan(second, server, organisePath);

  // The network goes; each tab adds a guest of its own, kept in this browser until it can be sent.
  await context.setOffline(true);
  // the browser's network is what went: said so (a server away while the network is up reads "Reconnecting")
  for (const page of [first, second]) await expect(page.getByTestId('connection-status')).toHaveText('Offline — changes will sync when back');
  await addGuests(first, ['Ada Offline']);
  await addGuests(second, ['Bea Offline']);
  for (const page of [first, second]) await expect(page.getByTestId('pending-count')).toContainText('1 change waiting to sync');

  // The first tab is closed before it could send its change (the browser asks first, as changes wait); then the
  // network is back.
  const asked = new Promise<string>((resolve) =>
    first.once('dialog', (d) => {
      resolve(d.type());
      void d.accept();
    }),
  );
  await first.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  if (!first.isClosed()) await first.waitForEvent('close');
  await context.setOffline(false);
  await expect(second.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  await expect(second.getByTestId('pending-count')).toHaveCount(0);

  // The next page of this browser finds the closed tab's change and sends it; both land, once each.
  const third = await context.newPage();
  await openPlan(third, server, organisePath);
  await expect(third.getByTestId('pending-count')).toHaveCount(0);
  const elsewhere = await (await browser.newContext()).newPage();
  await openPlan(elsewhere, server, organisePath);
  const rows = elsewhere.getByTestId('guest-row');
  await expect(rows.filter({ hasText: 'Ada Offline' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Bea Offline' })).toHaveCount(1);
  await expect(rows).toHaveCount(2);
});

test('the header says Offline as soon as the browser loses its network, not once the socket notices', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Network gone');
  const context = await browser.newContext();
  const page = await context.newPage();
  // Opened at localhost, Chromium keeps the open socket when it goes offline, as a socket over a dropped Wi-Fi stays
  // open until a ping goes unanswered (up to 45 s); at 127.0.0.1 it closes the socket itself.
  await page.goto(server.url.replace('127.0.0.1', 'localhost') + organisePath);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).toHaveText('Offline — changes will sync when back');
  await addGuests(page, ['Ada Offline']);
  await expect(page.getByTestId('pending-count')).toContainText('1 change waiting to sync');
  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
});
