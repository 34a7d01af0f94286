// What the staff console reads, through indexes only (never a scan): a product queue's open tickets from byDueTime,
// earliest deadline first, and a month's PQRSA from byMonth. Both read the summary the indexes project, checked.
import * as z from 'zod/mini';
import { ESCALATION_LEVELS } from '#domain/catalog.js';
import type { QueueRef } from '#domain/inbound/directory.js';
import type { QueueEntry } from '#domain/ports.js';
import { summaryOf } from '#domain/staff/summary.js';
import { TICKET_STATUSES } from '#domain/ticket.js';
import { idOf, keys, TABLE } from '../table.js';
import { parse, ticketsWithIds } from './items.js';
import { checkedMonth, summaryItem } from './summary-item.js';
import type { Item, TableClient } from './table-client.js';

/** The queue page's cap (domain/ports.ts StaffQueries.listQueue). */
export const QUEUE_LIMIT = 500;

// Each may be absent: a ticket written before summaries has none, and a byDueTime kept from before the staff console
// (legacyQueueIndex) projects none of them. Such an entry is read from its ticket (see entriesOf).
const entryItem = z.object({
  status: z.optional(z.enum(TICKET_STATUSES)),
  escalationLevel: z.optional(z.union(ESCALATION_LEVELS.map((l) => z.literal(l)))),
  dueAt: z.optional(z.nullable(z.number())),
  summary: z.optional(summaryItem),
});

export class StaffIndexes {
  constructor(private readonly table: TableClient) {}

  async listQueue(ref: QueueRef, limit = QUEUE_LIMIT): Promise<readonly QueueEntry[]> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('limit must be a whole number of at least 1');
    const items = await this.table.queryAll(
      {
        IndexName: TABLE.byDueTime.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.byDueTime.partitionKey },
        ExpressionAttributeValues: { ':pk': keys.duePartition(ref.product, ref.queue) },
        ScanIndexForward: true,
      },
      limit,
    );
    // A state item read to complete an entry may be newer than the index that listed it: resolved since.
    return (await this.entriesOf(items)).filter((entry) => entry.status !== 'resolved');
  }

  async listPqrsaOfMonth(month: string): Promise<readonly QueueEntry[]> {
    const items = await this.table.queryAll({
      IndexName: TABLE.byMonth.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byMonth.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.monthPartition(checkedMonth(month)) },
      ScanIndexForward: true,
    });
    return this.entriesOf(items);
  }

  /**
   * Index items as entries, in order. One the index does not carry whole (a legacy projection) is completed from
   * its ticket's state item, read by key; one whose state item has no summary either (written before summaries) from
   * its whole ticket. One whose ticket is gone meanwhile is left out.
   */
  private async entriesOf(items: readonly Item[]): Promise<QueueEntry[]> {
    const parsed = items.map((item) => entryOf(item));
    const partial = parsed.filter((entry) => whole(entry) === undefined).map((entry) => entry.id);
    // As consistent as the index that listed them, for half the read units.
    const states = await this.table.itemsAt(
      partial.map((id) => keys.ticket(id)),
      false,
    );
    const found = new Map<string, QueueEntry>();
    for (const state of states) {
      const entry = whole(entryOf(state));
      if (entry) found.set(entry.id, entry);
    }
    const unsummarised = partial.filter((id) => !found.has(id));
    for (const t of await ticketsWithIds(this.table, unsummarised)) {
      const { id, status, escalationLevel, dueAt } = t;
      found.set(id, { id, status, escalationLevel, dueAt, summary: summaryOf(t) });
    }
    return parsed.flatMap((entry) => {
      const complete = whole(entry) ?? found.get(entry.id);
      return complete ? [complete] : [];
    });
  }
}

/** An index entry (or a state item) as far as it goes. */
function entryOf(item: Item) {
  return { id: idOf(item), ...parse(entryItem, item, 'index entry') };
}

type PartialEntry = ReturnType<typeof entryOf>;

/** The entry, when the item carried all of it. */
function whole({ id, status, escalationLevel, dueAt, summary }: PartialEntry): QueueEntry | undefined {
  if (status === undefined || escalationLevel === undefined || dueAt === undefined || summary === undefined)
    return undefined;
  return { id, status, escalationLevel, dueAt, summary };
}
