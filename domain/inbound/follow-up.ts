// A requester's reply to a ticket closed more than REOPEN_DAYS ago opens a new ticket linked to it: the same product,
// type, priority and requester, the consent carried over as recorded (the requester gave it for this relation, and
// the reply continues it), the reply as its description. The new ticket is routed now and notifies like any other;
// the old one records the reply and names the new radicado. Opened under an idempotency key of the received message,
// so a retried invocation finds the ticket it opened instead of opening another.
import type { Transition } from '../escalation/policy.js';
import { transitionFor } from '../escalation/transition.js';
import { LIMITS } from '../intake/submission.js';
import { draftTicket, type IntakeDeps, radicadoPrefix } from '../intake/submit.js';
import { notificationsForNewTicket } from '../notifications.js';
import type { TicketRepository } from '../ports.js';
import { truncateText } from '../text.js';
import type { Ticket } from '../ticket.js';
import { bogotaYear, type Instant } from '../time/instant.js';

export interface FollowUpDeps extends Pick<IntakeDeps, 'router' | 'policy' | 'products'> {
  readonly tickets: Pick<TicketRepository, 'create' | 'get' | 'checkIdempotencyKey'>;
}

/** Opens (or, on a retry, finds) the follow-up of `old` for the reply `text`; its radicado. */
export async function openFollowUp(
  deps: FollowUpDeps,
  old: Ticket,
  text: string,
  at: Instant,
  key: string,
): Promise<string> {
  const idempotency = { key, fingerprint: `follow-up:${old.id}` };
  const earlier = await deps.tickets.checkIdempotencyKey(idempotency, at);
  if (earlier.state === 'completed') return earlier.ticketId;
  const draft = draftTicket(
    deps,
    {
      request: { product: old.product, type: old.type, priority: old.priority },
      subject: truncateText(`Seguimiento de ${old.id}: ${old.subject}`, LIMITS.subject.max),
      description: truncateText(text || '(respuesta sin texto)', LIMITS.description.max),
      requester: old.requester,
      locale: old.locale,
    },
    old.consent,
    at,
  );
  const outcome = await deps.tickets.create({
    draft,
    register: { prefix: radicadoPrefix(deps.products, old.product), year: bogotaYear(at) },
    history: {
      at,
      event: 'received',
      by: 'requester',
      note: `Solicitud abierta por una respuesta del solicitante al radicado ${old.id}, cerrado hace más de 14 días.`,
    },
    notifications: notificationsForNewTicket(draft),
    idempotency,
  });
  if (outcome.state === 'created') return outcome.ticket.id;
  if (outcome.state === 'completed') return outcome.ticketId;
  throw new Error(`follow-up of ${old.id} not opened: ${outcome.state}`);
}

/** The old ticket records the reply and the radicado it continues under; nobody is mailed about it. */
export function followUpRecorded(ticket: Ticket, now: Instant, text: string, followUpId: string): Transition {
  return transitionFor(ticket, {
    watch: ticket.watch,
    history: [
      { at: now, event: 'message', by: 'requester', note: text },
      {
        at: now,
        event: 'follow-up',
        by: 'system',
        note: `La respuesta llegó más de 14 días después del cierre: sigue como la solicitud ${followUpId}.`,
      },
    ],
  });
}
