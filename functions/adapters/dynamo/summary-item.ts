// The ticket summary as the state item keeps it (and the staff indexes project it), and the month index's keys: what
// the staff console's queue page and the PQRSA report read without fetching a ticket (domain/staff/summary.ts).
import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import { PRIORITIES, QUEUES } from '#domain/catalog.js';
import type { Ticket } from '#domain/ticket.js';
import { BOGOTA, type Instant } from '#domain/time/instant.js';
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

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month as the report names it (`YYYY-MM`); a RangeError naming what is allowed otherwise. */
export function checkedMonth(month: string): string {
  if (!MONTH.test(month))
    throw new RangeError(`month must be YYYY-MM (e.g. 2026-11), not ${JSON.stringify(month)}`);
  return month;
}

/** The Bogotá month (`YYYY-MM`) of an instant: a PQRSA received at 23:30 on 30 November in Bogotá is November's. */
export function bogotaMonthOf(at: Instant): string {
  return DateTime.fromMillis(at, { zone: BOGOTA }).toFormat('yyyy-LL');
}

/**
 * The byMonth keys of a ticket: a PQRSA's Bogotá month of receipt and its receipt; none for a support ticket. Set at
 * creation and never removed (the month of receipt never changes, and the anonymised ticket stays in the report).
 */
export function monthIndexKeys(ticket: Ticket): Record<string, unknown> {
  if (ticket.queue !== 'pqrsa') return {};
  return {
    [TABLE.byMonth.partitionKey]: keys.monthPartition(bogotaMonthOf(ticket.receivedAt)),
    [TABLE.byMonth.sortKey]: ticket.receivedAt,
  };
}
