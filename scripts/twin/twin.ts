// The local twin: the real handlers behind an HTTP server that plays API Gateway, over DynamoDB Local and the SES
// emulator, with the stream consumer fed from the table's real stream and the outbox redrive on a timer.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { ATTACHMENTS_PREFIX } from '#domain/attachments.js';
import type { SweepReport } from '#domain/escalation/sweep.js';
import type { Clock, ReplyAddresses } from '#domain/ports.js';
import type { Instant } from '#domain/time/instant.js';
import type { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { TABLE, tableDefinition } from '#functions/adapters/table.js';
import { loadConfig } from '#functions/config.js';
import { attachmentsHandler } from '#functions/http/attachments.js';
import { createRequestHandler } from '#functions/http/create-request.js';
import { escalateRequestHandler, getRequestHandler } from '#functions/http/get-request.js';
import type { HttpHandler } from '#functions/http/kit.js';
import { lookupRequestsHandler } from '#functions/http/lookup-requests.js';
import { previewRoutingHandler } from '#functions/http/preview-routing.js';
import { staffActionsHandler } from '#functions/http/staff-actions.js';
import { webHandler } from '#functions/http/web.js';
import { sweepHandler } from '#functions/lifecycle/sweep-handler.js';
import { redriveHandler } from '#functions/notify/redrive-handler.js';
import { notificationStreamHandler } from '#functions/notify/stream-handler.js';
import { noticesInForce } from '#functions/privacy-notice.js';
import { RECEIVE_SETTINGS } from '#functions/receive-wiring.js';
import { postAllowanceOf, type RouteHandlerName } from '#functions/routes.js';
import { staffConsoleHandler } from '#functions/staff-wiring.js';
import {
  ATTACHMENT_SETTINGS,
  attachmentDeps,
  CREATE_REQUEST_SETTINGS,
  createRequestDeps,
  DELIVERY_SETTINGS,
  deliveryDeps,
  formTokens,
  getRequestDeps,
  previewRoutingDeps,
  replyAddresses,
  STAFF_ACTION_SETTINGS,
  SWEEP_SETTINGS,
  staffActionDeps,
  store,
  sweepDeps,
  WEB_SETTINGS,
} from '#functions/wiring.js';
import { buildWeb } from '../web-build.js';
import {
  corsHeaders,
  GATEWAY_RESPONSES,
  lambdaContext,
  matchRoute,
  preflightHeaders,
  readBody,
  toEvent,
  writeResult,
} from './api-gateway.js';
import { type Emulator, LOCAL_CREDENTIALS, startDynamoDbLocal, startSes } from './emulators.js';
import { LocalPager } from './local-pager.js';
import { startLocalS3 } from './local-s3.js';
import { startMailIn, TWIN_INBOUND_BUCKET, TWIN_STAFF_PEOPLE } from './mail-in.js';
import { RateLimiter } from './rate-limit.js';
import { StreamPoller } from './stream-poller.js';

export const TABLE_NAME = 'certicamara-tickets';

export interface TwinOptions {
  /** HTTP port of the API; 0 picks a free one. */
  readonly port?: number;
  /** Use an already running DynamoDB Local / SES emulator instead of starting one (tests share them). */
  readonly dynamoEndpoint?: string;
  readonly sesEndpoint?: string;
  readonly tableName?: string;
  /** A clock of the caller's (tests move it); overrides `now`. */
  readonly clock?: Clock;
  readonly dynamoPort?: number;
  readonly sesPort?: number;
  /** Where DynamoDB Local keeps its data and the twin its token secret; in memory when omitted. */
  readonly dataDir?: string;
  /** Start the clock at this instant (demonstrations, browser tests); it then runs in real time. */
  readonly now?: Instant;
  readonly allowedOrigins?: readonly string[];
  readonly mailFrom?: string;
  /** The domain replies come back to (RECEIVING_DOMAIN; default respuestas.localhost). */
  readonly receivingDomain?: string;
  /** SMTP port of the mail the twin receives for that domain (0 or none: a free one); the local S3's likewise. */
  readonly smtpPort?: number;
  readonly s3Port?: number;
  /** STAFF_PEOPLE (JSON; default one example person, scripts/twin/mail-in.ts). */
  readonly staffPeople?: string;
  /** How long a person needs at least to fill the form (tests shorten it). */
  readonly formMinFillMs?: number;
  /** POSTs per client IP per 5 minutes, as the edge's WAF rule (default 100; 0 turns it off). */
  readonly rateLimitPer5Min?: number;
  /** The same for staff's ticket actions (POST /staff/tickets/…), counted apart (default 1000; 0 turns it off). */
  readonly staffRateLimitPer5Min?: number;
  /** Acknowledgements per recipient per Bogotá clock hour (default 3; 0 turns it off). */
  readonly ackLimitPerHour?: number;
  readonly redriveIntervalMs?: number;
  /** How often the SLA sweeper runs (default 5 s; 0 turns it off, for tests that sweep by hand). */
  readonly sweepIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Where the stand-in for the p1-alerts topic prints pages (stdout by default). */
  readonly onPage?: (line: string) => void;
}

export interface Twin {
  readonly url: string;
  readonly sesUrl: string;
  readonly dynamoEndpoint: string;
  readonly clock: Clock;
  readonly store: DynamoStore;
  readonly tableName: string;
  /** The SMTP server that receives mail for RECEIVING_DOMAIN (smtp://127.0.0.1:port), and the local S3 it writes to. */
  readonly smtpPort: number;
  readonly smtpUrl: string;
  readonly receivingDomain: string;
  readonly s3Endpoint: string;
  /** The tickets' signed reply addresses, as every mail of this twin carries them. */
  readonly replies: ReplyAddresses;
  /** What was published to the stand-in for the p1-alerts topic. */
  readonly pages: LocalPager['pages'];
  /** Runs the outbox redrive once, now. */
  redrive(): Promise<unknown>;
  /** Runs the SLA sweeper once, now (at the twin's clock). */
  sweep(): Promise<SweepReport>;
  stop(): Promise<void>;
}

export async function startTwin(options: TwinOptions = {}): Promise<Twin> {
  const started: Emulator[] = [];
  const track = <E extends Emulator>(emulator: E): E => {
    started.push(emulator);
    return emulator;
  };
  try {
    if (options.dataDir) mkdirSync(join(options.dataDir, 'dynamodb'), { recursive: true });
    const [dynamo, ses, s3] = await Promise.all([
      options.dynamoEndpoint
        ? { endpoint: options.dynamoEndpoint }
        : startDynamoDbLocal({
            port: options.dynamoPort ?? 0,
            ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
          }).then(track),
      options.sesEndpoint
        ? { endpoint: options.sesEndpoint }
        : startSes({ port: options.sesPort ?? 0 }).then(track),
      startLocalS3({
        port: options.s3Port ?? 0,
        buckets: [TWIN_INBOUND_BUCKET],
        cleanPrefix: ATTACHMENTS_PREFIX,
        ...(options.dataDir ? { directory: join(options.dataDir, 's3') } : {}),
      }).then(track),
    ]);
    const tableName = options.tableName ?? TABLE_NAME;
    const streamArn = await ensureTable(dynamo.endpoint, tableName);

    const server = createServer();
    server.listen(options.port ?? 0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://localhost:${port}`;

    const config = loadConfig(
      {
        TABLE_NAME: tableName,
        AWS_REGION: 'local',
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        SES_ENDPOINT: ses.endpoint,
        PUBLIC_BASE_URL: url,
        TOKEN_SECRET: secret(options.dataDir, 'token-secret'),
        FORM_TOKEN_SECRET: secret(options.dataDir, 'form-token-secret'),
        ACTION_LINK_SECRET: secret(options.dataDir, 'action-link-secret'),
        REQUESTER_HASH_SECRET: secret(options.dataDir, 'requester-hash-secret'),
        MAIL_FROM: options.mailFrom ?? 'no-reply@certicamara.local',
        ALLOWED_ORIGINS: [url, `http://127.0.0.1:${port}`, ...(options.allowedOrigins ?? [])].join(','),
        FORM_MIN_FILL_MS: String(options.formMinFillMs ?? 3000),
        ACK_LIMIT_PER_HOUR: String(options.ackLimitPerHour ?? 3),
        RECEIVING_DOMAIN: options.receivingDomain ?? 'respuestas.localhost',
        INBOUND_BUCKET: TWIN_INBOUND_BUCKET,
        S3_ENDPOINT: s3.endpoint,
        STAFF_PEOPLE: options.staffPeople ?? TWIN_STAFF_PEOPLE,
        // On, as in AWS: the local S3 tags every attachment clean (scripts/twin/local-s3.ts).
        MALWARE_SCANNING: 'true',
      },
      [
        ...CREATE_REQUEST_SETTINGS,
        ...SWEEP_SETTINGS,
        ...DELIVERY_SETTINGS,
        ...STAFF_ACTION_SETTINGS,
        ...WEB_SETTINGS,
        ...RECEIVE_SETTINGS,
        ...ATTACHMENT_SETTINGS,
        'ALLOWED_ORIGINS',
      ],
    );
    const clock = options.clock ?? offsetClock(options.now);
    const tickets = store(config);
    const handlers: Record<RouteHandlerName, HttpHandler> = {
      'create-request': createRequestHandler(createRequestDeps(config, clock, tickets)),
      'get-request': getRequestHandler(getRequestDeps(config, clock, tickets)),
      'escalate-request': escalateRequestHandler(getRequestDeps(config, clock, tickets)),
      'staff-actions': staffActionsHandler(staffActionDeps(config, clock, tickets)),
      'staff-console': staffConsoleHandler(config, clock, tickets),
      'preview-routing': previewRoutingHandler(previewRoutingDeps(clock)),
      attachments: attachmentsHandler(attachmentDeps(config, clock, tickets)),
      'lookup-requests': lookupRequestsHandler({ lookups: tickets, clock }),
      web: webHandler({
        assets: await buildWeb(),
        formTokens: formTokens(config),
        clock,
        apiBase: '',
        privacyPolicyUrl: config.PRIVACY_POLICY_URL,
        privacyPolicyVersion: config.PRIVACY_POLICY_VERSION,
        notices: noticesInForce(config),
        uploadOrigin: s3.endpoint,
      }),
    };
    const pager = new LocalPager(options.onPage ?? ((line) => process.stdout.write(`${line}\n`)));
    const delivery = deliveryDeps(config, clock, tickets, pager);
    const onError = options.onError ?? ((error: unknown) => console.error('[twin]', error));
    const mailIn = track(await startMailIn({ port: options.smtpPort ?? 0, config, clock, onError }));
    const poller = new StreamPoller({
      endpoint: dynamo.endpoint,
      streamArn,
      handler: notificationStreamHandler(delivery),
      onError,
    });
    poller.start();
    const redrive = redriveHandler(delivery);
    const redriveTimer = setInterval(() => void redrive().catch(onError), options.redriveIntervalMs ?? 5000);
    // The SLA sweeper: every minute in AWS, every few seconds here so escalations show up while you watch.
    const sweep = sweepHandler(sweepDeps(config, clock, tickets));
    const sweepTimer =
      options.sweepIntervalMs === 0
        ? undefined
        : setInterval(() => void sweep().catch(onError), options.sweepIntervalMs ?? 5000);

    // Windows on the twin's clock: a test's pinned clock never crosses a window's end in the middle of a flood.
    const now = () => clock.now();
    const rateLimit = {
      public: new RateLimiter(options.rateLimitPer5Min ?? 100, now),
      staff: new RateLimiter(options.staffRateLimitPer5Min ?? 1000, now),
    };
    server.on('request', (req, res) => {
      void serve(req, res, {
        url,
        handlers,
        allowedOrigins: config.ALLOWED_ORIGINS,
        rateLimit,
        sesUrl: ses.endpoint,
      }).catch((error: unknown) => {
        onError(error);
        if (!res.headersSent) writeResult(res, GATEWAY_RESPONSES.internalError);
      });
    });

    return {
      url,
      sesUrl: ses.endpoint,
      dynamoEndpoint: dynamo.endpoint,
      clock,
      store: tickets,
      tableName,
      smtpPort: mailIn.port,
      smtpUrl: mailIn.endpoint,
      receivingDomain: config.RECEIVING_DOMAIN,
      s3Endpoint: s3.endpoint,
      replies: replyAddresses(config),
      pages: pager.pages,
      redrive,
      sweep,
      async stop() {
        clearInterval(redriveTimer);
        clearInterval(sweepTimer);
        await poller.stop();
        await closeServer(server);
        await Promise.all(started.map((e) => e.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((e) => e.stop().catch(() => undefined)));
    throw error;
  }
}

interface ServeContext {
  readonly url: string;
  readonly handlers: Record<RouteHandlerName, HttpHandler>;
  readonly allowedOrigins: readonly string[];
  readonly sesUrl: string;
  /** The per-IP POST allowances, as the edge's WAF rules count them (functions/routes.ts, postAllowanceOf). */
  readonly rateLimit: Readonly<Record<ReturnType<typeof postAllowanceOf>, RateLimiter>>;
}

async function serve(
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  ctx: ServeContext,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', ctx.url);
  } catch {
    return writeResult(res, GATEWAY_RESPONSES.badRequest);
  }
  const origin = req.headers.origin;
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, preflightHeaders(origin, ctx.allowedOrigins)).end();
    return;
  }
  const match = matchRoute(method, url.pathname);
  const cors = corsHeaders(origin, ctx.allowedOrigins);
  if (!match) return writeResult(res, GATEWAY_RESPONSES.notFound, cors);
  if (match === 'bad-path') return writeResult(res, GATEWAY_RESPONSES.badRequest, cors);
  const limited =
    method === 'POST'
      ? ctx.rateLimit[postAllowanceOf(url.pathname)].check(req.socket.remoteAddress ?? 'unknown')
      : undefined;
  if (limited) {
    req.resume();
    return writeResult(res, limited, cors);
  }
  const body = await readBody(req);
  if (body === 'too-large') return writeResult(res, GATEWAY_RESPONSES.tooLarge, cors);
  const event = toEvent(req, url, body, match);
  const result = await ctx.handlers[match.route.handler](event, lambdaContext(`twin-${match.route.handler}`));
  writeResult(res, result, cors);
}

/** Creates the table (with its stream, indexes and TTL) unless it exists; returns the stream ARN. */
export async function ensureTable(endpoint: string, tableName: string): Promise<string> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: LOCAL_CREDENTIALS });
  try {
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
    for (let i = 0; i < 100; i++) {
      try {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
        const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort();
        const expected = (tableDefinition(tableName).GlobalSecondaryIndexes ?? [])
          .map((i) => i.IndexName)
          .sort();
        if (Table && indexes.join() !== expected.join()) {
          throw new Error(
            `the local table ${tableName} has an older layout (indexes ${indexes.join(', ')}; this version needs ${expected.join(', ')}): remove the data folder (DATA_DIR, default .data/) to start afresh`,
          );
        }
        if (Table?.TableStatus === 'ACTIVE' && Table.LatestStreamArn) return Table.LatestStreamArn;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`table ${tableName} did not become active`);
  } finally {
    client.destroy();
  }
}

/** The twin generates its HMAC secrets once and keeps them beside its data, so links survive a restart. */
function secret(dataDir: string | undefined, name: string): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Real time, optionally shifted so that it starts at `start`. */
export function offsetClock(start?: Instant): Clock {
  if (start === undefined) return { now: () => Date.now() };
  const offset = start - Date.now();
  return { now: () => Date.now() + offset };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
