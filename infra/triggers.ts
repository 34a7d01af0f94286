// What invokes the functions besides the API: the SES configuration set whose deliveries, bounces and complaints
// reach EventBridge, and the EventBridge rules (the two every-minute schedules, those SES events) with their DLQ.
import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { DeployConfig } from './config.js';
import type { RouterFunctions } from './function-builder.js';

/**
 * The configuration set mail is sent through: its deliveries, bounces and complaints go to the default event bus.
 * Deliveries are the evidence that a PQRSA's answer reached the requester's server; until they are recorded, no rule
 * sends them to a function (the ses-events rule below matches bounces and complaints only).
 */
export function mailEvents(stack: Stack): ConfigurationSet {
  const configurationSet = new ConfigurationSet(stack, 'MailEvents', { reputationMetrics: true });
  // Its id predates deliveries: kept, so the destination is updated in place rather than replaced.
  configurationSet.addEventDestination('BouncesAndComplaints', {
    destination: EventDestination.eventBus(EventBus.fromEventBusName(stack, 'DefaultBus', 'default')),
    events: [EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
  });
  return configurationSet;
}

/** The rules that invoke the sweeper, the redrive and ses-events; returns their dead-letter queue. */
export function eventRules(
  stack: Stack,
  config: DeployConfig,
  functions: RouterFunctions,
  mailConfigurationSet: string,
): Queue {
  // EventBridge keeps events it could not deliver to a function here (it lives beside the rules that use it:
  // its queue policy names them).
  const triggerDlq = new Queue(stack, 'TriggerDlq', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: config.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  // Each target retries within a bounded age, then leaves the event in the DLQ.
  const invoke = (fn: IFunction, retryAttempts: number, maxEventAge: Duration) =>
    new LambdaFunction(fn, { retryAttempts, maxEventAge, deadLetterQueue: triggerDlq });
  new Rule(stack, 'RedriveEveryMinute', {
    description: 'Retries notifications whose next attempt is due',
    schedule: Schedule.rate(Duration.minutes(1)),
    targets: [invoke(functions.redrive.fn, 2, Duration.minutes(5))],
  });
  new Rule(stack, 'SweepEveryMinute', {
    description: 'The SLA sweeper: escalates overdue tickets and reminds PQRSA legal terms',
    schedule: Schedule.rate(Duration.minutes(1)),
    // A missed minute is caught by the next sweep; stale events would only pile up.
    targets: [invoke(functions.sweep.fn, 1, Duration.minutes(2))],
  });
  new Rule(stack, 'SesBouncesAndComplaints', {
    description:
      'Bounces, complaints and deliveries of the router configuration set (a PQRSA answer records its delivery)',
    eventPattern: {
      source: ['aws.ses'],
      detailType: ['Email Bounced', 'Email Complaint Received', 'Email Delivered'],
      detail: { mail: { tags: { 'ses:configuration-set': [mailConfigurationSet] } } },
    },
    targets: [invoke(functions['ses-events'].fn, 4, Duration.hours(2))],
  });
  return triggerDlq;
}
