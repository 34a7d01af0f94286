// DynamoDB adapter of the TicketRepository and NotificationOutbox ports (single table, see table.ts).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  type DynamoDBServiceException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { UnavailableError } from '#domain/errors.js';
import type { Transition } from '#domain/escalation/policy.js';
import { LOOKUP_LIMIT, type LookupRequest } from '#domain/intake/lookup.js';
import { DELIVERY, type NotificationRecord, type PlannedNotification } from '#domain/notifications.js';
import type {
  IdempotencyClaim,
  IdempotencyRequest,
  LookupQueue,
  NewTicket,
  NotificationOutbox,
  TicketRepository,
} from '#domain/ports.js';
import { formatRadicado } from '#domain/radicado.js';
import type { HistoryEntry, Locale, Ticket, TicketRecord } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { keys, TABLE } from './table.js';

/** How long an in-flight Idempotency-Key stays locked if its request dies without releasing it. */
const IDEMPOTENCY_LOCK_MS = 30_000;
/** How long a completed Idempotency-Key replays its ticket. */
const IDEMPOTENCY_TTL_S = 24 * 60 * 60;

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

export interface StoreOptions {
  /** Attempts at the radicado register under contention before answering 503. */
  readonly maxAttempts?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

type Item = Record<string, unknown>;

export class DynamoStore implements TicketRepository, NotificationOutbox, LookupQueue {
  private readonly maxAttempts: number;
  private readonly random: () => number;
  /** The last radicado number this process saw committed, per register (saves a read per ticket). */
  private readonly lastNumber = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    options: StoreOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 60;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  // ── Idempotency ────────────────────────────────────────────────────────────────────────────────────────────

