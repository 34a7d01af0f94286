// SES adapter of the Mailer port (SES API v1 SendEmail: HTML and text parts, Cc, Reply-To, tags).
import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DeliveryError, type Mailer, type MailMessage } from '#domain/ports.js';

/** SES rejections that another attempt cannot fix. Everything else (throttling, outages, config) is retried. */
const PERMANENT = new Set(['MessageRejected', 'InvalidParameterValue', 'MailFromDomainNotVerifiedException']);

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    try {
      const result = await this.ses.send(
        new SendEmailCommand({
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
          Tags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value: tagSafe(Value) })),
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      const name = (error as { name?: string } | undefined)?.name ?? 'UnknownError';
      throw new DeliveryError(name, PERMANENT.has(name));
    }
  }
}

/** No CR, LF or other control character can reach a header, whatever the subject holds. */
export function headerSafe(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
      .replace(/\s{2,}/g, ' ')
      .trim()
      .slice(0, 250)
  );
}

function tagSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}
