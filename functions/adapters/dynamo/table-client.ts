// What every part of the DynamoDB adapter shares: the document client and table name, outages translated (503),
// conditional writes read as outcomes, paging, batch reads, and update expressions built from named paths.
import { randomUUID } from 'node:crypto';
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
import type { Instant } from '#domain/time/instant.js';
import { translate } from '../dynamo-errors.js';
import { type Item, queryAll } from '../query.js';
import type { TABLE } from '../table.js';

export type { Item };
export type Key = { readonly pk?: unknown; readonly sk?: unknown };
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * An update expression with its condition, built from attribute paths (`['outbox', id, 'status']`) and values, so
 * no caller assembles `#name`/`:value` placeholders by hand.
 */
export class Update {
  private readonly names = new Map<string, string>();
  private readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private readonly adds: string[] = [];
  private condition?: string;

  /** The placeholder of an attribute path, e.g. `#a0.#a1`. */
  path(...segments: readonly string[]): string {
    return segments
      .map((segment) => {
        let name = this.names.get(segment);
        if (!name) {
          name = `#a${this.names.size}`;
          this.names.set(segment, name);
        }
        return name;
      })
      .join('.');
  }

  /** The placeholder of a value. */
  value(value: unknown): string {
    const name = `:v${Object.keys(this.values).length}`;
    this.values[name] = value;
    return name;
  }

  set(path: readonly string[], value: unknown): this {
    this.sets.push(`${this.path(...path)} = ${this.value(value)}`);
    return this;
  }

  /** Sets an attribute unless it has a value already. */
  setIfAbsent(path: readonly string[], value: unknown): this {
    const p = this.path(...path);
    this.sets.push(`${p} = if_not_exists(${p}, ${this.value(value)})`);
    return this;
  }

  /** Adds `by` to a number (zero when absent). */
  increment(path: readonly string[], by: number): this {
    const p = this.path(...path);
    this.sets.push(`${p} = if_not_exists(${p}, ${this.value(0)}) + ${this.value(by)}`);
    return this;
  }

