// Which e-mails a ticket sends and to whom. Notifications are recorded with the ticket (an outbox) and delivered
// apart from the intake, so a slow or failing mail service never fails a submission.
import type { EscalationLevel } from './catalog.js';
import type { ReplyAddresses, ReplyParty } from './ports.js';
import type { EscalationContact } from './routing/decision.js';
import type { Ticket } from './ticket.js';
import type { Instant } from './time/instant.js';

export const NOTIFICATION_KINDS = [
  'routed',
  'requester-ack',
  'page',
  'escalation',
  'reminder',
  'resolution',
  /** To the requester when staff acknowledge: who handles the request (a role and its public mailbox). */
  'handling',
  /** To the requester when staff extend a PQRSA's legal term: the reasons and the new date. */
  'extension',
  /** To the requester when staff ask them to complete the request: what is missing, and until when. */
  'info-request',
  /** To the routed mailbox (the current level in Cc) when the requester completes the request: the term resumes. */
  'info-provided',
  /** To the requester when their deadline to complete the request passed: withdrawn, and they may file again. */
  'withdrawal',
  /** A staff member's reply by e-mail, sent on to the requester from the router. */
  'staff-reply',
  /** The requester's reply by e-mail, forwarded to the routed mailbox (the current level in Cc). */
  'requester-reply',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** `withheld`: an acknowledgement not sent because its address had its hourly share already (never retried). */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'parked', 'withheld'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** A notification as the outbox keeps it; `id` is unique within its ticket and makes delivery idempotent. */
export interface NotificationRecord {
  readonly ticketId: string;
  readonly id: string;
  readonly kind: NotificationKind;
  /** The escalation level an `escalation` (or level-3 `page`) notification is for. */
  readonly level?: EscalationLevel;
  /** For a `reminder`: how many business days remain before the legal term. */
  readonly businessDaysLeft?: number;
  /** For a `staff-reply` or `requester-reply`: the time of the history message it carries. */
  readonly messageAt?: Instant;
  readonly status: NotificationStatus;
  readonly attempts: number;
  /** Of those, attempts the mail service refused for a setup error (they never park a notification). */
  readonly setupWaits?: number;
  readonly nextAttemptAt: Instant | null;
  readonly lastError?: string;
  readonly sentAt?: Instant;
  readonly messageId?: string;
}

export interface PlannedNotification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly level?: EscalationLevel;
  readonly businessDaysLeft?: number;
  readonly messageAt?: Instant;
}

/** A product queue's three escalation levels, from the catalog. */
export type EscalationLadder = (product: string, queue: Ticket['queue']) => readonly EscalationContact[];

export interface Envelope {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly replyTo: readonly string[];
}

/**
 * A new ticket tells the routed mailbox (escalation contacts in Cc from level 2 up) and the requester; a route to
 * the P1 line also pages the on-call staff.
 */
export function notificationsForNewTicket(ticket: Pick<Ticket, 'routing'>): readonly PlannedNotification[] {
  return [
    { id: 'received-routed', kind: 'routed' },
    { id: 'received-requester-ack', kind: 'requester-ack' },
    ...(ticket.routing.destination === 'p1-line' ? [{ id: 'received-page', kind: 'page' as const }] : []),
  ];
}

/** The kinds mailed to staff about one ticket: they answer to the ticket's `s` reply address. */
const STAFF_KINDS = ['routed', 'escalation', 'reminder', 'info-provided', 'requester-reply'] as const;
const isStaffKind = (kind: NotificationKind): kind is (typeof STAFF_KINDS)[number] =>
  (STAFF_KINDS as readonly NotificationKind[]).includes(kind);

/**
 * Who a notification goes to. Every mail about a ticket answers to one of its signed reply addresses on the
 * receiving domain, so replies come back to the router and onto the ticket: staff mail to the `s` address (the
 * requester's own address stays in the mail's body), the requester's mail to the `r` address. An escalation goes to
 * the contacts of the level it was raised to (the mailbox in Cc); a PQRSA reminder to the PQRSA mailbox with level 2
 * in Cc. `replies` signs the addresses (an adapter: the domain signs nothing); without it, as for an audit line that
 * names recipients only, the envelope has no Reply-To.
 */
export function envelopeFor(
  notification: Pick<PlannedNotification, 'kind' | 'level'>,
  ticket: Ticket,
  ladder: EscalationLadder,
  replies?: Pick<ReplyAddresses, 'addressFor'>,
): Envelope {
  const { routing } = ticket;
  const replyTo = (party: ReplyParty) => (replies ? [replies.addressFor(ticket.id, party)] : []);
  const staff = (to: readonly string[], cc: readonly string[]): Envelope => {
    const unique = [...new Set(to)];
    return { to: unique, cc: [...new Set(cc)].filter((e) => !unique.includes(e)), replyTo: replyTo('s') };
  };
  const level = (n: EscalationLevel) => ladder(ticket.product, ticket.queue)[n - 1]?.emails ?? [];
  switch (notification.kind) {
    case 'page':
      return { to: [], cc: [], replyTo: [] };
    case 'routed':
      return staff([routing.mailbox], ticket.routing.escalationLevel >= 2 ? routing.escalation.emails : []);
    case 'escalation':
      return staff(level(notification.level ?? ticket.escalationLevel), [routing.mailbox]);
    case 'reminder':
      return staff([routing.mailbox], level(2));
    case 'info-provided':
    case 'requester-reply':
      return staff([routing.mailbox], ticket.escalationLevel >= 2 ? level(ticket.escalationLevel) : []);
    case 'requester-ack':
    case 'handling':
    case 'resolution':
    case 'extension':
    case 'info-request':
    case 'withdrawal':
    case 'staff-reply':
      return { to: [ticket.requester.email], cc: [], replyTo: replyTo('r') };
  }
}

/** The mail-service ids of earlier mails a notification answers to, so mail clients thread it under them. */
export interface Thread {
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

/**
 * Where a mail sits in its conversation: staff mail about a ticket under the routed mail, the requester's under the
 * acknowledgement, each once that first mail was sent (its id as the mail service returned it). The first mails, a
 * page, and a mail whose first was never sent start no thread.
 */
export function threadFor(
  kind: NotificationKind,
  notifications: readonly Pick<NotificationRecord, 'kind' | 'status' | 'messageId'>[] = [],
): Thread {
  if (kind === 'page' || kind === 'routed' || kind === 'requester-ack') return {};
  const first = isStaffKind(kind) ? 'routed' : 'requester-ack';
  const root = notifications.find((n) => n.kind === first && n.status === 'sent' && n.messageId)?.messageId;
  return root ? { inReplyTo: root, references: [root] } : {};
}

/** Delivery policy: exponential backoff from one minute, capped at an hour; parked after about a day of failures. */
export const DELIVERY = {
  maxAttempts: 30,
  firstDelayMs: 60_000,
  maxDelayMs: 3_600_000,
  /** How long a claim holds a notification: a sender that dies holding it is followed up when it ends. */
  leaseMs: 60_000,
} as const;

export function retryDelayMs(attempts: number): number {
  return Math.min(DELIVERY.maxDelayMs, DELIVERY.firstDelayMs * 2 ** Math.max(0, attempts - 1));
}
