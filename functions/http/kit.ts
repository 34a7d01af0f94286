// The HTTP edge shared by every handler (API Gateway HTTP API, payload 2.0): reading requests, the one response
// builder and the one error mapper. Clients never see a stack trace or an AWS error text.
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  NoticeMismatchError,
  PolicyVersionError,
  RejectedError,
  UnauthorizedError,
  UnavailableError,
  UnprocessableError,
  ValidationError,
} from '#domain/errors.js';
import { ActionRefused } from '#domain/escalation/policy.js';
import { checkBodyShape } from '#domain/intake/body-shape.js';
import { fieldMessage } from '#domain/intake/messages.js';
import { MAX_BODY_BYTES } from '#domain/intake/submission.js';
import { isWellFormed } from '#domain/text.js';
import type { Locale } from '#domain/ticket.js';
import { formatInstant } from '#domain/time/instant.js';
import { errorFields, logger } from '../logger.js';
import { count, METRIC } from '../metrics.js';
import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode, REFUSAL_MESSAGES } from './messages.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpHandler = (event: HttpEvent, context?: Context) => Promise<HttpResult>;

/** An HTTP-level failure (bad framing, missing resource) with one of the documented codes. */
export class HttpError extends Error {
  constructor(
    readonly errorCode: ErrorCode,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(errorCode);
    this.name = 'HttpError';
  }
}

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** The one response builder. */
export function json(
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): HttpResult {
  return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Below this a text body is sent as it is: gzip's header and the base64 step would cost more than they save. */
export const COMPRESS_FROM_BYTES = 2048;

/**
 * The result gzipped when the client accepts gzip and the body is text of at least COMPRESS_FROM_BYTES (neither the
 * HTTP API nor the edge distribution, which caches nothing, compresses for us); `vary` names the header either way.
 */
export function compressed(event: HttpEvent, result: HttpResult): HttpResult {
  const type = String(result.headers?.['content-type'] ?? '');
  if (
    result.isBase64Encoded ||
    !/^text\/|^application\/(json|javascript)/.test(type) ||
    result.body === undefined
  )
    return result;
  const headers = { ...result.headers, vary: 'accept-encoding' };
  if (!acceptsGzip(header(event, 'accept-encoding')) || Buffer.byteLength(result.body) < COMPRESS_FROM_BYTES)
    return { ...result, headers };
  return {
    ...result,
    headers: { ...headers, 'content-encoding': 'gzip' },
    body: gzipSync(result.body).toString('base64'),
    isBase64Encoded: true,
  };
}

/** Whether an Accept-Encoding value allows gzip: `gzip` (or `x-gzip`), else `*`, with a weight above 0. */
export function acceptsGzip(value: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const part of (value ?? '').toLowerCase().split(',')) {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(coding, q ? Number(q.slice(2)) : 1);
  }
  const weight = weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*');
  return weight !== undefined && weight > 0;
}

/** `?locale=`, then the body's `locale`, then Accept-Language; Spanish by default. */
export function requestLocale(event: HttpEvent, bodyLocale?: unknown): Locale {
  const explicit = event.queryStringParameters?.locale ?? bodyLocale;
  if (explicit === 'es' || explicit === 'en') return explicit;
  const accept = header(event, 'accept-language') ?? '';
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}

