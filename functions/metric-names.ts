// The names of our CloudWatch metrics, shared by the functions that emit them and the CDK stack that alarms on
// them (kept apart from Powertools, so the CDK app does not load it).
export const METRICS_NAMESPACE = 'TicketRouter';
export const METRICS_SERVICE = 'ticket-router';

export const METRIC = {
  /** A ticket recorded (dimensions product, queue, destination). */
  ticketCreated: 'TicketsCreated',
  /** A ticket escalated by the sweeper (dimension level: the level reached). */
  escalated: 'Escalations',
  /** An SES bounce or complaint recorded (dimension type). */
  mailEvent: 'MailEvents',
  /** A request answered 503: a dependency (DynamoDB) unreachable, timing out or throttling. */
  unavailable: 'DependencyUnavailable',
  /** A notification parked because of a defect on our side (a message that could not be built or encoded). */
  notificationDefect: 'NotificationDefects',
  /** A notification parked after a permanent rejection or too many failures. */
  notificationParked: 'NotificationsParked',
  notificationSent: 'NotificationsSent',
  notificationRetry: 'NotificationRetriesScheduled',
  /** The mail service refused because of the account's setup (unverified identity, sandbox, paused): alarmed. */
  mailConfiguration: 'MailConfigurationErrors',
  /** An acknowledgement not sent: its address had its hourly share (ACK_LIMIT_PER_HOUR) already. */
  ackWithheld: 'AcknowledgementsWithheld',
  /** A received mail (dimension outcome: recorded, refused, dropped; and as or why). */
  mailReceived: 'MailsReceived',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];
