// Reading tickets (with their history and outbox) and applying transitions to them, conditional on their version.
import type { Transition } from '#domain/escalation/policy.js';
import { envelopeFor, type NotificationRecord } from '#domain/notifications.js';
import { deliveredEntry } from '#domain/notify/audit.js';
import { parseRadicado } from '#domain/radicado.js';
import type { HistoryEntry, Ticket, TicketRecord } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { normalEmail, type RequesterHash } from '../requester-hash.js';
import { idOf, keys, linkUseItem, TABLE } from '../table.js';
import {
  dueIndexKeys,
  historyFrom,
  historyItem,
  isBodyItem,
  isHistoryItem,
  newOutboxEntry,
  type OutboxEntry,
  stateFields,
  ticketFrom,
  ticketItems,
  ticketsWithIds,
  toNotification,
  withAuditLine,
} from './items.js';
import { cancellationCodes, type Item, type Key, type TableClient, Update } from './table-client.js';

export class Tickets {
  constructor(
    private readonly table: TableClient,
    /** How `rh` was computed from the requester's address (the filter that finds their tickets). */
    private readonly requesterHash: RequesterHash,
    /** Attempts at a transition that conflicts with another writer's transaction. */
    private readonly maxAttempts = 60,
  ) {}

  async get(id: string): Promise<TicketRecord | undefined> {
    if (!parseRadicado(id)) return undefined;
    const { sk } = keys.ticket(id);
    const items = await ticketItems(this.table, id);
    const stateItem = items.find((i) => i.sk === sk);
    const bodyItem = items.find(isBodyItem);
    if (!stateItem || !bodyItem) return undefined;
    const { ticket, received, state } = ticketFrom(stateItem, bodyItem, id);
    const notifications = notificationsOf(id, state.outbox);
    const history = [
      received,
      ...items.filter(isHistoryItem).map(historyFrom),
      ...notifications.flatMap((n) => deliveryHistory(n, ticket, state.outbox[n.id])),
    ].sort((a, b) => a.at - b.at);
    return { ticket, history, notifications };
  }

  /**
   * Through the due index, which holds every open ticket with its requester's hashed address: a filtered query per
   * product queue, so its reads grow with the open tickets (lookups are few: three an hour per address at most).
   */
  async listOpenByRequester(email: string, products: readonly string[]): Promise<readonly Ticket[]> {
    const found = await this.byRequester(email, products.flatMap(keys.duePartitions));
    return (await this.ticketsAt(found))
      .filter((t) => t.status !== 'resolved' && normalEmail(t.requester.email) === normalEmail(email))
      .sort((a, b) => b.receivedAt - a.receivedAt);
  }

  /** Open tickets and closed ones not erased yet (the CLOSED partitions keep `rh` until the erasure). */
  async listByRequester(email: string, products: readonly string[]): Promise<readonly TicketRecord[]> {
    const partitions = products.flatMap((p) => [...keys.duePartitions(p), keys.closedPartition(p)]);
    const records: TicketRecord[] = [];
    for (const found of await this.byRequester(email, partitions)) {
      const record = await this.get(idOf(found));
      if (record && normalEmail(record.ticket.requester.email) === normalEmail(email)) records.push(record);
    }
    return records.sort((a, b) => b.ticket.receivedAt - a.ticket.receivedAt);
  }

  /** The keys of the tickets in these byDueTime partitions whose requester hash is the address's (a filter only). */
  private async byRequester(email: string, partitions: readonly string[]): Promise<Item[]> {
    const found: Item[] = [];
    for (const partition of partitions) {
      found.push(
        ...(await this.table.queryAll({
          IndexName: TABLE.byDueTime.name,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: 'rh = :rh',
          ExpressionAttributeNames: { '#pk': TABLE.byDueTime.partitionKey },
          ExpressionAttributeValues: { ':pk': partition, ':rh': this.requesterHash(email) },
          ProjectionExpression: 'pk, sk',
        })),
      );
    }
    return found;
  }

  /** A product's tickets due by `at`, earliest first: the first `limit` of each queue's partition, merged. */
  async listDue(product: string, at: Instant, limit = 100): Promise<readonly Ticket[]> {
    const due: Item[] = [];
    for (const partition of keys.duePartitions(product))
      due.push(...(await this.table.queryIndex(TABLE.byDueTime, partition, at, limit)));
    const dueAt = (item: Item) => Number(item[TABLE.byDueTime.sortKey]);
    return this.ticketsAt(due.sort((a, b) => dueAt(a) - dueAt(b)).slice(0, limit));
  }