/** The request's media type: its Content-Type without parameters, lower-cased (empty when there is none). */
export function mediaType(event: HttpEvent): string {
  return (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The body's size in bytes as the client sent it (a base64-encoded body decoded), before reading it as text. */
export function bodyBytes(event: HttpEvent): number {
  if (!event.body) return 0;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').byteLength : Buffer.byteLength(event.body);
}

/**
 * A form-encoded body: 415 (`unsupported_media_type`) unless `application/x-www-form-urlencoded`, 413
 * (`payload_too_large`) above `maxBytes`, 400 when it is not UTF-8 (as bodyText).
 */
export function readFormBody(event: HttpEvent, maxBytes: number): URLSearchParams {
  if (mediaType(event) !== 'application/x-www-form-urlencoded') throw new HttpError('unsupported_media_type');
  if (bodyBytes(event) > maxBytes) throw new HttpError('payload_too_large');
  return new URLSearchParams(bodyText(event));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text; a body that is not valid UTF-8 (or, passed as text, holds a lone surrogate) is refused
 * (`invalid_json`) rather than silently repaired.
 */
export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  if (!event.isBase64Encoded) {
    if (!isWellFormed(event.body)) throw new HttpError('invalid_json');
    return event.body;
  }
  try {
    return UTF8.decode(Buffer.from(event.body, 'base64'));
  } catch {
    throw new HttpError('invalid_json');
  }
}

/**
 * The parsed JSON body: 415 unless JSON, 413 above 65,536 bytes, 400 when it does not parse, nests too deep, holds
 * too many values or ill-formed text (checked before anything walks it: fingerprint, validation, logs).
 */
export function readJsonBody(event: HttpEvent): unknown {
  if (mediaType(event) !== 'application/json') throw new HttpError('unsupported_media_type');
  if (bodyBytes(event) > MAX_BODY_BYTES) throw new HttpError('payload_too_large');
  const text = bodyText(event);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError('invalid_json');
  }
  checkBodyShape(parsed);
  return parsed;
}

/** Best-effort locale of a request whose body may be invalid, for the wording of an error. */
function errorLocale(event: HttpEvent): Locale {
  let bodyLocale: unknown;
  let text = '';
  try {
    text = bodyText(event);
  } catch {
    text = '';
  }
  if (text.length > 0 && text.length <= MAX_BODY_BYTES) {
    try {
      bodyLocale = (JSON.parse(text) as { locale?: unknown } | null)?.locale;
    } catch {
      bodyLocale = undefined;
    }
  }
  return requestLocale(event, bodyLocale);
}

/** The one error mapper: domain and HTTP errors to documented codes; anything else is a 500 with a request id. */
export function errorResult(error: unknown, locale: Locale, requestId: string): HttpResult {
  const body = (code: ErrorCode, extra: Record<string, unknown> = {}) => ({
    error: { code, message: ERROR_MESSAGES[code][locale], ...extra },
  });
  const respond = (
    code: ErrorCode,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => json(ERROR_STATUS[code], body(code, extra), headers);

  if (error instanceof HttpError) return respond(error.errorCode, {}, { ...error.headers });
  if (error instanceof ValidationError) {
    return respond('validation_failed', {
      fields: error.fields.map((f) => ({
        path: f.path,
        ...(f.code ? { code: f.code } : {}),
        message: fieldMessage(f, locale),
      })),
    });
  }
  if (error instanceof NotFoundError) return respond('not_found');
  if (error instanceof UnauthorizedError) return respond(error.code);
  if (error instanceof PolicyVersionError) {
    return respond('policy_version_mismatch', { currentVersion: error.currentVersion });
  }
  if (error instanceof NoticeMismatchError) {
    const { field, currentVersion, currentNoticeHash } = error;
    return respond('notice_mismatch', { field, currentVersion, currentNoticeHash });
  }
  if (error instanceof RejectedError) return respond('rejected');
  if (error instanceof ConflictError) {
    return respond('idempotency_key_in_flight', {}, { 'retry-after': String(error.retryAfterSeconds) });
  }
  if (error instanceof UnprocessableError) return respond('idempotency_key_reused');
  if (error instanceof ActionRefused) {
    return respond('action_refused', {
      reason: error.reason,
      detail: REFUSAL_MESSAGES[error.reason][locale],
      ...(error.availableAt === undefined ? {} : { availableAt: formatInstant(error.availableAt) }),
    });
  }
  if (error instanceof UnavailableError) {
    return respond('service_unavailable', {}, { 'retry-after': String(error.retryAfterSeconds) });
  }
  return respond('internal_error', { requestId });
}

/** Wraps a handler body with the error mapper and a log line per failure (codes only, no request data). */
export function httpHandler(name: string, body: (event: HttpEvent) => Promise<HttpResult>): HttpHandler {
  return async (event, context) => {
    const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? 'unknown';
    if (context) logger.addContext(context);
    try {
      return await body(event);
    } catch (error) {
      const result = errorResult(error, errorLocale(event), requestId);
      const fields = { handler: name, requestId, status: result.statusCode, ...errorFields(error) };
      if (error instanceof UnavailableError) {
        // An outage, not a defect: WARN with what failed underneath, and a count the dashboard and alarms read.
        logger.warn('dependency unavailable', { ...fields, cause: errorFields(error.cause) });
        count(METRIC.unavailable);
      } else if ((result.statusCode ?? 500) >= 500 && !(error instanceof DomainError))
        logger.error('request failed', fields);
      else logger.warn('request refused', fields);
      return result;
    }
  };
}
