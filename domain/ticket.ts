// A ticket: one recorded request with its radicado, routing decision, deadlines and audit trail.
import type { EscalationLevel, Priority, Queue } from './catalog.js';
import type { NotificationRecord } from './notifications.js';
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

/** How a consent reached the intake: the web form (its serving token) or a trusted integration (its API key). */
export type ConsentChannel = 'web-form' | 'api';

/**
 * Consent to process personal data (Ley 1581 de 2012, habeas data), kept with the ticket: what was accepted, when,
 * through which channel, and which notice it answered (docs/legal.md, "Consent and notice"). The notice fields are
 * recorded for every ticket since they were introduced; tickets recorded before have only the first three.
 */
export interface Consent {
  readonly accepted: true;
  /** The policy version in force, which the consent named. */
  readonly policyVersion: string;
  readonly acceptedAt: Instant;
  /** The policy's URL in force. */
  readonly policyUrl?: string;
  /** SHA-256 (hex) of the exact notice text in force in `noticeLocale` (data/privacy-notice.ts). */
  readonly noticeHash?: string;
  readonly noticeLocale?: Locale;
  readonly channel?: ConsentChannel;
}

export const HISTORY_EVENTS = [
  'received',
  'notified',
  'notification-failed',
  'notification-parked',
  'acknowledgement-withheld',
  'paged',
  'bounced',
  'complaint',
  /** A PQRSA's answer reached the requester's mail server (SES DELIVERY event): the evidence of the answer. */
  'delivered',
  'acknowledged',
  'escalated',
  'reminded',
  'extended',
  'info-requested',
  'info-time-extended',
  'info-provided',
  'withdrawn',
  'resolved',
  'personal-data-erased',
  /** A supresión confirmed on a habeas-data reclamo: which tickets were erased or kept, by radicado. */
  'data-suppressed',
  /** A reply by e-mail: a staff member's public message (sent to the requester) or the requester's. */
  'message',
  /** A staff member's internal note (`#nota`): never shown or sent to the requester. */
  'note',
  /** A mail to a ticket's reply address from someone who is not its requester or verified staff: for review only. */
  'external-message',
  /** A requester's reply reopened a recently closed ticket. */
  'reopened',
  /** A requester's reply to a ticket closed long ago opened a new ticket: the note names it (and it names this). */
  'follow-up',
  /** The requester declared files to upload (POST /requests/{id}/attachments): the entry's `attachments` lists them. */
  'attachment-added',
] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** One line of the audit trail: what happened, when, and who did it (`requester`, `system`, a staff address). */
export interface HistoryEntry {
  readonly at: Instant;
  readonly event: HistoryEvent;
  readonly by: string;
  readonly note?: string;
  /** Files that came with this entry (an upload the requester declared, a received mail's attachments). */
  readonly attachments?: readonly AttachmentRecord[];
}

/**
 * A file kept for a ticket under `key` (`attachments/<radicado>/<id>`, domain/attachments.ts): who sent it is the
 * entry's `by`, when its `at`. Recorded when declared (an upload) or stored (a mail's), so listing needs no S3 call.
 */
export interface AttachmentRecord {
  readonly id: string;
  readonly name: string;
  /** The MIME type, one of the allow-list. */
  readonly type: string;
  /** Bytes: declared (an upload, the most it may be) or stored (a mail's). */
  readonly size: number;
  readonly key: string;
  readonly source: 'upload' | 'mail';
}

/** The actors a history entry names that are not a staff member. */
const NOT_STAFF = new Set(['requester', 'system', 'sweeper']);

/** How a staff member who acted through a mail link is named in the history: `Name <address> (nivel N)`. */
export function staffActor(address: string, level: EscalationLevel, name = ''): string {
  return name ? `${name} <${address}> (nivel ${level})` : `${address} (nivel ${level})`;
}

/** The level a staff member acted at (0 when the entry does not say); undefined for the requester and the system. */
export function staffLevelOf(by: string): number | undefined {
  if (NOT_STAFF.has(by)) return undefined;
  return Number(/\(nivel (\d)\)\s*$/.exec(by)?.[1] ?? 0);
}

