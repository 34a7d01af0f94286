// The single-table design: item keys, indexes and the TTL attribute, shared by the repository, the local twin's
// table setup and the CDK stack so the three never disagree. The README's "Records" section explains it.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** A requester's tickets by e-mail (hashed): gsi1pk = REQUESTER#<sha256>, gsi1sk = receivedAt#id. */
  byRequester: { name: 'byRequester', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /**
   * Work by due time (sparse: only items with something due): open tickets under DUE#<product> keyed by their next
   * deadline, and pending notifications under OUTBOX keyed by their next attempt.
   */
  byDueTime: { name: 'byDueTime', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const;

export const keys = {
  ticket: (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' }),
  history: (id: string, at: number, suffix: string) => ({
    pk: `TICKET#${id}`,
    sk: `HIST#${String(at).padStart(15, '0')}#${suffix}`,
  }),
  notification: (ticketId: string, id: string) => ({ pk: `TICKET#${ticketId}`, sk: `NOTIF#${id}` }),
  counter: (prefix: string, year: number) => ({ pk: `COUNTER#${prefix}#${year}`, sk: 'COUNTER' }),
  idempotency: (keyHash: string) => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: 'IDEMPOTENCY' }),
  lookup: (id: string) => ({ pk: `LOOKUP#${id}`, sk: 'LOOKUP' }),
  lookupRate: (emailHash: string, window: number) => ({
    pk: `RATE#LOOKUP#${emailHash}#${window}`,
    sk: 'RATE',
  }),
  /** A used single-use action link (acknowledge/resolve from a staff e-mail), kept until it would have expired. */
  linkUse: (nonce: string) => ({ pk: `LINK#${nonce}`, sk: 'LINK' }),
  requesterPartition: (emailHash: string) => `REQUESTER#${emailHash}`,
  duePartition: (product: string) => `DUE#${product}`,
  outboxPartition: 'OUTBOX',
} as const;

/** The table as CreateTable takes it (the twin and tests); the CDK stack declares the same keys and indexes. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      { AttributeName: TABLE.byRequester.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.byRequester.sortKey, AttributeType: 'S' },
      { AttributeName: TABLE.byDueTime.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.byDueTime.sortKey, AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [TABLE.byRequester, TABLE.byDueTime].map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}
