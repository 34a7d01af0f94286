// Scheduled: retries the outbox's pending notifications whose next attempt is due (after a mail-service failure),
// so e-mails go out once the service recovers, each exactly once it is recorded as sent.
import { type DeliveryDeps, redriveNotifications } from '#domain/notify/deliver.js';
import { logger } from '../logger.js';

export function redriveHandler(deps: DeliveryDeps): () => Promise<{ readonly [outcome: string]: number }> {
  return async () => {
    const counts = await redriveNotifications(deps);
    if (Object.values(counts).some((n) => n > 0)) logger.info('outbox redrive', counts);
    return counts;
  };
}
