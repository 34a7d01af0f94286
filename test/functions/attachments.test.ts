// The attachments' adapters and routes without AWS: the download links (signed, expiring, under their own prefix),
// the presigned POST's policy (exact key and type, 1 byte to the declared size, 10 minutes), the name a file is saved
// under, and what GET /attachments/{token} answers for each state of the file.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { addUploads, downloadLink, UPLOAD_SETTLED_MS } from '#domain/attachments.js';
import { HmacDownloadLinks } from '#functions/adapters/attachment-links.js';
import { HmacAccessTokens } from '#functions/adapters/hmac-tokens.js';
import { contentDisposition, type FileState, S3Attachments } from '#functions/adapters/s3-attachments.js';
import { s3Client } from '#functions/adapters/s3-raw-mail.js';
import { type AttachmentDeps, attachmentsHandler } from '#functions/http/attachments.js';
import { bogota, pqrsaTicket } from '../helpers.js';

const SECRET = 'a-test-secret-that-is-long-enough-1234';
const NOW = bogota('2026-11-23T10:00');
const DAY = 86_400_000;
const ticket = pqrsaTicket('incidente');

describe('download links', () => {
  const links = new HmacDownloadLinks(SECRET);
  const claims = { ticketId: ticket.id, key: `attachments/${ticket.id}/abc`, expiresAt: NOW + 30 * DAY };

  it('verify until they expire, and not under another key, tampered or as another token kind', () => {
    const token = links.issue(claims);
    expect(links.verify(token, NOW + DAY)).toEqual({ ok: true, claims });
    expect(links.verify(token, NOW + 30 * DAY)).toEqual({ ok: false, reason: 'expired' });
    expect(new HmacDownloadLinks(`${SECRET}x`).verify(token, NOW).ok).toBe(false);
    const [payload, signature] = token.split('.');
    const other = Buffer.from(
      JSON.stringify({ t: ticket.id, k: 'attachments/CF-2026-000008/abc', exp: claims.expiresAt }),
    ).toString('base64url');
    expect(links.verify(`${other}.${signature}`, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.verify(`${payload}.${new HmacAccessTokens(SECRET).issue(payload ?? '')}`, NOW).ok).toBe(
      false,
    );
    expect(links.verify('x'.repeat(2000), NOW).ok).toBe(false);
  });

  it('are API URLs valid 30 days from when they are given', () => {
    const url = downloadLink(links, 'https://api.example.com', NOW)(ticket.id, claims.key);
    const token = url.replace('https://api.example.com/attachments/', '');
    expect(links.verify(token, NOW + 30 * DAY - 1).ok).toBe(true);
    expect(links.verify(token, NOW + 30 * DAY).ok).toBe(false);
  });
});

describe('the presigned POST', () => {
  it('binds the exact key and type, 1 byte to the declared size, for 10 minutes', async () => {
    const files = new S3Attachments(
      s3Client({ AWS_REGION: 'local', S3_ENDPOINT: 'http://127.0.0.1:1' }),
      'mail',
      true,
    );
    const form = await files.uploadForm('attachments/CF-2026-000007/abc', 'image/png', 1234);
    expect(form.url).toBe('http://127.0.0.1:1/mail');
    expect(form.fields).toMatchObject({ key: 'attachments/CF-2026-000007/abc', 'Content-Type': 'image/png' });
    const policy = JSON.parse(Buffer.from(form.fields.Policy ?? '', 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 1234],
        ['eq', '$Content-Type', 'image/png'],
        { key: 'attachments/CF-2026-000007/abc' },
        { bucket: 'mail' },
      ]),
    );
    const minutes = (Date.parse(policy.expiration) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
  });

  it('saves a file under its name, with an ASCII fallback', () => {
    expect(contentDisposition('Factura "ñ" 1.pdf')).toBe(
      `attachment; filename="Factura _n_ 1.pdf"; filename*=UTF-8''Factura%20%22%C3%B1%22%201.pdf`,
    );
  });
});

