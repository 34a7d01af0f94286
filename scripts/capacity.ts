// Capacity units a DynamoDB client consumes, from ReturnConsumedCapacity (DynamoDB Local reports it too): the
// benchmark's figure per submission and the test that keeps it within budget read them the same way.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CapacityMeter {
  /** Write units consumed since the last reset (table and indexes). */
  readonly writes: number;
  /** Read units consumed since the last reset. */
  readonly reads: number;
  reset(): void;
}

/** Asks every call of `db` for its consumed capacity and adds it up, reads apart from writes. */
export function meterCapacity(db: DynamoDBDocumentClient): CapacityMeter {
  const meter = { writes: 0, reads: 0 };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
        (sum: number, c) => sum + ((c as { CapacityUnits?: number }).CapacityUnits ?? 0),
        0,
      );
      // The command tells reads from writes.
      if (/^(Get|Query|Scan|BatchGet|TransactGet)/.test(context.commandName ?? '')) meter.reads += units;
      else meter.writes += units;
      return result;
    },
    { step: 'initialize', name: 'consumedCapacity' },
  );
  return {
    get writes() {
      return meter.writes;
    },
    get reads() {
      return meter.reads;
    },
    reset() {
      meter.writes = 0;
      meter.reads = 0;
    },
  };
}
