// The web pages as the twin serves them, the form's bot checks, and "I lost my link" (POST /requests/lookup).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { escalationPolicy } from '#functions/wiring.js';
import { bogota, policy } from '../helpers.js';
import {
  AS_FORM,
  postJson,
  type StoredMail,
  startTestTwin,
  type TestTwin,
  validSubmission,
  waitFor,
} from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ start: bogota('2026-11-23T10:00'), formMinFillMs: 5_000 });
});
afterAll(() => twin?.stop());

async function page(path: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${twin.url}${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The form token the page was served with. */
async function servedToken(): Promise<string> {
  const { text } = await page('/');
  const token = /name="form-token" content="([^"]+)"/.exec(text)?.[1];
  if (!token) throw new Error('no form token in the page');
  return token;
}

async function mailsTo(address: string): Promise<StoredMail[]> {
  const { sesEndpoint } = inject('emulators');
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.from === twin.mailFrom && m.destination.to.includes(address));
}

async function lookup(body: unknown): Promise<Response> {
  return fetch(`${twin.url}/requests/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the pages', () => {
  it('serves the form with a fresh token, the policy link filled in, and strict security headers', async () => {
    const { status, headers, text } = await page('/');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(text).not.toMatch(/%[A-Z_]+%/);
    expect(text).toMatch(/name="form-token" content="[0-9a-z]+_[0-9a-f]{32}\.[\w-]{43}"/);
    const script = /src="(\/assets\/form-\w+\.js)"/.exec(text)?.[1];
    expect(script).toBeDefined();
    const asset = await page(script ?? '');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves the status page, and 404 for an unknown asset', async () => {
    expect((await page('/status')).status).toBe(200);
    const missing = await page('/assets/form-NOPE.js');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('Not found');
  });
});

describe('the bot checks', () => {
  it('refuses a form filled faster than a person could, or with the honeypot filled, and writes nothing', async () => {
    const before = await twin.itemCount();
    const token = await servedToken();
    const tooFast = await postJson(twin.url, validSubmission({ form: { token, website: '' } }), AS_FORM);
    expect(tooFast.status).toBe(400);
    expect(tooFast.json).toEqual({
      error: { code: 'rejected', message: expect.stringContaining('No pudimos procesar') },
    });

    twin.clock.advance(6_000);
    const honeypot = await postJson(twin.url, validSubmission({ form: { token, website: 'x' } }), AS_FORM);
    expect(honeypot.status).toBe(400);
    expect((honeypot.json.error as { code: string }).code).toBe('rejected');

    const forged = await postJson(
      twin.url,
      validSubmission({ form: { token: `${token.split('.')[0]}.${'A'.repeat(43)}`, website: '' } }),
      AS_FORM,
    );
    expect((forged.json.error as { code: string }).code).toBe('rejected');

    twin.clock.advance(25 * 3_600_000);
    const stale = await postJson(twin.url, validSubmission({ form: { token, website: '' } }), AS_FORM);
    expect((stale.json.error as { code: string }).code).toBe('rejected');
    expect(await twin.itemCount()).toBe(before);
  });

  it('accepts the same form once a person could have filled it', async () => {
    const token = await servedToken();
    twin.clock.advance(6_000);
    const accepted = await postJson(twin.url, validSubmission({ form: { token, website: '' } }), AS_FORM);
    expect(accepted.status).toBe(201);
  });
});

describe('POST /requests/lookup', () => {
  it('mails the links of the open tickets to the address itself, and answers 202 whoever asks', async () => {
    const email = 'lookup.owner@example.com';
    const requester = { name: 'Luis Gómez', email };
    const first = await postJson(twin.url, validSubmission({ requester, subject: 'Factura rechazada' }));
    const second = await postJson(twin.url, validSubmission({ requester, type: 'peticion', priority: 3 }));
    const ids = [first.json.id, second.json.id] as string[];

    const answer = await lookup({ email: 'Lookup.Owner@Example.com' });
    expect(answer.status).toBe(202);
    const said = await answer.json();
    expect(said).toMatchObject({
      status: 'accepted',
      message: expect.stringContaining('Si hay solicitudes'),
    });
    const [mail] = await waitFor(async () => {
      const found = (await mailsTo(email)).filter((m) => m.subject.startsWith('Enlaces'));
      return found.length > 0 && found;
    });
    expect(mail?.subject).toBe('Enlaces de sus solicitudes abiertas');
    for (const id of ids) {
      expect(mail?.body.text).toMatch(new RegExp(`/status#id=${id}&token=[\\w-]{43}`));
    }

    // An address without tickets gets the same answer, and no mail.
    const nobody = await lookup({ email: 'nobody@example.com' });
    expect(nobody.status).toBe(202);
    expect(await nobody.json()).toEqual(said);
    const english = await lookup({ email: 'nobody@example.com', locale: 'en' });
    expect(await english.json()).toMatchObject({
      message: expect.stringContaining('If there are open requests'),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mailsTo('nobody@example.com')).toEqual([]);
  });

  it('mails a copy of the data held to the address itself, open and closed tickets, staff by role only', async () => {
    const email = 'export.owner@example.com';
    const requester = { name: 'Nora Quintero', email, documentId: '52123456' };
    const first = await postJson(twin.url, validSubmission({ requester, subject: 'Certificado vencido' }));
    const second = await postJson(
      twin.url,
      validSubmission({ requester, subject: 'Otra consulta resuelta' }),
    );
    const closed = await twin.store.get(String(second.json.id));
    if (!closed) throw new Error('no ticket');
    const resolved = policy.resolve(
      closed.ticket,
      twin.clock.now(),
      'Pablo Ruiz <pablo@certicamara.com> (nivel 1)',
      'Listo.',
    );
    expect(await twin.store.applyTransition(resolved, closed.ticket.version)).toBe('applied');

    const answer = await lookup({ email, kind: 'export' });
    expect(answer.status).toBe(202);
    expect(await answer.json()).toMatchObject({ message: expect.stringContaining('una copia de sus datos') });
    const [mail] = await waitFor(async () => {
      const found = (await mailsTo(email)).filter((m) => m.subject.startsWith('Copia de sus datos'));
      return found.length > 0 && found;
    });
    for (const expected of [
      first.json.id,
      second.json.id,
      'Certificado vencido',
      'Nora Quintero',
      '52123456',
      '2024-01',
    ])
      expect(mail?.body.text).toContain(expected);
    expect(mail?.body.text).not.toContain('Pablo');
    expect(mail?.body.text).not.toContain('pablo@');

    // Someone else's address gets the same answer and no mail; a wrong kind is a 400 naming the field.
    expect((await lookup({ email: 'stranger.export@example.com', kind: 'export' })).status).toBe(202);
    const wrong = await lookup({ email, kind: 'everything' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: { fields: [expect.objectContaining({ path: 'kind' })] },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mailsTo('stranger.export@example.com')).toEqual([]);
  });

  it('sends at most three lookups an hour to one address, still answering 202', async () => {
    const email = 'many.lookups@example.com';
    await postJson(twin.url, validSubmission({ requester: { name: 'Eva Ruiz', email } }));
    for (let i = 0; i < 5; i++) expect((await lookup({ email })).status).toBe(202);
    await waitFor(
      async () => (await mailsTo(email)).filter((m) => m.subject.startsWith('Enlaces')).length >= 3,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await mailsTo(email)).filter((m) => m.subject.startsWith('Enlaces'))).toHaveLength(3);

    twin.clock.advance(3_600_000);
    expect((await lookup({ email })).status).toBe(202);
    await waitFor(
      async () => (await mailsTo(email)).filter((m) => m.subject.startsWith('Enlaces')).length === 4,
    );
  });

  it('leaves resolved tickets out of the mail', async () => {
    const email = 'one.resolved@example.com';
    const requester = { name: 'Rosa Díaz', email };
    const open = (await postJson(twin.url, validSubmission({ requester, subject: 'Sigue abierta' }))).json;
    const closed = (await postJson(twin.url, validSubmission({ requester, subject: 'Ya resuelta' }))).json;
    const record = await twin.store.get(closed.id as string);
    if (!record) throw new Error('no ticket');
    const resolved = escalationPolicy().resolve(
      record.ticket,
      twin.clock.now(),
      'soporte',
      'Resuelta por teléfono.',
    );
    expect(await twin.store.applyTransition(resolved, record.ticket.version)).toBe('applied');

    expect((await lookup({ email })).status).toBe(202);
    const [mail] = await waitFor(async () => {
      const found = (await mailsTo(email)).filter((m) => m.subject.startsWith('Enlaces'));
      return found.length > 0 && found;
    });
    expect(mail?.body.text).toContain(open.id as string);
    expect(mail?.body.text).not.toContain(closed.id as string);
  });

  it('reports a bad address next to its field', async () => {
    const answer = await lookup({ email: 'not-an-address' });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      error: { code: 'validation_failed', fields: [{ path: 'email' }] },
    });
    expect((await lookup({ email: 'a@example.com', extra: 1 })).status).toBe(400);
  });
});
