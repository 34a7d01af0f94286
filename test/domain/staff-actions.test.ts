// The staff console's actions (domain/staff/actions.ts) on the real catalog and legal calendar, with a ticket store in
// memory: who may act on which queue, each action's transition and audit line, the form's problems and the refusals,
// and a ticket changed meanwhile. Tickets are received Wednesday 2026-11-18 at 10:00 (Bogotá).
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '#domain/errors.js';
import type { Transition } from '#domain/escalation/policy.js';
import type { StaffIdentity } from '#domain/inbound/directory.js';
import {
  type ConsoleAction,
  type ConsoleActionDeps,
  type ConsoleForm,
  performConsoleAction,
} from '#domain/staff/actions.js';
import type { HistoryEntry, Ticket } from '#domain/ticket.js';
import { bogota, policy, pqrsaTicket } from '../helpers.js';

const LAURA: StaffIdentity = {
  email: 'laura.gomez@certicamara.com',
  name: 'Laura Gómez',
  queues: [
    { product: 'certifactura', queue: 'support', level: 2 },
    { product: 'certifactura', queue: 'pqrsa', level: 1 },
  ],
};
const OTHER: StaffIdentity = {
  email: 'pedro@certicamara.com',
  name: 'Pedro',
  queues: [{ product: 'biometria', queue: 'support', level: 3 }],
};
const AS_SUPPORT = 'Laura Gómez <laura.gomez@certicamara.com> (nivel 2)';
const AS_PQRSA = 'Laura Gómez <laura.gomez@certicamara.com> (nivel 1)';

