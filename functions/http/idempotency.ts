// The Idempotency-Key header and the fingerprint of the body it guards.
import { createHash } from 'node:crypto';
import type { IdempotencyRequest } from '#domain/ports.js';
import { HttpError, type HttpEvent, header } from './kit.js';

/** 1–255 visible ASCII characters (IETF Idempotency-Key draft: a string, typically a UUID). */
const KEY = /^[\x21-\x7E]{1,255}$/;

export function idempotencyRequest(event: HttpEvent, body: unknown): IdempotencyRequest | undefined {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) throw new HttpError('invalid_idempotency_key');
  return { key, fingerprint: fingerprint(body) };
}

/** SHA-256 of the body as canonical JSON (keys sorted), so the same JSON compares equal however it is spelled. */
export function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
