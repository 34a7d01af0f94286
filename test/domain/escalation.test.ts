// Time travel through the escalation policy with the real catalog and calendar: which step the sweeper takes, and
// when. 16 November 2026 is a holiday Monday (Independencia de Cartagena), 8 December a holiday Tuesday.
import { describe, expect, it } from 'vitest';
import { ActionRefused, dueAtOf } from '#domain/escalation/policy.js';
import { requesterReply } from '#domain/inbound/conversation.js';
import type { Ticket } from '#domain/ticket.js';
import { bogota, engine, iso, policy, receivedTicket } from '../helpers.js';

function ticket(request: { type: string; priority?: number }, at: string): Ticket {
  return receivedTicket(engine.route({ product: 'certifactura', ...request }, bogota(at)), {
    id: 'CF-2026-000001',
    subject: 'No puedo emitir facturas',
    description: 'El sistema rechaza las facturas.',
    requester: { name: 'Ana Pérez', email: 'ana@example.com' },
  });
}

/** Runs the sweeper's policy at each instant, as a sweep every minute would, and keeps what it did. */
function sweepAt(start: Ticket, ...instants: string[]) {
  let current = start;
  const steps: { at: string; level: number; events: string[]; notifications: string[] }[] = [];
  for (const text of instants) {
    const step = policy.sweepStep(current, bogota(text));
    if (!step) {
      steps.push({ at: text, level: current.escalationLevel, events: [], notifications: [] });
      continue;
    }
    current = step.ticket;
    steps.push({
      at: text,
      level: current.escalationLevel,
      events: step.history.map((h) => h.event),
      notifications: step.notifications.map((n) => n.id),
    });
  }
  return { ticket: current, steps };
}

describe('a P2 incident raised Friday 18:00 before a holiday Monday', () => {
  const friday = ticket({ type: 'incidente', priority: 2 }, '2026-11-13T18:00');

  it('is due for a first response after two open hours: one on Friday, one on Saturday morning', () => {
    expect(iso(friday.watch.responseDueAt ?? 0)).toBe('2026-11-14T09:00:00.000-05:00');
    expect(iso(friday.watch.resolutionDueAt ?? 0)).toBe('2026-11-17T13:00:00.000-05:00');
    expect(friday.dueAt).toBe(friday.watch.responseDueAt);
  });

  it('climbs to level 2 at Saturday 9:00, not a minute earlier, and to level 3 two open hours later', () => {
    const { steps, ticket: after } = sweepAt(
      friday,
      '2026-11-13T23:00',
      '2026-11-14T08:59',
      '2026-11-14T09:00',
      '2026-11-14T10:59',
      '2026-11-14T11:00',
    );
    expect(steps.map((s) => [s.at, s.level, s.events])).toEqual([
      ['2026-11-13T23:00', 1, []],
      ['2026-11-14T08:59', 1, []],
      ['2026-11-14T09:00', 2, ['escalated']],
      ['2026-11-14T10:59', 2, []],
      ['2026-11-14T11:00', 3, ['escalated']],
    ]);
    expect(steps[2]?.notifications).toEqual(['escalated-2']);
    // Level 3 is the top: its contacts are mailed and the on-call staff paged; nothing climbs further.
    expect(steps[4]?.notifications).toEqual(['escalated-3', 'escalated-3-page']);
    expect(after.watch.responseDueAt).toBeNull();
    expect(iso(after.dueAt ?? 0)).toBe('2026-11-17T13:00:00.000-05:00');
  });

  it('once acknowledged, escalates only when the resolution is late: Tuesday 13:00, across the holiday', () => {
    const acked = policy.acknowledge(
      friday,
      bogota('2026-11-13T18:30'),
      'soporte.certifactura@certicamara.com',
    );
    expect(acked.ticket.status).toBe('acknowledged');
    expect(iso(acked.ticket.dueAt ?? 0)).toBe('2026-11-17T13:00:00.000-05:00');
    const { steps, ticket: after } = sweepAt(
      acked.ticket,
      '2026-11-14T09:00',
      '2026-11-16T12:00',
      '2026-11-17T12:59',
      '2026-11-17T13:00',
    );
    expect(steps.map((s) => s.level)).toEqual([1, 1, 1, 2]);
    // Level 2 gets the priority's first-response window (two open hours) before it climbs again.
    expect(iso(after.dueAt ?? 0)).toBe('2026-11-17T15:00:00.000-05:00');
    expect(after.version).toBe(acked.ticket.version + 1);
  });
});

