import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EscalationPolicy } from '#domain/escalation/policy.js';
import type { StaffIdentity } from '#domain/inbound/directory.js';
import type { QueueEntry } from '#domain/ports.js';
import type { TicketSummary } from '#domain/staff/summary.js';
import type { TicketRecord } from '#domain/ticket.js';
import type { HttpEvent, HttpResult } from '../../functions/http/kit.js';
import { consoleHandler } from '../../functions/http/staff/console.js';
import type { ConsoleAuth, ConsoleDeps } from '../../functions/http/staff/deps.js';
import { QUEUE_PAGE_LIMIT } from '../../functions/http/staff/queue-page.js';
import { bogota, engine, pqrsaTicket } from '../helpers.js';

// The ticket page is another module's: here only that the console reaches it, after its own checks.
const ticketCalls = vi.hoisted(() => ({ page: [] as unknown[][], action: [] as unknown[][] }));
vi.mock('../../functions/http/staff/ticket-page.js', () => ({
  ticketPage: async (...args: unknown[]) => {
    ticketCalls.page.push(args);
    return { statusCode: 200, body: 'ticket page' };
  },
  ticketAction: async (...args: unknown[]) => {
    ticketCalls.action.push(args);
    return { statusCode: 303, headers: { location: '/staff/tickets/x' }, body: '' };
  },
}));

const HOUR = 3_600_000;
const now = bogota('2026-11-23T10:00');
const CSRF = 'csrf-token-of-the-session';

const identity: StaffIdentity = {
  email: 'ana@example.com',
  name: 'Ana',
  queues: [
    { product: 'certifactura', queue: 'support', level: 1 },
    { product: 'certifactura', queue: 'pqrsa', level: 1 },
  ],
};
const auth: ConsoleAuth = {
  session: { email: identity.email, csrf: CSRF, startedAt: now - HOUR, lastSeenAt: now },
  identity,
};

function entry(id: string, dueAt: number | null, summary: Partial<TicketSummary> = {}): QueueEntry {
  return {
    id,
    status: 'received',
    escalationLevel: 1,
    dueAt,
    summary: {
      product: 'certifactura',
      queue: 'support',
      type: 'incidente',
      priority: 'P2',
      subject: `Asunto ${id}`,
      receivedAt: bogota('2026-03-10T09:00'),
      termDueAt: null,
      ...summary,
    },
  };
}

let queueReads: string[];
let monthReads: string[];
let requesterLookups: [string, readonly string[]][];
let queueEntries: QueueEntry[];
let monthEntries: QueueEntry[];
let records: TicketRecord[];
let signedIn: ConsoleAuth | undefined;

function deps(): ConsoleDeps {
  const tickets = {
    get: async (id: string) => records.find((r) => r.ticket.id === id),
    listByRequester: async (email: string, products: readonly string[]) => {
      requesterLookups.push([email, products]);
      return records.filter((r) => r.ticket.requester.email === email);
    },
  };
  return {
    tickets: tickets as unknown as ConsoleDeps['tickets'],
    queries: {
      listQueue: async (ref) => {
        queueReads.push(`${ref.product}#${ref.queue}`);
        return queueEntries.filter((x) => x.summary.product === ref.product && x.summary.queue === ref.queue);
      },
      listPqrsaOfMonth: async (month) => {
        monthReads.push(month);
        return month === '2026-03' ? monthEntries : [];
      },
    },
    policy: {} as EscalationPolicy,
    businessDays: engine.businessDays,
    products: ['certifactura', 'certifirma'],
    clock: { now: () => now },
    authenticate: async () => signedIn,
  };
}

function request(
  method: 'GET' | 'POST',
  path: string,
  query: Record<string, string> = {},
  body?: { readonly text: string; readonly type?: string },
): HttpEvent {
  return {
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: { http: { method } },
    headers: body ? { 'content-type': body.type ?? 'application/x-www-form-urlencoded' } : {},
    ...(body ? { body: body.text, isBase64Encoded: false } : {}),
  } as unknown as HttpEvent;
}

async function call(
  event: HttpEvent,
): Promise<HttpResult & { body: string; headers: Record<string, string> }> {
  return (await consoleHandler(deps())(event)) as HttpResult & {
    body: string;
    headers: Record<string, string>;
  };
}

