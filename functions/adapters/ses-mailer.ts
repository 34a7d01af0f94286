// SES adapter of the Mailer port (SES API v1 SendEmail: HTML and text parts, Cc, Reply-To, tags). A message is
// checked whole before the SDK sees it, and after any error raised on our side of the wire the client is replaced:
// the SDK's query serializer keeps a half-built request when encoding throws and prepends it to the next one
// (docs/delivery.md, "One mail can never touch another").
import { type SESClient, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-ses';
import { unsendable } from '#domain/notify/message-check.js';
import { DeliveryError, type DeliveryFailure, type Mailer, type MailMessage } from '#domain/ports.js';
import { truncateText } from '#domain/text.js';
import { deliveryFailure, errorName, IsolatedClient, isServiceError } from './sdk-errors.js';

/**
 * SES errors of the account's setup, not of one message: retried with backoff and alarmed until someone fixes the
 * setup (docs/delivery.md, "SES errors").
 */
const CONFIGURATION = new Set([
  'MailFromDomainNotVerifiedException',
  'AccountSendingPausedException',
  'ConfigurationSetSendingPausedException',
  'ConfigurationSetDoesNotExistException',
]);
/** SES rejections of this message that another attempt cannot fix. */
const PERMANENT = new Set(['MessageRejected', 'InvalidParameterValue']);

/**
 * How SES refused: by its error code, and for `MessageRejected` by its message, which tells an identity that is not
 * verified (the sender's, or a recipient's while the account is in the sandbox: both setup) from a rejection of
 * this one recipient. The message is read here only, never logged.
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

export class SesMailer implements Mailer {
  private readonly ses: IsolatedClient<SESClient>;

  constructor(
    newClient: () => SESClient,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {
    this.ses = new IsolatedClient(newClient);
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const command = new SendEmailCommand(this.input(message));
    const result = await this.ses.call((ses) => ses.send(command), sesFailure);
    return { messageId: result.MessageId ?? 'unknown' };
  }

  /** The SendEmail input, or a `defect` DeliveryError when the message could not be encoded or has a bad header. */
  private input(message: MailMessage): SendEmailCommandInput {
    const input: SendEmailCommandInput = {
      Source: this.from,
      Destination: { ToAddresses: [...message.to], CcAddresses: [...message.cc] },
      ReplyToAddresses: [...message.replyTo],
      Message: {
        Subject: { Data: headerSafe(message.subject), Charset: 'UTF-8' },
        Body: {
          Text: { Data: message.text, Charset: 'UTF-8' },
          Html: { Data: message.html, Charset: 'UTF-8' },
        },
      },
      Tags: Object.entries(message.tags).map(([Name, Value]) => ({
        Name: tagSafe(Name),
        Value: tagSafe(Value),
      })),
      ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
    };
    const problem = unsendable({
      ...message,
      from: this.from,
      subject: input.Message?.Subject?.Data ?? '',
    });
    if (problem) throw new DeliveryError(`unsendable message: ${problem}`, 'defect');
    return input;
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
