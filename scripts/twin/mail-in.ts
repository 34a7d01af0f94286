// The twin's inbound mail: an SMTP server (smtp-server) on 127.0.0.1 that plays SES receiving for the receiving
// domain. It accepts mail for that domain only, keeps each message's raw bytes in the local S3 under the prefix the
// receipt rule's S3 action writes to, and calls the receiving function with the event SES's Lambda action would
// give it. No AUTH or STARTTLS: it is a local test server, not a relay.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { MAX_MESSAGE_BYTES } from '#domain/inbound/receive.js';
import type { Clock } from '#domain/ports.js';
import { s3Client } from '#functions/adapters/s3-raw-mail.js';
import type { Settings } from '#functions/config.js';
import { receiveMailHandler } from '#functions/notify/receive-handler.js';
import { type RECEIVE_SETTINGS, receiveDeps } from '#functions/receive-wiring.js';
import type { Emulator } from './emulators.js';
import { headerFields, receivedHeaders, sesMessageId, sesReceiptEvent, twinVerdicts } from './ses-receipt.js';

/** The bucket SES's S3 action writes received mail to, in the twin's local S3. */
export const TWIN_INBOUND_BUCKET = 'certicamara-inbound';

/**
 * The twin's STAFF_PEOPLE: one example person, for demonstrations (docs/delivery.md). The catalog's role mailboxes
 * (soporte.certifactura@certicamara.com and the others) are in the staff directory already.
 */
export const TWIN_STAFF_PEOPLE = JSON.stringify([
  {
    email: 'agente.ejemplo@certicamara.localhost',
    name: 'Agente de ejemplo',
    level: 1,
    queues: ['certifactura/support'],
  },
]);

export interface MailInOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The receiving function's settings: RCPT TO is accepted for addresses @RECEIVING_DOMAIN only. */
  readonly config: Pick<Settings, (typeof RECEIVE_SETTINGS)[number]>;
  /** The twin's clock: the receiving function reads it, and the receipt's timestamps come from it. */
  readonly clock: Clock;
  readonly onError: (error: unknown) => void;
}

export interface MailIn extends Emulator {
  readonly port: number;
}

/** An SMTP reply: smtp-server answers an error with its responseCode and message. */
function reply(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startMailIn(options: MailInOptions): Promise<MailIn> {
  const { config } = options;
  // The same handler code the Lambda runs (functions/lambda/receive-mail.ts), on the twin's clock.
  const handler = receiveMailHandler(receiveDeps(config, options.clock));
  const s3 = s3Client(config);
  const domain = config.RECEIVING_DOMAIN.toLowerCase();
  const server = new SMTPServer({
    name: `twin.${domain}`,
    banner: `local twin: mail for @${domain}`,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf('@');
      if (at > 0 && address.address.slice(at + 1).toLowerCase() === domain) return callback();
      callback(reply(550, `5.1.1 <${address.address}>: this server receives mail for @${domain} only`));
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : reply(451, String(error))),
      );
    },
  });

  /**
   * Like SES: the message is accepted (250) once stored and handed to the function, whatever the function makes of
   * it (recorded, refused or dropped); too large is refused (552); a failure of the function is temporary (451), so
   * a mail client tries again.
   */
  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    // Past the limit the rest is read and thrown away: smtp-server answers only once the client has sent it all.
    for await (const chunk of stream) if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded)
      throw reply(552, `5.3.4 message larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MB`);
    const at = options.clock.now();
    const messageId = sesMessageId();
    const envelope = {
      source: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      recipients: session.envelope.rcptTo.map((r) => r.address),
      clientName: session.clientHostname || session.hostNameAppearsAs || 'unknown',
      remoteAddress: session.remoteAddress,
      domain,
    };
    const raw = Buffer.concat([receivedHeaders(envelope, messageId, at), ...chunks]);
    const headers = headerFields(raw);
    const verdicts = twinVerdicts(headers);
    if ('error' in verdicts) throw reply(550, `5.6.0 ${verdicts.error}`);
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: config.INBOUND_BUCKET,
          Key: `${config.INBOUND_PREFIX}${messageId}`,
          Body: raw,
          ContentType: 'message/rfc822',
        }),
      );
      await handler(
        sesReceiptEvent({ messageId, envelope, headers, verdicts, at, region: config.AWS_REGION }),
      );
    } catch (error) {
      options.onError(error);
      throw reply(451, '4.3.0 the receiving function failed; try again later');
    }
  }

  server.listen(options.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    endpoint: `smtp://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      s3.destroy();
    },
  };
}
