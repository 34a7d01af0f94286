// The staff console's reads on DynamoDB Local: a product queue's open tickets from byDueTime (earliest deadline first,
// one queue apart from the other), the summary every state write keeps in step (acknowledge, extend, resolve, reopen),
// and the month index of PQRSA (Bogotá month of receipt), which keeps a ticket after its erasure with no subject.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transition } from '#domain/escalation/policy.js';
import { requesterReply } from '#domain/inbound/conversation.js';
import type { Clock } from '#domain/ports.js';
import { summaryOf } from '#domain/staff/summary.js';
import type { Ticket } from '#domain/ticket.js';
import { seedItemsFor } from '#functions/adapters/dynamo/items.js';
import type { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keys } from '#functions/adapters/table.js';
import { bogota, policy, pqrsaTicket } from '../helpers.js';
import { freshStore, submitTrusted, validSubmission } from './support.js';

const STAFF = 'Laura Gómez <laura.gomez@certicamara.com> (nivel 1)';
let db: Awaited<ReturnType<typeof freshStore>>['db'];
let store: DynamoStore;
let table: string;
let now = bogota('2026-11-23T10:00');
const clock: Clock = { now: () => now };
const moveTo = (text: string) => {
  now = bogota(text);
};

beforeEach(async () => {
  ({ db, store, table } = await freshStore('staff-queries'));
  moveTo('2026-11-23T10:00');
});
afterEach(() => db?.destroy());

async function submit(fields: Record<string, unknown>): Promise<Ticket> {
  return (await submitTrusted(store, clock, validSubmission(fields))).ticket;
}

/** Applies a transition of the stored ticket (failing the test unless it applies) and answers the ticket after it. */
async function apply(id: string, step: (ticket: Ticket) => Transition): Promise<Ticket> {
  const record = await store.get(id);
  if (!record) throw new Error(`no ticket ${id}`);
  const transition = step(record.ticket);
  expect(await store.applyTransition(transition, record.ticket.version)).toBe('applied');
  return transition.ticket;
}

const support = { product: 'certifactura', queue: 'support' } as const;
const pqrsa = { product: 'certifactura', queue: 'pqrsa' } as const;

describe('a product queue', () => {
  it('lists its open tickets by next deadline, apart from the other queue, and the sweeper still reads both', async () => {
    const p3 = await submit({ priority: 3, subject: 'Consulta sobre reportes' });
    const p1 = await submit({ priority: 1, subject: 'Caída total de la plataforma' });
    const p2 = await submit({ priority: 2, subject: 'Facturas rechazadas' });
    const peticion = await submit({ type: 'peticion', priority: 3, subject: 'Copia del contrato' });
    const other = await submit({ product: 'biometria', priority: 2, subject: 'Lector sin respuesta' });

    const queue = await store.listQueue(support);
    expect(queue.map((e) => e.id)).toEqual([p1.id, p2.id, p3.id]);
    const dues = queue.map((e) => e.dueAt ?? Number.MAX_SAFE_INTEGER);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(queue[0]).toEqual({
      id: p1.id,
      status: 'received',
      escalationLevel: p1.escalationLevel,
      dueAt: p1.dueAt,
      summary: summaryOf(p1),
    });
    expect(queue[0]?.summary.subject).toBe('Caída total de la plataforma');
    expect((await store.listQueue(support, 2)).map((e) => e.id)).toEqual([p1.id, p2.id]);
    expect((await store.listQueue(pqrsa)).map((e) => e.id)).toEqual([peticion.id]);
    expect((await store.listQueue({ product: 'biometria', queue: 'support' })).map((e) => e.id)).toEqual([
      other.id,
    ]);
    await expect(store.listQueue(support, 0)).rejects.toThrow(RangeError);

    // The sweeper's read of a product: both queues' due tickets, merged earliest first.
    const due = await store.listDue('certifactura', bogota('2027-12-31T00:00'));
    const expected = [p1, p2, p3, peticion].sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0)).map((t) => t.id);
    expect(due.map((t) => t.id)).toEqual(expected);
    expect((await store.listDue('certifactura', bogota('2027-12-31T00:00'), 2)).map((t) => t.id)).toEqual(
      expected.slice(0, 2),
    );
    // A requester's open tickets are found in both queues.
    const mine = await store.listOpenByRequester('ana.perez@example.com', ['certifactura']);
    expect(mine.map((t) => t.id).sort()).toEqual(expected.sort());
  });

  it('fails loudly on a malformed index entry, naming the attribute', async () => {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...keys.ticket('CF-2026-000900'),
          gsi2pk: keys.duePartition('certifactura', 'support'),
          gsi2sk: 1,
          status: 'lost',
          escalationLevel: 1,
          dueAt: 1,
        },
      }),
    );
    await expect(store.listQueue(support)).rejects.toThrow(/malformed index entry .*: status/);
  });

  it('summarises a ticket written before summaries from the ticket itself', async () => {
    const ticket = pqrsaTicket('peticion', '2026-11-18T10:00', { id: 'CF-2026-000901' });
    const { state, body } = seedItemsFor(ticket, 'rh-test');
    const { summary: _, ...older } = state;
    for (const item of [older, body]) await db.send(new PutCommand({ TableName: table, Item: item }));
    expect(await store.listQueue(pqrsa)).toEqual([
      {
        id: ticket.id,
        status: 'received',
        escalationLevel: ticket.escalationLevel,
        dueAt: ticket.dueAt,
        summary: summaryOf(ticket),
      },
    ]);
  });
});