/** One ticket in memory; `meanwhile` bumps its version between the read and the write, as another writer would. */
class Memory {
  history: HistoryEntry[] = [];
  readonly transitions: Transition[] = [];
  meanwhile = false;
  constructor(public ticket: Ticket) {}
  async get(id: string) {
    if (id !== this.ticket.id) return undefined;
    const read = { ticket: this.ticket, history: this.history };
    if (this.meanwhile) this.ticket = { ...this.ticket, version: this.ticket.version + 1 };
    return read;
  }
  async linkUsed() {
    return false;
  }
  async applyTransition(t: Transition, version: number) {
    if (version !== this.ticket.version) return 'stale' as const;
    this.ticket = t.ticket;
    this.history.push(...t.history);
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

function setup(ticket: Ticket, now = '2026-11-24T10:00') {
  const memory = new Memory(ticket);
  const deps: ConsoleActionDeps = {
    tickets: memory,
    policy,
    clock: { now: () => bogota(now) },
    products: ['certifactura', 'biometria'],
  };
  const act = (action: ConsoleAction, form: ConsoleForm = {}, who = LAURA, id = ticket.id) =>
    performConsoleAction(deps, who, id, action, form);
  return { memory, act };
}

const incident = (fields: Partial<Ticket> = {}) => pqrsaTicket('incidente', '2026-11-18T10:00', fields);
const peticion = (fields: Partial<Ticket> = {}) => pqrsaTicket('peticion', '2026-11-18T10:00', fields);

describe('who may act', () => {
  it('answers a ticket of a queue the person does not act for like an unknown radicado, and writes nothing', async () => {
    const { memory, act } = setup(incident());
    await expect(act('acknowledge', {}, OTHER)).rejects.toBeInstanceOf(NotFoundError);
    await expect(act('acknowledge', {}, LAURA, 'CF-2026-999999')).rejects.toBeInstanceOf(NotFoundError);
    const biometria = setup(incident({ product: 'biometria' }));
    await expect(biometria.act('acknowledge')).rejects.toBeInstanceOf(NotFoundError);
    expect(memory.transitions).toEqual([]);
    expect(biometria.memory.transitions).toEqual([]);
  });
});

describe('each action', () => {
  it('acknowledges with the signed-in person, at their level for that queue, in the audit trail', async () => {
    const { memory, act } = setup(incident());
    const outcome = await act('acknowledge');
    expect(outcome).toMatchObject({ ok: true, ticket: { status: 'acknowledged' } });
    expect(memory.history.map((h) => [h.event, h.by])).toEqual([['acknowledged', AS_SUPPORT]]);
    expect(memory.transitions[0]?.notifications.map((n) => n.id)).toEqual(['acknowledged-requester']);
  });

  it('replies to the requester as an e-mail reply does (the staff-reply mail), or keeps an internal note', async () => {
    const { memory, act } = setup(incident());
    expect(await act('reply', { text: '  Estamos revisando su caso.  ' })).toMatchObject({ ok: true });
    expect(await act('reply', { text: 'Llamé al cliente.', internal: true })).toMatchObject({ ok: true });
    expect(memory.history.map((h) => [h.event, h.by, h.note])).toEqual([
      ['message', AS_SUPPORT, 'Estamos revisando su caso.'],
      ['note', AS_SUPPORT, 'Llamé al cliente.'],
    ]);
    expect(memory.transitions.map((t) => t.notifications.map((n) => n.kind))).toEqual([['staff-reply'], []]);
    expect(memory.ticket.status).toBe('acknowledged');
  });

  it('refuses an empty reply, and a public one that starts with a mail command, naming the field', async () => {
    const { memory, act } = setup(incident());
    expect(await act('reply', { text: '   ' })).toEqual({
      ok: false,
      problem: 'form',
      issues: [expect.objectContaining({ path: 'text', code: 'required' })],
    });
    expect(await act('reply', { text: '#resolver listo' })).toMatchObject({
      problem: 'form',
      issues: [{ path: 'text', code: 'not_allowed' }],
    });
    expect(memory.transitions).toEqual([]);
  });

  it('resolves with a note of at least 10 characters', async () => {
    const { memory, act } = setup(incident());
    expect(await act('resolve', { note: 'Listo' })).toMatchObject({
      problem: 'form',
      issues: [{ path: 'note', code: 'too_short' }],
    });
    expect(memory.transitions).toEqual([]);
    expect(await act('resolve', { note: 'Se corrigió la configuración.' })).toMatchObject({
      ok: true,
      ticket: { status: 'resolved' },
    });
    expect(memory.history.map((h) => [h.event, h.by])).toEqual([['resolved', AS_SUPPORT]]);
    expect(await act('reply', { text: 'Quedo atento.' })).toMatchObject({ ok: true });
  });

  it('extends a PQRSA’s legal term with reasons and a date, at the person’s level for the PQRSA queue', async () => {
    const { memory, act } = setup(peticion(), '2026-12-01T10:00');
    expect(await act('extend', { reasons: 'corto' })).toMatchObject({
      problem: 'form',
      issues: [
        { path: 'reasons', code: 'too_short' },
        { path: 'dueDate', code: 'required' },
      ],
    });
    const reasons = 'Necesitamos consultar al área jurídica.';
    expect(await act('extend', { reasons, dueDate: '2027-01-04' })).toMatchObject({ ok: true });
    expect(memory.ticket.extension?.dueAt).toBe(bogota('2027-01-04T17:00'));
    expect(memory.history.map((h) => [h.event, h.by])).toEqual([['extended', AS_PQRSA]]);
  });

  it('asks the requester to complete a PQRSA, suspending its term', async () => {
    const { memory, act } = setup(peticion());
    expect(await act('request-info', { note: 'Falta' })).toMatchObject({ problem: 'form' });
    const note = 'Indique el número de la factura.';
    expect(await act('request-info', { note })).toMatchObject({ ok: true });
    expect(memory.ticket.infoRequest?.at).toBe(bogota('2026-11-24T10:00'));
    expect(memory.history.map((h) => [h.event, h.by])).toEqual([['info-requested', AS_PQRSA]]);
  });

  it('escalates one level now with a reason, as an escalation to that level (level 3 pages on-call staff)', async () => {
    const { memory, act } = setup(incident());
    expect(await act('escalate', { reason: 'urgente' })).toMatchObject({
      problem: 'form',
      issues: [{ path: 'reason', code: 'too_short' }],
    });
    const reason = 'El cliente no puede facturar desde ayer.';
    expect(await act('escalate', { reason })).toMatchObject({ ok: true, ticket: { escalationLevel: 2 } });
    expect(await act('escalate', { reason })).toMatchObject({ ok: true, ticket: { escalationLevel: 3 } });
    expect(memory.history.map((h) => [h.event, h.by])).toEqual([
      ['escalated', AS_SUPPORT],
      ['escalated', AS_SUPPORT],
    ]);
    expect(memory.history[0]?.note).toContain(reason);
    expect(memory.history[0]?.note).toContain('del nivel 1 al nivel 2');
    expect(memory.transitions.map((t) => t.notifications.map((n) => n.id))).toEqual([
      ['escalated-2'],
      ['escalated-3', 'escalated-3-page'],
    ]);
    expect(await act('escalate', { reason })).toMatchObject({
      problem: 'refused',
      refusal: { reason: 'top_level' },
    });
    expect(memory.transitions).toHaveLength(2);
  });

  it('takes a PQRSA to level 3 with a reason (its deadlines alone stop at 2), no further; refuses a closed ticket', async () => {
    const reason = 'El solicitante insiste por teléfono.';
    const pqrsa = setup(peticion({ escalationLevel: 2 }));
    expect(await pqrsa.act('escalate', { reason })).toMatchObject({
      ok: true,
      ticket: { escalationLevel: 3 },
    });
    const top = setup(peticion({ escalationLevel: 3 }));
    expect(await top.act('escalate', { reason })).toMatchObject({ refusal: { reason: 'top_level' } });
    const closed = setup(incident({ status: 'resolved', resolvedAt: bogota('2026-11-20T10:00') }));
    expect(await closed.act('escalate', { reason })).toMatchObject({
      refusal: { reason: 'already_resolved' },
    });
    expect(await closed.act('acknowledge')).toMatchObject({ refusal: { reason: 'already_resolved' } });
    expect([...top.memory.transitions, ...closed.memory.transitions]).toEqual([]);
  });
});

describe('an erased ticket', () => {
  it('takes no reply or note (nothing written, no mail queued): its personal data is gone for good', async () => {
    const erased = setup(
      incident({
        status: 'resolved',
        resolvedAt: bogota('2026-11-20T10:00'),
        erasedAt: bogota('2026-11-25T10:00'),
      }),
    );
    for (const form of [{ text: 'Seguimos revisando el caso.' }, { text: 'Nota interna.', internal: true }])
      expect(await erased.act('reply', form)).toMatchObject({ refusal: { reason: 'data_erased' } });
    expect(erased.memory.transitions).toEqual([]);
  });
});

describe('a ticket changed meanwhile', () => {
  it('is refused as stale and nothing is written', async () => {
    const { memory, act } = setup(incident());
    memory.meanwhile = true;
    const outcome = await act('acknowledge');
    expect(outcome).toMatchObject({ ok: false, problem: 'refused', refusal: { reason: 'stale' } });
    expect(memory.transitions).toEqual([]);
  });
});
