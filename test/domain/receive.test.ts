// What a received reply does (domain/inbound): the checks that refuse or drop a mail before it touches a ticket, and
// the staff reply, internal note, final answer, requester reply, reopening and completion it records, on the real
// catalog with a ticket store in memory. A support incident P3 received Wednesday 2026-11-18 at 10:00.
import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { requestInfo, withdraw } from '#domain/escalation/completion.js';
import type { Transition } from '#domain/escalation/policy.js';
import { StaffDirectory } from '#domain/inbound/directory.js';
import type { InboundMail, MailVerdicts } from '#domain/inbound/mail.js';
import { LOOP_LIMIT, type ReceiveDeps, receiveMail } from '#domain/inbound/receive.js';
import type { NewTicket, ReplyAddresses, ReplyParty } from '#domain/ports.js';
import type { HistoryEntry, Ticket } from '#domain/ticket.js';
import { bogota, engine, policy, pqrsaTicket } from '../helpers.js';

const PASS: MailVerdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };
const PERSON = { email: 'laura.gomez@certicamara.com', name: 'Laura Gómez', level: 2 as const };

/** Reply addresses as `<id>.<party>.ok@r.test`: well signed when it ends in `.ok`. */
const addresses: ReplyAddresses = {
  addressFor: (id, party) => `${id.toLowerCase()}.${party}.ok@r.test`,
  parse: (address) => {
    const m = /^([a-z]+-\d{4}-\d+)\.([sr])\.ok@r\.test$/i.exec(address);
    return m ? { ticketId: (m[1] ?? '').toUpperCase(), party: m[2] as ReplyParty } : undefined;
  },
};

class Memory {
  ticket: Ticket;
  history: HistoryEntry[] = [];
  transitions: Transition[] = [];
  constructor(ticket: Ticket) {
    this.ticket = ticket;
  }
  async get(id: string) {
    return id === this.ticket.id ? { ticket: this.ticket, history: this.history } : undefined;
  }
  readonly used = new Set<string>();
  readonly created: NewTicket[] = [];
  readonly keys = new Map<string, string>();
  async checkIdempotencyKey(request: { key: string }) {
    const ticketId = this.keys.get(request.key);
    return ticketId ? { state: 'completed' as const, ticketId } : { state: 'new' as const };
  }
  async create(ticket: NewTicket) {
    const id = `CF-2026-${String(100 + this.created.length).padStart(6, '0')}`;
    this.created.push(ticket);
    if (ticket.idempotency) this.keys.set(ticket.idempotency.key, id);
    return { state: 'created' as const, ticket: { ...ticket.draft, id } };
  }
  async applyTransition(t: Transition, version: number, use?: { id: string }) {
    if (use && this.used.has(use.id)) return 'link-used' as const;
    if (version !== this.ticket.version) return 'stale' as const;
    if (use) this.used.add(use.id);
    this.ticket = t.ticket;
    this.history.push(...t.history);
    this.transitions.push(t);
    return 'applied' as const;
  }
}

function setup(type = 'incidente', now = '2026-11-18T11:00', ticket?: Ticket) {
  const memory = new Memory(ticket ?? pqrsaTicket(type, '2026-11-18T10:00'));
  let at = bogota(now);
  const directory = StaffDirectory.fromCatalog(
    engine.desks,
    ['certifactura', 'biometria'],
    [{ ...PERSON, queues: [{ product: 'certifactura', queue: 'support' }] }],
  );
  const deps: ReceiveDeps = {
    tickets: memory,
    policy,
    router: engine.router,
    products: catalog.products,
    directory,
    replyAddresses: addresses,
    clock: { now: () => at },
  };
  const send = (mail: Partial<InboundMail>, verdicts: MailVerdicts = PASS, receiptId?: string) =>
    receiveMail(deps, { ...baseMail(memory.ticket, 's'), ...mail }, verdicts, receiptId);
  return { memory, send, moveTo: (text: string) => (at = bogota(text)) };
}

