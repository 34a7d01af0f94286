// What the staff console lists about a ticket without reading it whole: a small summary the ticket's state item
// carries, projected into the queue index (open tickets by next deadline, per product queue) and, for a PQRSA, into
// the report index (PQRSA by Bogotá month of receipt). Derived from the ticket by every write that changes it, so it
// is never out of step; the erasure of personal data blanks its subject.
import type { Priority, Queue } from '../catalog.js';
import { pendingInfoRequest } from '../escalation/completion.js';
import { legalDueAtOf } from '../escalation/extension.js';
import { truncateText } from '../text.js';
import type { HistoryEntry, Ticket } from '../ticket.js';
import type { Instant } from '../time/instant.js';

/** The subject as listed: its first characters only (the ticket page shows it whole). */
export const SUMMARY_SUBJECT_MAX = 120;

export interface TicketSummary {
  readonly product: string;
  readonly queue: Queue;
  readonly type: string;
  readonly priority: Priority;
  /** The subject's first SUMMARY_SUBJECT_MAX characters; empty once the personal data is erased. */
  readonly subject: string;
  readonly receivedAt: Instant;
  /** The legal term in force (extended or resumed), for a PQRSA; null for a support ticket. */
  readonly termDueAt: Instant | null;
  /** The legal term is suspended: staff asked the requester to complete the request (Ley 1755 art. 17). */
  readonly suspended?: true;
  /** The first final answer (see Ticket.answeredAt). */
  readonly answeredAt?: Instant;
  /** The legal term was extended (prórroga). */
  readonly extended?: true;
  /** Closed as withdrawn (desistida): the requester did not complete it in time. */
  readonly withdrawn?: true;
}

export function summaryOf(ticket: Ticket): TicketSummary {
  return {
    product: ticket.product,
    queue: ticket.queue,
    type: ticket.type,
    priority: ticket.priority,
    subject: ticket.erasedAt === undefined ? truncateText(ticket.subject, SUMMARY_SUBJECT_MAX) : '',
    receivedAt: ticket.receivedAt,
    termDueAt: legalDueAtOf(ticket),
    ...(pendingInfoRequest(ticket) ? { suspended: true as const } : {}),
    ...(ticket.answeredAt === undefined ? {} : { answeredAt: ticket.answeredAt }),
    ...(ticket.extension ? { extended: true as const } : {}),
    ...(ticket.closedAs === 'withdrawn' ? { withdrawn: true as const } : {}),
  };
}

/**
 * When a history first records the final answer (a `resolved` entry: the resolve action or a `#resolver` reply),
 * reopenings aside. Tickets keep it as `answeredAt` since the staff console; this gives it for those answered before.
 */
export function firstAnswerAt(history: readonly HistoryEntry[]): Instant | undefined {
  let first: Instant | undefined;
  for (const entry of history)
    if (entry.event === 'resolved' && (first === undefined || entry.at < first)) first = entry.at;
  return first;
}
