import type { Transporter } from 'nodemailer';

/** Sends Seatfold's e-mails. Present only when SMTP is configured (SEATFOLD_SMTP_URL and SEATFOLD_MAIL_FROM). */
export interface Mailer {
  sendSignIn(to: string, name: string, link: string): Promise<void>;
  /** asks the owner of an address to confirm that `name` may use it for sign-in links */
  sendEmailConfirm(to: string, name: string, link: string): Promise<void>;
}

export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://… (nodemailer's connection URL) */
  smtpUrl: string;
  from: string;
}

/**
 * nodemailer is loaded on the first e-mail, not at start: most servers never send one, and importing it costs
 * ~3 MB resident (docs/performance.md). A failed load is not remembered, so the next e-mail tries again.
 */
export function smtpMailer(config: MailConfig): Mailer {
  let transport: Promise<Transporter> | null = null;
  const open = () =>
    (transport ??= import('nodemailer').then(
      ({ default: nodemailer }) => nodemailer.createTransport(config.smtpUrl),
      (err: unknown) => {
        transport = null;
        throw err;
      },
    ));
  const send = async (to: string, subject: string, text: string) => {
    const smtp = await open();
    await smtp.sendMail({ from: config.from, to, subject, text });
  };
  return {
    sendSignIn: (to, name, link) =>
      send(
        to,
        'Your Seatfold sign-in link',
        `Hello ${name},\n\nopen this link within 15 minutes to sign in to Seatfold on this device:\n\n${link}\n\nIt works once. If you did not ask for it, ignore this e-mail.\n`,
      ),
    // Names the account the address would sign in to: whoever did not ask for it sees that it is not theirs.
    sendEmailConfirm: (to, name, link) =>
      send(
        to,
        'Confirm your e-mail address for Seatfold',
        `Hello,\n\nsomebody using Seatfold under the name “${name}” asked to receive sign-in links for that account at this address.\n\nIf that was you, open this link within 24 hours and confirm:\n\n${link}\n\nIf it was not you, ignore this e-mail: the address is not used until it is confirmed, and nothing signs you in to an account you did not ask for.\n`,
      ),
  };
}
