// The staff console over DynamoDB Local at the size of a busy year: one product queue holding 10,000 open tickets,
// then a year of PQRSA (12 months × 400, most answered, some late); each page is served by the console's own handler
// (functions/staff-wiring.ts) with a real session on the table, and metered with ReturnConsumedCapacity: read units
// per view and latency. DynamoDB Local's latency is a laptop's, not the service's; its capacity units are exact.
import { gunzipSync } from 'node:zlib';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { draftTicket, radicadoPrefix } from '#domain/intake/submit.js';
import type { Clock } from '#domain/ports.js';
import { formatRadicado } from '#domain/radicado.js';
import type { Ticket } from '#domain/ticket.js';
import { bogotaYear, type Instant, parseInstant } from '#domain/time/instant.js';
import { documentClient } from '#functions/adapters/clients.js';
import { seedItemsFor } from '#functions/adapters/dynamo/items.js';
import { DynamoSessions } from '#functions/adapters/dynamo/sessions.js';
import { TableClient } from '#functions/adapters/dynamo/table-client.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { keyedRequesterHash } from '#functions/adapters/requester-hash.js';
import { tableDefinition } from '#functions/adapters/table.js';
import type { HttpEvent, HttpResult } from '#functions/http/kit.js';
import { staffConsoleHandler } from '#functions/staff-wiring.js';
import { escalationPolicy, routingEngine } from '#functions/wiring.js';
import { meterCapacity } from '../scripts/capacity.js';
import { startDynamoDbLocal } from '../scripts/twin/emulators.js';

export interface PageFigures {
  readonly views: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Read units of one view, the session check included. */
  readonly rcuPerView: number;
  /** Bytes of the page (HTML or CSV). */
  readonly bytes: number;
  /** Bytes sent for it to a browser, which accepts gzip (the console compresses text of 2 KiB or more). */
  readonly wireBytes: number;
}

export interface StaffFigures {
  readonly openTickets: number;
  readonly pqrsaTickets: number;
  /** Seconds the seeding took (BatchWriteItem, 25 items a call): not a figure of the console. */
  readonly seedSeconds: number;
  readonly queuePage: PageFigures;
  /**
   * The same queue page on a table whose byDueTime keeps the projection of before the staff console
   * (legacyQueueIndex, docs/deploy.md): each listed ticket is read by key.
   */
  readonly legacyQueuePage: PageFigures;
  readonly reportPage: PageFigures;
  readonly reportCsv: PageFigures;
  /** The report's twelve month queries alone (in parallel, as the page reads them), p50: the rest is the page's. */
  readonly reportReadsP50Ms: number;
}

export interface StaffBenchOptions {
  readonly openTickets?: number;
  readonly pqrsaPerMonth?: number;
  readonly views?: number;
}

const PRODUCT = 'certifactura';
const YEAR = 2026;
/** The console's clock: mid-January after the reported year, every seeded ticket received before it. */
const NOW = at('2027-01-15T10:00');
const PERSON = 'laura.gomez@certicamara.com';
const STAFF_PEOPLE = [
  {
    email: PERSON,
    name: 'Laura Gómez',
    level: 1 as const,
    queues: [
      { product: PRODUCT, queue: 'support' as const },
      { product: PRODUCT, queue: 'pqrsa' as const },
    ],
  },
];
const ANSWERER = 'Laura Gómez <laura.gomez@certicamara.com> (nivel 1)';

function at(text: string): Instant {
  const instant = parseInstant(text);
  if (instant === undefined) throw new Error(`bad bench instant ${text}`);
  return instant;
}

/** A small deterministic generator (mulberry32), so every run seeds the same tickets. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Tickets as the intake records them (its own draftTicket): routed, watched, numbered per register year. */
function ticketMaker() {
  const { catalog, router, vocabulary } = routingEngine();
  const deps = { router, policy: escalationPolicy() };
  const prefix = radicadoPrefix(catalog.products, PRODUCT);
  const sequences = new Map<number, number>();
  return (raw: { type: string; priority?: number }, receivedAt: Instant, n: number): Ticket => {
    const year = bogotaYear(receivedAt);
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    const draft = draftTicket(
      deps,
      {
        request: vocabulary.parse({ product: PRODUCT, ...raw }),
        subject: `Facturas electrónicas rechazadas por la DIAN, lote ${n}`,
        description: 'Desde esta mañana la plataforma rechaza las facturas del lote con un error de firma.',
        requester: { name: `Cliente ${n}`, email: `cliente${n}@example.com` },
        locale: 'es',
      },
      { accepted: true, policyVersion: '2024-01', acceptedAt: receivedAt },
      receivedAt,
    );
    return { ...draft, id: formatRadicado(prefix, year, sequence) };
  };
}

/** Writes the tickets' items 25 to a call, retrying what DynamoDB leaves unprocessed. */
async function seed(db: ReturnType<typeof documentClient>, table: string, tickets: readonly Ticket[]) {
  const hash = keyedRequesterHash('h'.repeat(40));
  const items = tickets.flatMap((ticket) => {
    const { state, body } = seedItemsFor(ticket, hash(ticket.requester.email));
    return [state, body];
  });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  // Eight calls in flight: enough to seed quickly, few enough that DynamoDB Local keeps up.
  const write = async (batch: Record<string, unknown>[]) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) await write(batch);
    }),
  );
}

