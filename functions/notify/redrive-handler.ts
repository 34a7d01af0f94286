// Scheduled every minute: attempts whatever the retry index says is due (retries after a mail-service failure,
// notifications whose sender died holding them, anything the stream consumer never got to), and the same for
// lost-link lookups. Each attempt claims first, so a notification is sent once however many senders look at it.
import { type LookupDeliveryDeps, redriveLookups } from '#domain/intake/lookup.js';
import { type DeliveryDeps, type DeliveryOutcome, redriveNotifications } from '#domain/notify/deliver.js';
import { logger } from '../logger.js';
import { countDeliveries } from './delivery-metrics.js';

export function redriveHandler(
  deps: DeliveryDeps & LookupDeliveryDeps,
): () => Promise<{ readonly [outcome: string]: number }> {
  return async () => {
    // A ticket that cannot be attempted is logged and the pass goes on; the invocation then fails (and alarms).
    const failures: unknown[] = [];
    const counts = await redriveNotifications(deps, 100, (error, ticketId) => {
      logger.error('redrive attempt failed', { ticketId, errorName: (error as Error | undefined)?.name });
      failures.push(error);
    });
    if (Object.values(counts).some((n) => n > 0)) logger.info('outbox redrive', counts);
    const { 'nothing-to-send': _, ...lookups } = await redriveLookups(deps);
    if (Object.values(lookups).some((n) => n > 0)) logger.info('lookup redrive', lookups);
    for (const [outcome, n] of Object.entries(lookups)) counts[outcome as DeliveryOutcome] += n;
    countDeliveries(counts);
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} redrive attempts failed`);
    return counts;
  };
}
