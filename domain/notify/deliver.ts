// Delivering outbox notifications: claim, compose, send, record. Safe to run twice for the same notification
// (a stream retry and the redrive, say): the claim lets only one send, and a sent notification is never resent.
import {
  DELIVERY,
  deliveredEntry,
  type EscalationLadder,
  envelopeFor,
  parkedEntry,
  retryDelayMs,
} from '../notifications.js';
import {
  type Clock,
  DeliveryError,
  type MailComposer,
  type Mailer,
  type MailMessage,
  type NotificationOutbox,
  type Pager,
  type TicketRepository,
} from '../ports.js';

export interface DeliveryDeps {
  readonly tickets: TicketRepository;
  readonly outbox: NotificationOutbox;
  readonly mailer: Mailer;
  readonly pager: Pager;
  readonly composer: MailComposer;
  readonly clock: Clock;
  /** The catalog's escalation levels, for escalation and reminder envelopes. */
  readonly ladder: EscalationLadder;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'retry-scheduled' | 'parked';

export async function deliverNotification(
  deps: DeliveryDeps,
  ticketId: string,
  notificationId: string,
): Promise<DeliveryOutcome> {
  const claimed = await deps.outbox.claim(ticketId, notificationId, deps.clock.now());
  if (!claimed) return 'skipped';
  const record = await deps.tickets.get(ticketId);
  if (!record) {
    await deps.outbox.markFailed(ticketId, notificationId, {
      at: deps.clock.now(),
      error: 'ticket not found',
      nextAttemptAt: null,
    });
    return 'parked';
  }
  const envelope = envelopeFor(claimed, record.ticket, deps.ladder);
  try {
    const { kind } = claimed;
    const { messageId } =
      kind === 'page'
        ? await deps.pager.page(deps.composer.page(record, claimed))
        : await deps.mailer.send(
            withTags(deps.composer.compose({ ...claimed, kind }, record, envelope), ticketId, notificationId),
          );
    const at = deps.clock.now();
    await deps.outbox.markSent(
      ticketId,
      notificationId,
      at,
      messageId,
      deliveredEntry(claimed.kind, envelope, at),
    );
    return 'sent';
  } catch (error) {
    const at = deps.clock.now();
    const attempts = claimed.attempts + 1;
    const reason = error instanceof DeliveryError ? error.reason : 'unexpected error';
    const park = (error instanceof DeliveryError && error.permanent) || attempts >= DELIVERY.maxAttempts;
    await deps.outbox.markFailed(
      ticketId,
      notificationId,
      { at, error: reason, nextAttemptAt: park ? null : at + retryDelayMs(attempts) },
      park ? parkedEntry(claimed.kind, attempts, reason, at) : undefined,
    );
    if (!(error instanceof DeliveryError)) throw error;
    return park ? 'parked' : 'retry-scheduled';
  }
}

/** Tags that let mail events (bounces, complaints) find their ticket and notification again. */
function withTags(message: MailMessage, ticketId: string, notificationId: string): MailMessage {
  return { ...message, tags: { ...message.tags, ticket: ticketId, notification: notificationId } };
}

/** Retries every pending notification whose next attempt is due; returns what happened to each. */
export async function redriveNotifications(
  deps: DeliveryDeps,
  limit = 100,
): Promise<Record<DeliveryOutcome, number>> {
  const due = await deps.outbox.listDueNotifications(deps.clock.now(), limit);
  const counts: Record<DeliveryOutcome, number> = { sent: 0, skipped: 0, 'retry-scheduled': 0, parked: 0 };
  for (const { ticketId, id } of due) counts[await deliverNotification(deps, ticketId, id)]++;
  return counts;
}
