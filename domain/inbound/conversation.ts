// What a received reply does to a ticket, as transitions (domain/escalation/transition.ts) a repository applies on the
// ticket's version: a staff member's public message (sent to the requester; the first one stops the first-response
// clock like an acknowledgement), an internal note (recorded, never sent), the final answer (`#resolver`: the same
// resolution as the resolve link), a requester's message (forwarded to whoever handles the ticket; on a ticket closed
// in the last REOPEN_DAYS days it reopens it), and a message from anyone else (kept for review, never forwarded).
import type { EscalationPolicy, Transition } from '../escalation/policy.js';
import { transitionFor } from '../escalation/transition.js';
import type { Ticket } from '../ticket.js';
import type { Instant } from '../time/instant.js';

/** A requester's reply reopens a ticket resolved at most this many days ago; later, it is a new request. */
export const REOPEN_DAYS = 14;

/** The commands a staff reply may start with (first word, any case). */
export type StaffCommand = 'note' | 'resolve' | 'reply';

/** A staff mail's signed action links (`…/actions?token=…`): a reply that still carries one must not pass it on. */
const ACTION_LINK = /\S*\/actions\?token=\S*/g;

/** `#nota …` is an internal note, `#resolver …` the final answer; anything else is a reply to the requester. */
export function staffCommand(body: string): { readonly command: StaffCommand; readonly text: string } {
  // Quoted history is cut by the parser; a signed link left in the text (pasted, or quoted in an unknown way) is
  // taken out here too, so it never reaches the requester.
  const text = body.replace(ACTION_LINK, '[enlace interno retirado]');
  const match = /^\s*#(nota|resolver)\b[:\s]*/i.exec(text);
  if (!match) return { command: 'reply', text: text.trim() };
  return {
    command: match[1]?.toLowerCase() === 'nota' ? 'note' : 'resolve',
    text: text.slice(match[0].length).trim(),
  };
}

/** The id of the notification that carries a message, unique per message (its time). */
const messageNotice = (kind: 'staff-reply' | 'requester-reply', at: Instant) => ({
  id: `${kind}-${at}`,
  kind,
  messageAt: at,
});

/**
 * A staff member's reply: recorded as a public message and sent to the requester; while unacknowledged, it is the
 * first response (the first-response clock stops). `#nota` records an internal note only; `#resolver` resolves the
 * ticket with the text as the answer (the resolution mail carries it). On a closed ticket a reply is still sent.
 */
export function staffReply(
  policy: EscalationPolicy,
  ticket: Ticket,
  now: Instant,
  by: string,
  body: string,
): Transition {
  const { command, text } = staffCommand(body);
  if (command === 'note') {
    return transitionFor(ticket, {
      watch: ticket.watch,
      history: [{ at: now, event: 'note', by, note: text }],
    });
  }
  if (command === 'resolve' && ticket.status !== 'resolved') return policy.resolve(ticket, now, by, text);
  const first = ticket.status === 'received';
  return transitionFor(first ? { ...ticket, status: 'acknowledged', acknowledgedAt: now } : ticket, {
    watch: first ? { ...ticket.watch, responseDueAt: null } : ticket.watch,
    history: [{ at: now, event: 'message', by, note: text }],
    notifications: [messageNotice('staff-reply', now)],
  });
}

/**
 * The requester's reply: recorded and forwarded to the routed mailbox (and the level now handling it). A ticket
 * resolved at most REOPEN_DAYS ago reopens when given a `window`: acknowledged again at its level, with a new
 * resolution target (the priority's first-response time on its clock). Without one (closed longer ago), the message
 * is recorded and forwarded, and the ticket stays closed.
 */
export function requesterReply(ticket: Ticket, now: Instant, text: string, window?: Instant): Transition {
  const message = { at: now, event: 'message' as const, by: 'requester', note: text };
  if (ticket.status !== 'resolved' || window === undefined) {
    return transitionFor(ticket, {
      watch: ticket.watch,
      history: [message],
      notifications: [messageNotice('requester-reply', now)],
    });
  }
  const { resolvedAt: _, closedAs: __, ...open } = ticket;
  return transitionFor(
    { ...open, status: 'acknowledged' },
    {
      watch: { responseDueAt: null, resolutionDueAt: window, reminders: [] },
      history: [
        message,
        {
          at: now,
          event: 'reopened',
          by: 'requester',
          note: `Reabierta por una respuesta del solicitante dentro de los ${REOPEN_DAYS} días siguientes a su cierre; nuevo objetivo de solución.`,
        },
      ],
      notifications: [messageNotice('requester-reply', now)],
    },
  );
}

/**
 * Whether a requester's reply at `now` may reopen the closed `ticket` (closed at most REOPEN_DAYS ago). A request
 * withdrawn for want of the information asked (desistimiento) never reopens: it "may be presented again" (Ley 1755
 * art. 17), so the reply opens a new request, as a late reply does.
 */
export function reopenable(ticket: Ticket, now: Instant): boolean {
  if (ticket.closedAs === 'withdrawn') return false;
  return ticket.status === 'resolved' && now - (ticket.resolvedAt ?? 0) <= REOPEN_DAYS * 86_400_000;
}

/**
 * A message that is neither a verified staff reply nor the requester's (another sender, or a staff address whose
 * SPF, DKIM or DMARC failed): kept for staff to review, never forwarded to the requester. `why` says which.
 */
export function externalMessage(
  ticket: Ticket,
  now: Instant,
  from: string,
  why: string,
  text: string,
): Transition {
  return transitionFor(ticket, {
    watch: ticket.watch,
    history: [{ at: now, event: 'external-message', by: from, note: `${why} ${text}` }],
  });
}