describe('GET /attachments/{token}', () => {
  const links = new HmacDownloadLinks(SECRET);
  const step = addUploads(
    ticket,
    [],
    [{ name: 'captura.png', type: 'image/png', size: 10 }],
    NOW,
    () => 'abc',
  );
  const key = step.history[0]?.attachments?.[0]?.key ?? '';
  const deps = (state: FileState, erased = false): AttachmentDeps => ({
    tickets: {
      get: async (id) =>
        id === ticket.id
          ? { ticket: erased ? { ...ticket, erasedAt: NOW } : ticket, history: step.history }
          : undefined,
      applyTransition: async () => 'applied',
    },
    tokens: new HmacAccessTokens(SECRET),
    links,
    files: {
      uploadForm: async () => ({ url: '', fields: {} }),
      state: async () => state,
      downloadUrl: async (k, name, type) => `https://s3.example/${k}?name=${name}&type=${type}`,
    },
    clock: { now: () => NOW },
  });
  const get = (d: AttachmentDeps, token: string) =>
    attachmentsHandler(d)({
      routeKey: 'GET /attachments/{token}',
      pathParameters: { token },
      requestContext: { http: { method: 'GET' }, requestId: 'r' },
      headers: {},
    } as unknown as APIGatewayProxyEventV2);
  const token = (k = key, expiresAt = NOW + DAY) => links.issue({ ticketId: ticket.id, key: k, expiresAt });

  it('redirects to a presigned GET only for a file recorded on the ticket and scanned clean', async () => {
    const clean = await get(deps('clean'), token());
    expect(clean.statusCode).toBe(302);
    expect(clean.headers?.location).toBe(`https://s3.example/${key}?name=captura.png&type=image/png`);
    for (const state of ['scanning', 'blocked', 'missing'] as const) {
      const page = await get(deps(state), token());
      expect([state, page.statusCode, page.headers?.['content-type']]).toEqual([
        state,
        409,
        'text/html; charset=utf-8',
      ]);
    }
    expect((await get(deps('blocked'), token())).body).toContain('no pasó la revisión');
  });

  it('says a declared upload that never arrived within its window will not: 410, and how to attach it again', async () => {
    const at = (now: number, state: FileState) => get({ ...deps(state), clock: { now: () => now } }, token());
    const lapsed = await at(NOW + UPLOAD_SETTLED_MS, 'missing');
    expect(lapsed.statusCode).toBe(410);
    expect(lapsed.body).toContain('Archivo no recibido');
    expect(lapsed.body).toContain('adjuntarlo de nuevo');
    expect((await at(NOW + UPLOAD_SETTLED_MS - 1, 'missing')).statusCode).toBe(409);
    expect((await at(NOW + 2 * UPLOAD_SETTLED_MS, 'scanning')).statusCode).toBe(409);
    expect((await at(NOW + 2 * UPLOAD_SETTLED_MS, 'clean')).statusCode).toBe(302);
  });

  it('answers 404 for a bad link, another key or an erased ticket, 410 for an expired link', async () => {
    expect((await get(deps('clean'), 'nope')).statusCode).toBe(404);
    expect((await get(deps('clean'), token(`attachments/${ticket.id}/other`))).statusCode).toBe(404);
    expect((await get(deps('clean', true), token())).statusCode).toBe(404);
    expect((await get(deps('clean'), token(key, NOW))).statusCode).toBe(410);
  });
});

describe('POST /requests/{id}/attachments', () => {
  const MIN = 60_000;
  const tokens = new HmacAccessTokens(SECRET);
  let n = 0;
  const five = addUploads(
    ticket,
    [],
    Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.png`, type: 'image/png', size: 10 })),
    NOW,
    () => `early${++n}`,
  ).history;
  const keys = five.flatMap((h) => h.attachments ?? []).map((a) => a.key);

  /** A ticket with five declared uploads at NOW; the store holds `received` of them. */
  function setup(received: readonly string[], at: number) {
    const asked: string[] = [];
    const applied: unknown[] = [];
    const deps: AttachmentDeps = {
      tickets: {
        get: async () => ({ ticket, history: five }),
        applyTransition: async (t) => {
          applied.push(t);
          return 'applied';
        },
      },
      tokens,
      links: new HmacDownloadLinks(SECRET),
      files: {
        uploadForm: async (key) => ({ url: 'https://s3.example/mail', fields: { key } }),
        state: async (key) => {
          asked.push(key);
          return received.includes(key) ? 'clean' : 'missing';
        },
        downloadUrl: async () => '',
      },
      clock: { now: () => at },
    };
    const post = (files: number) =>
      attachmentsHandler(deps)({
        routeKey: 'POST /requests/{id}/attachments',
        pathParameters: { id: ticket.id },
        requestContext: { http: { method: 'POST' }, requestId: 'r' },
        headers: { authorization: `Bearer ${tokens.issue(ticket.id)}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          files: Array.from({ length: files }, (_, i) => ({
            name: `n${i}.png`,
            type: 'image/png',
            size: 10,
          })),
        }),
      } as unknown as APIGatewayProxyEventV2);
    return { asked, applied, post };
  }

  it('lets a requester whose earlier files never arrived attach new ones, counting only those received', async () => {
    const later = NOW + 20 * MIN;
    const twoLost = setup(keys.slice(0, 3), later);
    expect((await twoLost.post(2)).statusCode).toBe(201);
    expect(twoLost.asked.sort()).toEqual([...keys].sort());
    const refused = await twoLost.post(3);
    expect(refused.statusCode).toBe(409);
    expect(JSON.parse(String(refused.body))).toMatchObject({ error: { reason: 'too_many_attachments' } });
    expect(twoLost.applied).toHaveLength(1);
  });

  it('still counts them while their upload window is open: the browser may still be sending them', async () => {
    const during = setup([], NOW + 5 * MIN);
    expect((await during.post(1)).statusCode).toBe(409);
    expect(during.asked).toEqual([]);
    expect(during.applied).toEqual([]);
  });
});
