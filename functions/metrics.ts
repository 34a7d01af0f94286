// Operational counts as CloudWatch embedded metrics (Powertools Metrics): low-cardinality names and the default
// `service` dimension only, never personal data. The CDK stack alarms on some of them by the same names.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const METRICS_NAMESPACE = 'TicketRouter';
export const METRICS_SERVICE = 'ticket-router';

export const METRIC = {
  /** A request answered 503: a dependency (DynamoDB) unreachable, timing out or throttling. */
  unavailable: 'DependencyUnavailable',
  /** A notification parked because of a defect on our side (a message that could not be built or encoded). */
  notificationDefect: 'NotificationDefects',
  /** A notification parked after a permanent rejection or too many failures. */
  notificationParked: 'NotificationsParked',
  notificationSent: 'NotificationsSent',
  notificationRetry: 'NotificationRetriesScheduled',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/** Adds `n` to a count and writes it out at once (one EMF line), so no invocation path can forget to flush. */
export function count(name: MetricName, n = 1): void {
  if (n <= 0) return;
  metrics.addMetric(name, MetricUnit.Count, n);
  metrics.publishStoredMetrics();
}
