// Scheduled every minute: retries the outbox's notifications whose next attempt is due (after a mail-service
// failure), so e-mails go out once the service recovers, each exactly once it is recorded as sent. Every
// `rescueEveryMinutes` it also sends first attempts the stream never made (it gave up on a record). Lost-link
// lookups whose retry is due (or whose sender died holding them) go the same way.
import { type LookupDeliveryDeps, redriveLookups } from '#domain/intake/lookup.js';
import {
  type DeliveryDeps,
  type DeliveryOutcome,
  redriveNotifications,
  rescueUntried,
} from '#domain/notify/deliver.js';
import { logger } from '../logger.js';
import { countDeliveries } from './delivery-metrics.js';

export function redriveHandler(
  deps: DeliveryDeps & LookupDeliveryDeps,
  options: { readonly rescueEveryMinutes?: number } = {},
): () => Promise<{ readonly [outcome: string]: number }> {
  const every = options.rescueEveryMinutes ?? 15;
  return async () => {
    const counts = await redriveNotifications(deps);
    if (Object.values(counts).some((n) => n > 0)) logger.info('outbox redrive', counts);
    if (Math.floor(deps.clock.now() / 60_000) % every === 0) {
      const rescued = await rescueUntried(deps, deps.products);
      if (Object.values(rescued).some((n) => n > 0)) logger.warn('untried notifications rescued', rescued);
      for (const [outcome, n] of Object.entries(rescued)) counts[outcome as keyof typeof counts] += n;
    }
    const { 'nothing-to-send': _, ...lookups } = await redriveLookups(deps);
    if (Object.values(lookups).some((n) => n > 0)) logger.info('lookup redrive', lookups);
    for (const [outcome, n] of Object.entries(lookups)) counts[outcome as DeliveryOutcome] += n;
    countDeliveries(counts);
    return counts;
  };
}
