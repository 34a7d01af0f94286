// What a Lambda event source mapping does with the table's stream, for the local twin: read each shard, hand
// batches to the consumer as a DynamoDBStreamEvent, and retry from the first record it reports as failed.
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DYNAMODB_TIMEOUTS, LOCAL_CREDENTIALS } from '#functions/adapters/clients.js';
import type { StreamHandler } from '#functions/notify/stream-handler.js';

export interface PollerOptions {
  readonly endpoint: string;
  readonly streamArn: string;
  readonly handler: StreamHandler;
  readonly intervalMs?: number;
  /** Retries of a failing batch before its records are dropped (in AWS: the on-failure destination). */
  readonly maxRetries?: number;
  readonly onError?: (error: unknown) => void;
}

export class StreamPoller {
  private readonly client: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string>();
  /** The last sequence number handed to the consumer, per shard: where to resume with a fresh iterator. */
  private readonly delivered = new Map<string, string>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: PollerOptions) {
    this.client = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
      // A call DynamoDB Local never answers fails, rather than holding the loop (and the twin's stop) for ever.
      requestHandler: DYNAMODB_TIMEOUTS,
    });
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.client.destroy();
  }

  private async run(): Promise<void> {
    let sinceDescribe = Number.POSITIVE_INFINITY;
    while (this.running) {
      try {
        if (sinceDescribe > 5_000 || this.iterators.size === 0) {
          await this.discoverShards();
          sinceDescribe = 0;
        }
        let busy = false;
        for (const [shardId, iterator] of [...this.iterators]) {
          if (!this.running) break;
          busy = (await this.pollShard(shardId, iterator)) || busy;
        }
        if (!busy) {
          const pause = this.options.intervalMs ?? 250;
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            setTimeout(resolve, pause);
          });
          sinceDescribe += pause;
        }
      } catch (error) {
        if (!this.running) break;
        this.options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async discoverShards(): Promise<void> {
    const { StreamDescription } = await this.client.send(
      new DescribeStreamCommand({ StreamArn: this.options.streamArn }),
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.iterators.has(shard.ShardId)) continue;
      await this.openShard(shard.ShardId);
    }
  }

  /**
   * A fresh iterator: after the last record delivered, or from the oldest record (nothing written while the
   * twin was down is missed; delivery is idempotent).
   */
  private async openShard(shardId: string): Promise<void> {
    const after = this.delivered.get(shardId);
    const { ShardIterator } = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    if (ShardIterator) this.iterators.set(shardId, ShardIterator);
    else this.iterators.delete(shardId);
  }

  /** Reads one batch from a shard and delivers it; true when there were records. */
  private async pollShard(shardId: string, iterator: string): Promise<boolean> {
    let answer: GetRecordsCommandOutput;
    try {
      answer = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    } catch (error) {
      // DynamoDB Local, with several tables streaming at once, can invalidate an idle iterator
      // (TrimmedDataAccessException); iterators also expire after 15 minutes. Reopen where we were.
      const name = (error as Error).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      await this.openShard(shardId);
      return true;
    }
    const { Records = [], NextShardIterator } = answer;
    if (NextShardIterator) this.iterators.set(shardId, NextShardIterator);
    else this.iterators.delete(shardId);
    if (Records.length === 0) return false;
    await this.deliver(Records.map((r) => this.toLambdaRecord(r)));
    const last = Records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) this.delivered.set(shardId, last);
    return true;
  }

  private async deliver(records: DynamoDBRecord[]): Promise<void> {
    let batch = records;
    for (let attempt = 0; batch.length > 0; attempt++) {
      const event: DynamoDBStreamEvent = { Records: batch };
      let failedFrom: string | undefined;
      try {
        const { batchItemFailures } = await this.options.handler(event);
        failedFrom = batchItemFailures[0]?.itemIdentifier;
      } catch (error) {
        this.options.onError?.(error);
        failedFrom = batch[0]?.dynamodb?.SequenceNumber;
      }
      if (failedFrom === undefined) return;
      // Stopping: leave the rest for the next start, which reads the stream again (delivery is idempotent).
      if (!this.running) return;
      if (attempt >= (this.options.maxRetries ?? 3)) {
        this.options.onError?.(
          new Error(`dropped ${batch.length} stream record(s) after ${attempt} retries`),
        );
        return;
      }
      // Like the event source mapping: resume from the first failed record.
      const index = batch.findIndex((r) => r.dynamodb?.SequenceNumber === failedFrom);
      batch = index < 0 ? batch : batch.slice(index);
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      if (!this.running) return;
    }
  }

  private toLambdaRecord(record: StreamRecord): DynamoDBRecord {
    const d = record.dynamodb;
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: record.awsRegion ?? 'local',
      eventSourceARN: this.options.streamArn,
      dynamodb: {
        ...(d?.ApproximateCreationDateTime
          ? { ApproximateCreationDateTime: d.ApproximateCreationDateTime.getTime() / 1000 }
          : {}),
        Keys: d?.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
        ...(d?.NewImage
          ? { NewImage: d.NewImage as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] }
          : {}),
        ...(d?.OldImage
          ? { OldImage: d.OldImage as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'] }
          : {}),
        SequenceNumber: d?.SequenceNumber,
        SizeBytes: d?.SizeBytes,
        StreamViewType: d?.StreamViewType,
      } as NonNullable<DynamoDBRecord['dynamodb']>,
    } as DynamoDBRecord;
  }
}
