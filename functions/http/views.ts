// How tickets look in API responses (instants as ISO-8601 Bogotá time). Personal data is kept to what the token
// holder, the requester, already knows: no e-mail, phone or document number comes back.
import { decisionToJson } from '#domain/routing/decision.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { formatInstant } from '#domain/time/instant.js';

export interface Links {
  readonly statusUrl: string;
  readonly statusPageUrl: string;
}

/** The API URL of a ticket (JSON), with its token in the query string. */
export function statusUrl(publicBaseUrl: string, ticketId: string, token: string): string {
  return `${publicBaseUrl}/requests/${encodeURIComponent(ticketId)}?token=${encodeURIComponent(token)}`;
}

/** The status page for people: the token rides in the fragment, which browsers never send to a server. */
export function statusPageUrl(publicBaseUrl: string, ticketId: string, token: string): string {
  return `${publicBaseUrl}/status#id=${encodeURIComponent(ticketId)}&token=${encodeURIComponent(token)}`;
}

export function linksFor(publicBaseUrl: string, ticketId: string, token: string): Links {
  return {
    statusUrl: statusUrl(publicBaseUrl, ticketId, token),
    statusPageUrl: statusPageUrl(publicBaseUrl, ticketId, token),
  };
}

export function createdView(ticket: Ticket, links: Links) {
  return { id: ticket.id, status: 'received' as const, routing: decisionToJson(ticket.routing), ...links };
}

/** Whether the requester may escalate now (the status page shows the button, or why not and from when). */
export type EscalationOption =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly refusal: { readonly reason: string; readonly availableAt?: number | undefined };
    };

export function ticketView({ ticket, history }: TicketRecord, escalation?: EscalationOption) {
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
    acknowledgedAt: iso(ticket.acknowledgedAt ?? null),
    resolvedAt: iso(ticket.resolvedAt ?? null),
    ...(escalation
      ? {
          requesterEscalation: escalation.allowed
            ? { allowed: true }
            : {
                allowed: false,
                reason: escalation.refusal.reason,
                availableAt: iso(escalation.refusal.availableAt ?? null),
              },
        }
      : {}),
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
