import { describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors.js';
import type { StaffIdentity } from '#domain/inbound/directory.js';
import type { QueueEntry } from '#domain/ports.js';
import { parseQueueFilters, queueRows, queuesToRead } from '#domain/staff/queue.js';
import { firstAnswerAt, type TicketSummary } from '#domain/staff/summary.js';
import type { HistoryEntry } from '#domain/ticket.js';
import { bogota, engine } from '../helpers.js';

const days = engine.businessDays;
const HOUR = 3_600_000;
// Monday 23 November 2026, 10:00 Bogotá.
const now = bogota('2026-11-23T10:00');

const identity: StaffIdentity = {
  email: 'ana@example.com',
  name: 'Ana',
  queues: [
    { product: 'certifactura', queue: 'support', level: 1 },
    { product: 'certifactura', queue: 'pqrsa', level: 2 },
  ],
};

function entry(
  id: string,
  fields: Partial<QueueEntry> = {},
  summary: Partial<TicketSummary> = {},
): QueueEntry {
  return {
    id,
    status: 'received',
    escalationLevel: 1,
    dueAt: now + HOUR,
    ...fields,
    summary: {
      product: 'certifactura',
      queue: 'support',
      type: 'incidente',
      priority: 'P3',
      subject: `Asunto ${id}`,
      receivedAt: now - 24 * HOUR,
      termDueAt: null,
      ...summary,
    },
  };
}

const pqrsa = (id: string, termDueAt: number, summary: Partial<TicketSummary> = {}) =>
  entry(id, {}, { queue: 'pqrsa', type: 'peticion', termDueAt, ...summary });

function rows(entries: readonly QueueEntry[], query: Record<string, string> = {}) {
  const support = { ref: { product: 'certifactura', queue: 'support' as const }, entries };
  return queueRows(identity, [support], parseQueueFilters(query), now, days);
}

function issues(query: Record<string, string>) {
  try {
    parseQueueFilters(query);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('queue filters from the query', () => {
  it('reads every filter, and an empty value or `lang` is no filter', () => {
    expect(
      parseQueueFilters({
        product: 'certifactura',
        queue: 'pqrsa',
        type: 'peticion',
        level: '2',
        overdue: '1',
        termWithin: '5',
        lang: 'en',
      }),
    ).toEqual({
      product: 'certifactura',
      queue: 'pqrsa',
      type: 'peticion',
      level: 2,
      overdue: true,
      termWithin: 5,
    });
    expect(parseQueueFilters({ product: '', level: ' ', lang: 'en' })).toEqual({});
  });

  it.each([
    [{ level: '4' }, 'level'],
    [{ level: 'x' }, 'level'],
    [{ queue: 'sales' }, 'queue'],
    [{ overdue: 'yes' }, 'overdue'],
    [{ termWithin: '31' }, 'termWithin'],
    [{ termWithin: '-1' }, 'termWithin'],
    [{ termWithin: '2.5' }, 'termWithin'],
    [{ product: 'Cert<script>' }, 'product'],
  ])('refuses %o naming %s', (query, field) => {
    expect(issues(query).map((f) => f.path)).toEqual([field]);
  });

  it('names what is allowed for a closed set', () => {
    expect(issues({ queue: 'sales' })[0]?.allowed).toEqual(['support', 'pqrsa']);
    expect(issues({ level: '0' })[0]?.allowed).toEqual(['1', '2', '3']);
    expect(issues({ termWithin: '99' })[0]?.message).toMatch(/0 to 30/);
  });
});

describe('which queues a person reads', () => {
  it('reads only the queues they act for, narrowed by the filters', () => {
    expect(queuesToRead(identity, {})).toEqual([
      { product: 'certifactura', queue: 'support' },
      { product: 'certifactura', queue: 'pqrsa' },
    ]);
    expect(queuesToRead(identity, { queue: 'pqrsa' })).toEqual([{ product: 'certifactura', queue: 'pqrsa' }]);
  });

  it('a filter naming a queue they do not act for reads nothing', () => {
    expect(queuesToRead(identity, { product: 'certifirma' })).toEqual([]);
  });
});

describe('queue rows', () => {
  it('sorts by next deadline, nothing left to watch last, and says how much time is left', () => {
    const listed = rows([
      entry('CERT-2026-000003', { dueAt: null }),
      entry('CERT-2026-000002', { dueAt: now + 3 * HOUR }),
      entry('CERT-2026-000001', { dueAt: now - 2 * HOUR }),
    ]);
    expect(listed.map((r) => [r.id, r.timeLeftMs])).toEqual([
      ['CERT-2026-000001', -2 * HOUR],
      ['CERT-2026-000002', 3 * HOUR],
      ['CERT-2026-000003', null],
    ]);
  });

  it('leaves out an entry of a queue the person does not act for, even when handed in', () => {
    const stranger = entry('CERT-2026-000009', {}, { product: 'certifirma' });
    expect(rows([stranger, entry('CERT-2026-000001')]).map((r) => r.id)).toEqual(['CERT-2026-000001']);
    expect(rows([entry('CERT-2026-000001')], { product: 'certifirma' })).toEqual([]);
  });

  it('filters by type, level and overdue', () => {
    const entries = [
      entry('CERT-2026-000001', { dueAt: now - HOUR, escalationLevel: 2 }),
      entry('CERT-2026-000002', { dueAt: now + HOUR }, { type: 'consulta' }),
      entry('CERT-2026-000003', { dueAt: null }),
    ];
    expect(rows(entries, { overdue: '1' }).map((r) => r.id)).toEqual(['CERT-2026-000001']);
    expect(rows(entries, { level: '2' }).map((r) => r.id)).toEqual(['CERT-2026-000001']);
    expect(rows(entries, { type: 'consulta' }).map((r) => r.id)).toEqual(['CERT-2026-000002']);
  });

  it('counts the legal business days left of a PQRSA, says when its term is suspended, answered or passed', () => {
    // Wednesday 25 November 17:00: Tuesday and Wednesday are left after today.
    const running = pqrsa('CERT-2026-000001', bogota('2026-11-25T17:00'));
    const today = pqrsa('CERT-2026-000002', bogota('2026-11-23T17:00'));
    // Thursday 19 November: Friday 20 and Monday 23 have begun since.
    const late = pqrsa('CERT-2026-000003', bogota('2026-11-19T17:00'));
    const suspended = pqrsa('CERT-2026-000004', bogota('2026-11-24T17:00'), { suspended: true });
    const answered = pqrsa('CERT-2026-000005', bogota('2026-11-24T17:00'), { answeredAt: now - HOUR });
    const terms = Object.fromEntries(
      rows([running, today, late, suspended, answered]).map((r) => [r.id, r.legalTerm]),
    );
    expect(terms).toEqual({
      'CERT-2026-000001': { state: 'running', dueAt: bogota('2026-11-25T17:00'), businessDaysLeft: 2 },
      'CERT-2026-000002': { state: 'running', dueAt: bogota('2026-11-23T17:00'), businessDaysLeft: 0 },
      'CERT-2026-000003': { state: 'overdue', dueAt: bogota('2026-11-19T17:00'), businessDaysLate: 2 },
      'CERT-2026-000004': { state: 'suspended' },
      'CERT-2026-000005': { state: 'answered', at: now - HOUR },
    });
    expect(rows([entry('CERT-2026-000006')])[0]?.legalTerm).toBeNull();
  });

  it('termWithin keeps running terms due within N business days and passed ones, not suspended ones', () => {
    const entries = [
      pqrsa('CERT-2026-000001', bogota('2026-11-25T17:00')),
      pqrsa('CERT-2026-000002', bogota('2026-11-23T17:00')),
      pqrsa('CERT-2026-000003', bogota('2026-11-19T17:00')),
      pqrsa('CERT-2026-000004', bogota('2026-11-23T17:00'), { suspended: true }),
      entry('CERT-2026-000005'),
    ];
    const ids = (n: string) =>
      rows(entries, { termWithin: n })
        .map((r) => r.id)
        .sort();
    expect(ids('0')).toEqual(['CERT-2026-000002', 'CERT-2026-000003']);
    expect(ids('2')).toEqual(['CERT-2026-000001', 'CERT-2026-000002', 'CERT-2026-000003']);
  });
});

describe('the first answer of a ticket answered before answeredAt was kept', () => {
  const entry = (at: string, event: HistoryEntry['event']): HistoryEntry => ({
    at: bogota(at),
    event,
    by: 'staff',
  });

  it('is its earliest resolved entry, however the history is ordered, reopenings aside', () => {
    const history = [
      entry('2026-11-02T10:00', 'received'),
      entry('2026-11-09T10:00', 'resolved'),
      entry('2026-11-05T10:00', 'resolved'),
      entry('2026-11-06T10:00', 'reopened'),
      entry('2026-11-04T10:00', 'message'),
    ];
    expect(firstAnswerAt(history)).toBe(bogota('2026-11-05T10:00'));
  });

  it('is none while nothing was resolved: a withdrawal or a staff message is not the final answer', () => {
    const history = [entry('2026-11-02T10:00', 'received'), entry('2026-11-03T10:00', 'withdrawn')];
    expect(firstAnswerAt([...history, entry('2026-11-03T11:00', 'message')])).toBeUndefined();
  });
});
