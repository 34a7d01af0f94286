// How tickets look in API responses (instants as ISO-8601 Bogotá time). Personal data is kept to what the token
// holder, the requester, already knows: no e-mail, phone or document number comes back, and the people who handled
// the request appear by role and level only, never by name or address.
import { attachmentsOf } from '#domain/attachments.js';
import { infoRequested, pendingInfoRequest } from '#domain/escalation/completion.js';
import { legalDueAtOf, resolutionDueAtOf } from '#domain/escalation/extension.js';
import { decisionToJson } from '#domain/routing/decision.js';
import { claimInProgress } from '#domain/terms.js';
import { type HistoryEntry, staffLevelOf, type Ticket, type TicketRecord } from '#domain/ticket.js';
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

/** The signed download link of a ticket's file (functions/http/attachments.ts). */
export type AttachmentLink = (ticketId: string, key: string) => string;

export function ticketView(
  { ticket, history }: TicketRecord,
  escalation?: EscalationOption,
  link?: AttachmentLink,
) {
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
    ...(ticket.closedAs ? { closedAs: ticket.closedAs } : {}),
    // Ley 1581 art. 15: a habeas-data reclamo is marked on the requester's record until it is decided.
    ...(claimInProgress(ticket) ? { mark: 'reclamo-en-tramite' } : {}),
    ...(ticket.infoRequest ? { infoRequest: infoRequestView(ticket, history) } : {}),
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
      resolutionDueAt: formatInstant(resolutionDueAtOf(ticket)),
      legalDueAt: iso(legalDueAtOf(ticket)),
      legalTermSuspended: pendingInfoRequest(ticket) !== undefined,
      nextDueAt: iso(ticket.dueAt),
    },
    routing: decisionToJson(ticket.routing),
    history: requesterHistory(history).map((h) => requesterEntry(h, ticket)),
    attachments: attachmentsOf(requesterHistory(history)).map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      size: a.size,
      source: a.source,
      at: formatInstant(a.at),
      ...(link ? { url: link(ticket.id, a.key) } : {}),
    })),
  };
}

/** Staff's request for information: what they asked, until when, and whether the requester may still ask for time. */
function infoRequestView(ticket: Ticket, history: readonly HistoryEntry[]) {
  const request = ticket.infoRequest;
  if (!request) return undefined;
  const pending = pendingInfoRequest(ticket) !== undefined;
  return {
    pending,
    requestedAt: formatInstant(request.at),
    asked: infoRequested(history.findLast((h) => h.event === 'info-requested')?.note),
    answerDueAt: formatInstant(request.answerDueAt),
    businessDaysLeft: request.businessDaysLeft,
    moreTimeAvailable: pending && request.moreTimeAt === undefined,
    answeredAt: request.answeredAt === undefined ? null : formatInstant(request.answeredAt),
  };
}

/** What staff keep to themselves: internal notes, and mail from strangers kept for review. */
const INTERNAL_EVENTS: ReadonlySet<HistoryEntry['event']> = new Set(['note', 'external-message']);

/** The history the requester may read: all but staff's internal notes and mail kept for review. */
export function requesterHistory(history: readonly HistoryEntry[]): readonly HistoryEntry[] {
  return history.filter((h) => !INTERNAL_EVENTS.has(h.event));
}

const EMAIL = /[^\s<>(),;:]+@[^\s<>(),;:]+\.[^\s<>(),;:.]+/g;

/**
 * A history entry as the requester reads it: a staff member becomes `staff` with the level they acted at (their name
 * and address stay with staff), and the addresses a system-written note names become the roles they belong to.
 */
export function requesterEntry(entry: HistoryEntry, ticket: Ticket) {
  const level = staffLevelOf(entry.by);
  const staff = level !== undefined;
  const note =
    entry.note && !staff ? entry.note.replace(EMAIL, (address) => roleOf(address, ticket)) : entry.note;
  return {
    at: formatInstant(entry.at),
    event: entry.event,
    by: staff ? 'staff' : entry.by,
    ...(level ? { level } : {}),
    ...(note ? { note } : {}),
  };
}

function roleOf(address: string, { queue, routing }: Ticket): string {
  if (address.toLowerCase() === routing.mailbox.toLowerCase())
    return queue === 'pqrsa' ? 'el buzón PQRSA' : 'el buzón de soporte';
  if (routing.escalation.emails.some((e) => e.toLowerCase() === address.toLowerCase()))
    return `el nivel ${routing.escalation.level} (${routing.escalation.name})`;
  return 'el equipo de soporte';
}
