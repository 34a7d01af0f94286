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

const entryItem = z.object({
  status: z.enum(TICKET_STATUSES),
  escalationLevel: z.union(ESCALATION_LEVELS.map((l) => z.literal(l))),
  dueAt: z.nullable(z.number()),
  // Absent on a ticket written before summaries: summarised from the ticket itself (see entriesOf).
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

  /** Index items as entries, in order; one without a summary (written before them) is summarised from its ticket. */
  private async entriesOf(items: readonly Item[]): Promise<QueueEntry[]> {
    const parsed = items.map((item) => ({ id: idOf(item), ...parse(entryItem, item, 'index entry') }));
    const unsummarised = parsed.filter((entry) => entry.summary === undefined).map((entry) => entry.id);
    const summaries = new Map(
      (await ticketsWithIds(this.table, unsummarised)).map((ticket) => [ticket.id, summaryOf(ticket)]),
    );
    return parsed.flatMap(({ summary, ...entry }) => {
      const found = summary ?? summaries.get(entry.id);
      return found ? [{ ...entry, summary: found }] : [];
    });
  }
}