  async claimIdempotencyKey(request: IdempotencyRequest, at: Instant): Promise<IdempotencyClaim> {
    const lockId = randomUUID();
    const key = keys.idempotency(sha256(request.key));
    try {
      await this.call(() =>
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: {
              ...key,
              state: 'in-flight',
              fingerprint: request.fingerprint,
              lockId,
              lockedUntil: at + IDEMPOTENCY_LOCK_MS,
              createdAt: at,
              [TABLE.ttlAttribute]: Math.floor(at / 1000) + IDEMPOTENCY_TTL_S,
            },
            // New, expired (TTL deletion lags), or abandoned by a request that died holding it.
            ConditionExpression:
              'attribute_not_exists(pk) OR #ttl < :nowS OR (#state = :inFlight AND lockedUntil < :now AND fingerprint = :fp)',
            ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute, '#state': 'state' },
            ExpressionAttributeValues: {
              ':nowS': Math.floor(at / 1000),
              ':now': at,
              ':inFlight': 'in-flight',
              ':fp': request.fingerprint,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return { state: 'claimed', lockId };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = error.Item
        ? unmarshall(error.Item)
        : (
            await this.call(() =>
              this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true })),
            )
          ).Item;
      if (!existing) return this.claimIdempotencyKey(request, at);
      if (existing.fingerprint !== request.fingerprint) return { state: 'mismatch' };
      if (existing.state === 'completed') return { state: 'completed', ticketId: String(existing.ticketId) };
      const wait = Math.ceil((Number(existing.lockedUntil) - at) / 1000);
      return { state: 'in-flight', retryAfterSeconds: Math.max(1, wait) };
    }
  }

  async releaseIdempotencyKey(request: IdempotencyRequest, lockId: string): Promise<void> {
    try {
      await this.call(() =>
        this.db.send(
          new DeleteCommand({
            TableName: this.table,
            Key: keys.idempotency(sha256(request.key)),
            ConditionExpression: '#state = :inFlight AND lockId = :lockId',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':inFlight': 'in-flight', ':lockId': lockId },
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  // ── Tickets ────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * One transaction per ticket: counter + ticket + history + outbox (+ idempotency). The counter only moves with a
   * ticket, so the register has no gaps. Within this process, creates for one register take turns (no point racing
   * ourselves); across processes, the counter's condition decides, and a loser learns the current value from the
   * cancellation (ALL_OLD) and tries the next number at once.
   */
  async create(ticket: NewTicket): Promise<Ticket> {
    const register = `${ticket.register.prefix}#${ticket.register.year}`;
    return this.exclusive(register, () => this.createInRegister(ticket, register));
  }

  private async createInRegister(
    { draft, register, history, notifications, idempotency }: NewTicket,
    registerKey: string,
  ): Promise<Ticket> {
    const counterKey = keys.counter(register.prefix, register.year);
    let previous = this.lastNumber.get(registerKey) ?? (await this.readCounter(counterKey));
    for (let attempt = 0; ; attempt++) {
      const ticket: Ticket = { ...draft, id: formatRadicado(register.prefix, register.year, previous + 1) };
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Update: {
            TableName: this.table,
            Key: counterKey,
            UpdateExpression: 'SET #last = :next, updatedAt = :at',
            ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : '#last = :previous',
            ExpressionAttributeNames: { '#last': 'last' },
            ExpressionAttributeValues: {
              ':next': previous + 1,
              ':at': draft.receivedAt,
              ...(previous === 0 ? {} : { ':previous': previous }),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: ticketItem(ticket),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: this.table, Item: historyItem(ticket.id, history) } },
        ...notifications.map((n) => ({
          Put: {
            TableName: this.table,
            Item: notificationItem(pendingNotification(ticket.id, n, draft.receivedAt)),
          },
        })),
      ];
      if (idempotency) {
        items.push({
          Update: {
            TableName: this.table,
            Key: keys.idempotency(sha256(idempotency.key)),
            UpdateExpression: 'SET #state = :completed, ticketId = :id REMOVE lockedUntil',
            ConditionExpression: '#state = :inFlight AND lockId = :lockId',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':completed': 'completed',
              ':inFlight': 'in-flight',
              ':id': ticket.id,
              ':lockId': idempotency.lockId,
            },
          },
        });
      }
      try {
        // One token per attempt: an SDK-level retry of a transaction that did commit is answered, not replayed.
        await this.db.send(
          new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }),
        );
        this.lastNumber.set(registerKey, previous + 1);
        return ticket;
      } catch (error) {
        this.lastNumber.delete(registerKey);
        const outcome = this.classifyCancellation(error, idempotency ? items.length - 1 : -1);
        if (outcome.kind === 'fatal') throw translate(error);
        if (attempt + 1 >= this.maxAttempts)
          throw new UnavailableError('the radicado register is busy', 1, error);
        if (outcome.kind === 'counter-moved') {
          previous = outcome.current;
        } else {
          await this.sleep(this.backoff(attempt));
          previous = await this.readCounter(counterKey);
        }
      }
    }
  }

  private async readCounter(key: { pk: string; sk: string }): Promise<number> {
    const counter = await this.call(() =>
      this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true })),
    );
    return Number(counter.Item?.last ?? 0);
  }

  /** Runs `work` after every earlier call for the same key has finished (a per-key queue in this process). */
  private async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.queues.set(key, tail);
    await before;
    try {
      return await work();
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  async get(id: string): Promise<TicketRecord | undefined> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.call(() =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.ticket(id).pk },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        ),
      );
      items.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
    const ticket = items.find((i) => i.sk === 'TICKET');
    if (!ticket) return undefined;
    const history = items
      .filter((i) => String(i.sk).startsWith('HIST#'))
      .map(toHistoryEntry)
      .sort((a, b) => a.at - b.at);
    return { ticket: toTicket(ticket), history };
  }

  async listByRequester(email: string, limit = 50): Promise<readonly Ticket[]> {
    const page = await this.call(() =>
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: TABLE.byRequester.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE.byRequester.partitionKey },
          ExpressionAttributeValues: { ':pk': keys.requesterPartition(sha256(email.trim().toLowerCase())) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return (page.Items ?? []).map((i) => toTicket(i as Item));
  }

  async listDue(product: string, at: Instant, limit = 100): Promise<readonly Ticket[]> {
    return (await this.queryDue(keys.duePartition(product), at, limit)).map(toTicket);
  }

  async appendHistory(ticketId: string, entry: HistoryEntry): Promise<void> {
    await this.call(() =>
      this.db.send(new PutCommand({ TableName: this.table, Item: historyItem(ticketId, entry) })),
    );
  }

  async linkUsed(nonce: string): Promise<boolean> {
    const { Item } = await this.call(() =>
      this.db.send(new GetCommand({ TableName: this.table, Key: keys.linkUse(nonce), ConsistentRead: true })),
    );
    return Item !== undefined;
  }

  async applyTransition(
    transition: Transition,
    expectedVersion: number,
    linkUse?: { readonly id: string; readonly expiresAt: Instant },
  ): Promise<'applied' | 'stale' | 'link-used'> {
    const { ticket, history, notifications } = transition;
    const now = history[0]?.at ?? Date.now();
    const due = dueIndexKeys(ticket);
    const set: Record<string, unknown> = {
      status: ticket.status,
      escalationLevel: ticket.escalationLevel,
      watch: ticket.watch,
      dueAt: ticket.dueAt,
      requesterEscalations: ticket.requesterEscalations,
      version: ticket.version,
      ...(ticket.acknowledgedAt === undefined ? {} : { acknowledgedAt: ticket.acknowledgedAt }),
      ...(ticket.resolvedAt === undefined ? {} : { resolvedAt: ticket.resolvedAt }),
      ...due,
    };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': expectedVersion, ':zero': 0 };
    const assignments = Object.entries(set).map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    names['#version'] = 'version';
    if (!due) {
      names['#gpk'] = TABLE.byDueTime.partitionKey;
      names['#gsk'] = TABLE.byDueTime.sortKey;
    }
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Update: {
          TableName: this.table,
          Key: keys.ticket(ticket.id),
          UpdateExpression: `SET ${assignments.join(', ')}${due ? '' : ' REMOVE #gpk, #gsk'}`,
          // Items written before versions existed count as version 0.
          ConditionExpression:
            'attribute_exists(pk) AND (#version = :expected OR (attribute_not_exists(#version) AND :expected = :zero))',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      ...history.map((entry) => ({ Put: { TableName: this.table, Item: historyItem(ticket.id, entry) } })),
      ...notifications.map((n) => ({
        Put: {
          TableName: this.table,
          Item: notificationItem(pendingNotification(ticket.id, n, now)),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
    ];
    if (linkUse) {
      items.push({
        Put: {
          TableName: this.table,
          Item: {
            ...keys.linkUse(linkUse.id),
            entity: 'link-use',
            ticketId: ticket.id,
            usedAt: now,
            [TABLE.ttlAttribute]: Math.ceil(linkUse.expiresAt / 1000) + 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.transact(items);
        return 'applied';
      } catch (error) {
        const reasons =
          error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        if (linkUse && reasons.at(-1)?.Code === 'ConditionalCheckFailed') return 'link-used';
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return 'stale';
        // Two writers on one ticket at once: retry, and the loser then finds the version moved.
        if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < this.maxAttempts) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw error;
      }
    }
  }

  async flagRequesterBounce(ticketId: string, entry: HistoryEntry): Promise<void> {
    await this.transact([
      {
        Update: {
          TableName: this.table,
          Key: keys.ticket(ticketId),
          UpdateExpression: 'SET requesterEmailBounced = :yes',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':yes': true },
        },
      },
      { Put: { TableName: this.table, Item: historyItem(ticketId, entry) } },
    ]);
  }

  // ── Outbox ─────────────────────────────────────────────────────────────────────────────────────────────────

  async claim(ticketId: string, id: string, at: Instant): Promise<NotificationRecord | undefined> {
    const leaseUntil = at + DELIVERY.leaseMs;
    try {
      const result = await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.notification(ticketId, id),
            // A due pending notification, or one whose sender died holding the lease.
            UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, #due = :lease',
            ConditionExpression:
              '(#status = :pending AND nextAttemptAt <= :now) OR (#status = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status', '#due': TABLE.byDueTime.sortKey },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':pending': 'pending',
              ':now': at,
              ':lease': leaseUntil,
            },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return result.Attributes ? toNotification(result.Attributes as Item) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async markSent(
    ticketId: string,
    id: string,
    at: Instant,
    messageId: string,
    entry: HistoryEntry,
  ): Promise<void> {
    await this.transact([
      {
        Update: {
          TableName: this.table,
          Key: keys.notification(ticketId, id),
          UpdateExpression:
            'SET #status = :sent, sentAt = :at, messageId = :mid REMOVE leaseUntil, #duePk, #due',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#duePk': TABLE.byDueTime.partitionKey,
            '#due': TABLE.byDueTime.sortKey,
          },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':at': at, ':mid': messageId },
        },
      },
      { Put: { TableName: this.table, Item: historyItem(ticketId, entry) } },
    ]);
  }

  async markFailed(
    ticketId: string,
    id: string,
    failure: { readonly at: Instant; readonly error: string; readonly nextAttemptAt: Instant | null },
    entry?: HistoryEntry,
  ): Promise<void> {
    const parked = failure.nextAttemptAt === null;
    await this.transact([
      {
        Update: {
          TableName: this.table,
          Key: keys.notification(ticketId, id),
          UpdateExpression: parked
            ? 'SET #status = :parked, lastError = :error, failedAt = :at, nextAttemptAt = :none ADD attempts :one REMOVE leaseUntil, #duePk, #due'
            : 'SET #status = :pending, lastError = :error, failedAt = :at, nextAttemptAt = :next, #due = :next ADD attempts :one REMOVE leaseUntil',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#due': TABLE.byDueTime.sortKey,
            ...(parked ? { '#duePk': TABLE.byDueTime.partitionKey } : {}),
          },
          ExpressionAttributeValues: {
            ':error': failure.error.slice(0, 200),
            ':at': failure.at,
            ':one': 1,
            ...(parked
              ? { ':parked': 'parked', ':none': null }
              : { ':pending': 'pending', ':next': failure.nextAttemptAt }),
          },
        },
      },
      ...(entry ? [{ Put: { TableName: this.table, Item: historyItem(ticketId, entry) } }] : []),
    ]);
  }

  async listDueNotifications(at: Instant, limit = 100): Promise<readonly { ticketId: string; id: string }[]> {
    const items = await this.queryDue(keys.outboxPartition, at, limit);
    return items.map((i) => ({ ticketId: String(i.ticketId), id: String(i.id) }));
  }

  /** Every notification of a ticket (staff tooling and tests). */
  async notificationsOf(ticketId: string): Promise<readonly NotificationRecord[]> {
    const page = await this.call(() =>
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notif)',
          ExpressionAttributeValues: { ':pk': keys.ticket(ticketId).pk, ':notif': 'NOTIF#' },
          ConsistentRead: true,
        }),
      ),
    );
    return (page.Items ?? []).map((i) => toNotification(i as Item));
  }

  // ── Lost-link lookups ─────────────────────────────────────────────────────────────────────────────────────

  /** Counts the request in its address's hourly window and queues it, in one transaction, unless over the limit. */
  async enqueueLookup(request: {
    email: string;
    locale: Locale;
    at: Instant;
  }): Promise<'queued' | 'rate-limited'> {
    const window = Math.floor(request.at / LOOKUP_LIMIT.windowMs);
    const expiresAt = Math.floor(((window + 2) * LOOKUP_LIMIT.windowMs) / 1000);
    try {
      await this.transact([
        {
          Update: {
            TableName: this.table,
            Key: keys.lookupRate(sha256(request.email), window),
            UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(pk) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count', '#ttl': TABLE.ttlAttribute },
            ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt, ':limit': LOOKUP_LIMIT.perAddress },
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: {
              ...keys.lookup(randomUUID()),
              entity: 'lookup',
              email: request.email,
              locale: request.locale,
              status: 'pending',
              requestedAt: request.at,
              [TABLE.ttlAttribute]: Math.floor(request.at / 1000) + 86_400,
            },
          },
        },
      ]);
      return 'queued';
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'rate-limited';
      throw error;
    }
  }

  async claimLookup(id: string, at: Instant): Promise<LookupRequest | undefined> {
    try {
      const result = await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.lookup(id),
            UpdateExpression: 'SET #status = :sending, claimedAt = :at',
            ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :stale)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':pending': 'pending',
              ':at': at,
              ':stale': at - DELIVERY.leaseMs,
            },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      const item = result.Attributes;
      if (!item) return undefined;
      return {
        id,
        email: String(item.email),
        locale: item.locale === 'en' ? 'en' : 'es',
        requestedAt: Number(item.requestedAt),
      };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async completeLookup(id: string, at: Instant, outcome: 'sent' | 'nothing-to-send'): Promise<void> {
    await this.call(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.lookup(id),
          UpdateExpression: 'SET #status = :outcome, completedAt = :at',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':outcome': outcome, ':at': at },
        }),
      ),
    );
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Items of a `byDueTime` partition whose time is at or before `at`, earliest first. */
  private async queryDue(partition: string, at: Instant, limit: number): Promise<Item[]> {
    const page = await this.call(() =>
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: TABLE.byDueTime.name,
          KeyConditionExpression: '#pk = :pk AND #sk <= :at',
          ExpressionAttributeNames: { '#pk': TABLE.byDueTime.partitionKey, '#sk': TABLE.byDueTime.sortKey },
          ExpressionAttributeValues: { ':pk': partition, ':at': at },
          Limit: limit,
        }),
      ),
    );
    return (page.Items ?? []) as Item[];
  }

  /**
   * Why a ticket transaction failed: another writer took the number (and the counter's current value), a
   * transient conflict worth a retry after a backoff, or something a retry cannot fix (throttling included).
   */
  private classifyCancellation(
    error: unknown,
    idempotencyIndex: number,
  ): { kind: 'counter-moved'; current: number } | { kind: 'retry' } | { kind: 'fatal' } {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      if (idempotencyIndex >= 0 && reasons[idempotencyIndex]?.Code === 'ConditionalCheckFailed') {
        return { kind: 'fatal' };
      }
      const counter = reasons[0];
      if (counter?.Code === 'ConditionalCheckFailed') {
        const item = counter.Item ? unmarshall(counter.Item) : undefined;
        return { kind: 'counter-moved', current: Number(item?.last ?? 0) };
      }
      // Throttling is not retried here: the SDK already retried it, so it becomes a 503 with Retry-After.
      return reasons.some((r) => r.Code === 'TransactionConflict') ? { kind: 'retry' } : { kind: 'fatal' };
    }
    const name = (error as { name?: string } | undefined)?.name ?? '';
    const transient = name === 'TransactionConflictException' || name === 'TransactionInProgressException';
    return transient ? { kind: 'retry' } : { kind: 'fatal' };
  }

  /** Full jitter: a random wait up to an exponentially growing cap (10 ms doubling, at most 200 ms). */
  private backoff(attempt: number): number {
    return Math.floor(this.random() * Math.min(200, 10 * 2 ** attempt));
  }

  private async transact(items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<void> {
    await this.call(() =>
      this.db.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() })),
    );
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw translate(error);
    }
  }
}

