// Handler mapping and errors, with the AWS SDK mocked (aws-sdk-client-mock): what an emulator cannot easily show.
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoApiKeys } from '#functions/adapters/api-keys.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { HmacAccessTokens } from '#functions/adapters/hmac-tokens.js';
import { keyedRequesterHash } from '#functions/adapters/requester-hash.js';
import { createRequestHandler } from '#functions/http/create-request.js';
import { getRequestHandler } from '#functions/http/get-request.js';
import type { HttpResult } from '#functions/http/kit.js';
import { previewRoutingHandler } from '#functions/http/preview-routing.js';
import { logger } from '#functions/logger.js';
import { defaultIntakeNotice } from '#functions/privacy-notice.js';
import { escalationPolicy, intakeRouting, previewRoutingDeps } from '#functions/wiring.js';
import { bogota } from '../helpers.js';

const ddb = mockClient(DynamoDBDocumentClient);
const clock = { now: () => bogota('2026-11-23T10:00') };
const tokens = new HmacAccessTokens('a-test-secret-that-is-long-enough-1234');
const requesterHash = keyedRequesterHash('r'.repeat(40));
const store = new DynamoStore(documentClient({ AWS_REGION: 'us-east-1' }), 'tickets', requesterHash, {
  sleep: async () => undefined,
  maxAttempts: 3,
});

const API_KEY = `trk_${'k'.repeat(43)}`;
const notice = defaultIntakeNotice();
const apiKeys = { verify: async (key: string) => key === API_KEY };
const createRequest = createRequestHandler({
  intake: { ...intakeRouting(), tickets: store, clock, apiKeys, policyVersion: '2024-01', notice },
  tokens,
  publicBaseUrl: 'https://api.example.com',
});
const getRequest = getRequestHandler({
  tickets: store,
  tokens,
  policy: escalationPolicy(),
  clock,
});
const preview = previewRoutingHandler(previewRoutingDeps(clock));

const submission = {
  product: 'certifactura',
  type: 'incidente',
  priority: 2,
  subject: 'No puedo facturar',
  description: 'El sistema rechaza las facturas desde esta mañana.',
  requester: {
    name: 'Ana Pérez',
    email: 'ana.perez@example.com',
    phone: '+57 300 123 4567',
    documentId: '52123456',
  },
  consent: { accepted: true, policyVersion: '2024-01' },
};

type Overrides = { [K in keyof APIGatewayProxyEventV2]?: APIGatewayProxyEventV2[K] | undefined };

function event(overrides: Overrides = {}): APIGatewayProxyEventV2 {
  const base: Overrides = {
    version: '2.0',
    routeKey: 'POST /requests',
    rawPath: '/requests',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    requestContext: {
      requestId: 'req-123',
      http: { method: 'POST' },
    } as APIGatewayProxyEventV2['requestContext'],
    body: JSON.stringify(submission),
    isBase64Encoded: false,
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(base).filter(([, v]) => v !== undefined),
  ) as unknown as APIGatewayProxyEventV2;
}

