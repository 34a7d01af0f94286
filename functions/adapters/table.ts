// The single-table design: item keys, indexes and the TTL attribute, shared by the repository, the local twin's
// table setup and the CDK stack so the three never disagree. docs/records.md explains it, with what each write costs.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { QUEUES, type Queue } from '#domain/catalog.js';
import { formatRadicado, parseRadicado } from '#domain/radicado.js';
import type { Instant } from '#domain/time/instant.js';

/** Digits of a ticket's sort key: the register's consecutive, zero-padded so the partition sorts by number. */
const SEQUENCE_DIGITS = 10;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /**
   * Open tickets under DUE#<product>#<queue> by their next deadline (NOTHING_DUE when none is left); resolved ones
   * move to CLOSED#<product> until their erasure. It carries the requester's hashed e-mail (`rh`), so a requester's
   * tickets are found here too, and what a queue page lists (the summary, status, level and next deadline), so the
   * staff console reads a queue in one Query without fetching each ticket.
   */
  byDueTime: {
    name: 'byDueTime',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    sortKeyType: 'N',
    nonKeyAttributes: ['rh', 'summary', 'status', 'escalationLevel', 'dueAt'],
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
  /**
   * Every PQRSA (sparse: the pqrsa queue's tickets only) under PQRSA#<Bogotá month of receipt> by when it was received,
   * forever: the erasure keeps it there (anonymised), since the compliance report counts it. The report reads a month
   * in one Query, with what it needs projected: the summary (its dates and flags), status, level, next deadline.
   */
  byMonth: {
    name: 'byMonth',
    partitionKey: 'gsi4pk',
    sortKey: 'gsi4sk',
    sortKeyType: 'N',
    nonKeyAttributes: ['summary', 'status', 'escalationLevel', 'dueAt'],
  },
} as const;

export const INDEXES = [TABLE.byDueTime, TABLE.byRetry, TABLE.byMonth] as const;

/** How a table's indexes are defined: as this version defines them, or with byDueTime as a table kept from before. */
export interface IndexOptions {
  /**
   * byDueTime as a table deployed before the staff console defines it: keys and `rh` only. DynamoDB cannot change an
   * index's projection in place, so such a table keeps it (deploy setting `legacyQueueIndex`), and the queue page
   * reads each listed ticket by key for what the index does not carry (staff-queries.ts).
   */
  readonly legacyQueueIndex?: boolean;
}

/** The indexes to define, with their projections. */
export function indexesFor(options: IndexOptions = {}): readonly {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly sortKeyType: 'N';
  readonly nonKeyAttributes: readonly string[];
}[] {
  return INDEXES.map((index) =>
    index === TABLE.byDueTime && options.legacyQueueIndex ? { ...index, nonKeyAttributes: ['rh'] } : index,
  );
}

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

function duePartition(product: string, queue: Queue): string {
  return `DUE#${product}#${queue}`;
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
  /** A used single-use link (a staff e-mail's action, a sign-in link), kept until it would have expired. */
  linkUse: (nonce: string) => ({ pk: `LINK#${nonce}`, sk: 'LINK' }),
  /** Open tickets of one product queue (the staff console's queue page, and the sweeper's per queue). */
  duePartition,
  /** Every open-ticket partition of a product, one per queue. */
  duePartitions: (product: string) => QUEUES.map((queue) => duePartition(product, queue)),
  /** PQRSA received in a Bogotá month (`YYYY-MM`). */
  monthPartition: (month: string) => `PQRSA#${month}`,
  /** Closed tickets of a product by when they closed, until their personal data is erased (retention). */
  closedPartition: (product: string) => `CLOSED#${product}`,
  retryPartition: 'OUTBOX',
  /** Lost-link lookups waiting for a retry (or whose sender's lease ends), in the same index. */
  lookupRetryPartition: 'OUTBOX#LOOKUP',
} as const;

/** The table as CreateTable takes it (the twin and tests); the CDK stack declares the same keys and indexes. */
export function tableDefinition(tableName: string, options: IndexOptions = {}): CreateTableCommandInput {
  const indexes = indexesFor(options);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      ...indexes.flatMap((index) => [
        { AttributeName: index.partitionKey, AttributeType: 'S' as const },
        { AttributeName: index.sortKey, AttributeType: index.sortKeyType },
      ]),
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
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

/**
 * The record that a signed single-use link (a mail's action link, a sign-in link) was used, written with a condition
 * that it is new: kept a day past the link's expiry, after which the link is refused as expired anyway. `about` names
 * what it was used for (the ticket, or the purpose).
 */
export function linkUseItem(
  linkUse: { readonly id: string; readonly expiresAt: Instant },
  usedAt: Instant,
  about: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...keys.linkUse(linkUse.id),
    entity: 'link-use',
    ...about,
    usedAt,
    [TABLE.ttlAttribute]: Math.ceil(linkUse.expiresAt / 1000) + 86_400,
  };
}