/** Throttling becomes a domain UnavailableError (503 + Retry-After); everything else passes through. */
function translate(error: unknown): unknown {
  const name = (error as DynamoDBServiceException | undefined)?.name ?? '';
  if (THROTTLING.has(name)) return new UnavailableError('DynamoDB is throttling', 2, error);
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
    if (codes.includes('ThrottlingError') || codes.includes('ProvisionedThroughputExceeded')) {
      return new UnavailableError('DynamoDB is throttling', 2, error);
    }
  }
  return error;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The sparse byDueTime keys of an open ticket with a deadline to watch; undefined once there is none. */
function dueIndexKeys(ticket: Ticket): Item | undefined {
  if (ticket.status === 'resolved' || ticket.dueAt === null) return undefined;
  return {
    [TABLE.byDueTime.partitionKey]: keys.duePartition(ticket.product),
    [TABLE.byDueTime.sortKey]: ticket.dueAt,
  };
}

function ticketItem(ticket: Ticket): Item {
  return {
    ...keys.ticket(ticket.id),
    entity: 'ticket',
    ...ticket,
    [TABLE.byRequester.partitionKey]: keys.requesterPartition(
      sha256(ticket.requester.email.trim().toLowerCase()),
    ),
    [TABLE.byRequester.sortKey]: `${String(ticket.receivedAt).padStart(15, '0')}#${ticket.id}`,
    ...dueIndexKeys(ticket),
  };
}