  /** Sets every field of `fields` that is defined, and removes those given as undefined. */
  assign(fields: Readonly<Record<string, unknown>>, under: readonly string[] = []): this {
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) this.remove([...under, field]);
      else this.set([...under, field], value);
    }
    return this;
  }

  remove(path: readonly string[]): this {
    this.removes.push(this.path(...path));
    return this;
  }

  /** ADD to a set (or a number). */
  add(path: readonly string[], value: unknown): this {
    this.adds.push(`${this.path(...path)} ${this.value(value)}`);
    return this;
  }

  /** The condition, written with this update's `path()` and `value()` placeholders. */
  when(condition: (u: this) => string): this {
    this.condition = condition(this);
    return this;
  }

  build() {
    const clauses = [
      this.sets.length > 0 ? `SET ${this.sets.join(', ')}` : '',
      this.removes.length > 0 ? `REMOVE ${this.removes.join(', ')}` : '',
      this.adds.length > 0 ? `ADD ${this.adds.join(', ')}` : '',
    ];
    return {
      UpdateExpression: clauses.filter(Boolean).join(' '),
      ...(this.condition ? { ConditionExpression: this.condition } : {}),
      ExpressionAttributeNames: Object.fromEntries([...this.names].map(([segment, name]) => [name, segment])),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** The codes of a cancelled transaction's items, in order (empty for any other error). */
export function cancellationCodes(error: unknown): (string | undefined)[] {
  return error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((r) => r.Code)
    : [];
}

export interface TableOptions {
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class TableClient {
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly name: string,
    options: TableOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async get(key: Key): Promise<Item | undefined> {
    const { Item } = await this.call(() =>
      this.db.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true })),
    );
    return Item;
  }

  async put(item: Item): Promise<void> {
    await this.call(() => this.db.send(new PutCommand({ TableName: this.name, Item: item })));
  }

  /** An update; false when its condition did not hold (nothing written). */
  async update(key: Key, update: Update): Promise<boolean> {
    return (await this.send(key, update, 'NONE')) !== undefined;
  }

  /** An update that answers the item as written, or undefined when its condition did not hold. */
  updateReturning(key: Key, update: Update): Promise<Item | undefined> {
    return this.send(key, update, 'ALL_NEW');
  }

  /** An update, with what it should answer (nothing but whether it applied, or the item as written). */
  private async send(key: Key, update: Update, returns: 'NONE' | 'ALL_NEW'): Promise<Item | undefined> {
    try {
      const { Attributes } = await this.retryingConflicts(() =>
        this.db.send(
          new UpdateCommand({ TableName: this.name, Key: key, ...update.build(), ReturnValues: returns }),
        ),
      );
      return Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** The transaction item of an update. */
  updateItem(key: Key, update: Update): TransactItem {
    return { Update: { TableName: this.name, Key: key, ...update.build() } };
  }

  putItem(item: Item, condition?: string): TransactItem {
    return {
      Put: { TableName: this.name, Item: item, ...(condition ? { ConditionExpression: condition } : {}) },
    };
  }

  /** One transaction, with a token so an SDK-level retry of one that committed is answered, not replayed. */
  async transact(items: readonly TransactItem[]): Promise<void> {
    await this.call(() =>
      this.db.send(new TransactWriteCommand({ TransactItems: [...items], ClientRequestToken: randomUUID() })),
    );
  }

  /**
   * A transaction whose first item is conditional: false when that condition did not hold. A conflict with another
   * writer is retried; any other cancellation (throttling) is raised.
   */
  async transactIf(items: readonly TransactItem[]): Promise<boolean> {
    try {
      await this.retryingConflicts(() => this.transact(items));
      return true;
    } catch (error) {
      if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /** Every item a query matches, page after page; with a `limit`, its first `limit` (the reads stop there). */
  queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
    limit?: number,
  ): Promise<Item[]> {
    return queryAll(this.db, this.name, input, limit);
  }

  /** One page of a query (its `Limit` items at most). */
  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const page = await this.call(() => this.db.send(new QueryCommand({ ...input, TableName: this.name })));
    return (page.Items ?? []) as Item[];
  }

  /** Keys (with the index's time) from a partition of an index whose time is at or before `at`, earliest first. */
  queryIndex(
    index: (typeof TABLE)['byDueTime' | 'byRetry'],
    partition: string,
    at: Instant,
    limit: number,
  ): Promise<Item[]> {
    return this.query({
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk AND #sk <= :at',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
      ExpressionAttributeValues: { ':pk': partition, ':at': at },
      // The keys only: the due index also projects what the staff console lists, which these readers do not need.
      ProjectionExpression: 'pk, sk, #sk',
      Limit: limit,
    });
  }

  /**
   * The items at `keys`, in that order, missing ones left out (100 per call). Strongly consistent unless `consistent`
   * is false, for half the read units (a reader that found the keys in an index, itself eventually consistent).
   */
  async itemsAt(keys: readonly Key[], consistent = true): Promise<Item[]> {
    const items = new Map<string, Item>();
    for (let i = 0; i < keys.length; i += 100) {
      let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
        [this.name]: {
          Keys: keys.slice(i, i + 100).map(({ pk, sk }) => ({ pk, sk })),
          ConsistentRead: consistent,
        },
      };
      while (request && Object.keys(request).length > 0) {
        const batch = request;
        const answer = await this.call(() => this.db.send(new BatchGetCommand({ RequestItems: batch })));
        for (const item of (answer.Responses?.[this.name] ?? []) as Item[])
          items.set(`${item.pk}/${item.sk}`, item);
        request = answer.UnprocessedKeys as typeof request;
        if (request && Object.keys(request).length > 0) await this.sleep(this.backoff(1));
      }
    }
    return keys.flatMap(({ pk, sk }): Item[] => {
      const item = items.get(`${pk}/${sk}`);
      return item ? [item] : [];
    });
  }

  /**
   * A conditional write that DynamoDB refused because a transaction was writing the same item at that moment (the SDK
   * does not retry that): tried again after a jittered wait. Safe, since a refused write wrote nothing.
   */
  private async retryingConflicts<T>(write: () => Promise<T>, attempts = 10): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call(write);
      } catch (error) {
        const conflict =
          (error as { name?: string } | undefined)?.name === 'TransactionConflictException' ||
          cancellationCodes(error).includes('TransactionConflict');
        if (!conflict || attempt >= attempts) throw error;
        await this.sleep(this.backoff(attempt));
      }
    }
  }

  /** Full jitter: a random wait up to an exponentially growing cap (10 ms doubling, at most 200 ms). */
  backoff(attempt: number): number {
    return Math.floor(this.random() * Math.min(200, 10 * 2 ** attempt));
  }

  async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw translate(error);
    }
  }
}
