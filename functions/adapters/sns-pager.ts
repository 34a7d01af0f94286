// SNS adapter of the Pager port: the `p1-alerts` topic on-call staff subscribe to (SMS, e-mail, a paging service).
// SNS speaks the same query protocol as SES, so a local error replaces the client too (IsolatedClient).
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeliveryError, type PageMessage, type Pager } from '#domain/ports.js';
import { isWellFormed } from '#domain/text.js';
import { deliveryFailure, IsolatedClient } from './sdk-errors.js';

const PERMANENT = new Set(['InvalidParameterException', 'NotFoundException', 'AuthorizationErrorException']);

export class SnsPager implements Pager {
  private readonly sns: IsolatedClient<SNSClient>;

  constructor(
    newClient: () => SNSClient,
    private readonly topicArn: string,
  ) {
    this.sns = new IsolatedClient(newClient);
  }

  async page(message: PageMessage): Promise<{ messageId: string }> {
    if (!isWellFormed(message.subject) || !isWellFormed(message.text))
      throw new DeliveryError('unsendable page: ill-formed text', 'defect');
    const command = new PublishCommand({
      TopicArn: this.topicArn,
      Subject: message.subject,
      Message: message.text,
    });
    const result = await this.sns.call(
      (sns) => sns.send(command),
      (error) => deliveryFailure(error, PERMANENT),
    );
    return { messageId: result.MessageId ?? 'unknown' };
  }
}