function historyItem(ticketId: string, entry: HistoryEntry): Item {
  return {
    ...keys.history(ticketId, entry.at, `${entry.event}#${randomBytes(3).toString('hex')}`),
    entity: 'history',
    ticketId,
    ...entry,
  };
}

function pendingNotification(
  ticketId: string,
  planned: PlannedNotification,
  at: Instant,
): NotificationRecord {
  return {
    ticketId,
    id: planned.id,
    kind: planned.kind,
    ...(planned.level === undefined ? {} : { level: planned.level }),
    ...(planned.businessDaysLeft === undefined ? {} : { businessDaysLeft: planned.businessDaysLeft }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
  };
}

function notificationItem(record: NotificationRecord): Item {
  return {
    ...keys.notification(record.ticketId, record.id),
    entity: 'notification',
    ...record,
    [TABLE.byDueTime.partitionKey]: keys.outboxPartition,
    [TABLE.byDueTime.sortKey]: record.nextAttemptAt,
  };
}

const TICKET_FIELDS = [
  'id',
  'product',
  'type',
  'priority',
  'queue',
  'status',
  'escalationLevel',
  'subject',
  'description',
  'requester',
  'consent',
  'locale',
  'receivedAt',
  'routing',
  'dueAt',
] as const satisfies readonly (keyof Ticket)[];

function toTicket(item: Item): Ticket {
  const ticket = Object.fromEntries(TICKET_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as Ticket;
  const routing = ticket.routing;
  // Tickets recorded before the escalation lifecycle existed get the watch their routing implies.
  const watch = (item.watch as Ticket['watch'] | undefined) ?? {
    responseDueAt: ticket.status === 'received' ? routing.firstResponseDueAt : null,
    resolutionDueAt: ticket.status === 'resolved' ? null : routing.resolutionDueAt,
    reminders: [],
  };
  return {
    ...ticket,
    watch,
    requesterEscalations: (item.requesterEscalations as Ticket['requesterEscalations'] | undefined) ?? [],
    version: Number(item.version ?? 0),
    ...(typeof item.acknowledgedAt === 'number' ? { acknowledgedAt: item.acknowledgedAt } : {}),
    ...(typeof item.resolvedAt === 'number' ? { resolvedAt: item.resolvedAt } : {}),
    ...(item.requesterEmailBounced === true ? { requesterEmailBounced: true } : {}),
  };
}

function toHistoryEntry(item: Item): HistoryEntry {
  return {
    at: Number(item.at),
    event: item.event as HistoryEntry['event'],
    by: String(item.by),
    ...(typeof item.note === 'string' ? { note: item.note } : {}),
  };
}

export function toNotification(item: Item): NotificationRecord {
  return {
    ticketId: String(item.ticketId),
    id: String(item.id),
    kind: item.kind as NotificationRecord['kind'],
    ...(item.level === undefined
      ? {}
      : { level: Number(item.level) as NotificationRecord['level'] & number }),
    ...(item.businessDaysLeft === undefined ? {} : { businessDaysLeft: Number(item.businessDaysLeft) }),
    status: item.status as NotificationRecord['status'],
    attempts: Number(item.attempts ?? 0),
    nextAttemptAt:
      item.nextAttemptAt === null || item.nextAttemptAt === undefined ? null : Number(item.nextAttemptAt),
    ...(typeof item.lastError === 'string' ? { lastError: item.lastError } : {}),
    ...(typeof item.sentAt === 'number' ? { sentAt: item.sentAt } : {}),
    ...(typeof item.messageId === 'string' ? { messageId: item.messageId } : {}),
  };
}
