// Erasing a closed ticket's personal data when its retention period ends (domain/retention.ts): the body keeps the
// request's classification and routing but loses who asked and what they wrote; history entries written by people
// lose their text and name staff by level only; the state item loses the requester's address hash and its summary's
// subject, and leaves the CLOSED partition of byDueTime. What statistics need (product, type, priority, queue,
// routing, dates) stays, and so does a PQRSA's place in the month index (the compliance report counts it).
import { summaryOf } from '#domain/staff/summary.js';
import { type HistoryEntry, staffLevelOf } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { idOf, keys, TABLE } from '../table.js';
import {
  bodyKey,
  historyFrom,
  isBodyItem,
  isHistoryItem,
  ticketFrom,
  ticketItems,
  withAuditLine,
} from './items.js';
import type { TableClient } from './table-client.js';
import { Update } from './table-client.js';

export class Erasure {
  constructor(private readonly table: TableClient) {}

  async listClosedBefore(product: string, before: Instant, limit = 100): Promise<readonly string[]> {
    return (await this.table.queryIndex(TABLE.byDueTime, keys.closedPartition(product), before, limit)).map(
      idOf,
    );
  }

  /**
   * History first (rewritten in place, so a second run finds nothing left to change), then one transaction: the
   * state item (on the condition that it is closed and not erased yet), the body, and the audit line.
   */
  async erasePersonalData(ticketId: string, entry: HistoryEntry): Promise<boolean> {
    const { pk, sk } = keys.ticket(ticketId);
    const items = await ticketItems(this.table, ticketId);
    const state = items.find((i) => i.sk === sk);
    const bodyItem = items.find(isBodyItem);
    if (state?.status !== 'resolved' || state.erasedAt !== undefined || !bodyItem) return false;
    // The summary as the erased ticket gives it (no subject), whole: a state item written before summaries gets one.
    const { ticket } = ticketFrom(state, bodyItem, ticketId);
    const summary = summaryOf({ ...ticket, erasedAt: entry.at });
    for (const item of items.filter(isHistoryItem)) {
      const before = historyFrom(item);
      const after = anonymous(before);
      if (after.by !== before.by || after.note !== before.note || before.attachments !== undefined)
        await this.table.put({ pk: item.pk, sk: item.sk, entity: 'history', ...after });
    }
    const closed = new Update()
      .set(['erasedAt'], entry.at)
      .set(['summary'], summary)
      .remove(['rh'])
      .remove([TABLE.byDueTime.partitionKey])
      .remove([TABLE.byDueTime.sortKey])
      .when(
        (u) => `${u.path('status')} = ${u.value('resolved')} AND attribute_not_exists(${u.path('erasedAt')})`,
      );
    const body = new Update()
      .assign({ subject: '', description: '', requester: { name: '', email: '' }, erasedAt: entry.at })
      .when(() => 'attribute_exists(pk)');
    return this.table.transactIf(
      withAuditLine(this.table, ticketId, entry, [
        this.table.updateItem({ pk, sk }, closed),
        this.table.updateItem(bodyKey(ticketId), body),
      ]),
    );
  }
}

/**
 * A history entry without personal data: a staff member named by level only (`personal de soporte (nivel 2)`), no
 * text a person wrote (a resolution's answer, a requester's reason to escalate) and no file names (the files
 * themselves are deleted beside it: domain/attachments.ts `erasingAttachments`); system-written notes stay.
 */
export function anonymous(entry: HistoryEntry): HistoryEntry {
  const level = staffLevelOf(entry.by);
  if (level === undefined && entry.by !== 'requester' && entry.attachments === undefined) return entry;
  if (level === undefined && entry.by !== 'requester') {
    const { attachments: _, ...rest } = entry;
    return rest;
  }
  const by = level === undefined ? entry.by : `personal de soporte${level ? ` (nivel ${level})` : ''}`;
  return { at: entry.at, event: entry.event, by };
}
