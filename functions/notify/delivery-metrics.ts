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

export function countDeliveries(outcomes: readonly DeliveryOutcome[], ticketId?: string): void {
  const tally = new Map<MetricName, number>();
  for (const outcome of outcomes) {
    const name = METRIC_OF[outcome];
    if (name) tally.set(name, (tally.get(name) ?? 0) + 1);
  }
  for (const [name, n] of tally) count(name, n);
  const defects = outcomes.filter((o) => o === 'defect').length;
  if (defects > 0) logger.error('notification parked: defect', { ticketId, defects });
}
