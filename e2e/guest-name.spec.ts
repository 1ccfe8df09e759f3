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
