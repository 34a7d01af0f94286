import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNew } from '#domain/notify/deliver.js';
import { eraseExpired } from '#domain/retention.js';
import type { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keys } from '#functions/adapters/table.js';
import { bogota, policy } from '../helpers.js';
import { deliveryOver, freshStore, submitTrusted, TestClock, validSubmission } from './support.js';

const clock = new TestClock(bogota('2026-11-23T10:00'));
let db: Awaited<ReturnType<typeof freshStore>>['db'];
let store: DynamoStore;
let table: string;
beforeAll(async () => {
  ({ db, store, table } = await freshStore('retention'));
});
afterAll(() => db?.destroy());

const PERSONAL = {
  subject: 'Factura de Marta Lucía rechazada',
  description: 'Mi cédula 1020304050 aparece mal en la factura electrónica.',
  requester: {
    name: 'Marta Lucía Rojas',
    email: 'marta.rojas@example.com',
    phone: '+57 310 555 0101',
    documentId: '1020304050',
  },
};

const deps = () => ({ tickets: store, products: ['certifactura', 'biometria'], clock, retentionYears: 10 });

/** Every item of a ticket as stored (state, body, history), as JSON. */
async function rawItems(id: string): Promise<string> {
  const { pk, sk } = keys.ticket(id);
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
    }),
  );
  return JSON.stringify(Items);
}

describe('retention of personal data', () => {
  it('erases it the retention period after closing, keeps the anonymised ticket, and does it once', async () => {
    const { ticket } = await submitTrusted(store, clock, validSubmission(PERSONAL));
    await deliverNew(deliveryOver(store, clock, { send: async () => ({ messageId: 'm' }) }), ticket.id);
    const open = await store.get(ticket.id);
    if (!open) throw new Error('no ticket');
    clock.advance(3_600_000);
    const acknowledged = policy.acknowledge(
      open.ticket,
      clock.now(),
      'Laura Gómez <laura.gomez@certicamara.com> (nivel 1)',
    );
    expect(await store.applyTransition(acknowledged, open.ticket.version)).toBe('applied');
    clock.advance(3_600_000);
    const answer = 'Señora Marta Lucía Rojas: corregimos la cédula 1020304050 en su factura.';
    const resolved = policy.resolve(
      acknowledged.ticket,
      clock.now(),
      'Laura Gómez <laura.gomez@certicamara.com> (nivel 1)',
      answer,
    );
    expect(await store.applyTransition(resolved, acknowledged.ticket.version)).toBe('applied');
    const closedAt = resolved.ticket.resolvedAt ?? 0;

    // 3,650 days later (two leap days short of ten years), nothing is erased; a little past ten years, it is.
    clock.advance(closedAt + 10 * 365 * 86_400_000 - clock.now());
    expect(await eraseExpired(deps())).toBe(0);
    expect(await rawItems(ticket.id)).toContain('marta.rojas@example.com');
    clock.advance(closedAt + 10 * 366 * 86_400_000 - clock.now());
    expect(await eraseExpired(deps())).toBe(1);
    expect(await eraseExpired(deps())).toBe(0);

    const raw = await rawItems(ticket.id);
    for (const personal of [
      'Marta',
      'Rojas',
      'marta.rojas',
      '1020304050',
      '555 0101',
      'Laura',
      'laura.gomez',
      'cédula',
    ])
      expect(raw, personal).not.toContain(personal);
    expect(raw).not.toContain('"rh"');

    const record = await store.get(ticket.id);
    expect(record?.ticket).toMatchObject({
      product: 'certifactura',
      type: 'incidente',
      priority: 'P2',
      status: 'resolved',
      resolvedAt: closedAt,
      subject: '',
      description: '',
      requester: { name: '', email: '' },
    });
    expect(record?.ticket.routing.mailbox).toMatch(/@certicamara\.com$/);
    expect(record?.history.map((h) => h.event)).toContain('personal-data-erased');
    expect(record?.history.find((h) => h.event === 'acknowledged')?.by).toBe('personal de soporte (nivel 1)');
    expect(record?.history.find((h) => h.event === 'resolved')?.note).toBeUndefined();
    // Out of the index the erasure reads: a later sweep reads nothing of it.
    expect(await store.listClosedBefore('certifactura', clock.now())).toEqual([]);
  });

  it('leaves open tickets alone, however old', async () => {
    const { ticket } = await submitTrusted(store, clock, validSubmission(PERSONAL));
    clock.advance(20 * 366 * 86_400_000);
    expect(await eraseExpired(deps())).toBe(0);
    expect(await rawItems(ticket.id)).toContain('marta.rojas@example.com');
  });
});
