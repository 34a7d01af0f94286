// The radicado register and ticket creation: one transaction per ticket (its state and body items, the idempotency
// record, the form token's use), taking the register's next number only if nobody took it.
import { createHash } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { UnavailableError } from '#domain/errors.js';
import type { CreateOutcome, IdempotencyCheck, IdempotencyRequest, NewTicket } from '#domain/ports.js';
import { formatRadicado } from '#domain/radicado.js';
import type { Ticket } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { translate } from '../dynamo-errors.js';
import type { RequesterHash } from '../requester-hash.js';
import { keys, sequenceOf, TABLE } from '../table.js';
import { newTicketItems } from './items.js';
import { cancellationCodes, type Item, type TableClient, type TransactItem } from './table-client.js';

/** How long an Idempotency-Key replays its ticket. */
const IDEMPOTENCY_TTL_S = 24 * 60 * 60;
const TRANSACTION_CONFLICT = ['TransactionConflictException', 'TransactionInProgressException'];

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class Register {
  /** The last radicado number this process saw committed, per register (saves a read per ticket). */
  private readonly lastNumber = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly table: TableClient,
    /** The requester's keyed address hash, stored as `rh` so the due index finds a requester's tickets. */
    private readonly requesterHash: RequesterHash,
    /** Attempts at the register under contention before answering 503. */
    private readonly maxAttempts = 60,
  ) {}

  async checkIdempotencyKey(request: IdempotencyRequest, at: Instant): Promise<IdempotencyCheck> {
    return idempotencyState(await this.table.get(keys.idempotency(sha256(request.key))), request, at);
  }

  /**
   * The register is the ticket partition itself: a number is taken only if its item does not exist yet, and the
   * next number is one past the last ticket seen, so the register has no gaps. Within this process, creates for
   * one register take turns (no point racing ourselves); across processes, the loser tries the next number at once.
   */
  async create(ticket: NewTicket): Promise<CreateOutcome> {
    const register = keys.registerPartition(ticket.register.prefix, ticket.register.year);
    return this.exclusive(register, () => this.createInRegister(ticket, register));
  }

  private async createInRegister(ticket: NewTicket, partition: string): Promise<CreateOutcome> {
    let previous = this.lastNumber.get(partition) ?? (await this.lastInRegister(partition));
    for (let attempt = 0; ; attempt++) {
      const { draft, register } = ticket;
      const created: Ticket = { ...draft, id: formatRadicado(register.prefix, register.year, previous + 1) };
      try {
        await this.table.transact(this.creation(created, ticket));
        this.lastNumber.set(partition, previous + 1);
        return { state: 'created', ticket: created };
      } catch (error) {
        this.lastNumber.delete(partition);
        const taken = takenOutcome(error, ticket);
        if (taken) return taken;
        const codes = cancellationCodes(error);
        const numberTaken = codes[0] === 'ConditionalCheckFailed';
        const conflict =
          codes.includes('TransactionConflict') ||
          TRANSACTION_CONFLICT.includes((error as { name?: string } | undefined)?.name ?? '');
        // Throttling is not retried here: the SDK already retried it, so it becomes a 503 with Retry-After.
        if (!numberTaken && !conflict) throw translate(error);
        if (attempt + 1 >= this.maxAttempts)
          throw new UnavailableError('the radicado register is busy', 1, error);
        if (numberTaken && attempt < 3) {
          previous += 1;
        } else {
          await this.table.sleep(this.table.backoff(attempt));
          previous = await this.lastInRegister(partition);
        }
      }
    }
  }

  /** The creating transaction: state (taking the number), body, then the idempotency record and the form token. */
  private creation(ticket: Ticket, request: NewTicket): TransactItem[] {
    const { history, notifications, idempotency, formToken } = request;
    const { state, body } = newTicketItems(
      ticket,
      history,
      notifications,
      this.requesterHash(ticket.requester.email),
    );
    const items = [this.table.putItem(state, 'attribute_not_exists(pk)'), this.table.putItem(body)];
    if (idempotency) {
      const nowS = Math.floor(ticket.receivedAt / 1000);
      const record = {
        ...keys.idempotency(sha256(idempotency.key)),
        entity: 'idempotency',
        fingerprint: idempotency.fingerprint,
        ticketId: ticket.id,
        [TABLE.ttlAttribute]: nowS + IDEMPOTENCY_TTL_S,
      };
      items.push({
        Put: {
          ...(this.table.putItem(record).Put as { TableName: string; Item: Item }),
          // New, or expired (TTL deletion lags).
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :nowS',
          ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute },
          ExpressionAttributeValues: { ':nowS': nowS },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    if (formToken) {
      const use = {
        ...keys.formTokenUse(formToken.id),
        entity: 'form-token-use',
        ticketId: ticket.id,
        [TABLE.ttlAttribute]: Math.ceil(formToken.expiresAt / 1000) + 3_600,
      };
      items.push(this.table.putItem(use, 'attribute_not_exists(pk)'));
    }
    return items;
  }

  /** The last number taken in a register: its partition's highest sort key (a ticket's, its body's or history's). */
  private async lastInRegister(partition: string): Promise<number> {
    const [last] = await this.table.query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ProjectionExpression: 'sk',
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    return typeof last?.sk === 'string' ? sequenceOf(last.sk) : 0;
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
}

/** The outcome when the key or the form token was taken (by a concurrent submission); undefined otherwise. */
function takenOutcome(
  error: unknown,
  { idempotency, formToken, draft }: NewTicket,
): CreateOutcome | undefined {
  const codes = cancellationCodes(error);
  if (idempotency && codes[2] === 'ConditionalCheckFailed') {
    const old = (error as { CancellationReasons?: { Item?: Record<string, never> }[] })
      .CancellationReasons?.[2]?.Item;
    const taken = idempotencyState(old ? unmarshall(old) : undefined, idempotency, draft.receivedAt);
    if (taken.state !== 'new') return taken;
  }
  // A served form makes one ticket: its token's use is the transaction's last item.
  if (formToken && codes.at(-1) === 'ConditionalCheckFailed') return { state: 'form-token-used' };
  return undefined;
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
