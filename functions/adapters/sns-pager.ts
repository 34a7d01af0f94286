// SNS adapter of the Pager port: the `p1-alerts` topic on-call staff subscribe to (SMS, e-mail, a paging service).
// SNS speaks the same query protocol as SES, so a local error replaces the client too (see ses-mailer.ts).
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeliveryError, type PageMessage, type Pager } from '#domain/ports.js';
import { isWellFormed } from '#domain/text.js';
import { deliveryFailure, errorName } from './sdk-errors.js';

const PERMANENT = new Set(['InvalidParameterException', 'NotFoundException', 'AuthorizationErrorException']);

export class SnsPager implements Pager {
  private sns: SNSClient;

  constructor(
    private readonly newClient: () => SNSClient,
    private readonly topicArn: string,
  ) {
    this.sns = newClient();
  }

  async page(message: PageMessage): Promise<{ messageId: string }> {
    if (!isWellFormed(message.subject) || !isWellFormed(message.text))
      throw new DeliveryError('unsendable page: ill-formed text', 'defect');
    try {
      const result = await this.sns.send(
        new PublishCommand({ TopicArn: this.topicArn, Subject: message.subject, Message: message.text }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      const kind = deliveryFailure(error, PERMANENT);
      if (kind === 'defect') {
        this.sns.destroy();
        this.sns = this.newClient();
      }
      throw new DeliveryError(errorName(error), kind);
    }
  }
}
