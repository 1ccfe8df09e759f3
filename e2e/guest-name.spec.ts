import { expect, expectAccessible, openLinkPlan, openPlan, test } from './fixtures.ts';

test('a guest of an open link is asked for their name: checked by the server’s rules, kept, seen by the others, asked once', async ({
  browser,
  server,
}) => {
  const { organisePath } = await openLinkPlan(server, 'Guests named');
  const guest = await (await browser.newContext()).newPage();
  await openPlan(guest, server, organisePath);
  const made = await guest.getByTestId('my-name').inputValue();
  expect(made).toMatch(/^Planner \d{4}$/);
  const ask = guest.getByRole('region', { name: 'What is your name?' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText(`The others on this plan see you as ${made}`);
  await expect(ask.getByRole('button', { name: `Keep “${made}”` })).toBeVisible();
  await expectAccessible(guest, 'a guest asked for their name');

  // Checked before it is sent, by the rules PATCH /api/me applies, in Seatfold's words; tied to the field.
  const input = ask.getByRole('textbox', { name: 'Your name' });
  await ask.getByRole('button', { name: 'Save name' }).click();
  await expect(ask.getByTestId('name-ask-error')).toHaveText(`Type your name, or keep “${made}”.`);
  await input.fill('Eve\u202Emallory');
  await input.press('Enter');
  await expect(ask.getByTestId('name-ask-error')).toHaveText('Names cannot contain invisible or control characters (found U+202E).');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription('Names cannot contain invisible or control characters (found U+202E).');
  await expect(guest.getByTestId('my-name')).toHaveValue(made);

  // By the keyboard: the name typed, Enter keeps it — in the header, on the server, for the others.
  await input.fill('  Lena Vogel ');
  await input.press('Enter');
  await expect(guest.getByTestId('name-ask')).toHaveCount(0);
  await expect(guest.getByTestId('my-name')).toHaveValue('Lena Vogel');
  await expect(guest.getByTestId('announcer')).toContainText('The others now see you as “Lena Vogel”');
  expect(await guest.evaluate(() => fetch('/api/me').then((r) => r.json() as Promise<{ you: { name: string } }>))).toMatchObject({
    you: { name: 'Lena Vogel' },
  });
  const context = await browser.newContext();
  await context.addInitScript(() => localStorage.setItem('seatfold:userName', 'Olga'));
  const other = await context.newPage();
  await openPlan(other, server, organisePath);
  await expect(other.getByTestId('name-ask')).toHaveCount(0); // she chose her name before
  await expect(other.getByTestId('online-users')).toContainText('Lena Vogel');

  // Kept in this browser: not asked again; the header still changes it.
  await guest.reload();
  await expect(guest.getByTestId('connection-status')).toHaveText('Connected');
  await expect(guest.getByTestId('my-name')).toHaveValue('Lena Vogel');
  await expect(guest.getByTestId('name-ask')).toHaveCount(0);
  await guest.getByTestId('my-name').fill('Lena V.');
  await guest.getByTestId('my-name').press('Enter');
  await expect(other.getByTestId('online-users')).toContainText('Lena V.');
});

test('a guest of an open link may keep the made-up name: the question goes and does not come back', async ({ browser, server }) => {
  const { reviewPath } = await openLinkPlan(server, 'Guest keeps the name');
  const guest = await (await browser.newContext()).newPage();
  await openPlan(guest, server, reviewPath);
  const made = await guest.getByTestId('my-name').inputValue();
  const keep = guest.getByRole('button', { name: `Keep “${made}”` });
  await keep.focus();
  await guest.keyboard.press('Enter');
  await expect(guest.getByTestId('name-ask')).toHaveCount(0);
  await expect(guest.getByTestId('my-name')).toHaveValue(made);
  await guest.reload();
  await expect(guest.getByTestId('connection-status')).toHaveText('Connected');
  await expect(guest.getByTestId('my-name')).toHaveValue(made);
  await expect(guest.getByTestId('name-ask')).toHaveCount(0);
});

test('the names of who is here read in their order when two of them are written right to left', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Names from right to left');
  const join = async (name: string) => {
    const context = await browser.newContext();
    await context.addInitScript((n) => localStorage.setItem('seatfold:userName', n), name);
    const page = await context.newPage();
    await openPlan(page, server, organisePath);
    return page;
  };
  const olga = await join('Olga');
  await join('محمد علي');
  await join('سارة أحمد');
  const names = olga.getByTestId('online-users').locator('.online__name');
  await expect(names).toHaveCount(2);
  // Drawn left to right in the list's order (an LTR page), each name whole: the second never drawn before the first.
  const boxes = await names.evaluateAll((els) =>
    els.map((el) => {
      const name = document.createRange();
      name.selectNodeContents(el.lastChild!); // the name, after the comma
      return name.getBoundingClientRect();
    }),
  );
  expect(boxes[0]!.right).toBeLessThanOrEqual(boxes[1]!.left);
  await expect(names).toHaveText(['محمد علي', ', سارة أحمد']);
});

test('a name chosen in one tab reaches the browser’s other tabs: a reconnecting tab never puts the old name back', async ({ browser, server }) => {
  const { organisePath } = await openLinkPlan(server, 'Two tabs');
  const context = await browser.newContext();
  const first = await context.newPage();
  await openPlan(first, server, organisePath);
  const made = await first.getByTestId('my-name').inputValue();
  const second = await context.newPage();
  await openPlan(second, server, organisePath);
  await expect(second.getByTestId('my-name')).toHaveValue(made);

  const ask = first.getByRole('region', { name: 'What is your name?' });
  await ask.getByRole('textbox', { name: 'Your name' }).fill('Lena Vogel');
  await ask.getByRole('textbox', { name: 'Your name' }).press('Enter');
  await expect(first.getByTestId('name-ask')).toHaveCount(0);
  // The other tab of this browser follows (it stayed on the made-up name, and joined under it, before)
  await expect(second.getByTestId('my-name')).toHaveValue('Lena Vogel');
  // and when its connection drops and comes back, its join carries the name chosen, not the one it opened with (the
  // server takes a guest's name from the join: the old one would be theirs again, on every change they make).
  await context.setOffline(true);
  await expect(second.getByTestId('connection-status')).not.toHaveText('Connected');
  await context.setOffline(false);
  // as every test that goes back online waits: socket.io's next try comes after a back-off of up to 5 s, and a busy
  // server paces joins (seen on a busy CI: still "Connecting…" after 20 s)
  await expect(second.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  await expect(first.getByTestId('connection-status')).toHaveText('Connected', { timeout: 60_000 });
  expect(await second.evaluate(() => fetch('/api/me').then((r) => r.json() as Promise<{ you: { name: string } }>))).toMatchObject({
    you: { name: 'Lena Vogel' },
  });
  await expect(second.getByTestId('my-name')).toHaveValue('Lena Vogel');
  await expect(first.getByTestId('my-name')).toHaveValue('Lena Vogel');
});