function baseMail(ticket: Ticket, party: ReplyParty): InboundMail {
  return {
    from: PERSON.email,
    fromName: PERSON.name,
    returnPath: PERSON.email,
    recipients: [addresses.addressFor(ticket.id, party)],
    subject: `RE: [${ticket.id}] Falla`,
    messageId: 'abc@mail.example',
    inReplyTo: [],
    text: 'Ya revisamos la configuración: intente de nuevo, por favor.',
    attachments: [],
    size: 2_000,
  };
}

const toRequester = (ticket: Ticket) => ({
  recipients: [addresses.addressFor(ticket.id, 'r')],
  from: 'ana@example.com',
});

describe('a staff reply by e-mail', () => {
  it('is recorded as a public message, sent to the requester, and stops the first-response clock', async () => {
    const { memory, send } = setup();
    const due = memory.ticket.watch.responseDueAt ?? 0;
    expect(await send({})).toEqual({ outcome: 'recorded', ticketId: memory.ticket.id, as: 'staff-reply' });
    expect(memory.ticket.status).toBe('acknowledged');
    expect(memory.history.at(-1)).toMatchObject({
      event: 'message',
      by: `Laura Gómez <${PERSON.email}> (nivel 2)`,
      note: 'Ya revisamos la configuración: intente de nuevo, por favor.',
    });
    expect(memory.transitions[0]?.notifications).toEqual([
      {
        id: `staff-reply-${bogota('2026-11-18T11:00')}`,
        kind: 'staff-reply',
        messageAt: bogota('2026-11-18T11:00'),
      },
    ]);
    // No false escalation at the first-response deadline.
    expect(policy.sweepStep(memory.ticket, due + 1)).toBeUndefined();
  });

  it('counts from a role mailbox of the catalog too, at its level', async () => {
    const { memory, send } = setup();
    const mailbox = memory.ticket.routing.mailbox;
    await send({ from: mailbox, fromName: '' });
    expect(memory.history.at(-1)?.by).toMatch(new RegExp(`<${mailbox}> \\(nivel 1\\)$`));
  });

  it('never passes on a signed action link left in the reply', async () => {
    const { memory, send } = setup();
    const link = 'https://api.example.com/actions?token=eyJ0IjoiQ0YtMjAyNi0wMDAwMDcifQ.c2lnbmF0dXJl';
    await send({ text: `Listo, ya quedó.\nResolver: ${link}` });
    expect(memory.history.at(-1)?.note).toBe('Listo, ya quedó.\nResolver: [enlace interno retirado]');
  });

  it('#nota is an internal note: recorded, never sent', async () => {
    const { memory, send } = setup();
    expect((await send({ text: '#nota El cliente ya llamó dos veces.' })) as object).toMatchObject({
      as: 'note',
    });
    expect(memory.history.at(-1)).toMatchObject({ event: 'note', note: 'El cliente ya llamó dos veces.' });
    expect(memory.transitions[0]?.notifications).toEqual([]);
    expect(memory.ticket.status).toBe('received');
  });

  it('#resolver resolves with the text as the answer, as the resolve link does', async () => {
    const { memory, send } = setup();
    expect((await send({ text: '#Resolver: Quedó corregida la plantilla.' })) as object).toMatchObject({
      as: 'resolution',
    });
    expect(memory.ticket.status).toBe('resolved');
    expect(memory.history.at(-1)).toMatchObject({ event: 'resolved', note: 'Quedó corregida la plantilla.' });
    expect(memory.transitions[0]?.notifications).toEqual([{ id: 'resolved-requester', kind: 'resolution' }]);
  });

  it('from a staff address that fails DMARC, or from a stranger, is kept for review and never sent', async () => {
    const { memory, send } = setup();
    expect((await send({}, { ...PASS, dmarc: 'FAIL' })) as object).toMatchObject({ as: 'external' });
    expect(memory.history.at(-1)?.event).toBe('external-message');
    expect(memory.history.at(-1)?.note).toContain('DMARC FAIL');
    expect(await send({ from: 'otro@example.com' })).toMatchObject({ as: 'external' });
    expect(memory.transitions.flatMap((t) => t.notifications)).toEqual([]);
    expect(memory.ticket.status).toBe('received');
  });

  it('from staff of another queue is not a staff reply', async () => {
    const { memory, send } = setup('peticion');
    expect(await send({})).toMatchObject({ as: 'external' });
    expect(memory.ticket.status).toBe('received');
  });
});

