// The console's pages are gzipped by the function itself when the client accepts it (functions/http/kit.ts): the
// HTTP API and the edge distribution (which caches nothing) do not compress.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  acceptsGzip,
  COMPRESS_FROM_BYTES,
  compressed,
  type HttpEvent,
  type HttpResult,
} from '../../functions/http/kit.js';

const page = `<!doctype html><p>${'fila de la cola · '.repeat(400)}</p>`;
const html = (body: string): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  cookies: ['staff=abc; HttpOnly'],
  body,
});
const from = (acceptEncoding?: string) =>
  ({
    headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
  }) as unknown as HttpEvent;

describe('compressed', () => {
  it('gzips a text page the client accepts, keeping status, headers and cookies, and it reads back exactly', () => {
    const result = compressed(from('gzip, deflate, br'), html(page));
    expect(result).toMatchObject({
      statusCode: 200,
      isBase64Encoded: true,
      cookies: ['staff=abc; HttpOnly'],
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
      },
    });
    const bytes = Buffer.from(String(result.body), 'base64');
    expect(gunzipSync(bytes).toString('utf8')).toBe(page);
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(page) / 10);
  });

  it('sends the page as it is when the client does not accept gzip, still naming the header in vary', () => {
    for (const accept of [undefined, '', 'br', 'identity', 'gzip;q=0', '*;q=0', 'gzip;q=0, *']) {
      const result = compressed(from(accept), html(page));
      expect(result.body, String(accept)).toBe(page);
      expect(result.isBase64Encoded).toBeUndefined();
      expect(result.headers).toMatchObject({ vary: 'accept-encoding' });
      expect(result.headers?.['content-encoding']).toBeUndefined();
    }
  });

  it('leaves small bodies, redirects, binary and non-text results alone', () => {
    const small = 'x'.repeat(COMPRESS_FROM_BYTES - 1);
    expect(compressed(from('gzip'), html(small)).body).toBe(small);
    const redirect: HttpResult = { statusCode: 303, headers: { location: '/staff' }, body: '' };
    expect(compressed(from('gzip'), redirect)).toBe(redirect);
    const binary: HttpResult = {
      statusCode: 200,
      headers: { 'content-type': 'text/csv' },
      body: Buffer.from(page).toString('base64'),
      isBase64Encoded: true,
    };
    expect(compressed(from('gzip'), binary)).toBe(binary);
    const image: HttpResult = { statusCode: 200, headers: { 'content-type': 'image/png' }, body: page };
    expect(compressed(from('gzip'), image)).toBe(image);
  });

  it('gzips the CSV download and JSON too', () => {
    const csv = compressed(from('gzip'), {
      ...html(page),
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(csv.headers?.['content-encoding']).toBe('gzip');
    const json = compressed(from('gzip'), { ...html(page), headers: { 'content-type': 'application/json' } });
    expect(json.headers?.['content-encoding']).toBe('gzip');
  });
});

describe('acceptsGzip', () => {
  it('reads codings and weights as RFC 9110 gives them, case aside', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('GZIP;Q=0.5')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('br, *;q=0.1')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