describe('a table whose byDueTime keeps the projection of before the staff console (legacyQueueIndex)', () => {
  it('lists the same queue, reading each listed ticket by key, and the sweeper and lookups still find them', async () => {
    const legacy = await freshStore('staff-legacy', { legacyQueueIndex: true });
    try {
      const p3 = await submitTrusted(legacy.store, clock, validSubmission({ priority: 3 }));
      const p1 = await submitTrusted(legacy.store, clock, validSubmission({ priority: 1 }));
      const peticion = await submitTrusted(
        legacy.store,
        clock,
        validSubmission({ type: 'peticion', priority: 3 }),
      );
      const raw = await legacy.db.send(
        new QueryCommand({
          TableName: legacy.table,
          IndexName: 'byDueTime',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.duePartition('certifactura', 'support') },
        }),
      );
      // The index carries keys and the address hash only.
      expect(Object.keys(raw.Items?.[0] ?? {}).sort()).toEqual(['gsi2pk', 'gsi2sk', 'pk', 'rh', 'sk']);

      const entry = (t: Ticket) => ({
        id: t.id,
        status: t.status,
        escalationLevel: t.escalationLevel,
        dueAt: t.dueAt,
        summary: summaryOf(t),
      });
      expect(await legacy.store.listQueue(support)).toEqual([entry(p1.ticket), entry(p3.ticket)]);
      expect(await legacy.store.listQueue(pqrsa)).toEqual([entry(peticion.ticket)]);
      expect(await legacy.store.listPqrsaOfMonth('2026-11')).toEqual([entry(peticion.ticket)]);
      const due = await legacy.store.listDue('certifactura', bogota('2027-12-31T00:00'));
      expect(due.map((t) => t.id).sort()).toEqual([p1, p3, peticion].map((s) => s.ticket.id).sort());
      const mine = await legacy.store.listOpenByRequester('ana.perez@example.com', ['certifactura']);
      expect(mine).toHaveLength(3);
    } finally {
      legacy.db.destroy();
    }
  });
});

