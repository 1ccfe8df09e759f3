import { expect, fileServer, openLinkPlan, openPlan, test } from './fixtures.ts';
import { addGuests, named } from './plan-setup.ts';

// A server of this file's own: it is restarted with its disk "full", which no other file should meet.
const server = fileServer();

test('on a full disk changes wait in the browser and say why; once there is room they land, once', async ({ browser }) => {
  test.setTimeout(300_000); // two server restarts on a busy machine
  const { organisePath } = await openLinkPlan(server, 'Disk full');
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPlan(page, server, organisePath);
  await named(page, 'Alice');
  await addGuests(page, ['Ada Early']);
  const status = page.getByTestId('connection-status');
  const pending = page.getByTestId('pending-count');
  await expect(pending).toHaveCount(0);

  // The same server, started keeping more free than this disk holds: to it, the disk is full.
  await server.kill();
  await server.start({ SEATFOLD_DISK_RESERVE_MB: '1000000000' });
  await expect(status).toHaveText('Connected', { timeout: 60_000 });
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(503);
  expect(((await health.json()) as { reason: string }).reason).toMatch(/disk holding the database is almost full/);

  await addGuests(page, ['Dana Disk']);
  await expect(pending).toContainText('1 change waiting to sync');
  await expect(pending).toHaveAttribute('title', /run out of room to save changes/);
  // Said where it is seen, as a status toast, not only in the count's tooltip.
  const notice = page.getByTestId('held-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(notice).toContainText('The server has run out of room to save changes. Your change is kept and will be sent again automatically.');
  await expect(page.getByTestId('guest-row')).toHaveCount(2); // kept on the board meanwhile

  // Room again: the browser sends it once more, and it lands once.
  await server.kill();
  await server.start();
  await expect(pending).toHaveCount(0, { timeout: 90_000 });
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(status).toHaveText('Connected');
  await expect(page.getByTestId('guest-row')).toHaveCount(2);
  await expect(page.getByTestId('guest-row').filter({ hasText: 'Dana Disk' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('batches asked for while the server is away say what they wait for, and are listed once it is back', async ({ browser }) => {
  test.setTimeout(300_000); // a server restart on a busy machine
  const { organisePath } = await openLinkPlan(server, 'Server away');
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPlan(page, server, organisePath);
  // The tab's code is fetched once the board is idle (lazy.tsx): waited for, so only the batches are missing.
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/ImportsView-[\w-]+\.js$/.test(e.name))), {
      timeout: 30_000,
    })
    .toBe(true);

  await server.kill();
  await expect(page.getByTestId('connection-status')).toHaveText(/^Reconnecting/, { timeout: 60_000 });
  await page.getByTestId('tab-imports').click();
  await expect(page.getByTestId('batches-waiting')).toHaveText('The batches are listed once the connection to the server is back.');
  await expect(page.getByTestId('no-batches')).toHaveCount(0);

  await server.start();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 90_000 });
  await expect(page.getByTestId('no-batches')).toContainText('No batches yet');
  await expect(page.getByTestId('batches-waiting')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a view whose code cannot be fetched says so in its place, the rest of the page goes on, and it loads on retry', async ({ browser }) => {
  const { organisePath } = await openLinkPlan(server, 'Chunk away');
  const context = await browser.newContext();
  // The Rooms tab's code does not arrive (the server away when it was first needed, say), at whatever address it is
  // asked for (a load after a failed one asks with a query added: app/reloadable.ts).
  const roomsView = /\/RoomsView-[\w-]+\.js(\?.*)?$/;
  await context.route(roomsView, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPlan(page, server, organisePath);
  await page.getByTestId('tab-rooms').click();
  await expect(page.getByTestId('chunk-failed')).toContainText('This part of Seatfold could not be loaded');
  // not a blank page: the header and the tabs are still there
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await page.getByTestId('tab-tables').click();
  await expect(page.getByTestId('chunk-failed')).toBeHidden();
  await context.unroute(roomsView);
  await page.getByTestId('tab-rooms').click();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('chunk-failed')).toHaveCount(0);
  await expect(page.getByTestId('open-venue').first()).toBeVisible();
  expect(errors).toEqual([]);
});
