// Handler overhead without I/O: the real POST /requests handler (parse, validate, route, record, respond) over an
// in-memory register, timed per invocation. What is left is the code's own cost, not DynamoDB's or the network's.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CreateOutcome, IdempotencyCheck, NewTicket, TicketRepository } from '#domain/ports.js';
import { formatRadicado } from '#domain/radicado.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { HmacAccessTokens, HmacFormTokens } from '#functions/adapters/hmac-tokens.js';
import { createRequestHandler } from '#functions/http/create-request.js';
import { defaultIntakeNotice } from '#functions/privacy-notice.js';
import { intakeRouting } from '#functions/wiring.js';
import { SUBMISSION } from './submission.js';

/** Just enough of the repository for intake, in memory: the register, tickets, idempotency keys. */
class MemoryRegister implements Pick<TicketRepository, 'checkIdempotencyKey' | 'create' | 'get'> {
  private readonly counters = new Map<string, number>();
  private readonly tickets = new Map<string, TicketRecord>();
  async checkIdempotencyKey(): Promise<IdempotencyCheck> {
    return { state: 'new' };
  }
  async create({ draft, register, history }: NewTicket): Promise<CreateOutcome> {
    const key = `${register.prefix}#${register.year}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    const ticket: Ticket = { ...draft, id: formatRadicado(register.prefix, register.year, next) };
    this.tickets.set(ticket.id, { ticket, history: [history] });
    return { state: 'created', ticket };
  }
  async get(id: string): Promise<TicketRecord | undefined> {
    return this.tickets.get(id);
  }
}

// As the public web form sends it: with its serving token (issued well before, as a person fills the form), so each
// invocation also checks the proof of origin.
const SECRET = 'bench-secret-bench-secret-bench-secret';
const BODY = JSON.stringify({
  ...SUBMISSION,
  form: { token: new HmacFormTokens(SECRET).issue(Date.now() - 60_000), website: '' },
});

function event(key: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /requests',
    rawPath: '/requests',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/requests',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: key,
      routeKey: 'POST /requests',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    body: BODY,
    isBase64Encoded: false,
  };
}

export interface HandlerFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly invocations: number;
}

export async function benchHandler({ invocations = 20_000, warmup = 2_000 } = {}): Promise<HandlerFigures> {
  const secret = SECRET;
  const handler = createRequestHandler({
    intake: {
      ...intakeRouting(),
      tickets: new MemoryRegister() as unknown as TicketRepository,
      clock: { now: () => Date.now() },
      policyVersion: '2024-01',
      notice: defaultIntakeNotice(),
      formTokens: new HmacFormTokens(secret),
    },
    tokens: new HmacAccessTokens(secret),
    publicBaseUrl: 'https://api.example.com',
  });
  for (let i = 0; i < warmup; i++) await handler(event(`warm-${i}`));
  const times = new Float64Array(invocations);
  for (let i = 0; i < invocations; i++) {
    const e = event(`key-${i}`);
    const t0 = performance.now();
    const result = await handler(e);
    times[i] = performance.now() - t0;
    if (result.statusCode !== 201) throw new Error(`handler answered ${result.statusCode}: ${result.body}`);
  }
  times.sort();
  const at = (q: number) => times[Math.min(invocations - 1, Math.floor(q * invocations))] as number;
  return { p50Ms: at(0.5), p99Ms: at(0.99), invocations };
}
