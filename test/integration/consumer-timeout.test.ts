// The stream consumer timing out mid-batch (as a Lambda invocation killed at its timeout): the whole batch comes
// back, and every notification ends up sent and recorded once; the one in flight at the timeout is held by its
// claim until the lease ends, then sent again by the redrive (the documented at-least-once window: SES may have
// taken it, the outbox never heard).
import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DELIVERY } from '#domain/notifications.js';
import type { Mailer, MailMessage } from '#domain/ports.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keys } from '#functions/adapters/table.js';
import { redriveHandler } from '#functions/notify/redrive-handler.js';
import { notificationStreamHandler } from '#functions/notify/stream-handler.js';
import { bogota } from '../helpers.js';
import { deliveryOver, submitTrusted, TestClock, testRequesterHash, validSubmission } from './support.js';

const clock = new TestClock(bogota('2026-11-23T10:00'));
let db: ReturnType<typeof documentClient>;
let store: DynamoStore;
beforeAll(async () => {
  const { dynamoEndpoint } = inject('emulators');
  db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamoEndpoint });
  const table = `timeout-${randomUUID().slice(0, 8)}`;
  const { tableDefinition } = await import('#functions/adapters/table.js');
  await db.send(new CreateTableCommand(tableDefinition(table)));
  store = new DynamoStore(db, table, testRequesterHash);
});
afterAll(() => db?.destroy());

/** A mail service that records what it accepted; `hangOn` never answers for that message (the timeout). */
function mailer(sent: string[], hangOn?: string): Mailer {
  return {
    async send(message: MailMessage) {
      const key = `${message.tags.ticket}/${message.tags.notification}`;
      sent.push(key);
      if (key === hangOn) return new Promise(() => undefined);
      return { messageId: randomUUID() };
    },
  };
}

/** The stream record of a newly recorded ticket, with its two notifications never tried. */
function record(ticketId: string, sequence: number): DynamoDBRecord {
  const untried = { M: { kind: { S: 'routed' }, status: { S: 'pending' }, attempts: { N: '0' } } };
  const { pk, sk } = keys.ticket(ticketId);
  return {
    eventID: `${sequence}`,
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(sequence).padStart(21, '0'),
      NewImage: {
        pk: { S: pk },
        sk: { S: sk },
        entity: { S: 'ticket' },
        outbox: { M: { 'received-routed': untried, 'received-requester-ack': untried } },
      },
    },
  };
}

describe('the stream consumer', () => {
  it('times out mid-batch, gets the batch again, and leaves every notification sent once (in-flight one aside)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { ticket } = await submitTrusted(store, clock, validSubmission({ subject: `Lote ${i}` }));
      ids.push(ticket.id);
    }
    // Each ticket twice, as when a transition follows its INSERT closely: still one delivery per ticket.
    const batch = [...ids, ...ids].map((id, i) => record(id, i));
    const deps = (m: Mailer) => deliveryOver(store, clock, m);
    const sent: string[] = [];
    const inFlight = `${ids[2]}/received-routed`;

    // The first invocation is killed at its timeout while one mail hangs.
    const first = notificationStreamHandler(deps(mailer(sent, inFlight)))({ Records: batch });
    const outcome = await Promise.race([
      first.then(() => 'finished'),
      new Promise((resolve) => setTimeout(() => resolve('timed out'), 1_500)),
    ]);
    expect(outcome).toBe('timed out');

    // Lambda retries the batch at once (the killed invocation is gone): every mail not claimed yet is sent; the one
    // in flight is still claimed, so it waits for its lease to end.
    const retry = await notificationStreamHandler(deps(mailer(sent)))({ Records: batch });
    expect(retry.batchItemFailures).toEqual([]);
    expect(sent.filter((key) => key === inFlight)).toHaveLength(1);
    clock.advance(DELIVERY.leaseMs + 1);
    expect(await redriveHandler(deps(mailer(sent)))()).toMatchObject({ sent: 1 });

    for (const id of ids) {
      const record = await store.get(id);
      const notified = record?.history.filter((h) => h.event === 'notified') ?? [];
      expect(notified).toHaveLength(2);
    }
    const counts = new Map<string, number>();
    for (const key of sent) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const [key, n] of counts) expect(n).toBe(key === inFlight ? 2 : 1);
    expect(counts.size).toBe(8);
  });

  it('leaves nothing behind when the stream gives up on a record: the redrive sends what the retry index holds', async () => {
    const { ticket } = await submitTrusted(store, clock, validSubmission({ subject: 'Sin flujo' }));
    const sent: string[] = [];
    const redrive = redriveHandler(deliveryOver(store, clock, mailer(sent)));
    await redrive();
    await redrive();
    expect(sent.filter((k) => k.startsWith(ticket.id)).sort()).toEqual([
      `${ticket.id}/received-requester-ack`,
      `${ticket.id}/received-routed`,
    ]);
    expect((await store.notificationsOf(ticket.id)).map((n) => n.status)).toEqual(['sent', 'sent']);
  });
});
