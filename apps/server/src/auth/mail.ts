import type { Transporter } from 'nodemailer';

/** Sends the sign-in e-mail. Present only when SMTP is configured (SEATFOLD_SMTP_URL and SEATFOLD_MAIL_FROM). */
export interface Mailer {
  sendSignIn(to: string, name: string, link: string): Promise<void>;
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
  return {
    async sendSignIn(to, name, link) {
      const smtp = await open();
      await smtp.sendMail({
        from: config.from,
        to,
        subject: 'Your Seatfold sign-in link',
        text: `Hello ${name},\n\nopen this link within 15 minutes to sign in to Seatfold on this device:\n\n${link}\n\nIt works once. If you did not ask for it, ignore this e-mail.\n`,
      });
    },
  };
}
