import { createTransport } from 'nodemailer';

// Outgoing email. One interface, so services send without knowing the transport, and one SMTP
// implementation over nodemailer (`SPOKESTACK_SMTP_URL`, e.g. `smtps://user:pass@smtp.example.com:465`).

/** One message as the platform sends it. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html?: string;
  text: string;
  replyTo?: string;
  /** Extra headers (`List-Unsubscribe`, …). */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Sends one message; an address the server refuses throws, with `responseCode` when SMTP gave one. */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** What campaigns need beside a transport. */
export interface MailSettings {
  /** The default sender (`SPOKESTACK_MAIL_FROM`). */
  from?: string;
  /**
   * The server's address as recipients reach it (`SPOKESTACK_PUBLIC_URL`, e.g. `https://crm.agency.com`): campaign
   * messages link their tracking pixel, tracked links and unsubscribe endpoint there. Campaigns refuse to send without it.
   */
  publicUrl?: string;
  /** Campaign messages per minute, per campaign (`SPOKESTACK_MAIL_RATE_PER_MINUTE`; default unlimited). */
  ratePerMinute?: number;
}

/** How the app sends mail: an SMTP URL, or a mailer of your own, with the settings of campaigns. */
export type MailOptions = ({ url: string } | { mailer: Mailer }) & MailSettings;

/**
 * A mailer over SMTP. The connection is pooled, so a campaign does not open one connection per message.
 *
 * @example const mailer = smtpMailer('smtp://127.0.0.1:2525'); await mailer.send({ from, to, subject, text })
 */
export function smtpMailer(url: string): Mailer {
  const transport = createTransport(url.includes('?') ? `${url}&pool=true` : `${url}?pool=true`);
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}

/** The app's mailer from its options, if mail is configured. */
export const mailerOf = (options: MailOptions | undefined): Mailer | undefined =>
  options ? ('mailer' in options ? options.mailer : smtpMailer(options.url)) : undefined;
