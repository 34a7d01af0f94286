// A ticket's items in the table, in plain DynamoDB types (readable with GetItem, the console, PartiQL, an S3 export):
//   <number>        the ticket's changing state: status, level, deadlines, version, outbox (small: cheap updates)
//   <number>#BODY   what never changes: the request, the requester, consent, the routing decision, receipt
//   <number>#H#…    one audit entry each
// Every item is checked on read: a malformed one fails loudly here, naming the attribute, not deep in a handler.
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { DESTINATIONS, ESCALATION_LEVELS, PRIORITIES, QUEUES } from '#domain/catalog.js';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationRecord,
  type PlannedNotification,
} from '#domain/notifications.js';
import { summaryOf } from '#domain/staff/summary.js';
import { HISTORY_EVENTS, type HistoryEntry, TICKET_STATUSES, type Ticket } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { keys, NOTHING_DUE, TABLE } from '../table.js';
import { monthIndexKeys, summaryItem } from './summary-item.js';
import type { Item, TableClient, TransactItem } from './table-client.js';

const instant = z.number();
const level = z.union(ESCALATION_LEVELS.map((l) => z.literal(l)));
const strings = z.array(z.string());

const historyEntry = z.object({
  at: instant,
  event: z.enum(HISTORY_EVENTS),
  by: z.string(),
  note: z.optional(z.string()),
  attachments: z.optional(
    z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.string(),
        size: z.number(),
        key: z.string(),
        source: z.enum(['upload', 'mail']),
      }),
    ),
  ),
});

const routing = z.object({
  product: z.string(),
  type: z.string(),
  priority: z.enum(PRIORITIES),
  receivedAt: instant,
  queue: z.enum(QUEUES),
  destination: z.enum(DESTINATIONS),
  mailbox: z.string(),
  escalationLevel: level,
  escalation: z.object({
    level,
    name: z.string(),
    emails: strings,
    phones: z.array(
      z.object({
        display: z.string(),
        tel: z.string(),
        options: z.optional(strings),
        ext: z.optional(strings),
      }),
    ),
  }),
  openNow: z.boolean(),
  nextOpenAt: z.nullable(instant),
  contactNow: z.object({
    channel: z.enum(['p1-line', 'phone', 'email', 'chat']),
    value: z.string(),
    tel: z.optional(z.string()),
    options: z.optional(strings),
  }),
  firstResponseDueAt: instant,
  resolutionDueAt: instant,
  legalDueAt: z.nullable(instant),
  reasons: strings,
});

/** What never changes once a ticket is recorded: its body item's fields (with `received`, its first history entry). */
const BODY_FIELDS = [
  'product',
  'type',
  'priority',
  'queue',
  'subject',
  'description',
  'requester',
  'consent',
  'locale',
  'receivedAt',
  'routing',
] as const satisfies readonly (keyof Ticket)[];

const bodyItem = z.object({
  product: z.string(),
  type: z.string(),
  priority: z.enum(PRIORITIES),
  queue: z.enum(QUEUES),
  subject: z.string(),
  description: z.string(),
  requester: z.object({
    name: z.string(),
    email: z.string(),
    phone: z.optional(z.string()),
    documentId: z.optional(z.string()),
  }),
  // The notice fields are absent on tickets recorded before they were (see Consent in domain/ticket.ts).
  consent: z.object({
    accepted: z.literal(true),
    policyVersion: z.string(),
    acceptedAt: instant,
    policyUrl: z.optional(z.string()),
    noticeHash: z.optional(z.string()),
    noticeLocale: z.optional(z.enum(['es', 'en'])),
    channel: z.optional(z.enum(['web-form', 'api'])),
  }),
  locale: z.enum(['es', 'en']),
  receivedAt: instant,
  routing,
  received: historyEntry,
  erasedAt: z.optional(instant),
});

const outboxEntry = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  level: z.optional(level),
  businessDaysLeft: z.optional(z.number()),
  messageAt: z.optional(instant),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number(),
  setupWaits: z.optional(z.number()),
  nextAttemptAt: z.optional(z.nullable(instant)),
  leaseUntil: z.optional(instant),
  lastError: z.optional(z.string()),
  sentAt: z.optional(instant),
  messageId: z.optional(z.string()),
  note: z.optional(z.string()),
});
export type OutboxEntry = Compact<z.infer<typeof outboxEntry>>;

