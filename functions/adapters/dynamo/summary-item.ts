// The ticket summary as the state item keeps it (and the staff indexes project it), and the month index's keys: what
// the staff console's queue page and the PQRSA report read without fetching a ticket (domain/staff/summary.ts).
import * as z from 'zod/mini';
import { PRIORITIES, QUEUES } from '#domain/catalog.js';
import { REPORT_MONTH, reportMonthOf } from '#domain/staff/report.js';
import type { Ticket } from '#domain/ticket.js';
import { keys, TABLE } from '../table.js';

const instant = z.number();

export const summaryItem = z.object({
  product: z.string(),
  queue: z.enum(QUEUES),
  type: z.string(),
  priority: z.enum(PRIORITIES),
  subject: z.string(),
  receivedAt: instant,
  termDueAt: z.nullable(instant),
  suspended: z.optional(z.literal(true)),
  answeredAt: z.optional(instant),
  extended: z.optional(z.literal(true)),
  withdrawn: z.optional(z.literal(true)),
});

/** A month as the report names it (`YYYY-MM`); a RangeError naming what is allowed otherwise. */
export function checkedMonth(month: string): string {
  if (!REPORT_MONTH.test(month))
    throw new RangeError(`month must be YYYY-MM (e.g. 2026-11), not ${JSON.stringify(month)}`);
  return month;
}

/**
 * The byMonth keys of a ticket: a PQRSA's Bogotá month of receipt (the report's month: a PQRSA received at 23:30 on
 * 30 November in Bogotá is November's) and its receipt; none for a support ticket. Set at
 * creation and never removed (the month of receipt never changes, and the anonymised ticket stays in the report).
 */
export function monthIndexKeys(ticket: Ticket): Record<string, unknown> {
  if (ticket.queue !== 'pqrsa') return {};
  return {
    [TABLE.byMonth.partitionKey]: keys.monthPartition(reportMonthOf(ticket.receivedAt)),
    [TABLE.byMonth.sortKey]: ticket.receivedAt,
  };
}
