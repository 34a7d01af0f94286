// `npm run reindex` on DynamoDB Local: a table as the version before the staff console wrote it (no summary, no first
// answer, open tickets under DUE#<product>, no month keys) is invisible to the queue page, the report and the sweeper;
// after the re-index every one of them finds its tickets, a second run finds nothing to do, and a ticket that changes
// meanwhile is read again. With --requester-hash, a requester's tickets are found under a new key.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Transition } from '#domain/escalation/policy.js';
import { requesterReply } from '#domain/inbound/conversation.js';
import type { Clock } from '#domain/ports.js';
import { summaryOf } from '#domain/staff/summary.js';
import type { Ticket } from '#domain/ticket.js';
import { ticketItems } from '#functions/adapters/dynamo/items.js';
import { reindexTickets, staleFields } from '#functions/adapters/dynamo/reindex.js';
import { TableClient } from '#functions/adapters/dynamo/table-client.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keyedRequesterHash } from '#functions/adapters/requester-hash.js';
import { keys } from '#functions/adapters/table.js';
import { reindexCommand } from '../../scripts/reindex.js';
import { bogota, policy } from '../helpers.js';
import { freshStore, submitTrusted, validSubmission } from './support.js';

const STAFF = 'Laura Gómez <laura.gomez@certicamara.com> (nivel 1)';
const EMAIL = 'old.requester@example.com';
let fresh: Awaited<ReturnType<typeof freshStore>>;
let now = bogota('2026-11-02T10:00');
const clock: Clock = { now: () => now };
const support = { product: 'certifactura', queue: 'support' } as const;
const pqrsa = { product: 'certifactura', queue: 'pqrsa' } as const;

beforeEach(async () => {
  // As a stage upgraded in place has it: byDueTime keeps its earlier projection (docs/deploy.md).
  fresh = await freshStore('reindex', { legacyQueueIndex: true });
  now = bogota('2026-11-02T10:00');
});
afterEach(() => fresh?.db.destroy());

async function submit(fields: Record<string, unknown>): Promise<Ticket> {
  const requester = { name: 'Ana Pérez', email: EMAIL };
  return (await submitTrusted(fresh.store, clock, validSubmission({ requester, ...fields }))).ticket;
}

/** Applies a transition of the stored ticket (failing the test unless it applies) and answers the ticket after it. */
async function apply(id: string, step: (ticket: Ticket) => Transition): Promise<Ticket> {
  const record = await fresh.store.get(id);
  if (!record) throw new Error(`no ticket ${id}`);
  const transition = step(record.ticket);
  expect(await fresh.store.applyTransition(transition, record.ticket.version)).toBe('applied');
  return transition.ticket;
}

/** Rewrites a ticket's state item as the version before the staff console left it. */
async function asWrittenBefore(ticket: Ticket): Promise<void> {
  const open = ticket.status !== 'resolved';
  await fresh.db.send(
    new UpdateCommand({
      TableName: fresh.table,
      Key: keys.ticket(ticket.id),
      UpdateExpression: `REMOVE summary, answeredAt, gsi4pk, gsi4sk${open ? ' SET gsi2pk = :old' : ''}`,
      ...(open ? { ExpressionAttributeValues: { ':old': `DUE#${ticket.product}` } } : {}),
    }),
  );
}

async function stateItem(id: string) {
  return (await fresh.db.send(new GetCommand({ TableName: fresh.table, Key: keys.ticket(id) }))).Item ?? {};
}

/** The table, with `meanwhile` run once just before the re-index's first update of ticket `id`. */
function interrupted(id: string, meanwhile: () => Promise<void>): TableClient {
  const table = new TableClient(fresh.db, fresh.table);
  let pending = true;
  return new Proxy(table, {
    get(target, property, receiver) {
      if (property !== 'update') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<TableClient['update']>) => {
        const { pk, sk } = keys.ticket(id);
        if (pending && args[0].pk === pk && args[0].sk === sk) {
          pending = false;
          await meanwhile();
        }
        return target.update(...args);
      };
    },
  });
}

/** Three tickets: an open support ticket, an open PQRSA, and a PQRSA answered on 4 November then reopened. */
async function olderTable(): Promise<{
  open: Ticket;
  peticion: Ticket;
  reopened: Ticket;
  answeredAt: number;
}> {
  const open = await submit({ priority: 3, subject: 'Consulta sobre reportes' });
  const peticion = await submit({ type: 'peticion', priority: 3, subject: 'Copia del contrato' });
  const answered = await submit({ type: 'queja', priority: 3, subject: 'Cobro duplicado' });
  now = bogota('2026-11-04T09:00');
  const answeredAt = now;
  await apply(answered.id, (t) => policy.resolve(t, now, STAFF, 'Se reversó el cobro.'));
  now = bogota('2026-11-05T09:00');
  const reopened = await apply(answered.id, (t) =>
    requesterReply(t, now, 'Sigue duplicado.', policy.levelWindow(t, now)),
  );
  expect(reopened.status).not.toBe('resolved');
  for (const ticket of [open, peticion, reopened]) await asWrittenBefore(ticket);
  return { open, peticion, reopened, answeredAt };
}

