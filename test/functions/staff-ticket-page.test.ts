// The staff console's ticket page and its actions (functions/http/staff/ticket-page.ts) on the real catalog and legal
// calendar, with a ticket store in memory: what it shows, that every value is escaped, which forms each state offers,
// the CSRF field on every form, and each action's answer (303, 400 with the form again, 409, 404).
import { describe, expect, it } from 'vitest';
import type { DownloadLinks } from '#domain/attachments.js';
import type { Transition } from '#domain/escalation/policy.js';
import type { StaffIdentity } from '#domain/inbound/directory.js';
import type { StaffQueries } from '#domain/ports.js';
import type { HistoryEntry, Ticket } from '#domain/ticket.js';
import type { ConsoleAuth, ConsoleDeps } from '#functions/http/staff/deps.js';
import { ticketAction, ticketPage } from '#functions/http/staff/ticket-page.js';
import { bogota, engine, policy, pqrsaTicket } from '../helpers.js';

const IDENTITY: StaffIdentity = {
  email: 'laura.gomez@certicamara.com',
  name: 'Laura Gómez',
  queues: [
    { product: 'certifactura', queue: 'support', level: 1 },
    { product: 'certifactura', queue: 'pqrsa', level: 2 },
  ],
};
const AUTH: ConsoleAuth = {
  identity: IDENTITY,
  session: { email: IDENTITY.email, csrf: 'csrf-token-1', startedAt: 0, lastSeenAt: 0 },
};
const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

class Memory {
  readonly transitions: Transition[] = [];
  constructor(
    public ticket: Ticket,
    public history: HistoryEntry[] = [],
  ) {}
  async get(id: string) {
    return id === this.ticket.id ? { ticket: this.ticket, history: this.history } : undefined;
  }
  async linkUsed() {
    return false;
  }
  async applyTransition(t: Transition, version: number) {
    if (version !== this.ticket.version) return 'stale' as const;
    this.ticket = t.ticket;
    this.history = [...this.history, ...t.history];
    this.transitions.push(t);
    return 'applied' as const;
  }
  async listByRequester() {
    return [];
  }
  async erasePersonalData() {
    return false;
  }
}

const downloads: DownloadLinks = {
  issue: (claims) => `dl.${claims.key.replace(/\//g, '_')}`,
  verify: () => ({ ok: false, reason: 'invalid' }),
};

function setup(ticket: Ticket, history: HistoryEntry[] = [], now = '2026-11-24T10:00') {
  const memory = new Memory(ticket, history);
  const deps: ConsoleDeps = {
    tickets: memory,
    queries: {} as StaffQueries,
    policy,
    businessDays: engine.businessDays,
    products: ['certifactura', 'biometria'],
    clock: { now: () => bogota(now) },
    authenticate: async () => AUTH,
    downloads,
  };
  return { memory, deps };
}

const incident = (fields: Partial<Ticket> = {}) => pqrsaTicket('incidente', '2026-11-18T10:00', fields);
const peticion = (fields: Partial<Ticket> = {}) => pqrsaTicket('peticion', '2026-11-18T10:00', fields);
const body = (result: { body?: string | undefined }) => result.body ?? '';

/** The path each form posts to (the action's last segment). */
const formActions = (html: string) =>
  [...html.matchAll(/<form method="post" action="\/staff\/tickets\/[^/"]+\/([a-z-]+)[^"]*"/g)].map(
    (m) => m[1],
  );

