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
    return this.entriesOf(items);
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
   * Index items as entries, in order. One the index does not carry whole (no summary, or a legacy projection) is
   * read from its ticket, two reads by key; one whose ticket is gone meanwhile is left out.
   */
  private async entriesOf(items: readonly Item[]): Promise<QueueEntry[]> {
    const parsed = items.map((item) => ({ id: idOf(item), ...parse(entryItem, item, 'index entry') }));
    const whole = (entry: (typeof parsed)[number]): QueueEntry | undefined => {
      const { id, status, escalationLevel, dueAt, summary } = entry;
      if (
        status === undefined ||
        escalationLevel === undefined ||
        dueAt === undefined ||
        summary === undefined
      )
        return undefined;
      return { id, status, escalationLevel, dueAt, summary };
    };
    const partial = parsed.filter((entry) => whole(entry) === undefined).map((entry) => entry.id);
    const read = new Map(
      (await ticketsWithIds(this.table, partial)).map((t): [string, QueueEntry] => [
        t.id,
        {
          id: t.id,
          status: t.status,
          escalationLevel: t.escalationLevel,
          dueAt: t.dueAt,
          summary: summaryOf(t),
        },
      ]),
    );
    return parsed.flatMap((entry) => {
      const found = whole(entry) ?? read.get(entry.id);
      return found ? [found] : [];
    });
  }
}
