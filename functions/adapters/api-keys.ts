// DynamoDB adapter of the ApiKeys port, and the administration `npm run api-key` uses: keys of trusted integrations,
// stored as SHA-256 hashes (a leaked table never leaks a key) under one partition, named and revocable.
import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiKeys } from '#domain/ports.js';
import { translate } from './dynamo-errors.js';
import { queryAll } from './query.js';

const PARTITION = 'APIKEYS';
/** A verdict is trusted this long in one process: a revoked key stops working within a minute. */
const CACHE_MS = 60_000;
/** At most this many verdicts are kept (guessed keys must not grow it without bound). */
const CACHE_ENTRIES = 1_000;

export interface ApiKeyRecord {
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export class DynamoApiKeys implements ApiKeys {
  private readonly cache = new Map<string, { valid: boolean; until: number }>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(key: string): Promise<boolean> {
    if (!/^trk_[\w-]{43}$/.test(key)) return false;
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > this.now()) return cached.valid;
    let item: Record<string, unknown> | undefined;
    try {
      ({ Item: item } = await this.db.send(
        new GetCommand({ TableName: this.table, Key: { pk: PARTITION, sk: hash } }),
      ));
    } catch (error) {
      throw translate(error); // an outage answers 503, as for every other read
    }
    const valid = item !== undefined && item.revokedAt === undefined;
    if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
    this.cache.set(hash, { valid, until: this.now() + CACHE_MS });
    return valid;
  }

  /** A new key for `name` (unique among keys in force); the key itself is shown once and never stored. */
  async create(name: string): Promise<string> {
    if (!/^[\w.-]{1,64}$/.test(name))
      throw new Error('a key name is 1–64 letters, digits, dots, dashes or underscores');
    if ((await this.list()).some((k) => k.name === name && k.revokedAt === undefined)) {
      throw new Error(`a key named ${name} is in force already: revoke it first`);
    }
    const key = `trk_${randomBytes(32).toString('base64url')}`;
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: PARTITION,
          sk: hashKey(key),
          entity: 'api-key',
          name,
          createdAt: new Date(this.now()).toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return key;
  }

  /** Revokes every key in force named `name`; how many there were. */
  async revoke(name: string): Promise<number> {
    const items = await this.items();
    let revoked = 0;
    for (const item of items.filter((i) => i.name === name && i.revokedAt === undefined)) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: PARTITION, sk: item.sk },
            UpdateExpression: 'SET revokedAt = :at',
            ConditionExpression: 'attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': new Date(this.now()).toISOString() },
          }),
        );
        revoked++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return revoked;
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    return (await this.items()).map(({ name, createdAt, revokedAt }) => ({
      name,
      createdAt,
      ...(revokedAt === undefined ? {} : { revokedAt }),
    }));
  }

  private async items(): Promise<(ApiKeyRecord & { sk: string })[]> {
    const found = await queryAll(this.db, this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PARTITION },
    });
    return found.map((item) => ({
      sk: String(item.sk),
      name: String(item.name),
      createdAt: String(item.createdAt),
      ...(typeof item.revokedAt === 'string' ? { revokedAt: item.revokedAt } : {}),
    }));
  }
}
