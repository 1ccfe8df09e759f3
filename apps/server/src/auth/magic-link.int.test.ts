import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { backends, cookieOf, startApp, waitFor, type RunningApp } from '../testing.ts';

/** Sign back in by e-mail, and confirming an address, against a real SMTP server started here (smtp-server), never a mock. */
describe('sign-in links by e-mail', () => {
  let store: EventStore;
  let server: RunningApp;
  let smtp: SMTPServer;
  const mails: { to: string; text: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (text += chunk));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    store = await backends()[0]!.open();
    server = await startApp(store, {
      mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'seatfold@example.org' },
      publicUrl: 'https://seats.example.org',
      authAttemptsPerMinute: 1000,
      creationLimits: { perAddressPerMinute: 1000, totalPerMinute: 1000 },
      // three mails an address at one sender's request, six from everybody, then (as far as a test sees) none
      mailsPerSender: { perSecond: 1e-9, burst: 3 },
      mailsPerRecipient: { perSecond: 1e-9, burst: 6 },
      // X-Forwarded-For names the sender (no header: 127.0.0.1)
      trustedProxies: 1,
    });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const post = (path: string, body: unknown, cookie?: string, from?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(from ? { 'x-forwarded-for': from } : {}) },
      body: JSON.stringify(body),
    });

  const patchMe = async (cookie: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        you: { id: string; email: string | null; pendingEmail: string | null };
        confirmationSent: boolean;
        error?: string;
      },
    };
  };
  /** A mail's text as written (nodemailer sends non-ASCII text quoted-printable). */
  const decoded = (text: string) =>
    Buffer.from(
      text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  const mailsTo = (address: string) =>
    mails.filter((m) => m.to.toLowerCase() === address.toLowerCase()).map((m) => ({ ...m, text: decoded(m.text) }));
  /** The newest mail to an address whose text holds a link of this kind, and the link's secret. */
  const linkIn = async (address: string, kind: 'sign-in' | 'confirm-email', count = 1) => {
    await waitFor(
      () => `${count} ${kind} mail(s) to ${address} (mails so far: ${JSON.stringify(mails.map((m) => m.to))})`,
      () => mailsTo(address).filter((m) => m.text.includes(`/${kind}/`)).length >= count || null,
    );
    const text = mailsTo(address)
      .filter((m) => m.text.includes(`/${kind}/`))
      .at(-1)!.text;
    const link = new RegExp(`https://seats\\.example\\.org/${kind}/([A-Za-z0-9_-]{43})`).exec(text);
    expect(link, text).not.toBeNull();
    return { secret: link![1]!, text };
  };
  /** Lets the background mails of the requests so far go out: a request for a known address is answered last. */
  const settle = async (address: string) => {
    await memberWith(address, 'Marker');
    await linkIn(address, 'confirm-email');
  };

  /** A new browser that becomes a member (the owner of a plan of its own), with the address asked for if given. */
  const memberWith = async (email: string | null, name: string) => {
    const created = await post('/api/plans', { name: `${name}'s plan`, yourName: name });
    expect(created.status).toBe(201);
    const cookie = cookieOf(created)!;
    const plan = (await created.json()) as { organisePath: string };
    const me = email ? await patchMe(cookie, { email }) : null;
    if (me) expect(me.status).toBe(200);
    return { cookie, plan, id: me?.body.you.id ?? '' };
  };

  it('mails a member a one-time link that signs a new browser in as the same person, once the address is confirmed', async () => {
    const marta = await memberWith(null, 'Marta');
    const asked = await patchMe(marta.cookie, { email: 'Marta@Example.org' });
    expect(asked.body).toMatchObject({ confirmationSent: true, you: { email: null, pendingEmail: 'Marta@Example.org' } });
    const id = asked.body.you.id;

    // Before it is confirmed the address signs nobody in: no sign-in mail.
    const confirm = await linkIn('marta@example.org', 'confirm-email');
    expect(confirm.text).toContain('“Marta”');
    expect((await post('/api/sign-in', { email: 'marta@example.org' })).status).toBe(202);
    await settle('marker-1@example.org');
    expect(mailsTo('marta@example.org').filter((m) => m.text.includes('/sign-in/'))).toEqual([]);

    // The page reads what the link confirms; confirming (from any browser: it signs nobody in) makes it count.
    const read = await fetch(`${server.url}/api/email-links/${confirm.secret}`);
    expect(await read.json()).toEqual({ name: 'Marta', email: 'Marta@Example.org', waiting: true });
    const confirmed = await post(`/api/email-links/${confirm.secret}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(cookieOf(confirmed)).toBeNull();
    expect((await post(`/api/email-links/${confirm.secret}/confirm`, {})).status).toBe(404);
    expect(await (await fetch(`${server.url}/api/me`, { headers: { cookie: marta.cookie } })).json()).toMatchObject({
      you: { email: 'Marta@Example.org', pendingEmail: null },
    });

    // An unknown address gets the same answer and no mail.
    expect((await post('/api/sign-in', { email: 'nobody@example.org' })).status).toBe(202);
    expect((await post('/api/sign-in', { email: 'marta@example.org' })).status).toBe(202);
    const link = await linkIn('marta@example.org', 'sign-in');
    expect(mailsTo('nobody@example.org')).toEqual([]);

    // A new browser (no cookie) uses it: same person, and the plan listed.
    const used = await post(`/api/sign-in/${link.secret}`, {});
    expect(used.status).toBe(200);
    const body = (await used.json()) as { you: { id: string }; plans: { name: string; role: string; path: string }[] };
    expect(body.you.id).toBe(id);
    expect(body.plans).toEqual([{ name: "Marta's plan", role: 'owner', path: marta.plan.organisePath }]);
    const fresh = cookieOf(used)!;
    expect(fresh).not.toBe(marta.cookie);
    const links = await fetch(`${server.url}/api/links/${marta.plan.organisePath.slice(3)}`, { headers: { cookie: fresh } });
    expect(await links.json()).toMatchObject({ member: 'owner', you: { id } });
    // Once only.
    expect((await post(`/api/sign-in/${link.secret}`, {})).status).toBe(404);
  });

  it("an account naming somebody else's address gets no sign-in link to them, and its confirmation mail names it", async () => {
    const eve = await memberWith('vera@example.org', 'Eve');
    expect(eve.id).not.toBe('');
    const vera = await memberWith('vera@example.org', 'Vera');
    // Vera confirms her own address (the mail that names her), not the one that names Eve.
    await linkIn('vera@example.org', 'confirm-email', 2);
    const both = mailsTo('vera@example.org').map((m) => m.text);
    expect(both.filter((t) => t.includes('“Eve”'))).toHaveLength(1);
    const hers = /confirm-email\/([A-Za-z0-9_-]{43})/.exec(both.find((t) => t.includes('“Vera”'))!)![1]!;
    expect((await post(`/api/email-links/${hers}/confirm`, {})).status).toBe(200);

    // Her sign-in request mails her own account only: one link (the address may have four mails), and it is hers.
    expect((await post('/api/sign-in', { email: 'vera@example.org' })).status).toBe(202);
    const link = await linkIn('vera@example.org', 'sign-in');
    await settle('marker-2@example.org');
    expect(mailsTo('vera@example.org')).toHaveLength(3);
    const used = await post(`/api/sign-in/${link.secret}`, {});
    expect(((await used.json()) as { you: { name: string } }).you.name).toBe('Vera');
    expect((await patchMe(vera.cookie, {})).body.you).toMatchObject({ email: 'vera@example.org' });
    expect((await patchMe(eve.cookie, {})).body.you).toMatchObject({ email: null, pendingEmail: 'vera@example.org' });
  });

  it('a new address waits while the confirmed one stays in use; an older link stops working; null removes both', async () => {
    const nils = await memberWith('nils@example.org', 'Nils');
    const first = await linkIn('nils@example.org', 'confirm-email');
    expect((await post(`/api/email-links/${first.secret}/confirm`, {})).status).toBe(200);

    // Asked again for the confirmed address (case aside): nothing to confirm, no mail.
    expect((await patchMe(nils.cookie, { email: 'NILS@example.org' })).body).toMatchObject({
      confirmationSent: false,
      you: { email: 'nils@example.org' },
    });

    const moved = await patchMe(nils.cookie, { email: 'nils@work.example' });
    expect(moved.body).toMatchObject({ confirmationSent: true, you: { email: 'nils@example.org', pendingEmail: 'nils@work.example' } });
    const typo = await linkIn('nils@work.example', 'confirm-email');
    await patchMe(nils.cookie, { email: 'nils@home.example' });
    await linkIn('nils@home.example', 'confirm-email');
    // The link to the address he moved away from no longer confirms it (and reads as such before it is used).
    expect(await (await fetch(`${server.url}/api/email-links/${typo.secret}`)).json()).toMatchObject({ email: 'nils@work.example', waiting: false });
    const refused = await post(`/api/email-links/${typo.secret}/confirm`, {});
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: string }).error).toMatch(/another address was asked for/);
    expect((await patchMe(nils.cookie, {})).body.you).toMatchObject({ email: 'nils@example.org', pendingEmail: 'nils@home.example' });

    expect((await patchMe(nils.cookie, { email: null })).body.you).toMatchObject({ email: null, pendingEmail: null });
  });

  it('an address given when claiming an invite waits for its confirmation too', async () => {
    const olga = await memberWith(null, 'Olga');
    const token = olga.plan.organisePath.slice(3);
    const invite = await fetch(`${server.url}/api/plans/${token}/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: olga.cookie },
      body: JSON.stringify({ role: 'organiser' }),
    });
    const secret = ((await invite.json()) as { path: string }).path.slice('/invite/'.length);
    const claimed = await post(`/api/invites/${secret}/claim`, { name: 'Pia', email: 'pia@example.org' });
    expect(claimed.status).toBe(200);
    expect(((await claimed.json()) as { you: unknown }).you).toMatchObject({ name: 'Pia', email: null, pendingEmail: 'pia@example.org' });
    expect((await linkIn('pia@example.org', 'confirm-email')).text).toContain('“Pia”');
  });

  it('mails an address a few times at one sender’s request, then says to wait; others may still ask', async () => {
    const ask = async (from: string) => {
      const res = await post('/api/sign-in', { email: 'limit@example.org' }, undefined, from);
      return { status: res.status, body: (await res.json()) as { error?: string } };
    };
    for (let i = 0; i < 3; i++) expect((await ask('192.0.2.1')).status).toBe(202);
    const refused = await ask('192.0.2.1');
    expect(refused.status).toBe(429);
    // the same words for an address nobody has: the refusal tells nothing about members
    expect(refused.body.error).toMatch(/^Seatfold has sent this address several e-mails just now\. Please wait \d+ minutes and ask again\.$/);
    for (const from of ['192.0.2.2', '192.0.2.3', '192.0.2.4']) expect((await ask(from)).status).toBe(202);
  });

  it('nobody can keep a member from signing in, nor mail them more than once while a link is open', async () => {
    const owner = await memberWith('wanda@example.org', 'Wanda');
    expect((await post(`/api/email-links/${(await linkIn('wanda@example.org', 'confirm-email')).secret}/confirm`, {})).status).toBe(200);
    // somebody who knows her address asks for her, from many addresses, again and again
    for (const from of ['198.51.100.66', '198.51.100.67', '198.51.100.68', '198.51.100.69'])
      for (let i = 0; i < 3; i++) expect((await post('/api/sign-in', { email: 'wanda@example.org' }, undefined, from)).status).toBe(202);
    // Wanda, on her new laptop elsewhere: asked too, answered as always
    expect((await post('/api/sign-in', { email: 'wanda@example.org' }, undefined, '203.0.113.5')).status).toBe(202);
    await settle('wanda-marker@example.org');
    // one link reached her, the one that is open; it is hers to use
    const signIns = () => mailsTo('wanda@example.org').filter((m) => m.text.includes('/sign-in/'));
    expect(signIns()).toHaveLength(1);
    const link = await linkIn('wanda@example.org', 'sign-in', 1);
    const used = await post(`/api/sign-in/${link.secret}`, {}, undefined, '203.0.113.5');
    expect(((await used.json()) as { you: { id: string } }).you.id).toBe(owner.id);
    // used, it is no longer open: the next request mails a new one
    expect((await post('/api/sign-in', { email: 'wanda@example.org' }, undefined, '203.0.113.5')).status).toBe(202);
    await linkIn('wanda@example.org', 'sign-in', 2);
  });
});