describe('a P1 incident', () => {
  it('escalates on the 7×24 clock: a Saturday night is like any other hour', () => {
    const p1 = ticket({ type: 'incidente', priority: 1 }, '2026-11-14T22:00');
    expect(p1.escalationLevel).toBe(2);
    const { steps } = sweepAt(p1, '2026-11-14T22:29', '2026-11-14T22:30', '2026-11-14T23:00');
    expect(steps.map((s) => [s.at, s.level])).toEqual([
      ['2026-11-14T22:29', 2],
      ['2026-11-14T22:30', 3],
      ['2026-11-14T23:00', 3],
    ]);
  });
});

describe('a PQRSA', () => {
  // Received Friday after hours, so received Friday (the desk's hours don't move a legal term): counted from
  // Tuesday 17 (Monday is a holiday), 15 business days end on Monday 7 December.
  const peticion = ticket({ type: 'peticion' }, '2026-11-13T18:00');

  it('plans reminders 5 and 1 business days before its legal term, at the PQRSA desk opening', () => {
    expect(iso(peticion.routing.legalDueAt ?? 0)).toBe('2026-12-07T17:00:00.000-05:00');
    expect(peticion.watch.reminders.map((r) => [r.businessDaysBefore, iso(r.at)])).toEqual([
      [5, '2026-11-30T07:00:00.000-05:00'],
      // One business day before Monday 7 is Friday 4.
      [1, '2026-12-04T07:00:00.000-05:00'],
    ]);
  });

  it('reminds on the right business days, then goes to level 3 when the term passes unanswered', () => {
    const acked = policy.acknowledge(peticion, bogota('2026-11-17T08:00'), 'pqrsa@certicamara.com').ticket;
    const { steps, ticket: after } = sweepAt(
      acked,
      '2026-11-27T17:00',
      '2026-11-30T06:59',
      '2026-11-30T07:00',
      '2026-12-02T10:00',
      '2026-12-04T07:00',
      '2026-12-07T16:59',
      '2026-12-07T17:00',
    );
    expect(steps.map((s) => [s.at, s.level, s.events, s.notifications])).toEqual([
      ['2026-11-27T17:00', 1, [], []],
      ['2026-11-30T06:59', 1, [], []],
      ['2026-11-30T07:00', 1, ['reminded'], [`reminder-5-${bogota('2026-11-30T07:00')}`]],
      ['2026-12-02T10:00', 1, [], []],
      ['2026-12-04T07:00', 1, ['reminded'], [`reminder-1-${bogota('2026-12-04T07:00')}`]],
      ['2026-12-07T16:59', 1, [], []],
      ['2026-12-07T17:00', 3, ['escalated'], ['escalated-3', 'escalated-3-page']],
    ]);
    expect(after.dueAt).toBeNull();
  });

  it('already at level 3 (the requester took it there), records the passed term without a second escalation', () => {
    const top = {
      ...policy.acknowledge(peticion, bogota('2026-11-17T08:00'), 'x').ticket,
      escalationLevel: 3 as const,
    };
    const step = policy.sweepStep(top, bogota('2026-12-07T17:00'));
    expect(step?.ticket).toMatchObject({ escalationLevel: 3, dueAt: null });
    expect(step?.history.map((h) => h.note)).toEqual([
      'Venció el término legal de la PQRSA sin respuesta; ya estaba en el nivel 3.',
    ]);
    // An `escalated-3` notification would collide with the one the requester's escalation already recorded.
    expect(step?.notifications).toEqual([]);
  });

  it('climbs only to level 2 for a late first response: level 3 is for the legal term', () => {
    const { steps } = sweepAt(peticion, '2026-11-17T11:00', '2026-11-17T13:00', '2026-11-20T10:00');
    expect(steps.map((s) => s.level)).toEqual([2, 2, 2]);
  });
});

