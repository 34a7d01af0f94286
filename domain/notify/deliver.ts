// Delivering outbox notifications (docs/delivery.md):
// 1. A ticket's notifications are recorded with it (its outbox), and the ticket enters the retry index, due now.
// 2. Every attempt, first or retry, claims its notification with a conditional write (a lease) before sending.
// 3. The stream consumer attempts a ticket's new notifications as soon as they are written.
// 4. The scheduled redrive attempts whatever the retry index says is due: retries, ended leases, anything missed.
// 5. A failure schedules a retry with backoff, or parks the notification with a history entry; a sent one stays sent.
import {
  DELIVERY,
  type EscalationLadder,
  envelopeFor,
  type NotificationRecord,
  retryDelayMs,
  threadFor,
} from '../notifications.js';
import {
  type Clock,
  DeliveryError,
  type Failure,
  type MailComposer,
  type Mailer,
  type MailMessage,
  type NotificationOutbox,
  type Pager,
  type ReplyAddresses,
  type TicketRepository,
} from '../ports.js';
import type { TicketRecord } from '../ticket.js';
import type { Instant } from '../time/instant.js';
import { type AckLimitDeps, withinAckLimit } from './ack-limit.js';
import { deliveredEntry, deliveryFollowsFromTicket, parkedEntry } from './audit.js';

export interface DeliveryDeps extends AckLimitDeps {
  readonly tickets: TicketRepository;
  readonly outbox: NotificationOutbox;
  readonly mailer: Mailer;
  readonly pager: Pager;
  readonly composer: MailComposer;
  readonly clock: Clock;
  /** The catalog's escalation levels, for escalation and reminder envelopes. */
  readonly ladder: EscalationLadder;
  /** The ticket's signed reply addresses every mail about it answers to (its Reply-To). */
  readonly replies: Pick<ReplyAddresses, 'addressFor'>;
}

/**
 * `defect`: parked at once because the message could not be built or encoded (ours to fix, and alarmed);
 * `misconfigured`: the mail service refused because of the account's setup (retried, never parked, alarmed);
 * `withheld`: an acknowledgement over its address's hourly limit, recorded and never sent.
 */
export type DeliveryOutcome =
  | 'sent'
  | 'skipped'
  | 'retry-scheduled'
  | 'misconfigured'
  | 'parked'
  | 'defect'
  | 'withheld';

/**
 * The stream consumer's prompt attempt at a ticket's new notifications (`ids`; by default every pending one), in
 * turn, each claimed first.
 */
export async function deliverNew(
  deps: DeliveryDeps,
  ticketId: string,
  ids?: readonly string[],
): Promise<Record<string, DeliveryOutcome>> {
  const record = await deps.tickets.get(ticketId);
  const outcomes: Record<string, DeliveryOutcome> = {};
  for (const { id, status } of record?.notifications ?? [])
    if (ids ? ids.includes(id) : status === 'pending')
      outcomes[id] = await deliverNotification(deps, ticketId, id, record);
  return outcomes;
}

/**
 * One attempt at a notification: claimed first, so two senders (the stream consumer, the redrive) never both send
 * it. `known`: the ticket as just read, if the caller has it.
 */
export async function deliverNotification(
  deps: DeliveryDeps,
  ticketId: string,
  notificationId: string,
  known?: TicketRecord,
): Promise<DeliveryOutcome> {
  const claimed = await deps.outbox.claim(ticketId, notificationId, deps.clock.now());
  if (!claimed) return 'skipped';
  const record = known ?? (await deps.tickets.get(ticketId));
  if (record) return attempt(deps, record, claimed);
  const failure = { at: deps.clock.now(), error: 'ticket not found', nextAttemptAt: null };
  await deps.outbox.markFailed(ticketId, notificationId, failure);
  return 'parked';
}

/**
 * Composes, sends and records one notification: sent, failed with a retry time, or parked. A failure raised on our
 * side (composing, or a message the mailer found unsendable) is a defect: parked at once, never retried.
 */
