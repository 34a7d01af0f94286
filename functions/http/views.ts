// How tickets look in API responses (instants as ISO-8601 Bogotá time). Personal data is kept to what the token
// holder, the requester, already knows: no e-mail, phone or document number comes back.
import { decisionToJson } from '#domain/routing/decision.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { formatInstant } from '#domain/time/instant.js';

export interface Links {
  readonly statusUrl: string;
}

export function statusUrl(publicBaseUrl: string, ticketId: string, token: string): string {
  return `${publicBaseUrl}/requests/${encodeURIComponent(ticketId)}?token=${encodeURIComponent(token)}`;
}

export function createdView(ticket: Ticket, links: Links) {
  return { id: ticket.id, status: 'received' as const, routing: decisionToJson(ticket.routing), ...links };
}

export function ticketView({ ticket, history }: TicketRecord) {
  const iso = (at: number | null) => (at === null ? null : formatInstant(at));
  return {
    id: ticket.id,
    status: ticket.status,
    product: ticket.product,
    type: ticket.type,
    priority: ticket.priority,
    queue: ticket.queue,
    subject: ticket.subject,
    description: ticket.description,
    locale: ticket.locale,
    receivedAt: formatInstant(ticket.receivedAt),
    escalationLevel: ticket.escalationLevel,
    deadlines: {
      firstResponseDueAt: formatInstant(ticket.routing.firstResponseDueAt),
      resolutionDueAt: formatInstant(ticket.routing.resolutionDueAt),
      legalDueAt: iso(ticket.routing.legalDueAt),
      nextDueAt: iso(ticket.dueAt),
    },
    routing: decisionToJson(ticket.routing),
    history: history.map((h) => ({
      at: formatInstant(h.at),
      event: h.event,
      by: h.by,
      ...(h.note ? { note: h.note } : {}),
    })),
  };
}