describe('staff and requester actions', () => {
  const t = ticket({ type: 'incidente', priority: 2 }, '2026-11-23T10:00');

  it('resolving closes the ticket, stops every clock and tells the requester', () => {
    const resolved = policy.resolve(
      t,
      bogota('2026-11-23T11:00'),
      'soporte (nivel 1)',
      'Reiniciamos el servicio.',
    );
    expect(resolved.ticket).toMatchObject({ status: 'resolved', dueAt: null, version: 1 });
    expect(resolved.notifications).toEqual([{ id: 'resolved-requester', kind: 'resolution' }]);
    expect(policy.sweepStep(resolved.ticket, bogota('2026-12-31T00:00'))).toBeUndefined();
    expect(() => policy.resolve(resolved.ticket, bogota('2026-11-23T12:00'), 'x', 'otra vez')).toThrow(
      ActionRefused,
    );
    expect(() => policy.acknowledge(resolved.ticket, bogota('2026-11-23T12:00'), 'x')).toThrow(
      /ya está resuelta/,
    );
  });

  it('resolves a reopened ticket again with a notification of its own: the first one’s id is taken', () => {
    const first = policy.resolve(
      t,
      bogota('2026-11-23T11:00'),
      'soporte (nivel 1)',
      'Reiniciamos el servicio.',
    );
    const reopened = requesterReply(
      first.ticket,
      bogota('2026-11-24T09:00'),
      'Sigue fallando.',
      bogota('2026-11-24T13:00'),
    );
    expect(reopened.ticket.status).toBe('acknowledged');
    const again = policy.resolve(
      reopened.ticket,
      bogota('2026-11-24T10:00'),
      'soporte (nivel 1)',
      'Corregido.',
    );
    const [notification] = again.notifications;
    expect(notification).toEqual({
      id: `resolved-requester-${bogota('2026-11-24T10:00')}`,
      kind: 'resolution',
    });
    expect(notification?.id).not.toBe(first.notifications[0]?.id);
    expect(again.ticket.answeredAt).toBe(bogota('2026-11-23T11:00'));
  });

  it('lets the requester escalate only after the first-response deadline, once per level', () => {
    expect(iso(t.routing.firstResponseDueAt)).toBe('2026-11-23T12:00:00.000-05:00');
    const early = policy.requesterMayEscalate(t, bogota('2026-11-23T11:59'));
    expect(early).toMatchObject({
      allowed: false,
      refusal: { reason: 'not_yet', availableAt: bogota('2026-11-23T12:00') },
    });
    const first = policy.escalateByRequester(t, bogota('2026-11-23T12:05'), 'Nadie ha respondido.');
    expect(first.ticket.escalationLevel).toBe(2);
    expect(first.ticket.requesterEscalations).toEqual([1]);
    expect(first.history[0]).toMatchObject({ event: 'escalated', by: 'requester' });
    expect(first.history[0]?.note).toContain('Nadie ha respondido.');
    // Level 2 has two open hours of its own before the requester can go higher.
    expect(() =>
      policy.escalateByRequester(first.ticket, bogota('2026-11-23T14:04'), 'Sigue igual.'),
    ).toThrow(expect.objectContaining({ reason: 'not_yet', availableAt: bogota('2026-11-23T14:05') }));
    const second = policy.escalateByRequester(
      first.ticket,
      bogota('2026-11-23T14:05'),
      'Sigue sin respuesta.',
    );
    expect(second.ticket.escalationLevel).toBe(3);
    expect(second.ticket.requesterEscalations).toEqual([1, 2]);
    expect(() => policy.escalateByRequester(second.ticket, bogota('2026-11-24T12:20'), 'Otra vez.')).toThrow(
      expect.objectContaining({ reason: 'top_level' }),
    );
    // Once per level: a ticket the requester raised from level 1, put back there by hand, cannot be raised again.
    const back = { ...first.ticket, escalationLevel: 1 as const };
    expect(policy.requesterMayEscalate(back, bogota('2026-11-23T15:00'))).toMatchObject({
      allowed: false,
      refusal: { reason: 'already_escalated' },
    });
  });

  it('keeps dueAt the earliest watched deadline, and null once resolved', () => {
    expect(
      dueAtOf('received', {
        responseDueAt: 5,
        resolutionDueAt: 9,
        reminders: [{ at: 3, businessDaysBefore: 1 }],
      }),
    ).toBe(3);
    expect(dueAtOf('acknowledged', { responseDueAt: 5, resolutionDueAt: 9, reminders: [] })).toBe(9);
    expect(dueAtOf('resolved', { responseDueAt: 5, resolutionDueAt: 9, reminders: [] })).toBeNull();
    expect(dueAtOf('received', { responseDueAt: null, resolutionDueAt: null, reminders: [] })).toBeNull();
  });
});
