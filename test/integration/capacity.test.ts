// What a submission costs in DynamoDB capacity, on DynamoDB Local (which reports ReturnConsumedCapacity exactly, by
// item size): deterministic, so a test keeps it within the budget; `npm run bench` prints the same figure.
import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverFirstAttempts } from '#domain/notify/deliver.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keys, tableDefinition } from '#functions/adapters/table.js';
import { type CapacityMeter, meterCapacity } from '../../scripts/capacity.js';
import { bogota } from '../helpers.js';
import { deliveryOver, submitTrusted, TestClock, validSubmission } from './support.js';

const clock = new TestClock(bogota('2026-11-23T10:00'));
let db: ReturnType<typeof documentClient>;
let store: DynamoStore;
let meter: CapacityMeter;
let table: string;
beforeAll(async () => {
  db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint });
  table = `capacity-${randomUUID().slice(0, 8)}`;
  await db.send(new CreateTableCommand(tableDefinition(table)));
  store = new DynamoStore(db, table);
  meter = meterCapacity(db);
});
afterAll(() => db?.destroy());

const deps = () =>
  deliveryOver(store, clock, { send: async () => ({ messageId: `0100019a-${randomUUID()}-000000` }) });

describe('DynamoDB capacity', () => {
  it('is at most 8 write units per submission with its two mails recorded as sent, 1 read unit per status read', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { ticket } = await submitTrusted(store, clock, validSubmission({ subject: `Capacidad ${i}` }), {
        key: randomUUID(),
        fingerprint: 'f',
      });
      await deliverFirstAttempts(deps(), ticket.id);
      ids.push(ticket.id);
    }
    expect(meter.writes / ids.length).toBeLessThanOrEqual(8);
    meter.reset();
    for (const id of ids) expect((await store.get(id))?.history.map((h) => h.event)).toContain('notified');
    expect(meter.reads / ids.length).toBeLessThanOrEqual(1);
  });

  it('keeps a ticket item under 1 KB with its mails recorded, so each update of it is one unit', async () => {
    const { ticket } = await submitTrusted(
      store,
      clock,
      validSubmission({ description: 'Una descripción de tamaño corriente. '.repeat(10) }),
      { key: randomUUID(), fingerprint: 'f' },
    );
    meter.reset();
    await deliverFirstAttempts(deps(), ticket.id);
    // Two updates of one unit each: the item was still under 1 KB when the second mail was recorded.
    expect(meter.writes).toBe(2);
    const item = (await db.send(new GetCommand({ TableName: table, Key: keys.ticket(ticket.id) }))).Item;
    expect(Object.values(item?.outbox as Record<string, { status: string }>).map((n) => n.status)).toEqual([
      'sent',
      'sent',
    ]);
  });
});
