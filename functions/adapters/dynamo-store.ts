// DynamoDB adapter of the TicketRepository and NotificationOutbox ports (single table, see table.ts).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { UnavailableError } from '#domain/errors.js';
import type { Transition } from '#domain/escalation/policy.js';
import { LOOKUP_LIMIT, type LookupRequest } from '#domain/intake/lookup.js';
import {
  DELIVERY,
  deliveredEntry,
  envelopeFor,
  type NotificationRecord,
  type PlannedNotification,
} from '#domain/notifications.js';
import type {
  CreateOutcome,
  Failure,
  IdempotencyCheck,
  IdempotencyRequest,
  LookupQueue,
  NewTicket,
  NotificationOutbox,
  TicketRepository,
} from '#domain/ports.js';
import { formatRadicado, parseRadicado } from '#domain/radicado.js';
import { truncateText } from '#domain/text.js';
import type { HistoryEntry, Locale, Ticket, TicketRecord } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { translate } from './dynamo-errors.js';
import { queryAll } from './query.js';
import { idOf, keys, NOTHING_DUE, sequenceOf, TABLE } from './table.js';
import { packBody, type TicketBody, unpackBody } from './ticket-body.js';

/** How long an Idempotency-Key replays its ticket. */
const IDEMPOTENCY_TTL_S = 24 * 60 * 60;

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

  /** The document client, for adapters of other ports on the same table (one connection pool per process). */
  get client(): DynamoDBDocumentClient {
    return this.db;
  }

  // ── Idempotency ────────────────────────────────────────────────────────────────────────────────────────────

  async checkIdempotencyKey(request: IdempotencyRequest, at: Instant): Promise<IdempotencyCheck> {
    const { Item } = await this.call(() =>
      this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: keys.idempotency(sha256(request.key)),
          ConsistentRead: true,
        }),
      ),
    );
    return idempotencyState(Item, request, at);
  }

  // ── Tickets ────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * One transaction per ticket: the ticket (with its first history entry and its outbox) and the idempotency record.
   * The register is the ticket partition itself: a number is taken only if its item does not exist yet, and the
   * next number is one past the last ticket seen, so the register has no gaps. Within this process, creates for
   * one register take turns (no point racing ourselves); across processes, the loser tries the next number at once.
   */
  async create(ticket: NewTicket): Promise<CreateOutcome> {
    const register = keys.registerPartition(ticket.register.prefix, ticket.register.year);
    return this.exclusive(register, () => this.createInRegister(ticket, register));
  }

  private async createInRegister(
    { draft, register, history, notifications, idempotency, formToken }: NewTicket,
    partition: string,
  ): Promise<CreateOutcome> {
    let previous = this.lastNumber.get(partition) ?? (await this.lastInRegister(partition));
    for (let attempt = 0; ; attempt++) {
      const ticket: Ticket = { ...draft, id: formatRadicado(register.prefix, register.year, previous + 1) };
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Put: {
            TableName: this.table,
            Item: ticketItem(ticket, history, notifications),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
      if (idempotency) {
        const nowS = Math.floor(draft.receivedAt / 1000);
        items.push({
          Put: {
            TableName: this.table,
            Item: {
              ...keys.idempotency(sha256(idempotency.key)),
              fingerprint: idempotency.fingerprint,
              ticketId: ticket.id,
              [TABLE.ttlAttribute]: nowS + IDEMPOTENCY_TTL_S,
            },
            // New, or expired (TTL deletion lags).
            ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :nowS',
            ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute },
            ExpressionAttributeValues: { ':nowS': nowS },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        });
      }
      if (formToken) {
        items.push({
          Put: {
            TableName: this.table,
            Item: {
              ...keys.formTokenUse(formToken.id),
              entity: 'form-token-use',
              ticketId: ticket.id,
              [TABLE.ttlAttribute]: Math.ceil(formToken.expiresAt / 1000) + 3_600,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      try {
        // One token per attempt: an SDK-level retry of a transaction that did commit is answered, not replayed.
        await this.db.send(
          new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }),
        );
        this.lastNumber.set(partition, previous + 1);
        return { state: 'created', ticket };
      } catch (error) {
        this.lastNumber.delete(partition);
        const reasons =
          error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        const key = reasons[1];
        if (idempotency && key?.Code === 'ConditionalCheckFailed') {
          const taken = idempotencyState(
            key.Item ? unmarshall(key.Item) : undefined,
            idempotency,
            draft.receivedAt,
          );
          if (taken.state !== 'new') return taken;
        }
        // A served form makes one ticket: its token's use is the transaction's last item.
        if (formToken && reasons.at(-1)?.Code === 'ConditionalCheckFailed')
          return { state: 'form-token-used' };
        const numberTaken = reasons[0]?.Code === 'ConditionalCheckFailed';
        const conflict =
          reasons.some((r) => r.Code === 'TransactionConflict') ||
          ['TransactionConflictException', 'TransactionInProgressException'].includes(
            (error as { name?: string } | undefined)?.name ?? '',
          );
        // Throttling is not retried here: the SDK already retried it, so it becomes a 503 with Retry-After.
        if (!numberTaken && !conflict) throw translate(error);
        if (attempt + 1 >= this.maxAttempts)
          throw new UnavailableError('the radicado register is busy', 1, error);
        if (numberTaken && attempt < 3) {
          previous += 1;
        } else {
          await this.sleep(this.backoff(attempt));
          previous = await this.lastInRegister(partition);
        }
      }
    }
  }

  /** The last number taken in a register: its partition's highest sort key (a ticket's or its history's). */
  private async lastInRegister(partition: string): Promise<number> {
    const page = await this.call(() =>
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ProjectionExpression: 'sk',
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
    );
    const last = page.Items?.[0]?.sk;
    return typeof last === 'string' ? sequenceOf(last) : 0;
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
    if (!parseRadicado(id)) return undefined;
    const { pk, sk } = keys.ticket(id);
    const items = await this.queryAll({
      // The ticket and its history entries (`<number>#H#…`), which sort right after it.
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :ticket AND :last',
      ExpressionAttributeValues: { ':pk': pk, ':ticket': sk, ':last': `${sk}#~` },
      ConsistentRead: true,
    });
    const item = items.find((i) => i.sk === sk);
    if (!item) return undefined;
    const { ticket, received, notifications } = fromTicketItem(item);
    const history = [
      received,
      ...items.filter((i) => i !== item).map(toHistoryEntry),
      ...notifications.flatMap((n) => deliveryHistory(n, ticket, item)),
    ].sort((a, b) => a.at - b.at);
    return { ticket, history, notifications };
  }

  /**
   * Through the due index, which holds every open ticket with its requester's hashed address: a filtered query per
   * product, so its reads grow with the open tickets (lookups are few: three an hour per address at most).
   */
  async listOpenByRequester(email: string, products: readonly string[]): Promise<readonly Ticket[]> {
    const found = await this.openTickets(products, requesterHash(email));
    return (await this.ticketsAt(found))
      .filter((t) => t.status !== 'resolved' && normalEmail(t.requester.email) === normalEmail(email))
      .sort((a, b) => b.receivedAt - a.receivedAt);
  }

  /** The keys of every open ticket of the products (the whole due index), or of one requester's by hashed address. */
  private async openTickets(products: readonly string[], requester?: string): Promise<Item[]> {
    const found: Item[] = [];
    for (const product of products) {
      found.push(
        ...(await this.queryAll({
          IndexName: TABLE.byDueTime.name,
          KeyConditionExpression: '#pk = :pk',
          ...(requester ? { FilterExpression: 'rh = :rh' } : {}),
          ExpressionAttributeNames: { '#pk': TABLE.byDueTime.partitionKey },
          ExpressionAttributeValues: {
            ':pk': keys.duePartition(product),
            ...(requester ? { ':rh': requester } : {}),
          },
          ProjectionExpression: 'pk, sk',
        })),
      );
    }
    return found;
  }

  /** Every item a query matches, page after page. */
  private queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    return queryAll(this.db, this.table, input);
  }

  async listDue(product: string, at: Instant, limit = 100): Promise<readonly Ticket[]> {
    return this.ticketsAt(await this.queryIndex(TABLE.byDueTime, keys.duePartition(product), at, limit));
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
    const names: Record<string, string> = { '#version': 'version' };
    if (notifications.length > 0) names['#outbox'] = 'outbox';
    const values: Record<string, unknown> = { ':expected': expectedVersion, ':zero': 0 };
    const assignments = Object.entries(set).map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    // A notification id is never reused: an entry already in the outbox is never overwritten (nor sent again).
    const fresh = notifications.map((n, i) => {
      names[`#n${i}`] = n.id;
      values[`:n${i}`] = outboxEntry(n, now);
      assignments.push(`#outbox.#n${i} = :n${i}`);
      return ` AND attribute_not_exists(#outbox.#n${i})`;
    });
    if (notifications.length > 0) {
      // The redrive follows the new notifications up if the stream never tries them (the ticket may be resolved,
      // out of the due index the rescue reads). If the ticket is in the retry index already, it comes by sooner.
      names['#rpk'] = TABLE.byRetry.partitionKey;
      names['#rsk'] = TABLE.byRetry.sortKey;
      values[':retry'] = keys.retryPartition;
      values[':check'] = now + DELIVERY.untriedGraceMs;
      assignments.push('#rpk = :retry', '#rsk = if_not_exists(#rsk, :check)');
    }
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
          ConditionExpression: `attribute_exists(pk) AND (#version = :expected OR (attribute_not_exists(#version) AND :expected = :zero))${fresh.join('')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      ...history.map((entry) => ({ Put: { TableName: this.table, Item: historyItem(ticket.id, entry) } })),
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

  // ── Outbox (in the ticket item: `outbox.<notification id>`) ─────────────────────────────────────────────

  async claim(ticketId: string, id: string, at: Instant): Promise<NotificationRecord | undefined> {
    const leaseUntil = at + DELIVERY.leaseMs;
    try {
      const result = await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.ticket(ticketId),
            // A due pending notification, or one whose sender died holding the lease. The ticket goes into the
            // retry index at the lease's end, so a sender that dies holding it is followed up.
            UpdateExpression:
              'SET #o.#id.#status = :sending, #o.#id.leaseUntil = :lease, #rpk = :retry, #rsk = :lease',
            ConditionExpression:
              '(#o.#id.#status = :pending AND #o.#id.nextAttemptAt <= :now) OR (#o.#id.#status = :sending AND #o.#id.leaseUntil < :now)',
            ExpressionAttributeNames: {
              '#o': 'outbox',
              '#id': id,
              '#status': 'status',
              '#rpk': TABLE.byRetry.partitionKey,
              '#rsk': TABLE.byRetry.sortKey,
            },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':pending': 'pending',
              ':now': at,
              ':lease': leaseUntil,
              ':retry': keys.retryPartition,
            },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      const entry = (result.Attributes?.outbox as Record<string, Item> | undefined)?.[id];
      return entry ? toNotification(ticketId, id, entry) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Records a delivery in the ticket item: one small update, no history item. The audit line is derived from the
   * record when read (see `deliveryHistory`); its note is kept only when the record could not say it again.
   */
  async markSent(
    ticketId: string,
    id: string,
    at: Instant,
    messageId: string,
    entry: HistoryEntry,
    derivable = false,
  ): Promise<void> {
    const keepNote = !derivable && entry.note !== undefined;
    try {
      await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.ticket(ticketId),
            UpdateExpression: `SET #o.#id.#status = :sent, #o.#id.sentAt = :at, #o.#id.messageId = :mid${keepNote ? ', #o.#id.note = :note' : ''} REMOVE #o.#id.leaseUntil, #o.#id.nextAttemptAt`,
            ConditionExpression: '#o.#id.#status IN (:pending, :sending)',
            ExpressionAttributeNames: { '#o': 'outbox', '#id': id, '#status': 'status' },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':pending': 'pending',
              ':sending': 'sending',
              ':at': at,
              ':mid': messageId,
              ...(keepNote ? { ':note': entry.note } : {}),
            },
          }),
        ),
      );
    } catch (error) {
      // Recorded already (by a sender whose lease ran out while it was still sending): nothing to add.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  /**
   * A failed attempt: the notification waits for a retry (and the ticket for the redrive in the retry index, at
   * that time or earlier), or is parked. A notification already sent by someone else is left as it is.
   */
  async markFailed(ticketId: string, id: string, failure: Failure, entry?: HistoryEntry): Promise<void> {
    const parked = failure.nextAttemptAt === null;
    // First the index (only ever moved earlier): should the process die between the two writes, the redrive still
    // comes by and finds the notification as it was.
    if (!parked) await this.indexRetryBy(keys.ticket(ticketId), failure.nextAttemptAt);
    try {
      await this.transact([
        {
          Update: {
            TableName: this.table,
            Key: keys.ticket(ticketId),
            UpdateExpression: parked
              ? 'SET #o.#id.#status = :parked, #o.#id.lastError = :error, #o.#id.failedAt = :at, #o.#id.nextAttemptAt = :none, #o.#id.attempts = #o.#id.attempts + :one REMOVE #o.#id.leaseUntil'
              : 'SET #o.#id.#status = :pending, #o.#id.lastError = :error, #o.#id.failedAt = :at, #o.#id.nextAttemptAt = :next, #o.#id.attempts = #o.#id.attempts + :one, #o.#id.setupWaits = if_not_exists(#o.#id.setupWaits, :zero) + :wait REMOVE #o.#id.leaseUntil',
            ConditionExpression: '#o.#id.#status IN (:pending, :sending)',
            ExpressionAttributeNames: { '#o': 'outbox', '#id': id, '#status': 'status' },
            ExpressionAttributeValues: {
              ':error': truncateText(failure.error, 200),
              ':at': failure.at,
              ':one': 1,
              ...(parked ? {} : { ':zero': 0, ':wait': failure.setupWait ? 1 : 0 }),
              ':pending': 'pending',
              ':sending': 'sending',
              ...(parked ? { ':parked': 'parked', ':none': null } : { ':next': failure.nextAttemptAt }),
            },
          },
        },
        ...(entry ? [{ Put: { TableName: this.table, Item: historyItem(ticketId, entry) } }] : []),
      ]);
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code !== 'ConditionalCheckFailed') throw error;
    }
  }

  /** The address's hourly share of acknowledgements: a set of claims (ticket#notification), at most `limit`. */
  async reserveAcknowledgement(email: string, hour: string, claim: string, limit: number): Promise<boolean> {
    try {
      await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.ackRate(sha256(normalEmail(email)), hour),
            UpdateExpression: 'ADD claims :claims SET #ttl = if_not_exists(#ttl, :ttl)',
            ConditionExpression:
              'attribute_not_exists(claims) OR size(claims) < :limit OR contains(claims, :claim)',
            ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute },
            ExpressionAttributeValues: {
              ':claims': new Set([claim]),
              ':claim': claim,
              ':limit': limit,
              // Kept two days past its hour, then TTL removes it.
              ':ttl': Math.floor(Date.parse(`${hour}:00:00-05:00`) / 1000) + 2 * 86_400,
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markWithheld(ticketId: string, id: string, entry: HistoryEntry): Promise<void> {
    try {
      await this.transact([
        {
          Update: {
            TableName: this.table,
            Key: keys.ticket(ticketId),
            UpdateExpression:
              'SET #o.#id.#status = :withheld, #o.#id.withheldAt = :at REMOVE #o.#id.leaseUntil',
            ConditionExpression: '#o.#id.#status IN (:pending, :sending)',
            ExpressionAttributeNames: { '#o': 'outbox', '#id': id, '#status': 'status' },
            ExpressionAttributeValues: {
              ':withheld': 'withheld',
              ':at': entry.at,
              ':pending': 'pending',
              ':sending': 'sending',
            },
          },
        },
        { Put: { TableName: this.table, Item: historyItem(ticketId, entry) } },
      ]);
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code !== 'ConditionalCheckFailed') throw error;
    }
  }

  /** Puts the ticket in the retry index at `at`, unless it is there for an earlier time already. */
  private async indexRetryBy(key: { pk: string; sk: string }, at: Instant): Promise<void> {
    try {
      await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: key,
            UpdateExpression: 'SET #rpk = :retry, #rsk = :at',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#rsk) OR #rsk > :at)',
            ExpressionAttributeNames: { '#rpk': TABLE.byRetry.partitionKey, '#rsk': TABLE.byRetry.sortKey },
            ExpressionAttributeValues: { ':retry': keys.retryPartition, ':at': at },
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Retries due at `at`, from the retry index. A ticket found there with nothing left to retry leaves the index,
   * and one whose next retry is later moves to it (both conditional on the index entry the redrive saw, so a
   * failure recorded meanwhile keeps its place).
   */
  async listDueNotifications(at: Instant, limit = 100): Promise<readonly { ticketId: string; id: string }[]> {
    const found = await this.queryIndex(TABLE.byRetry, keys.retryPartition, at, limit);
    const due: { ticketId: string; id: string }[] = [];
    for (const item of await this.itemsAt(found)) {
      const ticketId = idOf(item);
      const waiting = Object.entries((item.outbox ?? {}) as Record<string, Item>).flatMap(([id, entry]) => {
        const when = followUpAt(entry);
        return when === undefined ? [] : [{ ticketId, id, when }];
      });
      due.push(...waiting.filter((w) => w.when <= at));
      const later = waiting.filter((w) => w.when > at).map((w) => w.when);
      // Nothing left to follow up: out of the index; only later work: the index moves to the earliest of it.
      if (later.length === waiting.length) {
        await this.moveRetry(
          item,
          item[TABLE.byRetry.sortKey],
          later.length > 0 ? Math.min(...later) : undefined,
        );
      }
    }
    return due.map(({ ticketId, id }) => ({ ticketId, id }));
  }

  private async moveRetry(item: Item, seen: unknown, next: Instant | undefined): Promise<void> {
    try {
      await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: next === undefined ? 'REMOVE #rpk, #rsk' : 'SET #rsk = :next',
            ConditionExpression: '#rsk = :seen',
            ExpressionAttributeNames: {
              '#rsk': TABLE.byRetry.sortKey,
              ...(next === undefined ? { '#rpk': TABLE.byRetry.partitionKey } : {}),
            },
            ExpressionAttributeValues: { ':seen': seen, ...(next === undefined ? {} : { ':next': next }) },
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listUntried(
    products: readonly string[],
    before: Instant,
  ): Promise<readonly { ticketId: string; id: string }[]> {
    return (await this.itemsAt(await this.openTickets(products))).flatMap((item) =>
      outboxOf(item)
        .filter((n) => n.status === 'pending' && n.attempts === 0 && (n.nextAttemptAt ?? Infinity) < before)
        .map(({ ticketId, id }) => ({ ticketId, id })),
    );
  }

  /** Every notification of a ticket (staff tooling and tests). */
  async notificationsOf(ticketId: string): Promise<readonly NotificationRecord[]> {
    return (await this.get(ticketId))?.notifications ?? [];
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
              attempts: 0,
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

  /** See LookupQueue.claimLookup; the claimed request enters the retry index at its lease's end. */
  async claimLookup(id: string, at: Instant): Promise<LookupRequest | undefined> {
    const leaseUntil = at + DELIVERY.leaseMs;
    try {
      const result = await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.lookup(id),
            UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, #rpk = :retry, #rsk = :lease',
            ConditionExpression:
              '(#status = :pending AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)) OR (#status = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#rpk': TABLE.byRetry.partitionKey,
              '#rsk': TABLE.byRetry.sortKey,
            },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':pending': 'pending',
              ':now': at,
              ':lease': leaseUntil,
              ':retry': keys.lookupRetryPartition,
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
        attempts: Number(item.attempts ?? 0),
        setupWaits: Number(item.setupWaits ?? 0),
      };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async completeLookup(id: string, at: Instant, outcome: 'sent' | 'nothing-to-send'): Promise<void> {
    await this.settleLookup(id, 'SET #status = :outcome, completedAt = :at REMOVE leaseUntil, #rpk, #rsk', {
      ':outcome': outcome,
      ':at': at,
    });
  }

  async failLookup(id: string, failure: Failure): Promise<void> {
    const values = {
      ':error': truncateText(failure.error, 200),
      ':at': failure.at,
      ':zero': 0,
      ':one': 1,
      ':wait': failure.setupWait ? 1 : 0,
      // A request waiting for a retry is kept a day past it (it would otherwise expire while waiting).
      ':ttl': Math.floor((failure.nextAttemptAt ?? failure.at) / 1000) + 86_400,
    };
    const recorded =
      'lastError = :error, failedAt = :at, attempts = if_not_exists(attempts, :zero) + :one, setupWaits = if_not_exists(setupWaits, :zero) + :wait, #ttl = :ttl';
    await (failure.nextAttemptAt === null
      ? this.settleLookup(
          id,
          `SET #status = :parked, ${recorded} REMOVE leaseUntil, nextAttemptAt, #rpk, #rsk`,
          {
            ...values,
            ':parked': 'parked',
          },
        )
      : this.settleLookup(
          id,
          `SET #status = :pending, nextAttemptAt = :next, #rsk = :next, ${recorded} REMOVE leaseUntil`,
          {
            ...values,
            ':pending': 'pending',
            ':next': failure.nextAttemptAt,
          },
        ));
  }

  /** Records what an attempt came to, unless the request was settled already (by a sender whose lease ran out). */
  private async settleLookup(id: string, update: string, values: Record<string, unknown>): Promise<void> {
    try {
      await this.call(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.lookup(id),
            UpdateExpression: update,
            ConditionExpression: '#status IN (:pendingState, :sendingState)',
            ExpressionAttributeNames: {
              '#status': 'status',
              ...(update.includes('#rpk') ? { '#rpk': TABLE.byRetry.partitionKey } : {}),
              ...(update.includes('#rsk') ? { '#rsk': TABLE.byRetry.sortKey } : {}),
              ...(update.includes('#ttl') ? { '#ttl': TABLE.ttlAttribute } : {}),
            },
            ExpressionAttributeValues: { ...values, ':pendingState': 'pending', ':sendingState': 'sending' },
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listDueLookups(at: Instant, limit = 100): Promise<readonly string[]> {
    const found = await this.queryIndex(TABLE.byRetry, keys.lookupRetryPartition, at, limit);
    return found.map((item) => String(item.pk).replace(/^LOOKUP#/, ''));
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Keys from a partition of a keys-only index whose time is at or before `at`, earliest first. */
  private async queryIndex(
    index: (typeof TABLE)['byDueTime' | 'byRetry'],
    partition: string,
    at: Instant,
    limit: number,
  ): Promise<Item[]> {
    const page = await this.call(() =>
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :pk AND #sk <= :at',
          ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
          ExpressionAttributeValues: { ':pk': partition, ':at': at },
          Limit: limit,
        }),
      ),
    );
    return (page.Items ?? []) as Item[];
  }

  /** The ticket items at the keys an index gave, in the index's order (strongly consistent reads, 100 per call). */
  private async itemsAt(found: readonly Item[]): Promise<Item[]> {
    const items = new Map<string, Item>();
    for (let i = 0; i < found.length; i += 100) {
      let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
        [this.table]: {
          Keys: found.slice(i, i + 100).map(({ pk, sk }) => ({ pk, sk })),
          ConsistentRead: true,
        },
      };
      while (request && Object.keys(request).length > 0) {
        const batch = request;
        const answer = await this.call(() => this.db.send(new BatchGetCommand({ RequestItems: batch })));
        for (const item of (answer.Responses?.[this.table] ?? []) as Item[])
          items.set(`${item.pk}/${item.sk}`, item);
        request = answer.UnprocessedKeys as typeof request;
        if (request && Object.keys(request).length > 0) await this.sleep(this.backoff(1));
      }
    }
    return found.flatMap(({ pk, sk }): Item[] => {
      const item = items.get(`${pk}/${sk}`);
      return item ? [item] : [];
    });
  }

  private async ticketsAt(found: readonly Item[]): Promise<Ticket[]> {
    return (await this.itemsAt(found)).map((item) => fromTicketItem(item).ticket);
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

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A requester's address as the due index carries it: the first 128 bits of its SHA-256 (of the trimmed, lower-cased
 * address), base64url. A filter only: the tickets it finds are checked against the address itself.
 */
function requesterHash(email: string): string {
  return createHash('sha256').update(normalEmail(email)).digest('base64url').slice(0, 22);
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What an idempotency record (if any, and unexpired) says about a request with this key. */
function idempotencyState(
  item: Item | undefined,
  request: IdempotencyRequest,
  at: Instant,
): IdempotencyCheck {
  if (!item || Number(item[TABLE.ttlAttribute]) < Math.floor(at / 1000)) return { state: 'new' };
  if (item.fingerprint !== request.fingerprint) return { state: 'mismatch' };
  return { state: 'completed', ticketId: String(item.ticketId) };
}

/** The byDueTime keys of an open ticket (NOTHING_DUE when no deadline is left); undefined once resolved. */
function dueIndexKeys(ticket: Ticket): Item | undefined {
  if (ticket.status === 'resolved') return undefined;
  return {
    [TABLE.byDueTime.partitionKey]: keys.duePartition(ticket.product),
    [TABLE.byDueTime.sortKey]: ticket.dueAt ?? NOTHING_DUE,
  };
}

function ticketItem(
  ticket: Ticket,
  received: HistoryEntry,
  notifications: readonly PlannedNotification[],
): Item {
  const body: TicketBody = {
    product: ticket.product,
    type: ticket.type,
    priority: ticket.priority,
    queue: ticket.queue,
    subject: ticket.subject,
    description: ticket.description,
    requester: ticket.requester,
    consent: ticket.consent,
    locale: ticket.locale,
    receivedAt: ticket.receivedAt,
    routing: ticket.routing,
    received,
  };
  return {
    ...keys.ticket(ticket.id),
    entity: 'ticket',
    status: ticket.status,
    escalationLevel: ticket.escalationLevel,
    watch: ticket.watch,
    dueAt: ticket.dueAt,
    version: ticket.version,
    ...(ticket.requesterEscalations.length > 0 ? { requesterEscalations: ticket.requesterEscalations } : {}),
    body: packBody(body),
    outbox: Object.fromEntries(notifications.map((n) => [n.id, outboxEntry(n, ticket.receivedAt)])),
    rh: requesterHash(ticket.requester.email),
    ...dueIndexKeys(ticket),
  };
}

function outboxEntry(planned: PlannedNotification, at: Instant): Item {
  return {
    kind: planned.kind,
    ...(planned.level === undefined ? {} : { level: planned.level }),
    ...(planned.businessDaysLeft === undefined ? {} : { businessDaysLeft: planned.businessDaysLeft }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
  };
}

function fromTicketItem(item: Item): {
  ticket: Ticket;
  received: HistoryEntry;
  notifications: NotificationRecord[];
} {
  const { received, ...body } = unpackBody(item.body as Uint8Array);
  const id = idOf(item);
  const ticket: Ticket = {
    id,
    ...body,
    status: item.status as Ticket['status'],
    escalationLevel: Number(item.escalationLevel) as Ticket['escalationLevel'],
    dueAt: typeof item.dueAt === 'number' ? item.dueAt : null,
    watch: item.watch as Ticket['watch'],
    requesterEscalations: (item.requesterEscalations as Ticket['requesterEscalations'] | undefined) ?? [],
    version: Number(item.version ?? 0),
    ...(typeof item.acknowledgedAt === 'number' ? { acknowledgedAt: item.acknowledgedAt } : {}),
    ...(typeof item.resolvedAt === 'number' ? { resolvedAt: item.resolvedAt } : {}),
    ...(item.requesterEmailBounced === true ? { requesterEmailBounced: true } : {}),
  };
  return { ticket, received, notifications: outboxOf(item) };
}

/** A ticket item's notifications, by id (read without unpacking its body). */
function outboxOf(item: Item): NotificationRecord[] {
  const ticketId = idOf(item);
  return Object.entries((item.outbox ?? {}) as Record<string, Item>)
    .map(([id, entry]) => toNotification(ticketId, id, entry))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * When the redrive should next look at an outbox entry: a retry when it is due, a claimed one when its lease ends, a
 * first attempt once the stream has had its chance (DELIVERY.untriedGraceMs); undefined for sent or parked ones.
 */
function followUpAt(entry: Item): Instant | undefined {
  const next = Number(entry.nextAttemptAt);
  if (entry.status === 'sending') return Number(entry.leaseUntil ?? 0);
  if (entry.status !== 'pending') return undefined;
  return Number(entry.attempts ?? 0) > 0 ? next : next + DELIVERY.untriedGraceMs;
}

/** The audit line of a sent notification: its stored note, or the one the ticket implies (deliveredEntry). */
function deliveryHistory(n: NotificationRecord, ticket: Ticket, item: Item): HistoryEntry[] {
  if (n.status !== 'sent' || n.sentAt === undefined) return [];
  const note = ((item.outbox as Record<string, Item>)[n.id] as Item).note;
  if (typeof note === 'string') return [{ at: n.sentAt, event: 'notified', by: 'system', note }];
  return [
    deliveredEntry(
      n.kind,
      envelopeFor(n, ticket, () => []),
      n.sentAt,
    ),
  ];
}

function historyItem(ticketId: string, entry: HistoryEntry): Item {
  return {
    ...keys.history(ticketId, entry.at, `${entry.event}#${randomBytes(3).toString('hex')}`),
    entity: 'history',
    ...entry,
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

export function toNotification(ticketId: string, id: string, item: Item): NotificationRecord {
  return {
    ticketId,
    id,
    kind: item.kind as NotificationRecord['kind'],
    ...(item.level === undefined
      ? {}
      : { level: Number(item.level) as NotificationRecord['level'] & number }),
    ...(item.businessDaysLeft === undefined ? {} : { businessDaysLeft: Number(item.businessDaysLeft) }),
    status: item.status as NotificationRecord['status'],
    attempts: Number(item.attempts ?? 0),
    ...(item.setupWaits === undefined ? {} : { setupWaits: Number(item.setupWaits) }),
    nextAttemptAt:
      item.nextAttemptAt === null || item.nextAttemptAt === undefined ? null : Number(item.nextAttemptAt),
    ...(typeof item.lastError === 'string' ? { lastError: item.lastError } : {}),
    ...(typeof item.sentAt === 'number' ? { sentAt: item.sentAt } : {}),
    ...(typeof item.messageId === 'string' ? { messageId: item.messageId } : {}),
  };
}