/**
 * The deadlines the escalation sweeper watches (see domain/escalation/policy.ts). `dueAt` is the earliest of them.
 */
export interface Watch {
  /** The current level's first-response deadline, while nobody has acknowledged the ticket. */
  readonly responseDueAt: Instant | null;
  /** The resolution deadline (the legal term for a PQRSA), or the current level's window once it was missed. */
  readonly resolutionDueAt: Instant | null;
  /** PQRSA reminders still to send, earliest first, each with the business days it is sent before the term. */
  readonly reminders: readonly { readonly at: Instant; readonly businessDaysBefore: number }[];
  /** While the legal term is suspended for the requester to complete the request: when it counts as withdrawn. */
  readonly requesterDueAt?: Instant;
}

/** A PQRSA term extended once (Ley 1755 art. 14 parágrafo): when, and the term's end before and after. */
export interface TermExtension {
  readonly at: Instant;
  readonly previousDueAt: Instant;
  readonly dueAt: Instant;
}

/**
 * Staff asked the requester to complete the request (Ley 1755 art. 17; Ley 1581 art. 15): the legal term is suspended
 * from `at` with `businessDaysLeft` left, and resumes with them when the requester answers (`answeredAt`), ending at
 * `resumedDueAt`. What staff asked and what the requester answered are in the history (`info-requested`,
 * `info-provided`). domain/escalation/completion.ts holds the rules.
 */
export interface InfoRequest {
  readonly at: Instant;
  readonly businessDaysLeft: number;
  /** The requester's deadline; passed without an answer, the request is withdrawn. */
  readonly answerDueAt: Instant;
  /** When the requester asked for more time (once: the deadline moved by as much again). */
  readonly moreTimeAt?: Instant;
  readonly answeredAt?: Instant;
  readonly resumedDueAt?: Instant;
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
  /** The earliest deadline in `watch`; null once closed or when nothing is left to watch. */
  readonly dueAt: Instant | null;
  readonly watch: Watch;
  /** Levels from which the requester asked to escalate (at most once per level). */
  readonly requesterEscalations: readonly EscalationLevel[];
  readonly acknowledgedAt?: Instant;
  readonly resolvedAt?: Instant;
  /**
   * When the final answer was first given (a resolve action or a `#resolver` reply), kept when a requester's reply
   * reopens the ticket: the PQRSA report counts a ticket by its first answer (domain/staff/report.ts).
   */
  readonly answeredAt?: Instant;
  /**
   * The legal term's extension (prórroga), once granted: the term now ends at `dueAt`. The routing decision keeps
   * the initial term (it is what was decided at receipt); read the current one with `legalDueAtOf`.
   */
  readonly extension?: TermExtension;
  /** The request for information that suspended the legal term, once made. */
  readonly infoRequest?: InfoRequest;
  /** How a closed ticket closed when it was not answered: `withdrawn` (desistida, Ley 1755 art. 17). */
  readonly closedAs?: 'withdrawn';
  /** Bumped by every transition; transitions are conditional on it, so two writers never both apply. */
  readonly version: number;
  /** Set when mail to the requester bounced permanently: staff are told in their next mail. */
  readonly requesterEmailBounced?: boolean;
  /**
   * When the requester's personal data was erased (the retention period after closing ran out): the ticket stays,
   * anonymised, for statistics.
   */
  readonly erasedAt?: Instant;
}

/** The request for information still waiting for the requester (the legal term is suspended); else undefined. */
export function pendingInfoRequest(ticket: Pick<Ticket, 'infoRequest' | 'status'>): InfoRequest | undefined {
  const request = ticket.infoRequest;
  return request && request.answeredAt === undefined && ticket.status !== 'resolved' ? request : undefined;
}

/** A ticket as the intake builds it, before the register assigns its radicado. */
export type TicketDraft = Omit<Ticket, 'id'>;

/** A ticket together with its audit trail, oldest first, and its outbox when the repository keeps it with it. */
export interface TicketRecord {
  readonly ticket: Ticket;
  readonly history: readonly HistoryEntry[];
  readonly notifications?: readonly NotificationRecord[];
}
