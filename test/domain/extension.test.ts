// The extension (prórroga) of a PQRSA's legal term, Ley 1755 de 2015 art. 14 parágrafo, with the real catalog and
// legal calendar. A petición received Wednesday 2026-11-18 at 10:00 is due Thursday 2026-12-10 at 17:00 (15 legal
// business days from the day after; Tuesday 8 December is a holiday); it may be extended by 15 more, to Tuesday
// 2027-01-04 (25 December and 1 January are holidays; Reyes moves to Monday 11 January in 2027).
import { describe, expect, it } from 'vitest';
import { extensionReasons, legalDueAtOf } from '#domain/escalation/extension.js';
import { ActionRefused } from '#domain/escalation/policy.js';
import type { Ticket } from '#domain/ticket.js';
import { bogota, iso, policy, pqrsaTicket, refusal } from '../helpers.js';

const BY = 'Marta Gómez <pqrsa@certicamara.com> (nivel 1)';
const REASONS = 'Necesitamos el concepto del área jurídica sobre el contrato.';

const ticket = (type: string, at: string): Ticket => pqrsaTicket(type, at);

const peticion = () => ticket('peticion', '2026-11-18T10:00');

describe('extending a petición received 2026-11-18', () => {
  it('starts with the legal term on 2026-12-10 at 17:00', () => {
    const t = peticion();
    expect(iso(t.routing.legalDueAt ?? 0)).toBe('2026-12-10T17:00:00.000-05:00');
    expect(iso(legalDueAtOf(t) ?? 0)).toBe('2026-12-10T17:00:00.000-05:00');
  });

  it('offers, before the term, to extend it up to 15 legal business days more: 2027-01-04 at 17:00', () => {
    const bounds = policy.extensionBounds(peticion(), bogota('2026-12-01T10:00'));
    expect(iso(bounds.current)).toBe('2026-12-10T17:00:00.000-05:00');
    expect(iso(bounds.max)).toBe('2027-01-04T17:00:00.000-05:00');
  });

  it('is allowed within the maximum: the term, the watch and the reminders move; audited and mailed', () => {
    const now = bogota('2026-12-01T10:00');
    const step = policy.extend(peticion(), now, BY, { dueDate: '2027-01-04', reasons: REASONS });
    const t = step.ticket;
    expect(iso(legalDueAtOf(t) ?? 0)).toBe('2027-01-04T17:00:00.000-05:00');
    expect(t.extension).toEqual({
      at: now,
      previousDueAt: bogota('2026-12-10T17:00'),
      dueAt: bogota('2027-01-04T17:00'),
    });
    // The routing decision keeps the initial term; the watch follows the new one.
    expect(iso(t.routing.legalDueAt ?? 0)).toBe('2026-12-10T17:00:00.000-05:00');
    expect(iso(t.watch.resolutionDueAt ?? 0)).toBe('2027-01-04T17:00:00.000-05:00');
    // At the PQRSA desk's 7:00 opening: 5 legal business days before 4 January is 24 December (25 Dec and 1 Jan are holidays); 1 before, 31 December.
    expect(t.watch.reminders.map((r) => [iso(r.at), r.businessDaysBefore])).toEqual([
      ['2026-12-24T07:00:00.000-05:00', 5],
      ['2026-12-31T07:00:00.000-05:00', 1],
    ]);
    expect(t.version).toBe(peticion().version + 1);
    expect(step.history).toHaveLength(1);
    expect(step.history[0]?.event).toBe('extended');
    expect(step.history[0]?.by).toBe(BY);
    expect(step.history[0]?.note).toContain('4 de enero de 2027');
    expect(extensionReasons(step.history[0]?.note)).toBe(REASONS);
    expect(step.notifications).toEqual([{ id: 'extended-requester', kind: 'extension' }]);
  });

  it('is allowed to the day after the term (the smallest extension)', () => {
    const step = policy.extend(peticion(), bogota('2026-12-10T16:59'), BY, {
      dueDate: '2026-12-11',
      reasons: REASONS,
    });
    expect(iso(legalDueAtOf(step.ticket) ?? 0)).toBe('2026-12-11T17:00:00.000-05:00');
  });

  it('is refused beyond the maximum, naming the date and the limit', () => {
    const r = refusal(() =>
      policy.extend(peticion(), bogota('2026-12-01T10:00'), BY, { dueDate: '2027-01-05', reasons: REASONS }),
    );
    expect(r.reason).toBe('due_date');
    expect(r.message).toContain('4 de enero de 2027');
    expect(r.message).toContain('15 días hábiles');
  });

  it('is refused at or after the end of the term, even by a minute', () => {
    for (const at of ['2026-12-10T17:00', '2026-12-11T09:00']) {
      const r = refusal(() =>
        policy.extend(peticion(), bogota(at), BY, { dueDate: '2026-12-22', reasons: REASONS }),
      );
      expect(r.reason).toBe('term_passed');
      expect(() => policy.extensionBounds(peticion(), bogota(at))).toThrow(ActionRefused);
    }
  });

  it('is refused a second time (only once per ticket), even to a date within the maximum', () => {
    const once = policy.extend(peticion(), bogota('2026-12-01T10:00'), BY, {
      dueDate: '2026-12-18',
      reasons: REASONS,
    });
    const r = refusal(() =>
      policy.extend(once.ticket, bogota('2026-12-02T10:00'), BY, { dueDate: '2026-12-22', reasons: REASONS }),
    );
    expect(r.reason).toBe('already_extended');
  });

  it('is refused to a date not after the term, on a day that is not a legal business day, or not a date', () => {
    const at = bogota('2026-12-01T10:00');
    for (const dueDate of [
      '2026-12-10',
      '2026-12-09',
      '2026-12-12',
      '2026-12-25',
      '2026-13-01',
      '10/12/2026',
    ]) {
      expect(refusal(() => policy.extend(peticion(), at, BY, { dueDate, reasons: REASONS })).reason).toBe(
        'due_date',
      );
    }
  });

  it('is refused on a resolved ticket and on a support ticket', () => {
    const at = bogota('2026-12-01T10:00');
    const resolved = policy.resolve(peticion(), at, BY, 'Adjuntamos la copia del contrato.').ticket;
    expect(
      refusal(() => policy.extend(resolved, at, BY, { dueDate: '2026-12-18', reasons: REASONS })).reason,
    ).toBe('already_resolved');
    const incident = ticket('incidente', '2026-11-18T10:00');
    expect(
      refusal(() => policy.extend(incident, at, BY, { dueDate: '2026-12-18', reasons: REASONS })).reason,
    ).toBe('not_extendable');
  });
});

