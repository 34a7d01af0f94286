// The ports the domain needs from the outside world; functions/ implements them (DynamoDB, SES, HMAC, the clock).

import type { EscalationLevel } from './catalog.js';
import type { Transition } from './escalation/policy.js';
import type { QueueRef } from './inbound/directory.js';
import type { LookupRequest } from './intake/lookup.js';
import type { Envelope, NotificationKind, NotificationRecord, PlannedNotification } from './notifications.js';
import type { TicketSummary } from './staff/summary.js';
import type { HistoryEntry, Locale, Ticket, TicketDraft, TicketRecord, TicketStatus } from './ticket.js';
import type { Instant } from './time/instant.js';

export interface Clock {
  now(): Instant;
}

/** An Idempotency-Key and the fingerprint of the request body it came with. */
export interface IdempotencyRequest {
  readonly key: string;
  readonly fingerprint: string;
}

/** What an Idempotency-Key already stands for: nothing yet, a ticket created with the same body, or another body. */
export type IdempotencyCheck =
  | { readonly state: 'new' }
  | { readonly state: 'completed'; readonly ticketId: string }
  | { readonly state: 'mismatch' };

/** A new ticket recorded, or the key it came with was taken meanwhile by a concurrent submission. */
export type CreateOutcome =
  | { readonly state: 'created'; readonly ticket: Ticket }
  | { readonly state: 'form-token-used' }
  | Exclude<IdempotencyCheck, { readonly state: 'new' }>;

export interface NewTicket {
  readonly draft: TicketDraft;
  /** Radicado prefix and the Bogotá year of receipt: the register the consecutive number comes from. */
  readonly register: { readonly prefix: string; readonly year: number };
  readonly history: HistoryEntry;
  readonly notifications: readonly PlannedNotification[];
  readonly idempotency?: IdempotencyRequest;
  /** The web-form serving token the ticket came with: recorded as used in the same transaction (single use). */
  readonly formToken?: { readonly id: string; readonly expiresAt: Instant };
}

export interface TicketRepository {
  /** What an earlier submission with this key became, if any (a read: nothing is locked). */
  checkIdempotencyKey(request: IdempotencyRequest, at: Instant): Promise<IdempotencyCheck>;
  /**
   * Records a ticket atomically: the next radicado of its register (gap-free), the ticket, its first history
   * entry, its planned notifications and the idempotency record, or nothing at all. When a concurrent submission
   * took the key first, nothing is written and the outcome says what the key stands for.
   */
  create(ticket: NewTicket): Promise<CreateOutcome>;
  get(id: string): Promise<TicketRecord | undefined>;
  /** A requester's open tickets (of the given products), newest first. */
  listOpenByRequester(email: string, products: readonly string[]): Promise<readonly Ticket[]>;
  /** Every ticket that still holds the requester's data, open or closed, with its history, newest first. */
  listByRequester(email: string, products: readonly string[]): Promise<readonly TicketRecord[]>;
  /** Open tickets of a product whose next deadline is at or before `at`, earliest first. */
  listDue(product: string, at: Instant, limit?: number): Promise<readonly Ticket[]>;
  appendHistory(ticketId: string, entry: HistoryEntry): Promise<void>;
  /**
   * Applies a lifecycle transition atomically (the ticket, its history entries, its new notifications, and the use
   * of a single-use link), on the condition that the ticket is still at `expectedVersion`: `stale` when another
   * writer got there first, `link-used` when the link was used already. Nothing is written unless `applied`.
   */
  /** Whether a single-use link (by its nonce) was used already. */
  linkUsed(nonce: string): Promise<boolean>;
  applyTransition(
    transition: Transition,
    expectedVersion: number,
    linkUse?: { readonly id: string; readonly expiresAt: Instant },
  ): Promise<'applied' | 'stale' | 'link-used'>;
  /** Flags the requester's address as bouncing, with the history entry that says so. */
  flagRequesterBounce(ticketId: string, entry: HistoryEntry): Promise<void>;
  /** Closed tickets of a product, not erased yet, that closed at or before `before`, earliest first. */
  listClosedBefore(product: string, before: Instant, limit?: number): Promise<readonly string[]>;
  /**
   * Erases a closed ticket's personal data (the requester's, and every text people wrote), keeping the anonymised
   * ticket, with `entry` in its history; atomically. False when it is not closed or was erased already.
   */
  erasePersonalData(ticketId: string, entry: HistoryEntry): Promise<boolean>;
}

