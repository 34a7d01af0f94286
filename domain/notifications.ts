// Which e-mails a ticket sends and to whom. Notifications are recorded with the ticket (an outbox) and delivered
// apart from the intake, so a slow or failing mail service never fails a submission.
import type { EscalationLevel } from './catalog.js';
import type { DeliveryFailure } from './ports.js';
import type { EscalationContact } from './routing/decision.js';
import type { HistoryEntry, Ticket } from './ticket.js';
import type { Instant } from './time/instant.js';

export const NOTIFICATION_KINDS = [
  'routed',
  'requester-ack',
  'page',
  'escalation',
  'reminder',
  'resolution',
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

/**
 * Who a notification goes to. Staff mail answers to the requester; the requester's mail answers to the mailbox.
 * An escalation goes to the contacts of the level it was raised to (the mailbox in Cc); a PQRSA reminder to the
 * PQRSA mailbox with level 2 in Cc.
 */
export function envelopeFor(
  notification: Pick<PlannedNotification, 'kind' | 'level'>,
  ticket: Ticket,
  ladder: EscalationLadder,
): Envelope {
  const { routing } = ticket;
  const staff = (to: readonly string[], cc: readonly string[]): Envelope => {
    const unique = [...new Set(to)];
    return {
      to: unique,
      cc: [...new Set(cc)].filter((e) => !unique.includes(e)),
      replyTo: [ticket.requester.email],
    };
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
    case 'requester-ack':
    case 'resolution':
      return { to: [ticket.requester.email], cc: [], replyTo: [routing.mailbox] };
  }
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

/**
 * Whether a delivery's audit line follows from the ticket alone: the routed mail's addresses are in its routing
 * decision, the requester's and the page's are fixed. Escalations and reminders depend on the catalog of the day.
 */
export function deliveryFollowsFromTicket(kind: NotificationKind): boolean {
  return kind === 'routed' || kind === 'requester-ack' || kind === 'page';
}

/** The audit line for a delivered notification (staff addresses only; the requester is named by role). */
export function deliveredEntry(kind: NotificationKind, envelope: Envelope, at: Instant): HistoryEntry {
  if (kind === 'page')
    return { at, event: 'paged', by: 'system', note: 'Alerta enviada al personal de guardia (p1-alerts).' };
  const staff = `${envelope.to.join(', ')}${envelope.cc.length > 0 ? ` (Cc ${envelope.cc.join(', ')})` : ''}`;
  const note = {
    routed: `Aviso enviado a ${staff}.`,
    escalation: `Aviso de escalamiento enviado a ${staff}.`,
    reminder: `Recordatorio del término legal enviado a ${staff}.`,
    'requester-ack': 'Acuse de recibo enviado al solicitante.',
    resolution: 'Respuesta de solución enviada al solicitante.',
  }[kind];
  return { at, event: 'notified', by: 'system', note };
}

/** The audit line of an acknowledgement withheld by the per-recipient hourly limit (no address, no text). */
export function withheldEntry(limit: number, at: Instant): HistoryEntry {
  return {
    at,
    event: 'acknowledgement-withheld',
    by: 'system',
    note: `Acuse de recibo no enviado: la dirección del solicitante ya recibió ${limit} ${limit === 1 ? 'acuse' : 'acuses'} en esta hora (límite contra el uso del formulario para inundar un buzón). La solicitud quedó radicada y enrutada.`,
  };
}

export function parkedEntry(
  kind: NotificationKind,
  attempts: number,
  failure: { readonly reason: string; readonly kind: DeliveryFailure },
  at: Instant,
): HistoryEntry {
  const what = {
    routed: 'el aviso al buzón',
    'requester-ack': 'el acuse de recibo al solicitante',
    page: 'la alerta de guardia',
    escalation: 'el aviso de escalamiento',
    reminder: 'el recordatorio del término legal',
    resolution: 'la respuesta de solución al solicitante',
  }[kind];
  const note =
    failure.kind === 'defect'
      ? `No se pudo preparar ${what} (${failure.reason}): es un defecto del sistema, no del servicio de correo; queda apartado para revisión y se avisó a operaciones.`
      : `No se pudo enviar ${what} tras ${attempts} ${attempts === 1 ? 'intento' : 'intentos'} (${failure.reason}); queda apartado para revisión.`;
  return { at, event: 'notification-parked', by: 'system', note };
}