describe('the ticket page', () => {
  it('shows the ticket, its routing, deadlines, requester and history oldest first, under the strict CSP', async () => {
    const received = { at: bogota('2026-11-18T10:00'), event: 'received' as const, by: 'system' };
    const note = {
      at: bogota('2026-11-19T09:00'),
      event: 'note' as const,
      by: 'Laura (nivel 1)',
      note: 'Llamar',
    };
    const { deps } = setup(
      incident({ requester: { name: 'Ana Pérez', email: 'ana@example.com', phone: '3001234567' } }),
      [note, received],
    );
    const result = await ticketPage(deps, AUTH, 'CF-2026-000007', 'es');
    const html = body(result);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-security-policy']).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script|\sstyle=/);
    for (const text of [
      'CF-2026-000007',
      'Copia del contrato',
      'soporte.certifactura@certicamara.com',
      'Ana Pérez',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('3001234567');
    expect(html).toContain('<dt>Prioridad</dt><dd>P2</dd>');
    expect(html.indexOf('Recibida</li>') < html.indexOf('Nota interna')).toBe(true);
    expect(html).toContain('Nota interna (no la ve el solicitante)');
    expect(formActions(html)).toEqual(['acknowledge', 'reply', 'resolve', 'escalate']);
  });

  it('escapes hostile text wherever it appears', async () => {
    const hostile = incident({
      subject: HOSTILE,
      description: HOSTILE,
      requester: { name: HOSTILE, email: 'ana@example.com' },
    });
    const entry = { at: bogota('2026-11-19T09:00'), event: 'message' as const, by: HOSTILE, note: HOSTILE };
    const { deps } = setup(hostile, [entry]);
    const html = body(await ticketPage(deps, AUTH, hostile.id, 'es'));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('gives every form the session’s CSRF token, a label for every field and unique button names', async () => {
    const { deps } = setup(peticion());
    const html = body(await ticketPage(deps, AUTH, 'CF-2026-000007', 'es'));
    const forms = html.split('<form').slice(1);
    expect(forms.length).toBe(formActions(html).length + 1); // the header's sign-out form too
    for (const form of forms)
      expect(form).toContain('<input type="hidden" name="csrf" value="csrf-token-1">');
    for (const [, id] of html.matchAll(/<(?:textarea|input) id="([^"]+)"/g))
      expect(html).toMatch(new RegExp(`<label (class="check" )?for="${id}">`));
    const buttons = [...html.matchAll(/<button type="submit">([^<]+)<\/button>/g)].map((m) => m[1]);
    expect(new Set(buttons).size).toBe(buttons.length);
  });

  it('offers extend and request-info on a PQRSA with a legal term, and counts its business days left', async () => {
    const { deps } = setup(peticion());
    const html = body(await ticketPage(deps, AUTH, 'CF-2026-000007', 'es'));
    expect(formActions(html)).toEqual([
      'acknowledge',
      'reply',
      'extend',
      'request-info',
      'resolve',
      'escalate',
    ]);
    // Due Thursday 10 December 17:00; from Tuesday 24 November: 25–27 and 30 November, 1–4, 7, 9 and 10 December
    // (the 8th a holiday).
    expect(html).toContain('(quedan 11 días hábiles)');
  });

  it('offers nothing but a reply once resolved, and nothing at all once the personal data is erased', async () => {
    const resolved = incident({ status: 'resolved', resolvedAt: bogota('2026-11-20T10:00') });
    const one = setup(resolved);
    expect(formActions(body(await ticketPage(one.deps, AUTH, resolved.id, 'es')))).toEqual(['reply']);
    const erased = setup({
      ...resolved,
      erasedAt: bogota('2026-11-21T10:00'),
      requester: { name: '', email: '' },
    });
    const html = body(await ticketPage(erased.deps, AUTH, resolved.id, 'es'));
    expect(formActions(html)).toEqual([]);
    expect(html).toContain('datos suprimidos');
  });

  it('lists attachments with download links', async () => {
    const file = {
      id: 'f1',
      name: 'factura.pdf',
      type: 'application/pdf',
      size: 2048,
      key: 'attachments/CF/f1',
    };
    const entry = {
      at: bogota('2026-11-19T09:00'),
      event: 'attachment-added' as const,
      by: 'requester',
      attachments: [{ ...file, source: 'upload' as const }],
    };
    const { deps } = setup(incident(), [entry]);
    const html = body(await ticketPage(deps, AUTH, 'CF-2026-000007', 'en'));
    expect(html).toContain('<a href="/attachments/dl.attachments_CF_f1">factura.pdf</a> (2 KB)');
    expect(html).toContain('Attachments');
  });

  it('answers 404 for a queue the person does not act for, the same as for an unknown radicado', async () => {
    const { deps } = setup(incident({ product: 'biometria' }));
    const other = await ticketPage(deps, AUTH, 'CF-2026-000007', 'es');
    const unknown = await ticketPage(deps, AUTH, 'CF-2026-999999', 'es');
    expect(other.statusCode).toBe(404);
    expect(body(other)).toBe(body(unknown));
    expect(body(other)).not.toContain('Copia del contrato');
  });
});

describe('the ticket actions', () => {
  it('acts and sends the browser back to the ticket, which says what was done', async () => {
    const { deps, memory } = setup(incident());
    const result = await ticketAction(
      deps,
      AUTH,
      'CF-2026-000007',
      'acknowledge',
      new URLSearchParams(),
      'en',
    );
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe('/staff/tickets/CF-2026-000007?done=acknowledge&lang=en');
    expect(memory.history.map((h) => h.by)).toEqual(['Laura Gómez <laura.gomez@certicamara.com> (nivel 1)']);
    const html = body(await ticketPage(deps, AUTH, 'CF-2026-000007', 'en', 'acknowledge'));
    expect(html).toContain('<p role="status" class="note">The acknowledgement was recorded.</p>');
    expect(formActions(html)).not.toContain('acknowledge');
  });

  it('shows a form with problems again: 400, the problem beside its field, the value kept and escaped', async () => {
    const { deps, memory } = setup(incident());
    const form = new URLSearchParams({ reason: '<b>corto' });
    const result = await ticketAction(deps, AUTH, 'CF-2026-000007', 'escalate', form, 'es');
    const html = body(result);
    expect(result.statusCode).toBe(400);
    expect(html).toContain(
      'aria-describedby="escalate-reason-error" aria-invalid="true">&lt;b&gt;corto</textarea>',
    );
    expect(html).toMatch(/<p id="escalate-reason-error" class="error">[^<]+<\/p>/);
    expect(html).toContain('<details open><summary>Escalar ahora</summary>');
    expect(memory.transitions).toEqual([]);
  });

  it('names a mail command in a public reply, and keeps the internal-note box as it was', async () => {
    const { deps } = setup(incident());
    const form = new URLSearchParams({ text: '#resolver listo' });
    const html = body(await ticketAction(deps, AUTH, 'CF-2026-000007', 'reply', form, 'es'));
    expect(html).toContain('no puede empezar con #nota o #resolver');
    expect(html).not.toMatch(/name="internal" type="checkbox" value="1" checked/);
  });

  it('answers 409 with the reason when the state refuses it, and 404 for an unknown action or queue', async () => {
    const { deps } = setup(peticion({ escalationLevel: 3 }));
    const reason = new URLSearchParams({ reason: 'El solicitante insiste por teléfono.' });
    const refused = await ticketAction(deps, AUTH, 'CF-2026-000007', 'escalate', reason, 'es');
    expect(refused.statusCode).toBe(409);
    expect(body(refused)).toContain('nivel más alto de escalamiento');
    const unknown = await ticketAction(deps, AUTH, 'CF-2026-000007', 'erase', new URLSearchParams(), 'es');
    expect(unknown.statusCode).toBe(404);
    const elsewhere = setup(incident({ product: 'biometria' }));
    const hidden = await ticketAction(
      elsewhere.deps,
      AUTH,
      'CF-2026-000007',
      'acknowledge',
      new URLSearchParams(),
      'es',
    );
    expect(hidden.statusCode).toBe(404);
    expect(elsewhere.memory.transitions).toEqual([]);
  });
});
