// Submit through the twin's HTTP API, then find the ticket in DynamoDB Local and the mails in the SES emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { mailsAbout, postJson, startTestTwin, type TestTwin, validSubmission, waitFor } from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  // Sunday 22 November 2026, 10:00 Bogotá: Certifactura support and PQRSA are closed.
  twin = await startTestTwin({ start: bogota('2026-11-22T10:00') });
});
afterAll(() => twin?.stop());

describe('POST /requests', () => {
  it('records a P1 incident on a Sunday, routes it to the P1 line and mails staff (Cc level 2) and the requester', async () => {
    const response = await postJson(
      twin.url,
      validSubmission({
        priority: 1,
        subject: 'Caída total <b>facturación</b>',
        requester: { name: 'Ana Pérez', email: 'Ana.Perez@Example.com', documentId: '52.123.456' },
      }),
    );
    expect(response.status).toBe(201);
    const body = response.json as {
      id: string;
      status: string;
      routing: Record<string, unknown>;
      statusUrl: string;
      statusPageUrl: string;
    };
    expect(body.id).toMatch(/^CF-2026-\d{6}$/);
    expect(body.status).toBe('received');
    expect(body.routing).toMatchObject({
      destination: 'p1-line',
      escalationLevel: 2,
      mailbox: 'soporte.certifactura@certicamara.com',
      contactNow: { channel: 'p1-line', tel: '+573187174937' },
    });
    expect(body.statusUrl).toMatch(new RegExp(`^${twin.url}/requests/${body.id}\\?token=[A-Za-z0-9_-]{43}$`));
    // The page link carries the same token in its fragment, which browsers never send to a server.
    const token = new URL(body.statusUrl).searchParams.get('token');
    expect(body.statusPageUrl).toBe(`${twin.url}/status#id=${body.id}&token=${token}`);

    // The ticket, its history and its two outbox notifications are in the table.
    const record = await twin.store.get(body.id);
    expect(record?.ticket).toMatchObject({
      id: body.id,
      status: 'received',
      escalationLevel: 2,
      requester: { email: 'ana.perez@example.com', documentId: '52.123.456' },
      consent: { accepted: true, policyVersion: '2024-01' },
    });
    expect(record?.history.map((h) => h.event)).toEqual(['received']);

    const mails = await waitFor(async () => {
      const found = await mailsAbout(twin, body.id);
      return found.length >= 2 && found;
    });
    expect(mails).toHaveLength(2);
    const staff = mails.find((m) => m.destination.to.includes('soporte.certifactura@certicamara.com'));
    // Staff answer to the ticket's staff address (back to the router); the requester's address is in the body.
    expect(staff).toMatchObject({
      from: twin.mailFrom,
      replyTo: [twin.replies.addressFor(body.id, 's')],
      destination: { cc: ['supervisor.mesadeayuda@certicamara.com'] },
    });
    expect(staff?.replyTo[0]).toMatch(/^cf-2026-\d{6}\.s\.[a-z2-7]{16}@respuestas\.localhost$/);
    expect(staff?.body.text).toContain('ana.perez@example.com');
    expect(staff?.subject).toBe(
      `[${body.id}] CRÍTICO · Línea P1 · P1 · Incidente · Caída total <b>facturación</b>`,
    );
    expect(staff?.body.html).toContain('Caída total &lt;b&gt;facturación&lt;/b&gt;');
    expect(staff?.body.html).not.toContain('<b>facturación</b>');
    expect(staff?.body.text).toContain('Incidente crítico fuera del horario de soporte');
    expect(staff?.body.text).toContain('52.123.456');

    const ack = mails.find((m) => m.destination.to.includes('ana.perez@example.com'));
    expect(ack).toMatchObject({ replyTo: [twin.replies.addressFor(body.id, 'r')], destination: { cc: [] } });
    expect(ack?.subject).toBe(`Radicado ${body.id}: recibimos su solicitud`);
    expect(ack?.body.text).toContain('llame ahora a la línea P1 318 717 4937');
    expect(ack?.body.text).toContain(body.statusPageUrl);
    expect(ack?.body.text).toContain('domingo 22 de noviembre');

    // Both deliveries, and the page to on-call staff (P1-line route), are in the audit trail.
    const history = await waitFor(async () => {
      const r = await twin.store.get(body.id);
      return r && r.history.length === 4 && r.history;
    });
    expect(history.map((h) => h.event).sort()).toEqual(['notified', 'notified', 'paged', 'received']);
    const page = twin.pages.find((p) => p.subject.includes(body.id));
    expect(page?.subject).toBe(`P1 ${body.id} Certifactura: incidente critico, linea P1`);
    expect(page?.text).not.toContain('ana.perez@example.com');
    expect(page?.text).not.toContain('Caída total');
  });

  it('acknowledges in English for locale "en", with PQRSA deadlines and the ticket’s requester address as Reply-To', async () => {
    const response = await postJson(
      twin.url,
      validSubmission({ type: 'Petición', priority: undefined, locale: 'en', product: 'biometria' }),
    );
    expect(response.status).toBe(201);
    const id = (response.json as { id: string }).id;
    expect(id).toMatch(/^BIO-2026-\d{6}$/);
    const mails = await waitFor(async () => {
      const found = await mailsAbout(twin, id);
      return found.length >= 2 && found;
    });
    const staff = mails.find((m) => m.destination.to.includes('certicamararesponde@certicamara.com'));
    expect(staff?.destination.cc).toEqual([]);
    expect(staff?.subject).toBe(`[${id}] P3 · Petición · No puedo emitir facturas`);
    const ack = mails.find((m) => m.destination.to.includes('ana.perez@example.com'));
    expect(ack?.subject).toBe(`Reference ${id}: we received your request`);
    expect(ack?.replyTo).toEqual([twin.replies.addressFor(id, 'r')]);
    expect(staff?.replyTo).toEqual([twin.replies.addressFor(id, 's')]);
    expect(ack?.body.text).toContain('Legal deadline');
    expect(ack?.body.html).toContain('lang="en"');
  });

  it('answers the documented errors', async () => {
    const bad = await postJson(
      twin.url,
      validSubmission({ priority: 9, requester: { name: 'A', email: 'nope' } }),
      {
        'accept-language': 'en-US,en;q=0.9',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Some fields have problems; check each one.',
        fields: [
          { path: 'requester.name', code: 'too_short', message: 'Must be at least 2 characters.' },
          {
            path: 'requester.email',
            code: 'invalid_email',
            message: 'Must be a valid e-mail address, for example name@company.com.',
          },
          {
            path: 'priority',
            code: 'invalid_priority',
            message: 'Must be 1 to 4 or P1 to P4 (1 = critical).',
          },
        ],
      },
    });
    const malformed = await postJson(twin.url, '{"product":');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({
      error: { code: 'invalid_json', message: expect.stringMatching(/JSON/) },
    });

    const form = await fetch(`${twin.url}/requests`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const huge = await postJson(twin.url, validSubmission({ description: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('GET /requests/{id}', () => {
  it('returns the ticket and its history for the token holder (query or Bearer), and 404 otherwise', async () => {
    const created = await postJson(twin.url, validSubmission({ type: 'requerimiento', priority: 3 }));
    const { id, statusUrl } = created.json as { id: string; statusUrl: string };
    const token = new URL(statusUrl).searchParams.get('token') ?? '';

    const byQuery = await fetch(statusUrl);
    expect(byQuery.status).toBe(200);
    const view = (await byQuery.json()) as Record<string, unknown>;
    expect(view).toMatchObject({
      id,
      status: 'received',
      product: 'certifactura',
      type: 'requerimiento',
      priority: 'P3',
      deadlines: { firstResponseDueAt: '2026-11-23T11:00:00.000-05:00', legalDueAt: null },
      history: [expect.objectContaining({ event: 'received', by: 'requester' })],
    });
    expect(JSON.stringify(view)).not.toContain('ana.perez@example.com');

    const byBearer = await fetch(`${twin.url}/requests/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byBearer.status).toBe(200);

    for (const url of [
      `${twin.url}/requests/${id}`,
      // The last character changed (to one it is not: a token ending in `A` made this a valid one).
      `${twin.url}/requests/${id}?token=${token.slice(0, -1)}${token.endsWith('A') ? 'Q' : 'A'}`,
      `${twin.url}/requests/CF-2026-999999?token=${token}`,
      `${twin.url}/requests/not-a-radicado?token=${token}`,
    ]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});

describe('GET /routing and the gateway', () => {
  it('previews the decision, and reports bad fields', async () => {
    const ok = await fetch(`${twin.url}/routing?product=certifactura&type=incidente&priority=1`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      destination: 'p1-line',
      openNow: false,
      receivedAt: expect.stringMatching(/^2026-11-22T10:/),
    });
    const bad = await fetch(`${twin.url}/routing?product=x&type=queja&at=ayer`);
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path),
    ).toEqual(['product', 'at']);
  });

  it('applies CORS for configured origins only, and answers unknown routes like API Gateway', async () => {
    const preflight = await fetch(`${twin.url}/requests`, {
      method: 'OPTIONS',
      headers: { origin: twin.url, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(twin.url);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const foreign = await fetch(`${twin.url}/routing?product=biometria&type=queja`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`${twin.url}/routing?product=biometria&type=queja`, {
      headers: { origin: twin.url },
    });
    expect(own.headers.get('access-control-expose-headers')).toContain('retry-after');
    const missing = await fetch(`${twin.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
  });
});

describe('access patterns', () => {
  it("finds a requester's open tickets by e-mail (any case), newest first, and open tickets by due time", async () => {
    const email = `Luis.${Date.now()}@Example.com`;
    const ids: string[] = [];
    for (const subject of ['Primera solicitud', 'Segunda solicitud']) {
      const r = await postJson(twin.url, validSubmission({ subject, requester: { name: 'Luis', email } }));
      ids.push((r.json as { id: string }).id);
      twin.clock.advance(1000);
    }
    const mine = await twin.store.listOpenByRequester(email.toUpperCase(), ['certifactura', 'biometria']);
    expect(mine.map((t) => t.id)).toEqual([...ids].reverse());

    const first = await twin.store.get(ids[0] as string);
    const dueAt = first?.ticket.dueAt ?? 0;
    const due = await twin.store.listDue('certifactura', dueAt);
    expect(due.map((t) => t.id)).toContain(ids[0]);
    expect(due.every((t) => (t.dueAt ?? Infinity) <= dueAt)).toBe(true);
    expect((await twin.store.listDue('certifactura', dueAt - 1)).map((t) => t.id)).not.toContain(ids[0]);
  });
});