beforeEach(() => {
  queueReads = [];
  monthReads = [];
  requesterLookups = [];
  queueEntries = [];
  monthEntries = [];
  records = [];
  signedIn = auth;
  ticketCalls.page.length = 0;
  ticketCalls.action.length = 0;
});

describe('without a session', () => {
  beforeEach(() => {
    signedIn = undefined;
  });

  it('a page sends the browser to sign in, keeping where it was going (and the language)', async () => {
    const result = await call(request('GET', '/staff', { overdue: '1', lang: 'en' }));
    expect(result.statusCode).toBe(303);
    const location = new URL(result.headers.location ?? '', 'http://x');
    expect(location.pathname).toBe('/staff/sign-in');
    expect(location.searchParams.get('next')).toBe('/staff?overdue=1&lang=en');
    expect(location.searchParams.get('lang')).toBe('en');
    expect(queueReads).toEqual([]);
  });

  it('a post comes back to its ticket page, and nothing is done', async () => {
    const result = await call(
      request('POST', '/staff/tickets/CERT-2026-000001/resolve', {}, { text: `csrf=${CSRF}` }),
    );
    expect(result.statusCode).toBe(303);
    expect(new URL(result.headers.location ?? '', 'http://x').searchParams.get('next')).toBe(
      '/staff/tickets/CERT-2026-000001',
    );
    expect(ticketCalls.action).toEqual([]);
  });

  it('the CSV download answers 401', async () => {
    const result = await call(request('GET', '/staff/reports/pqrsa.csv', { month: '2026-03' }));
    expect(result.statusCode).toBe(401);
    expect(monthReads).toEqual([]);
  });
});

