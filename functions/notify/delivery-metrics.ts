// What delivery attempts came to, as metrics (and an ERROR line per defect, which the defect alarm also watches).
import type { DeliveryOutcome } from '#domain/notify/deliver.js';
import { logger } from '../logger.js';
import { count, METRIC, type MetricName } from '../metrics.js';

const METRIC_OF: Partial<Record<DeliveryOutcome, MetricName>> = {
  sent: METRIC.notificationSent,
  'retry-scheduled': METRIC.notificationRetry,
  misconfigured: METRIC.mailConfiguration,
  parked: METRIC.notificationParked,
  defect: METRIC.notificationDefect,
  withheld: METRIC.ackWithheld,
};

/** Counts what a batch of deliveries came to, by outcome (`tally`), with an ERROR line when any was a defect. */
export function countDeliveries(
  tally: Readonly<Partial<Record<DeliveryOutcome, number>>>,
  ticketId?: string,
): void {
  for (const [outcome, n] of Object.entries(tally)) {
    const name = METRIC_OF[outcome as DeliveryOutcome];
    if (name && n) count(name, n);
  }
  if (tally.defect) logger.error('notification parked: defect', { ticketId, defects: tally.defect });
}

/** How many of each outcome a list holds. */
export function tallyOf(outcomes: Iterable<DeliveryOutcome>): Partial<Record<DeliveryOutcome, number>> {
  const tally: Partial<Record<DeliveryOutcome, number>> = {};
  for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
  return tally;
}
