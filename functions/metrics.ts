// Operational counts as CloudWatch embedded metrics (Powertools Metrics): low-cardinality names and the default
// `service` dimension only, never personal data. The CDK stack alarms on some of them by the same names.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, METRICS_SERVICE, type MetricName } from './metric-names.js';

export { METRIC, type MetricName } from './metric-names.js';

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/** A count with its own low-cardinality dimensions (product, queue, level…), written out at once. */
export function countBy(name: MetricName, dimensions: Readonly<Record<string, string>>, n = 1): void {
  if (n <= 0) return;
  const single = metrics.singleMetric();
  single.addDimensions({ ...dimensions });
  single.addMetric(name, MetricUnit.Count, n);
}

/** Adds `n` to a count and writes it out at once (one EMF line), so no invocation path can forget to flush. */
export function count(name: MetricName, n = 1): void {
  if (n <= 0) return;
  metrics.addMetric(name, MetricUnit.Count, n);
  metrics.publishStoredMetrics();
}
