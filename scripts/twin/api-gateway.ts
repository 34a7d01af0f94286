// What API Gateway (HTTP API, payload 2.0) does in front of the handlers, for the local twin: match a route,
// build the event, apply the CORS policy, and write the handler's result back to the socket.
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { CORS, ROUTES } from '#functions/routes.js';

/** API Gateway's own payload limit; the handlers enforce their smaller one. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export type RouteMatch = {
  readonly route: (typeof ROUTES)[number];
  readonly pathParameters: Record<string, string>;
};

/** The route a request matches; `bad-path` when a path parameter has a malformed %-escape (API Gateway: 400). */
export function matchRoute(method: string, path: string): RouteMatch | 'bad-path' | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    // `{name}` is one path segment; `{name+}` (a greedy path variable) is the rest of the path.
    const pattern = route.path.replace(/\{(\w+)(\+?)\}/g, (_, name: string, greedy: string) => {
      names.push(name);
      return greedy ? '(.+)' : '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (match) {
      try {
        return {
          route,
          pathParameters: Object.fromEntries(
            names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]),
          ),
        };
      } catch {
        return 'bad-path';
      }
    }
  }
  return undefined;
}

export async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const TEXTUAL = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

export function toEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  match: RouteMatch,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  // Text that is not valid UTF-8 travels base64-encoded, as bytes, so the handler sees exactly what was sent.
  const textual = TEXTUAL.test(headers['content-type'] ?? 'application/json') && isUtf8(body);
  const now = new Date();
  const routeKey = `${match.route.method} ${match.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0] ?? 'localhost',
      http: {
        method: match.route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

export function lambdaContext(functionName: string): Context {
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** CORS headers for an allowed origin (none for others), as API Gateway's CORS configuration adds them. */
export function corsHeaders(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): Record<string, string> {
  if (!origin || !allowedOrigins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': CORS.exposeHeaders.join(','),
    vary: 'Origin',
  };
}

export function preflightHeaders(origin: string | undefined, allowedOrigins: readonly string[]) {
  const base = corsHeaders(origin, allowedOrigins);
  if (!base['access-control-allow-origin']) return base;
  return {
    ...base,
    'access-control-allow-methods': CORS.allowMethods.join(','),
    'access-control-allow-headers': CORS.allowHeaders.join(','),
    'access-control-max-age': String(CORS.maxAgeSeconds),
  };
}

export function writeResult(
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  extraHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string | number | boolean | string[]> = {
    ...(result.headers ?? {}),
    ...extraHeaders,
  };
  // One Set-Cookie header per cookie, as API Gateway sends them: a browser does not split one header at commas, so
  // joined, the second cookie's attributes (a clearing Max-Age=0) would land on the first.
  if (result.cookies?.length) headers['set-cookie'] = [...result.cookies];
  res.writeHead(result.statusCode ?? 200, headers as Record<string, string | string[]>);
  const body = result.body ?? '';
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/** API Gateway's answers for what never reaches a handler. */
export const GATEWAY_RESPONSES = {
  notFound: {
    statusCode: 404,
    headers: { 'content-type': 'application/json' },
    body: '{"message":"Not Found"}',
  },
  /** The rest of the body is never read, so the connection closes after the answer (the next request gets a new one). */
  tooLarge: {
    statusCode: 413,
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: '{"message":"Request Entity Too Large"}',
  },
  internalError: {
    statusCode: 500,
    headers: { 'content-type': 'application/json' },
    body: '{"message":"Internal Server Error"}',
  },
  badRequest: {
    statusCode: 400,
    headers: { 'content-type': 'application/json' },
    body: '{"message":"Bad Request"}',
  },
} as const satisfies Record<string, APIGatewayProxyStructuredResultV2>;
