import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { TokenBuckets } from '@seatfold/sync/server';
import { jsonBody } from '../http/body.ts';
import type { HttpEnv } from '../http/env.ts';
import { HttpError, jsonReply } from '../http/errors.ts';
import { busyError } from '../http/rate-limit.ts';
import type { Mailer } from './mail.ts';
import type { Person } from './model.ts';
import type { AuthStore } from './store.ts';

/**
 * Mails one address may receive (sign-in links and confirmations together) at the request of one client address: 5,
 * then one every 10 minutes; and from everybody together: 20, then one a minute. One sender keeping an address's
 * mails used up (a request every 2 minutes did, when there was one limit per recipient) would lock its owner out of
 * signing in; now that takes more than ten senders, and an address is never mailed more than ~80 times an hour.
 */
export const MAILS_PER_SENDER = { perSecond: 1 / 600, burst: 5 };
export const MAILS_PER_RECIPIENT = { perSecond: 1 / 60, burst: 20 };
const SECRET = '{[A-Za-z0-9_-]{43}}';
export const emailField = z.email({ error: 'That is not an e-mail address.' }).max(200);
const Email = z.object({ email: emailField }, { error: 'Send { email }.' });
export const NO_MAIL =
  'This server sends no e-mail, so an address could never be confirmed or used. Ask a plan’s owner for a new-device link instead.';
