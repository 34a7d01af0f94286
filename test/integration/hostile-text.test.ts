// Hostile input, round two, through the twin: ill-formed text refused per field, emoji cut at whole characters in the
// most critical mail, bounded work before any recursive walk, malformed paths, oversized bodies on a kept-alive
// connection, and a DynamoDB outage answered 503 with Retry-After.
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWellFormed } from '#domain/text.js';
import { startDynamoDbLocal } from '../../scripts/twin/emulators.js';
import { bogota } from '../helpers.js';
import { mailsAbout, postJson, startTestTwin, type TestTwin, validSubmission, waitFor } from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  // Sunday night: Certifactura support is closed, so a P1 incident goes to the P1 line (three notifications).
  twin = await startTestTwin({ start: bogota('2026-11-22T23:30') });
});
afterAll(() => twin?.stop());

type ErrorBody = { error: { code: string; fields?: { path: string; code?: string; message: string }[] } };

describe('ill-formed text', () => {
  it('is refused in every text field with validation_failed naming the field, in Spanish and English', async () => {
    const before = await twin.itemCount();
    const lone = 'Factura \ud83d rechazada';
    const bodies = {
      subject: validSubmission({ subject: lone }),
      description: validSubmission({ description: `${lone} desde ayer en la tarde` }),
      'requester.name': validSubmission({ requester: { name: 'Ana \udc00', email: 'ana@example.com' } }),
      'consent.policyVersion': validSubmission({ consent: { accepted: true, policyVersion: 'v\ud800' } }),
    };
    for (const [path, body] of Object.entries(bodies)) {
      const es = await postJson(twin.url, body);
      expect(es.status, path).toBe(400);
      const error = (es.json as ErrorBody).error;
      expect(error.code).toBe('validation_failed');
      expect(error.fields).toContainEqual({
        path,
        code: 'ill_formed_text',
        message: expect.stringMatching(/texto mal formado/),
      });
      const en = await postJson(twin.url, body, { 'accept-language': 'en' });
      expect((en.json as ErrorBody).error.fields?.find((f) => f.path === path)?.message).toMatch(
        /ill-formed text/,
      );
    }
    // Keys too, and a lookup address: nothing the API accepts may hold a lone surrogate.
    const key = await postJson(twin.url, `{"sub\\ud800":1,${JSON.stringify(validSubmission()).slice(1)}`);
    expect((key.json as ErrorBody).error.fields?.[0]).toMatchObject({ code: 'ill_formed_text' });
    const lookup = await fetch(`${twin.url}/requests/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana\ud800@example.com' }),
    });
    expect(lookup.status).toBe(400);
    expect(await twin.itemCount()).toBe(before);
  });

  it('is refused in the escalation reason too, changing nothing', async () => {
    const created = await postJson(twin.url, validSubmission());
    const statusUrl = new URL(created.json.statusUrl as string);
    const answer = await fetch(`${twin.url}/requests/${created.json.id}/escalate${statusUrl.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Nadie responde \ud83d desde hace días' }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as ErrorBody).error.fields?.[0]).toMatchObject({
      path: 'reason',
      code: 'ill_formed_text',
    });
  });
});

describe('emoji at the cut', () => {
  it('a P1 out-of-hours incident whose subject is cut inside an emoji still mails staff, the requester and on-call', async () => {
    const subject = `Caida total ${'🔥'.repeat(94)}`;
    const created = await postJson(twin.url, validSubmission({ priority: 1, subject }));
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((created.json.routing as { destination: string }).destination).toBe('p1-line');
    const record = await waitFor(async () => {
      const found = await twin.store.get(id);
      return found?.notifications?.every((n) => n.status === 'sent') && found;
    });
    expect((record.notifications ?? []).map((n) => n.kind).sort()).toEqual([
      'page',
      'requester-ack',
      'routed',
    ]);
    const staff = (await mailsAbout(twin, id)).find((m) =>
      m.destination.to.includes('soporte.certifactura@certicamara.com'),
    );
    expect(isWellFormed(staff?.subject ?? '\ud800')).toBe(true);
    expect(staff?.subject).toMatch(/🔥$/u);
  });
});

describe('bounded work before validation', () => {
  it('answers a 10,000-deep body with an Idempotency-Key 400, never 500', async () => {
    const deep = `{"product":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const answer = await postJson(twin.url, deep, { 'idempotency-key': 'deep-1' });
    expect(answer.status).toBe(400);
    expect((answer.json as ErrorBody).error.fields?.[0]).toMatchObject({ path: '', code: 'too_deep' });
    const wide = JSON.stringify({ ...validSubmission(), extra: Array.from({ length: 3000 }, () => 0) });
    const many = await postJson(twin.url, wide, { 'idempotency-key': 'wide-1' });
    expect((many.json as ErrorBody).error.fields?.[0]).toMatchObject({ code: 'too_many_values' });
  });
});

describe('the twin as API Gateway', () => {
  it('answers malformed %-escapes in a path 400', async () => {
    for (const path of ['/requests/%', '/assets/%', '/requests/%E0%A4%A/escalate']) {
      const answer = await fetch(`${twin.url}${path}`, {
        method: path.endsWith('escalate') ? 'POST' : 'GET',
      });
      expect(answer.status, path).toBe(400);
      expect(await answer.json()).toEqual({ message: 'Bad Request' });
    }
  });

  it('closes the connection after a 413, so the next request on a kept-alive agent is served', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${twin.url}/requests`);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'x-api-key': twin.apiKey },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await send(Buffer.alloc(11 * 1024 * 1024, 0x20)).catch(
        (e: NodeJS.ErrnoException) => e.code,
      );
      expect([413, 'ECONNRESET', 'EPIPE']).toContain(big);
      expect(await send(Buffer.from(JSON.stringify(validSubmission())))).toBe(201);
    } finally {
      agent.destroy();
    }
  });
});

describe('an outage', () => {
  it('answers 503 with Retry-After when DynamoDB Local is gone, and writes nothing', async () => {
    const dynamo = await startDynamoDbLocal({});
    const own = await startTestTwin({ start: bogota('2026-11-23T10:00'), dynamoEndpoint: dynamo.endpoint });
    try {
      expect((await postJson(own.url, validSubmission())).status).toBe(201);
      await dynamo.stop();
      const answer = await postJson(own.url, validSubmission());
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((answer.json as ErrorBody).error.code).toBe('service_unavailable');
    } finally {
      await own.stop().catch(() => undefined);
      await dynamo.stop();
    }
  });
});
