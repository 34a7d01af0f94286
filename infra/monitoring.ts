// Alarms (to the alarm topic) and the dashboard: every function's errors and throttles, the dead-letter queues, the
// API's 5xx, our own delivery counts, SES reputation, the stream's lag and a sweeper that stops running.
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE } from '../functions/metric-names.js';
import type { RouterFunctions } from './function-builder.js';
import { constructIdOf } from './functions.js';
import type { StatefulStack } from './stateful-stack.js';

export interface Monitored {
  readonly stateful: StatefulStack;
  readonly stage: HttpStage;
  readonly functions: RouterFunctions;
  readonly triggerDlq: IQueue;
}

const period = Duration.minutes(5);

const visible = (queue: IQueue) =>
  queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' });

/** Our own counts (Powertools Metrics, functions/metrics.ts). */
const own = (metricName: string) =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE },
    period,
    statistic: 'Sum',
  });

/** Every series of a metric with per-value dimensions (product, level…), as CloudWatch's SEARCH finds them. */
const search = (metricName: string, dimensions: readonly string[]) =>
  new MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${dimensions.join(',')}} MetricName="${metricName}"', 'Sum', 300)`,
    label: metricName,
    period,
    usingMetrics: {},
  });

export function alarmsAndDashboard(stack: Stack, monitored: Monitored): void {
  const { stateful, stage, functions, triggerDlq } = monitored;
  const action = new SnsAction(stateful.alarmTopic);
  const alarm = (id: string, metric: IMetric, threshold: number, description: string) => {
    const created = new Alarm(stack, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    created.addAlarmAction(action);
    created.addOkAction(action);
    return created;
  };
  for (const [name, routerFunction] of Object.entries(functions)) {
    const f = routerFunction.fn;
    const id = constructIdOf(name);
    alarm(`${id}Errors`, f.metricErrors({ period }), 1, `${name}: invocations failed`);
    alarm(`${id}Throttles`, f.metricThrottles({ period }), 1, `${name}: invocations throttled`);
  }
  alarm('StreamDlqDepth', visible(stateful.streamDlq), 1, 'Stream records the notifier gave up on');
  alarm(
    'AsyncDlqDepth',
    visible(stateful.asyncDlq),
    1,
    'Scheduled or SES-event invocations that kept failing',
  );
  alarm('TriggerDlqDepth', visible(triggerDlq), 1, 'Events EventBridge could not deliver to a function');
  alarm('Api5xx', stage.metricServerError({ period, statistic: 'Sum' }), 1, 'The API answered 5xx');
  // A defect parks a mail at once, and needs a person.
  alarm(
    'NotificationDefects',
    own(METRIC.notificationDefect),
    1,
    'A notification could not be built or encoded and was parked: a defect to fix, not an outage',
  );
  alarm(
    'NotificationsParked',
    own(METRIC.notificationParked),
    1,
    'A notification was parked (SES refused its recipient, or it failed about a day): see the ticket history',
  );
  alarm(
    'MailConfigurationErrors',
    own(METRIC.mailConfiguration),
    1,
    'SES refuses because of the setup (identity not verified, sandbox, sending paused): mail waits until fixed',
  );
  // The account's reputation, which SES reviews at 5 % bounces or 0.1 % complaints (and may pause sending).
  const reputation = (metricName: string) =>
    new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
  alarm('SesBounceRate', reputation('Reputation.BounceRate'), 0.05, 'SES bounce rate at 5 % or more');
  alarm(
    'SesComplaintRate',
    reputation('Reputation.ComplaintRate'),
    0.001,
    'SES complaint rate at 0.1 % or more',
  );
  const iteratorAge = functions.notify.fn.metric('IteratorAge', { period, statistic: 'Maximum' });
  alarm('StreamIteratorAge', iteratorAge, 60_000, 'Notifications are more than a minute behind the table');
  // A sweeper that stops running escalates nothing, silently: alarm when it has not run for 5 minutes.
  new Alarm(stack, 'SweepNotRunning', {
    metric: functions.sweep.fn.metricInvocations({ period, statistic: 'Sum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.BREACHING,
    alarmDescription: 'sweep: the SLA sweeper did not run in the last 5 minutes',
  }).addAlarmAction(action);

  dashboard(stack, monitored, iteratorAge);
}

function dashboard(stack: Stack, monitored: Monitored, iteratorAge: IMetric): void {
  const { stateful, stage, triggerDlq } = monitored;
  const functions = Object.values(monitored.functions).map((f) => f.fn);
  new Dashboard(stack, 'Dashboard', {
    dashboardName: `ticket-router-${Stack.of(stack).stackName}`.slice(0, 255),
    widgets: [
      [
        new GraphWidget({
          title: 'API requests, 4xx, 5xx',
          left: [
            stage.metricCount({ period }),
            stage.metricClientError({ period }),
            stage.metricServerError({ period }),
          ],
        }),
        new GraphWidget({
          title: 'API latency (p90)',
          left: [stage.metricLatency({ period, statistic: 'p90' })],
        }),
      ],
      [
        new GraphWidget({ title: 'Function errors', left: functions.map((f) => f.metricErrors({ period })) }),
        new GraphWidget({
          title: 'Function duration (p90)',
          left: functions.map((f) => f.metricDuration({ period, statistic: 'p90' })),
        }),
      ],
      [
        new GraphWidget({ title: 'Notifier iterator age', left: [iteratorAge] }),
        new GraphWidget({
          title: 'Dead-letter queues',
          left: [visible(stateful.streamDlq), visible(stateful.asyncDlq), visible(triggerDlq)],
        }),
      ],
      [
        new GraphWidget({
          title: 'Notifications',
          left: [
            own(METRIC.notificationSent),
            own(METRIC.notificationRetry),
            own(METRIC.notificationParked),
            own(METRIC.notificationDefect),
            own(METRIC.mailConfiguration),
            own(METRIC.ackWithheld),
          ],
        }),
        new GraphWidget({
          title: 'Requests answered 503 (dependency unavailable)',
          left: [own(METRIC.unavailable)],
        }),
      ],
      [
        new GraphWidget({
          title: 'Tickets by product, queue and destination',
          left: [search(METRIC.ticketCreated, ['destination', 'product', 'queue', 'service'])],
        }),
        new GraphWidget({
          title: 'Escalations by level; SES bounces and complaints',
          left: [
            search(METRIC.escalated, ['level', 'service']),
            search(METRIC.mailEvent, ['service', 'type']),
          ],
        }),
      ],
      [
        new GraphWidget({
          title: 'Mail received, by outcome (recorded, refused, dropped) and reason',
          left: [search(METRIC.mailReceived, ['detail', 'outcome', 'service'])],
        }),
      ],
    ],
  });
}