  /** The tickets whose state items are at `found` (each read with its body), in that order. */
  private ticketsAt(found: readonly Key[]): Promise<Ticket[]> {
    return ticketsWithIds(this.table, found.map(idOf));
  }

  async appendHistory(ticketId: string, entry: HistoryEntry): Promise<void> {
    await this.table.put(historyItem(ticketId, entry));
  }

  async linkUsed(nonce: string): Promise<boolean> {
    return (await this.table.get(keys.linkUse(nonce))) !== undefined;
  }

  /**
   * One transaction: the state item (conditional on the version, and on each new notification id being new: an
   * outbox entry is never overwritten, nor sent again), the history entries, and the link's use. New notifications
   * put the ticket in the retry index, due now.
   */
  async applyTransition(
    { ticket, history, notifications }: Transition,
    expectedVersion: number,
    linkUse?: { readonly id: string; readonly expiresAt: Instant },
  ): Promise<'applied' | 'stale' | 'link-used'> {
    const now = history[0]?.at ?? Date.now();
    const update = new Update().assign({ ...stateFields(ticket), ...indexFields(ticket) });
    for (const n of notifications) update.set(['outbox', n.id], newOutboxEntry(n, now));
    if (notifications.length > 0)
      update.set([TABLE.byRetry.partitionKey], keys.retryPartition).set([TABLE.byRetry.sortKey], now);
    update.when(
      (u) =>
        `attribute_exists(pk) AND ${u.path('version')} = ${u.value(expectedVersion)}` +
        notifications.map((n) => ` AND attribute_not_exists(${u.path('outbox', n.id)})`).join(''),
    );
    const items = [
      this.table.updateItem(keys.ticket(ticket.id), update),
      ...history.map((entry) => this.table.putItem(historyItem(ticket.id, entry))),
    ];
    if (linkUse) {
      const use = linkUseItem(linkUse, now, { ticketId: ticket.id });
      items.push(this.table.putItem(use, 'attribute_not_exists(pk)'));
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.table.transact(items);
        return 'applied';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (linkUse && codes.at(-1) === 'ConditionalCheckFailed') return 'link-used';
        if (codes.includes('ConditionalCheckFailed')) return 'stale';
        // Two writers on one ticket at once: retry, and the loser then finds the version moved.
        if (codes.includes('TransactionConflict') && attempt < this.maxAttempts) {
          await this.table.sleep(this.table.backoff(attempt));
          continue;
        }
        throw error;
      }
    }
  }

  async flagRequesterBounce(ticketId: string, entry: HistoryEntry): Promise<void> {
    const flag = new Update().set(['requesterEmailBounced'], true).when(() => 'attribute_exists(pk)');
    await this.table.transact(
      withAuditLine(this.table, ticketId, entry, [this.table.updateItem(keys.ticket(ticketId), flag)]),
    );
  }
}

/** The due index's keys of a ticket: set while it is open, removed (undefined) once it is resolved. */
function indexFields(ticket: Ticket): Record<string, unknown> {
  return (
    dueIndexKeys(ticket) ?? {
      [TABLE.byDueTime.partitionKey]: undefined,
      [TABLE.byDueTime.sortKey]: undefined,
    }
  );
}

/** A state item's notifications, by id. */
export function notificationsOf(
  ticketId: string,
  outbox: Readonly<Record<string, OutboxEntry>>,
): NotificationRecord[] {
  return Object.entries(outbox)
    .map(([id, entry]) => toNotification(ticketId, id, entry))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The audit line of a sent notification, derived from the record rather than stored: its stored note when the record
 * could not say it again (escalations, reminders: the catalog of the day), else the one the ticket implies.
 */
function deliveryHistory(
  n: NotificationRecord,
  ticket: Ticket,
  entry: OutboxEntry | undefined,
): HistoryEntry[] {
  if (n.status !== 'sent' || n.sentAt === undefined) return [];
  if (entry?.note !== undefined) return [{ at: n.sentAt, event: 'notified', by: 'system', note: entry.note }];
  return [
    deliveredEntry(
      n.kind,
      envelopeFor(n, ticket, () => []),
      n.sentAt,
    ),
  ];
}
