// SNS adapter of the Pager port: the `p1-alerts` topic on-call staff subscribe to (SMS, e-mail, a paging service).
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeliveryError, type PageMessage, type Pager } from '#domain/ports.js';

const PERMANENT = new Set(['InvalidParameterException', 'NotFoundException', 'AuthorizationErrorException']);

export class SnsPager implements Pager {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async page(message: PageMessage): Promise<{ messageId: string }> {
    try {
      const result = await this.sns.send(
        new PublishCommand({ TopicArn: this.topicArn, Subject: message.subject, Message: message.text }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      const name = (error as { name?: string } | undefined)?.name ?? 'UnknownError';
      throw new DeliveryError(name, PERMANENT.has(name));
    }
  }
}
