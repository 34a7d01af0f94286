// What the mail service reports after sending (deliveries, bounces, complaints), recorded in the ticket's audit trail.
// A permanent bounce of the requester's address flags the ticket, so staff are told in their next mail. A delivery is
// recorded for a PQRSA's answers to the requester only: the evidence of when the legally required answer reached
// the requester's mail server (with SES's message id), beside the outbox's record of when SES accepted it.
import type { TicketRepository } from '../ports.js';
import type { Instant } from '../time/instant.js';

export interface MailEvent {
  readonly type: 'bounce' | 'complaint' | 'delivery';
  readonly ticketId: string;
  readonly notification: string;
  /** Permanent bounces (no such address) flag the address; transient ones (a full mailbox) are only recorded. */
  readonly permanent: boolean;
  /** The addresses that bounced or complained. */
  readonly recipients: readonly string[];
  readonly at: Instant;
  /** The mail's kind (its `kind` tag) and SES's message id: a delivery names them. */
  readonly kind?: string;
  readonly messageId?: string;
}

/** The mails that answer a PQRSA's requester, whose delivery is evidence a compliance officer asks for. */
const ANSWERS = new Set(['resolution', 'staff-reply', 'extension', 'info-request', 'withdrawal']);

export async function recordMailEvent(
  tickets: TicketRepository,
  event: MailEvent,
): Promise<'flagged' | 'recorded' | 'unknown-ticket' | 'ignored'> {
  const record = await tickets.get(event.ticketId);
  if (!record) return 'unknown-ticket';
  if (event.type === 'delivery') {
    if (record.ticket.queue !== 'pqrsa' || !ANSWERS.has(event.kind ?? '')) return 'ignored';
    await tickets.appendHistory(event.ticketId, {
      at: event.at,
      event: 'delivered',
      by: 'system',
      note: `El correo "${event.notification}" fue entregado al servidor de correo del solicitante (SES ${event.messageId ?? 'sin id'}).`,
    });
    return 'recorded';
  }
  const requester = record.ticket.requester.email.toLowerCase();
  const requesterAffected = event.recipients.some((r) => r.trim().toLowerCase() === requester);
  const who = requesterAffected ? 'del solicitante' : 'del personal de soporte';
  if (event.type === 'complaint') {
    await tickets.appendHistory(event.ticketId, {
      at: event.at,
      event: 'complaint',
      by: 'system',
      note: `El destinatario ${who} marcó como no deseado el correo "${event.notification}".`,
    });
    return 'recorded';
  }
  const entry = {
    at: event.at,
    event: 'bounced' as const,
    by: 'system',
    note: `El correo "${event.notification}" rebotó en la dirección ${who} (${event.permanent ? 'permanente' : 'temporal'}).`,
  };
  if (event.permanent && requesterAffected) {
    await tickets.flagRequesterBounce(event.ticketId, entry);
    return 'flagged';
  }
  await tickets.appendHistory(event.ticketId, entry);
  return 'recorded';
}