describe('GET /staff', () => {
  it('reads each queue the person acts for and lists the rows by deadline, overdue ones saying by how much', async () => {
    queueEntries = [
      entry('CERT-2026-000002', now + 3 * HOUR),
      entry('CERT-2026-000001', now - 2 * HOUR),
      entry('CERT-2026-000003', null, {
        queue: 'pqrsa',
        type: 'peticion',
        termDueAt: bogota('2026-11-25T17:00'),
      }),
    ];
    const result = await call(request('GET', '/staff'));
    expect(result.statusCode).toBe(200);
    expect(queueReads.sort()).toEqual(['certifactura#pqrsa', 'certifactura#support']);
    const body = result.body;
    expect(body.indexOf('CERT-2026-000001')).toBeLessThan(body.indexOf('CERT-2026-000002'));
    expect(body.indexOf('CERT-2026-000002')).toBeLessThan(body.indexOf('CERT-2026-000003'));
    expect(body).toMatch(
      /<td data-label="Próximo vencimiento" class="overdue"><time [^>]*>vencida hace 2 h<\/time>/,
    );
    expect(body).toContain('vence en 3 h');
    expect(body).toContain('quedan 2 días hábiles');
    expect(body).toContain('<a href="/staff/tickets/CERT-2026-000001">CERT-2026-000001</a>');
    expect(body).toContain('<table class="cards">');
    expect(body).toContain('3 solicitudes abiertas');
  });

  it('does not read a queue the filters leave out, and lists nothing for a queue the person does not act for', async () => {
    queueEntries = [entry('CERT-2026-000001', now)];
    await call(request('GET', '/staff', { queue: 'pqrsa' }));
    expect(queueReads).toEqual(['certifactura#pqrsa']);
    queueReads = [];
    const other = await call(request('GET', '/staff', { product: 'certifirma' }));
    expect(queueReads).toEqual([]);
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('No hay solicitudes abiertas que coincidan.');
  });

  it('says when a queue filled the page, so the count is not taken for the queue size', async () => {
    queueEntries = [entry('CERT-2026-000001', now)];
    expect((await call(request('GET', '/staff'))).body).not.toContain('vencimiento más próximo');
    queueEntries = Array.from({ length: QUEUE_PAGE_LIMIT }, (_, i) =>
      entry(`CERT-2026-${String(i + 1).padStart(6, '0')}`, now + i * 60_000),
    );
    const full = await call(request('GET', '/staff'));
    expect(full.body).toContain(`Se leen las ${QUEUE_PAGE_LIMIT} solicitudes de vencimiento más próximo`);
  });

  it('refuses a bad filter naming the field and what it takes, reading nothing', async () => {
    const result = await call(request('GET', '/staff', { level: '7', lang: 'en' }));
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('Level (level): Must be 1, 2 or 3.');
    expect(queueReads).toEqual([]);
  });

  it('escapes hostile text from a ticket', async () => {
    queueEntries = [
      entry('CERT-2026-000001', now, { subject: '<script>alert(1)</script>"><img src=x>', type: '"><b>' }),
    ];
    const { body } = await call(request('GET', '/staff'));
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('GET /staff/search', () => {
  const mine = {
    ticket: pqrsaTicket('peticion', '2026-11-18T10:00', { id: 'CERT-2026-000001' }),
    history: [],
  } as unknown as TicketRecord;
  const theirs = {
    ticket: pqrsaTicket('peticion', '2026-11-18T10:00', { id: 'CERT-2026-000002', product: 'certifirma' }),
    history: [],
  } as unknown as TicketRecord;

  it('sends a radicado the person may see to its ticket page', async () => {
    records = [mine];
    const result = await call(request('GET', '/staff/search', { q: ' cert-2026-000001 ', lang: 'en' }));
    expect(result.statusCode).toBe(303);
    expect(result.headers.location).toBe('/staff/tickets/CERT-2026-000001?lang=en');
  });

  it("answers another queue's radicado exactly as an unknown one", async () => {
    records = [theirs];
    const other = await call(request('GET', '/staff/search', { q: 'CERT-2026-000002' }));
    const unknown = await call(request('GET', '/staff/search', { q: 'CERT-2026-000099' }));
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(unknown.body);
  });

  it('looks an e-mail up exactly in the products of the queues the person acts for, listing only those queues', async () => {
    const email = mine.ticket.requester.email;
    records = [mine, { ...theirs, ticket: { ...theirs.ticket, requester: mine.ticket.requester } }];
    const result = await call(request('GET', '/staff/search', { q: email.toUpperCase() }));
    expect(result.statusCode).toBe(200);
    expect(requesterLookups).toEqual([[email.toLowerCase(), ['certifactura']]]);
    expect(result.body).toContain('CERT-2026-000001');
    expect(result.body).not.toContain('CERT-2026-000002');
  });

  it('refuses anything else naming the field q', async () => {
    const result = await call(request('GET', '/staff/search', { q: 'Juan Pérez' }));
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('El campo q debe ser un radicado');
    expect(requesterLookups).toEqual([]);
  });
});

describe('the PQRSA report', () => {
  const pqrsa = (id: string, product: string, subject = 'x') =>
    entry(id, null, {
      product,
      queue: 'pqrsa',
      type: 'peticion',
      subject,
      termDueAt: bogota('2026-03-31T17:00'),
      answeredAt: bogota('2026-03-20T10:00'),
    });

  it("reads the year's twelve months and counts only the products whose PQRSA queue the person acts for", async () => {
    monthEntries = [pqrsa('CERT-2026-000001', 'certifactura'), pqrsa('CERT-2026-000002', 'certifirma')];
    const result = await call(request('GET', '/staff/reports/pqrsa', { year: '2026' }));
    expect(result.statusCode).toBe(200);
    expect(monthReads.sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    );
    expect(result.body).toContain('<caption>marzo 2026</caption>');
    expect(result.body).toContain('<th scope="row" data-label="Producto">certifactura</th>');
    expect(result.body).not.toContain('certifirma');
    expect(result.body).toContain('href="/staff/reports/pqrsa.csv?month=2026-03"');
    expect(result.body).toContain('<svg');
  });

  it('defaults to the current Bogotá year and refuses a bad one naming the field', async () => {
    await call(request('GET', '/staff/reports/pqrsa'));
    expect(monthReads).toContain('2026-11');
    const bad = await call(request('GET', '/staff/reports/pqrsa', { year: '26' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('El campo year');
  });

  it('is not found for a person who acts for no PQRSA queue', async () => {
    signedIn = {
      ...auth,
      identity: { ...identity, queues: [identity.queues[0] as StaffIdentity['queues'][number]] },
    };
    expect((await call(request('GET', '/staff/reports/pqrsa'))).statusCode).toBe(404);
    expect((await call(request('GET', '/staff/reports/pqrsa.csv', { month: '2026-03' }))).statusCode).toBe(
      404,
    );
    expect(monthReads).toEqual([]);
  });

  it("downloads a month as CSV, another product's rows left out", async () => {
    monthEntries = [pqrsa('CERT-2026-000001', 'certifactura'), pqrsa('CERT-2026-000002', 'certifirma')];
    const result = await call(request('GET', '/staff/reports/pqrsa.csv', { month: '2026-03' }));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(result.headers['content-disposition']).toBe('attachment; filename="pqrsa-2026-03.csv"');
    expect(monthReads).toEqual(['2026-03']);
    expect(result.body).toContain('2026-03,certifactura,peticion,1,1,0');
    expect(result.body).not.toContain('certifirma');
  });

  it('refuses a bad month naming the field and the format', async () => {
    const result = await call(request('GET', '/staff/reports/pqrsa.csv', { month: '2026-13', lang: 'en' }));
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('The month field must look like YYYY-MM');
    expect(monthReads).toEqual([]);
  });
});

describe('ticket routes', () => {
  const form = (text: string, type?: string) => ({ text, ...(type ? { type } : {}) });

  it('hands a well-formed radicado to the ticket page; anything else is the not-found page', async () => {
    expect((await call(request('GET', '/staff/tickets/CERT-2026-000001'))).body).toBe('ticket page');
    // An action's redirect comes back with done=<action>: the page shows what was done.
    await call(request('GET', '/staff/tickets/CERT-2026-000001', { done: 'resolve' }));
    expect(ticketCalls.page).toEqual([
      [expect.anything(), auth, 'CERT-2026-000001', 'es', undefined],
      [expect.anything(), auth, 'CERT-2026-000001', 'es', 'resolve'],
    ]);
    expect((await call(request('GET', '/staff/tickets/..%2Fadmin'))).statusCode).toBe(404);
    expect((await call(request('GET', '/staff/nothing-here'))).statusCode).toBe(404);
    expect(
      (await call(request('POST', '/staff/tickets/CERT-2026-000001/delete', {}, form(`csrf=${CSRF}`))))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a post without the session’s CSRF token (403), doing nothing', async () => {
    const wrong = await call(
      request('POST', '/staff/tickets/CERT-2026-000001/resolve', {}, form('csrf=guess&note=x')),
    );
    const missing = await call(
      request('POST', '/staff/tickets/CERT-2026-000001/resolve', {}, form('note=x')),
    );
    expect([wrong.statusCode, missing.statusCode]).toEqual([403, 403]);
    expect(wrong.body).toContain('Formulario vencido');
    expect(ticketCalls.action).toEqual([]);
  });

  it('takes forms only, at most 16 KB', async () => {
    const json = await call(
      request(
        'POST',
        '/staff/tickets/CERT-2026-000001/resolve',
        {},
        form(`{"csrf":"${CSRF}"}`, 'application/json'),
      ),
    );
    const big = await call(
      request(
        'POST',
        '/staff/tickets/CERT-2026-000001/reply',
        {},
        form(`csrf=${CSRF}&note=${'a'.repeat(16_400)}`),
      ),
    );
    expect([json.statusCode, big.statusCode]).toEqual([415, 413]);
    expect(ticketCalls.action).toEqual([]);
  });

  it('passes a good form to the action, in the language of the form', async () => {
    const result = await call(
      request(
        'POST',
        '/staff/tickets/CERT-2026-000001/request-info',
        {},
        form(`csrf=${CSRF}&note=Falta+NIT&lang=en`),
      ),
    );
    expect(result.statusCode).toBe(303);
    const [, who, id, action, sent, locale] = ticketCalls.action[0] ?? [];
    expect([who, id, action, locale]).toEqual([auth, 'CERT-2026-000001', 'request-info', 'en']);
    expect((sent as URLSearchParams).get('note')).toBe('Falta NIT');
  });
});