describe('habeas data: a datos-consulta may be extended by 5 legal business days (Ley 1581 art. 14)', () => {
  it('received 2026-11-18, due 2026-12-01 (10 days counting the receipt day), at most 2026-12-09', () => {
    const t = ticket('datos-consulta', '2026-11-18T10:00');
    expect(iso(t.routing.legalDueAt ?? 0)).toBe('2026-12-01T17:00:00.000-05:00');
    expect(iso(policy.extensionBounds(t, bogota('2026-11-20T10:00')).max)).toBe(
      '2026-12-09T17:00:00.000-05:00',
    );
    const r = refusal(() =>
      policy.extend(t, bogota('2026-11-20T10:00'), BY, { dueDate: '2026-12-10', reasons: REASONS }),
    );
    expect(r.reason).toBe('due_date');
  });
});

describe('the sweeper follows the extended term', () => {
  it('does not escalate at the old term; reminds before the new one and escalates when it passes', () => {
    const acked = policy.acknowledge(peticion(), bogota('2026-11-18T11:00'), BY).ticket;
    let t = policy.extend(acked, bogota('2026-12-01T10:00'), BY, {
      dueDate: '2027-01-04',
      reasons: REASONS,
    }).ticket;
    const seen: [string, number, string[]][] = [];
    for (const at of [
      '2026-12-10T17:00',
      '2026-12-11T09:00',
      '2026-12-24T06:59',
      '2026-12-24T07:00',
      '2026-12-31T07:00',
      '2027-01-04T16:59',
      '2027-01-04T17:00',
    ]) {
      const step = policy.sweepStep(t, bogota(at));
      if (step) t = step.ticket;
      seen.push([at, t.escalationLevel, step?.history.map((h) => h.event) ?? []]);
    }
    expect(seen).toEqual([
      ['2026-12-10T17:00', 1, []],
      ['2026-12-11T09:00', 1, []],
      ['2026-12-24T06:59', 1, []],
      ['2026-12-24T07:00', 1, ['reminded']],
      ['2026-12-31T07:00', 1, ['reminded']],
      ['2027-01-04T16:59', 1, []],
      ['2027-01-04T17:00', 3, ['escalated']],
    ]);
    expect(t.dueAt).toBeNull();
  });

  it('without the extension, the same ticket escalates at the old term', () => {
    const acked = policy.acknowledge(peticion(), bogota('2026-11-18T11:00'), BY).ticket;
    const step = policy.sweepStep(
      { ...acked, watch: { ...acked.watch, reminders: [] } },
      bogota('2026-12-10T17:00'),
    );
    expect(step?.ticket.escalationLevel).toBe(3);
  });
});
