// Helpers of the integration tests: a twin per test file on the shared emulators (its own table), a clock the
// test can move, an SES endpoint the test can take down, and readers for the SES emulator's store.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { catalog } from '#data/index.js';
import type { LookupDeliveryDeps } from '#domain/intake/lookup.js';
import { type IntakeDeps, type SubmitOutcome, submitRequest } from '#domain/intake/submit.js';
import type { DeliveryDeps } from '#domain/notify/deliver.js';
import type { Clock, IdempotencyRequest, Mailer } from '#domain/ports.js';
import { DynamoApiKeys } from '#functions/adapters/api-keys.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { HmacAccessTokens } from '#functions/adapters/hmac-tokens.js';
import { HmacReplyAddresses } from '#functions/adapters/reply-addresses.js';
import { keyedRequesterHash } from '#functions/adapters/requester-hash.js';
import { type IndexOptions, tableDefinition } from '#functions/adapters/table.js';
import { TicketMailComposer } from '#functions/notify/compose.js';
import { defaultIntakeNotice } from '#functions/privacy-notice.js';
import { intakeRouting } from '#functions/wiring.js';
import { SUBMISSION } from '../../bench/submission.js';
import { startTwin, type Twin } from '../../scripts/twin/twin.js';
import { bogota, ladder } from '../helpers.js';

export class TestClock implements Clock {
  private offset = 0;
  constructor(start?: number) {
    if (start !== undefined) this.offset = start - Date.now();
  }
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** What SES (API v2: REST and JSON) answers in each mode the switch can play: status, error name and message. */
const SES_FAILURES = {
  down: [503, 'ServiceUnavailable', 'Service unavailable'],
  // The account is in the SES sandbox, or the sender identity is not verified yet: a setup error, retried.
  sandbox: [
    400,
    'MessageRejected',
    'Email address is not verified. The following identities failed the check in region US-EAST-1: ana.perez@example.com',
  ],
  // SES refuses this one recipient: parked.
  reject: [400, 'MessageRejected', 'Address blacklisted.'],
} as const;

/**
 * A pass-through to the SES emulator that can play an SES outage (503 ServiceUnavailable), the sandbox (every
 * recipient unverified) or a rejection of every recipient (MessageRejected, "Address blacklisted.").
 */
export class SesSwitch {
  private mode: 'up' | keyof typeof SES_FAILURES = 'up';
  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(target: string): Promise<SesSwitch> {
    const upstream = new URL(target);
    const server = createServer((req, res) => {
      if (sw.mode !== 'up') {
        const [status, name, message] = SES_FAILURES[sw.mode];
        req.resume();
        res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': name });
        res.end(JSON.stringify({ message }));
        return;
      }
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const sw = new SesSwitch(server, `http://127.0.0.1:${port}`);
    return sw;
  }

  down(): void {
    this.mode = 'down';
  }
  reject(): void {
    this.mode = 'reject';
  }
  sandbox(): void {
    this.mode = 'sandbox';
  }
  restore(): void {
    this.mode = 'up';
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Each test twin's API key (tests submit as a trusted integration unless they test proof of origin). */
const apiKeys = new Map<string, string>();

export interface TestTwin extends Twin {
  /** An API key in force in this twin's table. */
  readonly apiKey: string;
  /** This twin's sender address: it tells its mails from other test files' in the shared SES store. */
  readonly mailFrom: string;
  readonly clock: TestClock;
  readonly ses: SesSwitch;
  /** Every item of this twin's table, for "nothing was written" checks. */
  itemCount(): Promise<number>;
}

export async function startTestTwin(
  options: {
    start?: number;
    formMinFillMs?: number;
    dynamoEndpoint?: string;
    rateLimitPer5Min?: number;
    staffRateLimitPer5Min?: number;
    ackLimitPerHour?: number;
  } = {},
): Promise<TestTwin> {
  const { sesEndpoint } = inject('emulators');
  const dynamoEndpoint = options.dynamoEndpoint ?? inject('emulators').dynamoEndpoint;
  // Never the wall clock: a test that passes only on weekday mornings must not land (CI runs at any hour).
  const clock = new TestClock(options.start ?? bogota('2026-11-23T10:00'));
  const ses = await SesSwitch.start(sesEndpoint);
  const suffix = randomUUID().slice(0, 8);
  const mailFrom = `no-reply+${suffix}@certicamara.local`;
  const twin = await startTwin({
    dynamoEndpoint,
    sesEndpoint: ses.endpoint,
    tableName: `tickets-${suffix}`,
    mailFrom,
    clock,
    redriveIntervalMs: 3_600_000,
    // Tests sweep by hand (twin.sweep()), at the instants they choose.
    sweepIntervalMs: 0,
    onError: process.env.TWIN_DEBUG
      ? (e: unknown) => console.error('twin error', suffix, String(e))
      : () => undefined,
    onPage: () => undefined,
    // Tests submit in bulk from one address: the edge's per-IP limit and the per-recipient acknowledgement limit
    // are off unless a test turns them on.
    rateLimitPer5Min: options.rateLimitPer5Min ?? 0,
    staffRateLimitPer5Min: options.staffRateLimitPer5Min ?? 0,
    ackLimitPerHour: options.ackLimitPerHour ?? 0,
    ...(options.formMinFillMs === undefined ? {} : { formMinFillMs: options.formMinFillMs }),
  });
  const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamoEndpoint });
  const apiKey = await new DynamoApiKeys(db, twin.tableName).create('tests');
  apiKeys.set(twin.url, apiKey);
  return {
    ...twin,
    apiKey,
    mailFrom,
    clock,
    ses,
    async itemCount() {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: twin.tableName,
            Select: 'COUNT',
            // The test's own API key (written at start) is not something a request wrote.
            FilterExpression: 'pk <> :keys',
            ExpressionAttributeValues: { ':keys': 'APIKEYS' },
            ExclusiveStartKey: start,
          }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    },
    async stop() {
      await twin.stop();
      await ses.stop();
      db.destroy();
    },
  };
}

export interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: string[];
  readonly destination: { to: string[]; cc: string[]; bcc: string[] };
  readonly subject: string;
  readonly body: { text?: string; html?: string };
  /** The extra headers the mail was sent with (In-Reply-To, References), as SES API v2 takes them. */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

/** A header a stored mail was sent with (names compared without regard to case). */
export function headerOf(mail: StoredMail, name: string): string | undefined {
  return mail.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Mails a twin sent whose subject mentions `marker` (a radicado, say). */
export async function mailsAbout(twin: TestTwin, marker: string): Promise<StoredMail[]> {
  const { sesEndpoint } = inject('emulators');
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.from === twin.mailFrom && m.subject.includes(marker));
}

/** Waits for at least `count` mails about `id` whose subject contains `subjectPart`; all such mails so far. */
export function mailWith(twin: TestTwin, id: string, subjectPart: string, count = 1): Promise<StoredMail[]> {
  return waitFor(
    async () => {
      const mails = (await mailsAbout(twin, id)).filter((m) => m.subject.includes(subjectPart));
      return mails.length >= count && mails;
    },
    { what: `mail "${subjectPart}" about ${id}` },
  );
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 15_000, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The benchmarks' sample submission (an ordinary P2 incident), a fresh copy each time, with `overrides` on top. */
export function validSubmission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(SUBMISSION), ...overrides };
}

/** Headers for postJson that send no API key: the submission must prove itself with the web form's token. */
export const AS_FORM = { 'x-api-key': '' } as const;

/**
 * POST /requests to a twin, as its trusted test integration (its API key) unless `headers` sets `x-api-key`
 * itself (an empty value sends none: a submission with no proof of origin).
 */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const key = 'x-api-key' in headers ? headers['x-api-key'] : apiKeys.get(url);
  const { 'x-api-key': _, ...rest } = headers;
  const response = await fetch(`${url}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...rest, ...(key ? { 'x-api-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} };
}

/**
 * `npm start` as a user runs it (scripts/start.ts in a child process), resolved once it prints its URLs.
 * `detached` puts it in its own process group, so a test can kill it with DynamoDB Local's Java, as a crash would;
 * `viaNpm` runs it as `npm start` does (npm, then a shell, then Node), for signals sent to npm alone.
 */
export async function spawnStart(
  env: Readonly<Record<string, string>>,
  options: { readonly detached?: boolean; readonly viaNpm?: boolean } = {},
): Promise<{ child: ChildProcess; output: () => string }> {
  const [command, args] = options.viaNpm
    ? ['npm', ['start', '--silent']]
    : [process.execPath, ['--import', 'tsx', 'scripts/start.ts']];
  const child = spawn(command, args, {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    // Mail in on a free port unless the test names one (2525 may be taken, or used by another test's twin).
    env: { ...process.env, SMTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 45_000;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start failed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => output };
}

/** The intake use case called directly, as a trusted integration would submit (an API key in force). */
export function submitTrusted(
  store: DynamoStore,
  clock: Clock,
  body: unknown,
  idempotency?: IdempotencyRequest,
): Promise<SubmitOutcome> {
  const deps: IntakeDeps = {
    ...intakeRouting(),
    tickets: store,
    clock,
    apiKeys: { verify: async () => true },
    policyVersion: '2024-01',
    notice: defaultIntakeNotice(),
  };
  return submitRequest(deps, body, idempotency, { apiKey: 'trk_test' });
}

/** An API key in the table of a twin `npm start` runs (DynamoDB Local on `dynamoPort`, the twin's table). */
export async function apiKeyFor(dynamoPort: number | string, name = 'tests'): Promise<string> {
  const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamoPort}` });
  try {
    return await new DynamoApiKeys(db, 'certicamara-tickets').create(`${name}-${randomUUID().slice(0, 6)}`);
  } finally {
    db.destroy();
  }
}

