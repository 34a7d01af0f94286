// The table's stream consumer: each new outbox item (a notification recorded with its ticket) is delivered at
// once, and so is each lost-link lookup. Failures to record are reported per record (partial batch response) so only they are retried; a mail
// service that refuses is retried later by the redrive, with backoff, and parked after too many attempts.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { deliverLookup, type LookupDeliveryDeps } from '#domain/intake/lookup.js';
import { type DeliveryDeps, deliverNotification } from '#domain/notify/deliver.js';
import { logger } from '../logger.js';

export type StreamHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

/** The ticket and notification a stream record asks to deliver, if it is a newly recorded notification. */
export function notificationToDeliver(record: DynamoDBRecord): { ticketId: string; id: string } | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage;
  if (!image?.sk?.S?.startsWith('NOTIF#') || image.status?.S !== 'pending') return undefined;
  const ticketId = image.ticketId?.S;
  const id = image.id?.S;
  return ticketId && id ? { ticketId, id } : undefined;
}

/** The id of a newly queued lost-link lookup, if the record is one. */
export function lookupToDeliver(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage;
  if (image?.sk?.S !== 'LOOKUP' || image.status?.S !== 'pending') return undefined;
  return image.pk?.S?.replace(/^LOOKUP#/, '');
}

export function notificationStreamHandler(deps: DeliveryDeps & LookupDeliveryDeps): StreamHandler {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const deliver = async (record: DynamoDBRecord) => {
    const lookupId = lookupToDeliver(record);
    if (lookupId) {
      logger.info('status links processed', { outcome: await deliverLookup(deps, lookupId) });
      return;
    }
    const target = notificationToDeliver(record);
    if (!target) return;
    const outcome = await deliverNotification(deps, target.ticketId, target.id);
    logger.info('notification processed', { ticketId: target.ticketId, notification: target.id, outcome });
  };
  return (event, context) =>
    processPartialResponse(event, deliver, processor, {
      ...(context ? { context } : {}),
      processInParallel: true,
      throwOnFullBatchFailure: false,
    });
}
