import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { backends, cookieOf, startApp, waitFor, type RunningApp } from '../testing.ts';

/** Sign back in by e-mail, against a real SMTP server started here (smtp-server), never a mock. */
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
      // two sign-in mails an address, then (as far as a test sees) none
      mailsPerRecipient: { perSecond: 1e-9, burst: 2 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  it('mails a member a one-time link that signs a new browser in as the same person', async () => {
    const created = await post('/api/plans', { name: 'Mail plan', yourName: 'Marta' });
    const owner = cookieOf(created)!;
    const plan = (await created.json()) as { organisePath: string };
    const me = await fetch(`${server.url}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: owner },
      body: JSON.stringify({ email: 'Marta@Example.org' }),
    });
    const id = ((await me.json()) as { you: { id: string } }).you.id;

    // An unknown address gets the same answer and no mail.
    expect((await post('/api/sign-in', { email: 'nobody@example.org' })).status).toBe(202);
    expect((await post('/api/sign-in', { email: 'marta@example.org' })).status).toBe(202);
    const mail = (await waitFor(
      () => `the sign-in mail (mails so far: ${JSON.stringify(mails.map((m) => m.to))})`,
      () => mails.find((m) => m.to.toLowerCase() === 'marta@example.org'),
    ))!;
    expect(mails.filter((m) => m.to.toLowerCase() === 'nobody@example.org')).toEqual([]);
    const link = /https:\/\/seats\.example\.org\/sign-in\/([A-Za-z0-9_-]{43})/.exec(mail.text.replace(/=\r?\n/g, ''));
    expect(link, mail.text).not.toBeNull();

    // A new browser (no cookie) uses it: same person, and the plan listed.
    const used = await post(`/api/sign-in/${link![1]}`, {});
    expect(used.status).toBe(200);
    const body = (await used.json()) as { you: { id: string }; plans: { name: string; role: string; path: string }[] };
    expect(body.you.id).toBe(id);
    expect(body.plans).toEqual([{ name: 'Mail plan', role: 'owner', path: plan.organisePath }]);
    const fresh = cookieOf(used)!;
    expect(fresh).not.toBe(owner);
    const links = await fetch(`${server.url}/api/links/${plan.organisePath.slice(3)}`, { headers: { cookie: fresh } });
    expect(await links.json()).toMatchObject({ member: 'owner', you: { id } });
    // Once only.
    expect((await post(`/api/sign-in/${link![1]}`, {})).status).toBe(404);
  });

  /** A new browser that becomes a member with this e-mail (an owner of a plan of its own). */
  const memberWith = async (email: string, name: string) => {
    const owner = cookieOf(await post('/api/plans', { name: `${name}'s plan`, yourName: name }))!;
    const me = await fetch(`${server.url}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: owner },
      body: JSON.stringify({ email }),
    });
    expect(me.status).toBe(200);
  };

  it('sends an address a few sign-in mails, however many accounts name it and however often it is asked for', async () => {
    // An e-mail address is not confirmed: three accounts can name somebody else's.
    for (const name of ['Eve', 'Eve B', 'Eve C']) await memberWith('victim@example.org', name);
    await memberWith('other@example.org', 'Olga');
    for (let i = 0; i < 3; i++) expect((await post('/api/sign-in', { email: 'victim@example.org' })).status).toBe(202);
    await waitFor(
      () => `two mails to the victim (so far: ${JSON.stringify(mails.map((m) => m.to))})`,
      () => mails.filter((m) => m.to === 'victim@example.org').length >= 2 || null,
    );
    // Asked for last, sent after the victim's requests were decided: once it is in, nothing more came for the victim.
    expect((await post('/api/sign-in', { email: 'other@example.org' })).status).toBe(202);
    await waitFor(
      () => 'the mail to other@example.org',
      () => mails.find((m) => m.to === 'other@example.org'),
    );
    expect(mails.filter((m) => m.to === 'victim@example.org')).toHaveLength(2);
  });
});
