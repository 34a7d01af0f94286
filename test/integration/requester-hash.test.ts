// Every hash of a requester's address the table stores is keyed (functions/adapters/requester-hash.ts): a ticket's
// `rh`, the acknowledgement and lookup rate windows. The raw items hold no plain SHA-256 of the address anyone could
// recompute from a guess, the requester's tickets are found through the keyed one, and not under another key.
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keyedRequesterHash } from '#functions/adapters/requester-hash.js';
import { bogota } from '../helpers.js';
import { freshStore, submitTrusted, TestClock, testRequesterHash, validSubmission } from './support.js';

const clock = new TestClock(bogota('2026-11-23T10:00'));
const EMAIL = 'keyed.owner@example.com';
const PRODUCTS = ['certifactura', 'biometria'];
let fresh: Awaited<ReturnType<typeof freshStore>>;
beforeAll(async () => {
  fresh = await freshStore('rh');
});

const rawTable = async (): Promise<string> =>
  JSON.stringify((await fresh.db.send(new ScanCommand({ TableName: fresh.table }))).Items ?? []);

describe('the stored hashes of a requester address', () => {
  it('find the requester’s tickets in any case or spacing, under the key they were written with only', async () => {
    const { store } = fresh;
    const submitted = await submitTrusted(
      store,
      clock,
      validSubmission({ requester: { name: 'Ana Pérez', email: EMAIL } }),
    );
    await submitTrusted(
      store,
      clock,
      validSubmission({ requester: { name: 'Otro', email: 'other@example.com' } }),
    );

    const open = await store.listOpenByRequester('  Keyed.Owner@EXAMPLE.com ', PRODUCTS);
    expect(open.map((t) => t.id)).toEqual([submitted.ticket.id]);
    const all = await store.listByRequester(EMAIL.toUpperCase(), PRODUCTS);
    expect(all.map((r) => r.ticket.id)).toEqual([submitted.ticket.id]);

    const otherKey = new DynamoStore(fresh.db, fresh.table, keyedRequesterHash('o'.repeat(40)));
    expect(await otherKey.listOpenByRequester(EMAIL, PRODUCTS)).toEqual([]);
    expect(await otherKey.listByRequester(EMAIL, PRODUCTS)).toEqual([]);
  });

  it('are the keyed hash in `rh` and the rate windows, and never a plain SHA-256 of the address', async () => {
    const { store } = fresh;
    expect(await store.reserveAcknowledgement(EMAIL, '2026-11-23T10', 'claim-1', 3)).toBe(true);
    expect(await store.enqueueLookup({ email: EMAIL, locale: 'es', kind: 'links', at: clock.now() })).toBe(
      'queued',
    );
    const raw = await rawTable();
    const keyed = testRequesterHash(EMAIL);
    expect(raw).toContain(`"rh":"${keyed}"`);
    expect(raw).toContain(`RATE#ACK#${keyed}#`);
    expect(raw).toContain(`RATE#LOOKUP#${keyed}#`);
    const plain = createHash('sha256').update(EMAIL).digest();
    for (const encoding of ['hex', 'base64url', 'base64'] as const) {
      expect(raw).not.toContain(plain.toString(encoding).slice(0, 16));
    }
  });
});
