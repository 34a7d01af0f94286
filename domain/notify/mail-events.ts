// What the mail service reports after delivery (bounces, complaints), recorded in the ticket's audit trail. A
// permanent bounce of the requester's address flags the ticket, so staff are told in their next mail.
import type { TicketRepository } from '../ports.js';
import type { Instant } from '../time/instant.js';

export interface MailEvent {
  readonly type: 'bounce' | 'complaint';
  readonly ticketId: string;
  readonly notification: string;
  /** Permanent bounces (no such address) flag the address; transient ones (a full mailbox) are only recorded. */
  readonly permanent: boolean;
  /** The addresses that bounced or complained. */
  readonly recipients: readonly string[];
  readonly at: Instant;
}

export async function recordMailEvent(
  tickets: TicketRepository,
  event: MailEvent,
): Promise<'flagged' | 'recorded' | 'unknown-ticket'> {
  const record = await tickets.get(event.ticketId);
  if (!record) return 'unknown-ticket';
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
