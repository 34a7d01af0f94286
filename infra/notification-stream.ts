// The notifier reads tickets' outboxes from the table's stream: partial batch failures, bisection, bounded retries
// and a DLQ. A record it gives up on loses nothing: its ticket is in the retry index from creation, and the redrive
// sends what is due there (docs/delivery.md), so maxRecordAge is tied to nothing else.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

export function readNotificationStream(notify: NodejsFunction, table: ITable, streamDlq: IQueue): void {
  notify.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(1),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(streamDlq),
      filters: [
        // Tickets, new or changed (a transition may add notifications to the outbox).
        FilterCriteria.filter({
          eventName: FilterRule.or('INSERT', 'MODIFY'),
          dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('ticket') } } },
        }),
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { sk: { S: FilterRule.isEqual('LOOKUP') } } },
        }),
      ],
    }),
  );
}