describe('a retried invocation', () => {
  it('records a message once: the second delivery of the same SES message is a duplicate', async () => {
    const { memory, send } = setup();
    expect(await send({}, PASS, 'ses-1')).toMatchObject({ outcome: 'recorded' });
    expect(await send({}, PASS, 'ses-1')).toEqual({ outcome: 'dropped', why: 'duplicate' });
    expect(memory.history.filter((h) => h.event === 'message')).toHaveLength(1);
    expect(await send({ text: 'Otro mensaje distinto.' }, PASS, 'ses-2')).toMatchObject({
      outcome: 'recorded',
    });
  });
});

describe('mail that never touches a ticket', () => {
  it('refuses an unsigned address, an unknown ticket and an oversized message; drops machine mail and loops', async () => {
    const { memory, send } = setup();
    expect(await send({ recipients: ['cf-2026-000007.s.forged@r.test'] })).toEqual({
      outcome: 'refused',
      why: 'no-reply-address',
    });
    expect(await send({ recipients: ['cf-2026-000999.s.ok@r.test'] })).toEqual({
      outcome: 'refused',
      why: 'unknown-ticket',
    });
    expect(await send({ size: 11 * 1024 * 1024 })).toEqual({ outcome: 'refused', why: 'too-large' });
    expect(await send({ automatic: 'auto-reply' })).toEqual({ outcome: 'dropped', why: 'automatic' });
    expect(await send({}, { ...PASS, virus: 'FAIL' })).toEqual({ outcome: 'dropped', why: 'virus' });
    expect(await send({}, { ...PASS, spam: 'FAIL' })).toEqual({ outcome: 'dropped', why: 'spam' });
    expect(memory.transitions).toEqual([]);
    for (let i = 0; i < LOOP_LIMIT; i++) await send({ text: `#nota ${i}` });
    expect(await send({})).toEqual({ outcome: 'dropped', why: 'loop' });
  });
});

describe('a ticket whose personal data was erased', () => {
  it('refuses every reply, from staff, the requester or anyone else, and records nothing', async () => {
    const { memory, send } = setup();
    const requester = memory.ticket.requester.email;
    // As the erasure leaves it (functions/adapters/dynamo/erasure.ts): resolved, text and requester emptied.
    memory.ticket = {
      ...memory.ticket,
      status: 'resolved',
      subject: '',
      description: '',
      requester: { ...memory.ticket.requester, name: '', email: '' },
      erasedAt: bogota('2026-11-20T09:00'),
    };
    for (const mail of [
      {},
      { text: '#nota interna' },
      { ...toRequester(memory.ticket), from: requester },
      { from: 'x@y.co' },
    ])
      expect(await send(mail)).toEqual({ outcome: 'refused', why: 'erased' });
    expect(memory.transitions).toEqual([]);
  });
});

