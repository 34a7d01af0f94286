// The table's stream consumer: the new notifications of a ticket (written in its outbox by its creation or by a
// transition) are attempted at once, and so is each lost-link lookup. Each attempt claims first, so the redrive and
// a retried record never send twice; failures to record are reported per record (partial batch response).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type {
  AttributeValue,
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { deliverLookup, type LookupDeliveryDeps } from '#domain/intake/lookup.js';
import { type DeliveryDeps, deliverNew } from '#domain/notify/deliver.js';
import { idOf } from '../adapters/table.js';
import { logger } from '../logger.js';
import { countDeliveries, tallyOf } from './delivery-metrics.js';

export type StreamHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

/**
 * The ticket a stream record asks to deliver for, and its new notifications: those pending in the new image and
 * absent from the old one. Records of deliveries themselves (claims, sent, failed) ask for nothing.
 */
export function ticketToDeliver(record: DynamoDBRecord): { ticketId: string; ids: string[] } | undefined {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return undefined;
  const image = record.dynamodb?.NewImage;
  if (image?.entity?.S !== 'ticket') return undefined;
  const before: Record<string, AttributeValue> = record.dynamodb?.OldImage?.outbox?.M ?? {};
  const ids = Object.entries(image.outbox?.M ?? {})
    .filter(([id, n]) => n.M?.status?.S === 'pending' && !(id in before))
    .map(([id]) => id);
  return ids.length > 0 ? { ticketId: idOf({ pk: image.pk?.S, sk: image.sk?.S }), ids } : undefined;
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
    const deliver = async (record: DynamoDBRecord) => {
      const lookupId = lookupToDeliver(record);
      if (lookupId) {
        const outcome = await deliverLookup(deps, lookupId);
        logger.info('status links processed', { outcome });
        if (outcome !== 'nothing-to-send') countDeliveries({ [outcome]: 1 });
        return;
      }
      const wanted = ticketToDeliver(record);
      if (!wanted) return;
      const outcomes = await deliverNew(deps, wanted.ticketId, wanted.ids);
      logger.info('notifications processed', { ticketId: wanted.ticketId, outcomes });
      countDeliveries(tallyOf(Object.values(outcomes)), wanted.ticketId);
    };
    return processPartialResponse(event, deliver, processor, {
      ...(context ? { context } : {}),
      processInParallel: true,
      throwOnFullBatchFailure: false,
    });
  };
}