const parse = (result: HttpResult) => JSON.parse(result.body ?? '{}') as Record<string, unknown>;

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  // The register's last number: its partition's highest sort key.
  ddb.on(QueryCommand).resolves({ Items: [{ sk: '0000000041' }] });
  ddb.on(TransactWriteCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

describe('POST /requests', () => {
  it('answers 201 with the radicado, the routing and an absolute status URL', async () => {
    const result = await createRequest(event());
    expect(result.statusCode).toBe(201);
    const body = parse(result);
    expect(body).toMatchObject({
      id: 'CF-2026-000042',
      status: 'received',
      routing: { destination: 'support-mailbox' },
    });
    expect(body.statusUrl).toBe(
      `https://api.example.com/requests/CF-2026-000042?token=${tokens.issue('CF-2026-000042')}`,
    );
    expect(result.headers).toMatchObject({
      'cache-control': 'no-store',
      location: 'https://api.example.com/requests/CF-2026-000042',
    });
    const write = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input;
    // Two items: the ticket's state (with its outbox) and its body (with its first history entry).
    expect(write?.TransactItems?.map((i) => Object.keys(i)[0])).toEqual(['Put', 'Put']);
    expect(write?.TransactItems?.map((i) => i.Put?.Item?.entity)).toEqual(['ticket', 'ticket-body']);
    const item = write?.TransactItems?.[0]?.Put?.Item ?? {};
    expect(item).toMatchObject({ pk: 'REG#CF#2026', sk: '0000000042', entity: 'ticket', status: 'received' });
    expect(Object.keys(item.outbox as object)).toEqual(['received-routed', 'received-requester-ack']);
    expect(JSON.stringify(item)).not.toContain('ana.perez');
  });

  it('reads a base64-encoded body', async () => {
    const result = await createRequest(
      event({ body: Buffer.from(JSON.stringify(submission)).toString('base64'), isBase64Encoded: true }),
    );
    expect(result.statusCode).toBe(201);
  });

  it('answers 503 with Retry-After when DynamoDB throttles, and writes nothing', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(
        new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds', $metadata: {} }),
      );
    const result = await createRequest(event());
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('2');
    expect(parse(result)).toEqual({
      error: { code: 'service_unavailable', message: expect.stringContaining('no se guardó nada') },
    });
    // The SDK has already retried the throttled call; the handler does not pile more attempts on top.
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('answers 503 when a read is throttled too', async () => {
    const throttled = new DynamoStore(documentClient({ AWS_REGION: 'us-east-1' }), 'tickets', requesterHash);
    ddb
      .on(QueryCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const handler = createRequestHandler({
      intake: { ...intakeRouting(), tickets: throttled, clock, apiKeys, policyVersion: '2024-01', notice },
      tokens,
      publicBaseUrl: 'https://api.example.com',
    });
    const result = await handler(event());
    expect(result.statusCode).toBe(503);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 500 with only a request id, never the error text', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(new Error('arn:aws:dynamodb:us-east-1:123456789012:table/tickets exploded'));
    const result = await createRequest(event());
    expect(result.statusCode).toBe(500);
    expect(parse(result)).toEqual({
      error: { code: 'internal_error', message: expect.any(String), requestId: 'req-123' },
    });
    expect(result.body).not.toMatch(/arn:aws|exploded|at /);
  });

  it.each([
    [{ headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
    [{ headers: {} }, 415, 'unsupported_media_type'],
    [{ body: '{"product":' }, 400, 'invalid_json'],
    [{ body: 'x'.repeat(65_537) }, 413, 'payload_too_large'],
    [
      { headers: { 'content-type': 'application/json', 'idempotency-key': 'k'.repeat(256) } },
      400,
      'invalid_idempotency_key',
    ],
  ])('%j → %i %s', async (overrides, status, code) => {
    const result = await createRequest(event(overrides as Overrides));
    expect(result.statusCode).toBe(status);
    expect(parse(result)).toMatchObject({ error: { code } });
  });

  it('words errors in the request language: the body locale, else Accept-Language, else Spanish', async () => {
    const bad = { ...submission, requester: { name: 'Ana', email: 'ana' } };
    const es = parse(await createRequest(event({ body: JSON.stringify(bad) })));
    expect(es).toMatchObject({
      error: {
        message: 'Hay campos con problemas; revise cada uno.',
        fields: [{ path: 'requester.email', message: expect.stringMatching(/^Debe ser un correo/) }],
      },
    });
    const en = parse(await createRequest(event({ body: JSON.stringify({ ...bad, locale: 'en' }) })));
    expect(en).toMatchObject({
      error: { fields: [{ message: expect.stringMatching(/^Must be a valid e-mail/) }] },
    });
    const header = parse(
      await createRequest(
        event({ body: '{', headers: { 'content-type': 'application/json', 'accept-language': 'en-GB' } }),
      ),
    );
    expect(header).toMatchObject({ error: { message: 'The request body is not valid JSON in UTF-8.' } });
  });

  it('logs the ticket and its route, never the requester’s personal data', async () => {
    logger.setLogLevel('INFO');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await createRequest(event());
      ddb.on(TransactWriteCommand).rejects(new Error('boom ana.perez@example.com'));
      await createRequest(event());
      await createRequest(
        event({
          body: JSON.stringify({ ...submission, requester: { name: 'Ana Pérez', email: 'ana.perez@' } }),
        }),
      );
    } finally {
      logger.setLogLevel('SILENT');
    }
    const output = lines.join('');
    expect(output).toContain('CF-2026-000042');
    for (const secret of [
      'ana.perez@example.com',
      'ana.perez@',
      'Ana Pérez',
      '300 123 4567',
      '52123456',
      'No puedo facturar',
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('GET /requests/{id}', () => {
  const get = (id: string, query?: Record<string, string>, headers: Record<string, string> = {}) =>
    getRequest(
      event({
        routeKey: 'GET /requests/{id}',
        rawPath: `/requests/${id}`,
        pathParameters: { id },
        headers,
        body: undefined,
        ...(query ? { queryStringParameters: query } : {}),
      }),
    );

  it('answers 404 for a wrong, missing or malformed token without reading the table', async () => {
    const token = tokens.issue('CF-2026-000042');
    for (const result of [
      await get('CF-2026-000042'),
      await get('CF-2026-000042', { token: tokens.issue('CF-2026-000043') }),
      await get('CF-2026-000042', { token: `${token}x` }),
      await get('CF-2026-000042', {}, { authorization: `Basic ${token}` }),
      await get('../etc/passwd', { token }),
    ]) {
      expect(result.statusCode).toBe(404);
      expect(parse(result)).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('answers 404 for an unknown id with a valid token, exactly as for a wrong token', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const unknown = await get('CF-2026-000099', { token: tokens.issue('CF-2026-000099') });
    const wrong = await get('CF-2026-000042', { token: tokens.issue('CF-2026-000099') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe(wrong.body);
  });
});

describe('GET /routing', () => {
  it('previews with the server clock when `at` is omitted', async () => {
    const result = await preview(
      event({
        routeKey: 'GET /routing',
        body: undefined,
        queryStringParameters: { product: 'certifactura', type: 'queja' },
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(parse(result)).toMatchObject({
      queue: 'pqrsa',
      receivedAt: '2026-11-23T10:00:00.000-05:00',
      openNow: true,
    });
  });

  it('reports every bad query field', async () => {
    const result = await preview(
      event({
        routeKey: 'GET /routing',
        body: undefined,
        queryStringParameters: { type: 'x', priority: '9', at: 'x' },
      }),
    );
    expect(result.statusCode).toBe(400);
    expect((parse(result).error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'product',
      'type',
      'priority',
      'at',
    ]);
  });
});

describe('DynamoDB adapter contract', () => {
  it('takes the next number at once when another writer took this one, without reading the register again', async () => {
    const { TransactionCanceledException } = await import('@aws-sdk/client-dynamodb');
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
        }),
      )
      .resolves({});
    const result = await createRequest(event());
    expect(parse(result).id).toBe('CF-2026-000043');
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('never writes the idempotency record for a request that fails validation', async () => {
    await createRequest(
      event({
        body: '{"product":"x"}',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'abc' },
      }),
    );
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('proof of origin and consent', () => {
  it('refuses a submission with no proof, an unknown key or a failed form check, and touches nothing', async () => {
    ddb.reset();
    const noProof = await createRequest(event({ headers: { 'content-type': 'application/json' } }));
    expect(noProof.statusCode).toBe(401);
    expect(parse(noProof).error).toMatchObject({ code: 'proof_required' });
    const badKey = await createRequest(
      event({ headers: { 'content-type': 'application/json', 'x-api-key': `trk_${'x'.repeat(43)}` } }),
    );
    expect(badKey.statusCode).toBe(401);
    expect(parse(badKey).error).toMatchObject({ code: 'invalid_api_key' });
    const badForm = await createRequest(
      event({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...submission, form: { token: 'forged', website: '' } }),
      }),
    );
    expect(badForm.statusCode).toBe(400);
    expect(parse(badForm).error).toMatchObject({ code: 'rejected' });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 503 when the API-key check meets a DynamoDB outage, and keeps at most a thousand verdicts', async () => {
    ddb.reset();
    ddb
      .on(GetCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const keys = new DynamoApiKeys(documentClient({ AWS_REGION: 'us-east-1' }), 'tickets');
    const handler = createRequestHandler({
      intake: { ...intakeRouting(), tickets: store, clock, apiKeys: keys, policyVersion: '2024-01', notice },
      tokens,
      publicBaseUrl: 'https://api.example.com',
    });
    const answer = await handler(event());
    expect(answer.statusCode).toBe(503);
    expect(answer.headers?.['retry-after']).toBeDefined();
    ddb.reset();
    ddb.on(GetCommand).resolves({});
    for (let i = 0; i < 1_500; i++) await keys.verify(`trk_${String(i).padStart(43, 'x')}`);
    expect((keys as unknown as { cache: Map<string, unknown> }).cache.size).toBeLessThanOrEqual(1_000);
  });

  it('refuses consent to another policy version, naming the version in force', async () => {
    ddb.reset();
    const answer = await createRequest(
      event({ body: JSON.stringify({ ...submission, consent: { accepted: true, policyVersion: 'x' } }) }),
    );
    expect(answer.statusCode).toBe(400);
    expect(parse(answer).error).toMatchObject({ code: 'policy_version_mismatch', currentVersion: '2024-01' });
    expect(ddb.calls()).toHaveLength(0);
  });
});