describe("the requester's reply", () => {
  it('is recorded and forwarded to staff on an open ticket', async () => {
    const { memory, send } = setup();
    expect(await send({ ...toRequester(memory.ticket), from: 'Ana@Example.com' })).toMatchObject({
      as: 'requester-reply',
    });
    expect(memory.history.at(-1)).toMatchObject({ event: 'message', by: 'requester' });
    expect(memory.transitions[0]?.notifications[0]?.kind).toBe('requester-reply');
  });

  it('reopens a ticket closed in the last 14 days, with a new resolution target; later it stays closed', async () => {
    const resolved = policy.resolve(
      pqrsaTicket('incidente'),
      bogota('2026-11-19T10:00'),
      'system',
      'Listo.',
    ).ticket;
    const reopen = setup('incidente', '2026-11-25T10:00', resolved);
    expect(await reopen.send(toRequester(resolved))).toMatchObject({ as: 'reopened' });
    expect(reopen.memory.ticket.status).toBe('acknowledged');
    expect(reopen.memory.ticket.resolvedAt).toBeUndefined();
    expect(reopen.memory.ticket.watch.resolutionDueAt).toBeGreaterThan(bogota('2026-11-25T10:00'));
    expect(reopen.memory.history.map((h) => h.event)).toEqual(['message', 'reopened']);

    // Later: a new ticket linked to it, and the old one records where the reply went; a retry opens nothing more.
    const late = setup('incidente', '2026-12-10T10:00', resolved);
    const reply = { ...toRequester(resolved), text: 'Volvió a fallar la emisión desde ayer.' };
    expect(await late.send(reply, PASS, 'ses-9')).toMatchObject({ as: 'follow-up' });
    const [opened] = late.memory.created;
    expect(opened?.draft).toMatchObject({
      product: 'certifactura',
      type: 'incidente',
      priority: resolved.priority,
      requester: resolved.requester,
      consent: resolved.consent,
      description: 'Volvió a fallar la emisión desde ayer.',
      subject: `Seguimiento de ${resolved.id}: ${resolved.subject}`,
    });
    expect(opened?.history.note).toContain(resolved.id);
    expect(opened?.notifications.map((n) => n.kind)).toEqual(['routed', 'requester-ack']);
    expect(late.memory.ticket.status).toBe('resolved');
    expect(late.memory.history.map((h) => h.event)).toEqual(['message', 'follow-up']);
    expect(late.memory.history.at(-1)?.note).toContain('CF-2026-000100');
    expect(late.memory.transitions[0]?.notifications).toEqual([]);
    expect(await late.send(reply, PASS, 'ses-9')).toEqual({ outcome: 'dropped', why: 'duplicate' });
    expect(late.memory.created).toHaveLength(1);
  });

  /** A petición whose staff asked the requester, on 24 November, for the invoice number. */
  const askedForInfo = () =>
    requestInfo(
      policy.completion,
      pqrsaTicket('peticion'),
      bogota('2026-11-24T10:00'),
      'x (nivel 1)',
      'Falta el número de factura.',
    ).ticket;

  it('completes a pending request for information, resuming the legal term', async () => {
    const asked = askedForInfo();
    const { memory, send } = setup('peticion', '2026-12-04T15:00', asked);
    expect(await send(toRequester(asked))).toMatchObject({ as: 'completion' });
    expect(memory.ticket.infoRequest?.resumedDueAt).toBe(bogota('2026-12-22T17:00'));
  });

  it('to a request withdrawn for want of the information asked opens a new request, never reopens it', async () => {
    const asked = askedForInfo();
    const deadline = asked.infoRequest?.answerDueAt as number;
    const withdrawn = withdraw(policy.completion, asked, deadline).ticket;
    expect(withdrawn).toMatchObject({ status: 'resolved', closedAs: 'withdrawn' });
    const { memory, send } = setup('peticion', new Date(deadline + 2 * 86_400_000).toISOString(), withdrawn);
    const reply = { ...toRequester(withdrawn), text: 'Adjunto el número de factura: FE-1234.' };
    expect(await send(reply, PASS, 'ses-10')).toMatchObject({ outcome: 'recorded', as: 'follow-up' });
    expect(memory.created[0]?.draft).toMatchObject({ type: 'peticion', description: reply.text });
    expect(memory.ticket).toMatchObject({ status: 'resolved', closedAs: 'withdrawn' });
    expect(memory.history.map((h) => h.event)).toEqual(['message', 'follow-up']);
  });

  it('from another address to the requester address is kept for review', async () => {
    const { memory, send } = setup();
    expect(await send({ ...toRequester(memory.ticket), from: 'mallory@example.com' })).toMatchObject({
      as: 'external',
    });
    expect(memory.transitions[0]?.notifications).toEqual([]);
  });
});
