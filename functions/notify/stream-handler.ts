// The table's stream consumer: a ticket's new notifications (recorded in its outbox) are delivered at once, and so
// is each lost-link lookup. Failures to record are reported per record (partial batch response) so only they are
// retried; a mail service that refuses is retried later by the redrive, with backoff, and parked after too many.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { deliverLookup, type LookupDeliveryDeps } from '#domain/intake/lookup.js';
import { type DeliveryDeps, deliverFirstAttempts } from '#domain/notify/deliver.js';
import { idOf } from '../adapters/table.js';
import { logger } from '../logger.js';
import { countDeliveries, tallyOf } from './delivery-metrics.js';

export type StreamHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

/**
 * The ticket a stream record asks to deliver for: a ticket item (new, or changed by a transition) with a
 * notification never tried yet. Its delivery records (a MODIFY with nothing new) ask for nothing.
 */
export function ticketToDeliver(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return undefined;
  const image = record.dynamodb?.NewImage;
  if (image?.entity?.S !== 'ticket') return undefined;
  const untried = Object.values(image.outbox?.M ?? {}).some(
    (n) => n.M?.status?.S === 'pending' && n.M?.attempts?.N === '0',
  );
  return untried ? idOf({ pk: image.pk?.S, sk: image.sk?.S }) : undefined;
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
  return (event, context) => {
    // Records of one ticket in one batch share one delivery: processed in parallel, they would both send.
    const deliveries = new Map<string, Promise<void>>();
    const deliver = async (record: DynamoDBRecord) => {
      const lookupId = lookupToDeliver(record);
      if (lookupId) {
        const outcome = await deliverLookup(deps, lookupId);
        logger.info('status links processed', { outcome });
        if (outcome !== 'nothing-to-send') countDeliveries({ [outcome]: 1 });
        return;
      }
      const ticketId = ticketToDeliver(record);
      if (!ticketId) return;
      let delivery = deliveries.get(ticketId);
      if (!delivery) {
        delivery = deliverFirstAttempts(deps, ticketId).then((outcomes) => {
          logger.info('notifications processed', { ticketId, outcomes });
          countDeliveries(tallyOf(Object.values(outcomes)), ticketId);
        });
        deliveries.set(ticketId, delivery);
      }
      await delivery;
    };
    return processPartialResponse(event, deliver, processor, {
      ...(context ? { context } : {}),
      processInParallel: true,
      throwOnFullBatchFailure: false,
    });
  };
}