/**
 * A failed attempt as recorded: retried from `nextAttemptAt` (parked when null). `setupWait`: a setup error of the
 * mail service, counted apart (`setupWaits`) so that it never uses up the attempts that park a notification.
 */
export interface Failure {
  readonly at: Instant;
  readonly error: string;
  readonly nextAttemptAt: Instant | null;
  readonly setupWait?: boolean;
}

export interface NotificationOutbox {
  /**
   * Takes a notification for one attempt, first or retry (a lease): one pending and due, or one whose sender's lease
   * ran out. Undefined when it is sent, parked, withheld, taken or not yet due (see domain/notify/deliver.ts).
   */
  claim(ticketId: string, id: string, at: Instant): Promise<NotificationRecord | undefined>;
  /**
   * Records a delivery and its audit line; `derivable` says the line follows from the ticket alone (see
   * `deliveryFollowsFromTicket`), so a repository may derive it when read instead of storing it.
   */
  markSent(
    ticketId: string,
    id: string,
    at: Instant,
    messageId: string,
    entry: HistoryEntry,
    derivable?: boolean,
  ): Promise<void>;
  /** Records a failed attempt: retried from `nextAttemptAt`, or parked (with a history entry) when null. */
  markFailed(ticketId: string, id: string, failure: Failure, entry?: HistoryEntry): Promise<void>;
  /** Records an acknowledgement as withheld (never sent, never retried), with its history entry. */
  markWithheld(ticketId: string, id: string, entry: HistoryEntry): Promise<void>;
  /** Notifications due at `at` by the retry index: pending and due, or held by a lease that ran out. */
  listDueNotifications(
    at: Instant,
    limit?: number,
  ): Promise<readonly { readonly ticketId: string; readonly id: string }[]>;
}

/** Each address's hourly share of acknowledgements (see domain/notify/ack-limit.ts). */
export interface AcknowledgementQuota {
  /**
   * Counts one acknowledgement (`claim`, the ticket and notification, so a retry is not counted twice) against the
   * address's share for a Bogotá clock hour; false when the share is used up.
   */
  reserveAcknowledgement(email: string, hour: string, claim: string, limit: number): Promise<boolean>;
}

