// The outbox kept in the ticket item: entries are never overwritten, and a ticket waits in the retry index only
// while one of its notifications waits for a retry.
import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { submitRequest } from '#domain/intake/submit.js';
import { deliverFirstAttempts, redriveNotifications } from '#domain/notify/deliver.js';
import { DeliveryError, type Mailer } from '#domain/ports.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { TABLE, tableDefinition } from '#functions/adapters/table.js';
import { routingEngine } from '#functions/wiring.js';
import { bogota } from '../helpers.js';
import { deliveryOver, TestClock, validSubmission } from './support.js';

const clock = new TestClock(bogota('2026-11-23T10:00'));
let db: ReturnType<typeof documentClient>;
let store: DynamoStore;
let table: string;
beforeAll(async () => {
  db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint });
  table = `outbox-${randomUUID().slice(0, 8)}`;
  await db.send(new CreateTableCommand(tableDefinition(table)));
  store = new DynamoStore(db, table);
});
afterAll(() => db?.destroy());

const submit = async () =>
  (await submitRequest({ engine: routingEngine(), tickets: store, clock }, validSubmission())).ticket;

const retryIndex = async () =>
  (
    await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: TABLE.byRetry.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.byRetry.partitionKey },
        ExpressionAttributeValues: { ':pk': 'OUTBOX' },
      }),
    )
  ).Items ?? [];

describe('the outbox in the ticket item', () => {
  it('refuses a transition that would reuse a notification id, leaving the sent one as it was', async () => {
    const ticket = await submit();
    await deliverFirstAttempts(
      deliveryOver(store, clock, { send: async () => ({ messageId: 'm' }) }),
      ticket.id,
    );
    const reuse = {
      ticket: { ...ticket, version: ticket.version + 1 },
      history: [{ at: clock.now(), event: 'escalated' as const, by: 'system' }],
      notifications: [{ id: 'received-routed', kind: 'routed' as const }],
    };
    expect(await store.applyTransition(reuse, ticket.version)).toBe('stale');
    expect((await store.notificationsOf(ticket.id)).map((n) => [n.id, n.status])).toEqual([
      ['received-requester-ack', 'sent'],
      ['received-routed', 'sent'],
    ]);
  });

  it('puts a ticket in the retry index when a mail fails, and takes it out once the retry is sent', async () => {
    const ticket = await submit();
    let down = true;
    const mailer: Mailer = {
      send: async () => {
        if (down) throw new DeliveryError('SES throttled', false);
        return { messageId: 'm' };
      },
    };
    const deps = deliveryOver(store, clock, mailer);
    await deliverFirstAttempts(deps, ticket.id);
    expect((await retryIndex()).map((i) => i.pk)).toHaveLength(1);

    down = false;
    clock.advance(60_000);
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 2 });
    // The next pass finds nothing left to retry and takes the ticket out of the index.
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 0, skipped: 0 });
    expect(await retryIndex()).toEqual([]);
    expect((await store.notificationsOf(ticket.id)).map((n) => [n.status, n.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });
});
