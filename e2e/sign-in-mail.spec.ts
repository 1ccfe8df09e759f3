import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect, expectAccessible, SeatfoldServer, test } from './fixtures.ts';

// A server of its own that sends mail, to a real SMTP server started here: what it sends is read back from there.
const server = new SeatfoldServer();
const mails: { to: string; text: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      // nodemailer writes non-ASCII text quoted-printable: soft breaks and =XX bytes undone.
      const raw = Buffer.concat(chunks)
        .toString('latin1')
        .replace(/=\r?\n/g, '');
      const text = Buffer.from(
        raw.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
      callback();
    });
  },
});

test.beforeAll(async () => {
  test.setTimeout(240_000); // a server start on a busy machine (see SeatfoldServer.start)
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  await server.start({
    SEATFOLD_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    SEATFOLD_MAIL_FROM: 'seatfold@example.org',
    // Links in mails point here; the test opens their paths on the server's own address.
    SEATFOLD_PUBLIC_URL: 'https://seats.example.org',
  });
});
test.afterAll(async () => {
  await server.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The path of the newest link of this kind mailed to an address (waits for it). */
async function mailedPath(to: string, kind: 'confirm-email' | 'sign-in', count = 1): Promise<string> {
  const find = () => mails.filter((m) => m.to === to && m.text.includes(`/${kind}/`));
  await expect.poll(() => find().length, { message: `${kind} mail to ${to}` }).toBeGreaterThanOrEqual(count);
  const link = new RegExp(`https://seats\\.example\\.org(/${kind}/[A-Za-z0-9_-]{43})`).exec(find().at(-1)!.text);
  expect(link).not.toBeNull();
  return link![1]!;
}

test('an owner adds an address, confirms it from the mail, and signs in with it on another browser', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await owner.goto(server.url);
  await owner.getByTestId('new-plan-name').fill('Mail party');
  await owner.getByTestId('new-plan-owner').fill('Olivia Owner');
  await owner.getByTestId('create-plan').click();
  await expect(owner.getByTestId('created-plan')).toBeVisible();

  // The start page offers the owner an address for sign-in links; a new one waits for confirmation.
  const card = owner.getByTestId('account-email');
  await expect(card).toContainText('Add your e-mail address');
  await card.getByTestId('account-email-input').fill('olivia@example.org');
  await card.getByTestId('account-email-send').click();
  await expect(card.getByTestId('account-email-pending')).toContainText('Waiting for confirmation: olivia@example.org');
  await expect(card.getByRole('status')).toContainText('A confirmation link is on its way to olivia@example.org');
  await expectAccessible(owner, 'start page with the account card');

  // The mail names the account; opened on another device it asks before it confirms, and signs nobody in.
  const confirmPath = await mailedPath('olivia@example.org', 'confirm-email');
  expect(mails.at(-1)!.text).toContain('“Olivia Owner”');
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(`${server.url}${confirmPath}`);
  const page = phone.getByTestId('confirm-email-page');
  await expect(page).toContainText('Use olivia@example.org to sign in to Seatfold as Olivia Owner?');
  await expectAccessible(phone, 'confirmation page');
  await page.getByTestId('confirm-email').click();
  await expect(page.getByTestId('confirm-email-done')).toContainText('Sign-in links for Olivia Owner now go to olivia@example.org');
  await expect(page.getByTestId('confirm-email-done')).toBeFocused();

  await owner.reload();
  await expect(owner.getByTestId('account-email-current')).toContainText('Sign-in links for Olivia Owner go to olivia@example.org.');
  await expect(owner.getByTestId('account-email-pending')).toHaveCount(0);

  // Another browser asks for a sign-in link and follows it into the plan, as its owner.
  const laptop = await (await browser.newContext()).newPage();
  await laptop.goto(`${server.url}/sign-in`);
  await laptop.getByLabel('Your e-mail address').fill('olivia@example.org');
  await laptop.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(laptop.getByRole('status')).toContainText('a sign-in link is on its way');
  await laptop.goto(`${server.url}${await mailedPath('olivia@example.org', 'sign-in')}`);
  await laptop.getByRole('link', { name: 'Mail party' }).click();
  await expect(laptop.getByTestId('connection-status')).toHaveText('Connected');
  await expect(laptop.getByTestId('my-name')).toHaveValue('Olivia Owner');

  // Removed again (from the keyboard): sign-in links no longer go anywhere, and the focus stays in the card.
  await owner.getByRole('button', { name: 'Remove the address' }).focus();
  await owner.keyboard.press('Enter');
  await expect(owner.getByTestId('account-email-current')).toContainText('Add your e-mail address');
  await expect(owner.getByTestId('account-email').getByRole('status')).toBeFocused();
});