/** Delivery over a store of the test's own (no twin): the real composer, the given mail service, a silent pager. */
export function deliveryOver(
  store: DynamoStore,
  clock: Clock,
  mailer: Mailer,
): DeliveryDeps & LookupDeliveryDeps {
  return {
    tickets: store,
    outbox: store,
    quota: store,
    lookups: store,
    products: ['certifactura', 'biometria'],
    mailer,
    pager: { page: async () => ({ messageId: randomUUID() }) },
    composer: new TicketMailComposer({
      catalog,
      ladder,
      tokens: new HmacAccessTokens('t'.repeat(40)),
      publicBaseUrl: 'https://api.example.com',
      privacyPolicyVersion: '2024-01',
    }),
    clock,
    ladder,
    replies: new HmacReplyAddresses('a'.repeat(40), 'respuestas.localhost'),
  };
}

/** The address-hash key of the stores tests build themselves (the twin's is its own, kept beside its data). */
export const testRequesterHash = keyedRequesterHash('r'.repeat(40));

/** A table of its own on the shared DynamoDB Local, and a store over it: for tests that scan, count or race on it. */
export async function freshStore(
  prefix: string,
  indexes: IndexOptions = {},
): Promise<{
  readonly db: ReturnType<typeof documentClient>;
  readonly store: DynamoStore;
  readonly table: string;
}> {
  const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: inject('emulators').dynamoEndpoint });
  const table = `${prefix}-${randomUUID().slice(0, 8)}`;
  await db.send(new CreateTableCommand(tableDefinition(table, indexes)));
  return { db, store: new DynamoStore(db, table, testRequesterHash), table };
}
