// Outbox delivery rules with in-memory fakes of the ports: claim, send once, retry with backoff, park.
import { describe, expect, it } from 'vitest';
import { DELIVERY, type NotificationRecord } from '#domain/notifications.js';
import {
  deliverNew,
  deliverNotification,
  failurePlan,
  redriveNotifications,
} from '#domain/notify/deliver.js';
import {
  DeliveryError,
  type MailMessage,
  type NotificationOutbox,
  type TicketRepository,
} from '#domain/ports.js';
import type { HistoryEntry, Ticket } from '#domain/ticket.js';
import { bogota, engine, ladder, replies } from '../helpers.js';

const AT = bogota('2026-11-23T10:00');
const routing = engine.route(
  { product: 'certifactura', type: 'incidente', priority: 1 },
  bogota('2026-11-22T10:00'),
);
const ticket = {
  id: 'CF-2026-000001',
  requester: { name: 'Ana', email: 'ana@example.com' },
  escalationLevel: 2,
  product: routing.product,
  queue: routing.queue,
  routing,
} as unknown as Ticket;

/** One notification to deliver (the routed mail unless `first` says otherwise), beside `earlier` ones of the ticket. */
function fixture(
  send: (m: MailMessage) => Promise<{ messageId: string }>,
  attempts = 0,
  first: Partial<NotificationRecord> = {},
  earlier: readonly NotificationRecord[] = [],
) {
  let record: NotificationRecord = {
    ticketId: ticket.id,
    id: 'received-routed',
    kind: 'routed',
    status: 'pending',
    attempts,
    nextAttemptAt: AT,
    ...first,
  };
  const history: HistoryEntry[] = [];
  const sent: MailMessage[] = [];
  let now = AT;
  const outbox: NotificationOutbox = {
    async claim(_t, _id, at) {
      const due = record.status === 'pending' && (record.nextAttemptAt ?? Infinity) <= at;
      if (!due) return undefined;
      record = { ...record, status: 'sending' };
      return record;
    },
    async markSent(_t, _id, at, messageId, entry) {
      record = { ...record, status: 'sent', sentAt: at, messageId, nextAttemptAt: null };
      history.push(entry);
    },
    async markFailed(_t, _id, failure, entry) {
      record = {
        ...record,
        status: failure.nextAttemptAt === null ? 'parked' : 'pending',
        attempts: record.attempts + 1,
        setupWaits: (record.setupWaits ?? 0) + (failure.setupWait ? 1 : 0),
        nextAttemptAt: failure.nextAttemptAt,
        lastError: failure.error,
      };
      if (entry) history.push(entry);
    },
    async listDueNotifications(at) {
      return record.status === 'pending' && (record.nextAttemptAt ?? Infinity) <= at
        ? [{ ticketId: ticket.id, id: record.id }]
        : [];
    },
    async markWithheld(_t, _id, entry) {
      record = { ...record, status: 'withheld' };
      history.push(entry);
    },
  };
  const tickets = {
    get: async () => ({ ticket, history: [], notifications: [...earlier, record] }),
  } as unknown as TicketRepository;
  const deps = {
    tickets,
    outbox,
    quota: { reserveAcknowledgement: async () => true },
    replies,
    ladder,
    mailer: {
      send: async (m: MailMessage) => {
        const result = await send(m);
        sent.push(m);
        return result;
      },
    },
    composer: {
      compose: (_k: unknown, _r: unknown, envelope: MailMessage) => ({
        ...envelope,
        subject: 's',
        text: 't',
        html: 'h',
        tags: {},
      }),
    },
    clock: { now: () => now },
  };
  return {
    deps: deps as unknown as Parameters<typeof deliverNotification>[0],
    record: () => record,
    history,
    sent,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('delivering a notification', () => {
  it('sends once to the routed mailbox with the level-2 contacts in Cc and the ticket’s staff address as Reply-To', async () => {
    const f = fixture(async () => ({ messageId: 'm-1' }));
    expect(await deliverNotification(f.deps, ticket.id, 'received-routed')).toBe('sent');
    expect(await deliverNotification(f.deps, ticket.id, 'received-routed')).toBe('skipped');
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]).toMatchObject({
      to: ['soporte.certifactura@certicamara.com'],
      cc: ['supervisor.mesadeayuda@certicamara.com'],
      replyTo: ['cf-2026-000001.s.firma@respuestas.example.com'],
    });
    // The first mail of its thread: it answers to nothing.
    expect(f.sent[0]?.inReplyTo).toBeUndefined();
    expect(f.record()).toMatchObject({ status: 'sent', messageId: 'm-1' });
    expect(f.history.map((h) => h.event)).toEqual(['notified']);
  });

  it('threads staff mail under the routed mail and the requester’s under the acknowledgement, each to its address', async () => {
    const sent = (kind: NotificationRecord['kind'], messageId: string): NotificationRecord => ({
      ticketId: ticket.id,
      id: `received-${kind}`,
      kind,
      status: 'sent',
      attempts: 1,
      nextAttemptAt: null,
      messageId,
    });
    const earlier = [sent('routed', 'ses-routed'), sent('requester-ack', 'ses-ack')];
    const staff = fixture(
      async () => ({ messageId: 'm-3' }),
      0,
      { id: 'escalated-3', kind: 'escalation', level: 3 },
      earlier,
    );
    expect(await deliverNotification(staff.deps, ticket.id, 'escalated-3')).toBe('sent');
    expect(staff.sent[0]).toMatchObject({
      replyTo: ['cf-2026-000001.s.firma@respuestas.example.com'],
      inReplyTo: 'ses-routed',
      references: ['ses-routed'],
    });
    const requester = fixture(
      async () => ({ messageId: 'm-4' }),
      0,
      { id: 'resolved', kind: 'resolution' },
      earlier,
    );
    expect(await deliverNotification(requester.deps, ticket.id, 'resolved')).toBe('sent');
    expect(requester.sent[0]).toMatchObject({
      to: ['ana@example.com'],
      replyTo: ['cf-2026-000001.r.firma@respuestas.example.com'],
      inReplyTo: 'ses-ack',
      references: ['ses-ack'],
    });
    // An acknowledgement that never went out starts no thread.
    const unsent = fixture(async () => ({ messageId: 'm-5' }), 0, { id: 'resolved', kind: 'resolution' }, [
      {
        ticketId: ticket.id,
        id: 'received-requester-ack',
        kind: 'requester-ack',
        status: 'parked',
        attempts: 1,
        nextAttemptAt: null,
      },
    ]);
    await deliverNotification(unsent.deps, ticket.id, 'resolved');
    expect(unsent.sent[0]).not.toHaveProperty('inReplyTo');
  });

  it('schedules retries with exponential backoff while the mail service fails, then sends', async () => {
    let fail = true;
    const f = fixture(async () => {
      if (fail) throw new DeliveryError('Throttling', 'temporary');
      return { messageId: 'm-2' };
    });
    expect(await deliverNotification(f.deps, ticket.id, 'received-routed')).toBe('retry-scheduled');
    expect(f.record()).toMatchObject({ attempts: 1, nextAttemptAt: AT + 60_000, lastError: 'Throttling' });
    f.advance(60_000);
    expect(await redriveNotifications(f.deps)).toMatchObject({ 'retry-scheduled': 1 });
    expect(f.record()).toMatchObject({ attempts: 2, nextAttemptAt: AT + 60_000 + 120_000 });
    f.advance(60_000);
    expect(await redriveNotifications(f.deps)).toMatchObject({ 'retry-scheduled': 0, sent: 0 });
    fail = false;
    f.advance(60_000);
    expect(await redriveNotifications(f.deps)).toMatchObject({ sent: 1 });
    expect(f.history.map((h) => h.event)).toEqual(['notified']);
  });

  it('parks a permanent failure at once, and a transient one after the last attempt, each in the history', async () => {
    const rejected = fixture(async () => {
      throw new DeliveryError('MessageRejected', 'permanent');
    });
    expect(await deliverNotification(rejected.deps, ticket.id, 'received-routed')).toBe('parked');
    expect(rejected.history[0]).toMatchObject({
      event: 'notification-parked',
      note: expect.stringMatching(/MessageRejected/),
    });

    const exhausted = fixture(async () => {
      throw new DeliveryError('ServiceUnavailable', 'temporary');
    }, DELIVERY.maxAttempts - 1);
    expect(await deliverNotification(exhausted.deps, ticket.id, 'received-routed')).toBe('parked');
    expect(exhausted.record()).toMatchObject({
      status: 'parked',
      attempts: DELIVERY.maxAttempts,
      nextAttemptAt: null,
    });
  });

  it('never parks a setup failure (unverified identity, sandbox), however many attempts it takes', async () => {
    const f = fixture(async () => {
      throw new DeliveryError('MessageRejected', 'configuration');
    }, DELIVERY.maxAttempts + 5);
    expect(await deliverNotification(f.deps, ticket.id, 'received-routed')).toBe('misconfigured');
    expect(f.record()).toMatchObject({
      status: 'pending',
      nextAttemptAt: AT + DELIVERY.maxDelayMs,
      attempts: DELIVERY.maxAttempts + 6,
      setupWaits: 1,
    });
    expect(f.history).toEqual([]);
    // Waits are counted apart: after many of them, an outage still gets its retries before it parks.
    expect(failurePlan(new DeliveryError('Throttling', 'temporary'), 40, AT, 35).outcome).toBe(
      'retry-scheduled',
    );
    expect(failurePlan(new DeliveryError('Throttling', 'temporary'), 40, AT, 5).outcome).toBe('parked');
  });

  it('parks a defect at once, never retried: a mailer defect, or an error raised while composing', async () => {
    const unsendable = fixture(async () => {
      throw new DeliveryError('unsendable message: ill-formed text in subject', 'defect');
    });
    expect(await deliverNotification(unsendable.deps, ticket.id, 'received-routed')).toBe('defect');
    expect(unsendable.record()).toMatchObject({ status: 'parked', attempts: 1, nextAttemptAt: null });
    expect(unsendable.history[0]).toMatchObject({
      event: 'notification-parked',
      note: expect.stringMatching(/defecto del sistema/),
    });

    const bug = fixture(async () => {
      throw new TypeError('bug');
    });
    expect(await deliverNotification(bug.deps, ticket.id, 'received-routed')).toBe('defect');
    expect(bug.record()).toMatchObject({ status: 'parked', lastError: 'local error (TypeError)' });
    bug.advance(DELIVERY.maxDelayMs);
    expect(await redriveNotifications(bug.deps)).toMatchObject({ sent: 0, defect: 0, 'retry-scheduled': 0 });
  });

  it('goes on with the other due notifications when one cannot be attempted, and reports that one', async () => {
    const f = fixture(async () => ({ messageId: 'm-1' }));
    const other = { ticketId: 'CF-2026-000009', id: 'received-routed' };
    const deps = {
      ...f.deps,
      outbox: {
        ...f.deps.outbox,
        listDueNotifications: async () => [other, { ticketId: ticket.id, id: 'received-routed' }],
        claim: async (ticketId: string, id: string, at: number) =>
          ticketId === other.ticketId ? { ...f.record(), ticketId } : f.deps.outbox.claim(ticketId, id, at),
      },
      tickets: {
        get: async (id: string) => {
          if (id === other.ticketId) throw new Error('malformed ticket item');
          return f.deps.tickets.get(id);
        },
      },
    } as unknown as typeof f.deps;
    const failed: string[] = [];
    const counts = await redriveNotifications(deps, 100, (_error, ticketId) => failed.push(ticketId));
    expect(failed).toEqual([other.ticketId]);
    expect(counts.sent).toBe(1);
    expect(f.sent).toHaveLength(1);
    // Without a handler for failures, the first one is raised.
    await expect(redriveNotifications(deps)).rejects.toThrow('malformed ticket item');
  });

  it('claims the first attempt too: whoever comes second (stream or redrive) sends nothing', async () => {
    const f = fixture(async () => ({ messageId: 'm-1' }));
    expect(await deliverNew(f.deps, ticket.id)).toEqual({ 'received-routed': 'sent' });
    expect(await redriveNotifications(f.deps)).toMatchObject({ sent: 0, skipped: 0 });
    expect(await deliverNew(f.deps, ticket.id, ['received-routed'])).toEqual({
      'received-routed': 'skipped',
    });
    expect(f.sent).toHaveLength(1);
    expect(f.record()).toMatchObject({ status: 'sent', messageId: 'm-1' });

    const late = fixture(async () => ({ messageId: 'm-2' }));
    expect(await redriveNotifications(late.deps)).toMatchObject({ sent: 1 });
    expect(await deliverNew(late.deps, ticket.id, ['received-routed'])).toEqual({
      'received-routed': 'skipped',
    });
    expect(late.sent).toHaveLength(1);
  });
});