const stateItem = z.object({
  status: z.enum(TICKET_STATUSES),
  escalationLevel: level,
  dueAt: z.nullable(instant),
  watch: z.object({
    responseDueAt: z.nullable(instant),
    resolutionDueAt: z.nullable(instant),
    reminders: z.array(z.object({ at: instant, businessDaysBefore: z.number() })),
    requesterDueAt: z.optional(instant),
  }),
  requesterEscalations: z.optional(z.array(level)),
  version: z.number(),
  acknowledgedAt: z.optional(instant),
  resolvedAt: z.optional(instant),
  answeredAt: z.optional(instant),
  extension: z.optional(z.object({ at: instant, previousDueAt: instant, dueAt: instant })),
  infoRequest: z.optional(
    z.object({
      at: instant,
      businessDaysLeft: z.number(),
      answerDueAt: instant,
      moreTimeAt: z.optional(instant),
      answeredAt: z.optional(instant),
      resumedDueAt: z.optional(instant),
    }),
  ),
  closedAs: z.optional(z.literal('withdrawn')),
  requesterEmailBounced: z.optional(z.boolean()),
  erasedAt: z.optional(instant),
  // Absent on state items written before the staff console (they are summarised from the ticket when listed).
  summary: z.optional(summaryItem),
  outbox: z.record(z.string(), outboxEntry),
});
export type StateItem = Compact<z.infer<typeof stateItem>>;

/** Optional attributes as the domain types them: absent, never present as undefined. */
type Compact<T> = T extends readonly (infer U)[]
  ? Compact<U>[]
  : T extends object
    ? { [K in keyof T]: Compact<Exclude<T[K], undefined>> }
    : T;

/** Parses an item with its schema; a malformed item is a defect, named by its keys and the attribute at fault. */
export function parse<T extends object>(schema: z.ZodMiniType<T>, item: Item, what: string): Compact<T> {
  const result = schema.safeParse(item);
  if (result.success) return result.data as Compact<T>;
  const issue = result.error.issues[0];
  throw new Error(`malformed ${what} item ${item.pk}/${item.sk}: ${issue?.path.join('.')} ${issue?.message}`);
}

export const bodyKey = (ticketId: string) => {
  const { pk, sk } = keys.ticket(ticketId);
  return { pk, sk: `${sk}#BODY` };
};

/**
 * Every item of a ticket, in one consistent Query: the state item, its body (`<number>#BODY`) and its history entries
 * (`<number>#H#…`), which sort right after it in its register partition.
 */
export function ticketItems(table: TableClient, ticketId: string): Promise<Item[]> {
  const { pk, sk } = keys.ticket(ticketId);
  return table.queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :ticket AND :last',
    ExpressionAttributeValues: { ':pk': pk, ':ticket': sk, ':last': `${sk}#~` },
    ConsistentRead: true,
  });
}

export function isBodyItem(item: Item): boolean {
  return String(item.sk).endsWith('#BODY');
}

export function isHistoryItem(item: Item): boolean {
  return String(item.sk).includes('#H#');
}

/**
 * The byDueTime keys of a ticket: an open one under DUE#<product>#<queue> by its next deadline (NOTHING_DUE when none
 * is left),
 * a closed one under CLOSED#<product> by when it closed, until its personal data is erased (then none).
 */
export function dueIndexKeys(ticket: Ticket): Item | undefined {
  if (ticket.erasedAt !== undefined) return undefined;
  const [partition, at] =
    ticket.status === 'resolved'
      ? [keys.closedPartition(ticket.product), ticket.resolvedAt ?? ticket.receivedAt]
      : [keys.duePartition(ticket.product, ticket.queue), ticket.dueAt ?? NOTHING_DUE];
  return { [TABLE.byDueTime.partitionKey]: partition, [TABLE.byDueTime.sortKey]: at };
}

/**
 * The changing fields of a ticket, as the state item keeps them (undefined: absent), with the summary the staff
 * indexes project: every write of the state rewrites it, so it never lags the ticket.
 */
export function stateFields(ticket: Ticket): Record<string, unknown> {
  return {
    status: ticket.status,
    escalationLevel: ticket.escalationLevel,
    watch: ticket.watch,
    dueAt: ticket.dueAt,
    requesterEscalations: ticket.requesterEscalations,
    version: ticket.version,
    acknowledgedAt: ticket.acknowledgedAt,
    resolvedAt: ticket.resolvedAt,
    answeredAt: ticket.answeredAt,
    extension: ticket.extension,
    infoRequest: ticket.infoRequest,
    closedAs: ticket.closedAs,
    summary: summaryOf(ticket),
  };
}

/**
 * A new ticket's two items. The state item is in the retry index from the start (due at receipt), since its
 * notifications are undelivered until sent; `rh` (the keyed hash of the requester's address, requester-hash.ts)
 * lets the due index find a requester's tickets. A PQRSA enters the month index, for good.
 */
