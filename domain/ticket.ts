// A ticket: one recorded request with its radicado, routing decision, deadlines and audit trail.
import type { EscalationLevel, Priority, Queue } from './catalog.js';
import type { RoutingDecision } from './routing/decision.js';
import type { Instant } from './time/instant.js';

export type Locale = 'es' | 'en';

export const TICKET_STATUSES = ['received', 'acknowledged', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface Requester {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly documentId?: string;
}

/** Consent to process personal data (Ley 1581 de 2012, habeas data), kept with the ticket. */
export interface Consent {
  readonly accepted: true;
  readonly policyVersion: string;
  readonly acceptedAt: Instant;
}

export const HISTORY_EVENTS = [
  'received',
  'notified',
  'notification-failed',
  'notification-parked',
  'paged',
  'bounced',
  'complaint',
  'acknowledged',
  'escalated',
  'reminded',
  'resolved',
] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** One line of the audit trail: what happened, when, and who did it (`requester`, `system`, a staff address). */
export interface HistoryEntry {
  readonly at: Instant;
  readonly event: HistoryEvent;
  readonly by: string;
  readonly note?: string;
}

export interface Ticket {
  /** The radicado, e.g. `CF-2026-000042`. */
  readonly id: string;
  readonly product: string;
  readonly type: string;
  readonly priority: Priority;
  readonly queue: Queue;
  readonly status: TicketStatus;
  readonly escalationLevel: EscalationLevel;
  readonly subject: string;
  readonly description: string;
  readonly requester: Requester;
  readonly consent: Consent;
  readonly locale: Locale;
  readonly receivedAt: Instant;
  readonly routing: RoutingDecision;
  /** The next deadline the sweeper watches (first response until acknowledged, then resolution); null once closed. */
  readonly dueAt: Instant | null;
  /** Set when mail to the requester bounced permanently: staff are told in their next mail. */
  readonly requesterEmailBounced?: boolean;
}

/** A ticket as the intake builds it, before the register assigns its radicado. */
export type TicketDraft = Omit<Ticket, 'id'>;

/** A ticket together with its audit trail, oldest first. */
export interface TicketRecord {
  readonly ticket: Ticket;
  readonly history: readonly HistoryEntry[];
}
