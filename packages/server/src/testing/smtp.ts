import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the loopback server received: who it was for, parsed. */
export interface Received {
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 (a free port) that keeps every message it receives, parsed with
 * mailparser, so tests assert on what a mailbox would get. Test-only: smtp-server and mailparser are
 * dev dependencies, so this stays out of `testing/index.ts`, which the package ships.
 *
 * @example
 * const smtp = await startSmtpServer()
 * const t = await createTestInstance({ mail: { url: smtp.url, from: 'news@agency.test' } })
 * expect(smtp.received[0].mail.subject).toBe('Hello')
 */
export async function startSmtpServer(options: { reject?: (to: string) => boolean; parse?: boolean } = {}) {
  const received: Received[] = [];
  /** Messages per recipient address, kept always; with `parse: false` (the send benchmark) the only record. */
  const counts = new Map<string, number>();
  const count = (to: string[]) => {
    for (const address of to) counts.set(address, (counts.get(address) ?? 0) + 1);
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      if (options.parse === false) {
        stream.on('end', () => {
          count(to);
          callback();
        });
        stream.resume();
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          count(to);
          received.push({ to, mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
