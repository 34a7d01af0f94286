// The single-table design: item keys, indexes and the TTL attribute, shared by the repository, the local twin's
// table setup and the CDK stack so the three never disagree. docs/records.md explains it, with what each write costs.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { formatRadicado, parseRadicado } from '#domain/radicado.js';

/** Digits of a ticket's sort key: the register's consecutive, zero-padded so the partition sorts by number. */
const SEQUENCE_DIGITS = 10;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /**
   * Open tickets under DUE#<product> by their next deadline (NOTHING_DUE when none is left); resolved tickets
   * leave it. It carries the requester's hashed e-mail (`rh`), so a requester's open tickets are found here too.
   */
  byDueTime: {
    name: 'byDueTime',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    sortKeyType: 'N',
    nonKeyAttributes: ['rh'],
  },
  /**
   * Tickets with anything undelivered (sparse), under OUTBOX by when the redrive should look again: from creation
   * until it finds nothing left. Lost-link lookups wait under OUTBOX#LOOKUP.
   */
  byRetry: {
    name: 'byRetry',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    sortKeyType: 'N',
    nonKeyAttributes: [],
  },
} as const;

export const INDEXES = [TABLE.byDueTime, TABLE.byRetry] as const;

/** The due time of an open ticket with no deadline left to watch: it stays findable, and is never due. */
export const NOTHING_DUE = Number.MAX_SAFE_INTEGER;

/** Where a radicado lives: its register's partition, and its number as the sort key. */
export function ticketKey(id: string): { pk: string; sk: string } {
  const parts = parseRadicado(id);
  if (!parts) throw new RangeError('not a radicado');
  return registerKey(parts.prefix, parts.year, parts.sequence);
}

function registerKey(prefix: string, year: number, sequence: number): { pk: string; sk: string } {
  return { pk: keys.registerPartition(prefix, year), sk: String(sequence).padStart(SEQUENCE_DIGITS, '0') };
}

/** The consecutive a register item's sort key starts with (a ticket's, or one of its history entries'). */
export function sequenceOf(sk: string): number {
  return Number(sk.slice(0, SEQUENCE_DIGITS));
}

/** The radicado of a ticket item (or of a history entry's ticket), from its keys. */
export function idOf(item: { readonly pk?: unknown; readonly sk?: unknown }): string {
  const [, prefix, year] = String(item.pk).split('#');
  return formatRadicado(String(prefix), Number(year), sequenceOf(String(item.sk)));
}

export const keys = {
  ticket: ticketKey,
  register: registerKey,
  registerPartition: (prefix: string, year: number) => `REG#${prefix}#${year}`,
  /** History entries sort right after their ticket (and its `#BODY` item), in the ticket's register partition. */
  history: (id: string, at: number, suffix: string) => {
    const { pk, sk } = ticketKey(id);
    return { pk, sk: `${sk}#H#${String(at).padStart(15, '0')}#${suffix}` };
  },
  idempotency: (keyHash: string) => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: 'IDEMPOTENCY' }),
  lookup: (id: string) => ({ pk: `LOOKUP#${id}`, sk: 'LOOKUP' }),
  lookupRate: (emailHash: string, window: number) => ({
    pk: `RATE#LOOKUP#${emailHash}#${window}`,
    sk: 'RATE',
  }),
  /** Acknowledgements mailed to one (hashed) address in one Bogotá clock hour; TTL. */
  ackRate: (emailHash: string, hour: string) => ({ pk: `RATE#ACK#${emailHash}#${hour}`, sk: 'RATE' }),
  /** A web-form serving token that made its ticket (single use), kept until it would have expired. */
  formTokenUse: (id: string) => ({ pk: `FORMTOKEN#${id}`, sk: 'FORMTOKEN' }),
  /** A used single-use action link (acknowledge/resolve from a staff e-mail), kept until it would have expired. */
  linkUse: (nonce: string) => ({ pk: `LINK#${nonce}`, sk: 'LINK' }),
  duePartition: (product: string) => `DUE#${product}`,
  /** Closed tickets of a product by when they closed, until their personal data is erased (retention). */
  closedPartition: (product: string) => `CLOSED#${product}`,
  retryPartition: 'OUTBOX',
  /** Lost-link lookups waiting for a retry (or whose sender's lease ends), in the same index. */
  lookupRetryPartition: 'OUTBOX#LOOKUP',
} as const;

/** The table as CreateTable takes it (the twin and tests); the CDK stack declares the same keys and indexes. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      ...INDEXES.flatMap((index) => [
        { AttributeName: index.partitionKey, AttributeType: 'S' as const },
        { AttributeName: index.sortKey, AttributeType: index.sortKeyType },
      ]),
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection:
        index.nonKeyAttributes.length > 0
          ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.nonKeyAttributes] }
          : { ProjectionType: 'KEYS_ONLY' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}
