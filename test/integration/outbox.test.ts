// The outbox kept in the ticket item: entries are never overwritten, every attempt claims first, and a ticket waits
// in the retry index from its creation until nothing of it is left to deliver.
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverLookup, redriveLookups } from '#domain/intake/lookup.js';
import { DELIVERY } from '#domain/notifications.js';
import { deliverNew, redriveNotifications } from '#domain/notify/deliver.js';
import { DeliveryError, type Mailer } from '#domain/ports.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keys, TABLE } from '#functions/adapters/table.js';
import { bogota, policy } from '../helpers.js';
import {
  deliveryOver,
  freshStore,
  submitTrusted,
  TestClock,
  testRequesterHash,
  validSubmission,
} from './support.js';

const clock = new TestClock(bogota('2026-11-23T10:00'));
let db: Awaited<ReturnType<typeof freshStore>>['db'];
let store: DynamoStore;
let table: string;
beforeAll(async () => {
  ({ db, store, table } = await freshStore('outbox'));
});
afterAll(() => db?.destroy());

/** A mail service that accepts every mail and notes which notification it was. */
const recording = (sent: string[]): Mailer => ({
  send: async (m) => {
    sent.push(String(m.tags.notification));
    return { messageId: 'm' };
  },
});

const submit = async () => (await submitTrusted(store, clock, validSubmission())).ticket;

const retryIndex = async (partition = 'OUTBOX') =>
  (
    await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: TABLE.byRetry.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.byRetry.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
      }),
    )
  ).Items ?? [];

