// Notices a ticket may send more than once, on DynamoDB Local, where an outbox entry's id is written once and never
// again (tickets.ts applyTransition): a PQRSA extended after its reminders went out is reminded again before its new
// term, and the sweeper still takes it to level 3 when that term passes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transition } from '#domain/escalation/policy.js';
import type { Clock } from '#domain/ports.js';
import type { Ticket } from '#domain/ticket.js';
import { bogota, policy } from '../helpers.js';
import { freshStore, submitTrusted, validSubmission } from './support.js';

const STAFF = 'Marta Gómez <marta.gomez@certicamara.com> (nivel 1)';
let fresh: Awaited<ReturnType<typeof freshStore>>;
let now = bogota('2026-11-18T10:00');
const clock: Clock = { now: () => now };
beforeEach(async () => {
  fresh = await freshStore('repeat');
  now = bogota('2026-11-18T10:00');
});
afterEach(() => fresh?.db.destroy());

async function apply(id: string, step: (ticket: Ticket) => Transition | undefined): Promise<Transition> {
  const record = await fresh.store.get(id);
  const transition = step(record?.ticket as Ticket);
  if (!transition) throw new Error(`nothing to do for ${id} at ${new Date(now).toISOString()}`);
  expect(await fresh.store.applyTransition(transition, record?.ticket.version as number)).toBe('applied');
  return transition;
}

/** The sweeper's step at `at`, applied: what it recorded. */
async function sweepAt(id: string, at: string): Promise<string[]> {
  now = bogota(at);
  const step = await apply(id, (t) => policy.sweepStep(t, now));
  return step.history.map((h) => h.event);
}

describe('a PQRSA extended after its reminders went out', () => {
  it('is reminded again before the new term, and taken to level 3 when that passes', async () => {
    const submission = validSubmission({
      type: 'peticion',
      priority: 3,
      subject: 'Copia del contrato firmado',
    });
    const { ticket } = await submitTrusted(fresh.store, clock, submission);
    const { id } = ticket;
    expect(ticket.routing.legalDueAt).toBe(bogota('2026-12-10T17:00'));
    await apply(id, (t) => policy.acknowledge(t, now, STAFF));

    const first = (await fresh.store.get(id))?.ticket.watch.reminders ?? [];
    expect(first).toHaveLength(2);
    for (const reminder of first)
      expect(await sweepAt(id, new Date(reminder.at).toISOString())).toEqual(['reminded']);

    now = bogota('2026-12-10T09:00');
    await apply(id, (t) =>
      policy.extend(t, now, STAFF, { dueDate: '2026-12-22', reasons: 'Concepto jurídico pendiente.' }),
    );
    const again = (await fresh.store.get(id))?.ticket.watch.reminders ?? [];
    expect(again.map((r) => r.businessDaysBefore)).toEqual(first.map((r) => r.businessDaysBefore));
    for (const reminder of again)
      expect(await sweepAt(id, new Date(reminder.at).toISOString())).toEqual(['reminded']);

    expect(await sweepAt(id, '2026-12-22T17:00')).toEqual(['escalated']);
    const record = await fresh.store.get(id);
    expect(record?.ticket.escalationLevel).toBe(3);
    expect((record?.notifications ?? []).filter((n) => n.kind === 'reminder')).toHaveLength(4);
  });
});