export function newTicketItems(
  ticket: Ticket,
  received: HistoryEntry,
  notifications: readonly PlannedNotification[],
  requesterHash: string,
): { readonly state: Item; readonly body: Item } {
  const { receivedAt } = ticket;
  const state = Object.fromEntries(Object.entries(stateFields(ticket)).filter(([, v]) => v !== undefined));
  return {
    state: {
      ...keys.ticket(ticket.id),
      entity: 'ticket',
      ...state,
      outbox: Object.fromEntries(notifications.map((n) => [n.id, newOutboxEntry(n, receivedAt)])),
      rh: requesterHash,
      ...dueIndexKeys(ticket),
      ...monthIndexKeys(ticket),
      ...(notifications.length > 0 ? retryIndexKeys(receivedAt) : {}),
    },
    body: {
      ...bodyKey(ticket.id),
      entity: 'ticket-body',
      ...Object.fromEntries(BODY_FIELDS.map((field) => [field, ticket[field]])),
      received,
    },
  };
}

/**
 * The items of a ticket as a benchmark seeds many at once (BatchWriteItem, no transaction): recorded as received,
 * with nothing to deliver (so out of the retry index), in the due index and, for a PQRSA, the month index.
 */
export function seedItemsFor(
  ticket: Ticket,
  requesterHash: string,
): { readonly state: Item; readonly body: Item } {
  const received: HistoryEntry = {
    at: ticket.receivedAt,
    event: 'received',
    by: 'requester',
    note: 'Solicitud recibida y radicada.',
  };
  return newTicketItems(ticket, received, [], requesterHash);
}

/** The byRetry keys: the ticket (or lookup) is followed up by the redrive at `at`. */
export function retryIndexKeys(at: Instant, partition: string = keys.retryPartition): Item {
  return { [TABLE.byRetry.partitionKey]: partition, [TABLE.byRetry.sortKey]: at };
}

export function newOutboxEntry(planned: PlannedNotification, at: Instant): OutboxEntry {
  return {
    kind: planned.kind,
    ...(planned.level === undefined ? {} : { level: planned.level }),
    ...(planned.businessDaysLeft === undefined ? {} : { businessDaysLeft: planned.businessDaysLeft }),
    ...(planned.messageAt === undefined ? {} : { messageAt: planned.messageAt }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
  };
}

/** A ticket from its state and body items, with its first history entry and its outbox. */
export function ticketFrom(
  stateItemRaw: Item,
  bodyItemRaw: Item,
  id: string,
): { ticket: Ticket; received: HistoryEntry; state: StateItem } {
  const state = parse(stateItem, stateItemRaw, 'ticket');
  const { received, ...body } = parse(bodyItem, bodyItemRaw, 'ticket body');
  const { outbox: _, summary: __, requesterEscalations, ...changing } = state;
  return {
    ticket: { id, ...body, ...changing, requesterEscalations: requesterEscalations ?? [] },
    received,
    state,
  };
}

/** The tickets with these ids (state and body items read in batches), in that order; missing ones left out. */
export async function ticketsWithIds(table: TableClient, ids: readonly string[]): Promise<Ticket[]> {
  const items = await table.itemsAt(ids.flatMap((id) => [keys.ticket(id), bodyKey(id)]));
  const byKey = new Map(items.map((item) => [`${item.pk}/${item.sk}`, item]));
  const at = ({ pk, sk }: { pk: string; sk: string }) => byKey.get(`${pk}/${sk}`);
  return ids.flatMap((id) => {
    const state = at(keys.ticket(id));
    const body = at(bodyKey(id));
    return state && body ? [ticketFrom(state, body, id).ticket] : [];
  });
}

/** The outbox entries of a state item (checked), by notification id. */
export function outboxOf(item: Item): Record<string, OutboxEntry> {
  return parse(z.object({ outbox: z.record(z.string(), outboxEntry) }), item, 'ticket').outbox;
}

export function toNotification(ticketId: string, id: string, entry: OutboxEntry): NotificationRecord {
  const { note: _, leaseUntil: __, nextAttemptAt, ...record } = entry;
  return { ticketId, id, ...record, nextAttemptAt: nextAttemptAt ?? null };
}

export function historyItem(ticketId: string, entry: HistoryEntry): Item {
  return {
    ...keys.history(ticketId, entry.at, `${entry.event}#${randomBytes(3).toString('hex')}`),
    entity: 'history',
    ...entry,
  };
}

/** Writes of one transaction followed by the audit line that records them. */
export function withAuditLine(
  table: TableClient,
  ticketId: string,
  entry: HistoryEntry,
  writes: readonly TransactItem[],
): TransactItem[] {
  return [...writes, table.putItem(historyItem(ticketId, entry))];
}

export function historyFrom(item: Item): HistoryEntry {
  const { at, event, by, note, attachments } = parse(historyEntry, item, 'history');
  return {
    at,
    event,
    by,
    ...(note === undefined ? {} : { note }),
    ...(attachments === undefined ? {} : { attachments }),
  };
}