export interface MailMessage extends Envelope {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Low-cardinality labels for the mail service (e.g. SES message tags), never personal data. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Threading: the id (as this Mailer's `send` returned it) of the mail this one answers, and those of its
   * conversation, oldest first; the mailer writes them as In-Reply-To and References in its service's form.
   */
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

/**
 * How a delivery failed: `temporary` (throttling, an outage: retried with backoff), `configuration` (the account or
 * identity is not set up to send: unverified sender, sandbox recipient, sending paused; retried with backoff and
 * alarmed, never parked, since fixing the setup lets every waiting mail go), `permanent` (the service refused this
 * message for this recipient: parked), or `defect` (raised on our side before anything left, e.g. a message that
 * cannot be encoded: parked at once and alarmed, since retrying cannot help).
 */
export type DeliveryFailure = 'temporary' | 'configuration' | 'permanent' | 'defect';

/** Raised by a Mailer or a Pager. */
export class DeliveryError extends Error {
  constructor(
    readonly reason: string,
    readonly kind: DeliveryFailure,
  ) {
    super(reason);
    this.name = 'DeliveryError';
  }

  /** Whether another attempt cannot help. */
  get permanent(): boolean {
    return this.kind === 'permanent' || this.kind === 'defect';
  }
}

export interface Mailer {
  send(message: MailMessage): Promise<{ readonly messageId: string }>;
}

/** An alert for on-call staff (SMS, e-mail or a paging service): short, and without personal data. */
export interface PageMessage {
  /** ASCII, under 100 characters (SNS subject rules). */
  readonly subject: string;
  readonly text: string;
}

export interface Pager {
  page(message: PageMessage): Promise<{ readonly messageId: string }>;
}

/** Renders what a notification says (language, layout, escaping). */
export interface MailComposer {
  compose(
    notification: { readonly kind: Exclude<NotificationKind, 'page'> } & Pick<
      NotificationRecord,
      'level' | 'businessDaysLeft'
    >,
    record: TicketRecord,
    envelope: Envelope,
  ): MailMessage;
  /** An on-call page: a P1-line route at intake, or an escalation to level 3 (`notification.level`). */
  page(record: TicketRecord, notification?: Pick<NotificationRecord, 'level'>): PageMessage;
  /** The status links of a requester's open tickets, to the address that asked. */
  lookup(request: LookupRequest, tickets: readonly Ticket[]): MailMessage;
  /** A copy of the requester's tickets as held (the right to know), to the address that asked. */
  export(request: LookupRequest, records: readonly TicketRecord[]): MailMessage;
  /** A staff console sign-in link (`link`, single use, minutes long), to the directory address that asked. */
  signIn(request: LookupRequest, link: string): MailMessage;
}

/**
 * Requests for lost status links, rate-limited per address, delivered apart from the request through the same
 * claim, retry and park policy as ticket notifications (domain/notify/deliver.ts).
 */
export interface LookupQueue {
  enqueueLookup(request: {
    readonly email: string;
    readonly locale: Locale;
    readonly kind: LookupRequest['kind'];
    readonly at: Instant;
  }): Promise<'queued' | 'rate-limited'>;
  /**
   * Takes a request for delivery (a lease): one waiting and due, or one whose sender died holding it. Undefined when
   * it is done, parked, taken or not yet due. A taken request is found again by `listDueLookups` when its lease ends.
   */
  claimLookup(id: string, at: Instant): Promise<LookupRequest | undefined>;
  completeLookup(id: string, at: Instant, outcome: 'sent' | 'nothing-to-send'): Promise<void>;
  /** Records a failed attempt: retried from `nextAttemptAt`, or parked (the request keeps the error) when null. */
  failLookup(id: string, failure: Failure): Promise<void>;
  /** Requests whose retry, or whose holder's lease, is due at `at`. */
  listDueLookups(at: Instant, limit?: number): Promise<readonly string[]>;
}

/** Keys of trusted integrations (an ERP, a partner portal) that submit without the web form: named, revocable. */
export interface ApiKeys {
  /** Whether `key` is a key in force (not unknown, not revoked). */
  verify(key: string): Promise<boolean>;
}

/**
 * Tokens the web form is served with, attesting when it was served: a submission that returns one sooner than a
 * person could fill the form is a bot's.
 */
export interface FormTokens {
  issue(at: Instant): string;
  check(token: string, at: Instant): 'ok' | 'invalid' | 'too-fast' | 'expired';
  /** A well-signed token's unique id and when it expires (a ticket records its use: one ticket per served form). */
  use(token: string): { readonly id: string; readonly expiresAt: Instant } | undefined;
}

/**
 * What staff act on from their mail: acknowledge, resolve, extend a legal term (prórroga), ask the requester to
 * complete the request (Ley 1755 art. 17), confirm a supresión a habeas-data reclamo asks for (Ley 1581 art. 15).
 */
export const STAFF_ACTIONS = ['acknowledge', 'resolve', 'extend', 'request-info', 'erase'] as const;

/** What a signed link in a staff e-mail lets its holder do, once, until it expires. */
export interface ActionClaims {
  readonly ticketId: string;
  readonly action: (typeof STAFF_ACTIONS)[number];
  /** The level the mail was sent to, and the address it went to: who acted, in the audit trail. */
  readonly level: EscalationLevel;
  readonly to: string;
  readonly expiresAt: Instant;
  /** Unique per link: a used link is recorded under it and refused the second time. */
  readonly nonce: string;
}

export interface ActionLinks {
  issue(claims: Omit<ActionClaims, 'nonce'>): string;
  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: ActionClaims } | { ok: false; reason: 'invalid' | 'expired' };
}

/** Access tokens for a ticket's status URL: at least 128 bits, never stored in clear. */
export interface AccessTokens {
  issue(ticketId: string): string;
  verify(ticketId: string, token: string): boolean;
}

/** Who a reply address belongs to: `s` the staff handling the ticket, `r` its requester. */
export type ReplyParty = 's' | 'r';

/**
 * The signed addresses replies come back to (`<radicado>.<party>.<signature>@<receiving domain>`): every mail the
 * router sends carries one as Reply-To, and a message to any other address of the domain is refused.
 */
export interface ReplyAddresses {
  addressFor(ticketId: string, party: ReplyParty): string;
  /** The ticket and party of a well-signed address of the receiving domain (any case); undefined otherwise. */
  parse(address: string): { readonly ticketId: string; readonly party: ReplyParty } | undefined;
}

/** Where received raw messages are kept until they are processed: S3 in AWS, s3rver in the twin. */
export interface RawMailStore {
  get(key: string): Promise<Uint8Array>;
  /** Removes a processed message: what the ticket needs of it is recorded on the ticket. */
  delete(key: string): Promise<void>;
}

/** A ticket as the staff indexes list it (the queue index, the PQRSA report index): no read of the ticket itself. */
export interface QueueEntry {
  readonly id: string;
  readonly status: TicketStatus;
  readonly escalationLevel: EscalationLevel;
  /** The next deadline the sweeper watches; null when nothing is left to watch (or once closed). */
  readonly dueAt: Instant | null;
  readonly summary: TicketSummary;
}

/** What the staff console reads through indexes only: never a table scan. */
export interface StaffQueries {
  /**
   * Open tickets of a product queue, by next deadline (earliest first; those with nothing left to watch last), at
   * most `limit` (the queue page's cap).
   */
  listQueue(ref: QueueRef, limit?: number): Promise<readonly QueueEntry[]>;
  /** Every PQRSA received in a Bogotá month (`YYYY-MM`), open or closed, erased or not: the report's facts. */
  listPqrsaOfMonth(month: string): Promise<readonly QueueEntry[]>;
}

/** A signed-in staff session, as the server keeps it (the cookie holds only an opaque token). */
export interface StaffSession {
  /** The directory address that signed in (lower case): a person, or a role mailbox. */
  readonly email: string;
  /** The session's CSRF token: every state-changing form carries it. */
  readonly csrf: string;
  readonly startedAt: Instant;
  readonly lastSeenAt: Instant;
}

/**
 * Staff sessions (domain/staff/sign-in.ts holds the timeouts). The console checks every request through `check`
 * only: a Cognito user pool federated with the company's identity provider can replace this port.
 */
export interface StaffSessions {
  /**
   * Starts a session for the holder of a sign-in link, recording the link's use (single use) in the same write;
   * `link-used` when it was used already.
   */
  start(
    email: string,
    at: Instant,
    linkUse: { readonly id: string; readonly expiresAt: Instant },
  ): Promise<{ readonly token: string; readonly session: StaffSession } | 'link-used'>;
  /** The session a cookie's token stands for; undefined when unknown, ended, idle too long or too old. */
  check(token: string, at: Instant): Promise<StaffSession | undefined>;
  end(token: string): Promise<void>;
}

/** What a sign-in link lets its holder do, once, until it expires: start a session as `email`. */
export interface SignInClaims {
  readonly email: string;
  readonly expiresAt: Instant;
  readonly nonce: string;
}

export interface SignInLinks {
  issue(email: string, expiresAt: Instant): string;
  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: SignInClaims } | { ok: false; reason: 'invalid' | 'expired' };
}
