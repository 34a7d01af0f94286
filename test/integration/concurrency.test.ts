// Retries and races against the real transaction semantics of DynamoDB Local.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseRadicado } from '#domain/radicado.js';
import type { TicketDraft } from '#domain/ticket.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import {
  mailsAbout,
  postJson,
  startTestTwin,
  type TestTwin,
  testRequesterHash,
  validSubmission,
  waitFor,
} from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(() => twin?.stop());

describe('Idempotency-Key', () => {
  it('twenty concurrent submissions with one key give one ticket and one set of e-mails', async () => {
    const key = randomUUID();
    const body = validSubmission({ subject: `Idempotencia ${key.slice(0, 8)}` });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson(twin.url, body, { 'idempotency-key': key })),
    );
    const created = responses.filter((r) => r.status === 201);
    const busy = responses.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const ids = new Set(created.map((r) => (r.json as { id: string }).id));
    expect(ids.size).toBe(1);
    for (const r of busy) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.json).toMatchObject({ error: { code: 'idempotency_key_in_flight' } });
    }
    const [id] = [...ids] as [string];
    expect(created.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(
      created.length - 1,
    );

    // After the dust settles: a replay answers 201 with the same ticket and a working status link.
    const replay = await postJson(twin.url, { ...body }, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(created[0]?.json);
    expect((await fetch((replay.json as { statusUrl: string }).statusUrl)).status).toBe(200);

    await waitFor(async () => (await mailsAbout(twin, id)).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailsAbout(twin, id)).toHaveLength(2);
  });

  it('the same key with another body is 422, and a body that fails validation does not lock its key', async () => {
    const key = randomUUID();
    const first = await postJson(twin.url, validSubmission({ requester: { name: 'Ana', email: 'bad' } }), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(400);
    const second = await postJson(twin.url, validSubmission(), { 'idempotency-key': key });
    expect(second.status).toBe(201);
    const other = await postJson(twin.url, validSubmission({ priority: 4 }), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    // Key order and spacing do not matter: the body is compared as parsed JSON.
    const reordered = Object.fromEntries(Object.entries(validSubmission()).reverse());
    const same = await postJson(twin.url, JSON.stringify(reordered, null, 2), { 'idempotency-key': key });
    expect(same.status).toBe(201);
    expect((same.json as { id: string }).id).toBe((second.json as { id: string }).id);

    for (const bad of ['', 'x'.repeat(256), 'clave con espacios']) {
      const response = await postJson(twin.url, validSubmission(), { 'idempotency-key': bad });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.json).toMatchObject({ error: { code: 'invalid_idempotency_key' } });
    }
  });
});

describe('radicados', () => {
  it('a hundred concurrent distinct submissions get a hundred consecutive radicados, with no gap', async () => {
    const before = await twin.store.listDue('biometria', Number.MAX_SAFE_INTEGER, 1000);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        postJson(twin.url, validSubmission({ product: 'biometria', subject: `Carga ${i}` })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    const sequences = responses
      .map((r) => parseRadicado((r.json as { id: string }).id)?.sequence ?? 0)
      .sort((a, b) => a - b);
    const first = before.length + 1;
    expect(sequences).toEqual(Array.from({ length: 100 }, (_, i) => first + i));
  });

  it('writers in separate processes (several stores) race on the register and still leave no gap', async () => {
    const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint });
    const stores = Array.from({ length: 4 }, () => new DynamoStore(db, twin.tableName, testRequesterHash));
    const record = await twin.store.get(
      (await postJson(twin.url, validSubmission({ product: 'certifactura' }))).json.id as string,
    );
    const draft: TicketDraft = { ...(record?.ticket as TicketDraft) };
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        stores[i % stores.length]?.create({
          draft,
          register: { prefix: 'CF', year: 2031 },
          history: { at: draft.receivedAt, event: 'received', by: 'requester' },
          notifications: [],
        }),
      ),
    );
    const sequences = created
      .map((c) => parseRadicado(c?.state === 'created' ? c.ticket.id : '')?.sequence ?? 0)
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    db.destroy();
  });
});