describe('the summary', () => {
  it('follows acknowledge, extend, resolve (first answer) and a reopening (which keeps the first answer)', async () => {
    moveTo('2026-11-18T10:00');
    const { id } = await submit({ type: 'peticion', priority: 3, subject: 'Copia del contrato firmado' });
    const entryOf = async () => (await store.listPqrsaOfMonth('2026-11')).find((e) => e.id === id);

    moveTo('2026-11-18T11:00');
    await apply(id, (t) => policy.acknowledge(t, now, STAFF));
    expect((await store.listQueue(pqrsa))[0]).toMatchObject({ id, status: 'acknowledged' });
    expect((await entryOf())?.summary).toMatchObject({ termDueAt: bogota('2026-12-10T17:00') });

    moveTo('2026-11-20T09:00');
    await apply(id, (t) =>
      policy.extend(t, now, STAFF, { dueDate: '2026-12-22', reasons: 'Concepto jurídico pendiente.' }),
    );
    const extended = (await store.listQueue(pqrsa))[0];
    expect(extended?.summary).toMatchObject({ extended: true, termDueAt: bogota('2026-12-22T17:00') });
    expect(extended?.summary.answeredAt).toBeUndefined();

    moveTo('2026-11-24T15:00');
    const answeredAt = now;
    const resolved = await apply(id, (t) => policy.resolve(t, now, STAFF, 'Adjuntamos la copia.'));
    expect(await store.listQueue(pqrsa)).toEqual([]);
    expect(await entryOf()).toEqual({
      id,
      status: 'resolved',
      escalationLevel: resolved.escalationLevel,
      dueAt: resolved.dueAt,
      summary: summaryOf(resolved),
    });
    expect((await entryOf())?.summary.answeredAt).toBe(answeredAt);

    moveTo('2026-11-26T10:00');
    await apply(id, (t) => requesterReply(t, now, 'La copia no está firmada.', policy.levelWindow(t, now)));
    const reopened = (await store.listQueue(pqrsa))[0];
    expect(reopened).toMatchObject({ id, status: 'acknowledged' });
    expect(reopened?.summary.answeredAt).toBe(answeredAt);
    expect((await entryOf())?.status).toBe('acknowledged');

    // Resolved again (its own resolution notice: the first one's outbox entry stays), still counted by its first answer.
    moveTo('2026-11-27T10:00');
    await apply(id, (t) => policy.resolve(t, now, STAFF, 'Copia firmada adjunta.'));
    expect(await entryOf()).toMatchObject({ status: 'resolved', summary: { answeredAt } });
    expect(((await store.get(id))?.notifications ?? []).filter((n) => n.kind === 'resolution')).toHaveLength(
      2,
    );
  });
});

describe('the month index of PQRSA', () => {
  it('keeps an erased PQRSA in its month, with no subject, out of the queue', async () => {
    const { id } = await submit({ type: 'queja', priority: 3, subject: 'Trato de Marta Lucía en la línea' });
    const support = await submit({ priority: 3, subject: 'No es una PQRSA' });
    moveTo('2026-11-24T10:00');
    await apply(id, (t) => policy.resolve(t, now, STAFF, 'Lamentamos lo ocurrido.'));
    moveTo('2037-01-10T10:00');
    const erased = {
      at: now,
      event: 'personal-data-erased' as const,
      by: 'system',
      note: 'Datos suprimidos.',
    };
    expect(await store.erasePersonalData(id, erased)).toBe(true);

    const month = await store.listPqrsaOfMonth('2026-11');
    expect(month.map((e) => e.id)).toEqual([id]);
    expect(month.map((e) => e.id)).not.toContain(support.id);
    expect(month[0]?.summary).toMatchObject({
      type: 'queja',
      subject: '',
      answeredAt: bogota('2026-11-24T10:00'),
    });
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': keys.ticket(id).pk, ':sk': keys.ticket(id).sk },
      }),
    );
    expect(JSON.stringify(Items)).not.toContain('Marta');
  });

  it('files a PQRSA under its Bogotá month of receipt, and takes months as YYYY-MM only', async () => {
    moveTo('2026-11-30T23:30');
    const november = await submit({ type: 'reclamo', priority: 3, subject: 'Cobro doble' });
    moveTo('2026-12-01T00:10');
    const december = await submit({ type: 'peticion', priority: 3, subject: 'Copia del contrato' });
    expect((await store.listPqrsaOfMonth('2026-11')).map((e) => e.id)).toEqual([november.id]);
    expect((await store.listPqrsaOfMonth('2026-12')).map((e) => e.id)).toEqual([december.id]);
    expect(await store.listPqrsaOfMonth('2026-10')).toEqual([]);
    for (const bad of ['2026-13', '2026-1', '202611', 'noviembre', '2026-11 '])
      await expect(store.listPqrsaOfMonth(bad), bad).rejects.toThrow(/month must be YYYY-MM/);
  });
});
