import nodemailer from 'nodemailer';

/** Sends the sign-in e-mail. Present only when SMTP is configured (SEATFOLD_SMTP_URL and SEATFOLD_MAIL_FROM). */
export interface Mailer {
  sendSignIn(to: string, name: string, link: string): Promise<void>;
}

export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://… (nodemailer's connection URL) */
  smtpUrl: string;
  from: string;
}

export function smtpMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async sendSignIn(to, name, link) {
      await transport.sendMail({
        from: config.from,
        to,
        subject: 'Your Seatfold sign-in link',
        text: `Hello ${name},\n\nopen this link within 15 minutes to sign in to Seatfold on this device:\n\n${link}\n\nIt works once. If you did not ask for it, ignore this e-mail.\n`,
      });
    },
  };
}