/** The median of `runs` timings of `work`, one after another. */
async function medianMs(work: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

/** `views` GETs of `path` one after another, after two unmeasured ones; each must answer 200. */
async function measurePage(
  serve: (event: HttpEvent) => Promise<HttpResult>,
  meter: ReturnType<typeof meterCapacity>,
  event: HttpEvent,
  views: number,
): Promise<PageFigures> {
  const call = async () => {
    const result = await serve(event);
    if (result.statusCode !== 200) throw new Error(`${event.rawPath} answered ${result.statusCode}`);
    return result;
  };
  await call();
  const last = await call();
  meter.reset();
  const times: number[] = [];
  for (let i = 0; i < views; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  const sorted = times.sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return {
    views,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    rcuPerView: meter.reads / views,
    bytes: (last.isBase64Encoded
      ? gunzipSync(Buffer.from(String(last.body), 'base64'))
      : Buffer.from(String(last.body ?? ''))
    ).byteLength,
    wireBytes: Buffer.from(String(last.body ?? ''), last.isBase64Encoded ? 'base64' : 'utf8').byteLength,
  };
}

const LEGACY_TABLE = 'staff-bench-legacy';

/** The console's handler over `table` (as the Lambda entry builds it), and a session of PERSON started on it. */
async function signedInConsole(db: ReturnType<typeof documentClient>, endpoint: string, table: string) {
  const store = new DynamoStore(db, table, keyedRequesterHash('h'.repeat(40)));
  const clock: Clock = { now: () => NOW };
  const serve = staffConsoleHandler(
    {
      TABLE_NAME: table,
      AWS_REGION: 'local',
      DYNAMODB_ENDPOINT: endpoint,
      // http: the twin's cookie (`staff`, not Secure), as a bench sends it.
      PUBLIC_BASE_URL: 'http://localhost:3000',
      ACTION_LINK_SECRET: 'c'.repeat(40),
      REQUESTER_HASH_SECRET: 'h'.repeat(40),
      STAFF_PEOPLE,
      TOKEN_SECRET: 'b'.repeat(40),
    },
    clock,
    store,
  );
  const sessions = new DynamoSessions(new TableClient(db, table));
  const started = await sessions.start(PERSON, NOW, { id: 'bench-link', expiresAt: NOW + 900_000 });
  if (started === 'link-used') throw new Error('the bench session did not start');
  return { store, serve, token: started.token };
}

function get(path: string, query: Record<string, string>, token: string): HttpEvent {
  return {
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    requestContext: { http: { method: 'GET' } },
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    cookies: [`staff=${token}`],
  } as unknown as HttpEvent;
}

export async function benchStaff({
  openTickets = 10_000,
  pqrsaPerMonth = 400,
  views = 50,
}: StaffBenchOptions = {}): Promise<StaffFigures> {
  const dynamo = await startDynamoDbLocal({});
  const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint });
  const table = 'staff-bench';
  try {
    await db.send(new CreateTableCommand(tableDefinition(table)));
    await db.send(new CreateTableCommand(tableDefinition(LEGACY_TABLE, { legacyQueueIndex: true })));
    const make = ticketMaker();
    const rnd = random(18);
    const started = performance.now();

    // The queue: open incidents received over the last 60 days, of every priority.
    const open = Array.from({ length: openTickets }, (_, n) =>
      make(
        { type: 'incidente', priority: 1 + Math.floor(rnd() * 4) },
        NOW - Math.floor(rnd() * 60 * 86_400_000),
        n,
      ),
    );
    if (open.some((t) => t.queue !== 'support')) throw new Error('the bench queue must be one product queue');
    await seed(db, table, open);
    await seed(db, LEGACY_TABLE, open);

    // A year of PQRSA: received through each month; four in five answered (one in eight of those past the legal
    // term), the rest still open.
    const policy = escalationPolicy();
    const types = ['peticion', 'queja', 'reclamo', 'consulta', 'sugerencia'];
    const pqrsa: Ticket[] = [];
    for (let month = 1; month <= 12; month++) {
      const first = at(`${YEAR}-${String(month).padStart(2, '0')}-01T00:00`);
      for (let i = 0; i < pqrsaPerMonth; i++) {
        const receivedAt = first + Math.floor(rnd() * 27 * 86_400_000);
        const ticket = make(
          { type: types[i % types.length] as string },
          receivedAt,
          openTickets + pqrsa.length,
        );
        const answer = rnd();
        if (answer < 0.8) {
          const days = answer < 0.1 ? 25 + Math.floor(rnd() * 10) : 1 + Math.floor(rnd() * 12);
          const answeredAt = Math.min(receivedAt + days * 86_400_000, NOW - 3_600_000);
          pqrsa.push(policy.resolve(ticket, answeredAt, ANSWERER, 'Respuesta de fondo enviada.').ticket);
        } else {
          pqrsa.push(ticket);
        }
      }
    }
    await seed(db, table, pqrsa);
    await seed(db, LEGACY_TABLE, pqrsa);
    const seedSeconds = (performance.now() - started) / 1000;

    const meter = meterCapacity(db);
    const main = await signedInConsole(db, dynamo.endpoint, table);
    const legacy = await signedInConsole(db, dynamo.endpoint, LEGACY_TABLE);
    const page = (path: string, query: Record<string, string> = {}, on = main) =>
      measurePage(on.serve, meter, get(path, query, on.token), views);

    return {
      openTickets,
      pqrsaTickets: pqrsa.length,
      seedSeconds,
      queuePage: await page('/staff'),
      legacyQueuePage: await page('/staff', {}, legacy),
      reportPage: await page('/staff/reports/pqrsa', { year: String(YEAR) }),
      reportCsv: await page('/staff/reports/pqrsa.csv', { month: `${YEAR}-06` }),
      reportReadsP50Ms: await medianMs(
        () =>
          Promise.all(
            Array.from({ length: 12 }, (_, m) =>
              main.store.listPqrsaOfMonth(`${YEAR}-${String(m + 1).padStart(2, '0')}`),
            ),
          ),
        views,
      ),
    };
  } finally {
    db.destroy();
    await dynamo.stop();
  }
}