async function attempt(
  deps: DeliveryDeps,
  record: TicketRecord,
  notification: NotificationRecord,
): Promise<DeliveryOutcome> {
  const { ticketId, id: notificationId, kind } = notification;
  const envelope = envelopeFor(notification, record.ticket, deps.ladder, deps.replies);
  if (kind === 'requester-ack' && !(await withinAckLimit(deps, notification, record.ticket.requester.email)))
    return 'withheld';
  let messageId: string;
  try {
    ({ messageId } =
      kind === 'page'
        ? await deps.pager.page(deps.composer.page(record, notification))
        : await deps.mailer.send(
            withTags(
              {
                ...deps.composer.compose({ ...notification, kind }, record, envelope),
                ...threadFor(kind, record.notifications),
              },
              ticketId,
              notificationId,
            ),
          ));
  } catch (error) {
    return recordFailure(deps, notification, asDeliveryError(error));
  }
  const at = deps.clock.now();
  await deps.outbox.markSent(
    ticketId,
    notificationId,
    at,
    messageId,
    deliveredEntry(kind, envelope, at),
    deliveryFollowsFromTicket(kind),
  );
  return 'sent';
}

/** A failed attempt: a retry with backoff, or parked (at once for a permanent failure or a defect). */
async function recordFailure(
  deps: DeliveryDeps,
  notification: NotificationRecord,
  failure: DeliveryError,
): Promise<DeliveryOutcome> {
  const at = deps.clock.now();
  const attempts = notification.attempts + 1;
  const plan = failurePlan(failure, attempts, at, notification.setupWaits ?? 0);
  await deps.outbox.markFailed(
    notification.ticketId,
    notification.id,
    plan.failed,
    plan.failed.nextAttemptAt === null ? parkedEntry(notification.kind, attempts, failure, at) : undefined,
  );
  return plan.outcome;
}

/** Any error of a send as the delivery policy reads it: a mailer's DeliveryError, or else a defect of ours. */
export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(`local error (${error instanceof Error ? error.name : typeof error})`, 'defect');
}

/**
 * The delivery policy for a failed attempt (the `attempts`th): retried with exponential backoff, or parked (null)
 * after a permanent failure, a defect, or DELIVERY.maxAttempts attempts; a configuration failure is retried however
 * many attempts it takes. Every outbox (tickets', lookups') uses it.
 */
export function failurePlan(
  failure: DeliveryError,
  attempts: number,
  at: Instant,
  setupWaits = 0,
): { readonly failed: Failure; readonly outcome: DeliveryOutcome } {
  const failed = (nextAttemptAt: Instant | null, setupWait: boolean): Failure => ({
    at,
    error: failure.reason,
    nextAttemptAt,
    setupWait,
  });
  if (failure.kind === 'configuration') {
    // Every mail waits for the setup to be fixed (hourly at most), however long that takes; the waits are counted
    // apart, so once the setup works an outage still gets all its retries.
    return { failed: failed(at + retryDelayMs(attempts), true), outcome: 'misconfigured' };
  }
  const park = failure.permanent || attempts - setupWaits >= DELIVERY.maxAttempts;
  return {
    failed: failed(park ? null : at + retryDelayMs(attempts), false),
    outcome: failure.kind === 'defect' ? 'defect' : park ? 'parked' : 'retry-scheduled',
  };
}

/** Tags that let mail events (bounces, complaints) find their ticket and notification again. */
function withTags(message: MailMessage, ticketId: string, notificationId: string): MailMessage {
  return { ...message, tags: { ...message.tags, ticket: ticketId, notification: notificationId } };
}

/**
 * Attempts every notification the retry index says is due, in turn; counts the outcomes. One that cannot be
 * attempted at all (a store outage, a malformed ticket) does not stop the others: it goes to `failed`.
 */
export async function redriveNotifications(
  deps: DeliveryDeps,
  limit = 100,
  failed: (error: unknown, ticketId: string) => void = (error) => {
    throw error;
  },
): Promise<Record<DeliveryOutcome, number>> {
  const counts = noOutcomes();
  for (const { ticketId, id } of await deps.outbox.listDueNotifications(deps.clock.now(), limit)) {
    try {
      counts[await deliverNotification(deps, ticketId, id)]++;
    } catch (error) {
      failed(error, ticketId);
    }
  }
  return counts;
}

/** A tally of outcomes, every one at zero. */
export function noOutcomes(): Record<DeliveryOutcome, number> {
  return { sent: 0, skipped: 0, 'retry-scheduled': 0, misconfigured: 0, parked: 0, defect: 0, withheld: 0 };
}
