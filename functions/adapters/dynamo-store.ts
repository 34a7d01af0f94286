// The DynamoDB adapter of the TicketRepository, NotificationOutbox, LookupQueue, AcknowledgementQuota and StaffQueries
// ports, over the single table (table.ts; docs/records.md). Its parts, one responsibility each, live in ./dynamo/: the
// radicado register, tickets and transitions, the outbox, lost-link lookups, the acknowledgement quota, erasure after
// the retention period, the staff console's index reads, and the item mapping they share (checked on read).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Transition } from '#domain/escalation/policy.js';
import type { QueueRef } from '#domain/inbound/directory.js';
import type { LookupKind, LookupRequest } from '#domain/intake/lookup.js';
import type { NotificationRecord } from '#domain/notifications.js';
import type {
  AcknowledgementQuota,
  CreateOutcome,
  Failure,
  IdempotencyCheck,
  IdempotencyRequest,
  LookupQueue,
  NewTicket,
  NotificationOutbox,
  QueueEntry,
  StaffQueries,
  TicketRepository,
} from '#domain/ports.js';
import type { HistoryEntry, Locale, Ticket, TicketRecord } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { AckQuota } from './dynamo/ack-quota.js';
import { Erasure } from './dynamo/erasure.js';
import { Lookups } from './dynamo/lookups.js';
import { Outbox } from './dynamo/outbox.js';
import { Register } from './dynamo/register.js';
import { StaffIndexes } from './dynamo/staff-queries.js';
import { TableClient, type TableOptions } from './dynamo/table-client.js';
import { Tickets } from './dynamo/tickets.js';
import type { RequesterHash } from './requester-hash.js';

export interface StoreOptions extends TableOptions {
  /** Attempts at the radicado register (or a transition) under contention before answering 503. */
  readonly maxAttempts?: number;
}

export class DynamoStore
  implements TicketRepository, NotificationOutbox, LookupQueue, AcknowledgementQuota, StaffQueries
{
  private readonly table: TableClient;
  private readonly register: Register;
  private readonly tickets: Tickets;
  private readonly outbox: Outbox;
  private readonly lookups: Lookups;
  private readonly quota: AckQuota;
  private readonly erasure: Erasure;
  private readonly staff: StaffIndexes;

  /**
   * `requesterHash` keys every stored hash of an address (a ticket's `rh`, the rate windows); it must be the same in
   * every function over the table, or a requester's tickets are not found.
   */
  constructor(
    db: DynamoDBDocumentClient,
    table: string,
    requesterHash: RequesterHash,
    options: StoreOptions = {},
  ) {
    this.table = new TableClient(db, table, options);
    this.register = new Register(this.table, requesterHash, options.maxAttempts);
    this.tickets = new Tickets(this.table, requesterHash, options.maxAttempts);
    this.outbox = new Outbox(this.table);
    this.lookups = new Lookups(this.table, requesterHash);
    this.quota = new AckQuota(this.table, requesterHash);
    this.erasure = new Erasure(this.table);
    this.staff = new StaffIndexes(this.table);
  }

  /** The document client, for adapters of other ports on the same table (one connection pool per process). */
  get client(): DynamoDBDocumentClient {
    return this.table.db;
  }

  checkIdempotencyKey(request: IdempotencyRequest, at: Instant): Promise<IdempotencyCheck> {
    return this.register.checkIdempotencyKey(request, at);
  }
  create(ticket: NewTicket): Promise<CreateOutcome> {
    return this.register.create(ticket);
  }

  get(id: string): Promise<TicketRecord | undefined> {
    return this.tickets.get(id);
  }
  listOpenByRequester(email: string, products: readonly string[]): Promise<readonly Ticket[]> {
    return this.tickets.listOpenByRequester(email, products);
  }
  listByRequester(email: string, products: readonly string[]): Promise<readonly TicketRecord[]> {
    return this.tickets.listByRequester(email, products);
  }
  listDue(product: string, at: Instant, limit?: number): Promise<readonly Ticket[]> {
    return this.tickets.listDue(product, at, limit);
  }
  appendHistory(ticketId: string, entry: HistoryEntry): Promise<void> {
    return this.tickets.appendHistory(ticketId, entry);
  }
  linkUsed(nonce: string): Promise<boolean> {
    return this.tickets.linkUsed(nonce);
  }
  applyTransition(
    transition: Transition,
    expectedVersion: number,
    linkUse?: { readonly id: string; readonly expiresAt: Instant },
  ): Promise<'applied' | 'stale' | 'link-used'> {
    return this.tickets.applyTransition(transition, expectedVersion, linkUse);
  }
  flagRequesterBounce(ticketId: string, entry: HistoryEntry): Promise<void> {
    return this.tickets.flagRequesterBounce(ticketId, entry);
  }
  listClosedBefore(product: string, before: Instant, limit?: number): Promise<readonly string[]> {
    return this.erasure.listClosedBefore(product, before, limit);
  }
  erasePersonalData(ticketId: string, entry: HistoryEntry): Promise<boolean> {
    return this.erasure.erasePersonalData(ticketId, entry);
  }
  listQueue(ref: QueueRef, limit?: number): Promise<readonly QueueEntry[]> {
    return this.staff.listQueue(ref, limit);
  }
  listPqrsaOfMonth(month: string): Promise<readonly QueueEntry[]> {
    return this.staff.listPqrsaOfMonth(month);
  }
  /** Every notification of a ticket (staff tooling and tests). */
  async notificationsOf(ticketId: string): Promise<readonly NotificationRecord[]> {
    return (await this.tickets.get(ticketId))?.notifications ?? [];
  }

  claim(ticketId: string, id: string, at: Instant): Promise<NotificationRecord | undefined> {
    return this.outbox.claim(ticketId, id, at);
  }
  markSent(
    ticketId: string,
    id: string,
    at: Instant,
    messageId: string,
    entry: HistoryEntry,
    derivable?: boolean,
  ): Promise<void> {
    return this.outbox.markSent(ticketId, id, at, messageId, entry, derivable);
  }
  markFailed(ticketId: string, id: string, failure: Failure, entry?: HistoryEntry): Promise<void> {
    return this.outbox.markFailed(ticketId, id, failure, entry);
  }
  markWithheld(ticketId: string, id: string, entry: HistoryEntry): Promise<void> {
    return this.outbox.markWithheld(ticketId, id, entry);
  }
  reserveAcknowledgement(email: string, hour: string, claim: string, limit: number): Promise<boolean> {
    return this.quota.reserveAcknowledgement(email, hour, claim, limit);
  }
  listDueNotifications(at: Instant, limit?: number): Promise<readonly { ticketId: string; id: string }[]> {
    return this.outbox.listDueNotifications(at, limit);
  }

  enqueueLookup(request: {
    email: string;
    locale: Locale;
    kind: LookupKind;
    at: Instant;
  }): Promise<'queued' | 'rate-limited'> {
    return this.lookups.enqueueLookup(request);
  }
  claimLookup(id: string, at: Instant): Promise<LookupRequest | undefined> {
    return this.lookups.claimLookup(id, at);
  }
  completeLookup(id: string, at: Instant, outcome: 'sent' | 'nothing-to-send'): Promise<void> {
    return this.lookups.completeLookup(id, at, outcome);
  }
  failLookup(id: string, failure: Failure): Promise<void> {
    return this.lookups.failLookup(id, failure);
  }
  listDueLookups(at: Instant, limit?: number): Promise<readonly string[]> {
    return this.lookups.listDueLookups(at, limit);
  }
}