const minutes = (s: number) => (s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`);
const LINK_GONE = 'This confirmation link has been used already or has expired. Ask for a new one on Seatfold’s start page.';

export interface EmailDeps {
  auth: AuthStore;
  mailer: Mailer | null;
  /** where links in e-mails point (SEATFOLD_PUBLIC_URL) */
  publicUrl: string | null;
  /** where a mail that could not be sent is reported (the answer cannot say it) */
  log?: (msg: string) => void;
  mailsPerSender?: { perSecond: number; burst: number };
  mailsPerRecipient?: { perSecond: number; burst: number };
}

/** What the e-mail routes borrow from the other auth routes. */
export interface EmailHelpers<You, Plans> {
  /** refuses (429) an address that asked too often */
  limited: (c: Context<HttpEnv>, what: string) => void;
  /** the client address a request came from, as the limits count it */
  address: (c: Context<HttpEnv>) => string;
  signIn: (c: Context<HttpEnv>, personId: string) => Promise<string>;
  you: (p: Person) => You;
  plansOf: (personId: string) => Promise<Plans>;
}

/**
 * Mail that links an address to a person: sign-in links, and the confirmation that makes an address one. An address
 * counts for sign-in only once a link mailed to it was opened: before, anybody could name somebody else's address on
 * their own account and have sign-in links to that account mailed to its owner, who might use one and then work,
 * unknowingly, in the other's account.
 */
export function emailFlows(d: EmailDeps) {
  const senders = TokenBuckets.of(d.mailsPerSender ?? MAILS_PER_SENDER);
  const recipients = TokenBuckets.of(d.mailsPerRecipient ?? MAILS_PER_RECIPIENT);
  const log = (what: string) => (err: unknown) => d.log?.(`${what} could not be sent: ${(err as Error).message ?? String(err)}`);
  /**
   * Takes a mail to `to` asked for by client address `from`, or refuses (429): said for every address asked, a
   * member's or not, so the refusal tells nobody whether it belongs to anyone.
   */
  const mayMail = (to: string, from: string, perRecipient = true) => {
    const key = to.toLowerCase();
    const wait = Math.max(senders.take(`${key} ${from}`), perRecipient ? recipients.take(key) : 0);
    if (wait > 0) throw busyError(wait, (s) => `Seatfold has sent this address several e-mails just now. Please wait ${minutes(s)} and ask again.`);
  };
  const sendsMail = () => d.mailer !== null && d.publicUrl !== null;

  /**
   * Mails a sign-in link to each member who confirmed this address, after the answer has gone: how long the answer
   * takes, and whether it fails, must not tell an address that is a member's from one that is not. Not while a link
   * mailed to them is still open (15 minutes, unused): it is in their inbox. So anybody who knows a member's address
   * can make Seatfold mail them at most once a quarter of an hour, and can never keep them from signing in, as a
   * budget per recipient let them (a probe used it up from a few addresses; the member's own request was refused).
   */
  const mailSignIn = async (email: string) => {
    for (const person of await d.auth.membersByEmail(email)) {
      if (await d.auth.hasOpenMagicLink(person.id)) continue;
      const to = person.email ?? email;
      await d.mailer!.sendSignIn(to, person.name, `${d.publicUrl}/sign-in/${await d.auth.createMagicLink(person.id)}`);
    }
  };

  /**
   * A person asks for `email` as their address: it waits for confirmation (unless it is theirs already) and a link is
   * mailed to it in the background. Returns whether one is on its way.
   */
  const requestEmail = async (person: Person, email: string, from: string): Promise<boolean> => {
    if (!sendsMail()) throw new HttpError(409, NO_MAIL);
    // Their confirmed address (case aside): nothing to confirm, and whatever waited is withdrawn.
    if (person.email?.toLowerCase() === email.toLowerCase()) {
      await d.auth.setPendingEmail(person.id, null);
      return false;
    }
    mayMail(email, from);
    await d.auth.setPendingEmail(person.id, email);
    void (async () => {
      const link = `${d.publicUrl}/confirm-email/${await d.auth.createEmailLink(person.id, email)}`;
      await d.mailer!.sendEmailConfirm(email, person.name, link);
    })().catch(log('a confirmation mail'));
    return true;
  };

  const routes = <You, Plans>(h: EmailHelpers<You, Plans>) =>
    new Hono<HttpEnv>()
      /** Asks for a sign-in link by e-mail; the answer never says whether the address is known, nor by its timing. */
      .post('/api/sign-in', jsonBody(Email), (c) => {
        h.limited(c, 'sign-in requests');
        if (!sendsMail()) throw new HttpError(404, 'This server sends no e-mail. Ask the plan’s owner for a fresh invite link.');
        const email = c.req.valid('json').email;
        // per sender only: what reaches a member is bounded by their open link (mailSignIn)
        mayMail(email, h.address(c), false);
        void mailSignIn(email).catch(log('a sign-in mail'));
        return jsonReply(c, 202, { sent: true });
      })
      /** Uses a sign-in link once: this browser gets a session of that member, and the list of their plans. */
      .post(`/api/sign-in/:secret${SECRET}`, async (c) => {
        h.limited(c, 'sign-in attempts');
        const personId = await d.auth.useMagicLink(c.req.param('secret'));
        const person = personId ? await d.auth.person(personId) : null;
        if (!person) throw new HttpError(404, 'This sign-in link has been used already or has expired. Ask for a new one.');
        await h.signIn(c, person.id);
        return jsonReply(c, 200, { you: h.you(person), plans: await h.plansOf(person.id) });
      })
      /** What a confirmation link would confirm (for whom, which address), without using it. */
      .get(`/api/email-links/:secret${SECRET}`, async (c) => {
        const link = await d.auth.emailLink(c.req.param('secret'));
        if (!link) throw new HttpError(404, LINK_GONE);
        return jsonReply(c, 200, { name: link.person.name, email: link.email, waiting: link.waiting });
      })
      /**
       * Confirms an address, once. It signs nobody in (the browser that opens the mail need not be the person's): it
       * only proves that whoever reads that mailbox agreed.
       */
      .post(`/api/email-links/:secret${SECRET}/confirm`, async (c) => {
        h.limited(c, 'confirmations');
        const person = await d.auth.useEmailLink(c.req.param('secret'));
        if (!person) throw new HttpError(404, `${LINK_GONE} (A link stops working, too, once another address was asked for on the same account.)`);
        return jsonReply(c, 200, { name: person.name, email: person.email });
      });

  return { requestEmail, routes, sendsMail };
}