describe('the re-index', () => {
  it('makes a table written before the staff console readable by the queue page, the report and the sweeper', async () => {
    const { open, peticion, reopened, answeredAt } = await olderTable();
    const late = bogota('2027-12-31T00:00');
    expect(await fresh.store.listQueue(support)).toEqual([]);
    expect(await fresh.store.listQueue(pqrsa)).toEqual([]);
    expect(await fresh.store.listPqrsaOfMonth('2026-11')).toEqual([]);
    expect(await fresh.store.listDue('certifactura', late)).toEqual([]);

    const table = new TableClient(fresh.db, fresh.table);
    const dry = await reindexTickets(table, { dryRun: true });
    expect(dry).toEqual({
      tickets: 3,
      updated: 3,
      retried: 0,
      skipped: [],
      fields: { summary: 3, answeredAt: 1, gsi2pk: 3, gsi4pk: 2, gsi4sk: 2 },
    });
    expect(await fresh.store.listQueue(support)).toEqual([]);

    // A page per ticket: the scan follows LastEvaluatedKey to the end.
    const before = await fresh.store.get(open.id);
    expect(await reindexTickets(table, { pageSize: 1 })).toEqual(dry);
    // The version moved: a transition planned on the ticket as read before cannot write back the old shape.
    const planned = policy.acknowledge(before?.ticket as Ticket, now, STAFF);
    expect(await fresh.store.applyTransition(planned, before?.ticket.version as number)).toBe('stale');
    expect((await fresh.store.listQueue(support)).map((e) => e.id)).toEqual([open.id]);
    const queue = await fresh.store.listQueue(pqrsa);
    expect(queue.map((e) => e.id).sort()).toEqual([peticion.id, reopened.id].sort());
    const month = await fresh.store.listPqrsaOfMonth('2026-11');
    expect(month.map((e) => e.id).sort()).toEqual([peticion.id, reopened.id].sort());
    const first = month.find((e) => e.id === reopened.id);
    expect(first?.summary).toEqual(summaryOf({ ...reopened, answeredAt }));
    expect(first?.summary.answeredAt).toBe(answeredAt);
    expect((await fresh.store.get(reopened.id))?.ticket.answeredAt).toBe(answeredAt);
    expect((await fresh.store.listDue('certifactura', late)).map((t) => t.id).sort()).toEqual(
      [open.id, peticion.id, reopened.id].sort(),
    );

    expect(await reindexTickets(table)).toEqual({
      tickets: 3,
      updated: 0,
      retried: 0,
      skipped: [],
      fields: {},
    });
  });

  it('reads a ticket again when it changed between its read and its update, and leaves the change in place', async () => {
    const { open } = await olderTable();
    let raced = false;
    const racing = interrupted(open.id, async () => {
      raced = true;
      await apply(open.id, (t) => policy.acknowledge(t, now, STAFF));
    });
    const report = await reindexTickets(racing);
    expect(raced).toBe(true);
    // Read again, it needs nothing: the acknowledgement wrote its summary and queue keys itself.
    expect(report).toMatchObject({ tickets: 3, updated: 2, retried: 1, skipped: [] });
    expect(await stateItem(open.id)).toMatchObject({
      status: 'acknowledged',
      gsi2pk: 'DUE#certifactura#support',
      summary: expect.objectContaining({ subject: 'Consulta sobre reportes' }),
    });
  });

  it('with --requester-hash, finds a requester’s tickets under a new key; the command prints counts only', async () => {
    const ticket = await submit({ priority: 2, subject: 'Facturas rechazadas' });
    const newKey = 'n'.repeat(40);
    const rekeyed = new DynamoStore(fresh.db, fresh.table, keyedRequesterHash(newKey));
    expect(await rekeyed.listOpenByRequester(EMAIL, ['certifactura'])).toEqual([]);
    const items = await ticketItems(new TableClient(fresh.db, fresh.table), ticket.id);
    expect(staleFields(items)).toEqual({});
    expect(Object.keys(staleFields(items, keyedRequesterHash(newKey)))).toEqual(['rh']);

    const env = {
      TABLE_NAME: fresh.table,
      DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint,
      AWS_REGION: 'local',
    };
    const quiet = () => undefined;
    const dry = await reindexCommand(
      ['--dry-run', '--requester-hash'],
      { ...env, REQUESTER_HASH_SECRET: newKey },
      quiet,
    );
    expect(dry).toMatchObject({
      code: 0,
      stdout: '1 tickets read, 1 would be updated\nattributes missing or out of date, by tickets:\n  rh\t1\n',
    });
    expect(await rekeyed.listOpenByRequester(EMAIL, ['certifactura'])).toEqual([]);

    const lines: string[] = [];
    const run = await reindexCommand(
      ['--requester-hash'],
      { ...env, REQUESTER_HASH_SECRET: newKey },
      (line) => lines.push(line),
    );
    expect(lines).toEqual(['1 tickets read, 1 updated\n']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 tickets read, 1 updated');
    expect(`${run.stdout}${run.stderr}`).not.toContain(EMAIL);
    expect((await rekeyed.listOpenByRequester(EMAIL, ['certifactura'])).map((t) => t.id)).toEqual([
      ticket.id,
    ]);
    expect(await fresh.store.listOpenByRequester(EMAIL, ['certifactura'])).toEqual([]);

    const refused = async (extra: Record<string, string>) =>
      (await reindexCommand(['--requester-hash'], { ...env, ...extra }, quiet)).stderr;
    expect(await refused({})).toContain('REQUESTER_HASH_SECRET or REQUESTER_HASH_SECRET_ARN is required');
    expect(await refused({ REQUESTER_HASH_SECRET: newKey, REQUESTER_HASH_SECRET_ARN: 'arn:x' })).toContain(
      'both set',
    );
    expect(await refused({ REQUESTER_HASH_SECRET: 'short' })).toContain('at least 32 characters');
    expect((await reindexCommand(['--nope'], env, quiet)).code).toBe(2);
  });
  it('lets a ticket reopened before the staff console be resolved again, counted by its first answer', async () => {
    const { reopened, answeredAt } = await olderTable();
    now = bogota('2026-11-06T09:00');
    const resolve = (t: Ticket) => policy.resolve(t, now, STAFF, 'Reversado de nuevo.');
    // Until the re-index, nothing says it was answered, and its first resolution's notice holds the id a first
    // resolution takes: the write is refused, and nothing changes.
    const before = await fresh.store.get(reopened.id);
    const blocked = resolve(before?.ticket as Ticket);
    expect(await fresh.store.applyTransition(blocked, before?.ticket.version as number)).toBe('stale');

    await reindexTickets(new TableClient(fresh.db, fresh.table));
    expect((await fresh.store.get(reopened.id))?.ticket.answeredAt).toBe(answeredAt);
    expect(await apply(reopened.id, resolve)).toMatchObject({ status: 'resolved', answeredAt });
    const [entry] = (await fresh.store.listPqrsaOfMonth('2026-11')).filter((e) => e.id === reopened.id);
    expect(entry?.summary.answeredAt).toBe(answeredAt);
  });

  it('gives an erased ticket its summary without the subject and no address hash, and never undoes an erasure', async () => {
    const erased = await submit({ type: 'queja', priority: 3, subject: 'Cobro duplicado' });
    const raced = await submit({ type: 'queja', priority: 3, subject: 'Otro cobro' });
    for (const ticket of [erased, raced]) {
      await apply(ticket.id, (t) => policy.resolve(t, now, STAFF, 'Respondido.'));
      await asWrittenBefore(ticket);
    }
    const erasure = {
      at: now,
      event: 'personal-data-erased' as const,
      by: 'sistema',
      note: 'Datos suprimidos.',
    };
    expect(await fresh.store.erasePersonalData(erased.id, erasure)).toBe(true);
    await fresh.db.send(
      new UpdateCommand({
        TableName: fresh.table,
        Key: keys.ticket(erased.id),
        UpdateExpression: 'REMOVE summary',
      }),
    );

    // The other is erased between the re-index's read and its update.
    const erasing = interrupted(raced.id, async () => {
      expect(await fresh.store.erasePersonalData(raced.id, erasure)).toBe(true);
    });
    const report = await reindexTickets(erasing, { requesterHash: keyedRequesterHash('n'.repeat(40)) });
    expect(report).toMatchObject({ tickets: 2, updated: 2, retried: 1, skipped: [] });
    for (const ticket of [erased, raced]) {
      const item = await stateItem(ticket.id);
      expect(item.erasedAt).toBe(now);
      expect(item.rh).toBeUndefined();
      expect(item.summary).toMatchObject({ subject: '', answeredAt: now });
      expect(JSON.stringify(item)).not.toContain('Cobro');
    }
  });
});