describe('the outbox in the ticket item', () => {
  it('refuses a transition that would reuse a notification id, leaving the sent one as it was', async () => {
    const ticket = await submit();
    await deliverNew(deliveryOver(store, clock, { send: async () => ({ messageId: 'm' }) }), ticket.id);
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

  it('keeps a ticket in the retry index while a mail waits for a retry, and takes it out once all is sent', async () => {
    const ticket = await submit();
    const inIndex = async () =>
      (await retryIndex()).some(
        (i) => i.pk === keys.ticket(ticket.id).pk && i.sk === keys.ticket(ticket.id).sk,
      );
    let down = true;
    const mailer: Mailer = {
      send: async () => {
        if (down) throw new DeliveryError('SES throttled', 'temporary');
        return { messageId: 'm' };
      },
    };
    const deps = deliveryOver(store, clock, mailer);
    await deliverNew(deps, ticket.id);
    expect(await inIndex()).toBe(true);
    // Before the backoff ends, the redrive sends nothing and keeps the ticket, due at the retry.
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 0, skipped: 0 });
    expect(await inIndex()).toBe(true);

    down = false;
    clock.advance(60_000);
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 2 });
    // The pass after that finds nothing left to follow up and takes it out.
    expect(await inIndex()).toBe(true);
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 0, skipped: 0 });
    expect(await inIndex()).toBe(false);
    expect((await store.notificationsOf(ticket.id)).map((n) => [n.status, n.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('puts a new ticket in the retry index at once, so the redrive sends what the stream never tried', async () => {
    const ticket = await submit();
    expect(await retryIndex()).toContainEqual(expect.objectContaining(keys.ticket(ticket.id)));
    const sent: string[] = [];
    const deps = deliveryOver(store, clock, recording(sent));
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 2 });
    expect(sent.sort()).toEqual(['received-requester-ack', 'received-routed']);
    // A stream record delivered late finds both claimed and sent: nothing goes twice.
    expect(await deliverNew(deps, ticket.id, ['received-routed', 'received-requester-ack'])).toEqual({
      'received-requester-ack': 'skipped',
      'received-routed': 'skipped',
    });
    expect(sent).toHaveLength(2);
  });

  it('sends each mail once when the stream consumer and the redrive attempt a ticket at the same moment', async () => {
    const ticket = await submit();
    const sent: string[] = [];
    const deps = deliveryOver(store, clock, {
      send: async (m) => {
        sent.push(String(m.tags.notification));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { messageId: 'm' };
      },
    });
    const [stream, redrive] = await Promise.all([deliverNew(deps, ticket.id), redriveNotifications(deps)]);
    expect(Object.values(stream).filter((o) => o === 'sent').length + redrive.sent).toBe(2);
    expect(sent.sort()).toEqual(['received-requester-ack', 'received-routed']);
  });

  it('follows up a claimed notification whose sender died, once its lease ends', async () => {
    const ticket = await submit();
    // The stream consumer claims the routed mail and dies before sending it.
    expect(await store.claim(ticket.id, 'received-routed', clock.now())).toMatchObject({ status: 'sending' });
    const sent: string[] = [];
    const deps = deliveryOver(store, clock, recording(sent));
    // The redrive sends the other one at once, and the claimed one when its lease has ended.
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['received-requester-ack']);
    clock.advance(DELIVERY.leaseMs + 1);
    expect(await redriveNotifications(deps)).toMatchObject({ sent: 1 });
    expect(sent.sort()).toEqual(['received-requester-ack', 'received-routed']);
  });

  it('never turns a sent notification back into a pending one when a late sender reports a failure', async () => {
    const ticket = await submit();
    await deliverNew(deliveryOver(store, clock, { send: async () => ({ messageId: 'm' }) }), ticket.id);
    await store.markFailed(ticket.id, 'received-routed', {
      at: clock.now(),
      error: 'late',
      nextAttemptAt: clock.now() + 60_000,
    });
    expect((await store.notificationsOf(ticket.id)).map((n) => [n.id, n.status, n.attempts])).toEqual([
      ['received-requester-ack', 'sent', 0],
      ['received-routed', 'sent', 0],
    ]);
  });

  it('keeps a ticket in the retry index when a transition adds mail in the same millisecond the redrive looks', async () => {
    const ticket = await submit();
    const sent: string[] = [];
    await deliverNew(deliveryOver(store, clock, recording(sent)), ticket.id);
    const resolved = policy.resolve(ticket, clock.now(), 'soporte@certicamara.com', 'Listo.');
    // The transition lands between the redrive's read (nothing left) and its index update, at the very time the
    // index entry already had (as when both happen in one millisecond): only the new notification tells them apart.
    const racing = documentClient({
      AWS_REGION: 'local',
      DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint,
    });
    const { pk, sk } = keys.ticket(ticket.id);
    let raced = false;
    racing.middlewareStack.add(
      (next, context) => async (args) => {
        const input = JSON.stringify(args.input);
        if (!raced && /^Update/.test(context.commandName ?? '') && input.includes(pk) && input.includes(sk)) {
          raced = true;
          const seen = (await db.send(new GetCommand({ TableName: table, Key: { pk, sk } }))).Item?.gsi3sk;
          expect(await store.applyTransition(resolved, ticket.version)).toBe('applied');
          await db.send(
            new UpdateCommand({
              TableName: table,
              Key: { pk, sk },
              UpdateExpression: 'SET gsi3sk = :seen',
              ExpressionAttributeValues: { ':seen': seen },
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'race' },
    );
    await redriveNotifications(
      deliveryOver(new DynamoStore(racing, table, testRequesterHash), clock, recording(sent)),
    );
    racing.destroy();
    expect(raced).toBe(true);
    await redriveNotifications(deliveryOver(store, clock, recording(sent)));
    expect(sent.filter((id) => !id.startsWith('received-'))).toEqual(resolved.notifications.map((n) => n.id));
  });

  it('follows up the notifications of a transition the stream never tried, even on a resolved ticket', async () => {
    const ticket = await submit();
    const mailed: string[] = [];
    const deps = deliveryOver(store, clock, recording(mailed));
    await deliverNew(deps, ticket.id);
    const resolved = policy.resolve(
      ticket,
      clock.now(),
      'soporte@certicamara.com',
      'Se corrigió la configuración.',
    );
    expect(await store.applyTransition(resolved, ticket.version)).toBe('applied');
    // The stream gives up on the record: no first attempt. The resolved ticket left the due index, not the retry one.
    await redriveNotifications(deps);
    expect(mailed.filter((id) => !id.startsWith('received-'))).toEqual(
      resolved.notifications.map((n) => n.id),
    );
  });
});

describe('lost-link lookups through the same delivery policy', () => {
  const lookupOf = async (id: string) =>
    (
      await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `LOOKUP#${id}` },
        }),
      )
    ).Items?.[0];
  const queue = async (email: string) => {
    expect(await store.enqueueLookup({ email, locale: 'es', kind: 'links', at: clock.now() })).toBe('queued');
    // Found by a scan of this test's small table; a queued lookup is in the retry index from the start.
    const { Items } = await db.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'entity = :lookup AND email = :email',
        ExpressionAttributeValues: { ':lookup': 'lookup', ':email': email },
      }),
    );
    const id = String(Items?.[0]?.pk).replace('LOOKUP#', '');
    expect(await retryIndex('OUTBOX#LOOKUP')).toContainEqual(expect.objectContaining(keys.lookup(id)));
    return id;
  };

  it('retries a failed lookup mail with backoff instead of leaving it sending, then sends it once', async () => {
    const email = `lookup-${randomUUID().slice(0, 6)}@example.com`;
    await submitTrusted(store, clock, validSubmission({ requester: { name: 'Ana Pérez', email } }));
    const id = await queue(email);
    let down = true;
    const sent: string[] = [];
    const deps = deliveryOver(store, clock, {
      send: async (m) => {
        if (down) throw new DeliveryError('Throttling', 'temporary');
        sent.push(String(m.tags.kind));
        return { messageId: 'm' };
      },
    });
    expect(await deliverLookup(deps, id)).toBe('retry-scheduled');
    expect(await lookupOf(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Throttling' });
    // A stream retry of the same record, before the backoff ends, sends nothing and changes nothing.
    expect(await deliverLookup(deps, id)).toBe('skipped');
    expect(await redriveLookups(deps)).toMatchObject({ sent: 0 });
    down = false;
    clock.advance(60_000);
    expect(await redriveLookups(deps)).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['lookup']);
    expect(await lookupOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await lookupOf(id))?.[TABLE.byRetry.partitionKey]).toBeUndefined();
    clock.advance(DELIVERY.maxDelayMs);
    expect(await redriveLookups(deps)).toMatchObject({ sent: 0, skipped: 0 });
  });

  it('follows up a lookup whose sender died holding it, and parks one the mail service refuses for good', async () => {
    const email = `lookup-${randomUUID().slice(0, 6)}@example.com`;
    await submitTrusted(store, clock, validSubmission({ requester: { name: 'Ana Pérez', email } }));
    const id = await queue(email);
    expect(await store.claimLookup(id, clock.now())).toMatchObject({ email, attempts: 0 });
    const refusing = deliveryOver(store, clock, {
      send: async () => {
        throw new DeliveryError('MessageRejected', 'permanent');
      },
    });
    expect(await redriveLookups(refusing)).toMatchObject({ parked: 0, skipped: 0 });
    clock.advance(DELIVERY.leaseMs + 1);
    expect(await redriveLookups(refusing)).toMatchObject({ parked: 1 });
    expect(await lookupOf(id)).toMatchObject({ status: 'parked', attempts: 1, lastError: 'MessageRejected' });
    clock.advance(DELIVERY.maxDelayMs);
    expect(await redriveLookups(refusing)).toMatchObject({ parked: 0 });
  });
});
