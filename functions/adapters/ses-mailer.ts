// SES adapter of the Mailer port (SES API v2 SendEmail, simple content: HTML and text parts, Cc, Reply-To, tags, and
// the In-Reply-To and References headers that thread a ticket's mails). A message is checked whole before the SDK
// sees it, and after any error raised on our side of the wire the client is replaced (docs/delivery.md, "One mail can
// never touch another").
import { type SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { unsendable } from '#domain/notify/message-check.js';
import { DeliveryError, type DeliveryFailure, type Mailer, type MailMessage } from '#domain/ports.js';
import { truncateText } from '#domain/text.js';
import { deliveryFailure, errorName, IsolatedClient, isServiceError } from './sdk-errors.js';

/**
 * SES errors of the account's setup, not of one message: retried with backoff and alarmed until someone fixes the
 * setup (docs/delivery.md, "SES errors"). `NotFoundException`: SendEmail names no resource but the configuration set.
 */
const CONFIGURATION = new Set([
  'MailFromDomainNotVerifiedException',
  'SendingPausedException',
  'AccountSuspendedException',
  'NotFoundException',
]);
/** SES rejections of this message that another attempt cannot fix. */
const PERMANENT = new Set(['MessageRejected', 'BadRequestException']);

/**
 * How SES refused: by its error name, and for `MessageRejected` by its message, which tells an identity that is not
 * verified (the sender's, or a recipient's while the account is in the sandbox: both setup) from a rejection of
 * this one recipient. The message is read here only, never logged. Throttling (`TooManyRequestsException`) and the
 * sending quota (`LimitExceededException`) are temporary, like an outage.
 */
export function sesFailure(error: unknown): DeliveryFailure {
  const kind = deliveryFailure(error, PERMANENT);
  if (kind === 'defect' || !isServiceError(error)) return kind;
  const name = errorName(error);
  if (CONFIGURATION.has(name)) return 'configuration';
  const message = String((error as { message?: unknown }).message ?? '');
  if (name === 'MessageRejected' && /not verified|sending paused|sandbox/i.test(message))
    return 'configuration';
  return kind;
}

/** SES's subject limit is generous; ours keeps subjects readable in a mail list. */
export const SUBJECT_MAX = 250;

/** What `send` records when SES answered without an id (never threaded on). */
const NO_ID = 'unknown';
/** An SES message id as SES returns it; anything else is never written into a header. */
const MESSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * The domain of the Message-ID SES gives a mail it accepts (it replaces any we set): `<MessageId>@<domain>`, with
 * `email.amazonses.com` in us-east-1 and `<region>.amazonses.com` elsewhere. AWS documents no format; this is
 * what SES writes today, and a wrong guess only loses threading, never a mail.
 */
export function sesMessageIdDomain(region: string): string {
  return region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
}

export class SesMailer implements Mailer {
  private readonly ses: IsolatedClient<SESv2Client>;

  constructor(
    newClient: () => SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
    /** The region SES sends from: the Message-IDs it assigns name it. */
    private readonly region = 'us-east-1',
  ) {
    this.ses = new IsolatedClient(newClient);
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const command = new SendEmailCommand(this.input(message));
    const result = await this.ses.call((ses) => ses.send(command), sesFailure);
    return { messageId: result.MessageId ?? NO_ID };
  }

  /** The SendEmail input, or a `defect` DeliveryError when the message could not be encoded or has a bad header. */
  private input(message: MailMessage): SendEmailCommandInput {
    const subject = headerSafe(message.subject);
    const headers = this.threadHeaders(message);
    const input: SendEmailCommandInput = {
      FromEmailAddress: this.from,
      Destination: { ToAddresses: [...message.to], CcAddresses: [...message.cc] },
      ReplyToAddresses: [...message.replyTo],
      Content: {
        Simple: {
          Subject: { Data: subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
          ...(headers.length > 0 ? { Headers: headers } : {}),
        },
      },
      EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({
        Name: tagSafe(Name),
        Value: tagSafe(Value),
      })),
      ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
    };
    const problem = unsendable({ ...message, from: this.from, subject });
    if (problem) throw new DeliveryError(`unsendable message: ${problem}`, 'defect');
    return input;
  }

  /**
   * In-Reply-To and References as SES's Message-IDs of the earlier mails. Only ids of SES's own form are written, so
   * nothing but them can reach a header; threading is a courtesy, and an id that is not one is left out rather than
   * holding the mail back.
   */
  private threadHeaders(message: MailMessage): { Name: string; Value: string }[] {
    const domain = sesMessageIdDomain(this.region);
    const header = (id: string) => (id !== NO_ID && MESSAGE_ID.test(id) ? `<${id}@${domain}>` : undefined);
    const inReplyTo = message.inReplyTo === undefined ? undefined : header(message.inReplyTo);
    const references = [...new Set(message.references ?? [])].flatMap((id) => header(id) ?? []);
    return [
      ...(inReplyTo ? [{ Name: 'In-Reply-To', Value: inReplyTo }] : []),
      ...(references.length > 0 ? [{ Name: 'References', Value: references.join(' ') }] : []),
    ];
  }
}

/** No CR, LF or other control character can reach a header, whatever the subject holds; cut at whole characters. */
export function headerSafe(text: string): string {
  return truncateText(
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
      .replace(/\s{2,}/g, ' ')
      .trim(),
    SUBJECT_MAX,
  );
}

function tagSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}
